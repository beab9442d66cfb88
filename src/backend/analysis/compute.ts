/**
 * Runs one analysis on prepared inputs. Pure computation (no database): used inside the analysis
 * worker thread and, where no worker can be started, inline.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import {
  cellIndexOf, dbscan, emergingHotSpots, gridForBounds, hotspotQuality, hotSpotsForFeatures, kernelDensity, knoxTest, optimizedHotSpots,
  utcMonthEdges, utcWeekEdges, type RunOptions,
} from '../../core/analysis';
import { geometryToPuwg92 } from '../../core/districts';
import type { AnalysisRequest } from '../../shared/contract/analysis';
import { presentDbscan, presentEmerging, presentGiStar, presentKde, presentKnox, presentQuality, type PresentedAnalysis } from './present';

export interface AnalysisInput {
  ids: Int32Array;
  x: Float64Array;
  y: Float64Array;
  times: Float64Array;
  categories: Uint8Array;
  districtIds: Int32Array;
  /** Beats (WGS84), for aggregation to beats and as the study area. */
  districts: { id: number; name: string; geometry: Polygon | MultiPolygon }[];
  /** Area A of PAI, m²: the territory, else the union of the beats (store/studyArea.ts); null = the grid's extent. */
  studyAreaM2?: number | null;
}

type Req = Extract<AnalysisRequest, { method: string }>;

function studyArea(input: AnalysisInput): number[][][][] | undefined {
  if (input.districts.length === 0) return undefined;
  const polys: number[][][][] = [];
  for (const d of input.districts) {
    const g = geometryToPuwg92(d.geometry);
    if (g.type === 'Polygon') polys.push(g.coordinates as number[][][]);
    else for (const p of g.coordinates) polys.push(p as number[][][]);
  }
  return polys;
}

export function computeAnalysis(request: Req, input: AnalysisInput, run?: RunOptions): PresentedAnalysis {
  const area = studyArea(input);
  switch (request.method) {
    case 'gistar': {
      if (request.aggregation === 'beats') {
        const index = new Map(input.districts.map((d, i) => [d.id, i]));
        const values = new Float64Array(input.districts.length);
        for (let i = 0; i < input.districtIds.length; i++) {
          const k = index.get(input.districtIds[i]);
          if (k !== undefined) values[k]++;
        }
        const cx = new Float64Array(input.districts.length);
        const cy = new Float64Array(input.districts.length);
        input.districts.forEach((d, k) => {
          const g = geometryToPuwg92(d.geometry);
          const ring = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]) as number[][];
          let sx = 0, sy = 0;
          for (const p of ring) { sx += p[0]; sy += p[1]; }
          cx[k] = sx / ring.length;
          cy[k] = sy / ring.length;
        });
        const r = hotSpotsForFeatures({ values, cx, cy }, { distanceBand: request.distanceBand, fdr: request.fdr, minFeatures: 8 } as never);
        return presentGiStar(r, input.districts);
      }
      const r = optimizedHotSpots(
        { x: input.x, y: input.y },
        { grid: request.aggregation === 'square' ? 'square' : 'hex-pointy', cellSize: request.cellSize, distanceBand: request.distanceBand, fdr: request.fdr, studyArea: area, cells: area ? 'studyArea' : 'hull' },
        run,
      );
      return presentGiStar(r);
    }
    case 'dbscan': {
      const r = dbscan(
        { x: input.x, y: input.y, times: input.times, categories: input.categories },
        { eps: request.eps ?? 100, minPoints: request.minPoints ?? 5, timeWindowMs: request.timeWindowDays ? request.timeWindowDays * 86_400_000 : null },
        run,
      );
      return presentDbscan(r, input.ids);
    }
    case 'kde':
      return presentKde(kernelDensity({ x: input.x, y: input.y }, { radius: request.radius, cells: request.cells }, run));
    case 'emerging': {
      let t0 = Infinity, t1 = -Infinity;
      for (const t of input.times) { if (t < t0) t0 = t; if (t > t1) t1 = t; }
      const edges = request.step === 'week' ? utcWeekEdges(t0, t1 + 1) : utcMonthEdges(t0, t1 + 1);
      const r = emergingHotSpots(
        { x: input.x, y: input.y, times: input.times, stepEdges: edges },
        { cellSize: request.cellSize, distanceBand: request.distanceBand, studyArea: area, cells: area ? 'studyArea' : 'hull' },
        run,
      );
      return presentEmerging(r, Array.from(edges));
    }
    case 'knox': {
      const r = knoxTest(
        { x: input.x, y: input.y, times: input.times },
        { distanceEdges: request.distanceEdges ?? [0, 100, 200, 400, 800], timeEdges: (request.timeEdgesDays ?? [0, 7, 14, 28, 56]).map((d) => d * 86_400_000), iterations: request.iterations, seed: request.seed },
        run,
      );
      return presentKnox(r);
    }
    case 'quality': {
      // Same square grid for both periods over the extent of all reports in the filter.
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (let i = 0; i < input.x.length; i++) {
        if (input.x[i] < minX) minX = input.x[i];
        if (input.x[i] > maxX) maxX = input.x[i];
        if (input.y[i] < minY) minY = input.y[i];
        if (input.y[i] > maxY) maxY = input.y[i];
      }
      const size = request.cellSize ?? 250;
      const spec = gridForBounds('square', size, minX, minY, maxX, maxY);
      const pick = (from: number, to: number) => {
        const counts = new Float64Array(spec.cols * spec.rows);
        for (let i = 0; i < input.times.length; i++) {
          if (input.times[i] < from || input.times[i] >= to) continue;
          const c = cellIndexOf(spec, input.x[i], input.y[i]);
          if (c >= 0) counts[c]++;
        }
        return counts;
      };
      const r = hotspotQuality(
        { trainCounts: pick(request.trainFrom, request.trainTo), testCounts: pick(request.testFrom, request.testTo), areas: size * size, studyAreaM2: input.studyAreaM2 },
        { fraction: request.fraction ?? 0.05 },
      );
      return presentQuality(r, { cellSize: size, trainFrom: request.trainFrom, trainTo: request.trainTo, testFrom: request.testFrom, testTo: request.testTo });
    }
  }
}

/**
 * Runs one analysis on prepared inputs. Pure computation (no database): used inside the analysis
 * worker thread and, where no worker can be started, inline.
 *
 * Study area (for Gi*, the validation table and emerging hot spots):
 * - strata of the place rule: the beats in the filter (`districtIds`), else all beats, grouped by their kind
 *   ('city', 'rural', …): city beats are compared with city beats; without beats the workspace's study area
 *   (its territory) is one stratum; without either, the convex hull of the reports;
 * - polygons and area A (PAI): the selected beats when the filter names beats, else the workspace's study area
 *   (src/backend/store/studyArea.ts: the territory, else the union of the beats), else the hull. Never the
 *   bounding box.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import {
  buildPlaceRaster, cellIndexOf, compareAtShares, convexHull, dbscan, emergingHotSpots, gridForBounds, hotSpotsForFeatures, hotspotsOfResult,
  kernelDensity, knoxTest, optimizedHotSpots, placeHotspotAnalysis, rasterizePolygons, ringArea, stepIndex, type MethodKey, type RunOptions, type Stratum,
} from '../../core/analysis';
import { areaM2, geometryToPuwg92, planarCentroid } from '../../core/districts';
import { warsawMonthEdges, warsawParts, warsawToUtc, warsawWeekEdges } from '../../core/domain/time';
import type { ReportFilter } from '../../core/domain/report';
import type { AnalysisRequest } from '../../shared/contract/analysis';
import {
  presentDbscan, presentEmerging, presentGiStar, presentKde, presentKnox, presentPlaceGiStar, presentQualityComparison, type PresentedAnalysis,
} from './present';

export interface AnalysisInput {
  ids: Int32Array;
  x: Float64Array;
  y: Float64Array;
  times: Float64Array;
  categories: Uint8Array;
  /** 1 when the report's status is in the confirmed group. */
  confirmed: Uint8Array;
  districtIds: Int32Array;
  /** Beats (WGS84), for aggregation to beats and as the study area. */
  districts: { id: number; name: string; kind: string; areaM2: number; geometry: Polygon | MultiPolygon }[];
  /** The workspace's study area (store/studyArea.ts: the territory, else the union of the beats), WGS84. */
  studyArea: { source: 'territory' | 'beats'; areaM2: number; geometry: Polygon | MultiPolygon } | null;
  /** The filter the reports were selected by. */
  filter: ReportFilter;
}

type Req = Extract<AnalysisRequest, { method: string }>;

const polys2180 = (g: Polygon | MultiPolygon): number[][][][] => {
  const p = geometryToPuwg92(g);
  return (p.type === 'Polygon' ? [p.coordinates] : p.coordinates) as number[][][][];
};

export interface StudyArea {
  /** Strata of the place rule (EPSG:2180); undefined = convex hull of the reports. */
  strata: Stratum[] | undefined;
  /** All study polygons (EPSG:2180), or undefined for the hull. */
  polygons: number[][][][] | undefined;
  areaM2: number;
  source: 'beats' | 'territory' | 'hull';
}

/** The study area of an analysis (module doc). */
export function studyAreaOf(input: AnalysisInput): StudyArea {
  const ids = input.filter.districtIds?.filter((d) => d > 0);
  const selected = ids && ids.length > 0;
  const beats = selected ? input.districts.filter((d) => ids.includes(d.id)) : input.districts;
  if (beats.length > 0) {
    const byKind = new Map<string, number[][][][]>();
    for (const b of beats) byKind.set(b.kind, [...(byKind.get(b.kind) ?? []), ...polys2180(b.geometry)]);
    const strata = [...byKind.entries()].map(([name, polygons]) => ({ name, polygons }));
    if (!selected && input.studyArea) {
      return { strata, polygons: polys2180(input.studyArea.geometry), areaM2: input.studyArea.areaM2, source: input.studyArea.source };
    }
    // EPSG:2180 planar area, as the territory's and the union's (districts.area_m2 is turf's spherical area, ~0.25 % more here)
    return { strata, polygons: strata.flatMap((s) => s.polygons), areaM2: beats.reduce((s, b) => s + areaM2(b.geometry), 0), source: 'beats' };
  }
  if (input.studyArea) {
    const polygons = polys2180(input.studyArea.geometry);
    return { strata: [{ name: 'territory', polygons }], polygons, areaM2: input.studyArea.areaM2, source: input.studyArea.source };
  }
  const hull = convexHull(input.x, input.y);
  return { strata: undefined, polygons: undefined, areaM2: ringArea(hull), source: 'hull' };
}

function points(input: AnalysisInput, pick?: Uint8Array) {
  if (!pick) return { x: input.x, y: input.y, times: input.times, categories: input.categories, confirmed: input.confirmed, districtIds: input.districtIds };
  const idx: number[] = [];
  for (let i = 0; i < pick.length; i++) if (pick[i]) idx.push(i);
  const sub = <T extends Float64Array | Uint8Array | Int32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(idx.length);
    idx.forEach((i, k) => (out[k] = a[i]));
    return out;
  };
  return { x: sub(input.x), y: sub(input.y), times: sub(input.times), categories: sub(input.categories), confirmed: sub(input.confirmed), districtIds: sub(input.districtIds) };
}

/** Gi* on beats: counts per beat at the beats' AREA centroids (EPSG:2180, holes and all parts; not the vertex mean). */
export function beatCentroids(districts: AnalysisInput['districts']): { cx: Float64Array; cy: Float64Array } {
  const cx = new Float64Array(districts.length), cy = new Float64Array(districts.length);
  districts.forEach((d, k) => {
    const [x, y] = planarCentroid(geometryToPuwg92(d.geometry));
    cx[k] = x;
    cy[k] = y;
  });
  return { cx, cy };
}

/** Warsaw day start of an instant, and the next Warsaw midnight. */
function dayStart(t: number): number {
  const p = warsawParts(t);
  return warsawToUtc(p.year, p.month, p.day);
}
function nextMidnight(t: number): number {
  const p = warsawParts(t);
  return warsawToUtc(p.year, p.month, p.day + 1);
}

/** The analysed period: the filter's bounds, else the Warsaw days of the first and last report. */
export function analysedPeriod(input: AnalysisInput): [number, number] {
  let t0 = Infinity, t1 = -Infinity;
  for (const t of input.times) { if (t < t0) t0 = t; if (t > t1) t1 = t; }
  return [input.filter.from ?? dayStart(t0), input.filter.to ?? nextMidnight(t1)];
}

/**
 * Warsaw calendar steps over the analysed period. A step the period covers only in part (a filter starting on
 * the 15th, data ending mid-week) is `partial`; with 'exclude' partial first/last steps are left out and their
 * reports are not analysed (stated in the result).
 */
export function calendarSteps(input: AnalysisInput, step: 'week' | 'month', partial: 'exclude' | 'include'): {
  edges: Float64Array; partialFirst: boolean; partialLast: boolean; excluded: ('first' | 'last')[]; period: [number, number];
} {
  const [p0, p1] = analysedPeriod(input);
  let edges = step === 'week' ? warsawWeekEdges(p0, p1 - 1) : warsawMonthEdges(p0, p1 - 1);
  const partialFirst = edges[0] < p0;
  const partialLast = edges[edges.length - 1] > p1;
  const excluded: ('first' | 'last')[] = [];
  if (partial === 'exclude') {
    let a = 0, b = edges.length;
    if (partialFirst) { a = 1; excluded.push('first'); }
    if (partialLast) { b = edges.length - 1; excluded.push('last'); }
    edges = edges.slice(a, b);
  }
  return { edges: Float64Array.from(edges), partialFirst, partialLast, excluded, period: [p0, p1] };
}

export function computeAnalysis(request: Req, input: AnalysisInput, run?: RunOptions): PresentedAnalysis {
  switch (request.method) {
    case 'gistar': {
      const area = studyAreaOf(input);
      const pts = points(input);
      const minReports = request.minReports ?? 5;
      if (request.aggregation === 'beats') {
        const index = new Map(input.districts.map((d, i) => [d.id, i]));
        const values = new Float64Array(input.districts.length);
        const unitOfPoint = new Int32Array(input.districtIds.length);
        for (let i = 0; i < input.districtIds.length; i++) {
          const k = index.get(input.districtIds[i]);
          unitOfPoint[i] = k ?? -1;
          if (k !== undefined) values[k]++;
        }
        const { cx, cy } = beatCentroids(input.districts);
        const r = hotSpotsForFeatures({ values, cx, cy }, { distanceBand: request.distanceBand, fdr: request.fdr, minFeatures: 8 });
        const list = hotspotsOfResult(r, pts, area.strata, { minReports, unitOfPoint, featureAreas: Float64Array.from(input.districts, (d) => d.areaM2) });
        return presentGiStar(r, input, list, 'beats', input.districts);
      }
      const grid = request.aggregation === 'square' ? 'square' : 'hex-pointy';
      if (request.band === 'auto-isa') {
        const r = optimizedHotSpots(
          { x: input.x, y: input.y },
          { grid, cellSize: request.cellSize, distanceBand: request.distanceBand, fdr: request.fdr, studyArea: area.polygons, cells: area.polygons ? 'studyArea' : 'hull' },
          run,
        );
        const list = hotspotsOfResult(r, pts, area.strata, { minReports });
        return presentGiStar(r, input, list, 'auto-isa');
      }
      const r = placeHotspotAnalysis(pts, area.strata, {
        grid, cellSize: request.cellSize, distanceBand: request.distanceBand, referenceRadius: request.referenceRadius, minReports, fdr: request.fdr,
      }, run);
      return presentPlaceGiStar(r, input);
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
      const area = studyAreaOf(input);
      const steps = calendarSteps(input, request.step ?? 'month', request.partialSteps ?? 'exclude');
      if (steps.edges.length < 3) throw new Error('Emerging hot spot analysis needs at least 2 time steps (10 or more recommended).');
      const step = stepIndex(input.times, steps.edges);
      const r = emergingHotSpots(
        { x: input.x, y: input.y, step, steps: steps.edges.length - 1 },
        { cellSize: request.cellSize, distanceBand: request.distanceBand, studyArea: area.polygons, cells: area.polygons ? 'studyArea' : 'hull' },
        run,
      );
      return presentEmerging(r, Array.from(steps.edges), request.step ?? 'month', steps);
    }
    case 'knox': {
      const r = knoxTest(
        { x: input.x, y: input.y, times: input.times },
        { distanceEdges: request.distanceEdges ?? [0, 100, 200, 400, 800], timeEdges: (request.timeEdgesDays ?? [0, 7, 14, 28, 56]).map((d) => d * 86_400_000), iterations: request.iterations, seed: request.seed },
        run,
      );
      return presentKnox(r, request.timeEdgesDays ?? [0, 7, 14, 28, 56]);
    }
    case 'quality':
      return computeQuality(request, input, run);
  }
}

/** Method keys for the validation table (quality.ts compareAtShares): each method's DEFAULT map of the training period. */
function computeQuality(request: Extract<Req, { method: 'quality' }>, input: AnalysisInput, run?: RunOptions): PresentedAnalysis {
  const area = studyAreaOf(input);
  let t1 = -Infinity;
  for (const t of input.times) if (t > t1) t1 = t;
  const end = input.filter.to ?? nextMidnight(t1);
  const testDays = request.testDays ?? 30, trainDays = request.trainDays ?? 90;
  // whole Warsaw days back from the end (not 24 h multiples: a DST change would shift the edges by an hour)
  const daysBefore = (t: number, days: number) => {
    const p = warsawParts(t);
    return warsawToUtc(p.year, p.month, p.day - days, p.hour, p.minute, p.second);
  };
  const testTo = request.testTo ?? end;
  const testFrom = request.testFrom ?? daysBefore(testTo, testDays);
  const trainTo = request.trainTo ?? testFrom;
  const trainFrom = request.trainFrom ?? daysBefore(trainTo, trainDays);
  if (!(trainFrom < trainTo && testFrom < testTo && trainTo <= testFrom)) throw new Error('The training period must end before the test period starts.');
  const train = new Uint8Array(input.x.length), test = new Uint8Array(input.x.length);
  let nTrain = 0, nTest = 0;
  for (let i = 0; i < input.times.length; i++) {
    const t = input.times[i];
    if (t >= trainFrom && t < trainTo) { train[i] = 1; nTrain++; }
    if (t >= testFrom && t < testTo) { test[i] = 1; nTest++; }
  }
  if (nTrain < 30) throw new Error(`Hot spot analysis needs at least 30 features (cells) but got ${nTrain}; use a smaller cell size or a larger area.`);
  const tr = points(input, train), te = points(input, test);
  // evaluation grid: squares over the study area
  const size = request.cellSize ?? 100;
  const polygons = area.polygons ?? [[[...convexHull(input.x, input.y), convexHull(input.x, input.y)[0]]]];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const poly of polygons) for (const p of poly[0] ?? []) {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  for (let i = 0; i < input.x.length; i++) {
    if (input.x[i] < minX) minX = input.x[i];
    if (input.x[i] > maxX) maxX = input.x[i];
    if (input.y[i] < minY) minY = input.y[i];
    if (input.y[i] > maxY) maxY = input.y[i];
  }
  const spec = gridForBounds('square', size, minX, minY, maxX, maxY);
  const F = spec.cols * spec.rows;
  const eligible = new Uint8Array(F);
  rasterizePolygons(spec, polygons, (c) => (eligible[c] = 1));
  const count = (p: { x: Float64Array; y: Float64Array }) => {
    const out = new Float64Array(F);
    for (let i = 0; i < p.x.length; i++) {
      const c = cellIndexOf(spec, p.x[i], p.y[i]);
      if (c >= 0) out[c]++;
    }
    return out;
  };
  const trainCounts = count(tr), testCounts = count(te);
  const centre = (c: number): [number, number] => {
    const col = c % spec.cols, row = (c - col) / spec.cols;
    return [spec.originX + (col + 0.5) * size, spec.originY + (row + 0.5) * size];
  };
  const methods: MethodKey[] = [];
  const failures: { method: string; error: string }[] = [];
  const tryMethod = (name: string, f: () => Float64Array) => {
    try {
      methods.push({ method: name, key: f() });
    } catch (e) {
      failures.push({ method: name, error: (e as Error).message });
    }
  };
  // Gi*, place rule (default): cells of listed hotspots first (by hotspot rank), then other cells by z
  tryMethod('gistar', () => {
    const r = placeHotspotAnalysis(tr, area.strata, {}, run);
    const slot = new Int32Array(r.raster.spec.cols * r.raster.spec.rows).fill(-1);
    r.gi.cells.forEach((c, k) => (slot[c] = k));
    const key = new Float64Array(F).fill(NaN);
    for (let c = 0; c < F; c++) {
      if (!eligible[c]) continue;
      const [x, y] = centre(c);
      const g = cellIndexOf(r.raster.spec, x, y);
      const k = g >= 0 ? slot[g] : -1;
      if (k < 0) continue;
      const rank = r.list.hotspotOfUnit[k];
      key[c] = rank > 0 ? 1e6 - rank : r.gi.z[k];
    }
    return key;
  });
  // Gi*, ArcGIS optimized settings: z of the cell
  tryMethod('gistar-isa', () => {
    const r = optimizedHotSpots({ x: tr.x, y: tr.y }, { studyArea: area.polygons, cells: area.polygons ? 'studyArea' : 'hull' });
    const slot = new Map<number, number>();
    r.cells.forEach((c, k) => slot.set(c, k));
    const key = new Float64Array(F).fill(NaN);
    for (let c = 0; c < F; c++) {
      if (!eligible[c]) continue;
      const [x, y] = centre(c);
      const k = slot.get(cellIndexOf(r.grid!, x, y));
      if (k !== undefined) key[c] = r.z[k];
    }
    return key;
  });
  // KDE, ArcGIS default radius, evaluated on the same cells (row 0 of the KDE grid = north)
  tryMethod('kde', () => {
    const r = kernelDensity({ x: tr.x, y: tr.y }, { grid: { originX: spec.originX, originY: spec.originY + spec.rows * size, cellSize: size, cols: spec.cols, rows: spec.rows } });
    const key = new Float64Array(F);
    for (let c = 0; c < F; c++) {
      const col = c % spec.cols, row = (c - col) / spec.cols;
      key[c] = r.values[(spec.rows - 1 - row) * spec.cols + col];
    }
    return key;
  });
  // DBSCAN (the panel's defaults: eps 100 m, 5 reports): cells whose centre lies in a cluster's hull, bigger clusters first
  tryMethod('dbscan', () => {
    const r = dbscan({ x: tr.x, y: tr.y }, { eps: 100, minPoints: 5 });
    const key = new Float64Array(F);
    for (const cl of r.clusters) if (cl.hull.length >= 3) rasterizePolygons(spec, [[[...cl.hull, cl.hull[0]]]], (c) => (key[c] = Math.max(key[c], cl.size)));
    // a thin cluster may cover no cell centre: its members' cells count too
    for (let i = 0; i < tr.x.length; i++) {
      if (r.labels[i] < 0) continue;
      const c = cellIndexOf(spec, tr.x[i], tr.y[i]);
      if (c >= 0) key[c] = Math.max(key[c], r.clusters[r.labels[i]].size);
    }
    return key;
  });
  // naive baseline: last period's count
  tryMethod('counts', () => Float64Array.from(trainCounts));
  const rows = compareAtShares({ trainCounts, testCounts, eligible, cellArea: size * size, studyAreaM2: area.areaM2, methods, shares: request.shares ?? [0.001, 0.01, 0.05] });
  return presentQualityComparison(rows, failures, {
    trainFrom, trainTo, testFrom, testTo, cellSize: size, studyAreaM2: area.areaM2, studyAreaSource: area.source, trainReports: nTrain, testReports: nTest,
    shares: request.shares ?? [0.001, 0.01, 0.05],
  });
}

/** Build a place raster of the study area (exported for tests of the study-area rule). */
export function studyRaster(input: AnalysisInput, cellSize: number) {
  return buildPlaceRaster({ x: input.x, y: input.y }, studyAreaOf(input).strata, 'hex-pointy', cellSize);
}

/**
 * Turn analysis-engine results (EPSG:2180 typed arrays) into stored, map-ready results: WGS84 GeoJSON
 * features with their statistics, a summary, and the parameters actually used.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import {
  cellPolygon,
  EMERGING_PATTERNS,
  type DbscanResult,
  type EmergingResult,
  type HotSpotResult,
  type HotspotQualityResult,
  type KdeResult,
  type KnoxResult,
  densityLegend,
} from '../../core/analysis';
import { fromPuwg92 } from '../../core/domain/crs';
import { categoryByCode } from '../../core/domain/categories';

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const toLonLat = ([x, y]: [number, number]): [number, number] => {
  const [lon, lat] = fromPuwg92(x, y);
  return [round6(lon), round6(lat)];
};
const ring = (pts: [number, number][]): [number, number][] => {
  const r = pts.map(toLonLat);
  if (r.length > 0 && (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1])) r.push(r[0]);
  return r;
};

export interface PresentedAnalysis {
  params: Record<string, unknown>;
  summary: Record<string, unknown>;
  result: Record<string, unknown>;
}

export const BIN_LABELS: Record<number, string> = {
  3: 'Gorący punkt, ufność 99%',
  2: 'Gorący punkt, ufność 95%',
  1: 'Gorący punkt, ufność 90%',
  0: 'Nieistotny statystycznie',
  [-1]: 'Zimny punkt, ufność 90%',
  [-2]: 'Zimny punkt, ufność 95%',
  [-3]: 'Zimny punkt, ufność 99%',
};

/** Gi*: one polygon per analysed cell (or beat) with count, z, p, bin and neighbour count. */
export function presentGiStar(r: HotSpotResult, beatGeometries?: { id: number; name: string; geometry: Polygon | import('geojson').MultiPolygon }[]): PresentedAnalysis {
  const features: Feature[] = [];
  for (let k = 0; k < r.cells.length; k++) {
    const props = { count: r.counts[k], z: round6(r.z[k]), p: round6(r.p[k]), bin: r.bins[k], neighbours: r.neighbours[k] };
    if (r.grid) {
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring(cellPolygon(r.grid, r.cells[k]))] }, properties: { cell: r.cells[k], ...props } });
    } else if (beatGeometries) {
      const b = beatGeometries[r.cells[k]];
      features.push({ type: 'Feature', geometry: b.geometry, properties: { districtId: b.id, name: b.name, ...props } });
    }
  }
  return {
    params: r.params as unknown as Record<string, unknown>,
    summary: { cells: r.summary.features, hot99: r.summary.hot[2], hot95: r.summary.hot[1], hot90: r.summary.hot[0], cold99: r.summary.cold[2], cold95: r.summary.cold[1], cold90: r.summary.cold[0], distanceBand: r.params.distanceBand, cellSize: r.params.cellSize },
    result: { kind: 'gistar', cellAreaM2: r.cellArea, binLabels: BIN_LABELS, cells: { type: 'FeatureCollection', features } satisfies FeatureCollection },
  };
}

/** DBSCAN: cluster hulls with size, dominant category and first/last date; labels per report id. */
export function presentDbscan(r: DbscanResult, reportIds: Int32Array | Uint32Array): PresentedAnalysis {
  const features: Feature[] = r.clusters.map((c) => {
    const hull = c.hull.length >= 3 ? c.hull : bufferTiny(c.centroid);
    const cat = c.dominantCategory != null ? categoryByCode(c.dominantCategory) : undefined;
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring(hull)] },
      properties: {
        cluster: c.id, size: c.size, core: c.coreCount, border: c.borderCount, centroid: toLonLat(c.centroid),
        dominantCategory: cat?.name ?? null, dominantCategoryCode: c.dominantCategory, dominantCategoryCount: c.dominantCategoryCount,
        firstTime: c.firstTime, lastTime: c.lastTime,
      },
    };
  });
  return {
    params: r.params as unknown as Record<string, unknown>,
    summary: { ...r.counts },
    result: {
      kind: 'dbscan',
      clusters: { type: 'FeatureCollection', features } satisfies FeatureCollection,
      // per report: cluster id (-1 noise) and kind (0 noise, 1 core, 2 border), aligned with reportIds
      reportIds: Array.from(reportIds),
      labels: Array.from(r.labels),
      pointKind: Array.from(r.pointKind),
    },
  };
}

function bufferTiny([x, y]: [number, number]): [number, number][] {
  const d = 5;
  return [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d]];
}

/** KDE: the grid (reports/km², row 0 = north) with its EPSG:2180 geometry, WGS84 corner points and a fixed legend. */
export function presentKde(r: KdeResult): PresentedAnalysis {
  const g = r.grid;
  const legend = densityLegend(r.values);
  // The engine's origin is the NORTH-west corner (row 0 = north), see core/analysis/kde.ts.
  const west = g.originX;
  const north = g.originY;
  const east = g.originX + g.cols * g.cellSize;
  const south = g.originY - g.rows * g.cellSize;
  // Four corners: the grid is a rectangle in EPSG:2180, a slightly rotated quad in WGS84.
  const corners = { sw: toLonLat([west, south]), se: toLonLat([east, south]), ne: toLonLat([east, north]), nw: toLonLat([west, north]) };
  return {
    params: r.params as unknown as Record<string, unknown>,
    summary: { max: r.max, radius: r.params.radius, cols: g.cols, rows: g.rows, unit: 'reports/km²' },
    result: {
      kind: 'kde',
      grid: g,
      corners,
      unit: 'reports/km²',
      legend,
      // Float32 values rounded to 4 significant digits keep the stored JSON small
      values: Array.from(r.values, (v) => (v === 0 ? 0 : Number(v.toPrecision(4)))),
    },
  };
}

const PATTERN_LABELS_PL_BY_NAME: Record<string, string> = {
  'No pattern detected': 'Brak wzorca',
  'New hot spot': 'Nowy gorący punkt',
  'Consecutive hot spot': 'Kolejny gorący punkt',
  'Intensifying hot spot': 'Nasilający się gorący punkt',
  'Persistent hot spot': 'Trwały gorący punkt',
  'Diminishing hot spot': 'Słabnący gorący punkt',
  'Sporadic hot spot': 'Sporadyczny gorący punkt',
  'Oscillating hot spot': 'Oscylujący gorący punkt',
  'Historical hot spot': 'Historyczny gorący punkt',
  'New cold spot': 'Nowy zimny punkt',
  'Consecutive cold spot': 'Kolejny zimny punkt',
  'Intensifying cold spot': 'Nasilający się zimny punkt',
  'Persistent cold spot': 'Trwały zimny punkt',
  'Diminishing cold spot': 'Słabnący zimny punkt',
  'Sporadic cold spot': 'Sporadyczny zimny punkt',
  'Oscillating cold spot': 'Oscylujący zimny punkt',
  'Historical cold spot': 'Historyczny zimny punkt',
};

/** Polish names of the 17 patterns, keyed by the engine's pattern names (case-insensitive). */
export const PATTERN_LABELS_PL: Record<string, string> = Object.fromEntries(
  EMERGING_PATTERNS.map((n) => [n, PATTERN_LABELS_PL_BY_NAME[Object.keys(PATTERN_LABELS_PL_BY_NAME).find((k) => k.toLowerCase() === n.toLowerCase()) ?? ''] ?? n]),
);

/** Emerging hot spots: one polygon per cell with its pattern and the Mann-Kendall trend of its Gi* z series. */
export function presentEmerging(r: EmergingResult, stepEdges: number[]): PresentedAnalysis {
  const features: Feature[] = [];
  for (let k = 0; k < r.cells.length; k++) {
    const code = r.pattern[k];
    const name = EMERGING_PATTERNS[code];
    let total = 0;
    for (let s = 0; s < r.steps; s++) total += r.counts[k * r.steps + s];
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring(cellPolygon(r.grid, r.cells[k]))] },
      properties: {
        cell: r.cells[k], pattern: code, patternName: name, patternNamePl: PATTERN_LABELS_PL[name] ?? name,
        trendZ: round6(r.trendZ[k]), trendP: round6(r.trendP[k]), count: total,
        lastBin: r.bins[k * r.steps + r.steps - 1],
      },
    });
  }
  const nonEmpty = Object.fromEntries(Object.entries(r.patternCounts).filter(([, n]) => n > 0));
  return {
    params: { ...(r.params as unknown as Record<string, unknown>), stepEdges },
    summary: { cells: r.cells.length, steps: r.steps, patterns: nonEmpty },
    result: { kind: 'emerging', patterns: EMERGING_PATTERNS, patternLabelsPl: PATTERN_LABELS_PL, cells: { type: 'FeatureCollection', features } satisfies FeatureCollection },
  };
}

export function presentKnox(r: KnoxResult): PresentedAnalysis {
  const plain = JSON.parse(JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v))) as Record<string, unknown>;
  return { params: r.params as unknown as Record<string, unknown>, summary: { closePairs: r.params.closePairs, points: r.params.pointCount }, result: { ...plain, kind: 'knox' } };
}

export function presentQuality(r: HotspotQualityResult, extra: Record<string, unknown>): PresentedAnalysis {
  const { selected: _selected, ...rest } = r;
  return {
    params: { ...r.params, ...extra },
    summary: { hitRate: r.hitRate, pai: r.pai, rri: r.rri, selectedCells: r.selectedCount, cells: r.params.features },
    result: { ...rest, kind: 'quality', definitions: 'hit rate = n/N: share of the test period reports that fall in the top cells of the training period; PAI = (n/N)/(a/A), a/A the share of the area those cells cover; RRI = (n/nTrain)/(N/NTrain) (Levine 2008).' },
  };
}

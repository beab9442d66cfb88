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
  type HotspotListResult,
  type KdeResult,
  type KnoxResult,
  type PlaceHotspotAnalysis,
  type ShareRow,
  densityLegend,
} from '../../core/analysis';
import { fromPuwg92 } from '../../core/domain/crs';
import { categoryByCode } from '../../core/domain/categories';
import { monthKey, warsawMonthIndex, warsawParts } from '../../core/domain/time';
import type { StoredHotspot } from '../../shared/contract/analysis';
import type { AnalysisInput } from './compute';
import { msg } from '../../core/message';

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

const round = (v: number, d: number) => (Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : v);

/** The ranked hotspots of a list, WGS84, unnamed (the backend names them: places.ts). */
export function presentHotspots(list: HotspotListResult, input: AnalysisInput, strata: string[] | null): StoredHotspot[] {
  const beatName = new Map(input.districts.map((d) => [d.id, d.name]));
  return list.hotspots.map((h) => {
    const [lon, lat] = toLonLat([h.x, h.y]);
    return {
      rank: h.rank, lon, lat, reports: h.reports, confirmed: h.confirmed, place: null,
      districtId: h.districtId >= 0 ? h.districtId : null, beat: h.districtId >= 0 ? (beatName.get(h.districtId) ?? null) : null,
      stratum: strata && h.stratum >= 0 ? (strata[h.stratum] ?? null) : null,
      hours: h.hours ? { from: h.hours.from, to: h.hours.to, share: round(h.hours.share, 3), concentrated: h.hours.concentrated } : null,
      since: h.since?.since ?? null, sinceFromStart: h.since?.fromStart ?? true, until: h.since?.until ?? null,
      score: round(h.score, 3),
      core: { radiusM: round(h.core.radius, 1), reports: h.core.reports, expected: round(h.core.expected, 4), ratio: Number.isFinite(h.core.ratio) ? round(h.core.ratio, 2) : null },
      cells: h.cells, areaM2: Math.round(h.areaM2), confidence: h.confidence, zMax: round(h.zMax, 3),
      topCategories: h.topCategories.map((c) => ({ code: c.code, name: categoryByCode(c.code)?.name ?? 'Inna kategoria', count: c.count })),
      reportIds: Array.from(h.members, (i) => input.ids[i]),
    };
  });
}

function giSummary(bins: Int8Array, cells: number, extra: Record<string, unknown>) {
  const hot = [0, 0, 0], cold = [0, 0, 0];
  for (const b of bins) {
    if (b > 0) hot[b - 1]++;
    else if (b < 0) cold[-b - 1]++;
  }
  return { cells, hot99: hot[2], hot95: hot[1], hot90: hot[0], cold99: cold[2], cold95: cold[1], cold90: cold[0], ...extra };
}

/**
 * Gi* with the ArcGIS settings ('auto-isa') or on beats: one polygon per analysed cell (or beat) with count, z, p,
 * bin (after the hotspot rules: hot only inside a listed hotspot), rawBin (the test's own), hotspot rank.
 */
export function presentGiStar(
  r: HotSpotResult, input: AnalysisInput, list: HotspotListResult & { squareSide?: number }, rule: 'auto-isa' | 'beats',
  beatGeometries?: { id: number; name: string; geometry: Polygon | import('geojson').MultiPolygon }[],
): PresentedAnalysis {
  const features: Feature[] = [];
  for (let k = 0; k < r.cells.length; k++) {
    const props = {
      count: r.counts[k], z: round6(r.z[k]), p: round6(r.p[k]), bin: list.bins[k], rawBin: r.bins[k], hotspot: list.hotspotOfUnit[k], neighbours: r.neighbours[k],
    };
    if (r.grid) {
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring(cellPolygon(r.grid, r.cells[k]))] }, properties: { cell: r.cells[k], ...props } });
    } else if (beatGeometries) {
      const b = beatGeometries[r.cells[k]];
      features.push({ type: 'Feature', geometry: b.geometry, properties: { districtId: b.id, name: b.name, ...props } });
    }
  }
  const hotspots = presentHotspots(list, input, null);
  return {
    params: { ...(r.params as unknown as Record<string, unknown>), rule, minReports: list.params.minReports, placeRadius: list.params.placeRadius, referenceRadius: list.params.referenceRadius, ranking: list.params.ranking },
    summary: giSummary(list.bins, r.summary.features, { distanceBand: r.params.distanceBand, cellSize: r.params.cellSize, hotspots: hotspots.length, rule }),
    result: { kind: 'gistar', rule, cellAreaM2: r.cellArea, binLabels: BIN_LABELS, cells: { type: 'FeatureCollection', features } satisfies FeatureCollection, hotspots, dropped: list.dropped },
  };
}

/**
 * Gi*, place rule (the default): the cells that hold reports or are significant (empty, non-significant cells are
 * not stored: the study area has ~10^5 of them), with count, z, p, bin after the hotspot rules, rawBin, hotspot
 * rank and the size of their surroundings; the ranked hotspots.
 */
export function presentPlaceGiStar(r: PlaceHotspotAnalysis, input: AnalysisInput): PresentedAnalysis {
  const { gi, raster, list } = r;
  const features: Feature[] = [];
  for (let k = 0; k < gi.cells.length; k++) {
    if (!(gi.counts[k] > 0) && r.rawBins[k] === 0) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring(cellPolygon(raster.spec, gi.cells[k]))] },
      properties: {
        cell: gi.cells[k], count: gi.counts[k], z: round6(gi.z[k]), p: round6(gi.p[k]), bin: list.bins[k], rawBin: r.rawBins[k], hotspot: list.hotspotOfUnit[k],
        neighbours: gi.neighbours[k], referenceCells: gi.referenceCells[k], stratum: raster.strata[gi.stratum[k]] ?? null,
      },
    });
  }
  const hotspots = presentHotspots(list, input, raster.strata);
  return {
    params: { ...(r.params as unknown as Record<string, unknown>), placeRadius: list.params.placeRadius, ranking: list.params.ranking, cellSizeRule: r.params.cellSizeRule },
    summary: giSummary(list.bins, gi.cells.length, { distanceBand: r.params.distanceBand, cellSize: r.params.cellSize, hotspots: hotspots.length, rule: 'place', tested: gi.tested }),
    result: {
      kind: 'gistar', rule: 'place', cellAreaM2: raster.cellArea, binLabels: BIN_LABELS,
      cells: { type: 'FeatureCollection', features } satisfies FeatureCollection, hotspots, dropped: list.dropped,
    },
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

/** Label of a step start: "YYYY-MM" for months, "YYYY-MM-DD" (Monday) for weeks, Warsaw time. */
export function stepLabel(t: number, step: 'week' | 'month'): string {
  if (step === 'month') return monthKey(warsawMonthIndex(t));
  const p = warsawParts(t);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * Emerging hot spots: one polygon per cell with its pattern, the Mann-Kendall trend of its Gi* z series, the first
 * step of its current hot run ("hot since") and the share of steps it was hot. Steps are Warsaw calendar steps.
 */
export function presentEmerging(
  r: EmergingResult, stepEdges: number[], step: 'week' | 'month',
  steps: { partialFirst: boolean; partialLast: boolean; excluded: ('first' | 'last')[]; period: [number, number] },
): PresentedAnalysis {
  const labels = stepEdges.slice(0, -1).map((t) => stepLabel(t, step));
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
        hotSince: r.hotSince[k] >= 0 ? labels[r.hotSince[k]] : null,
        hotShare: Math.round(r.hotShare[k] * 1000) / 1000,
      },
    });
  }
  const nonEmpty = Object.fromEntries(Object.entries(r.patternCounts).filter(([, n]) => n > 0));
  return {
    params: {
      ...(r.params as unknown as Record<string, unknown>), stepEdges, step, stepLabels: labels, calendar: 'Europe/Warsaw',
      partialFirst: steps.partialFirst, partialLast: steps.partialLast, excludedSteps: steps.excluded, period: steps.period,
    },
    summary: { cells: r.cells.length, steps: r.steps, patterns: nonEmpty, firstStep: labels[0], lastStep: labels[labels.length - 1], excludedSteps: steps.excluded },
    result: { kind: 'emerging', patterns: EMERGING_PATTERNS, patternLabelsPl: PATTERN_LABELS_PL, stepLabels: labels, cells: { type: 'FeatureCollection', features } satisfies FeatureCollection },
  };
}

/** Knox near repeat: observed/expected/ratio/p tables over distance × time bands. */
export function presentKnox(r: KnoxResult, timeEdgesDays: number[]): PresentedAnalysis {
  const plain = JSON.parse(JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v))) as Record<string, unknown>;
  let sig = 0;
  for (const row of r.p) for (const v of row) if (v <= 0.05) sig++;
  return {
    params: { ...(r.params as unknown as Record<string, unknown>), timeEdgesDays },
    summary: { closePairs: r.params.closePairs, points: r.params.pointCount, significantBands: sig, iterations: r.params.iterations },
    result: { ...plain, kind: 'knox', timeEdgesDays },
  };
}

/** The validation table: hit rate and PAI per method and area share (core/analysis/quality.ts compareAtShares). */
export function presentQualityComparison(rows: ShareRow[], failures: { method: string; error: string }[], params: Record<string, unknown>): PresentedAnalysis {
  const clean = rows.map((r) => ({ ...r, hitRate: Number.isFinite(r.hitRate) ? Math.round(r.hitRate * 10_000) / 10_000 : null, pai: Number.isFinite(r.pai) ? Math.round(r.pai * 100) / 100 : null, areaShare: Math.round(r.areaShare * 1e6) / 1e6 }));
  // the best PAI at each share, for the summary line
  const best: Record<string, string> = {};
  for (const s of new Set(rows.map((r) => r.share))) {
    // only maps that reach the share compete (a smaller map has a higher PAI by construction)
    const top = rows.filter((r) => r.share === s && r.filled && Number.isFinite(r.pai)).sort((a, b) => b.pai - a.pai)[0];
    if (top) best[String(s)] = top.method;
  }
  return {
    params: { ...params, methods: [...new Set(rows.map((r) => r.method))] },
    summary: { rows: clean.length, best, trainReports: params.trainReports, testReports: params.testReports },
    result: { kind: 'quality', rows: clean, failures, definitions: msg('hotspots.quality.definitions') },
  };
}

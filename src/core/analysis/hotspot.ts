/**
 * Optimized hot spot analysis (Getis-Ord Gi*) in the spirit of ArcGIS "Optimized Hot Spot Analysis".
 *
 * Workflow for incident points (all steps recorded in `params` of the result):
 * 1. Cell size (unless given). d_nn = mean distance from each point of a seeded random sample of up to
 *    `nnSample` (10,000) points to its nearest *distinct* location among all points (coincident points are
 *    skipped, as ArcGIS works on unique locations). The target cell area is max(d_nn^2, bboxArea / maxCells)
 *    (maxCells default 50,000 grid cells over the bounding box, which keeps the analysis interactive);
 *    square side = sqrt(area), hexagon side = sqrt(2 area / (3 sqrt 3)); the side is rounded to 2 significant
 *    digits. `cellSizeRule` says which term won ('mean-nn' or 'max-cells').
 * 2. Which cells take part ("study area"). Counts of incidents are only meaningful where an incident could have
 *    occurred, and empty cells inside the study area are real zeros that must be analysed (leaving them out
 *    biases the mean upwards and hides cold spots). Options:
 *    - 'studyArea' (default when `studyArea` polygons are given): every cell whose centre lies inside the
 *      (multi)polygon, plus occupied cells (ArcGIS "Bounding Polygons Defining Where Incidents Are Possible").
 *    - 'hull' (default otherwise): every cell whose centre lies inside the convex hull of the incidents, plus
 *      every occupied cell. The hull is our stand-in for the study area when none is given.
 *    - 'occupied': only cells with >= 1 incident (what ArcGIS does without bounding polygons; no cold spots of
 *      "absence" can appear).
 *    - 'bbox': every cell of the grid over the bounding box.
 * 3. Refusal: fewer than 30 analysed cells, or all counts identical (zero variance) -> Error.
 * 4. Distance band (unless given), "incremental spatial autocorrelation":
 *    inc = mean nearest-neighbour distance between analysed cell centres;
 *    start = the largest nearest-neighbour distance after dropping locational outliers (NN distance > mean + 3 SD),
 *    i.e. the smallest band giving every non-outlier cell a neighbour;
 *    bands d_k = start + k inc, k = 0..9; global Moran's I z-score (randomisation) for each band;
 *    the band is the first peak: the smallest k in 1..8 with z_k > 1.65, z_k > z_{k-1} and z_k >= z_{k+1}.
 *    Fallback when there is no such peak: the mean distance to the K-th nearest neighbour,
 *    K = round(0.05 N) clamped to 3..30 (and to N - 1) (N = analysed cells).
 * 5. Gi* with binary fixed-distance weights (self included), two-sided normal p-values, and confidence bins
 *    -3..+3 at 99/95/90 % with Benjamini-Hochberg FDR over all analysed cells (see getis.ts, stats.ts).
 *
 * For polygons (districts, beats) use {@link hotSpotsForFeatures} with counts and centroids: steps 3-5 apply.
 */
import type KDBush from 'kdbush';
import { Progress, assertSameLength, type RunOptions } from './common';
import {
  aggregateToGrid, cellArea, cellCentres, cellCentre, type GridKind, type GridSpec,
} from './grid';
import { checkGiInput, incrementalMoranWithKth, localG, type MoranResult } from './getis';
import { convexHull, inConvexRing, inMultiPolygon } from './hull';
import { mulberry32, sampleIndices } from './random';
import { buildIndex, kthNeighbourDistances, nearestDistinctSq } from './spatial';
import { confidenceBins } from './stats';

export type CellSelection = 'studyArea' | 'hull' | 'occupied' | 'bbox';

export interface HotSpotOptions {
  grid?: GridKind;
  /** Square side / hexagon side in metres; automatic when omitted. */
  cellSize?: number;
  /** Gi* distance band in metres; automatic (incremental spatial autocorrelation) when omitted. */
  distanceBand?: number;
  cells?: CellSelection;
  /** Study area as MultiPolygon coordinates in EPSG:2180 metres (polygon -> rings -> [x, y]). */
  studyArea?: number[][][][];
  /** Cap on grid cells over the bounding box for the automatic cell size (default 50,000). */
  maxCells?: number;
  /** Sample size for the nearest-neighbour cell-size rule (default 10,000). */
  nnSample?: number;
  /** Seed of the sampling RNG (default 1). */
  seed?: number;
  /** Apply Benjamini-Hochberg FDR to the confidence bins (default true). */
  fdr?: boolean;
  /** Minimum number of analysed features (default 30). */
  minFeatures?: number;
}

export interface DistanceBandChoice {
  distanceBand: number;
  rule: 'user' | 'isa-peak' | 'kth-neighbour';
  /** Incremental spatial autocorrelation details (null when the band was given). */
  isa: { bands: number[]; z: number[]; moranI: number[]; peakIndex: number; start: number; increment: number } | null;
  /** K used by the fallback rule (null otherwise). */
  k: number | null;
}

export interface HotSpotResult {
  method: 'gi-star';
  params: {
    aggregation: GridKind | 'features';
    cellSize: number | null;
    cellSizeRule: 'user' | 'mean-nn' | 'max-cells' | null;
    meanNearestNeighbour: number | null;
    cells: CellSelection | 'features';
    distanceBand: number;
    distanceBandRule: DistanceBandChoice['rule'];
    isa: DistanceBandChoice['isa'];
    kthNeighbourK: number | null;
    fdr: boolean;
    seed: number | null;
    nnSample: number | null;
    maxCells: number | null;
    minFeatures: number;
    pointCount: number | null;
    pointsOutsideCells: number;
  };
  /** Grid description for grids (null for features); cell polygons via grid.ts cellPolygon(grid, cells[k]). */
  grid: GridSpec | null;
  /** Per analysed feature: grid cell index (grids) or the caller's feature index (features). */
  cells: Int32Array;
  cx: Float64Array;
  cy: Float64Array;
  /** Analysed value (incident count) per feature. */
  counts: Float64Array;
  /** Area of each cell, m^2 (grids only; 0 for features). */
  cellArea: number;
  z: Float64Array;
  p: Float64Array;
  /** -3..+3 confidence bins (99/95/90 %), FDR-corrected when params.fdr. */
  bins: Int8Array;
  neighbours: Int32Array;
  cutoffs: { p90: number; p95: number; p99: number };
  summary: { features: number; hot: [number, number, number]; cold: [number, number, number] };
}

function roundSig(v: number, digits: number): number {
  if (!(v > 0)) return v;
  const e = Math.floor(Math.log10(v)) - digits + 1;
  const f = 10 ** e;
  return Math.round(v / f) * f;
}

/** Automatic cell size (see module doc, step 1). */
export function autoCellSize(
  x: Float64Array, y: Float64Array, kind: GridKind, opts: { maxCells?: number; nnSample?: number; seed?: number; index?: KDBush } = {},
): { cellSize: number; rule: 'mean-nn' | 'max-cells'; meanNearestNeighbour: number } {
  const n = x.length;
  const maxCells = opts.maxCells ?? 50_000;
  const nnSample = opts.nnSample ?? 10_000;
  const seed = opts.seed ?? 1;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i];
    if (y[i] > maxY) maxY = y[i];
  }
  const index = opts.index ?? buildIndex(x, y);
  const sample = sampleIndices(n, nnSample, mulberry32(seed));
  let sum = 0, cnt = 0;
  for (let k = 0; k < sample.length; k++) {
    const i = sample[k];
    const d2 = nearestDistinctSq(index, x[i], y[i]);
    if (Number.isFinite(d2)) { sum += Math.sqrt(d2); cnt++; }
  }
  if (cnt === 0) throw new Error('All incidents are at the same location: no cell size can be derived.');
  const dnn = sum / cnt;
  const bboxArea = Math.max((maxX - minX) * (maxY - minY), dnn * dnn);
  const capArea = bboxArea / maxCells;
  const rule = dnn * dnn >= capArea ? 'mean-nn' : 'max-cells';
  const area = Math.max(dnn * dnn, capArea);
  const side = kind === 'square' ? Math.sqrt(area) : Math.sqrt((2 * area) / (3 * Math.sqrt(3)));
  return { cellSize: roundSig(side, 2), rule, meanNearestNeighbour: dnn };
}

/** Automatic distance band (see module doc, step 4). */
export function chooseDistanceBand(
  values: Float64Array, cx: Float64Array, cy: Float64Array, options?: RunOptions & { index?: KDBush },
): DistanceBandChoice {
  const n = values.length;
  const index = options?.index ?? buildIndex(cx, cy);
  const nn = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    nn[i] = Math.sqrt(nearestDistinctSq(index, cx[i], cy[i]));
    mean += nn[i];
  }
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (nn[i] - mean) ** 2;
  const sd = Math.sqrt(v / n);
  let start = 0;
  for (let i = 0; i < n; i++) if (nn[i] <= mean + 3 * sd + 1e-9 * mean && nn[i] > start) start = nn[i];
  const inc = mean;
  const bands: number[] = [];
  for (let k = 0; k < 10; k++) bands.push(start + k * inc);
  const K = Math.min(30, Math.max(3, Math.round(0.05 * n)), n - 1);
  const both = incrementalMoranWithKth(values, cx, cy, bands, K, { ...options, index });
  const res: MoranResult[] = both.results;
  const z = res.map((r) => r.z);
  let peak = -1;
  for (let k = 1; k <= 8; k++) {
    if (z[k] > 1.65 && z[k] > z[k - 1] && z[k] >= z[k + 1]) { peak = k; break; }
  }
  const isa = { bands, z, moranI: res.map((r) => r.I), peakIndex: peak, start, increment: inc };
  if (peak >= 0) return { distanceBand: bands[peak], rule: 'isa-peak', isa, k: null };
  // kth-neighbour distances came from the same neighbour pass when within the largest band; the rest via kNN
  const kd = both.kthDistance!;
  let missing = 0;
  for (let i = 0; i < n; i++) if (Number.isNaN(kd[i])) missing++;
  if (missing > 0) {
    const all = kthNeighbourDistances(cx, cy, K);
    for (let i = 0; i < n; i++) if (Number.isNaN(kd[i])) kd[i] = all[i];
  }
  let s = 0, c = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(kd[i])) { s += kd[i]; c++; }
  return { distanceBand: s / c, rule: 'kth-neighbour', isa, k: K };
}

function summarize(bins: Int8Array): HotSpotResult['summary'] {
  const hot: [number, number, number] = [0, 0, 0];
  const cold: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < bins.length; i++) {
    const b = bins[i];
    if (b > 0) hot[b - 1]++;
    else if (b < 0) cold[-b - 1]++;
  }
  return { features: bins.length, hot, cold };
}

/**
 * Select the analysed cells of an aggregated grid (module doc, step 2). Returns ascending cell indices.
 */
export function selectCells(
  spec: GridSpec, counts: Float64Array, selection: CellSelection, hullOf: { x: Float64Array; y: Float64Array } | null,
  studyArea?: number[][][][],
): Int32Array {
  const total = spec.cols * spec.rows;
  const keep = new Uint8Array(total);
  for (let c = 0; c < total; c++) if (counts[c] > 0) keep[c] = 1;
  if (selection === 'bbox') keep.fill(1);
  else if (selection === 'hull' || selection === 'studyArea') {
    let test: (px: number, py: number) => boolean;
    let bx0: number, by0: number, bx1: number, by1: number;
    if (selection === 'studyArea') {
      if (!studyArea || studyArea.length === 0) throw new Error("cells = 'studyArea' needs studyArea polygons.");
      bx0 = Infinity; by0 = Infinity; bx1 = -Infinity; by1 = -Infinity;
      for (const poly of studyArea) for (const p of poly[0] ?? []) {
        if (p[0] < bx0) bx0 = p[0];
        if (p[0] > bx1) bx1 = p[0];
        if (p[1] < by0) by0 = p[1];
        if (p[1] > by1) by1 = p[1];
      }
      test = (px, py) => inMultiPolygon(studyArea, px, py);
    } else {
      const ring = convexHull(hullOf!.x, hullOf!.y);
      bx0 = Infinity; by0 = Infinity; bx1 = -Infinity; by1 = -Infinity;
      for (const p of ring) {
        if (p[0] < bx0) bx0 = p[0];
        if (p[0] > bx1) bx1 = p[0];
        if (p[1] < by0) by0 = p[1];
        if (p[1] > by1) by1 = p[1];
      }
      test = (px, py) => inConvexRing(ring, px, py);
    }
    for (let row = 0; row < spec.rows; row++) {
      for (let col = 0; col < spec.cols; col++) {
        const c = row * spec.cols + col;
        if (keep[c]) continue;
        const [px, py] = cellCentre(spec, col, row);
        if (px < bx0 || px > bx1 || py < by0 || py > by1) continue;
        if (test(px, py)) keep[c] = 1;
      }
    }
  }
  let m = 0;
  for (let c = 0; c < total; c++) if (keep[c]) m++;
  const cells = new Int32Array(m);
  m = 0;
  for (let c = 0; c < total; c++) if (keep[c]) cells[m++] = c;
  return cells;
}

/** Optimized hot spot analysis of incident points aggregated to a hexagon or square grid. */
export function optimizedHotSpots(
  points: { x: Float64Array; y: Float64Array }, opts: HotSpotOptions = {}, options?: RunOptions,
): HotSpotResult {
  const { x, y } = points;
  const n = x.length;
  assertSameLength('y', y, n);
  const kind = opts.grid ?? 'hex-pointy';
  const minFeatures = opts.minFeatures ?? 30;
  const fdr = opts.fdr ?? true;
  const seed = opts.seed ?? 1;
  const nnSample = opts.nnSample ?? 10_000;
  const maxCells = opts.maxCells ?? 50_000;
  const selection: CellSelection = opts.cells ?? (opts.studyArea ? 'studyArea' : 'hull');
  const progress = new Progress(options, [2, 1, 1, 3, 3]);
  // finite points only
  let fx = x, fy = y;
  let finite = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) finite++;
  if (finite !== n) {
    fx = new Float64Array(finite);
    fy = new Float64Array(finite);
    let k = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) { fx[k] = x[i]; fy[k] = y[i]; k++; }
  }
  if (finite < 2) throw new Error('Hot spot analysis needs incidents with coordinates.');

  let cellSize: number, cellSizeRule: HotSpotResult['params']['cellSizeRule'], dnn: number | null = null;
  if (opts.cellSize !== undefined) {
    cellSize = opts.cellSize;
    cellSizeRule = 'user';
  } else {
    const a = autoCellSize(fx, fy, kind, { maxCells, nnSample, seed });
    cellSize = a.cellSize;
    cellSizeRule = a.rule;
    dnn = a.meanNearestNeighbour;
  }
  progress.report(0, 1);
  const agg = aggregateToGrid(fx, fy, kind, cellSize);
  const cells = selectCells(agg.spec, agg.counts, selection, { x: fx, y: fy }, opts.studyArea);
  progress.report(1, 1);
  const counts = new Float64Array(cells.length);
  for (let k = 0; k < cells.length; k++) counts[k] = agg.counts[cells[k]];
  checkGiInput(counts, minFeatures);
  const { x: cx, y: cy } = cellCentres(agg.spec, cells);
  const index = buildIndex(cx, cy);
  progress.report(2, 1);
  const band: DistanceBandChoice = opts.distanceBand !== undefined
    ? { distanceBand: opts.distanceBand, rule: 'user', isa: null, k: null }
    : chooseDistanceBand(counts, cx, cy, { index, signal: options?.signal, onProgress: (f) => progress.report(3, f) });
  progress.report(3, 1);
  const g = localG(counts, cx, cy, { distanceBand: band.distanceBand, star: true, minFeatures }, {
    index, signal: options?.signal, onProgress: (f) => progress.report(4, f),
  });
  const cb = confidenceBins(g.z, g.p, fdr);
  progress.done();
  return {
    method: 'gi-star',
    params: {
      aggregation: kind, cellSize, cellSizeRule, meanNearestNeighbour: dnn, cells: selection,
      distanceBand: band.distanceBand, distanceBandRule: band.rule, isa: band.isa, kthNeighbourK: band.k,
      fdr, seed: cellSizeRule === 'user' ? null : seed, nnSample: cellSizeRule === 'user' ? null : nnSample,
      maxCells: cellSizeRule === 'user' ? null : maxCells, minFeatures, pointCount: n, pointsOutsideCells: n - finite,
    },
    grid: agg.spec,
    cells,
    cx, cy, counts,
    cellArea: cellArea(agg.spec),
    z: g.z, p: g.p, bins: cb.bins, neighbours: g.neighbours, cutoffs: cb.cutoffs,
    summary: summarize(cb.bins),
  };
}

/**
 * Gi* hot spots for caller-supplied features (e.g. districts): value (count) and centroid per feature.
 * Distance band automatic unless given (module doc, step 4).
 */
export function hotSpotsForFeatures(
  features: { values: Float64Array; cx: Float64Array; cy: Float64Array },
  opts: { distanceBand?: number; fdr?: boolean; minFeatures?: number } = {}, options?: RunOptions,
): HotSpotResult {
  const { values, cx, cy } = features;
  const n = values.length;
  assertSameLength('cx', cx, n);
  assertSameLength('cy', cy, n);
  const minFeatures = opts.minFeatures ?? 30;
  const fdr = opts.fdr ?? true;
  checkGiInput(values, minFeatures);
  const progress = new Progress(options, [1, 1]);
  const index = buildIndex(cx, cy);
  const band: DistanceBandChoice = opts.distanceBand !== undefined
    ? { distanceBand: opts.distanceBand, rule: 'user', isa: null, k: null }
    : chooseDistanceBand(values, cx, cy, { index, signal: options?.signal, onProgress: (f) => progress.report(0, f) });
  const g = localG(values, cx, cy, { distanceBand: band.distanceBand, star: true, minFeatures }, {
    index, signal: options?.signal, onProgress: (f) => progress.report(1, f),
  });
  const cb = confidenceBins(g.z, g.p, fdr);
  const cells = new Int32Array(n);
  for (let i = 0; i < n; i++) cells[i] = i;
  progress.done();
  return {
    method: 'gi-star',
    params: {
      aggregation: 'features', cellSize: null, cellSizeRule: null, meanNearestNeighbour: null, cells: 'features',
      distanceBand: band.distanceBand, distanceBandRule: band.rule, isa: band.isa, kthNeighbourK: band.k,
      fdr, seed: null, nnSample: null, maxCells: null, minFeatures, pointCount: null, pointsOutsideCells: 0,
    },
    grid: null,
    cells, cx, cy, counts: values, cellArea: 0,
    z: g.z, p: g.p, bins: cb.bins, neighbours: g.neighbours, cutoffs: cb.cutoffs,
    summary: summarize(cb.bins),
  };
}

/**
 * Emerging hot spot analysis (ArcGIS "Emerging Hot Spot Analysis"): a space-time cube of incident counts
 * (cells x time steps), space-time Gi* per bin, Mann-Kendall trend of each cell's Gi* z-series, and the 17
 * ArcGIS pattern categories.
 *
 * Time steps: the caller either passes a precomputed step index per point (`step`, -1 = outside) or UTC
 * `times` plus ascending step edges (`stepEdges`, length T + 1, step k = [edges[k], edges[k+1]) ); weeks or
 * months in UTC (see `utcWeekEdges` / `utcMonthEdges`).
 *
 * Space-time neighbourhood (as ArcGIS): bin (c, t) neighbours every bin (c', t') with d(c, c') <= distanceBand
 * (self included) and t - timeStepNeighbours <= t' <= t (the current and the previous `timeStepNeighbours`
 * steps; ArcGIS "Neighborhood Time Step", default 1). `timeWindow: 'symmetric'` uses |t - t'| <= k instead.
 * Gi* is computed over the whole cube as one data set: n = cells * steps, global mean and standard deviation
 * of all bins, binary weights, z_(c,t) = (sum w x - xbar W) / (S sqrt((n W - W^2) / (n - 1))), two-sided p.
 * Significance per bin: Benjamini-Hochberg FDR over all bins of the cube (default on), confidence bins -3..+3;
 * a bin counts as a "significant hot/cold spot" for the patterns when |bin| >= `minConfidenceBin`
 * (default 1 = 90 % confidence, the lowest Gi_Bin class ArcGIS reports as significant).
 *
 * Mann-Kendall on each cell's z-series z_1..z_T: S = sum_{i<j} sign(z_j - z_i);
 * Var(S) = (T(T-1)(2T+5) - sum_g t_g(t_g-1)(2t_g+5)) / 18 over groups of tied values;
 * Z = (S - sign S) / sqrt(Var S) (continuity correction), p two-sided normal; tau = S / (T(T-1)/2).
 * A trend is significant when p < trendAlpha (default 0.05); up when S > 0.
 *
 * Patterns (Pro 3.x definitions; H = number of significant hot steps, C = cold, n = steps, "90 %" means
 * H >= 0.9 n; the final step is n; first rule that matches wins, rules mirrored for cold spots):
 *  - final step hot and H >= 90 %: Intensifying (significant upward trend), Diminishing (significant downward
 *    trend), otherwise Persistent ("no discernible trend");
 *  - final step hot, H < 90 %:
 *    New          H = 1 (never hot before the final step; takes precedence over Oscillating when an earlier
 *                 cold spot exists, following the order of the ArcGIS table);
 *    Consecutive  the hot steps form one uninterrupted run of >= 2 steps ending at the final step;
 *    Sporadic     otherwise, when no step was a significant cold spot (on-again off-again hot spot);
 *    Oscillating  otherwise (hot now, and a significant cold spot at some earlier step);
 *  - final step not hot and H >= 90 %: Historical hot spot. (ArcGIS's "Persistent" text does not mention the
 *    final step; we label such a location Historical, the more informative reading: the hot spot has ended.)
 *  - cold twins with hot/cold swapped, "upward" <-> "downward" (Intensifying cold = significant downward trend).
 *  - otherwise No pattern detected.
 */
import { Progress, assertSameLength, type RunOptions } from './common';
import { aggregateToGrid, cellArea, cellCentres, type GridKind, type GridSpec } from './grid';
import { autoCellSize, chooseDistanceBand, selectCells, type CellSelection, type DistanceBandChoice } from './hotspot';
import { buildIndex, neighbourLists } from './spatial';
import { confidenceBins, pTwoSided } from './stats';
import { DISTANCE_TOLERANCE } from './getis';

export const EMERGING_PATTERNS = [
  'No Pattern Detected',
  'New Hot Spot', 'Consecutive Hot Spot', 'Intensifying Hot Spot', 'Persistent Hot Spot',
  'Diminishing Hot Spot', 'Sporadic Hot Spot', 'Oscillating Hot Spot', 'Historical Hot Spot',
  'New Cold Spot', 'Consecutive Cold Spot', 'Intensifying Cold Spot', 'Persistent Cold Spot',
  'Diminishing Cold Spot', 'Sporadic Cold Spot', 'Oscillating Cold Spot', 'Historical Cold Spot',
] as const;
export type EmergingPattern = (typeof EMERGING_PATTERNS)[number];
/** Pattern code = index into EMERGING_PATTERNS; cold code = hot code + 8. */
export const PATTERN = {
  none: 0, new: 1, consecutive: 2, intensifying: 3, persistent: 4, diminishing: 5, sporadic: 6, oscillating: 7, historical: 8,
} as const;
export const COLD_OFFSET = 8;

export interface MannKendallResult {
  n: number;
  S: number;
  varS: number;
  z: number;
  p: number;
  tau: number;
}

/** Mann-Kendall trend test with tie correction (module doc). NaN values are ignored. */
export function mannKendall(series: ArrayLike<number>): MannKendallResult {
  const v: number[] = [];
  for (let i = 0; i < series.length; i++) if (!Number.isNaN(series[i])) v.push(series[i]);
  const n = v.length;
  let S = 0;
  for (let i = 0; i < n - 1; i++) {
    const vi = v[i];
    for (let j = i + 1; j < n; j++) {
      const d = v[j] - vi;
      S += d > 0 ? 1 : d < 0 ? -1 : 0;
    }
  }
  const sorted = v.slice().sort((a, b) => a - b);
  let tieTerm = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) tieTerm += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = varS > 0 && S !== 0 ? (S - Math.sign(S)) / Math.sqrt(varS) : 0;
  return { n, S, varS, z, p: pTwoSided(z), tau: n > 1 ? S / ((n * (n - 1)) / 2) : 0 };
}

/**
 * Classify one location. `sig[t]` = +1 significant hot spot, -1 significant cold spot, 0 otherwise (t = 0 is the
 * first step, sig.length - 1 the final one). `trend` = Mann-Kendall of the location's z-series.
 */
export function classifyEmerging(sig: ArrayLike<number>, trend: { S: number; p: number }, trendAlpha = 0.05): number {
  const n = sig.length;
  if (n === 0) return PATTERN.none;
  let H = 0, C = 0;
  for (let t = 0; t < n; t++) {
    if (sig[t] > 0) H++;
    else if (sig[t] < 0) C++;
  }
  const last = sig[n - 1];
  const up = trend.p < trendAlpha && trend.S > 0;
  const down = trend.p < trendAlpha && trend.S < 0;
  const side = (sign: 1 | -1, own: number, other: number, rising: boolean, falling: boolean): number => {
    const off = sign > 0 ? 0 : COLD_OFFSET;
    const ninety = 10 * own >= 9 * n;
    if (last === sign) {
      if (ninety) return off + (rising ? PATTERN.intensifying : falling ? PATTERN.diminishing : PATTERN.persistent);
      if (own === 1) return off + PATTERN.new;
      // single uninterrupted final run?
      let run = 0;
      for (let t = n - 1; t >= 0 && sig[t] === sign; t--) run++;
      if (run === own && run >= 2) return off + PATTERN.consecutive;
      if (other === 0) return off + PATTERN.sporadic;
      return off + PATTERN.oscillating;
    }
    if (ninety) return off + PATTERN.historical;
    return PATTERN.none;
  };
  const hot = side(1, H, C, up, down);
  if (hot !== PATTERN.none) return hot;
  return side(-1, C, H, down, up);
}

/** UTC week edges (Monday 00:00 UTC) covering [t0, t1]. */
export function utcWeekEdges(t0: number, t1: number): Float64Array {
  const d = new Date(t0);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
  const week = 7 * 86_400_000;
  const k = Math.floor((t1 - start) / week) + 1;
  const out = new Float64Array(k + 1);
  for (let i = 0; i <= k; i++) out[i] = start + i * week;
  return out;
}

/** UTC calendar-month edges covering [t0, t1]. */
export function utcMonthEdges(t0: number, t1: number): Float64Array {
  const a = new Date(t0), b = new Date(t1);
  const m0 = a.getUTCFullYear() * 12 + a.getUTCMonth();
  const m1 = b.getUTCFullYear() * 12 + b.getUTCMonth();
  const out = new Float64Array(m1 - m0 + 2);
  for (let m = m0; m <= m1 + 1; m++) out[m - m0] = Date.UTC(Math.floor(m / 12), m % 12, 1);
  return out;
}

/** Step index per time for ascending edges (length T+1); -1 outside [edges[0], edges[T]) or for NaN. */
export function stepIndex(times: Float64Array, edges: Float64Array): Int32Array {
  const T = edges.length - 1;
  const out = new Int32Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (!(t >= edges[0] && t < edges[T])) { out[i] = -1; continue; }
    let lo = 0, hi = T - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= t) lo = mid; else hi = mid - 1;
    }
    out[i] = lo;
  }
  return out;
}

export interface EmergingOptions {
  grid?: GridKind;
  cellSize?: number;
  distanceBand?: number;
  cells?: CellSelection;
  studyArea?: number[][][][];
  /** Number of previous time steps in the neighbourhood (ArcGIS "Neighborhood Time Step"), default 1. */
  timeStepNeighbours?: number;
  timeWindow?: 'backward' | 'symmetric';
  fdr?: boolean;
  /** Minimum |Gi_Bin| counted as significant for the patterns (1 = 90 %, 2 = 95 %, 3 = 99 %), default 1. */
  minConfidenceBin?: 1 | 2 | 3;
  trendAlpha?: number;
  maxCells?: number;
  nnSample?: number;
  seed?: number;
  minFeatures?: number;
}

export interface EmergingResult {
  method: 'emerging-hot-spots';
  params: {
    grid: GridKind;
    cellSize: number;
    cellSizeRule: 'user' | 'mean-nn' | 'max-cells';
    cells: CellSelection;
    distanceBand: number;
    distanceBandRule: DistanceBandChoice['rule'];
    isa: DistanceBandChoice['isa'];
    timeStepNeighbours: number;
    timeWindow: 'backward' | 'symmetric';
    steps: number;
    stepEdges: number[] | null;
    fdr: boolean;
    minConfidenceBin: number;
    trendAlpha: number;
    seed: number | null;
    pointCount: number;
    pointsOutsideSteps: number;
  };
  grid: GridSpec;
  cellArea: number;
  /** Analysed grid cells (ascending cell indices), their centres. */
  cells: Int32Array;
  cx: Float64Array;
  cy: Float64Array;
  steps: number;
  /** Cube arrays, index = cell * steps + step. */
  counts: Float64Array;
  z: Float64Array;
  p: Float64Array;
  bins: Int8Array;
  /** Per cell: pattern code (index into EMERGING_PATTERNS), Mann-Kendall z and p of its Gi* z-series. */
  pattern: Uint8Array;
  trendZ: Float64Array;
  trendP: Float64Array;
  trendS: Float64Array;
  /**
   * Per cell: first step of the current run of significant hot steps (the run that ends at the final step),
   * -1 when the final step is not a significant hot spot.
   */
  hotSince: Int32Array;
  /** Per cell: share of the steps in which the cell was a significant hot spot (|bin| >= minConfidenceBin). */
  hotShare: Float64Array;
  patternCounts: Record<EmergingPattern, number>;
}

export function emergingHotSpots(
  input: { x: Float64Array; y: Float64Array; step?: Int32Array; times?: Float64Array; stepEdges?: Float64Array; steps?: number },
  opts: EmergingOptions = {}, options?: RunOptions,
): EmergingResult {
  const { x, y } = input;
  const n = x.length;
  assertSameLength('y', y, n);
  let step: Int32Array;
  let T: number;
  if (input.step) {
    assertSameLength('step', input.step, n);
    step = input.step;
    T = input.steps ?? 0;
    for (let i = 0; i < n; i++) if (step[i] + 1 > T) T = step[i] + 1;
  } else {
    if (!input.times || !input.stepEdges) throw new Error('Give either step indices or times plus stepEdges.');
    assertSameLength('times', input.times, n);
    step = stepIndex(input.times, input.stepEdges);
    T = input.stepEdges.length - 1;
  }
  if (T < 2) throw new Error('Emerging hot spot analysis needs at least 2 time steps (10 or more recommended).');
  const kind = opts.grid ?? 'hex-pointy';
  const k = opts.timeStepNeighbours ?? 1;
  const timeWindow = opts.timeWindow ?? 'backward';
  const fdr = opts.fdr ?? true;
  const minBin = opts.minConfidenceBin ?? 1;
  const trendAlpha = opts.trendAlpha ?? 0.05;
  const seed = opts.seed ?? 1;
  const selection: CellSelection = opts.cells ?? (opts.studyArea ? 'studyArea' : 'hull');
  const progress = new Progress(options, [1, 1, 3, 3, 1]);

  // usable points
  let m = 0;
  for (let i = 0; i < n; i++) if (step[i] >= 0 && step[i] < T && Number.isFinite(x[i]) && Number.isFinite(y[i])) m++;
  if (m < 2) throw new Error('No incidents fall into the time steps.');
  const px = new Float64Array(m), py = new Float64Array(m), ps = new Int32Array(m);
  m = 0;
  for (let i = 0; i < n; i++) if (step[i] >= 0 && step[i] < T && Number.isFinite(x[i]) && Number.isFinite(y[i])) {
    px[m] = x[i]; py[m] = y[i]; ps[m] = step[i]; m++;
  }
  let cellSize: number, cellSizeRule: EmergingResult['params']['cellSizeRule'];
  if (opts.cellSize !== undefined) { cellSize = opts.cellSize; cellSizeRule = 'user'; }
  else {
    const a = autoCellSize(px, py, kind, { maxCells: opts.maxCells ?? 20_000, nnSample: opts.nnSample, seed });
    cellSize = a.cellSize;
    cellSizeRule = a.rule;
  }
  const agg = aggregateToGrid(px, py, kind, cellSize);
  const cells = selectCells(agg.spec, agg.counts, selection, { x: px, y: py }, opts.studyArea);
  const C = cells.length;
  if (C * T < (opts.minFeatures ?? 30)) throw new Error(`Only ${C} cells x ${T} steps: too few bins for the analysis.`);
  const slot = new Int32Array(agg.spec.cols * agg.spec.rows).fill(-1);
  for (let q = 0; q < C; q++) slot[cells[q]] = q;
  const counts = new Float64Array(C * T);
  const total = new Float64Array(C);
  for (let i = 0; i < m; i++) {
    const q = slot[agg.cellOfPoint[i]];
    if (q < 0) continue;
    counts[q * T + ps[i]]++;
    total[q]++;
  }
  const { x: cx, y: cy } = cellCentres(agg.spec, cells);
  const index = buildIndex(cx, cy);
  progress.report(0, 1);
  const band: DistanceBandChoice = opts.distanceBand !== undefined
    ? { distanceBand: opts.distanceBand, rule: 'user', isa: null, k: null }
    : chooseDistanceBand(total, cx, cy, { index, signal: options?.signal, onProgress: (f) => progress.report(1, f) });
  const nb = neighbourLists(cx, cy, band.distanceBand * (1 + DISTANCE_TOLERANCE), true, index, (i) => progress.report(2, i / C));

  // global moments over the cube
  const N = C * T;
  let sum = 0, sum2 = 0;
  for (let i = 0; i < N; i++) { sum += counts[i]; sum2 += counts[i] * counts[i]; }
  const mean = sum / N;
  const S = Math.sqrt(Math.max(sum2 / N - mean * mean, 0));
  if (!(S > 0)) throw new Error('All space-time bins have the same count (zero variance).');
  const z = new Float64Array(N), p = new Float64Array(N);
  const spatial = new Float64Array(T);
  for (let c = 0; c < C; c++) {
    if ((c & 255) === 0) progress.report(3, c / C);
    spatial.fill(0);
    const a = nb.offsets[c], b = nb.offsets[c + 1];
    const ns = b - a;
    for (let e = a; e < b; e++) {
      const base = nb.neighbours[e] * T;
      for (let t = 0; t < T; t++) spatial[t] += counts[base + t];
    }
    for (let t = 0; t < T; t++) {
      const t0 = Math.max(0, t - k);
      const t1 = timeWindow === 'symmetric' ? Math.min(T - 1, t + k) : t;
      let s = 0;
      for (let u = t0; u <= t1; u++) s += spatial[u];
      const W = ns * (t1 - t0 + 1);
      const den = S * Math.sqrt((N * W - W * W) / (N - 1));
      const idx = c * T + t;
      if (!(den > 0)) { z[idx] = 0; p[idx] = 1; continue; }
      z[idx] = (s - mean * W) / den;
      p[idx] = pTwoSided(z[idx]);
    }
  }
  const cb = confidenceBins(z, p, fdr);
  const pattern = new Uint8Array(C);
  const trendZ = new Float64Array(C), trendP = new Float64Array(C), trendS = new Float64Array(C);
  const hotSince = new Int32Array(C).fill(-1), hotShare = new Float64Array(C);
  const sig = new Int8Array(T);
  const patternCounts = Object.fromEntries(EMERGING_PATTERNS.map((name) => [name, 0])) as Record<EmergingPattern, number>;
  for (let c = 0; c < C; c++) {
    if ((c & 255) === 0) progress.report(4, c / C);
    for (let t = 0; t < T; t++) {
      const bin = cb.bins[c * T + t];
      sig[t] = bin >= minBin ? 1 : bin <= -minBin ? -1 : 0;
    }
    const mk = mannKendall(z.subarray(c * T, c * T + T));
    trendZ[c] = mk.z;
    trendP[c] = mk.p;
    trendS[c] = mk.S;
    pattern[c] = classifyEmerging(sig, mk, trendAlpha);
    let hot = 0;
    for (let t = 0; t < T; t++) if (sig[t] > 0) hot++;
    hotShare[c] = hot / T;
    if (sig[T - 1] > 0) {
      let t = T - 1;
      while (t > 0 && sig[t - 1] > 0) t--;
      hotSince[c] = t;
    }
    patternCounts[EMERGING_PATTERNS[pattern[c]]]++;
  }
  progress.done();
  return {
    method: 'emerging-hot-spots',
    params: {
      grid: kind, cellSize, cellSizeRule, cells: selection, distanceBand: band.distanceBand, distanceBandRule: band.rule,
      isa: band.isa, timeStepNeighbours: k, timeWindow, steps: T,
      stepEdges: input.stepEdges && !input.step ? Array.from(input.stepEdges) : null,
      fdr, minConfidenceBin: minBin, trendAlpha, seed: cellSizeRule === 'user' ? null : seed,
      pointCount: n, pointsOutsideSteps: n - m,
    },
    grid: agg.spec,
    cellArea: cellArea(agg.spec),
    cells, cx, cy, steps: T,
    counts, z, p, bins: cb.bins,
    pattern, trendZ, trendP, trendS, hotSince, hotShare, patternCounts,
  };
}

/**
 * Getis-Ord local Gi* / Gi, global General G and global Moran's I with binary fixed-distance weights.
 *
 * Binary weights: w_ij = 1 if d_ij <= D (Euclidean, metres; the comparison uses D * (1 + 1e-9) so that grid
 * neighbours at exactly D are not lost to rounding), else 0.
 *
 * Gi* (self included, w_ii = 1), as ArcGIS "Hot Spot Analysis" and PySAL esda `G_Local(star=True)` with binary
 * weights:
 *   W_i = sum_j w_ij,  xbar = sum_j x_j / n,  S = sqrt(sum_j x_j^2 / n - xbar^2)
 *   z_i = (sum_j w_ij x_j - xbar W_i) / (S sqrt((n W_i - W_i^2) / (n - 1)))
 * Gi (self excluded, esda `G_Local(star=False)`): the same with j != i everywhere and n replaced by n - 1:
 *   xbar_i = (sum x - x_i)/(n-1), S_i^2 = (sum x^2 - x_i^2)/(n-1) - xbar_i^2,
 *   z_i = (sum_{j!=i} w_ij x_j - xbar_i W_i) / (S_i sqrt(((n-1) W_i - W_i^2) / (n - 2)))
 * p-values: two-sided standard normal. A feature whose neighbourhood is empty or is everything (zero
 * denominator) gets z = 0, p = 1.
 *
 * General G (Getis & Ord 1992): G = sum_i sum_{j!=i} w_ij x_i x_j / sum_i sum_{j!=i} x_i x_j,
 * E[G] = S0 / (n (n - 1)) with S0 = sum_{i!=j} w_ij.
 *
 * Moran's I with the randomisation variance (Cliff & Ord; ArcGIS "Spatial Autocorrelation"):
 *   I = n / S0 * sum_ij w_ij z_i z_j / sum_i z_i^2,  z_i = x_i - xbar, E[I] = -1/(n-1)
 *   E[I^2] = (n((n^2 - 3n + 3) S1 - n S2 + 3 S0^2) - b2((n^2 - n) S1 - 2n S2 + 6 S0^2)) / ((n-1)(n-2)(n-3) S0^2)
 *   b2 = n sum z^4 / (sum z^2)^2, S1 = 1/2 sum_ij (w_ij + w_ji)^2 = 2 S0, S2 = sum_i (2 W_i)^2 for binary symmetric w.
 */
import type KDBush from 'kdbush';
import { Progress, assertPositive, assertSameLength, type RunOptions } from './common';
import { buildIndex, withinFiltered } from './spatial';
import { pTwoSided } from './stats';

export const DISTANCE_TOLERANCE = 1e-9;

export interface LocalGResult {
  /** z-score per feature. */
  z: Float64Array;
  /** Two-sided normal p-value per feature (not FDR-adjusted). */
  p: Float64Array;
  /** Number of neighbours used (W_i), including the feature itself for Gi*. */
  neighbours: Int32Array;
  /** Gi (or Gi*) statistic itself: sum_j w_ij x_j / sum_j x_j (j != i for Gi). */
  g: Float64Array;
}

/** Refuse inputs on which the statistic is meaningless (ArcGIS rules: >= 30 features and non-zero variance). */
export function checkGiInput(values: ArrayLike<number>, minFeatures: number): void {
  const n = values.length;
  if (n < minFeatures) {
    throw new Error(`Hot spot analysis needs at least ${minFeatures} features (cells) but got ${n}; use a smaller cell size or a larger area.`);
  }
  let first = NaN;
  let varies = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new Error(`Value ${i} is not a finite number.`);
    if (i === 0) first = v;
    else if (v !== first) varies = true;
  }
  if (!varies) throw new Error('All values are identical (zero variance): hot spot analysis cannot be computed.');
}

/**
 * Local Getis-Ord Gi* (star = true, default) or Gi (star = false) with binary distance-band weights.
 * `minFeatures` defaults to 3 (the statistic's own minimum); the optimized workflow enforces 30.
 */
export function localG(
  values: Float64Array, x: Float64Array, y: Float64Array,
  params: { distanceBand: number; star?: boolean; minFeatures?: number },
  options?: RunOptions & { index?: KDBush },
): LocalGResult {
  const n = values.length;
  assertSameLength('x', x, n);
  assertSameLength('y', y, n);
  assertPositive('distanceBand', params.distanceBand);
  const star = params.star ?? true;
  checkGiInput(values, Math.max(params.minFeatures ?? 3, 3));
  const progress = new Progress(options, [1, 8]);
  const index = options?.index ?? buildIndex(x, y);
  progress.report(0, 1);
  let sum = 0, sum2 = 0;
  for (let i = 0; i < n; i++) { sum += values[i]; sum2 += values[i] * values[i]; }
  const r = params.distanceBand * (1 + DISTANCE_TOLERANCE);
  const buf = new Uint32Array(n);
  const z = new Float64Array(n), p = new Float64Array(n), g = new Float64Array(n);
  const neighbours = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if ((i & 2047) === 0) progress.report(1, i / n);
    const k = withinFiltered(index, x[i], y[i], r, buf, Infinity);
    let wsum = 0, wx = 0;
    for (let a = 0; a < k; a++) {
      const j = buf[a];
      if (!star && j === i) continue;
      wsum++;
      wx += values[j];
    }
    neighbours[i] = wsum;
    const N = star ? n : n - 1;
    const tot = star ? sum : sum - values[i];
    const mean = tot / N;
    const variance = (star ? sum2 : sum2 - values[i] * values[i]) / N - mean * mean;
    const s = Math.sqrt(Math.max(variance, 0));
    g[i] = tot !== 0 ? wx / tot : NaN;
    const den = s * Math.sqrt((N * wsum - wsum * wsum) / (N - 1));
    if (!(den > 0)) { z[i] = 0; p[i] = 1; continue; }
    z[i] = (wx - mean * wsum) / den;
    p[i] = pTwoSided(z[i]);
  }
  progress.done();
  return { z, p, neighbours, g };
}

export interface GeneralGResult {
  G: number;
  expected: number;
  /** S0 = number of ordered neighbour pairs (i != j). */
  s0: number;
}

/** Global General G with binary distance-band weights (self excluded). */
export function generalG(values: Float64Array, x: Float64Array, y: Float64Array, distanceBand: number): GeneralGResult {
  const n = values.length;
  assertSameLength('x', x, n);
  assertSameLength('y', y, n);
  assertPositive('distanceBand', distanceBand);
  const index = buildIndex(x, y);
  const r = distanceBand * (1 + DISTANCE_TOLERANCE);
  const buf = new Uint32Array(n);
  let num = 0, s0 = 0, sum = 0, sum2 = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    sum2 += values[i] * values[i];
    const k = withinFiltered(index, x[i], y[i], r, buf, Infinity);
    for (let a = 0; a < k; a++) {
      const j = buf[a];
      if (j === i) continue;
      num += values[i] * values[j];
      s0++;
    }
  }
  const den = sum * sum - sum2;
  return { G: num / den, expected: s0 / (n * (n - 1)), s0 };
}

export interface MoranResult {
  I: number;
  expected: number;
  variance: number;
  z: number;
  p: number;
  s0: number;
}

/**
 * Moran's I (randomisation) from sufficient statistics of a binary symmetric weights matrix:
 * `cross` = sum_{i!=j} w_ij z_i z_j, `s0` = sum_{i!=j} w_ij, `sumK2` = sum_i W_i^2, and the centred moments.
 */
export function moranFromSums(n: number, cross: number, s0: number, sumK2: number, m2: number, m4: number): MoranResult {
  // m2 = sum z^2, m4 = sum z^4
  const I = (n / s0) * (cross / m2);
  const EI = -1 / (n - 1);
  const s1 = 2 * s0;
  const s2 = 4 * sumK2;
  const b2 = (n * m4) / (m2 * m2);
  const n2 = n * n;
  const A = n * ((n2 - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0);
  const B = b2 * ((n2 - n) * s1 - 2 * n * s2 + 6 * s0 * s0);
  const C = (n - 1) * (n - 2) * (n - 3) * s0 * s0;
  const variance = (A - B) / C - EI * EI;
  const z = variance > 0 && s0 > 0 ? (I - EI) / Math.sqrt(variance) : NaN;
  return { I, expected: EI, variance, z, p: Number.isFinite(z) ? pTwoSided(z) : NaN, s0 };
}

/** Global Moran's I with binary distance-band weights (self excluded), randomisation inference. */
export function moranI(values: Float64Array, x: Float64Array, y: Float64Array, distanceBand: number): MoranResult {
  return incrementalMoran(values, x, y, [distanceBand])[0];
}

/**
 * Moran's I for several increasing distance bands in one neighbour pass (the "Incremental Spatial
 * Autocorrelation" tool). Bands must be ascending. Needs n >= 4.
 */
export function incrementalMoran(
  values: Float64Array, x: Float64Array, y: Float64Array, bands: number[], options?: RunOptions & { index?: KDBush },
): MoranResult[] {
  return incrementalMoranWithKth(values, x, y, bands, 0, options).results;
}

/**
 * incrementalMoran plus, when kth > 0, each feature's distance to its kth nearest other feature if that lies
 * within the largest band (NaN otherwise), gathered in the same neighbour pass with a bounded max-heap.
 */
export function incrementalMoranWithKth(
  values: Float64Array, x: Float64Array, y: Float64Array, bands: number[], kth: number, options?: RunOptions & { index?: KDBush },
): { results: MoranResult[]; kthDistance: Float64Array | null } {
  const n = values.length;
  if (n < 4) throw new Error("Moran's I needs at least 4 features.");
  for (let b = 1; b < bands.length; b++) if (!(bands[b] > bands[b - 1])) throw new Error('Distance bands must be strictly increasing.');
  const nb = bands.length;
  const progress = new Progress(options, [1, 8]);
  const index = options?.index ?? buildIndex(x, y);
  progress.report(0, 1);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let m2 = 0, m4 = 0;
  const zc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    zc[i] = d;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  const r2s = bands.map((b) => (b * (1 + DISTANCE_TOLERANCE)) ** 2);
  const rMax = bands[nb - 1] * (1 + DISTANCE_TOLERANCE);
  const buf = new Uint32Array(n);
  const cross = new Float64Array(nb);
  const s0 = new Float64Array(nb);
  const sumK2 = new Float64Array(nb);
  const kBand = new Float64Array(nb);
  const cBand = new Float64Array(nb);
  const kthDistance = kth > 0 ? new Float64Array(n) : null;
  const heap = new Float64Array(Math.max(kth, 1)); // max-heap of the kth smallest squared distances
  for (let i = 0; i < n; i++) {
    if ((i & 1023) === 0) progress.report(1, i / n);
    kBand.fill(0);
    cBand.fill(0);
    let hs = 0;
    const k = withinFiltered(index, x[i], y[i], rMax, buf, Infinity);
    const xi = x[i], yi = y[i];
    for (let a = 0; a < k; a++) {
      const j = buf[a];
      if (j === i) continue;
      const dx = x[j] - xi, dy = y[j] - yi;
      const d2 = dx * dx + dy * dy;
      let b = 0;
      while (d2 > r2s[b]) b++;
      kBand[b]++;
      cBand[b] += zc[j];
      if (kth > 0) {
        if (hs < kth) {
          // sift up
          let c = hs++;
          heap[c] = d2;
          while (c > 0) {
            const par = (c - 1) >> 1;
            if (heap[par] >= heap[c]) break;
            const t = heap[par]; heap[par] = heap[c]; heap[c] = t;
            c = par;
          }
        } else if (d2 < heap[0]) {
          heap[0] = d2;
          let c = 0;
          for (;;) {
            const l = 2 * c + 1, r = l + 1;
            let m = c;
            if (l < kth && heap[l] > heap[m]) m = l;
            if (r < kth && heap[r] > heap[m]) m = r;
            if (m === c) break;
            const t = heap[m]; heap[m] = heap[c]; heap[c] = t;
            c = m;
          }
        }
      }
    }
    if (kthDistance) kthDistance[i] = hs === kth ? Math.sqrt(heap[0]) : NaN;
    // cumulative over bands
    let kc = 0, cc = 0;
    for (let b = 0; b < nb; b++) {
      kc += kBand[b];
      cc += cBand[b];
      s0[b] += kc;
      sumK2[b] += kc * kc;
      cross[b] += zc[i] * cc;
    }
  }
  const out: MoranResult[] = [];
  for (let b = 0; b < nb; b++) out.push(moranFromSums(n, cross[b], s0[b], sumK2[b], m2, m4));
  progress.done();
  return { results: out, kthDistance };
}

/**
 * DBSCAN (Ester et al. 1996) in metres on a static kd-tree (kdbush), with an optional space-time variant.
 *
 * Definitions (identical to scikit-learn's `DBSCAN(eps, min_samples)`):
 * - N(p) = { q : |p - q| <= eps } (Euclidean in EPSG:2180 metres), p itself included. In the space-time
 *   variant additionally |t_p - t_q| <= timeWindowMs (the relation stays symmetric, so DBSCAN is well defined).
 * - p is a core point iff |N(p)| >= minPoints (the point counts itself, as in scikit-learn's min_samples).
 * - Clusters are the connected components of core points under "q in N(p)"; a non-core point with a core
 *   point in its neighbourhood is a border point and joins a cluster of such a core point; all others are noise.
 * - Determinism: clusters are numbered 0, 1, ... in the order of their lowest-index core point, and a border
 *   point reachable from several clusters joins the lowest-numbered one. This is exactly what scikit-learn's
 *   index-order expansion produces, so labels match sklearn's for the same input order.
 *
 * Complexity: one early-exit range count per point (stops at minPoints) plus one full range query per core
 * point; memory O(n). Points with a non-finite time in the space-time variant are neighbours of nothing but
 * themselves.
 */
import { Progress, assertPositive, assertSameLength, type RunOptions } from './common';
import { convexHullOf } from './hull';
import { buildIndex, withinFiltered } from './spatial';

export const POINT_NOISE = 0;
export const POINT_CORE = 1;
export const POINT_BORDER = 2;

export interface DbscanParams {
  /** Neighbourhood radius in metres. */
  eps: number;
  /** Minimum neighbourhood size including the point itself (scikit-learn's min_samples). */
  minPoints: number;
  /** Space-time variant: neighbours must also be within this many milliseconds; null = purely spatial. */
  timeWindowMs: number | null;
}

export interface DbscanInput {
  x: Float64Array;
  y: Float64Array;
  /** UTC epoch ms, required for the space-time variant and for cluster first/last times. */
  times?: Float64Array;
  /** Optional per-point category code; each cluster reports its most frequent code. */
  categories?: Uint8Array;
}

export interface DbscanCluster {
  id: number;
  size: number;
  coreCount: number;
  borderCount: number;
  /** Counter-clockwise convex hull of all member points, open ring of [x, y] metres (EPSG:2180). */
  hull: [number, number][];
  /** Mean centre of the member points [x, y] metres. */
  centroid: [number, number];
  /** Earliest / latest member time (UTC ms), null without times. */
  firstTime: number | null;
  lastTime: number | null;
  /** Most frequent category code among members (ties: smallest code), null without categories. */
  dominantCategory: number | null;
  dominantCategoryCount: number;
}

export interface DbscanResult {
  method: 'dbscan';
  params: DbscanParams & { pointCount: number };
  /** Cluster id per point, -1 = noise. */
  labels: Int32Array;
  /** Per point: 0 noise, 1 core, 2 border (POINT_NOISE / POINT_CORE / POINT_BORDER). */
  pointKind: Uint8Array;
  clusters: DbscanCluster[];
  counts: { clusters: number; core: number; border: number; noise: number };
}

export function dbscan(input: DbscanInput, params: { eps: number; minPoints: number; timeWindowMs?: number | null }, options?: RunOptions): DbscanResult {
  const { x, y, times, categories } = input;
  const n = x.length;
  assertSameLength('y', y, n);
  if (times) assertSameLength('times', times, n);
  if (categories) assertSameLength('categories', categories, n);
  assertPositive('eps', params.eps);
  if (!(Number.isInteger(params.minPoints) && params.minPoints >= 1)) throw new Error(`minPoints must be an integer >= 1 (got ${params.minPoints}).`);
  const timeWindowMs = params.timeWindowMs ?? null;
  if (timeWindowMs !== null) {
    if (!(timeWindowMs >= 0)) throw new Error(`timeWindowMs must be >= 0 (got ${timeWindowMs}).`);
    if (!times) throw new Error('The space-time DBSCAN variant needs times.');
  }
  const { eps, minPoints } = params;
  const progress = new Progress(options, [1, 3, 3, 1]);
  const window = timeWindowMs ?? Infinity;
  const t = timeWindowMs !== null ? times : undefined;

  const index = buildIndex(x, y);
  progress.report(0, 1);

  // 1. core points (early exit at minPoints). Self always counts (also with a NaN time).
  const pointKind = new Uint8Array(n);
  let coreCount = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 4095) === 0) progress.report(1, i / n);
    let c: number;
    if (t && !Number.isFinite(t[i])) c = 1;
    else c = withinFiltered(index, x[i], y[i], eps, null, minPoints, t, t ? t[i] : 0, window);
    if (c >= minPoints) {
      pointKind[i] = POINT_CORE;
      coreCount++;
    }
  }

  // 2. expansion from core points in index order (depth-first stack; the traversal order inside a cluster does
  //    not change the result because clusters are completed one at a time).
  const labels = new Int32Array(n).fill(-1);
  const buf = new Uint32Array(Math.max(n, 1));
  const stack = new Int32Array(Math.max(n, 1));
  let nClusters = 0;
  let processed = 0;
  for (let i = 0; i < n; i++) {
    if (pointKind[i] !== POINT_CORE || labels[i] !== -1) continue;
    const c = nClusters++;
    labels[i] = c;
    let sp = 0;
    stack[sp++] = i;
    while (sp > 0) {
      const p = stack[--sp];
      if ((++processed & 4095) === 0) progress.report(2, processed / Math.max(coreCount, 1));
      const k = withinFiltered(index, x[p], y[p], eps, buf, Infinity, t, t ? t[p] : 0, window);
      for (let a = 0; a < k; a++) {
        const q = buf[a];
        if (labels[q] !== -1) continue;
        labels[q] = c;
        if (pointKind[q] === POINT_CORE) stack[sp++] = q;
        else pointKind[q] = POINT_BORDER;
      }
    }
  }

  // 3. per-cluster summaries via counting sort of members.
  const start = new Int32Array(nClusters + 1);
  for (let i = 0; i < n; i++) if (labels[i] >= 0) start[labels[i] + 1]++;
  for (let c = 0; c < nClusters; c++) start[c + 1] += start[c];
  const members = new Uint32Array(start[nClusters]);
  const fill = start.slice(0, nClusters);
  for (let i = 0; i < n; i++) if (labels[i] >= 0) members[fill[labels[i]]++] = i;
  const catCount = new Int32Array(256);
  const clusters: DbscanCluster[] = [];
  let border = 0;
  for (let c = 0; c < nClusters; c++) {
    if ((c & 255) === 0) progress.report(3, c / Math.max(nClusters, 1));
    const a = start[c], b = start[c + 1];
    let sx = 0, sy = 0, cores = 0, tMin = Infinity, tMax = -Infinity;
    for (let k = a; k < b; k++) {
      const i = members[k];
      sx += x[i];
      sy += y[i];
      if (pointKind[i] === POINT_CORE) cores++;
      if (times) {
        const ti = times[i];
        if (ti < tMin) tMin = ti;
        if (ti > tMax) tMax = ti;
      }
      if (categories) catCount[categories[i]]++;
    }
    let dom: number | null = null;
    let domCount = 0;
    if (categories) {
      for (let k = a; k < b; k++) {
        const code = categories[members[k]];
        const v = catCount[code];
        if (v > domCount || (v === domCount && dom !== null && code < dom)) { dom = code; domCount = v; }
      }
      for (let k = a; k < b; k++) catCount[categories[members[k]]] = 0;
    }
    const size = b - a;
    border += size - cores;
    clusters.push({
      id: c,
      size,
      coreCount: cores,
      borderCount: size - cores,
      hull: convexHullOf(x, y, members, a, b),
      centroid: [sx / size, sy / size],
      firstTime: times && tMin !== Infinity ? tMin : null,
      lastTime: times && tMax !== -Infinity ? tMax : null,
      dominantCategory: dom,
      dominantCategoryCount: domCount,
    });
  }
  progress.done();
  return {
    method: 'dbscan',
    params: { eps, minPoints, timeWindowMs, pointCount: n },
    labels,
    pointKind,
    clusters,
    counts: { clusters: nClusters, core: coreCount, border, noise: n - coreCount - border },
  };
}

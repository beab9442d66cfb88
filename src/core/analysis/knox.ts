/**
 * Near-repeat analysis: Knox test over distance x time bands with Monte-Carlo inference
 * (as the Near Repeat Calculator, Ratcliffe 2009).
 *
 * Bands: `distanceEdges` [d0 = 0, d1, ..., dK] metres and `timeEdges` [t0 = 0, t1, ..., tL] milliseconds.
 * A pair (i < j) with distance d and time gap dt = |t_i - t_j| falls in distance band a when
 * d_a < d <= d_{a+1} (band 0 also includes d = d_0, so [0, d1] holds same-location pairs) and in time band b
 * when t_b < dt <= t_{b+1} (band 0 includes dt = t_0). Pairs beyond the last edge are not counted.
 *
 * Observed O_ab = number of pairs in band (a, b). Null hypothesis: times are exchangeable among locations.
 * Each of `iterations` Monte-Carlo replicates permutes the times over the points (Fisher-Yates driven by the
 * seeded mulberry32 PRNG) and recounts. Expected E_ab = mean replicate count; Knox ratio = O_ab / E_ab;
 * p_ab = (#{replicates with count >= O_ab} + 1) / (iterations + 1) (one-sided, excess of near repeats).
 *
 * Implementation: all pairs within the largest distance are enumerated once with kdbush (each stored with its
 * distance band); replicates only re-evaluate the time band of those pairs. Memory: 8 bytes per close pair;
 * more than `maxPairs` (default 30 million) close pairs is refused with an Error.
 */
import { Progress, assertSameLength, type RunOptions } from './common';
import { mulberry32, shuffleInPlace } from './random';
import { buildIndex, withinFiltered } from './spatial';

export interface KnoxParams {
  distanceEdges: number[];
  timeEdges: number[];
  iterations: number;
  seed: number;
}

export interface KnoxResult {
  method: 'knox';
  params: KnoxParams & { pointCount: number; closePairs: number };
  /** Row-major tables [distanceBand][timeBand], dims (distanceEdges.length - 1) x (timeEdges.length - 1). */
  observed: number[][];
  expected: number[][];
  ratio: number[][];
  p: number[][];
}

function bandOf(edges: Float64Array, v: number): number {
  // returns a with edges[a] < v <= edges[a+1] (a = 0 also for v == edges[0]); -1 outside
  const L = edges.length - 1;
  if (!(v >= edges[0]) || v > edges[L]) return -1;
  let lo = 0, hi = L - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] < v) lo = mid; else hi = mid - 1;
  }
  return lo;
}

export function knoxTest(
  input: { x: Float64Array; y: Float64Array; times: Float64Array },
  params: { distanceEdges: number[]; timeEdges: number[]; iterations?: number; seed?: number; maxPairs?: number },
  options?: RunOptions,
): KnoxResult {
  const { x, y, times } = input;
  const n = x.length;
  assertSameLength('y', y, n);
  assertSameLength('times', times, n);
  const iterations = params.iterations ?? 999;
  const seed = params.seed ?? 1;
  const maxPairs = params.maxPairs ?? 30_000_000;
  const dE = Float64Array.from(params.distanceEdges);
  const tE = Float64Array.from(params.timeEdges);
  for (const [name, e] of [['distanceEdges', dE], ['timeEdges', tE]] as const) {
    if (e.length < 2) throw new Error(`${name} needs at least 2 edges.`);
    if (!(e[0] >= 0)) throw new Error(`${name} must start at a value >= 0.`);
    for (let k = 1; k < e.length; k++) if (!(e[k] > e[k - 1])) throw new Error(`${name} must be strictly increasing.`);
  }
  if (!(Number.isInteger(iterations) && iterations >= 1)) throw new Error('iterations must be a positive integer.');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]) || !Number.isFinite(times[i])) throw new Error(`Point ${i} lacks finite coordinates or time.`);
  }
  const D = dE.length - 1, Tn = tE.length - 1;
  const progress = new Progress(options, [1, 10]);
  const index = buildIndex(x, y);
  const rMax = dE[D];
  const buf = new Uint32Array(Math.max(n, 1));
  let pi: Int32Array = new Int32Array(1 << 16), pj: Int32Array = new Int32Array(1 << 16);
  let pd: Uint8Array | Uint16Array = D < 256 ? new Uint8Array(1 << 16) : new Uint16Array(1 << 16);
  let P = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 4095) === 0) progress.report(0, i / n);
    const k = withinFiltered(index, x[i], y[i], rMax, buf, Infinity);
    for (let a = 0; a < k; a++) {
      const j = buf[a];
      if (j <= i) continue;
      const d = Math.hypot(x[j] - x[i], y[j] - y[i]);
      const db = bandOf(dE, d);
      if (db < 0) continue;
      if (P === pi.length) {
        if (P >= maxPairs) throw new Error(`More than ${maxPairs} pairs within ${rMax} m: reduce the largest distance band or the number of points.`);
        const grow = Math.min(P * 2, maxPairs);
        const ni = new Int32Array(grow); ni.set(pi); pi = ni;
        const nj = new Int32Array(grow); nj.set(pj); pj = nj;
        const nd = D < 256 ? new Uint8Array(grow) : new Uint16Array(grow); nd.set(pd); pd = nd;
      }
      pi[P] = i; pj[P] = j; pd[P] = db; P++;
    }
  }
  const cellsN = D * Tn;
  const count = (t: Float64Array, out: Float64Array) => {
    out.fill(0);
    for (let q = 0; q < P; q++) {
      const tb = bandOf(tE, Math.abs(t[pi[q]] - t[pj[q]]));
      if (tb >= 0) out[pd[q] * Tn + tb]++;
    }
  };
  const obs = new Float64Array(cellsN);
  count(times, obs);
  const sumRep = new Float64Array(cellsN);
  const ge = new Float64Array(cellsN);
  const rep = new Float64Array(cellsN);
  const perm = Float64Array.from(times);
  const rng = mulberry32(seed);
  for (let it = 0; it < iterations; it++) {
    progress.report(1, it / iterations);
    shuffleInPlace(perm, rng);
    count(perm, rep);
    for (let c = 0; c < cellsN; c++) {
      sumRep[c] += rep[c];
      if (rep[c] >= obs[c]) ge[c]++;
    }
  }
  const table = (f: (c: number) => number) => Array.from({ length: D }, (_, a) => Array.from({ length: Tn }, (_, b) => f(a * Tn + b)));
  progress.done();
  return {
    method: 'knox',
    params: { distanceEdges: Array.from(dE), timeEdges: Array.from(tE), iterations, seed, pointCount: n, closePairs: P },
    observed: table((c) => obs[c]),
    expected: table((c) => sumRep[c] / iterations),
    ratio: table((c) => (sumRep[c] > 0 ? obs[c] / (sumRep[c] / iterations) : NaN)),
    p: table((c) => (ge[c] + 1) / (iterations + 1)),
  };
}

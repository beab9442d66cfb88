/**
 * Seeded deterministic pseudo-random numbers (mulberry32, 32-bit state). Not cryptographic; used for
 * Monte-Carlo permutations and sampling so that stored results can be reproduced exactly from their seed.
 */
export type Rng = () => number;

/** mulberry32: returns a function producing uniform doubles in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** In-place Fisher-Yates shuffle of a typed or plain array. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(arr: T, rng: Rng): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
  }
  return arr;
}

/** Indices of a simple random sample (without replacement) of size min(k, n), sorted ascending. */
export function sampleIndices(n: number, k: number, rng: Rng): Uint32Array {
  if (k >= n) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  // Floyd's algorithm would need a Set; partial Fisher-Yates on an index array is simpler and O(n) memory.
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, k).sort();
}

/** Standard normal deviate (Box-Muller). */
export function gaussian(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * Binomial(n, p) deviate: exact inversion (sequential search on the pmf) when n·min(p, 1-p) < 30, else the normal
 * approximation with continuity, rounded and clamped to [0, n] (used for Monte-Carlo null distributions of large
 * counts, where its error is far below the simulation noise).
 */
export function binomialDeviate(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const q = 1 - p;
  if (n * Math.min(p, q) < 30) {
    // inversion: P(X = 0) = q^n, P(X = k+1) = P(X = k) (n-k)/(k+1) p/q
    const u = rng();
    let k = 0, pk = Math.pow(q, n), cdf = pk;
    const r = p / q;
    while (u > cdf && k < n) {
      pk *= ((n - k) / (k + 1)) * r;
      k++;
      cdf += pk;
    }
    return k;
  }
  const x = Math.round(n * p + Math.sqrt(n * p * q) * gaussian(rng));
  return x < 0 ? 0 : x > n ? n : x;
}

/** Multinomial(n, weights) deviate into `out` by sequential binomials: O(categories), not O(n). */
export function multinomialDeviate(n: number, weights: ArrayLike<number>, rng: Rng, out: Float64Array): void {
  let total = 0;
  for (let k = 0; k < weights.length; k++) total += weights[k];
  let left = n;
  for (let k = 0; k < weights.length; k++) {
    if (left <= 0 || total <= 0) { out[k] = 0; continue; }
    const w = weights[k];
    const x = k === weights.length - 1 ? left : binomialDeviate(left, Math.min(1, w / total), rng);
    out[k] = x;
    left -= x;
    total -= w;
  }
}

/**
 * Exact tests for comparing two Poisson counts (conditional binomial test).
 *
 * If current ~ Poisson(λ·t2) and previous ~ Poisson(λ·t1) under H0 (same rate), then given n = n1 + n2,
 * n2 ~ Binomial(n, t2 / (t1 + t2)); for periods of equal length p = 0.5. The two-sided p-value follows
 * scipy.stats.binomtest(k, n, p, alternative='two-sided'): the probability of all outcomes no more likely than the
 * observed one (relative tolerance 1e-7); for p = 0.5 that is min(1, 2·min(P(X ≤ k), P(X ≥ k))).
 *
 * Binomial tails come from the regularised incomplete beta function (Lentz continued fraction) with a Lanczos
 * log-gamma, evaluated on the side where the continued fraction converges fast, so small tails keep their
 * relative precision (no 1 - x cancellation for the tail that is asked for).
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) {
    if (x === 0) return Infinity;
    // reflection for negative non-integers
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (k === 0 || k === n) return 0;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300, EPS = 1e-16, MAX_IT = 1_000_000;
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_IT; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta did not converge (a=${a}, b=${b}, x=${x})`);
}

/** Regularised incomplete beta I_x(a, b), a, b > 0. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n || !Number.isInteger(k)) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** P(X ≤ k) for X ~ Binomial(n, p) = I_{1-p}(n - k, k + 1). */
export function binomCdf(k: number, n: number, p: number): number {
  k = Math.floor(k);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  return regularizedBeta(1 - p, n - k, k + 1);
}

/** P(X ≥ k) for X ~ Binomial(n, p) = I_p(k, n - k + 1). */
export function binomSf(k: number, n: number, p: number): number {
  k = Math.ceil(k);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return regularizedBeta(p, k, n - k + 1);
}

/** Two-sided exact binomial test p-value (scipy.stats.binomtest semantics). */
export function binomTestTwoSided(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) throw new Error(`binomTestTwoSided: invalid k=${k}, n=${n}`);
  if (!(p >= 0 && p <= 1)) throw new Error(`binomTestTwoSided: invalid p=${p}`);
  if (n === 0) return 1;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  if (p === 0.5) return Math.min(1, 2 * Math.min(binomCdf(k, n, 0.5), binomSf(k, n, 0.5)));
  const m = n * p;
  if (k === m) return 1;
  const d = binomPmf(k, n, p) * (1 + 1e-7);
  let pval: number;
  if (k < m) {
    // smallest j in [ceil(m), n] with pmf(j) <= d (pmf is non-increasing there)
    let lo = Math.ceil(m), hi = n + 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (binomPmf(mid, n, p) <= d) hi = mid; else lo = mid + 1; }
    pval = binomCdf(k, n, p) + (lo <= n ? binomSf(lo, n, p) : 0);
  } else {
    // largest j in [0, floor(m)] with pmf(j) <= d (pmf is non-decreasing there)
    let lo = -1, hi = Math.floor(m);
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (binomPmf(mid, n, p) <= d) lo = mid; else hi = mid - 1; }
    pval = (lo >= 0 ? binomCdf(lo, n, p) : 0) + binomSf(k, n, p);
  }
  return Math.min(1, pval);
}

export interface PoissonComparison {
  current: number;
  previous: number;
  /** H0 probability that a report of either period falls in the current one: tCurrent / (tCurrent + tPrevious). */
  p: number;
  pValue: number;
}

/**
 * Exact conditional test of equal Poisson rates for two counts observed over periods of lengths tCurrent and
 * tPrevious (any unit; equal periods by default). Two-sided.
 */
export function poissonRateTest(current: number, previous: number, tCurrent = 1, tPrevious = 1): PoissonComparison {
  if (!(tCurrent > 0 && tPrevious > 0)) throw new Error('poissonRateTest: period lengths must be positive');
  const p = tCurrent / (tCurrent + tPrevious);
  return { current, previous, p, pValue: binomTestTwoSided(current, current + previous, p) };
}

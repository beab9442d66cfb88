/**
 * Small numerical helpers: complementary error function, normal distribution, two-sided p-values,
 * Benjamini-Hochberg false discovery rate and confidence bins, order statistics.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * Complementary error function erfc(x) to ~1e-14 relative accuracy.
 * |x| < 2.5: the all-positive series erf(x) = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (1*3*...*(2n+1));
 * |x| >= 2.5: the Laplace continued fraction erfc(x) = e^{-x^2}/sqrt(pi) / (x + 1/2/(x + 1/(x + 3/2/(x + ...)))).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - ((2 / SQRT_PI) * Math.exp(-x2) * sum);
  }
  if (x > 27) return 0;
  let k = x;
  for (let n = 80; n >= 1; n--) k = x + n / 2 / k;
  return Math.exp(-x * x) / SQRT_PI / k;
}

/** Standard normal cumulative distribution function. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value of a standard normal z: P(|Z| >= |z|) = erfc(|z| / sqrt 2). NaN stays NaN. */
export function pTwoSided(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/**
 * Benjamini-Hochberg step-up cut-off: the largest p_(k) with p_(k) <= k/m * alpha (p sorted ascending),
 * or -1 when no test is significant. A test is significant at FDR level alpha iff p <= cutoff.
 * NaN p-values are ignored (they count neither as tests nor as discoveries).
 */
export function bhCutoff(sortedP: Float64Array, alpha: number): number {
  const m = sortedP.length;
  for (let k = m; k >= 1; k--) {
    const p = sortedP[k - 1];
    if (p <= (k / m) * alpha) return p;
  }
  return -1;
}

export interface ConfidenceBinResult {
  /** -3..+3: sign(z) x {3: 99 %, 2: 95 %, 1: 90 %}, 0 not significant. */
  bins: Int8Array;
  /** p-value cut-offs actually used for 90/95/99 % (after FDR when enabled); -1 = nothing significant. */
  cutoffs: { p90: number; p95: number; p99: number };
  fdr: boolean;
}

/**
 * ArcGIS-style confidence bins (Gi_Bin). With `fdr` (default true) the cut-off for each confidence level
 * 1 - alpha (alpha = 0.10, 0.05, 0.01) is the Benjamini-Hochberg cut-off over all m finite p-values;
 * otherwise the plain alpha. Bin = sign(z) * highest level met.
 */
export function confidenceBins(z: Float64Array, p: Float64Array, fdr = true): ConfidenceBinResult {
  const n = p.length;
  let p90 = 0.1;
  let p95 = 0.05;
  let p99 = 0.01;
  if (fdr) {
    let m = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(p[i])) m++;
    const sorted = new Float64Array(m);
    let k = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(p[i])) sorted[k++] = p[i];
    sorted.sort();
    p90 = bhCutoff(sorted, 0.1);
    p95 = bhCutoff(sorted, 0.05);
    p99 = bhCutoff(sorted, 0.01);
  }
  const bins = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const pi = p[i];
    if (!Number.isFinite(pi) || !Number.isFinite(z[i]) || z[i] === 0) continue;
    const level = pi <= p99 ? 3 : pi <= p95 ? 2 : pi <= p90 ? 1 : 0;
    bins[i] = z[i] > 0 ? level : -level;
  }
  return { bins, cutoffs: { p90, p95, p99 }, fdr };
}

/** Median of finite values (copies; does not modify the input). NaN for an empty input. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Quantile with linear interpolation between order statistics (type 7, as numpy's default). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(values as ArrayLike<number>).filter(Number.isFinite).sort();
  return quantileSorted(a, q);
}

export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

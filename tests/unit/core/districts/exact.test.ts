import { describe, expect, it } from 'vitest';
import { binomCdf, binomPmf, binomSf, binomTestTwoSided, logGamma, poissonRateTest, regularizedBeta } from '../../../../src/core/districts/exact';

// ---- exact rational reference by summation (BigInt) ----
function chooseRow(n: number): bigint[] {
  const row: bigint[] = [1n];
  for (let k = 1; k <= n; k++) row.push((row[k - 1] * BigInt(n - k + 1)) / BigInt(k));
  return row;
}
/** num/den as a double with full precision. */
function ratio(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const shift = den.toString(2).length - num.toString(2).length + 64;
  return shift >= 0 ? Number((num << BigInt(shift)) / den) * Math.pow(2, -shift) : Number(num / den);
}
/** Exact pmf numerators for p = a/b: C(n,j) a^j (b-a)^(n-j), denominator b^n. */
function exactPmfs(n: number, a: number, b: number): { nums: bigint[]; den: bigint } {
  const row = chooseRow(n);
  const A = BigInt(a), B = BigInt(b - a);
  const nums = row.map((c, j) => c * A ** BigInt(j) * B ** BigInt(n - j));
  return { nums, den: BigInt(b) ** BigInt(n) };
}
function exactCdf(k: number, n: number, a: number, b: number): number {
  const { nums, den } = exactPmfs(n, a, b);
  return ratio(nums.slice(0, k + 1).reduce((s, x) => s + x, 0n), den);
}
/** scipy binomtest two-sided: sum of pmf(j) <= pmf(k) * (1 + 1e-7), exactly. */
function exactTwoSided(k: number, n: number, a: number, b: number): number {
  const { nums, den } = exactPmfs(n, a, b);
  const lim = nums[k] * 10000001n;
  let s = 0n;
  for (const x of nums) if (x * 10000000n <= lim) s += x;
  const v = ratio(s, den);
  return Math.min(1, v);
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('special functions', () => {
  it('logGamma matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(rel(logGamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(rel(logGamma(10), Math.log(362880))).toBeLessThan(1e-14);
    let lf = 0;
    for (let i = 2; i <= 170; i++) lf += Math.log(i);
    expect(rel(logGamma(171), lf)).toBeLessThan(1e-13);
    expect(rel(logGamma(1e6 + 1), 12815518.384658169)).toBeLessThan(1e-14); // ln(10^6!)
  });
  it('regularised incomplete beta: symmetry and closed forms', () => {
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.3, 2, 1)).toBeCloseTo(0.09, 14);
    expect(regularizedBeta(0.5, 7.5, 7.5)).toBeCloseTo(0.5, 14);
    expect(regularizedBeta(0.2, 3, 5) + regularizedBeta(0.8, 5, 3)).toBeCloseTo(1, 14);
  });
});

describe('binomial tails against exact summation', () => {
  it.each([[1, 2], [1, 3], [2, 5], [7, 10]])('CDF, SF and PMF for p = %i/%i', (a, b) => {
    const p = a / b;
    for (const n of [1, 5, 10, 20, 37, 100, 333, 1000]) {
      const { nums, den } = exactPmfs(n, a, b);
      for (const k of new Set([0, 1, Math.floor(n * p) - 3, Math.floor(n / 3), Math.floor(n * p), Math.floor(n / 2) + 5, n - 1, n])) {
        if (k < 0 || k > n) continue;
        const cdf = ratio(nums.slice(0, k + 1).reduce((s, x) => s + x, 0n), den);
        const sf = ratio(nums.slice(k).reduce((s, x) => s + x, 0n), den);
        const pmf = ratio(nums[k], den);
        if (cdf > 1e-300) expect(rel(binomCdf(k, n, p), cdf)).toBeLessThan(1e-11);
        if (sf > 1e-300) expect(rel(binomSf(k, n, p), sf)).toBeLessThan(1e-11);
        if (pmf > 1e-300) expect(rel(binomPmf(k, n, p), pmf)).toBeLessThan(1e-11);
      }
    }
  });
  it('keeps relative precision deep in the tails', () => {
    expect(rel(binomCdf(3, 1000, 0.5), exactCdf(3, 1000, 1, 2))).toBeLessThan(1e-11); // ~1e-293
    expect(rel(binomCdf(100, 1000, 1 / 3), exactCdf(100, 1000, 1, 3))).toBeLessThan(1e-11);
  });
});

describe('exact two-sided test', () => {
  it('reproduces known p-values', () => {
    expect(binomTestTwoSided(7, 10, 0.5)).toBeCloseTo(0.34375, 14); // 2 * 176/1024
    expect(rel(binomTestTwoSided(3, 20, 0.5), (2 * 1351) / 2 ** 20)).toBeLessThan(1e-13);
    expect(binomTestTwoSided(5, 10, 0.5)).toBe(1);
    // scipy.stats.binomtest(3, n=15, p=0.1, alternative='greater').pvalue (scipy docs)
    expect(rel(binomSf(3, 15, 0.1), 0.18406106910639114)).toBeLessThan(1e-12);
  });
  it.each([[1, 2], [1, 3], [2, 5], [3, 4]])('matches exact summation of outcomes no more likely than the observed one, p = %i/%i', (a, b) => {
    const p = a / b;
    for (const n of [1, 2, 3, 10, 25, 60, 200, 777]) {
      for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 23))) {
        const ref = exactTwoSided(k, n, a, b);
        expect(rel(binomTestTwoSided(k, n, p), ref)).toBeLessThan(1e-10);
      }
    }
  });
  it('poissonRateTest: equal periods use p = 0.5, unequal ones are weighted by length', () => {
    expect(poissonRateTest(0, 0).pValue).toBe(1);
    expect(poissonRateTest(10, 0).pValue).toBeCloseTo(2 / 1024, 15);
    const t = poissonRateTest(30, 12);
    expect(t.p).toBe(0.5);
    expect(rel(t.pValue, exactTwoSided(30, 42, 1, 2))).toBeLessThan(1e-12);
    const u = poissonRateTest(20, 25, 1, 2); // previous period twice as long
    expect(u.p).toBeCloseTo(1 / 3, 15);
    expect(rel(u.pValue, exactTwoSided(20, 45, 1, 3))).toBeLessThan(1e-12);
    // large counts (a busy beat over a half-year): exact summation still agrees
    expect(rel(poissonRateTest(1100, 1000).pValue, exactTwoSided(1100, 2100, 1, 2))).toBeLessThan(1e-9);
  });
});

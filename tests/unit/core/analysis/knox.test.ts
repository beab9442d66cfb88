import { describe, expect, it } from 'vitest';
import { knoxTest } from '../../../../src/core/analysis/knox';
import { mulberry32 } from '../../../../src/core/analysis/random';

const DAY = 86_400_000;

function randomEvents(n: number, seed: number, repeats = 0) {
  const rng = mulberry32(seed);
  const x: number[] = [], y: number[] = [], t: number[] = [];
  for (let i = 0; i < n; i++) {
    x.push(548000 + rng() * 3000); y.push(393000 + rng() * 3000); t.push(Date.UTC(2024, 0, 1) + rng() * 365 * DAY);
  }
  for (let k = 0; k < repeats; k++) { // near repeat: within 50 m and 3 days of an earlier event
    const j = Math.floor(rng() * n);
    x.push(x[j] + (rng() - 0.5) * 60); y.push(y[j] + (rng() - 0.5) * 60); t.push(t[j] + rng() * 3 * DAY);
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y), times: Float64Array.from(t) };
}

describe('Knox test', () => {
  const dE = [0, 100, 200, 400];
  const tE = [0, 7 * DAY, 14 * DAY, 28 * DAY];

  it('observed table equals brute-force pair counting', () => {
    const ev = randomEvents(400, 1, 40);
    const r = knoxTest(ev, { distanceEdges: dE, timeEdges: tE, iterations: 9, seed: 5 });
    const band = (e: number[], v: number) => { if (v < e[0] || v > e[e.length - 1]) return -1; for (let k = 0; k < e.length - 1; k++) if (v <= e[k + 1]) return k; return -1; };
    const obs = dE.slice(1).map(() => tE.slice(1).map(() => 0));
    const n = ev.x.length;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = band(dE, Math.hypot(ev.x[i] - ev.x[j], ev.y[i] - ev.y[j]));
      const b = band(tE, Math.abs(ev.times[i] - ev.times[j]));
      if (a >= 0 && b >= 0) obs[a][b]++;
    }
    expect(r.observed).toEqual(obs);
    expect(r.params.iterations).toBe(9);
    expect(r.params.seed).toBe(5);
  });

  it('is deterministic for a seed and detects planted near repeats', () => {
    const ev = randomEvents(600, 2, 80);
    const a = knoxTest(ev, { distanceEdges: dE, timeEdges: tE, iterations: 199, seed: 11 });
    const b = knoxTest(ev, { distanceEdges: dE, timeEdges: tE, iterations: 199, seed: 11 });
    expect(a).toEqual(b);
    const c = knoxTest(ev, { distanceEdges: dE, timeEdges: tE, iterations: 199, seed: 12 });
    expect(c.expected).not.toEqual(a.expected);
    expect(a.ratio[0][0]).toBeGreaterThan(2);
    expect(a.p[0][0]).toBeCloseTo(1 / 200, 12); // no permutation reaches the observed count
    // far bands are not elevated
    expect(a.p[2][2]).toBeGreaterThan(0.01);
    for (const row of a.p) for (const p of row) { expect(p).toBeGreaterThanOrEqual(1 / 200); expect(p).toBeLessThanOrEqual(1); }
  });

  it('no excess without near repeats', () => {
    const ev = randomEvents(700, 3, 0);
    const r = knoxTest(ev, { distanceEdges: dE, timeEdges: tE, iterations: 99, seed: 1 });
    let small = 0;
    for (const row of r.p) for (const p of row) if (p <= 0.01) small++;
    expect(small).toBeLessThanOrEqual(1);
  });

  it('validates bands', () => {
    const ev = randomEvents(10, 4);
    expect(() => knoxTest(ev, { distanceEdges: [0, 100, 50], timeEdges: tE })).toThrow(/increasing/);
    expect(() => knoxTest(ev, { distanceEdges: [0], timeEdges: tE })).toThrow(/2 edges/);
  });
});

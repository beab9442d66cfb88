import { describe, expect, it } from 'vitest';
import {
  classifyEmerging, COLD_OFFSET, EMERGING_PATTERNS, emergingHotSpots, mannKendall, PATTERN, stepIndex, utcMonthEdges, utcWeekEdges,
} from '../../../../src/core/analysis/emerging';
import { cellIndexOf } from '../../../../src/core/analysis/grid';
import { mulberry32 } from '../../../../src/core/analysis/random';
import { pTwoSided } from '../../../../src/core/analysis/stats';

describe('Mann-Kendall', () => {
  it('strict increase (no ties)', () => {
    const r = mannKendall([1, 2, 3, 4, 5]);
    expect(r.S).toBe(10);
    expect(r.varS).toBeCloseTo(50 / 3, 12);
    expect(r.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12);
    expect(r.p).toBeCloseTo(pTwoSided(2.2045407685048604), 12);
    expect(r.tau).toBe(1);
  });
  it('tie correction', () => {
    const r = mannKendall([1, 1, 2, 3]);
    expect(r.S).toBe(5);
    expect(r.varS).toBeCloseTo((4 * 3 * 13 - 2 * 1 * 9) / 18, 12);
    expect(r.z).toBeCloseTo(4 / Math.sqrt(138 / 18), 12);
    const d = mannKendall([3, 3, 3]);
    expect(d.z).toBe(0);
    expect(d.p).toBe(1);
    expect(mannKendall([5, 4, 3, 2, 1, 0]).S).toBe(-15);
  });
});

describe('emerging pattern categories (ArcGIS definitions)', () => {
  const none = { S: 0, p: 1 };
  const up = { S: 30, p: 0.001 };
  const down = { S: -30, p: 0.001 };
  const cases: [string, number[], { S: number; p: number }, number][] = [
    ['no pattern', [0, 1, 0, 0, 0, 0, 0, 0, 0, 0], none, PATTERN.none],
    ['no pattern (all zero)', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], up, PATTERN.none],
    ['new', [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], none, PATTERN.new],
    ['new (earlier cold spot; New precedes Oscillating)', [-1, 0, 0, 0, 0, 0, 0, 0, 0, 1], none, PATTERN.new],
    ['consecutive', [0, 0, 0, 0, 0, 0, 0, 1, 1, 1], up, PATTERN.consecutive],
    ['consecutive (8 of 10 < 90 %)', [0, 0, 1, 1, 1, 1, 1, 1, 1, 1], up, PATTERN.consecutive],
    ['intensifying', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], up, PATTERN.intensifying],
    ['intensifying (9 of 10)', [1, 0, 1, 1, 1, 1, 1, 1, 1, 1], up, PATTERN.intensifying],
    ['persistent', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], none, PATTERN.persistent],
    ['persistent (trend not significant)', [0, 1, 1, 1, 1, 1, 1, 1, 1, 1], { S: 20, p: 0.06 }, PATTERN.persistent],
    ['diminishing', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], down, PATTERN.diminishing],
    ['sporadic', [0, 1, 0, 1, 1, 0, 0, 1, 0, 1], none, PATTERN.sporadic],
    ['sporadic (two runs)', [1, 1, 0, 0, 0, 0, 0, 0, 1, 1], none, PATTERN.sporadic],
    ['oscillating', [-1, 0, 1, 0, -1, 0, 0, 1, 0, 1], none, PATTERN.oscillating],
    ['historical', [1, 1, 1, 1, 1, 1, 1, 1, 1, 0], down, PATTERN.historical],
    ['historical (no trend)', [1, 1, 1, 1, 1, 1, 1, 1, 1, 0], none, PATTERN.historical],
    ['not historical (< 90 % and final not hot)', [1, 1, 1, 1, 1, 1, 1, 1, 0, 0], none, PATTERN.none],
  ];
  for (const [name, sig, trend, expected] of cases) {
    it(`hot: ${name}`, () => {
      expect(EMERGING_PATTERNS[classifyEmerging(sig, trend)]).toBe(EMERGING_PATTERNS[expected]);
    });
    it(`cold twin: ${name}`, () => {
      const cold = sig.map((s) => -s);
      const mirrored = { S: -trend.S, p: trend.p };
      const want = expected === PATTERN.none ? PATTERN.none : expected + COLD_OFFSET;
      expect(EMERGING_PATTERNS[classifyEmerging(cold, mirrored)]).toBe(EMERGING_PATTERNS[want]);
    });
  }
  it('all 17 names are distinct and cold names mirror hot ones', () => {
    expect(new Set(EMERGING_PATTERNS).size).toBe(17);
    for (let k = 1; k <= 8; k++) expect(EMERGING_PATTERNS[k + COLD_OFFSET]).toBe(EMERGING_PATTERNS[k].replace('Hot', 'Cold'));
  });
  it('trend alpha is a parameter', () => {
    const all = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    expect(classifyEmerging(all, { S: 20, p: 0.03 }, 0.05)).toBe(PATTERN.intensifying);
    expect(classifyEmerging(all, { S: 20, p: 0.03 }, 0.01)).toBe(PATTERN.persistent);
  });
});

describe('time steps', () => {
  it('UTC week and month edges and step indices', () => {
    const t0 = Date.UTC(2024, 0, 3, 12); // Wednesday
    const w = utcWeekEdges(t0, Date.UTC(2024, 0, 20));
    expect(w[0]).toBe(Date.UTC(2024, 0, 1));
    expect(w[w.length - 1]).toBeGreaterThan(Date.UTC(2024, 0, 20));
    const m = utcMonthEdges(Date.UTC(2023, 10, 15), Date.UTC(2024, 1, 2));
    expect(Array.from(m)).toEqual([Date.UTC(2023, 10, 1), Date.UTC(2023, 11, 1), Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1)]);
    const s = stepIndex(new Float64Array([Date.UTC(2023, 10, 1), Date.UTC(2023, 11, 31, 23), Date.UTC(2024, 2, 1), NaN, 0]), m);
    expect(Array.from(s)).toEqual([0, 1, -1, -1, -1]);
  });
});

describe('emerging hot spot analysis end to end', () => {
  const rng = mulberry32(77);
  const T = 12;
  const xs: number[] = [], ys: number[] = [], st: number[] = [];
  const add = (x: number, y: number, t: number) => { xs.push(x); ys.push(y); st.push(t); };
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < 400; i++) add(540000 + rng() * 8000, 390000 + rng() * 8000, t); // background
    for (let i = 0; i < 60; i++) add(542000 + (rng() - 0.5) * 600, 392000 + (rng() - 0.5) * 600, t); // always hot
    if (t === T - 1) for (let i = 0; i < 150; i++) add(546000 + (rng() - 0.5) * 600, 396000 + (rng() - 0.5) * 600, t); // new
  }
  const x = Float64Array.from(xs), y = Float64Array.from(ys), step = Int32Array.from(st);
  const r = emergingHotSpots({ x, y, step }, { grid: 'square', cellSize: 500, distanceBand: 800 });

  it('classifies planted patterns', () => {
    const at = (px: number, py: number) => EMERGING_PATTERNS[r.pattern[Array.from(r.cells).indexOf(cellIndexOf(r.grid, px, py))]];
    expect(['Persistent Hot Spot', 'Intensifying Hot Spot', 'Diminishing Hot Spot']).toContain(at(542000, 392000));
    expect(at(546000, 396000)).toBe('New Hot Spot');
    expect(r.params.steps).toBe(T);
    expect(r.params.timeStepNeighbours).toBe(1);
    const total = Object.values(r.patternCounts).reduce((a, b) => a + b, 0);
    expect(total).toBe(r.cells.length);
  });

  it('space-time Gi* equals an explicit-neighbour computation over the cube', () => {
    const C = r.cells.length;
    const N = C * T;
    let sum = 0, sum2 = 0;
    for (const v of r.counts) { sum += v; sum2 += v * v; }
    const mean = sum / N;
    const S = Math.sqrt(sum2 / N - mean * mean);
    for (let probe = 0; probe < 40; probe++) {
      const c = Math.floor(rng() * C), t = Math.floor(rng() * T);
      let W = 0, s = 0;
      for (let c2 = 0; c2 < C; c2++) {
        if (Math.hypot(r.cx[c2] - r.cx[c], r.cy[c2] - r.cy[c]) > 800) continue;
        for (let t2 = Math.max(0, t - 1); t2 <= t; t2++) { W++; s += r.counts[c2 * T + t2]; }
      }
      const z = (s - mean * W) / (S * Math.sqrt((N * W - W * W) / (N - 1)));
      expect(r.z[c * T + t]).toBeCloseTo(z, 9);
    }
  });
});

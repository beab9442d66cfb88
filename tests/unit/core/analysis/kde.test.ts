import { describe, expect, it } from 'vitest';
import { defaultSearchRadius, densityLegend, kernelDensity, legendClass } from '../../../../src/core/analysis/kde';
import { mulberry32 } from '../../../../src/core/analysis/random';

function pts(n: number, seed: number) {
  const rng = mulberry32(seed);
  const g = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return {
    x: Float64Array.from({ length: n }, () => 548883 + g() * 800),
    y: Float64Array.from({ length: n }, () => 393423 + g() * 500),
  };
}

describe('kernel density (quartic)', () => {
  it('equals a brute-force evaluation of the ArcGIS formula at every cell centre', () => {
    const p = pts(300, 1);
    const grid = { originX: 546000, originY: 396000, cellSize: 97, cols: 60, rows: 55 };
    const r = kernelDensity(p, { radius: 650, grid });
    for (let row = 0; row < grid.rows; row += 3) {
      for (let col = 0; col < grid.cols; col += 2) {
        const cx = grid.originX + (col + 0.5) * grid.cellSize;
        const cy = grid.originY - (row + 0.5) * grid.cellSize;
        let s = 0;
        for (let i = 0; i < p.x.length; i++) {
          const d = Math.hypot(p.x[i] - cx, p.y[i] - cy);
          if (d < 650) s += (3 / Math.PI) * (1 - (d / 650) ** 2) ** 2;
        }
        const expected = (s / 650 ** 2) * 1e6;
        expect(Math.abs(r.values[row * grid.cols + col] - expected)).toBeLessThan(1e-5 * Math.max(1, expected));
      }
    }
    expect(r.params.radiusRule).toBe('user');
    expect(r.params.unit).toBe('reports/km²');
  });

  it('integrates to the number of points (per km² units) and applies weights', () => {
    const p = pts(2000, 2);
    const r = kernelDensity(p, { radius: 400, cells: 400 });
    const cellKm2 = (r.grid.cellSize / 1000) ** 2;
    let total = 0;
    for (const v of r.values) total += v * cellKm2;
    expect(total / 2000).toBeGreaterThan(0.99);
    expect(total / 2000).toBeLessThan(1.01);
    const w = new Float64Array(2000).fill(2);
    const rw = kernelDensity(p, { radius: 400, grid: r.grid, weights: w });
    expect(rw.max).toBeCloseTo(2 * r.max, 2);
  });

  it('default search radius follows the ArcGIS rule', () => {
    const p = pts(5000, 3);
    const n = p.x.length;
    const mx = p.x.reduce((a, b) => a + b, 0) / n;
    const my = p.y.reduce((a, b) => a + b, 0) / n;
    const d = Array.from(p.x, (x, i) => Math.hypot(x - mx, p.y[i] - my)).sort((a, b) => a - b);
    const sd = Math.sqrt(d.reduce((a, b) => a + b * b, 0) / n);
    const dm = (d[n / 2 - 1] + d[n / 2]) / 2;
    const expected = 0.9 * Math.min(sd, Math.sqrt(1 / Math.LN2) * dm) * n ** -0.2;
    const r = defaultSearchRadius(p.x, p.y);
    expect(r.radius).toBeCloseTo(expected, 6);
    expect(r.standardDistance).toBeCloseTo(sd, 6);
    expect(r.medianDistance).toBeCloseTo(dm, 6);
    const k = kernelDensity(p, { cells: 100 });
    expect(k.params.radiusRule).toBe('arcgis-default');
    expect(k.params.radius).toBeCloseTo(expected, 6);
    // auto grid: 100 cells along the longer side, row 0 north
    expect(Math.max(k.grid.cols, k.grid.rows)).toBe(100);
  });

  it('legend: stated breaks in reports/km², independent of any screen, fixed breaks honoured', () => {
    const p = pts(3000, 4);
    const r = kernelDensity(p, { radius: 300, cells: 200 });
    const lg = densityLegend(r.values);
    expect(lg.rule).toBe('volume-contours');
    // the top class (≥ last break) holds about half of the volume, the whole legend about 99 %
    let total = 0, top = 0, all = 0;
    for (const v of r.values) { total += v; if (v >= lg.breaks[lg.breaks.length - 1]) top += v; if (v >= lg.breaks[0]) all += v; }
    expect(top / total).toBeGreaterThan(0.35);
    expect(top / total).toBeLessThan(0.65);
    expect(all / total).toBeGreaterThan(0.97);
    expect(lg.unit).toBe('reports/km²');
    expect(lg.breaks.length).toBeGreaterThanOrEqual(3);
    for (let k = 1; k < lg.breaks.length; k++) expect(lg.breaks[k]).toBeGreaterThan(lg.breaks[k - 1]);
    for (const b of lg.breaks) expect(Number(b.toPrecision(2))).toBe(b); // nice numbers
    expect(lg.labels[0]).toContain('reports/km²');
    expect(legendClass(lg, 0)).toBe(-1);
    expect(legendClass(lg, lg.breaks[1])).toBe(1);
    expect(legendClass(lg, r.max)).toBe(lg.breaks.length - 1);
    const fixed = densityLegend(r.values, { fixedBreaks: [1, 10, 100] });
    expect(fixed.breaks).toEqual([1, 10, 100]);
    expect(fixed.labels).toEqual(['1–10 reports/km²', '10–100 reports/km²', '≥ 100 reports/km²']);
    expect(() => densityLegend(r.values, { fixedBreaks: [5, 1] })).toThrow();
  });

  it('abort', () => {
    const ac = new AbortController();
    ac.abort();
    expect(() => kernelDensity(pts(10, 1), {}, { signal: ac.signal })).toThrowError(expect.objectContaining({ name: 'AbortError' }));
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildPlaceRaster, cellCentre, gridForBounds, hourSpan, inMultiPolygon, localGiStar, placeBand, placeCellSize, placeHotspotAnalysis, rasterizePolygons,
  sinceFromMonths, StratumSums, type Stratum,
} from '../../../../src/core/analysis';
import { binomSf } from '../../../../src/core/districts/exact';
import { geometryToPuwg92 } from '../../../../src/core/districts';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { mulberry32 } from '../../../../src/core/analysis/random';
import { warsawMonthIndex, warsawToUtc } from '../../../../src/core/domain/time';
import { PLANTED, plantedDataset } from '../../../helpers/plantedWorkspace';

const square = (x0: number, y0: number, s: number): number[][] => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]];

describe('rasterising the study area', () => {
  for (const kind of ['hex-pointy', 'square'] as const) {
    it(`${kind}: scanline rasterisation = point-in-polygon of every cell centre (holes, two parts)`, () => {
      const polys = [[square(0, 0, 2000), square(600, 600, 500)], [[[3000, 0], [4200, 300], [3300, 1500], [3000, 0]]]];
      const spec = gridForBounds(kind, 57, -100, -100, 4300, 2100);
      const got = new Set<number>();
      rasterizePolygons(spec, polys, (c) => got.add(c));
      const want = new Set<number>();
      for (let row = 0; row < spec.rows; row++) for (let col = 0; col < spec.cols; col++) {
        const [x, y] = cellCentre(spec, col, row);
        if (inMultiPolygon(polys, x, y)) want.add(row * spec.cols + col);
      }
      expect(want.size).toBeGreaterThan(500);
      expect([...got].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
    });
  }

  it('sums over same-stratum cells within a radius equal brute force', () => {
    const rng = mulberry32(5);
    const n = 3000;
    const x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) { x[i] = rng() * 3000; y[i] = rng() * 2000; }
    const strata: Stratum[] = [{ name: 'a', polygons: [[square(0, 0, 1500).map(([a, b]) => [a, b * 2000 / 1500])]] }, { name: 'b', polygons: [[[[1500, 0], [3000, 0], [3000, 2000], [1500, 2000], [1500, 0]]]] }];
    const raster = buildPlaceRaster({ x, y }, strata, 'hex-pointy', 60);
    const { spec, counts, stratumOfCell } = raster;
    const out = new Float64Array(3);
    for (const s of [0, 1]) {
      const sums = new StratumSums(raster, s);
      for (let t = 0; t < 40; t++) {
        const c = Math.floor(rng() * spec.cols * spec.rows);
        if (stratumOfCell[c] !== s) continue;
        const col = c % spec.cols, row = (c - col) / spec.cols;
        const [cx, cy] = cellCentre(spec, col, row);
        sums.sum(c, 400, out);
        let n0 = 0, n1 = 0, n2 = 0;
        for (let r = 0; r < spec.rows; r++) for (let q = 0; q < spec.cols; q++) {
          const k = r * spec.cols + q;
          if (stratumOfCell[k] !== s) continue;
          const [px, py] = cellCentre(spec, q, r);
          if (Math.hypot(px - cx, py - cy) <= 400 * (1 + 1e-9)) { n0++; n1 += counts[k]; n2 += counts[k] ** 2; }
        }
        expect([out[0], out[1], out[2]]).toEqual([n0, n1, n2]);
      }
    }
  });
});

describe('place-scale Gi* (local reference)', () => {
  it('the permutation variant is exactly Gi* computed on the cell’s surroundings; the default uses the binomial (CSR) tail', () => {
    const rng = mulberry32(9);
    const n = 4000;
    const x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const hot = rng() < 0.2;
      x[i] = hot ? 1200 + rng() * 150 : rng() * 3000;
      y[i] = hot ? 800 + rng() * 150 : rng() * 2000;
    }
    const raster = buildPlaceRaster({ x, y }, [{ name: 'all', polygons: [[square(0, 0, 3000).map(([a, b]) => [a, b * 2 / 3])]] }], 'hex-pointy', 50);
    const perm = localGiStar(raster, 90, 500, 30, undefined, 'permutation');
    const csr = localGiStar(raster, 90, 500, 30, undefined, 'csr');
    const { spec, counts } = raster;
    let checked = 0;
    for (let k = 0; k < perm.cells.length; k += 31) {
      const c = perm.cells[k];
      const col = c % spec.cols, row = (c - col) / spec.cols;
      const [cx, cy] = cellCentre(spec, col, row);
      // brute force: the reference disc and the band window
      const ref: number[] = [];
      let W = 0, O = 0;
      for (let j = 0; j < perm.cells.length; j++) {
        if (perm.stratum[j] !== perm.stratum[k]) continue; // edge cells with reports outside the area form their own stratum
        const d = Math.hypot(perm.cx[j] - cx, perm.cy[j] - cy);
        if (d <= 500) ref.push(counts[perm.cells[j]]);
        if (d <= 90) { W++; O += counts[perm.cells[j]]; }
      }
      const N = ref.length, S1 = ref.reduce((a, b) => a + b, 0);
      if (S1 === 0 || N < 30) { expect(perm.z[k]).toBe(0); continue; }
      const mean = S1 / N;
      const S = Math.sqrt(ref.reduce((a, b) => a + b * b, 0) / N - mean * mean);
      const z = (O - mean * W) / (S * Math.sqrt((N * W - W * W) / (N - 1)));
      expect(perm.z[k]).toBeCloseTo(z, 9);
      const q = W / N;
      expect(csr.z[k]).toBeCloseTo((O - S1 * q) / Math.sqrt(S1 * q * (1 - q)), 9);
      if (O > S1 * q) expect(csr.p[k]).toBeCloseTo(Math.min(1, 2 * binomSf(O, S1, q)), 12);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('automatic cell and band follow the data within the place-scale limits', () => {
    const rng = mulberry32(2);
    const dense = { x: new Float64Array(5000), y: new Float64Array(5000) };
    for (let i = 0; i < 5000; i++) { dense.x[i] = rng() * 1000; dense.y[i] = rng() * 1000; }
    const a = placeCellSize(dense.x, dense.y);
    expect(a.squareSide).toBe(100); // median NN ~7 m: clamped up to the place minimum
    expect(a.rule).toBe('min-place');
    expect(a.cellSize).toBeCloseTo(Math.sqrt((2 * 100 * 100) / (3 * Math.sqrt(3))), 0);
    const sparse = { x: new Float64Array(200), y: new Float64Array(200) };
    for (let i = 0; i < 200; i++) { sparse.x[i] = rng() * 30_000; sparse.y[i] = rng() * 30_000; }
    expect(placeCellSize(sparse.x, sparse.y).squareSide).toBe(200);
    expect(placeBand(sparse.x, sparse.y, 5).distanceBand).toBe(250);
    const b = placeBand(dense.x, dense.y, 5);
    expect(b.rule).toBe('kth-median');
    expect(b.distanceBand).toBeGreaterThan(10);
    expect(b.distanceBand).toBeLessThan(25);
  });
});

describe('ranked hotspot list', () => {
  function strataOf(ds: ReturnType<typeof plantedDataset>): Stratum[] {
    const m = new Map<string, number[][][][]>();
    for (const d of ds.districts) {
      const g = geometryToPuwg92(d.geometry);
      m.set(d.kind, [...(m.get(d.kind) ?? []), ...((g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][])]);
    }
    return [...m.entries()].map(([name, polygons]) => ({ name, polygons }));
  }
  function run(ds: ReturnType<typeof plantedDataset>) {
    const n = ds.reports.length;
    const x = new Float64Array(n), y = new Float64Array(n), times = new Float64Array(n);
    ds.reports.forEach((r, i) => {
      [x[i], y[i]] = toPuwg92(r.lon, r.lat);
      times[i] = r.createdAt;
    });
    return placeHotspotAnalysis({ x, y, times }, strataOf(ds));
  }
  const check = (r: ReturnType<typeof run>) => {
    const top = r.list.hotspots.slice(0, PLANTED.length);
    const matched = PLANTED.map((p) => {
      const [px, py] = toPuwg92(p.lon, p.lat);
      return top.findIndex((h) => Math.hypot(h.x - px, h.y - py) <= 120);
    });
    expect(matched.every((k) => k >= 0)).toBe(true);
    expect(new Set(matched).size).toBe(PLANTED.length);
    for (const h of r.list.hotspots) {
      expect(h.reports).toBeGreaterThanOrEqual(5);
      for (const k of h.units) expect(r.gi.counts[k]).toBeGreaterThan(0);
    }
    // no cell without reports is hot on the map
    for (let k = 0; k < r.list.bins.length; k++) if (r.list.bins[k] > 0) expect(r.gi.counts[k]).toBeGreaterThan(0);
  };

  it('city, villages and planted micro-places (two years, city-dense background without sharp places): the planted places rank first, each within 120 m', () => {
    check(run(plantedDataset({ blurM: 200 })));
  });

  it('the demo’s last 90 days plus micro-places planted in them: the planted places rank first', () => {
    const to = warsawToUtc(2026, 11, 1);
    check(run(plantedDataset({ from: to - 90 * 86_400_000, to })));
  });

  it('the demo as it is: hotspots are places with reports (no empty hot cell), not whole districts', () => {
    const r = run(plantedDataset({ planted: [] }));
    expect(r.list.hotspots.length).toBeGreaterThan(5);
    const city = r.list.hotspots.filter((h) => h.stratum === 0);
    // a hotspot is a place: at most ~1 km² (a city beat here is 2-10 km²)
    for (const h of city) expect(h.areaM2).toBeLessThan(1e6);
    // the demo's own anchors show up: the skatepark (second year only) is hot since the second year started
    const [sx, sy] = toPuwg92(19.661, 51.4262);
    const skate = r.list.hotspots.find((h) => Math.hypot(h.x - sx, h.y - sy) < 150)!;
    expect(skate).toBeDefined();
    expect(skate.since?.since).toBe('2025-11');
    expect(skate.since?.fromStart).toBe(false);
    expect(skate.hours?.concentrated).toBe(true);
  });
});

describe('hours and since', () => {
  it('hours: the shortest span with 2/3 of the reports, concentrated only when uniform hours would rarely give it', () => {
    const evening = new Array(24).fill(0);
    for (const h of [18, 19, 19, 20, 20, 20, 21, 21, 22, 3, 10]) evening[h]++;
    const s = hourSpan(evening)!;
    expect(s.concentrated).toBe(true);
    expect([s.from, s.to, s.share]).toEqual([18, 22, 8 / 11]);
    const night = new Array(24).fill(0);
    for (const h of [22, 23, 23, 0, 0, 1, 1, 2, 12, 15]) night[h]++;
    const w = hourSpan(night)!;
    expect([w.from, w.to]).toEqual([22, 2]); // wraps midnight
    expect(w.concentrated).toBe(true);
    const flat = new Array(24).fill(1);
    expect(hourSpan(flat)!.concentrated).toBe(false);
    const few = new Array(24).fill(0);
    for (const h of [9, 11, 14, 16, 19]) few[h]++;
    expect(hourSpan(few)!.concentrated).toBe(false);
    expect(hourSpan(new Array(24).fill(0))).toBeNull();
  });

  it('since: a rise is dated to its month, a steady place is hot since the start, an ended one says until when', () => {
    const first = warsawMonthIndex(warsawToUtc(2025, 1, 1));
    const exposure = new Array(12).fill(100);
    const rise = [0, 0, 1, 0, 0, 0, 6, 5, 7, 6, 5, 8];
    const r = sinceFromMonths(rise, exposure, first);
    expect(r.since).toBe('2025-07');
    expect(r.fromStart).toBe(false);
    const steady = [3, 4, 2, 3, 3, 4, 3, 2, 4, 3, 3, 3];
    expect(sinceFromMonths(steady, exposure, first)).toMatchObject({ since: '2025-01', fromStart: true, until: null });
    const ended = [6, 5, 7, 6, 5, 6, 0, 0, 1, 0, 0, 0];
    expect(sinceFromMonths(ended, exposure, first)).toMatchObject({ since: null, until: '2025-06' });
    // exposure: a place that follows the seasonal swing of its surroundings did not "start" in summer
    const seasonal = [10, 10, 10, 10, 10, 100, 100, 100, 10, 10, 10, 10];
    const follows = seasonal.map((v) => v / 10);
    expect(sinceFromMonths(follows, seasonal, first).fromStart).toBe(true);
    expect(sinceFromMonths(follows, exposure, first).fromStart).toBe(false);
  });
});

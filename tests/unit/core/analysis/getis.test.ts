import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { generalG, incrementalMoran, localG, moranI } from '../../../../src/core/analysis/getis';
import {
  aggregateToGrid, cellArea, cellCentre, cellCentres, cellIndexOf, cellPolygon, cellSpacing, countInCells, type GridKind,
} from '../../../../src/core/analysis/grid';
import { hotSpotsForFeatures, optimizedHotSpots } from '../../../../src/core/analysis/hotspot';
import { mulberry32 } from '../../../../src/core/analysis/random';
import { bhCutoff, confidenceBins, erfc, pTwoSided } from '../../../../src/core/analysis/stats';
import { fromSerializable, toSerializable } from '../../../../src/core/analysis/common';

// PySAL esda test fixture (DOMAIN.md §5): binary DistanceBand(threshold = 15).
const px = new Float64Array([10, 20, 40, 15, 30, 30]);
const py = new Float64Array([10, 10, 10, 20, 20, 30]);
const pv = new Float64Array([2, 3, 3.2, 5, 8, 7]);

describe('Getis-Ord reference values (PySAL esda)', () => {
  it('Gi* z-scores', () => {
    const ref = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];
    const r = localG(pv, px, py, { distanceBand: 15, star: true });
    ref.forEach((z, i) => expect(Math.abs(r.z[i] - z)).toBeLessThan(1e-6));
    r.p.forEach((p, i) => expect(p).toBeCloseTo(pTwoSided(ref[i]), 6));
  });
  it('Gi (no self) z-scores', () => {
    const ref = [-1.0136729, -0.04361589, 1.31558703, -0.31412676, 1.15373986, 1.77833941];
    const r = localG(pv, px, py, { distanceBand: 15, star: false });
    ref.forEach((z, i) => expect(Math.abs(r.z[i] - z)).toBeLessThan(1e-6));
  });
  it('General G', () => {
    const r = generalG(pv, px, py, 15);
    expect(Math.abs(r.G - 0.55709779)).toBeLessThan(1e-6);
    expect(r.expected).toBeCloseTo(14 / 30, 12);
  });
});

/** ArcGIS Gi* formula with an explicit dense weight matrix (independent of the index-based implementation). */
function bruteGiStar(v: Float64Array, x: Float64Array, y: Float64Array, D: number): number[] {
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const S = Math.sqrt(v.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let sw = 0, swx = 0, sw2 = 0;
    for (let j = 0; j < n; j++) {
      const w = Math.hypot(x[i] - x[j], y[i] - y[j]) <= D ? 1 : 0;
      sw += w; swx += w * v[j]; sw2 += w * w;
    }
    out.push((swx - mean * sw) / (S * Math.sqrt((n * sw2 - sw * sw) / (n - 1))));
  }
  return out;
}

function bruteMoran(v: Float64Array, x: Float64Array, y: Float64Array, D: number) {
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const z = Array.from(v, (a) => a - mean);
  const W: number[][] = [];
  for (let i = 0; i < n; i++) W.push(Array.from({ length: n }, (_, j) => (i !== j && Math.hypot(x[i] - x[j], y[i] - y[j]) <= D ? 1 : 0)));
  let S0 = 0, num = 0, S1 = 0, S2 = 0;
  for (let i = 0; i < n; i++) {
    let rowIn = 0, rowOut = 0;
    for (let j = 0; j < n; j++) {
      S0 += W[i][j]; num += W[i][j] * z[i] * z[j]; S1 += (W[i][j] + W[j][i]) ** 2;
      rowOut += W[i][j]; rowIn += W[j][i];
    }
    S2 += (rowOut + rowIn) ** 2;
  }
  S1 /= 2;
  const m2 = z.reduce((a, b) => a + b * b, 0);
  const m4 = z.reduce((a, b) => a + b ** 4, 0);
  const I = (n / S0) * (num / m2);
  const EI = -1 / (n - 1);
  const b2 = (n * m4) / (m2 * m2);
  const A = n * ((n * n - 3 * n + 3) * S1 - n * S2 + 3 * S0 * S0);
  const B = b2 * ((n * n - n) * S1 - 2 * n * S2 + 6 * S0 * S0);
  const C = (n - 1) * (n - 2) * (n - 3) * S0 * S0;
  const V = (A - B) / C - EI * EI;
  return { I, z: (I - EI) / Math.sqrt(V) };
}

describe('local G, Moran I on random data', () => {
  const rng = mulberry32(5);
  const n = 150;
  const x = Float64Array.from({ length: n }, () => rng() * 1000);
  const y = Float64Array.from({ length: n }, () => rng() * 1000);
  const v = Float64Array.from({ length: n }, (_, i) => Math.floor(rng() * 10 + (x[i] < 300 ? 8 : 0)));

  it('Gi* equals the explicit-matrix ArcGIS formula', () => {
    const r = localG(v, x, y, { distanceBand: 180 });
    const b = bruteGiStar(v, x, y, 180);
    b.forEach((z, i) => expect(r.z[i]).toBeCloseTo(z, 10));
    expect(r.z[0]).not.toBe(0);
  });

  it("Moran's I (randomisation) equals the explicit-matrix formula, for every band of the incremental run", () => {
    const bands = [60, 100, 150, 220];
    const inc = incrementalMoran(v, x, y, bands);
    bands.forEach((D, k) => {
      const b = bruteMoran(v, x, y, D);
      expect(inc[k].I).toBeCloseTo(b.I, 10);
      expect(inc[k].z).toBeCloseTo(b.z, 8);
    });
    expect(moranI(v, x, y, 100).I).toBeCloseTo(inc[1].I, 12);
    // the planted west-east gradient is positively autocorrelated
    expect(inc[3].z).toBeGreaterThan(3);
  });
});

describe('statistics helpers', () => {
  it('erfc / p-values match known constants', () => {
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 14);
    expect(erfc(3)).toBeCloseTo(2.20904969985854e-5, 17);
    expect(pTwoSided(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(pTwoSided(2.5758293035489)).toBeCloseTo(0.01, 12);
  });

  it('Benjamini-Hochberg cut-offs and confidence bins', () => {
    const p = new Float64Array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]);
    // k/m*alpha at 0.05: 0.005,0.01,0.015,0.02,0.025,0.03,... -> largest k with p_(k) <= : k=2 (0.008 <= 0.01)
    expect(bhCutoff(Float64Array.from(p).sort(), 0.05)).toBe(0.008);
    // at 0.10: 0.01,0.02,0.03,0.04,0.05,0.06,0.07,0.08... p_(5)=0.042<=0.05, p_(6)=0.06<=0.06, p_(7)=0.074>0.07 -> 0.06
    expect(bhCutoff(Float64Array.from(p).sort(), 0.1)).toBe(0.06);
    const z = Float64Array.from(p, (_, i) => (i % 2 ? -3 : 3));
    const cb = confidenceBins(z, p, true);
    expect(Array.from(cb.bins)).toEqual([3, -2, 1, -1, 1, -1, 0, 0, 0, 0]);
    // p99 cut-off: 0.001 <= 0.001 -> 0.001
    expect(cb.cutoffs.p99).toBe(0.001);
    const plain = confidenceBins(z, p, false);
    expect(Array.from(plain.bins)).toEqual([3, -3, 2, -2, 2, -1, 1, 0, 0, 0]);
  });
});

describe('grids', () => {
  const kinds: GridKind[] = ['hex-pointy', 'hex-flat', 'square'];
  for (const kind of kinds) {
    it(`${kind}: points go to the cell whose polygon contains them (nearest centre)`, () => {
      const rng = mulberry32(3);
      const n = 3000;
      const x = Float64Array.from({ length: n }, () => 548000 + rng() * 5000);
      const y = Float64Array.from({ length: n }, () => 393000 + rng() * 4000);
      const agg = aggregateToGrid(x, y, kind, 170);
      let total = 0;
      for (const c of agg.counts) total += c;
      expect(total).toBe(n);
      for (let i = 0; i < n; i += 7) {
        const c = agg.cellOfPoint[i];
        const ring = cellPolygon(agg.spec, c);
        expect(turf.booleanPointInPolygon([x[i], y[i]], turf.polygon([ring]))).toBe(true);
        expect(cellIndexOf(agg.spec, x[i], y[i])).toBe(c);
      }
      // polygon area and spacing
      const ring = cellPolygon(agg.spec, agg.cellOfPoint[0]);
      let a = 0;
      const [ox, oy] = ring[0]; // relative coordinates: the shoelace on 5e5 m coordinates loses digits
      for (let k = 0; k + 1 < ring.length; k++) a += (ring[k][0] - ox) * (ring[k + 1][1] - oy) - (ring[k + 1][0] - ox) * (ring[k][1] - oy);
      expect(a / 2).toBeCloseTo(cellArea(agg.spec), 6); // counter-clockwise => positive
      const col = agg.cellOfPoint[0] % agg.spec.cols, row = Math.floor(agg.cellOfPoint[0] / agg.spec.cols);
      const [x0, y0] = cellCentre(agg.spec, col, row);
      const [x1, y1] = cellCentre(agg.spec, col + 1, row);
      expect(Math.hypot(x1 - x0, y1 - y0)).toBeCloseTo(kind === 'hex-flat' ? Math.sqrt(3) * 170 : cellSpacing(agg.spec), 6);
      const cells = Int32Array.from(new Set(agg.cellOfPoint)).sort();
      const cc = countInCells(agg.spec, cells, x, y);
      cells.forEach((c, k) => expect(cc[k]).toBe(agg.counts[c]));
    });
  }
});

function clusteredIncidents(n: number, seed: number) {
  const rng = mulberry32(seed);
  const g = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (rng() < 0.3) { x[i] = 550000 + g() * 250; y[i] = 395000 + g() * 250; }
    else { x[i] = 545000 + rng() * 10000; y[i] = 390000 + rng() * 10000; }
  }
  return { x, y };
}

describe('optimized hot spots', () => {
  it('finds the planted cluster, records automatic parameters and is reproducible', () => {
    const pts = clusteredIncidents(20000, 9);
    const r = optimizedHotSpots(pts, { grid: 'hex-pointy', maxCells: 5000 });
    expect(r.params.cellSizeRule).toMatch(/mean-nn|max-cells/);
    expect(r.params.distanceBandRule).toMatch(/isa-peak|kth-neighbour/);
    expect(r.params.isa!.bands).toHaveLength(10);
    expect(r.params.seed).toBe(1);
    expect(r.summary.features).toBeGreaterThanOrEqual(30);
    // the cell containing the cluster centre is a 99 % hot spot
    const cc = cellIndexOf(r.grid!, 550000, 395000);
    const k = Array.from(r.cells).indexOf(cc);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(r.bins[k]).toBe(3);
    // far from the cluster nothing is hot
    const far = Array.from(r.cells).indexOf(cellIndexOf(r.grid!, 546000, 399000));
    expect(r.bins[far]).toBeLessThanOrEqual(0);
    // re-running with the recorded parameters gives identical z
    const again = optimizedHotSpots(pts, { grid: 'hex-pointy', cellSize: r.params.cellSize!, distanceBand: r.params.distanceBand, cells: r.params.cells as 'hull' });
    expect(Array.from(again.z)).toEqual(Array.from(r.z));
    // z of the whole result equals direct Gi* on the analysed cells
    const direct = localG(r.counts, r.cx, r.cy, { distanceBand: r.params.distanceBand });
    expect(Array.from(direct.z)).toEqual(Array.from(r.z));
    // JSON round trip keeps typed arrays
    const back = fromSerializable<typeof r>(JSON.parse(JSON.stringify(toSerializable(r))));
    expect(back.z).toBeInstanceOf(Float64Array);
    expect(Array.from(back.z)).toEqual(Array.from(r.z));
    expect(back.bins).toBeInstanceOf(Int8Array);
  });

  it('cell selection: hull includes empty interior cells, occupied does not', () => {
    const pts = clusteredIncidents(3000, 4);
    const hull = optimizedHotSpots(pts, { grid: 'square', cellSize: 400, distanceBand: 900, cells: 'hull' });
    const occ = optimizedHotSpots(pts, { grid: 'square', cellSize: 400, distanceBand: 900, cells: 'occupied' });
    expect(Math.min(...occ.counts)).toBeGreaterThan(0);
    expect(Math.min(...hull.counts)).toBe(0);
    expect(hull.summary.features).toBeGreaterThan(occ.summary.features);
    const centre = cellCentres(hull.grid!, hull.cells);
    expect(centre.x.length).toBe(hull.cells.length);
    // study area polygon restricts to cells inside it (plus occupied)
    const sq = [[[546000, 391000], [549000, 391000], [549000, 394000], [546000, 394000], [546000, 391000]]];
    const sa = optimizedHotSpots(pts, { grid: 'square', cellSize: 400, distanceBand: 900, studyArea: [sq] });
    expect(sa.params.cells).toBe('studyArea');
    for (let k = 0; k < sa.cells.length; k++) {
      const inside = sa.cx[k] >= 546000 && sa.cx[k] <= 549000 && sa.cy[k] >= 391000 && sa.cy[k] <= 394000;
      expect(inside || sa.counts[k] > 0).toBe(true);
    }
  });

  it('refuses fewer than 30 cells and zero variance', () => {
    const pts = clusteredIncidents(500, 2);
    expect(() => optimizedHotSpots(pts, { grid: 'square', cellSize: 5000, distanceBand: 8000, cells: 'occupied' })).toThrow(/at least 30/);
    const values = new Float64Array(40).fill(3);
    const cx = Float64Array.from({ length: 40 }, (_, i) => i * 100);
    const cy = new Float64Array(40);
    expect(() => hotSpotsForFeatures({ values, cx, cy }, { distanceBand: 150 })).toThrow(/zero variance/);
  });

  it('features (districts): counts + centroids', () => {
    const rng = mulberry32(12);
    const n = 64;
    const cx = Float64Array.from({ length: n }, (_, i) => (i % 8) * 1000);
    const cy = Float64Array.from({ length: n }, (_, i) => Math.floor(i / 8) * 1000);
    const values = Float64Array.from({ length: n }, (_, i) => Math.floor(rng() * 5) + (cx[i] <= 1000 && cy[i] <= 1000 ? 40 : 0));
    const r = hotSpotsForFeatures({ values, cx, cy });
    expect(r.params.aggregation).toBe('features');
    expect(r.bins[0]).toBeGreaterThan(0);
    expect(r.bins[9]).toBeGreaterThan(0);
    expect(r.bins[63]).toBeLessThanOrEqual(0);
  });
});

import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { affectedBy, assign, buildDistrictIndex, locate } from '../../../../src/core/districts/assign';
import type { DistrictShape } from '../../../../src/core/districts/types';
import { poly, rect2180, rng } from './helpers';

function star(cx: number, cy: number, r0: number, r1: number, n: number, rand: () => number): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = r0 + (r1 - r0) * rand();
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

/** Naive reference: every polygon with turf.booleanPointInPolygon, lowest id wins. */
function naive(ds: DistrictShape[], lon: Float64Array, lat: Float64Array): Int32Array {
  const sorted = [...ds].sort((a, b) => a.id - b.id);
  const out = new Int32Array(lon.length).fill(-1);
  for (let i = 0; i < lon.length; i++) {
    const pt = [lon[i], lat[i]];
    for (const d of sorted) {
      if (turf.booleanPointInPolygon(pt, d.geometry)) { out[i] = d.id; break; }
    }
  }
  return out;
}

function mixedDistricts(): DistrictShape[] {
  const rand = rng(7);
  const ds: DistrictShape[] = [];
  let id = 10;
  // 4 x 4 tiling of 1 km cells; cell 5 has two holes, one hole is filled by district 900
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
    const shell = rect2180(c * 1000, r * 1000, (c + 1) * 1000, (r + 1) * 1000);
    const g: Polygon = r * 4 + c === 5
      ? poly(shell, rect2180(c * 1000 + 100, r * 1000 + 100, c * 1000 + 400, r * 1000 + 400).reverse(), rect2180(c * 1000 + 600, r * 1000 + 600, c * 1000 + 900, r * 1000 + 900).reverse())
      : poly(shell);
    ds.push({ id: id++, geometry: g });
  }
  const h = rect2180(1000 + 100, 1000 + 100, 1000 + 400, 1000 + 400);
  // multipolygon: enclave in the hole + a far part + a part with its own hole
  const mp: MultiPolygon = { type: 'MultiPolygon', coordinates: [[h], [rect2180(5000, 0, 6000, 1000), rect2180(5200, 200, 5800, 800).reverse()], [rect2180(5400, 400, 5600, 600)]] };
  ds.push({ id: 900, geometry: mp });
  // irregular overlapping star polygons (lon/lat) with low and high ids to exercise the tie-break
  const [cx, cy] = [19.7085, 51.4125];
  ds.push({ id: 3, geometry: poly(star(cx, cy, 0.004, 0.012, 23, rand)) });
  ds.push({ id: 5000, geometry: poly(star(cx + 0.02, cy + 0.005, 0.003, 0.015, 31, rand)) });
  return ds;
}

describe('assign', () => {
  it('equals an independent turf.booleanPointInPolygon loop on random points (holes, multipolygons, overlaps)', () => {
    const ds = mixedDistricts();
    const idx = buildDistrictIndex(ds);
    const b = idx.bbox!;
    const rand = rng(42);
    const N = 20000;
    const lon = new Float64Array(N), lat = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      lon[i] = b[0] - 0.01 + (b[2] - b[0] + 0.02) * rand();
      lat[i] = b[1] - 0.01 + (b[3] - b[1] + 0.02) * rand();
    }
    const fast = assign(idx, lon, lat);
    const ref = naive(ds, lon, lat);
    let diff = 0;
    for (let i = 0; i < N; i++) if (fast[i] !== ref[i]) diff++;
    expect(diff).toBe(0);
    const counts = new Map<number, number>();
    for (const v of fast) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect(counts.get(-1)).toBeGreaterThan(0);
    expect(counts.get(900)).toBeGreaterThan(0);
    expect(counts.get(3)).toBeGreaterThan(0);
    expect(counts.size).toBeGreaterThan(15);
  });

  it('respects holes and multipolygon parts exactly', () => {
    const idx = buildDistrictIndex(mixedDistricts().filter((d) => d.id !== 3 && d.id !== 5000));
    const at = (x: number, y: number) => turf.centroid(poly(rect2180(x - 1, y - 1, x + 1, y + 1))).geometry.coordinates;
    const q = (x: number, y: number) => { const [lon, lat] = at(x, y); return locate(idx, lon, lat); };
    expect(q(1250, 1250)).toBe(900); // enclave filling the first hole
    expect(q(1750, 1750)).toBe(-1); // unfilled hole of district 15
    expect(q(1050, 1050)).toBe(15);
    expect(q(5100, 100)).toBe(900); // far part
    expect(q(5300, 300)).toBe(-1); // hole of the far part
    expect(q(5500, 500)).toBe(900); // island inside that hole
  });

  it('puts boundary points in exactly one district: east of a shared edge, north of a horizontal one', () => {
    const sqr = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
    // 2 x 2 grid around (19.5, 51.5); ids: SW 1, SE 2, NW 3, NE 4 (SE drawn clockwise on purpose)
    const se = sqr(19.5, 51.25, 19.75, 51.5);
    se.coordinates[0].reverse();
    const idx = buildDistrictIndex([
      { id: 1, geometry: sqr(19.25, 51.25, 19.5, 51.5) },
      { id: 2, geometry: se },
      { id: 3, geometry: sqr(19.25, 51.5, 19.5, 51.75) },
      { id: 4, geometry: sqr(19.5, 51.5, 19.75, 51.75) },
    ]);
    expect(locate(idx, 19.5, 51.375)).toBe(2); // vertical shared edge -> east
    expect(locate(idx, 19.375, 51.5)).toBe(3); // horizontal shared edge -> north
    expect(locate(idx, 19.5, 51.5)).toBe(4); // shared corner -> north-east
    expect(locate(idx, 19.25, 51.375)).toBe(1); // western outer edge: east side is inside
    expect(locate(idx, 19.75, 51.375)).toBe(-1); // eastern outer edge: outside
    expect(locate(idx, 19.375, 51.25)).toBe(1); // southern outer edge: inside
    expect(locate(idx, 19.375, 51.75)).toBe(-1); // northern outer edge: outside
    // slanted shared edge in a triangle pair, exercised on many points exactly on the edge
    const idx2 = buildDistrictIndex([
      { id: 7, geometry: { type: 'Polygon', coordinates: [[[19, 51], [20, 51], [20, 52], [19, 51]]] } },
      { id: 8, geometry: { type: 'Polygon', coordinates: [[[19, 51], [20, 52], [19, 52], [19, 51]]] } },
    ]);
    for (let k = 1; k < 64; k++) {
      const t = k / 64;
      expect(locate(idx2, 19 + t, 51 + t)).toBe(7); // the diagonal belongs to the triangle east of it
    }
  });

  it('handles NaN, outside points, empty indexes and reuses an output buffer', () => {
    const idx = buildDistrictIndex([{ id: 1, geometry: poly(rect2180(0, 0, 1000, 1000)) }]);
    const out = new Int32Array(4).fill(99);
    const [lon, lat] = turf.centroid(poly(rect2180(0, 0, 1000, 1000))).geometry.coordinates;
    const r = assign(idx, new Float64Array([NaN, lon, 0, lon]), new Float64Array([lat, NaN, 0, lat]), out);
    expect(r).toBe(out);
    expect(Array.from(r)).toEqual([-1, -1, -1, 1]);
    expect(Array.from(assign(buildDistrictIndex([]), new Float64Array([19]), new Float64Array([51])))).toEqual([-1]);
    expect(() => buildDistrictIndex([{ id: 1, geometry: poly(rect2180(0, 0, 1, 1)) }, { id: 1, geometry: poly(rect2180(0, 0, 1, 1)) }])).toThrow(/duplicate/);
  });
});

describe('affectedBy', () => {
  it('selects exactly the points whose assignment can change', () => {
    const base = mixedDistricts();
    const oldGeom = base.find((d) => d.id === 11)!.geometry;
    const newGeom = poly(rect2180(1000, -300, 2400, 800)); // district 11 grows east and south, loses its top strip
    const after = base.map((d) => (d.id === 11 ? { id: 11, geometry: newGeom } : d));
    const oldIdx = buildDistrictIndex(base), newIdx = buildDistrictIndex(after);
    const area = affectedBy(oldGeom, newGeom);
    const rand = rng(3);
    const N = 20000;
    const b = oldIdx.bbox!;
    const lon = new Float64Array(N), lat = new Float64Array(N);
    for (let i = 0; i < N; i++) { lon[i] = b[0] + (b[2] - b[0]) * rand(); lat[i] = b[1] - 0.01 + (b[3] - b[1] + 0.01) * rand(); }
    const before = assign(oldIdx, lon, lat), now = assign(newIdx, lon, lat);
    const mask = area.mask(lon, lat);
    let changed = 0, flagged = 0;
    for (let i = 0; i < N; i++) {
      if (before[i] !== now[i]) {
        changed++;
        expect(mask[i]).toBe(1); // every change is inside the predicate
        expect(lon[i] >= area.bbox![0] && lon[i] <= area.bbox![2] && lat[i] >= area.bbox![1] && lat[i] <= area.bbox![3]).toBe(true);
      }
      if (mask[i]) flagged++;
    }
    expect(changed).toBeGreaterThan(100);
    expect(flagged).toBeGreaterThanOrEqual(changed);
    // re-assigning only the flagged points gives the full result
    const patched = before.slice();
    const sel = [...mask.keys()].filter((i) => mask[i]);
    const re = assign(newIdx, Float64Array.from(sel, (i) => lon[i]), Float64Array.from(sel, (i) => lat[i]));
    sel.forEach((i, k) => { patched[i] = re[k]; });
    expect(Array.from(patched)).toEqual(Array.from(now));
    // the bbox covers the symmetric difference only: growing a beat eastwards selects the new strip
    // (lon/lat rectangles, so that the shared top and bottom edges are exactly collinear)
    const r = (x0: number, x1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, 51.25], [x1, 51.25], [x1, 51.5], [x0, 51.5], [x0, 51.25]]] });
    const grown = affectedBy(r(19.5, 19.75), r(19.5, 19.875)).bbox!;
    [19.75, 51.25, 19.875, 51.5].forEach((v, k) => expect(grown[k]).toBeCloseTo(v, 8));
  });

  it('handles created, deleted and unchanged districts', () => {
    const g = poly(rect2180(0, 0, 1000, 1000));
    expect(affectedBy(g, g).bbox).toBeNull();
    expect(affectedBy(null, g).bbox).not.toBeNull();
    const [lon, lat] = turf.centroid(g).geometry.coordinates;
    expect(affectedBy(g, null).contains(lon, lat)).toBe(true);
    expect(affectedBy(g, g).contains(lon, lat)).toBe(false);
    expect(affectedBy(null, null).bbox).toBeNull();
  });
});

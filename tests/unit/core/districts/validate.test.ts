import { describe, expect, it } from 'vitest';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { findKinks } from '../../../../src/core/districts/kinks';
import { featureCollectionToWgs84 } from '../../../../src/core/districts/project';
import { validateDistricts, type ValidationInput } from '../../../../src/core/districts/validate';
import { areaM2 } from '../../../../src/core/districts/geometry';
import { E0, N0, poly, rect2180, ring2180 } from './helpers';

const sq = (name: string, x0: number, y0: number, x1: number, y1: number): ValidationInput => ({ name, geometry: poly(rect2180(x0, y0, x1, y1)) });

/** 3 x 3 grid of 1 km cells; `skip` cells left out; `shrink` lets cell 4 (centre) be narrower on its east side. */
function grid(skip: number[] = [], shrinkCentreM = 0): ValidationInput[] {
  const out: ValidationInput[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) {
    const k = r * 3 + c;
    if (skip.includes(k)) continue;
    out.push(sq(`Rejon ${k + 1}`, c * 1000, r * 1000, (c + 1) * 1000 - (k === 4 ? shrinkCentreM : 0), (r + 1) * 1000));
  }
  return out;
}

describe('validateDistricts', () => {
  it('accepts a clean tiling with a hole district and a multipolygon', () => {
    const ds = grid();
    // an enclave: centre cell has a hole filled by another district -> no gap, no overlap
    ds[4] = { name: 'Rejon 5', geometry: poly(rect2180(1000, 1000, 2000, 2000), rect2180(1400, 1400, 1600, 1600).reverse()) };
    ds.push({ name: 'Enklawa', geometry: { type: 'MultiPolygon', coordinates: [[rect2180(1400, 1400, 1600, 1600)], [rect2180(5000, 5000, 5100, 5100)]] } });
    const r = validateDistricts(ds);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.overlaps).toEqual([]);
    expect(r.gaps).toEqual([]);
    expect(r.areasM2[4]).toBeCloseTo(1e6 - 4e4, 3);
    expect(r.areasM2[9]).toBeCloseTo(4e4 + 1e4, 3);
  });

  it('finds a bow-tie self-intersection with its location', () => {
    const bow = { name: 'Kokarda', geometry: poly(ring2180([[0, 0], [1000, 1000], [1000, 0], [0, 1000]])) };
    const r = validateDistricts([bow]);
    expect(r.ok).toBe(false);
    const kinks = r.issues.filter((i) => i.kind === 'self-intersection');
    expect(kinks).toHaveLength(1);
    const [e, n] = toPuwg92(...kinks[0].location!);
    // the location is computed on lon/lat segments: within a few cm of the planar 2180 crossing
    expect(Math.abs(e - E0 - 500)).toBeLessThan(0.2);
    expect(Math.abs(n - N0 - 500)).toBeLessThan(0.2);
    expect(kinks[0].message).toMatch(/Kokarda/);
  });

  it('finds kinks: spikes, self-touching rings, holes crossing the shell; allows a hole touching the shell at a point', () => {
    const spike = findKinks({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [10, 20], [10, 5], [0, 10], [0, 0]]] });
    expect(spike.some((k) => k.kind === 'collinear-overlap')).toBe(true);
    const touch = findKinks({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [5, 5], [10, 10], [0, 10], [5, 5], [0, 0]]] });
    expect(touch.map((k) => k.kind)).toContain('self-touch');
    expect(touch[0].location).toEqual([5, 5]);
    const crossingHole = findKinks({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[5, 5], [15, 5], [15, 6], [5, 6], [5, 5]]] });
    expect(crossingHole.filter((k) => k.kind === 'crossing').map((k) => k.location)).toEqual(expect.arrayContaining([[10, 5], [10, 6]]));
    const touchingHole = findKinks({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[0, 5], [5, 4], [5, 6], [0, 5]]] });
    expect(touchingHole).toEqual([]);
    const square = findKinks({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 0], [10, 10], [0, 10]]] });
    expect(square).toEqual([]);
  });

  it('reports overlaps with their area in m²', () => {
    const r = validateDistricts([sq('A', 0, 0, 1000, 1000), sq('B', 500, 0, 1500, 1000), sq('C', 1500, 0, 2500, 1000), sq('D', 2400, 900, 2600, 1100)]);
    expect(r.overlaps.map((o) => [o.a, o.b])).toEqual([[0, 1], [2, 3]]);
    expect(r.overlaps[0].areaM2).toBeCloseTo(500 * 1000, 2);
    expect(r.overlaps[1].areaM2).toBeCloseTo(100 * 100, 2);
    expect(r.issues.filter((i) => i.kind === 'overlap')).toHaveLength(2);
    // B and C share an edge only: no overlap
    expect(r.overlaps.some((o) => o.a === 1 && o.b === 2)).toBe(false);
    expect(r.ok).toBe(true); // overlaps are warnings
  });

  it('reports gaps (holes of the union) with their area and ignores slivers', () => {
    const r = validateDistricts(grid([4]));
    expect(r.gaps).toHaveLength(1);
    expect(r.gaps[0].areaM2).toBeCloseTo(1e6, 2);
    const [e, n] = toPuwg92(...r.gaps[0].location);
    expect(e - E0).toBeGreaterThan(1000);
    expect(e - E0).toBeLessThan(2000);
    expect(n - N0).toBeGreaterThan(1000);
    expect(n - N0).toBeLessThan(2000);

    // 0.5 m wide, 1 km long strip (500 m²): a sliver, below the default 1 m mean width
    const sliver = grid([], 0.5);
    expect(validateDistricts(sliver).gaps).toEqual([]);
    const strict = validateDistricts(sliver, { minGapWidthM: 0, minGapAreaM2: 0 });
    expect(strict.gaps).toHaveLength(1);
    expect(strict.gaps[0].areaM2).toBeCloseTo(500, 2);
    expect(strict.gaps[0].meanWidthM).toBeCloseTo((2 * 500) / 2001, 6);

    // a 4 m x 4 m hole in the union is under the 100 m² threshold
    const tiny = grid();
    tiny[4] = { name: 'Rejon 5', geometry: poly(rect2180(1000, 1000, 2000, 2000), rect2180(1500, 1500, 1504, 1504).reverse()) };
    expect(validateDistricts(tiny).gaps).toEqual([]);
    expect(validateDistricts(tiny, { minGapAreaM2: 1 }).gaps[0].areaM2).toBeCloseTo(16, 4);

    // space between two separate groups of beats is outside, not a gap
    expect(validateDistricts([sq('A', 0, 0, 1000, 1000), sq('B', 3000, 0, 4000, 1000)]).gaps).toEqual([]);
  });

  it('reports invalid and empty rings, wrong types, missing and duplicate names', () => {
    const r = validateDistricts([
      { name: 'Rejon 1', geometry: poly(rect2180(0, 0, 100, 100)) },
      { name: ' rejon  1 ', geometry: poly(rect2180(200, 0, 300, 100)) },
      { name: 'Linia', geometry: { type: 'Polygon', coordinates: [[[19.7, 51.4], [19.71, 51.4], [19.7, 51.4]]] } },
      { name: 'Pusty', geometry: { type: 'MultiPolygon', coordinates: [] } },
      { name: 'Punkt', geometry: { type: 'Point', coordinates: [19.7, 51.4] } as never },
      { name: '', geometry: poly(rect2180(400, 0, 500, 100)) },
      { name: 'NaN', geometry: { type: 'Polygon', coordinates: [[[19.7, 51.4], [NaN, 51.4], [19.71, 51.41], [19.7, 51.4]]] } },
      { name: 'Otwarty', geometry: { type: 'Polygon', coordinates: [rect2180(600, 0, 700, 100).slice(0, 4)] } },
      { name: 'Brak', geometry: null },
    ]);
    const kinds = (k: string) => r.issues.filter((i) => i.kind === k);
    expect(r.ok).toBe(false);
    expect(kinds('duplicate-name')[0].districts).toEqual([0, 1]);
    expect(kinds('ring-too-short')[0].districts).toEqual([2]);
    expect(kinds('empty-geometry').map((i) => i.districts[0])).toEqual([3, 8]);
    expect(kinds('invalid-geometry-type')[0].districts).toEqual([4]);
    expect(kinds('missing-name')[0].districts).toEqual([5]);
    expect(kinds('non-finite-coordinate')[0].districts).toEqual([6]);
    expect(kinds('ring-not-closed')[0]).toMatchObject({ districts: [7], severity: 'warning' });
    expect(r.areasM2[7]).toBeCloseTo(1e4, 3);
    expect(Number.isNaN(r.areasM2[2])).toBe(true);
  });

  it('areas are EPSG:2180 planar m²', () => {
    expect(areaM2(poly(rect2180(0, 0, 2000, 3000)))).toBeCloseTo(6e6, 2);
  });
});

describe('featureCollectionToWgs84', () => {
  const ring = [[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]].map(([x, y]) => [E0 + x, N0 + y]);
  it('detects EPSG:2180 by range and converts', () => {
    const r = featureCollectionToWgs84({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { n: 'A' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
    expect(r.crs).toBe('EPSG:2180');
    const p = r.features[0].geometry.coordinates[0][0] as number[];
    expect(p[0]).toBeCloseTo(19.703, 3);
    expect(p[1]).toBeCloseTo(51.4053, 3);
    expect(areaM2(r.features[0].geometry)).toBeCloseTo(1e6, 2);
  });
  it('honours a crs member, fixes swapped (northing, easting) axes, skips non-polygons, keeps WGS84', () => {
    // near Zamość (E 800000, N 250000) the swapped order cannot be read as easting/northing
    const swapped = ring.map(([e, n]) => [n - N0 + 250000, e - E0 + 800000]);
    const r = featureCollectionToWgs84({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2180' } },
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [swapped] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [E0, N0] } },
      ],
    } as never);
    expect(r.crs).toBe('EPSG:2180');
    expect(r.detection.swapped).toBe(true);
    expect(r.skipped).toEqual([{ index: 1, reason: 'geometry type Point is not a polygon' }]);
    expect(areaM2(r.features[0].geometry)).toBeCloseTo(1e6, 2);
    const w = featureCollectionToWgs84({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[19.7, 51.4], [19.8, 51.4], [19.8, 51.5], [19.7, 51.4]]] } }] });
    expect(w.crs).toBe('EPSG:4326');
    expect(w.features[0].geometry.coordinates[0][1]).toEqual([19.8, 51.4]);
    // a crs member contradicted by the coordinates (metres labelled CRS84) is ignored
    const lie = featureCollectionToWgs84({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] } as never);
    expect(lie.crs).toBe('EPSG:2180');
    expect(lie.detection.source).toBe('range');
  });
});

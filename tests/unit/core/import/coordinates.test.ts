import { describe, expect, it } from 'vitest';
import { fromPuwg92, toPuwg92 } from '../../../../src/core/domain/crs';
import { buildVoivodeshipIndex, decideCoordinateKind, puwg92ToWgs84Fast, terytVoivodeship, webMercatorToWgs84, type CoordinateSample } from '../../../../src/core/import';
import { voivodeships } from './helpers';

/** metres between two WGS84 points (equirectangular, fine at these distances) */
function metres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = Math.PI / 180;
  const x = (lon2 - lon1) * k * Math.cos(((lat1 + lat2) / 2) * k) * 6371000;
  const y = (lat2 - lat1) * k * 6371000;
  return Math.hypot(x, y);
}

describe('voivodeship index', () => {
  const vi = voivodeships();
  it('has the 16 voivodeships with TERYT codes', () => {
    expect(vi.codes).toEqual(['02', '04', '06', '08', '10', '12', '14', '16', '18', '20', '22', '24', '26', '28', '30', '32']);
  });
  it('locates cities', () => {
    expect(vi.locate(19.703, 51.4053)).toBe('10'); // Piotrków Trybunalski, łódzkie
    expect(vi.locate(21.012, 52.2297)).toBe('14'); // Warszawa
    expect(vi.locate(19.945, 50.0647)).toBe('12'); // Kraków
    expect(vi.locate(18.6466, 54.352)).toBe('22'); // Gdańsk
    expect(vi.locate(17.0385, 51.1079)).toBe('02'); // Wrocław
    expect(vi.locate(14.5528, 53.4285)).toBe('32'); // Szczecin
  });
  it('classifies points outside Poland, with tolerance near the border', () => {
    expect(vi.classify(13.405, 52.52)).toBe('outside'); // Berlin
    expect(vi.classify(14.4378, 50.0755)).toBe('outside'); // Praha
    expect(vi.classify(24.0316, 49.8397)).toBe('outside'); // Lviv
    expect(vi.classify(20.5, 54.7)).toBe('outside'); // Kaliningrad oblast
    expect(vi.classify(0, 0)).toBe('outside');
    expect(vi.classify(19.703, 51.4053)).toBe('inside');
    // just outside the simplified polygon near Słubice/Frankfurt (Oder): 'near' or 'inside', not rejected
    expect(['near', 'inside']).toContain(vi.classify(14.545, 52.345));
  });
  it('grid answers agree with exact point-in-polygon on a dense sample', () => {
    const fresh = buildVoivodeshipIndex({ type: 'FeatureCollection', features: [{ properties: { nazwa: 'łódzkie' }, geometry: { type: 'Polygon', coordinates: [[[19, 51], [20, 51], [20, 52], [19, 52], [19, 51]]] } }] });
    expect(fresh.locate(19.5, 51.5)).toBe('10');
    expect(fresh.locate(19.999, 51.999)).toBe('10');
    expect(fresh.locate(20.001, 51.5)).toBeNull();
    expect(fresh.classify(20.01, 51.5)).toBe('near');
    expect(fresh.classify(20.2, 51.5)).toBe('outside');
  });
});

describe('EPSG:2180 conversion', () => {
  it('Piotrków market square E 548883 N 393423 lands within 1 m of 51.4053 N 19.7030 E', () => {
    const [lon, lat] = puwg92ToWgs84Fast(548883, 393423);
    expect(metres(lon, lat, 19.703, 51.4053)).toBeLessThan(1);
    const [lon2, lat2] = fromPuwg92(548883, 393423);
    expect(metres(lon2, lat2, 19.703, 51.4053)).toBeLessThan(1);
  });
  it('fast inverse agrees with proj4 to a millimetre across Poland', () => {
    let max = 0;
    for (let e = 170000; e <= 870000; e += 35000) for (let n = 130000; n <= 780000; n += 35000) {
      const [a, b] = fromPuwg92(e, n);
      const [c, d] = puwg92ToWgs84Fast(e, n);
      max = Math.max(max, metres(a, b, c, d));
    }
    expect(max).toBeLessThan(0.001);
  });
  it('web mercator inverse', () => {
    const R = 6378137;
    const x = (R * 19.703 * Math.PI) / 180;
    const y = R * Math.log(Math.tan(Math.PI / 4 + (51.4053 * Math.PI) / 360));
    const [lon, lat] = webMercatorToWgs84(x, y);
    expect(metres(lon, lat, 19.703, 51.4053)).toBeLessThan(0.001);
  });
});

describe('decideCoordinateKind', () => {
  const vi = voivodeships();
  const around = (lon: number, lat: number, n: number, spread = 0.05) =>
    Array.from({ length: n }, (_, i) => [lon + ((i * 37) % 100) / 100 * spread - spread / 2, lat + ((i * 61) % 100) / 100 * spread - spread / 2] as [number, number]);

  it('WGS84 lon/lat and swapped lat/lon', () => {
    const pts = around(19.7, 51.4, 50);
    expect(decideCoordinateKind(pts.map(([a, b]) => ({ a, b }))).kind).toBe('wgs84');
    const sw = decideCoordinateKind(pts.map(([a, b]) => ({ a: b, b: a })));
    expect(sw).toMatchObject({ kind: 'wgs84-swapped', decidedBy: 'range' });
  });
  it('EPSG:2180 unambiguous by range (easting > 775k cannot be a northing)', () => {
    const pts = around(23.1, 52.2, 40).map(([lon, lat]) => toPuwg92(lon, lat)); // Podlasie/Lublin east: E ~ 780k-800k
    expect(decideCoordinateKind(pts.map(([e, n]) => ({ a: e, b: n }))).kind).toBe('puwg92');
    expect(decideCoordinateKind(pts.map(([e, n]) => ({ a: n, b: e }))).kind).toBe('puwg92-swapped');
  });
  it('ambiguous Piotrków points: TERYT decides both orders', () => {
    const pts = around(19.703, 51.4053, 30).map(([lon, lat]) => toPuwg92(lon, lat));
    const straight: CoordinateSample[] = pts.map(([e, n]) => ({ a: e, b: n, teryt: '1062011' }));
    const d1 = decideCoordinateKind(straight, { voivodeships: vi, hint: 'xy' });
    expect(d1).toMatchObject({ kind: 'puwg92', decidedBy: 'teryt', ambiguousByRange: true });
    const swapped: CoordinateSample[] = pts.map(([e, n]) => ({ a: n, b: e, teryt: '1062011' }));
    const d2 = decideCoordinateKind(swapped, { voivodeships: vi, hint: 'xy' });
    expect(d2).toMatchObject({ kind: 'puwg92-swapped', decidedBy: 'teryt' });
    expect(d2.teryt).toEqual({ straight: 0, swapped: 30, checked: 30 });
  });
  it('ambiguous without TERYT: polygons decide when one order leaves Poland, else nothing is guessed', () => {
    // near Suwałki (NE): swapped reading lands outside the polygons (Kaliningrad / Lithuania / sea)
    const ne = around(22.93, 54.1, 20, 0.1).map(([lon, lat]) => toPuwg92(lon, lat));
    const c = ne.map(([e, n]) => ({ a: n, b: e }));
    const votes = decideCoordinateKind(c, { voivodeships: vi }).votes;
    if (votes['puwg92-ambiguous'] === c.length) {
      expect(decideCoordinateKind(c, { voivodeships: vi })).toMatchObject({ kind: 'puwg92-swapped', decidedBy: 'polygons' });
    } else {
      expect(decideCoordinateKind(c, { voivodeships: vi }).kind).toBe('puwg92-swapped');
    }
    const pts = around(19.703, 51.4053, 30).map(([lon, lat]) => toPuwg92(lon, lat));
    const d = decideCoordinateKind(pts.map(([e, n]) => ({ a: e, b: n })), { voivodeships: vi, hint: 'xy' });
    // Was { kind: 'puwg92', decidedBy: 'default' } with an English "assuming the Esri order" sentence: that locked
    // in the silent guess of issue 12 (X = northing files landed ~200 km away). Now the user must choose.
    expect(d).toMatchObject({ kind: 'undecided', decidedBy: 'none', ambiguousByRange: true, candidates: ['puwg92', 'puwg92-swapped'], undecidedBecause: 'none' });
    expect(d.msg).toEqual({ code: 'coords.undecided.none', params: { crs: 'puwg92' } });
  });
  it('override, declared geometry CRS and unknown', () => {
    const pts = [{ a: 548883, b: 393423 }];
    expect(decideCoordinateKind(pts, { override: 'puwg92-swapped' })).toMatchObject({ kind: 'puwg92-swapped', decidedBy: 'override' });
    expect(decideCoordinateKind(pts, { declared: 'puwg92', hint: 'geometry' })).toMatchObject({ kind: 'puwg92', decidedBy: 'declared' });
    expect(decideCoordinateKind(pts, { hint: 'geometry' })).toMatchObject({ kind: 'puwg92' });
    expect(decideCoordinateKind([{ a: 1, b: 2 }, { a: 5000000, b: 1 }]).kind).toBe('unknown');
    expect(decideCoordinateKind([]).kind).toBe('unknown');
  });
  describe('workspace evidence, thresholds and the preset (issue 12)', () => {
    const city = around(19.703, 51.4053, 40).map(([lon, lat]) => toPuwg92(lon, lat));
    const swappedPairs = city.map(([e, n]) => ({ a: n, b: e })); // X = northing
    // a box around Piotrków as the "territory" point test
    const box = (lon0: number, lat0: number, lon1: number, lat1: number) => (lon: number, lat: number) => lon >= lon0 && lon <= lon1 && lat >= lat0 && lat <= lat1;
    const piotrkow = box(19.5, 51.2, 20.1, 51.6);

    it('the territory decides an X = northing file without TERYT, with counts in the message', () => {
      const d = decideCoordinateKind(swappedPairs, { voivodeships: vi, hint: 'xy', areas: [{ source: 'territory', contains: piotrkow }] });
      expect(d).toMatchObject({ kind: 'puwg92-swapped', decidedBy: 'territory' });
      expect(d.msg).toEqual({ code: 'coords.decided.territory', params: { kind: 'puwg92Swapped', n: 40, total: 40, other: 0 } });
      expect(d.evidence.find((e) => e.source === 'territory')).toEqual({ source: 'territory', straight: 0, swapped: 40, checked: 40, verdict: 'swapped' });
    });
    it('beats and existing reports decide in that order; a disagreeing pair of sources is contradictory', () => {
      expect(decideCoordinateKind(swappedPairs, { voivodeships: vi, areas: [{ source: 'beats', contains: piotrkow }] })).toMatchObject({ kind: 'puwg92-swapped', decidedBy: 'beats' });
      expect(decideCoordinateKind(swappedPairs, { voivodeships: vi, areas: [{ source: 'reports', contains: piotrkow }] })).toMatchObject({ kind: 'puwg92-swapped', decidedBy: 'reports' });
      // Wielkopolska box: where the straight reading of these values lands
      const wrong = box(17.0, 52.5, 18.0, 53.1);
      const [lonW, latW] = fromPuwg92(393423, 548883);
      expect(wrong(lonW, latW)).toBe(true);
      const d = decideCoordinateKind(swappedPairs, { voivodeships: vi, areas: [{ source: 'territory', contains: piotrkow }, { source: 'reports', contains: wrong }] });
      expect(d).toMatchObject({ kind: 'undecided', undecidedBecause: 'contradictory' });
      // TERYT of the other voivodeship against the territory: contradictory too
      const t = decideCoordinateKind(swappedPairs.map((p) => ({ ...p, teryt: '3064011' })), { voivodeships: vi, areas: [{ source: 'territory', contains: piotrkow }] });
      expect(t).toMatchObject({ kind: 'undecided', undecidedBecause: 'contradictory' });
    });
    it('weak evidence does not decide: fewer than 20% of the points inside, or less than 3 times the other reading', () => {
      let k = 0;
      const few = (lon: number, lat: number) => piotrkow(lon, lat) && k++ % 10 === 0; // ~10% of the points
      const d = decideCoordinateKind(swappedPairs, { voivodeships: vi, areas: [{ source: 'territory', contains: few }] });
      expect(d).toMatchObject({ kind: 'undecided', undecidedBecause: 'weak' });
      const both = () => true; // both readings inside: no information
      expect(decideCoordinateKind(swappedPairs, { voivodeships: vi, areas: [{ source: 'territory', contains: both }] })).toMatchObject({ kind: 'undecided', undecidedBecause: 'weak' });
    });
    it('the preset settles missing evidence but never overrides the data; the user overrides with a warning', () => {
      const p = decideCoordinateKind(swappedPairs, { voivodeships: vi, presetAxisOrder: 'northing-easting', presetName: 'KMP' });
      expect(p).toMatchObject({ kind: 'puwg92-swapped', decidedBy: 'preset', msg: { code: 'coords.decided.preset', params: { kind: 'puwg92Swapped', preset: 'KMP' } } });
      const q = decideCoordinateKind(swappedPairs, { voivodeships: vi, presetAxisOrder: 'easting-northing', presetName: 'KMP', areas: [{ source: 'territory', contains: piotrkow }] });
      expect(q).toMatchObject({ kind: 'puwg92-swapped', decidedBy: 'territory' });
      expect(q.warnings).toEqual([{ code: 'coords.warn.presetOverridden', params: { preset: 'KMP', source: 'territory' } }]);
      const u = decideCoordinateKind(swappedPairs, { voivodeships: vi, axisOrder: 'easting-northing', areas: [{ source: 'territory', contains: piotrkow }] });
      expect(u).toMatchObject({ kind: 'puwg92', decidedBy: 'override' });
      expect(u.warnings[0]).toMatchObject({ code: 'coords.warn.overrideContradicted', params: { source: 'territory', n: 40, other: 0, total: 40 } });
      // --xy on a WGS84 file: lat/lon columns
      const w = decideCoordinateKind([{ a: 51.4, b: 19.7 }], { axisOrder: 'northing-easting' });
      expect(w).toMatchObject({ kind: 'wgs84-swapped', decidedBy: 'override' });
    });
    it('a single garbage pair that fits one order only does not decide a file of ambiguous pairs', () => {
      const withJunk = [...swappedPairs, { a: 800000, b: 300000 }]; // easting > 775k: "unambiguous" straight
      const d = decideCoordinateKind(withJunk, { voivodeships: vi });
      expect(d.kind).toBe('undecided');
      expect(d.evidence[0]).toMatchObject({ source: 'range', straight: 1, swapped: 0, verdict: 'undecided' });
    });
  });
  it('terytVoivodeship', () => {
    expect(terytVoivodeship('1062011')).toBe('10');
    expect(terytVoivodeship('206011')).toBe('02');
    expect(terytVoivodeship('abc')).toBeNull();
  });
});

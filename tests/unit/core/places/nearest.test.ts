import { describe, expect, it } from 'vitest';
import {
  buildNamedIndex, describeNearest, hasStreetType, nearestNamed, nearestPlace, nearestStreet, pointSegmentDistance, roundDistance, type NamedPoint, type StreetLine,
} from '../../../../src/core/places/nearest';
import { guessCoordinateColumns, guessNameField } from '../../../../src/core/places/fields';
import { mulberry32 } from '../../../../src/core/analysis/random';
import { translate } from '../../../../src/shared/i18n';

describe('point to segment distance', () => {
  it('matches hand-computed cases', () => {
    // perpendicular foot inside the segment
    expect(pointSegmentDistance(5, 3, 0, 0, 10, 0)).toEqual({ d: 3, t: 0.5 });
    // beyond the end: distance to B = hypot(3, 4)
    expect(pointSegmentDistance(13, 4, 0, 0, 10, 0)).toEqual({ d: 5, t: 1 });
    // before the start
    expect(pointSegmentDistance(-6, -8, 0, 0, 10, 0)).toEqual({ d: 10, t: 0 });
    // a diagonal: P = (0, 10), AB from (0,0) to (10,10): foot at (5,5), d = 5√2
    const r = pointSegmentDistance(0, 10, 0, 0, 10, 10);
    expect(r.d).toBeCloseTo(5 * Math.SQRT2, 12);
    expect(r.t).toBeCloseTo(0.5, 12);
    // zero-length segment: its point
    expect(pointSegmentDistance(3, 4, 0, 0, 0, 0).d).toBe(5);
  });
});

/** A street along y = 393 400 from x = 548 000 to 549 000 (EPSG:2180, Piotrków), a station 200 m north of it. */
const HAND_STREETS: StreetLine[] = [
  { name: 'Słowackiego', xy: [548_000, 393_400, 548_400, 393_400, 549_000, 393_400] },
  { name: 'al. Armii Krajowej', xy: [549_500, 393_000, 549_500, 394_000] },
];
const HAND_PLACES: NamedPoint[] = [{ name: 'Dworzec PKP', kind: 'station', x: 548_500, y: 393_600 }];

describe('nearest named street or place (hand-computed)', () => {
  const ix = buildNamedIndex(HAND_STREETS, HAND_PLACES);
  it('indexes every segment and place', () => {
    expect(ix.segments).toBe(3);
    expect(ix.places).toBe(1);
  });
  it('names the street when the point is within 30 m of it', () => {
    const r = nearestNamed(ix, 548_500, 393_420, 500)!;
    expect(r).toMatchObject({ name: 'Słowackiego', kind: 'street', x: 548_500, y: 393_400 });
    expect(r.distanceM).toBeCloseTo(20, 9);
    expect(translate('pl', describeNearest(r))).toBe('ul. Słowackiego');
    expect(translate('en', describeNearest(r))).toBe('Słowackiego Street');
  });
  it('prefers a street within 30 m even over a nearer place', () => {
    const ix2 = buildNamedIndex(HAND_STREETS, [{ name: 'Kiosk', x: 548_500, y: 393_430 }]);
    // street 25 m away, place 5 m away: the street wins by the stated rule
    expect(nearestNamed(ix2, 548_500, 393_425, 500)).toMatchObject({ name: 'Słowackiego', kind: 'street' });
    // with the preference off, the nearer place wins
    expect(nearestNamed(ix2, 548_500, 393_425, 500, 0)).toMatchObject({ name: 'Kiosk', kind: 'place' });
  });
  it('otherwise takes the nearer of the nearest street and the nearest place', () => {
    // street 160 m, station 40 m
    const p = nearestNamed(ix, 548_500, 393_560, 500)!;
    expect(p).toMatchObject({ name: 'Dworzec PKP', kind: 'place', placeKind: 'station' });
    expect(p.distanceM).toBeCloseTo(40, 9);
    expect(translate('pl', describeNearest(p))).toBe('ok. 40 m od: Dworzec PKP');
    expect(translate('en', describeNearest(p))).toBe('about 40 m from: Dworzec PKP');
    // street 50 m, station 150 m
    const s = nearestNamed(ix, 548_500, 393_450, 500)!;
    expect(s).toMatchObject({ name: 'Słowackiego', kind: 'street' });
    expect(translate('pl', describeNearest(s))).toBe('ok. 50 m od: ul. Słowackiego');
    // a street that already says what it is keeps its own word: 120 m west of al. Armii Krajowej
    const a = nearestNamed(ix, 549_380, 393_900, 500)!;
    expect(a).toMatchObject({ name: 'al. Armii Krajowej', kind: 'street' });
    expect(a.distanceM).toBeCloseTo(120, 9);
    expect(translate('pl', describeNearest(a))).toBe('ok. 120 m od: al. Armii Krajowej');
    expect(translate('en', describeNearest(a))).toBe('about 120 m from: al. Armii Krajowej');
  });
  it('at a place (within 30 m) names it without a distance; nothing within maxM is null', () => {
    expect(translate('pl', describeNearest(nearestNamed(ix, 548_510, 393_610, 500)))).toBe('Dworzec PKP');
    expect(nearestNamed(ix, 548_500, 395_000, 500)).toBeNull();
    expect(translate('pl', describeNearest(null, 500))).toBe('brak nazwanej ulicy ani miejsca w promieniu 500 m');
  });
  it('takes the exact segment distance, not the nearest bounding box', () => {
    // A long diagonal segment whose box contains the point (box distance 0), and a short segment 10 m away.
    const ix3 = buildNamedIndex(
      [{ name: 'Diagonal', xy: [0, 0, 1000, 1000] }, { name: 'Short', xy: [100, 890, 110, 890] }],
      [],
    );
    const r = nearestStreet(ix3, 105, 900, 1000)!;
    // the diagonal is (900 - 105)/√2 ≈ 562 m away; the short segment 10 m
    expect(ix3.names[ix3.segName[r.segment]]).toBe('Short');
    expect(r.distanceM).toBeCloseTo(10, 9);
  });
  it('skips degenerate input', () => {
    const ix4 = buildNamedIndex([{ name: 'one vertex', xy: [1, 2] }, { name: 'nan', xy: [0, 0, NaN, 1] }], [{ name: 'nan', x: NaN, y: 0 }]);
    expect(ix4.segments).toBe(0);
    expect(ix4.places).toBe(0);
    expect(nearestNamed(ix4, 0, 0, 1e6)).toBeNull();
  });
});

describe('nearest named (random data against a brute-force scan)', () => {
  it('finds the same street, place and distance as scanning everything', () => {
    const rnd = mulberry32(1306);
    const streets: StreetLine[] = [];
    for (let s = 0; s < 400; s++) {
      const n = 2 + Math.floor(rnd() * 8);
      let x = 540_000 + rnd() * 10_000, y = 390_000 + rnd() * 10_000;
      const xy: number[] = [x, y];
      for (let i = 1; i < n; i++) {
        x += (rnd() - 0.5) * 600;
        y += (rnd() - 0.5) * 600;
        xy.push(x, y);
      }
      streets.push({ name: `Ulica ${s}`, xy });
    }
    const places: NamedPoint[] = Array.from({ length: 300 }, (_, i) => ({ name: `Miejsce ${i}`, x: 540_000 + rnd() * 10_000, y: 390_000 + rnd() * 10_000 }));
    const ix = buildNamedIndex(streets, places);
    let named = 0, asStreet = 0;
    for (let q = 0; q < 3000; q++) {
      const x = 539_000 + rnd() * 12_000, y = 389_000 + rnd() * 12_000;
      const maxM = [50, 200, 1000][q % 3];
      // brute force over every segment and place
      let bs = Infinity, bsName = '';
      for (const s of streets) {
        for (let i = 0; i + 3 < s.xy.length; i += 2) {
          const d = pointSegmentDistance(x, y, s.xy[i], s.xy[i + 1], s.xy[i + 2], s.xy[i + 3]).d;
          if (d < bs) { bs = d; bsName = s.name; }
        }
      }
      let bp = Infinity, bpName = '';
      for (const p of places) {
        const d = Math.hypot(p.x - x, p.y - y);
        if (d < bp) { bp = d; bpName = p.name; }
      }
      const st = nearestStreet(ix, x, y, maxM);
      if (bs <= maxM) {
        expect(st).not.toBeNull();
        expect(st!.distanceM).toBeCloseTo(bs, 9);
        expect(ix.names[ix.segName[st!.segment]]).toBe(bsName);
      } else expect(st).toBeNull();
      const pl = nearestPlace(ix, x, y, maxM);
      if (bp <= maxM) expect(ix.names[ix.placeName[pl!.place]]).toBe(bpName);
      else expect(pl).toBeNull();
      // the rule, checked on the brute-force answers
      const r = nearestNamed(ix, x, y, maxM);
      const expected = bs <= 30 && bs <= maxM ? bsName : Math.min(bs, bp) > maxM ? null : bs <= bp ? bsName : bpName;
      expect(r?.name ?? null).toBe(expected);
      if (r) {
        named++;
        if (r.kind === 'street') asStreet++;
        expect(r.distanceM).toBeCloseTo(r.kind === 'street' ? bs : bp, 9);
      }
    }
    // the sample exercised both outcomes and the null case
    expect(named).toBeGreaterThan(500);
    expect(asStreet).toBeGreaterThan(100);
    expect(named - asStreet).toBeGreaterThan(100);
    expect(named).toBeLessThan(3000);
  });
});

describe('street words and field guesses', () => {
  it('knows names that already say what they are', () => {
    for (const n of ['al. Armii Krajowej', 'Aleja Róż', 'Plac Kościuszki', 'pl. Czarnieckiego', 'Rondo Sybiraków', 'os. Wyzwolenia', 'Rynek Trybunalski', 'DK91', 'A1', 'ul. Słowackiego'])
      expect(hasStreetType(n), n).toBe(true);
    for (const n of ['Słowackiego', 'Juliusza Słowackiego', '3 Maja', 'Wojska Polskiego', 'Parkowa', 'Rycerska']) expect(hasStreetType(n), n).toBe(false);
    expect(roundDistance(4)).toBe(10);
    expect(roundDistance(124.9)).toBe(120);
    expect(roundDistance(125)).toBe(130);
  });
  it('guesses the name field and says when name-like fields disagree', () => {
    expect(guessNameField(['id', 'NAZWA_ULICY', 'geom'], [{ NAZWA_ULICY: 'Słowackiego' }])).toEqual({ candidates: ['NAZWA_ULICY'], field: 'NAZWA_ULICY', ambiguous: false });
    // OSM: name and name:pl agree -> name:pl (strongest), not ambiguous
    const osm = [{ name: 'Rynek', 'name:pl': 'Rynek' }, { name: 'Słowackiego', 'name:pl': 'Słowackiego' }];
    expect(guessNameField(['name', 'name:pl'], osm)).toMatchObject({ field: 'name:pl', ambiguous: false });
    // nazwa and ulica give different names -> the user picks
    const mixed = [{ nazwa: 'Szkoła Podstawowa nr 2', ulica: 'Belzacka' }, { nazwa: 'Przychodnia', ulica: 'Słowackiego' }];
    expect(guessNameField(['nazwa', 'ulica'], mixed)).toEqual({ candidates: ['nazwa', 'ulica'], field: null, ambiguous: true });
    // a name-like field that is mostly empty is not a candidate
    expect(guessNameField(['name', 'label'], [{ name: 'A', label: '' }, { name: 'B', label: '' }, { name: 'C', label: 'x' }])).toMatchObject({ candidates: ['name'], field: 'name' });
    expect(guessNameField(['id', 'geom'], [{ id: 1 }])).toEqual({ candidates: [], field: null, ambiguous: false });
  });
  it('finds coordinate columns by header name', () => {
    expect(guessCoordinateColumns(['nazwa', 'lon', 'lat'])).toEqual({ x: 'lon', y: 'lat', hint: 'lonlat' });
    expect(guessCoordinateColumns(['Nazwa', 'Długość', 'Szerokość'])).toEqual({ x: 'Długość', y: 'Szerokość', hint: 'lonlat' });
    expect(guessCoordinateColumns(['nazwa', 'X', 'Y'])).toEqual({ x: 'X', y: 'Y', hint: 'xy' });
    expect(guessCoordinateColumns(['name', 'easting', 'northing'])).toEqual({ x: 'easting', y: 'northing', hint: 'easting-northing' });
    expect(guessCoordinateColumns(['name', 'adres'])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { CATEGORIES, matchCategory } from '../../../src/core/domain/categories';
import { STATUSES, matchStatus } from '../../../src/core/domain/statuses';
import { classifyPair, detectCoordinateKind, fromPuwg92, pairToWgs84, toPuwg92 } from '../../../src/core/domain/crs';
import { warsawHourWeekday, warsawParts, warsawToUtc } from '../../../src/core/domain/time';

describe('categories', () => {
  it('has the 24 current KMZB categories with unique codes', () => {
    expect(CATEGORIES).toHaveLength(24);
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(24);
  });
  it('matches tolerantly: case, diacritics, spacing, ASCII folding and legacy aliases', () => {
    expect(matchCategory('SPOZYWANIE  alkoholu w miejscach niedozwolonych')?.code).toBe(17);
    expect(matchCategory('Przekroczenie dozwolonej prędkości')?.name).toBe('Przekraczanie dozwolonej prędkości');
    expect(matchCategory('Zla organizacja ruchu drogowego')?.code).toBe(23);
    expect(matchCategory('Zebractwo')?.code).toBe(24);
    expect(matchCategory('Utonięcia')?.name).toBe('Miejsca niebezpieczne na wodach');
    expect(matchCategory('Coś zupełnie innego')).toBeUndefined();
  });
});

describe('statuses', () => {
  it('has 7 statuses in three groups', () => {
    expect(STATUSES).toHaveLength(7);
    expect(STATUSES.filter((s) => s.group === 'confirmed')).toHaveLength(3);
  });
  it('matches with and without diacritics and brackets', () => {
    expect(matchStatus('zart lub pomylka')?.code).toBe(7);
    expect(matchStatus('Potwierdzone (przekazane poza Policje)')?.code).toBe(4);
    expect(matchStatus('POTWIERDZONE WYELIMINOWANE')?.code).toBe(6);
    expect(matchStatus('weryfikacja')?.group).toBe('open');
    expect(matchStatus('???')).toBeUndefined();
  });
});

describe('EPSG:2180', () => {
  it('converts the Piotrków market square check point within a few metres', () => {
    const [e, n] = toPuwg92(19.703, 51.4053);
    expect(Math.abs(e - 548883)).toBeLessThan(5);
    expect(Math.abs(n - 393423)).toBeLessThan(5);
    const [lon, lat] = fromPuwg92(e, n);
    expect(lon).toBeCloseTo(19.703, 8);
    expect(lat).toBeCloseTo(51.4053, 8);
  });
  it('detects WGS84, PUWG 1992 and swapped axes by range', () => {
    expect(classifyPair(19.7, 51.4)).toBe('wgs84');
    expect(classifyPair(51.4, 19.7)).toBe('wgs84-swapped');
    expect(classifyPair(548883, 393423)).toBe('puwg92-ambiguous');
    expect(classifyPair(770000, 150000)).toBe('puwg92');
    // Most of Poland fits both orders by range: the pair alone cannot tell.
    expect(classifyPair(393423, 548883)).toBe('puwg92-ambiguous');
    // A northing below the smallest easting (south-east Poland) proves the swap.
    expect(classifyPair(150000, 780000 - 10000)).toBe('puwg92-swapped');
    expect(classifyPair(0, 0)).toBe('unknown');
    const kind = detectCoordinateKind([[393423, 548883], [150000, 770000], [0, 0]]);
    expect(kind).toBe('puwg92-swapped');
    const [lon, lat] = pairToWgs84(393423, 548883, kind)!;
    expect(lon).toBeCloseTo(19.703, 3);
    expect(lat).toBeCloseTo(51.4053, 3);
  });
});

describe('Europe/Warsaw time', () => {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Warsaw', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short',
  });
  it('agrees with Intl for every 37 minutes across several years', () => {
    const start = Date.UTC(2019, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    const wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    for (let t = start; t < end; t += 37 * 60_000 * 17) {
      const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
      const mine = warsawParts(t);
      expect(mine.hour).toBe(Number(parts.hour));
      expect(mine.day).toBe(Number(parts.day));
      const [h, w] = warsawHourWeekday(t);
      expect(h).toBe(Number(parts.hour));
      expect(wd[w]).toBe(parts.weekday);
    }
  });
  it('reads wall-clock times as Warsaw local', () => {
    expect(warsawToUtc(2026, 1, 15, 12, 0)).toBe(Date.UTC(2026, 0, 15, 11, 0));
    expect(warsawToUtc(2026, 7, 15, 12, 0)).toBe(Date.UTC(2026, 6, 15, 10, 0));
  });
});

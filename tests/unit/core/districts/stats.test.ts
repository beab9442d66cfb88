import { describe, expect, it } from 'vitest';
import { warsawHourWeekday, warsawToUtc } from '../../../../src/core/domain/time';
import { poissonRateTest } from '../../../../src/core/districts/exact';
import { computeDistrictStats, type ReportColumns } from '../../../../src/core/districts/stats';
import { rng } from './helpers';

const H = 3_600_000;

interface R { d: number; t: number; cat: number; st: number; ver?: number }
function cols(rows: R[]): ReportColumns {
  return {
    districtId: Int32Array.from(rows, (r) => r.d),
    createdAt: Float64Array.from(rows, (r) => r.t),
    categoryCode: Uint8Array.from(rows, (r) => r.cat),
    statusCode: Uint8Array.from(rows, (r) => r.st),
    verifiedAt: Float64Array.from(rows, (r) => r.ver ?? NaN),
  };
}

/** Independent Warsaw hour/weekday through Intl (tz database). */
const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', hourCycle: 'h23', weekday: 'short' });
const WD = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
function intlHourWeekday(t: number): [number, number] {
  const parts = fmt.formatToParts(new Date(t));
  return [Number(parts.find((p) => p.type === 'hour')!.value), WD.indexOf(parts.find((p) => p.type === 'weekday')!.value)];
}

describe('computeDistrictStats', () => {
  const from = Date.UTC(2024, 0, 1), to = Date.UTC(2024, 6, 1); // H1 2024; previous = same length before
  const prevT = from - 10 * 24 * H;

  it('counts, rates, confirmed share, change and exact p-value per district', () => {
    const rows: R[] = [];
    // district 1: 30 now (12 confirmed: statuses 3, 4, 6), 12 before
    for (let i = 0; i < 30; i++) rows.push({ d: 1, t: from + i * 24 * H, cat: i < 15 ? 16 : i < 25 ? 9 : 17, st: i < 4 ? 3 : i < 8 ? 4 : i < 12 ? 6 : i < 20 ? 5 : 1 });
    for (let i = 0; i < 12; i++) rows.push({ d: 1, t: prevT - i * H, cat: 16, st: 3 });
    // district 2: nothing now, 3 before; district 3: 4 now, 0 before
    for (let i = 0; i < 3; i++) rows.push({ d: 2, t: prevT, cat: 1, st: 1 });
    for (let i = 0; i < 4; i++) rows.push({ d: 3, t: from + H, cat: 1, st: 7 });
    // unassigned and out-of-window reports
    rows.push({ d: -1, t: from + H, cat: 1, st: 1 });
    rows.push({ d: 1, t: to, cat: 1, st: 1 }); // `to` is exclusive
    rows.push({ d: 1, t: from - (to - from) - 1, cat: 1, st: 1 }); // before the previous period
    rows.push({ d: 99, t: from + H, cat: 1, st: 1 }); // district not listed
    const s = computeDistrictStats(cols(rows), [{ id: 1, areaKm2: 2.5 }, { id: 2, areaKm2: 4 }, { id: 3, areaKm2: 0 }], { from, to, includeUnassigned: true });
    expect(s.map((x) => x.districtId)).toEqual([1, 2, 3, -1]);
    const [a, b, c, u] = s;
    expect(a).toMatchObject({ count: 30, areaKm2: 2.5, ratePerKm2: 12, confirmed: 12, confirmedShare: 0.4, previousCount: 12, change: 18, changePct: 150 });
    expect(a.pValue).toBe(poissonRateTest(30, 12).pValue);
    expect(a.pValue).toBeLessThan(0.05);
    expect(a.significant).toBe(true);
    expect(a.topCategories).toEqual([{ code: 16, count: 15 }, { code: 9, count: 10 }, { code: 17, count: 5 }]);
    expect(b).toMatchObject({ count: 0, confirmed: 0, confirmedShare: null, previousCount: 3, change: -3, changePct: -100, significant: false, topCategories: [], medianVerificationHours: null });
    expect(b.pValue).toBe(0.25);
    expect(c).toMatchObject({ count: 4, ratePerKm2: null, previousCount: 0, changePct: null, confirmed: 0 });
    expect(c.pValue).toBeCloseTo(0.125, 14);
    expect(u).toMatchObject({ districtId: -1, count: 2, ratePerKm2: null }); // -1 and the unlisted 99
    expect(a.hourWeekday.flat().reduce((x, y) => x + y, 0)).toBe(30);
  });

  it('topCategories: ties by lower code, limited to topCategories', () => {
    const rows: R[] = [5, 5, 3, 3, 7, 7, 7, 1].map((cat) => ({ d: 1, t: from, cat, st: 1 }));
    const [s] = computeDistrictStats(cols(rows), [{ id: 1, areaKm2: 1 }], { from, to, topCategories: 3 });
    expect(s.topCategories).toEqual([{ code: 7, count: 3 }, { code: 3, count: 2 }, { code: 5, count: 2 }]);
  });

  it('median time to verification in hours (NaN = never verified, negative ignored), or from durations', () => {
    const rows: R[] = [
      { d: 1, t: from, cat: 1, st: 3, ver: from + 10 * H },
      { d: 1, t: from, cat: 1, st: 3, ver: from + 2 * H },
      { d: 1, t: from, cat: 1, st: 3, ver: from + 30 * H },
      { d: 1, t: from, cat: 1, st: 3, ver: from + 4 * H },
      { d: 1, t: from, cat: 1, st: 1 },
      { d: 1, t: from + H, cat: 1, st: 1, ver: from }, // negative: bad data
      { d: 2, t: from, cat: 1, st: 3, ver: from + 5 * H },
      { d: 2, t: prevT, cat: 1, st: 3, ver: prevT + 100 * H }, // previous period: not in the median
    ];
    const s = computeDistrictStats(cols(rows), [{ id: 1, areaKm2: 1 }, { id: 2, areaKm2: 1 }], { from, to });
    expect(s[0].medianVerificationHours).toBe(7);
    expect(s[1].medianVerificationHours).toBe(5);
    const c = cols(rows);
    const durations = Float64Array.from(rows, (r) => (r.ver === undefined ? NaN : r.ver - r.t));
    const s2 = computeDistrictStats({ ...c, verifiedAt: undefined, verificationMs: durations }, [{ id: 1, areaKm2: 1 }], { from, to });
    expect(s2[0].medianVerificationHours).toBe(7);
  });

  it('hour x weekday in Warsaw local time across both DST changes', () => {
    // 2024-03-31: CET -> CEST at 01:00 UTC; 2024-10-27: CEST -> CET at 01:00 UTC (both Sundays)
    const times = [
      Date.UTC(2024, 2, 31, 0, 30), // 01:30 CET Sunday
      Date.UTC(2024, 2, 31, 1, 30), // 03:30 CEST Sunday
      Date.UTC(2024, 2, 30, 23, 30), // 00:30 CET Sunday
      Date.UTC(2024, 2, 30, 22, 59), // 23:59 CET Saturday
      Date.UTC(2024, 9, 27, 0, 30), // 02:30 CEST Sunday
      Date.UTC(2024, 9, 27, 1, 30), // 02:30 CET Sunday (repeated hour)
      Date.UTC(2024, 9, 27, 23, 0), // 00:00 CET Monday
      warsawToUtc(2024, 8, 15, 8, 15), // Thursday 08:15 CEST
    ];
    const rows: R[] = times.map((t) => ({ d: 1, t, cat: 1, st: 1 }));
    const [s] = computeDistrictStats(cols(rows), [{ id: 1, areaKm2: 1 }], { from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1) });
    const hw = s.hourWeekday;
    expect(hw).toHaveLength(7);
    expect(hw.every((r) => r.length === 24)).toBe(true);
    expect(hw[6][1]).toBe(1);
    expect(hw[6][3]).toBe(1);
    expect(hw[6][0]).toBe(1);
    expect(hw[5][23]).toBe(1);
    expect(hw[6][2]).toBe(2);
    expect(hw[0][0]).toBe(1);
    expect(hw[3][8]).toBe(1);
    expect(hw.flat().reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('hour x weekday equals warsawHourWeekday and Intl (tz database) on random instants 2016-2026', () => {
    const rand = rng(11);
    const N = 5000;
    const t0 = Date.UTC(2016, 0, 1), t1 = Date.UTC(2027, 0, 1);
    const rows: R[] = [];
    const expected = Array.from({ length: 7 }, () => new Array(24).fill(0));
    for (let i = 0; i < N; i++) {
      const t = Math.floor(t0 + (t1 - t0) * rand());
      rows.push({ d: 1, t, cat: 1, st: 1 });
      const [h, w] = warsawHourWeekday(t);
      expect([h, w]).toEqual(intlHourWeekday(t));
      expected[w][h]++;
    }
    const [s] = computeDistrictStats(cols(rows), [{ id: 1, areaKm2: 1 }], { from: t0, to: t1 });
    expect(s.hourWeekday).toEqual(expected);
  });

  it('unequal explicit previous period is weighted by length; input validation', () => {
    const rows: R[] = [];
    for (let i = 0; i < 20; i++) rows.push({ d: 1, t: from + i * H, cat: 1, st: 1 });
    for (let i = 0; i < 25; i++) rows.push({ d: 1, t: from - 1 - i * H, cat: 1, st: 1 });
    const len = to - from;
    const [s] = computeDistrictStats(cols(rows), [{ id: 1, areaKm2: 1 }], { from, to, previousFrom: from - 2 * len, previousTo: from });
    expect(s.previousCount).toBe(25);
    expect(s.pValue).toBe(poissonRateTest(20, 25, len, 2 * len).pValue);
    expect(() => computeDistrictStats(cols(rows), [], { from: to, to: from })).toThrow();
    const bad = cols(rows);
    bad.statusCode = new Uint8Array(3);
    expect(() => computeDistrictStats(bad, [], { from, to })).toThrow(/statusCode/);
  });

  it('handles a million reports quickly', () => {
    const N = 1_000_000;
    const rand = rng(5);
    const c: ReportColumns = {
      districtId: Int32Array.from({ length: N }, () => Math.floor(rand() * 201) - 1),
      createdAt: Float64Array.from({ length: N }, () => from - (to - from) + 2 * (to - from) * rand()),
      categoryCode: Uint8Array.from({ length: N }, () => 1 + Math.floor(rand() * 24)),
      statusCode: Uint8Array.from({ length: N }, () => 1 + Math.floor(rand() * 7)),
      verifiedAt: new Float64Array(N).fill(NaN).map((_, i) => (i % 3 === 0 ? from + i : NaN)),
    };
    const ds = Array.from({ length: 200 }, (_, i) => ({ id: i, areaKm2: 8 }));
    const t = performance.now();
    const s = computeDistrictStats(c, ds, { from, to });
    const ms = performance.now() - t;
    expect(s).toHaveLength(200);
    expect(ms).toBeLessThan(3000);
  });
});

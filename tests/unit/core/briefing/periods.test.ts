import { describe, expect, it } from 'vitest';
import { lastDays, lastHours, latestFullPeriod, nextShift } from '../../../../src/core/briefing/periods';
import { warsawToUtc } from '../../../../src/core/domain/time';

const H = 3_600_000;
/** UTC ms of a Warsaw wall-clock time (day and hour of a period). */
const at = (day: string, hour: number) => {
  const [y, m, d] = day.split('-').map(Number);
  return warsawToUtc(y, m, d, hour);
};

describe('periods counted back from now (Europe/Warsaw)', () => {
  it('last 24 h ends with the current hour and spans 24 real hours', () => {
    const now = warsawToUtc(2026, 12, 4, 21, 35);
    const p = lastHours(now);
    expect(p).toEqual({ from: '2026-12-03', fromHour: 22, to: '2026-12-04', toHour: 22 });
    expect(at(p.to, p.toHour) - at(p.from, p.fromHour)).toBe(24 * H);
  });

  it('last 24 h at 23:xx ends at midnight (toHour 24)', () => {
    const p = lastHours(warsawToUtc(2026, 12, 4, 23, 10));
    expect(p).toEqual({ from: '2026-12-04', fromHour: 0, to: '2026-12-04', toHour: 24 });
  });

  it('last 24 h across the spring DST change (29 Mar 2026, 02:00 → 03:00) is 24 real hours, 25 on the wall clock', () => {
    const p = lastHours(warsawToUtc(2026, 3, 29, 12, 0));
    expect(p).toEqual({ from: '2026-03-28', fromHour: 12, to: '2026-03-29', toHour: 13 });
    const span = warsawToUtc(2026, 3, 29, 13) - warsawToUtc(2026, 3, 28, 12);
    expect(span).toBe(24 * H);
  });

  it('last 24 h across the autumn DST change (25 Oct 2026, 03:00 → 02:00) is 24 real hours, 23 on the wall clock', () => {
    const p = lastHours(warsawToUtc(2026, 10, 25, 12, 0));
    expect(p).toEqual({ from: '2026-10-24', fromHour: 14, to: '2026-10-25', toHour: 13 });
    expect(warsawToUtc(2026, 10, 25, 13) - warsawToUtc(2026, 10, 24, 14)).toBe(24 * H);
  });

  it('last 7 days: the same wall-clock hour seven calendar days back (168 h, 167 h over the spring change)', () => {
    const p = lastDays(warsawToUtc(2026, 12, 4, 8, 5));
    expect(p).toEqual({ from: '2026-11-27', fromHour: 9, to: '2026-12-04', toHour: 9 });
    expect(at(p.to, p.toHour) - at(p.from, p.fromHour)).toBe(168 * H);
    const spring = lastDays(warsawToUtc(2026, 4, 1, 10, 0));
    expect(spring).toEqual({ from: '2026-03-25', fromHour: 11, to: '2026-04-01', toHour: 11 });
    expect(at(spring.to, spring.toHour) - at(spring.from, spring.fromHour)).toBe(167 * H);
    const autumn = lastDays(warsawToUtc(2026, 10, 28, 10, 0));
    expect(at(autumn.to, autumn.toHour) - at(autumn.from, autumn.fromHour)).toBe(169 * H);
  });

  it('last 7 days at 23:xx: from midnight seven days back', () => {
    expect(lastDays(warsawToUtc(2026, 1, 3, 23, 59))).toEqual({ from: '2025-12-28', fromHour: 0, to: '2026-01-03', toHour: 24 });
  });

  it('next shift (7:00 / 19:00, 12 h): the next start after now, its hours, the last 7 days to look at', () => {
    const a = nextShift(warsawToUtc(2026, 12, 4, 14, 30));
    expect(a.shift).toEqual({ day: '2026-12-04', startHour: 19, endHour: 7 });
    expect(a.hours).toEqual([19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6]);
    expect(a.period).toEqual({ from: '2026-11-27', fromHour: 15, to: '2026-12-04', toHour: 15 });
    const b = nextShift(warsawToUtc(2026, 12, 4, 19, 0));
    expect(b.shift).toEqual({ day: '2026-12-05', startHour: 7, endHour: 19 });
    expect(b.hours).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    const c = nextShift(warsawToUtc(2026, 12, 4, 5, 0), undefined, { starts: [6, 14, 22], hours: 8 });
    expect(c.shift).toEqual({ day: '2026-12-04', startHour: 6, endHour: 14 });
  });

  it('the next shift is found in Warsaw time, not UTC (23:30 UTC on 4 Dec is 00:30 on 5 Dec in Warsaw)', () => {
    const r = nextShift(Date.UTC(2026, 11, 4, 23, 30));
    expect(r.shift).toEqual({ day: '2026-12-05', startHour: 7, endHour: 19 });
  });
});

describe('calendar periods: months, quarters, half-years', () => {
  it('the latest complete quarter and half-year before the data day', () => {
    expect(latestFullPeriod('quarter', '2026-11-30')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(latestFullPeriod('quarter', '2026-09-30')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(latestFullPeriod('quarter', '2026-01-15')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(latestFullPeriod('half-year', '2026-11-30')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(latestFullPeriod('half-year', '2026-03-01')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(latestFullPeriod('half-year', '2026-12-31')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(latestFullPeriod('month', '2024-03-01')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});

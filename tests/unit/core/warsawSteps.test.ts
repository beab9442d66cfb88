import { describe, expect, it } from 'vitest';
import { monthKey, warsawMonthEdges, warsawMonthIndex, warsawParts, warsawWeekEdges } from '../../../src/core/domain/time';
import { stepIndex } from '../../../src/core/analysis';

const H = 3_600_000;

describe('Warsaw calendar steps (emerging hot spots, since)', () => {
  it('months start at Warsaw midnight on the 1st: 23:00 UTC the day before in winter, 22:00 UTC in summer', () => {
    const e = warsawMonthEdges(Date.UTC(2026, 1, 10), Date.UTC(2026, 3, 15));
    // 2026-02-01T00:00+01:00, 2026-03-01T00:00+01:00 = 2026-02-28T23:00Z, 2026-04-01T00:00+02:00 = 2026-03-31T22:00Z, 2026-05-01T00:00+02:00
    expect(Array.from(e)).toEqual([Date.UTC(2026, 0, 31, 23), Date.UTC(2026, 1, 28, 23), Date.UTC(2026, 2, 31, 22), Date.UTC(2026, 3, 30, 22)]);
    // the DST months: March has 743 hours (clocks go forward), October 745 (back)
    expect((e[2] - e[1]) / H).toBe(31 * 24 - 1);
    const o = warsawMonthEdges(Date.UTC(2026, 9, 5), Date.UTC(2026, 9, 6));
    expect(Array.from(o)).toEqual([Date.UTC(2026, 8, 30, 22), Date.UTC(2026, 9, 31, 23)]);
    expect((o[1] - o[0]) / H).toBe(31 * 24 + 1);
    for (const t of e) expect(warsawParts(t)).toMatchObject({ day: 1, hour: 0, minute: 0 });
  });

  it('a report at 00:30 Warsaw on 1 March is in March, not in February (UTC would say February)', () => {
    const e = warsawMonthEdges(Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 10));
    const t = Date.UTC(2026, 1, 28, 23, 30);
    expect(stepIndex(Float64Array.of(t, t - H), e)).toEqual(Int32Array.of(1, 0));
    expect(monthKey(warsawMonthIndex(t))).toBe('2026-03');
  });

  it('weeks start on Monday 00:00 Warsaw; the week of the spring DST change has 167 hours', () => {
    const w = warsawWeekEdges(Date.UTC(2026, 2, 25, 12), Date.UTC(2026, 3, 2));
    expect(w[0]).toBe(Date.UTC(2026, 2, 22, 23)); // Monday 23 March 00:00+01:00
    expect(w[1]).toBe(Date.UTC(2026, 2, 29, 22)); // Monday 30 March 00:00+02:00
    expect((w[1] - w[0]) / H).toBe(167);
    for (const t of w) expect(warsawParts(t)).toMatchObject({ weekday: 0, hour: 0, minute: 0 });
    expect(w[w.length - 1]).toBeGreaterThan(Date.UTC(2026, 3, 2));
  });
});

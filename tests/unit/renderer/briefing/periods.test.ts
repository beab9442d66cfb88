import { describe, expect, it } from 'vitest';
import {
  addDays, choiceRange, halfYears, isValidDay, latestFull, matchChoice, periodKindOf, previousCalendar, previousOfEqualLength, rangeDays, warsawDay, yearEarlier,
} from '../../../../src/renderer/briefing/periods';
import { warsawToUtc } from '../../../../src/core/domain/time';

describe('briefing periods', () => {
  it('counts and shifts calendar days', () => {
    expect(rangeDays({ from: '2026-01-01', to: '2026-06-30' })).toBe(181);
    expect(rangeDays({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
    expect(rangeDays({ from: '2026-03-29', to: '2026-03-29' })).toBe(1);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(isValidDay('2026-02-29')).toBe(false);
    expect(isValidDay('2026-13-01')).toBe(false);
    expect(isValidDay('2024-02-29')).toBe(true);
  });

  it('takes the Warsaw calendar day of an instant (not the UTC one)', () => {
    // 23:30 Warsaw on 31 Dec = 22:30 UTC the same day; 00:30 Warsaw on 1 Jan = 23:30 UTC on 31 Dec
    expect(warsawDay(warsawToUtc(2025, 12, 31, 23, 30))).toBe('2025-12-31');
    expect(warsawDay(warsawToUtc(2026, 1, 1, 0, 30))).toBe('2026-01-01');
    expect(warsawDay(warsawToUtc(2026, 7, 1, 0, 30))).toBe('2026-07-01');
  });

  it('finds the latest complete month, quarter, half-year and year covered by the data', () => {
    expect(latestFull('month', '2026-10-31')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(latestFull('month', '2026-10-30')).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(latestFull('month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(latestFull('month', '2024-03-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(latestFull('quarter', '2026-10-30')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(latestFull('quarter', '2026-02-10')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(latestFull('half-year', '2026-10-31')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(latestFull('half-year', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(latestFull('half-year', '2026-03-01')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(latestFull('year', '2026-10-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(latestFull('year', '2025-12-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('lists the priority half-years that overlap the data, newest first', () => {
    const h = halfYears('2024-11-01', '2026-10-31');
    expect(h.map((x) => x.id)).toEqual(['h2-2026', 'h1-2026', 'h2-2025', 'h1-2025', 'h2-2024']);
    expect(h[1].range).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(halfYears('2020-01-01', '2026-10-31', 3)).toHaveLength(3);
    expect(choiceRange('h2-2025', '2026-10-31')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(choiceRange('custom', '2026-10-31')).toBeNull();
  });

  it('computes comparison periods', () => {
    // the backend's default: equal length just before
    expect(previousOfEqualLength({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2025-07-04', to: '2025-12-31' });
    expect(previousOfEqualLength({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(previousCalendar({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(previousCalendar({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousCalendar({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousCalendar({ from: '2026-01-05', to: '2026-01-11' })).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(yearEarlier({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });

  it('recognises calendar periods and presets', () => {
    expect(periodKindOf({ from: '2026-03-01', to: '2026-03-31' })).toBe('month');
    expect(periodKindOf({ from: '2026-04-01', to: '2026-06-30' })).toBe('quarter');
    expect(periodKindOf({ from: '2026-02-01', to: '2026-04-30' })).toBe('custom'); // three months, not a quarter
    expect(periodKindOf({ from: '2026-07-01', to: '2026-12-31' })).toBe('half-year');
    expect(periodKindOf({ from: '2025-01-01', to: '2025-12-31' })).toBe('year');
    expect(periodKindOf({ from: '2025-01-02', to: '2025-12-31' })).toBe('custom');
    expect(matchChoice({ from: '2026-01-01', to: '2026-06-30' }, '2026-10-31')).toBe('half-year');
    expect(matchChoice({ from: '2025-07-01', to: '2025-12-31' }, '2026-10-31')).toBe('h2-2025');
    expect(matchChoice({ from: '2025-07-02', to: '2025-12-31' }, '2026-10-31')).toBe('custom');
  });
});

import { describe, expect, it } from 'vitest';
import { dataAgeDays } from '../../../src/renderer/data/dataAge';
import { fromReportFilter } from '../../../src/renderer/data/analysisFilter';
import { EMPTY_FILTER, matchPreset, presetPeriod, toReportFilter, type FilterState } from '../../../src/renderer/data/filter';
import { warsawToUtc } from '../../../src/core/domain/time';
import { translate } from '../../../src/shared/i18n';

describe('data age and "last N days" (issue 15)', () => {
  it('counts Warsaw calendar days between the last report and today', () => {
    const last = warsawToUtc(2026, 11, 30, 23, 50); // 30 Nov 23:50 Warsaw = 22:50 UTC
    expect(dataAgeDays(last, warsawToUtc(2026, 11, 30, 23, 59))).toBe(0);
    expect(dataAgeDays(last, warsawToUtc(2026, 12, 1, 0, 5))).toBe(1); // the next Warsaw day, though < 1 h later
    expect(dataAgeDays(last, warsawToUtc(2026, 12, 4, 12))).toBe(4);
    expect(dataAgeDays(warsawToUtc(2026, 3, 28, 12), warsawToUtc(2026, 3, 30, 1))).toBe(2); // across the DST change
    expect(dataAgeDays(last + 86_400_000, last)).toBe(0); // never negative
  });

  it('says the age in both languages with the right plural forms', () => {
    const m = (days: number) => ({ code: 'ux.dataAge', params: { date: '2026-11-30', days } });
    expect(translate('pl', m(4))).toBe('dane do 2026-11-30, 4 dni temu');
    expect(translate('pl', m(1))).toBe('dane do 2026-11-30, 1 dzień temu');
    expect(translate('pl', m(22))).toBe('dane do 2026-11-30, 22 dni temu');
    expect(translate('pl', m(5))).toBe('dane do 2026-11-30, 5 dni temu');
    expect(translate('pl', m(0))).toBe('dane do 2026-11-30, z dzisiaj');
    expect(translate('en', m(4))).toBe('data up to 2026-11-30, 4 days ago');
  });

  it('"last 7 / 30 days" end with today, not with the last day of the data', () => {
    const today = warsawToUtc(2026, 12, 4, 9, 30);
    expect(presetPeriod('last7', today)).toEqual({ from: warsawToUtc(2026, 11, 28), to: warsawToUtc(2026, 12, 5) });
    expect(presetPeriod('last30', today)).toEqual({ from: warsawToUtc(2026, 11, 5), to: warsawToUtc(2026, 12, 5) });
    const first = warsawToUtc(2025, 1, 1), last = warsawToUtc(2026, 11, 30, 12);
    const f: FilterState = { ...EMPTY_FILTER, ...presetPeriod('last7', today) };
    expect(matchPreset(f, first, last, today)).toBe('last7');
    // the same period is no longer "last 7 days" the next day
    expect(matchPreset(f, first, last, today + 86_400_000)).toBeNull();
  });
});

describe('the analysis filter of a drill-down', () => {
  it('turns a stored ReportFilter back into the map filter (round trip)', () => {
    const f: FilterState = { ...EMPTY_FILTER, from: warsawToUtc(2026, 1, 1), to: warsawToUtc(2026, 7, 1), categories: [1, 3], statuses: [2], districts: [4, 7], hours: [22, 23], weekdays: [5, 6], territory: 'inside' };
    const back = fromReportFilter(toReportFilter(f));
    expect(back).toEqual({ ...f, categories: back.categories, statuses: back.statuses });
    expect(toReportFilter(back)).toEqual(toReportFilter(f));
    expect(fromReportFilter(undefined)).toEqual(EMPTY_FILTER);
    expect(fromReportFilter({})).toEqual(EMPTY_FILTER);
  });
});

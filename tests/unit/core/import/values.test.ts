import { describe, expect, it } from 'vitest';
import { warsawToUtc } from '../../../../src/core/domain/time';
import { excelSerialToUtc, parseDate, parseNumber, warsawFieldsToUtc, warsawWallToUtc } from '../../../../src/core/import';

const W = warsawToUtc;

describe('parseNumber', () => {
  it('parses plain, signed, decimal comma and dot values exactly like Number()', () => {
    expect(parseNumber('548883,12', true)).toBe(548883.12);
    expect(parseNumber('548883.12', true)).toBe(548883.12);
    expect(parseNumber('-19.703', false)).toBe(-19.703);
    expect(parseNumber('51.4053', false)).toBe(Number('51.4053'));
    expect(parseNumber('548 883,12', true)).toBe(548883.12);
    expect(parseNumber('548\u00a0883,12', true)).toBe(548883.12);
    expect(parseNumber(' 12.5 ', false)).toBe(12.5);
    expect(parseNumber(393423, false)).toBe(393423);
    for (let i = 0; i < 2000; i++) {
      const x = (Math.random() * 1e6).toFixed(1 + (i % 7));
      expect(parseNumber(x, false)).toBe(Number(x));
      expect(parseNumber(x.replace('.', ','), true)).toBe(Number(x));
    }
  });
  it('rejects a comma when the file has no decimal comma, and junk', () => {
    expect(parseNumber('548883,12', false)).toBeNaN();
    expect(parseNumber('1,2,3', true)).toBeNaN();
    expect(parseNumber('abc', true)).toBeNaN();
    expect(parseNumber('0x10', false)).toBeNaN();
    expect(parseNumber('', false)).toBeNaN();
    expect(parseNumber(null, false)).toBeNaN();
  });
});

describe('parseDate', () => {
  it('Polish dd.MM.yyyy HH:mm[:ss] and dd.MM.yyyy as Warsaw time', () => {
    expect(parseDate('15.03.2025 14:30:15')).toBe(W(2025, 3, 15, 14, 30, 15));
    expect(parseDate('15.07.2025 14:30')).toBe(W(2025, 7, 15, 14, 30));
    expect(parseDate('15.07.2025')).toBe(W(2025, 7, 15));
    expect(parseDate('5.7.2025 8:05')).toBe(W(2025, 7, 5, 8, 5));
    expect(parseDate('05-07-2025 08:05')).toBe(W(2025, 7, 5, 8, 5));
    expect(parseDate(' 15.07.2025 14:30 ')).toBe(W(2025, 7, 15, 14, 30));
  });
  it('ISO 8601 with and without zone (no zone = Warsaw), and yyyy-MM-dd HH:mm', () => {
    expect(parseDate('2025-07-15T14:30:00Z')).toBe(Date.UTC(2025, 6, 15, 14, 30));
    expect(parseDate('2025-07-15T14:30:00.250+02:00')).toBe(Date.UTC(2025, 6, 15, 12, 30, 0, 250));
    expect(parseDate('2025-01-15T14:30:00+0100')).toBe(Date.UTC(2025, 0, 15, 13, 30));
    expect(parseDate('2025-07-15T14:30:00')).toBe(W(2025, 7, 15, 14, 30));
    expect(parseDate('2025-07-15 14:30')).toBe(W(2025, 7, 15, 14, 30));
    expect(parseDate('2025-07-15')).toBe(W(2025, 7, 15));
    expect(parseDate('2025/07/15 14:30')).toBe(W(2025, 7, 15, 14, 30));
    expect(parseDate('2025-07-15T14:30:00.123456Z')).toBe(Date.UTC(2025, 6, 15, 14, 30, 0, 123));
  });
  it('epoch milliseconds and seconds (numbers and digit strings) are UTC instants', () => {
    const t = Date.UTC(2024, 4, 1, 10, 0, 0);
    expect(parseDate(t)).toBe(t);
    expect(parseDate(String(t))).toBe(t);
    expect(parseDate(t / 1000)).toBe(t);
    expect(parseDate(String(t / 1000))).toBe(t);
  });
  it('Excel serial numbers (1900 system) as Warsaw wall clock', () => {
    // 45658 = 2025-01-01; .5 = noon
    expect(parseDate(45658)).toBe(W(2025, 1, 1));
    expect(parseDate(45658.5)).toBe(W(2025, 1, 1, 12));
    expect(parseDate('45658,5')).toBe(W(2025, 1, 1, 12));
    expect(parseDate(45853.6041666667)).toBe(W(2025, 7, 15, 14, 30)); // float noise rounded to the second
    expect(excelSerialToUtc(45853)).toBe(W(2025, 7, 15));
  });
  it('compact yyyyMMdd', () => {
    expect(parseDate('20250715')).toBe(W(2025, 7, 15));
    expect(parseDate('20250231')).toBe('invalid-calendar-date');
  });
  it('JS Date objects from exceljs: UTC fields are the Excel wall clock, read as Warsaw time', () => {
    const d = new Date(Date.UTC(2025, 6, 15, 14, 30)); // what exceljs returns for 15.07.2025 14:30
    expect(parseDate(d)).toBe(W(2025, 7, 15, 14, 30));
    expect(parseDate(d, undefined, true)).toBe(d.getTime());
  });
  it('rejects invalid calendar dates and times', () => {
    expect(parseDate('31.02.2025')).toBe('invalid-calendar-date');
    expect(parseDate('29.02.2025')).toBe('invalid-calendar-date');
    expect(parseDate('29.02.2024')).toBe(W(2024, 2, 29));
    expect(parseDate('2025-13-01')).toBe('invalid-calendar-date');
    expect(parseDate('15.07.2025 24:00')).toBe('invalid-calendar-date');
    expect(parseDate('15.07.2025 12:60')).toBe('invalid-calendar-date');
  });
  it('rejects garbage, ambiguous d/M/y and years out of range', () => {
    expect(parseDate('wczoraj')).toBe('invalid-date');
    expect(parseDate('07/15/2025')).toBe('invalid-date');
    expect(parseDate('15.07.25')).toBe('invalid-date');
    expect(parseDate('2025-07-15T14:30:00+25:00')).toBe('invalid-date');
    expect(parseDate('15.07.1899')).toBe('date-out-of-range');
    expect(parseDate(0)).toBe('invalid-date');
    expect(parseDate(5)).toBe('date-out-of-range');
    expect(parseDate('15.07.1995', { minYear: 1990 })).toBe(W(1995, 7, 15));
    expect(parseDate(new Date(NaN))).toBe('invalid-date');
  });
  it('DST: spring gap read as CET, autumn overlap gives the first (CEST) instant — same as warsawToUtc', () => {
    expect(parseDate('30.03.2025 02:30')).toBe(W(2025, 3, 30, 2, 30));
    expect(parseDate('26.10.2025 02:30')).toBe(W(2025, 10, 26, 2, 30));
    expect(parseDate('26.10.2025 02:30')).toBe(Date.UTC(2025, 9, 26, 0, 30));
  });
  it('fast Warsaw conversion equals domain warsawToUtc across years and DST edges', () => {
    for (let y = 2000; y < 2040; y++) {
      for (const [mo, d] of [[1, 1], [3, 24], [3, 25], [3, 26], [3, 27], [3, 28], [3, 29], [3, 30], [3, 31], [7, 1], [10, 24], [10, 25], [10, 26], [10, 27], [10, 28], [10, 29], [10, 30], [10, 31], [12, 31]]) {
        for (const h of [0, 1, 2, 3, 4, 23]) {
          expect(warsawFieldsToUtc(y, mo, d, h, 30)).toBe(W(y, mo, d, h, 30));
          expect(warsawWallToUtc(Date.UTC(y, mo - 1, d, h, 30))).toBe(W(y, mo, d, h, 30));
        }
      }
    }
  });
});

/** Hot-path value parsers: numbers with decimal comma, dates in every export form. No regex per row. */

import { warsawOffsetMs } from '../domain/time';
import type { RawValue } from './types';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** True for null, undefined, '' and whitespace-only strings. */
export function isBlank(v: RawValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') {
    if (v.length === 0) return true;
    const c0 = v.charCodeAt(0);
    if (c0 > 32 && c0 !== 160) return false;
    return v.trim().length === 0;
  }
  return false;
}

/**
 * Parse a number. With decimalComma, "548883,12" is 548883.12 (a '.' is still accepted when there is
 * no comma); without it, a comma makes the value invalid. Spaces / NBSP (Polish thousands separator) are
 * removed. Returns NaN when invalid.
 */
export function parseNumber(v: RawValue, decimalComma: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  // fast path: [-+]?digits[(.|,)digits] with at most 15 significant digits -> m / 10^k, which is the
  // correctly rounded double (both operands exact), i.e. identical to Number(text); no allocation
  const n = v.length;
  let i = 0;
  let neg = false;
  let c = n > 0 ? v.charCodeAt(0) : 0;
  if (c === 45 || c === 43) { neg = c === 45; i = 1; }
  let m = 0;
  let digits = 0;
  let fracDigits = 0;
  let sep = false;
  for (; i < n; i++) {
    c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (sep) fracDigits++;
    } else if ((c === 46 || (c === 44 && decimalComma)) && !sep) {
      sep = true;
    } else break;
  }
  if (i === n && digits > 0 && digits <= 15 && (!sep || fracDigits > 0)) {
    const x = fracDigits === 0 ? m : m / POW10[fracDigits];
    return neg ? -x : x;
  }
  return parseNumberSlow(v, decimalComma);
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

function parseNumberSlow(v: string, decimalComma: boolean): number {
  let s = v;
  let hasComma = false;
  let hasSpace = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 44) hasComma = true;
    else if (c === 32 || c === 160 || c === 9 || c === 0x202f) hasSpace = true;
  }
  if (hasSpace) s = s.replace(/[\s\u00a0\u202f]+/g, '');
  if (s.length === 0) return NaN;
  if (hasComma) {
    if (!decimalComma) return NaN;
    const i = s.indexOf(',');
    if (s.indexOf(',', i + 1) !== -1 || s.indexOf('.') !== -1) return NaN;
    s = s.slice(0, i) + '.' + s.slice(i + 1);
  }
  const c0 = s.charCodeAt(0);
  // Number() would accept "0x10", "Infinity", " "; allow only a plain decimal
  if (!((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46)) return NaN;
  if (s.length > 1 && (s.charCodeAt(1) === 120 || s.charCodeAt(1) === 88)) return NaN;
  const x = Number(s);
  return Number.isFinite(x) ? x : NaN;
}

/** Failure kinds of parseDate (a string, so success = number without any allocation). */
export type DateError = 'invalid-date' | 'invalid-calendar-date' | 'date-out-of-range';

export interface DateOptions {
  /** Accepted years, inclusive lower / exclusive upper bound (default 2000..2100). */
  minYear?: number;
  maxYear?: number;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil), no Date object. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Per-year DST window in "naive wall" ms: a wall time w is CEST iff wallStart <= w < wallEnd, which is
 * exactly the rule of domain/time warsawToUtc (try CEST first: autumn overlap -> CEST, spring gap -> CET).
 */
const DST_FIRST_YEAR = 1970;
const DST_YEARS = 300;
const dstWall = new Float64Array(DST_YEARS * 2).fill(NaN);
function dstWallBounds(year: number): number {
  const k = year - DST_FIRST_YEAR;
  if (k < 0 || k >= DST_YEARS) return -1;
  if (dstWall[2 * k] !== dstWall[2 * k]) {
    // find the UTC instants where the offset changes (last Sunday of March / October, 01:00 UTC)
    const lastSun = (month: number) => {
      const last = daysFromCivil(year, month + 1, 1) - 1; // last day of `month`
      const dow = (last + 4) % 7; // 1970-01-01 was Thursday (0 = Sunday)
      return (last - ((dow + 7) % 7)) * DAY;
    };
    const start = lastSun(3) + HOUR;
    const end = lastSun(10) + HOUR;
    dstWall[2 * k] = start + 2 * HOUR;
    dstWall[2 * k + 1] = end + 2 * HOUR;
  }
  return 2 * k;
}

/** UTC instant of a Warsaw wall clock given as naive ms (the wall clock encoded as if it were UTC). */
export function warsawNaiveToUtc(year: number, naive: number): number {
  const k = dstWallBounds(year);
  if (k < 0) {
    const tryCest = naive - 2 * HOUR;
    return warsawOffsetMs(tryCest) === 2 * HOUR ? tryCest : naive - HOUR;
  }
  return naive >= dstWall[k] && naive < dstWall[k + 1] ? naive - 2 * HOUR : naive - HOUR;
}

/**
 * UTC instant of a Warsaw wall-clock time given as "naive" ms (the wall clock encoded as if it were UTC).
 * Same rule as warsawToUtc: autumn overlap -> first (CEST) instant, spring gap -> read as CET.
 */
export function warsawWallToUtc(wallMs: number): number {
  // the year estimate may be off by one only around New Year, where both years say CET
  const year = 1970 + Math.floor(wallMs / 31_556_952_000);
  return warsawNaiveToUtc(year, wallMs);
}

/** Fast equivalent of domain/time warsawToUtc for already validated fields. */
export function warsawFieldsToUtc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  return warsawNaiveToUtc(y, daysFromCivil(y, mo, d) * DAY + h * HOUR + mi * 60_000 + s * 1000 + ms);
}

/** Excel 1900 date system: serial 25569 = 1970-01-01 (the fake 1900-02-29 is before every valid year). */
export const EXCEL_EPOCH_SERIAL = 25569;

/** Excel serial (days, fraction = time of day, Warsaw wall clock) -> UTC ms, rounded to the second. */
export function excelSerialToUtc(serial: number): number {
  const wall = Math.round((serial - EXCEL_EPOCH_SERIAL) * 86400) * 1000;
  return warsawWallToUtc(wall);
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

let yearBoundsCache: { min: number; max: number; lo: number; hi: number } = { min: MIN_YEAR, max: MAX_YEAR, lo: Date.UTC(MIN_YEAR, 0, 1) - DAY, hi: Date.UTC(MAX_YEAR, 0, 1) + DAY };
function bounds(minYear: number, maxYear: number) {
  const b = yearBoundsCache;
  if (b.min === minYear && b.max === maxYear) return b;
  yearBoundsCache = { min: minYear, max: maxYear, lo: Date.UTC(minYear, 0, 1) - DAY, hi: Date.UTC(maxYear, 0, 1) + DAY };
  return yearBoundsCache;
}

/**
 * Interpret a number found in a date column:
 * - >= 1e11: epoch milliseconds (UTC instant);
 * - 1e8 .. 1e11: epoch seconds;
 * - 20000101 .. 21001231 with a valid calendar date: compact yyyyMMdd (Warsaw midnight);
 * - < 1e6: Excel serial date (1900 system), Warsaw wall clock.
 */
function numberToUtc(x: number, minYear: number, maxYear: number): number | DateError {
  if (!Number.isFinite(x) || x <= 0) return 'invalid-date';
  let t: number;
  if (x >= 1e11) t = Math.round(x);
  else if (x >= 1e8) t = Math.round(x * 1000);
  else if (x >= 1e7) {
    if (x !== Math.floor(x)) return 'invalid-date';
    const y = Math.floor(x / 10000);
    const m = Math.floor(x / 100) % 100;
    const d = x % 100;
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return 'invalid-calendar-date';
    if (y < minYear || y >= maxYear) return 'date-out-of-range';
    return warsawFieldsToUtc(y, m, d);
  } else if (x < 1e6) t = excelSerialToUtc(x);
  else return 'invalid-date';
  const b = bounds(minYear, maxYear);
  if (t < b.lo || t > b.hi) return 'date-out-of-range';
  return t;
}

/**
 * Parse a date cell to UTC epoch ms. Accepted forms:
 * - numbers / digit strings: epoch ms, epoch s, Excel serial (also "45678,5" with decimal comma), yyyyMMdd;
 * - ISO 8601: yyyy-MM-dd[(T| )HH:mm[:ss[.fff]]][Z|±HH[:]MM] — no zone means Europe/Warsaw;
 * - yyyy.MM.dd and yyyy/MM/dd with the same time part;
 * - Polish: d.M.yyyy [H:mm[:ss]] (also with '-' : dd-MM-yyyy), Warsaw time;
 * - Date objects: read as a wall clock in UTC fields (that is how exceljs returns XLSX dates:
 *   the serial's wall clock as if it were UTC), so the UTC fields are taken as Warsaw local time.
 *   Pass dateObjectsAreUtc=true for Dates that are real instants.
 * Calendar validity is checked (31.02.2025 -> 'invalid-calendar-date'); years outside
 * [minYear, maxYear) -> 'date-out-of-range'. Returns a number on success, a DateError string otherwise.
 */
export function parseDate(v: RawValue, opts?: DateOptions, dateObjectsAreUtc = false): number | DateError {
  const minYear = opts?.minYear ?? MIN_YEAR;
  const maxYear = opts?.maxYear ?? MAX_YEAR;
  if (typeof v === 'number') return numberToUtc(v, minYear, maxYear);
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return 'invalid-date';
    const u = dateObjectsAreUtc ? t : warsawWallToUtc(t);
    const b = bounds(minYear, maxYear);
    return u < b.lo || u > b.hi ? 'date-out-of-range' : u;
  }
  if (typeof v !== 'string') return 'invalid-date';
  return parseDateString(v, minYear, maxYear);
}

function parseDateString(raw: string, minYear: number, maxYear: number): number | DateError {
  let s = raw;
  let n = s.length;
  if (n === 0) return 'invalid-date';
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) { s = s.trim(); n = s.length; }
  if (n === 0) return 'invalid-date';

  // numbers: all digits, optionally one '.' or ',' fraction
  let allNum = true;
  let sepPos = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if ((c === 46 || c === 44) && sepPos === -1 && i > 0) { sepPos = i; continue; }
    allNum = false;
    break;
  }
  if (allNum) {
    const x = sepPos === -1 ? Number(s) : Number(s.slice(0, sepPos) + '.' + s.slice(sepPos + 1));
    if (sepPos !== -1 && x >= 1e6) return 'invalid-date';
    return numberToUtc(x, minYear, maxYear);
  }

  // date part: three integers separated by '-', '.', '/'
  let i = 0;
  let a = 0, aLen = 0;
  while (i < n) { const c = s.charCodeAt(i); if (c < 48 || c > 57) break; a = a * 10 + (c - 48); aLen++; i++; }
  if (aLen === 0 || i >= n) return 'invalid-date';
  const sep1 = s.charCodeAt(i++);
  if (sep1 !== 45 && sep1 !== 46 && sep1 !== 47) return 'invalid-date';
  let b = 0, bLen = 0;
  while (i < n) { const c = s.charCodeAt(i); if (c < 48 || c > 57) break; b = b * 10 + (c - 48); bLen++; i++; }
  if (bLen === 0 || bLen > 2 || i >= n || s.charCodeAt(i) !== sep1) return 'invalid-date';
  i++;
  let c3 = 0, cLen = 0;
  while (i < n) { const c = s.charCodeAt(i); if (c < 48 || c > 57) break; c3 = c3 * 10 + (c - 48); cLen++; i++; }
  if (cLen === 0) return 'invalid-date';
  let year: number, month: number, day: number;
  if (aLen === 4 && cLen <= 2) { year = a; month = b; day = c3; }
  else if (cLen === 4 && aLen <= 2 && sep1 !== 47) { year = c3; month = b; day = a; } // d.M.yyyy / dd-MM-yyyy; d/M/y is ambiguous (US order)
  else return 'invalid-date';

  // time part
  let hour = 0, minute = 0, second = 0, ms = 0;
  let offsetMin: number | null = null;
  if (i < n) {
    let c = s.charCodeAt(i);
    if (c !== 84 && c !== 116 && c !== 32) return 'invalid-date'; // 'T', 't', ' '
    i++;
    while (i < n && s.charCodeAt(i) === 32) i++;
    let hLen = 0;
    while (i < n) { c = s.charCodeAt(i); if (c < 48 || c > 57) break; hour = hour * 10 + (c - 48); hLen++; i++; }
    if (hLen === 0 || hLen > 2 || i >= n || s.charCodeAt(i) !== 58) return 'invalid-date';
    i++;
    let mLen = 0;
    while (i < n) { c = s.charCodeAt(i); if (c < 48 || c > 57) break; minute = minute * 10 + (c - 48); mLen++; i++; }
    if (mLen !== 2) return 'invalid-date';
    if (i < n && s.charCodeAt(i) === 58) {
      i++;
      let sLen = 0;
      while (i < n) { c = s.charCodeAt(i); if (c < 48 || c > 57) break; second = second * 10 + (c - 48); sLen++; i++; }
      if (sLen !== 2) return 'invalid-date';
      if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
        i++;
        let fLen = 0;
        let frac = 0;
        while (i < n) { c = s.charCodeAt(i); if (c < 48 || c > 57) break; if (fLen < 3) frac = frac * 10 + (c - 48); fLen++; i++; }
        if (fLen === 0) return 'invalid-date';
        ms = fLen === 1 ? frac * 100 : fLen === 2 ? frac * 10 : frac;
      }
    }
    while (i < n && s.charCodeAt(i) === 32) i++;
    if (i < n) {
      c = s.charCodeAt(i);
      if ((c === 90 || c === 122) && i === n - 1) { offsetMin = 0; i++; }
      else if (c === 43 || c === 45) {
        const sign = c === 45 ? -1 : 1;
        i++;
        let oh = 0, ohLen = 0, om = 0, omLen = 0;
        while (i < n && ohLen < 2) { c = s.charCodeAt(i); if (c < 48 || c > 57) break; oh = oh * 10 + (c - 48); ohLen++; i++; }
        if (i < n && s.charCodeAt(i) === 58) i++;
        while (i < n && omLen < 2) { c = s.charCodeAt(i); if (c < 48 || c > 57) break; om = om * 10 + (c - 48); omLen++; i++; }
        if (ohLen !== 2 || (omLen !== 0 && omLen !== 2) || oh > 14 || om > 59 || i !== n) return 'invalid-date';
        offsetMin = sign * (oh * 60 + om);
      } else return 'invalid-date';
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return 'invalid-calendar-date';
  }
  if (year < minYear || year >= maxYear) return 'date-out-of-range';
  if (offsetMin !== null) return daysFromCivil(year, month, day) * DAY + hour * HOUR + minute * 60_000 + second * 1000 + ms - offsetMin * 60_000;
  return warsawFieldsToUtc(year, month, day, hour, minute, second, ms);
}

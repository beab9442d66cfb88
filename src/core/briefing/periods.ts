/**
 * Briefing periods as Warsaw calendar days (YYYY-MM-DD, inclusive). Pure. The same rule as the composer's
 * presets: a template's period kind means the latest COMPLETE calendar month / quarter / half-year / year
 * covered by the data (relative to the data date, not to today: imports lag).
 */
export type PeriodKind = 'month' | 'quarter' | 'half-year' | 'year';

import { warsawParts } from '../domain/time';

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDay(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isValidDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isoDay(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}

export function latestFullPeriod(kind: PeriodKind, dataDay: string): { from: string; to: string } {
  const [y, m, d] = dataDay.split('-').map(Number);
  const len = MONTHS[kind];
  const startMonth = Math.floor((m - 1) / len) * len + 1;
  const endMonth = startMonth + len - 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const complete = m === endMonth && d === lastDay;
  const s = complete ? startMonth : startMonth - len;
  const from = isoDay(y, s, 1);
  const [fy, fm] = from.split('-').map(Number);
  return { from, to: isoDay(fy, fm + len, 0) };
}

/**
 * Periods counted back from now (Europe/Warsaw), at whole-hour resolution: a period runs from `from` at
 * `fromHour` to `to` at `toHour` (1–24, 24 = midnight at the end of `to`), Warsaw wall-clock times, as the briefing
 * request has them. The current hour counts in full (reports cannot come from the future).
 */
export interface HourPeriod {
  from: string;
  to: string;
  fromHour: number;
  toHour: number;
}

interface WarsawClock {
  parts(utcMs: number): { year: number; month: number; day: number; hour: number };
}
const WARSAW: WarsawClock = { parts: warsawParts };

/** The end of the current Warsaw hour as a wall-clock day and hour (toHour 24 at midnight). */
function endOfHour(nowMs: number, clock: WarsawClock): { day: string; hour: number } {
  const p = clock.parts(nowMs);
  return p.hour === 23 ? { day: isoDay(p.year, p.month, p.day), hour: 24 } : { day: isoDay(p.year, p.month, p.day), hour: p.hour + 1 };
}

function wall(day: string, hour: number): { from: string; fromHour: number } {
  if (hour === 24) {
    const [y, m, d] = day.split('-').map(Number);
    return { from: isoDay(y, m, d + 1), fromHour: 0 };
  }
  return { from: day, fromHour: hour };
}

/**
 * The last `hours` real hours (default 24) up to the end of the current hour: across a DST change the wall-clock
 * span is 23 or 25 hours, the real span stays 24.
 */
export function lastHours(nowMs: number, clock: WarsawClock = WARSAW, hours = 24): HourPeriod {
  const end = endOfHour(nowMs, clock);
  // the start: `hours` real hours before the end of this hour (Warsaw offsets are whole hours)
  const endMs = Math.floor(nowMs / 3_600_000) * 3_600_000 + 3_600_000;
  const s = clock.parts(endMs - hours * 3_600_000);
  return { from: isoDay(s.year, s.month, s.day), fromHour: s.hour, to: end.day, toHour: end.hour };
}

/** The last `days` calendar days (default 7): from the same Warsaw wall-clock hour `days` days before the end of this hour. */
export function lastDays(nowMs: number, clock: WarsawClock = WARSAW, days = 7): HourPeriod {
  const end = endOfHour(nowMs, clock);
  const [y, m, d] = end.day.split('-').map(Number);
  const start = wall(isoDay(y, m, d - days), end.hour);
  return { ...start, to: end.day, toHour: end.hour };
}

/** Shift pattern: start hours (Warsaw) and length, e.g. 7:00 and 19:00, 12 h (the common two-shift service). */
export interface ShiftPattern {
  starts: number[];
  hours: number;
}
export const DEFAULT_SHIFTS: ShiftPattern = { starts: [7, 19], hours: 12 };

/**
 * The next shift after now (its Warsaw start day and hour, and the hours of the day it covers) and what a
 * briefing before it looks at: the last `lookbackDays` days (default 7) at the shift's hours.
 */
export function nextShift(nowMs: number, clock: WarsawClock = WARSAW, pattern: ShiftPattern = DEFAULT_SHIFTS, lookbackDays = 7): {
  shift: { day: string; startHour: number; endHour: number };
  hours: number[];
  period: HourPeriod;
} {
  const p = clock.parts(nowMs);
  const starts = [...pattern.starts].sort((a, b) => a - b);
  const later = starts.find((h) => h > p.hour);
  const day = later != null ? isoDay(p.year, p.month, p.day) : isoDay(p.year, p.month, p.day + 1);
  const startHour = later ?? starts[0];
  const endHour = (startHour + pattern.hours) % 24;
  const hours = Array.from({ length: pattern.hours }, (_, k) => (startHour + k) % 24);
  return { shift: { day, startHour, endHour }, hours, period: lastDays(nowMs, clock, lookbackDays) };
}

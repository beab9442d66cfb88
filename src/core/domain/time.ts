/**
 * Europe/Warsaw local time without Intl (fast enough for millions of rows).
 * EU rule in force in Poland since 1996: CEST (UTC+2) from the last Sunday of March 01:00 UTC
 * to the last Sunday of October 01:00 UTC, CET (UTC+1) otherwise.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

function lastSundayUtc(year: number, month: number): number {
  // month: 0-based; day 0 of the next month = last day of this month
  const last = Date.UTC(year, month + 1, 0);
  const dow = new Date(last).getUTCDay();
  return last - dow * DAY;
}

const dstCache = new Map<number, [number, number]>();
function dstBounds(year: number): [number, number] {
  let b = dstCache.get(year);
  if (!b) {
    b = [lastSundayUtc(year, 2) + HOUR, lastSundayUtc(year, 9) + HOUR];
    dstCache.set(year, b);
  }
  return b;
}

/** Offset of Europe/Warsaw from UTC at the given UTC instant, in ms (3.6e6 or 7.2e6). */
export function warsawOffsetMs(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const [start, end] = dstBounds(year);
  return utcMs >= start && utcMs < end ? 2 * HOUR : HOUR;
}

/** Local wall-clock fields of a UTC instant in Europe/Warsaw. weekday: 0 = Monday ... 6 = Sunday. */
export function warsawParts(utcMs: number): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  const d = new Date(utcMs + warsawOffsetMs(utcMs));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: (d.getUTCDay() + 6) % 7,
  };
}

/** Hour of day (0-23) and weekday (0 = Monday) in Warsaw for a UTC instant. */
export function warsawHourWeekday(utcMs: number): [number, number] {
  const local = utcMs + warsawOffsetMs(utcMs);
  const hour = Math.floor((((local % DAY) + DAY) % DAY) / HOUR);
  const weekday = (Math.floor(local / DAY) + 3) % 7; // 1970-01-01 was a Thursday (=3 when Monday=0)
  return [hour, (weekday + 7) % 7];
}

/**
 * UTC instant of a Warsaw wall-clock time. In the autumn overlap hour the first (CEST) instant is
 * returned; in the spring gap the wall time is read as CET (as Excel exports do).
 */
export function warsawToUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const tryCest = naive - 2 * HOUR;
  if (warsawOffsetMs(tryCest) === 2 * HOUR) return tryCest;
  return naive - HOUR;
}

/** Format a UTC instant as Warsaw local "YYYY-MM-DD HH:mm". */
export function formatWarsaw(utcMs: number, withTime = true): string {
  const p = warsawParts(utcMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return withTime ? `${date} ${pad(p.hour)}:${pad(p.minute)}` : date;
}

/** Format as Polish export style "dd.MM.yyyy HH:mm:ss" in Warsaw time. */
export function formatWarsawPolish(utcMs: number): string {
  const p = warsawParts(utcMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(p.day)}.${pad(p.month)}.${p.year} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Parse "YYYY-MM-DD" as the start of that Warsaw day (UTC ms). */
export function warsawDayStart(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`not a date (YYYY-MM-DD): ${isoDate}`);
  return warsawToUtc(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Calendar month of a UTC instant in Warsaw as one integer: year * 12 + (month - 1). */
export function warsawMonthIndex(utcMs: number): number {
  const p = warsawParts(utcMs);
  return p.year * 12 + p.month - 1;
}

/** UTC instant of Warsaw midnight on the 1st of the month `index` (year * 12 + month - 1). */
export function warsawMonthStart(index: number): number {
  return warsawToUtc(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** "YYYY-MM" of a month index (year * 12 + month - 1). */
export function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Edges of the Warsaw calendar months covering [t0, t1]: edges[0] = Warsaw midnight on the 1st of t0's month,
 * the last edge = Warsaw midnight on the 1st of the month after t1's (DST-aware: 23:00 UTC in winter, 22:00 UTC in
 * summer the day before).
 */
export function warsawMonthEdges(t0: number, t1: number): Float64Array {
  const m0 = warsawMonthIndex(t0), m1 = warsawMonthIndex(t1);
  const out = new Float64Array(m1 - m0 + 2);
  for (let m = m0; m <= m1 + 1; m++) out[m - m0] = warsawMonthStart(m);
  return out;
}

/** Edges of Warsaw calendar weeks (Monday 00:00 Europe/Warsaw) covering [t0, t1]. */
export function warsawWeekEdges(t0: number, t1: number): Float64Array {
  const p = warsawParts(t0);
  const edges: number[] = [warsawToUtc(p.year, p.month, p.day - p.weekday)];
  // walk by calendar days (a week is 167 or 169 hours across a DST change)
  let d = 0;
  for (;;) {
    d += 7;
    const e = warsawToUtc(p.year, p.month, p.day - p.weekday + d);
    edges.push(e);
    if (e > t1) break;
  }
  return Float64Array.from(edges);
}

/**
 * Briefing periods as Warsaw calendar days ("YYYY-MM-DD", both ends inclusive, as the contract has them).
 * Presets are relative to the data date ("stan danych", the newest report), not to today: imports lag.
 * Pure functions, unit-tested.
 */
import { warsawParts } from '../../core/domain/time';
import { isoDay, isValidDay, lastDays, lastHours, latestFullPeriod, nextShift } from '../../core/briefing/periods';

export { isoDay, isValidDay };

export interface DayRange {
  from: string;
  to: string;
}

export type PresetKind = 'month' | 'quarter' | 'half-year' | 'year';
export type RecentKind = 'last24h' | 'last7d' | 'nextShift';
export type PeriodChoice = PresetKind | RecentKind | `h1-${number}` | `h2-${number}` | 'custom';
export const RECENT_KINDS: readonly RecentKind[] = ['last24h', 'last7d', 'nextShift'];

/** A period counted back from now (Europe/Warsaw, whole hours); the next shift adds its hours as a filter. */
export function recentPeriod(kind: RecentKind, nowMs: number): { from: string; to: string; fromHour: number; toHour: number; hours: number[] | null; shift: { day: string; startHour: number; endHour: number } | null } {
  if (kind === 'last24h') return { ...lastHours(nowMs), hours: null, shift: null };
  if (kind === 'last7d') return { ...lastDays(nowMs), hours: null, shift: null };
  const n = nextShift(nowMs);
  return { ...n.period, hours: n.hours, shift: n.shift };
}

function parts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a day: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return isoDay(y, m, d + days);
}

/** Number of days in an inclusive range. */
export function rangeDays(r: DayRange): number {
  const [y0, m0, d0] = parts(r.from);
  const [y1, m1, d1] = parts(r.to);
  return Math.round((Date.UTC(y1, m1 - 1, d1) - Date.UTC(y0, m0 - 1, d0)) / 86_400_000) + 1;
}

/** Warsaw calendar day of a UTC instant. */
export function warsawDay(utcMs: number): string {
  const p = warsawParts(utcMs);
  return isoDay(p.year, p.month, p.day);
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTHS_OF: Record<PresetKind, number> = { month: 1, quarter: 3, 'half-year': 6, year: 12 };

/**
 * The latest complete calendar month / quarter / half-year / year covered by the data: the one ending on
 * the data day if the data day is its last day, otherwise the one before the period containing the data day.
 */
export function latestFull(kind: PresetKind, dataDay: string): DayRange {
  return latestFullPeriod(kind, dataDay);
}

/** Half-year priority periods (I: Jan–Jun, II: Jul–Dec) overlapping the data, newest first (at most `max`). */
export function halfYears(firstDay: string, lastDay: string, max = 6): { id: `h1-${number}` | `h2-${number}`; half: 1 | 2; year: number; range: DayRange }[] {
  const out: { id: `h1-${number}` | `h2-${number}`; half: 1 | 2; year: number; range: DayRange }[] = [];
  const y0 = parts(firstDay)[0];
  const y1 = parts(lastDay)[0];
  for (let y = y1; y >= y0 && out.length < max; y--) {
    for (const half of [2, 1] as const) {
      const range = half === 1 ? { from: isoDay(y, 1, 1), to: isoDay(y, 6, 30) } : { from: isoDay(y, 7, 1), to: isoDay(y, 12, 31) };
      if (range.from <= lastDay && range.to >= firstDay && out.length < max) out.push({ id: `h${half}-${y}`, half, year: y, range });
    }
  }
  return out;
}

/** The range of a period choice (null for 'custom'). */
export function choiceRange(choice: PeriodChoice, dataDay: string): DayRange | null {
  if (choice === 'custom') return null;
  if ((RECENT_KINDS as readonly string[]).includes(choice)) {
    const r = recentPeriod(choice as RecentKind, Date.now());
    return { from: r.from, to: r.to };
  }
  const m = /^h([12])-(\d{4})$/.exec(choice);
  if (m) {
    const y = Number(m[2]);
    return m[1] === '1' ? { from: isoDay(y, 1, 1), to: isoDay(y, 6, 30) } : { from: isoDay(y, 7, 1), to: isoDay(y, 12, 31) };
  }
  return latestFull(choice as PresetKind, dataDay);
}

/** The period of equal length just before (the backend's default comparison). */
export function previousOfEqualLength(r: DayRange): DayRange {
  const days = rangeDays(r);
  return { from: addDays(r.from, -days), to: addDays(r.from, -1) };
}

/**
 * The calendar period of the same kind just before (H1 2026 → H2 2025, March → February); for a range that is
 * not a whole calendar month / quarter / half-year / year, the period of equal length before.
 */
export function previousCalendar(r: DayRange): DayRange {
  const kind = periodKindOf(r);
  if (kind === 'custom') return previousOfEqualLength(r);
  const [y, m] = parts(r.from);
  const len = MONTHS_OF[kind];
  return { from: isoDay(y, m - len, 1), to: addDays(r.from, -1) };
}

/** The same calendar days one year earlier (29 Feb becomes 28 Feb). */
export function yearEarlier(r: DayRange): DayRange {
  const shift = (iso: string) => {
    const [y, m, d] = parts(iso);
    return isoDay(y - 1, m, Math.min(d, lastDayOfMonth(y - 1, m)));
  };
  return { from: shift(r.from), to: shift(r.to) };
}

/** The template period kind a range is (a whole calendar month / quarter / half-year / year), else 'custom'. */
export function periodKindOf(r: DayRange): PresetKind | 'custom' {
  const [y0, m0, d0] = parts(r.from);
  const [y1, m1, d1] = parts(r.to);
  if (d0 !== 1 || d1 !== lastDayOfMonth(y1, m1) || y0 !== y1) return 'custom';
  const months = m1 - m0 + 1;
  for (const k of ['month', 'quarter', 'half-year', 'year'] as const) if (months === MONTHS_OF[k] && (m0 - 1) % MONTHS_OF[k] === 0) return k;
  return 'custom';
}

/** The choice a range corresponds to, preferring the relative presets. */
export function matchChoice(r: DayRange, dataDay: string): PeriodChoice {
  for (const k of ['month', 'quarter', 'half-year', 'year'] as const) {
    const p = latestFull(k, dataDay);
    if (p.from === r.from && p.to === r.to) return k;
  }
  const m = /^(\d{4})-(01|07)-01$/.exec(r.from);
  if (m) {
    const id = `h${m[2] === '01' ? 1 : 2}-${m[1]}` as `h1-${number}`;
    const p = choiceRange(id, dataDay)!;
    if (p.to === r.to) return id;
  }
  return 'custom';
}

/**
 * Briefing periods as Warsaw calendar days (YYYY-MM-DD, inclusive). Pure. The same rule as the composer's
 * presets: a template's period kind means the latest COMPLETE calendar month / quarter / half-year / year
 * covered by the data (relative to the data date, not to today: imports lag).
 */
export type PeriodKind = 'month' | 'quarter' | 'half-year' | 'year';

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

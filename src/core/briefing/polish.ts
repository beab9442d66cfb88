/**
 * Polish text helpers for generated briefing text: plural forms, decimal comma, p-values, hour ranges.
 * Pure functions (no Intl dependency, so Node and the browser give identical text).
 */

/** Polish plural form index: 0 = one (1), 1 = few (2–4, 22–24, … but not 12–14), 2 = many (0, 5–21, 25–31, …). */
export function pluralIndex(n: number): 0 | 1 | 2 {
  const a = Math.abs(Math.trunc(n));
  if (a === 1) return 0;
  const d = a % 10, h = a % 100;
  if (d >= 2 && d <= 4 && !(h >= 12 && h <= 14)) return 1;
  return 2;
}

/** "1 zgłoszenie", "3 zgłoszenia", "5 zgłoszeń" with forms [one, few, many]. Non-integers take the "few"-like genitive singular ("2,5 zgłoszenia"). */
export function plural(n: number, forms: readonly [string, string, string], withNumber = true): string {
  const form = Number.isInteger(n) ? forms[pluralIndex(n)] : forms[1];
  return withNumber ? `${formatInt(n)} ${form}` : form;
}

/** Integer with a non-breaking space as thousands separator from 10 000 up (Polish typography). */
export function formatInt(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.length > 4 ? s.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0') : s;
  return (n < 0 ? '−' : '') + grouped;
}

/** Decimal with a comma: formatDecimal(0.125, 2) = "0,13". */
export function formatDecimal(n: number, digits: number): string {
  if (!Number.isFinite(n)) return '–';
  const s = Math.abs(n).toFixed(digits).replace('.', ',');
  return (n < 0 ? '−' : '') + s;
}

/** Percent rounded to an integer: "35%"; below 10 with one decimal when not whole ("2,5%"). */
export function formatPercent(share: number): string {
  const v = share * 100;
  if (Math.abs(v) < 10 && Math.abs(v - Math.round(v)) >= 0.05) return `${formatDecimal(v, 1)}%`;
  return `${formatInt(Math.round(v))}%`;
}

/** p-value as "p = 0,01", "p = 0,003", "p < 0,001". */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'p = –';
  if (p < 0.001) return 'p < 0,001';
  if (p < 0.01) return `p = ${formatDecimal(p, 3)}`;
  return `p = ${formatDecimal(p, 2)}`;
}

export const WEEKDAYS_SHORT = ['pn', 'wt', 'śr', 'cz', 'pt', 'sb', 'nd'] as const;
export const WEEKDAYS_LONG = ['poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela'] as const;

/** Hour range "18:00–22:00" for [start, end) hours (end may be 24 or wrap past midnight). */
export function hourRange(start: number, end: number): string {
  const h = (x: number) => `${String(((x % 24) + 24) % 24).padStart(2, '0')}:00`;
  return `${h(start)}–${h(end)}`;
}

/** Lower-case the first letter of a category name for use inside a sentence. */
export function inSentence(name: string): string {
  return name.length > 0 ? name[0].toLocaleLowerCase('pl') + name.slice(1) : name;
}

export const REPORT_FORMS = ['zgłoszenie', 'zgłoszenia', 'zgłoszeń'] as const;

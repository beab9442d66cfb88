/**
 * The analyst's filter: one object that drives the map (GPU), the counts and charts (CPU typed-array
 * loops) and the report table (backend). Pure functions only, unit-tested.
 */
import { CATEGORIES, CATEGORY_GROUPS, type CategoryGroup } from '../../core/domain/categories';
import { STATUSES, STATUS_GROUPS, type StatusGroup } from '../../core/domain/statuses';
import { warsawParts, warsawToUtc } from '../../core/domain/time';
import type { MapFilter } from '../../shared/contract/map';
import type { ReportFilterInput } from '../../shared/contract';
import { translate } from '../../shared/i18n';

export interface FilterState {
  /** Inclusive lower bound, UTC ms; null = from the first report. */
  from: number | null;
  /** Exclusive upper bound, UTC ms; null = up to the last report. */
  to: number | null;
  /** Category codes; null = all. */
  categories: number[] | null;
  /** Status codes; null = all. */
  statuses: number[] | null;
  /** District ids (0 = outside all beats); null = all. */
  districts: number[] | null;
  /** Warsaw hours 0-23; null = all. */
  hours: number[] | null;
  /** 0 = Monday … 6 = Sunday; null = all. */
  weekdays: number[] | null;
  /** Only reports inside / outside the workspace's territory; null = all. */
  territory: 'inside' | 'outside' | null;
  /** Also count the previous period of the same length. */
  compare: boolean;
}

export const EMPTY_FILTER: FilterState = { from: null, to: null, categories: null, statuses: null, districts: null, hours: null, weekdays: null, territory: null, compare: false };

export const DAY_MS = 86_400_000;

/** Is the filter "everything"? (then the shown count equals the workspace total) */
export function isEmptyFilter(f: FilterState): boolean {
  return f.from == null && f.to == null && f.categories == null && f.statuses == null && f.districts == null && f.hours == null && f.weekdays == null && f.territory == null;
}

/** Sanitise a stored filter (settings are data from disk: never trust their shape). */
export function normalizeFilter(raw: unknown): FilterState {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const list = (v: unknown, max: number) =>
    Array.isArray(v) ? [...new Set(v.filter((x): x is number => Number.isInteger(x) && x >= 0 && x <= max))].sort((a, b) => a - b) : null;
  return {
    from: num(r.from),
    to: num(r.to),
    categories: list(r.categories, 255),
    statuses: list(r.statuses, 255),
    districts: list(r.districts, 2 ** 32 - 1),
    hours: list(r.hours, 23),
    weekdays: list(r.weekdays, 6),
    territory: r.territory === 'inside' || r.territory === 'outside' ? r.territory : null,
    compare: r.compare === true,
  };
}

/** Toggle a value in an optional set; `all` is the full domain (a full set collapses to null = all). */
export function toggleIn(set: number[] | null, values: number[], on: boolean, all: readonly number[]): number[] | null {
  const s = new Set(set ?? all);
  for (const v of values) (on ? s.add(v) : s.delete(v));
  if (all.every((v) => s.has(v))) return null;
  return [...s].sort((a, b) => a - b);
}

export const ALL_CATEGORY_CODES: readonly number[] = [0, ...CATEGORIES.map((c) => c.code)];
export const ALL_STATUS_CODES: readonly number[] = [0, ...STATUSES.map((s) => s.code)];
export const ALL_HOURS: readonly number[] = Array.from({ length: 24 }, (_, i) => i);
export const ALL_WEEKDAYS: readonly number[] = [0, 1, 2, 3, 4, 5, 6];

export function categoryCodesOfGroup(g: CategoryGroup): number[] {
  return g === 'other' ? [0] : CATEGORIES.filter((c) => c.group === g).map((c) => c.code);
}
export function statusCodesOfGroup(g: StatusGroup): number[] {
  return STATUSES.filter((s) => s.group === g).map((s) => s.code);
}

/** Warsaw midnight (UTC ms) of the day containing `utcMs`, shifted by `days`. */
export function warsawDayStart(utcMs: number, days = 0): number {
  const p = warsawParts(utcMs);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return warsawToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export type PresetId = 'all' | 'last7' | 'last30' | 'last90' | `h1-${number}` | `h2-${number}`;

/**
 * Period presets. "Last N days" are the N Warsaw calendar days ending with the day of `today` (issue 15: counting
 * back from the last day of the data hid that the data were days old; the data's age is shown beside the presets).
 */
export function presetPeriod(id: PresetId, today: number): { from: number | null; to: number | null } {
  if (id === 'all') return { from: null, to: null };
  const end = warsawDayStart(today, 1);
  if (id === 'last7') return { from: warsawDayStart(today, -6), to: end };
  if (id === 'last30') return { from: warsawDayStart(today, -29), to: end };
  if (id === 'last90') return { from: warsawDayStart(today, -89), to: end };
  const m = /^h([12])-(\d{4})$/.exec(id);
  if (!m) return { from: null, to: null };
  const year = Number(m[2]);
  return m[1] === '1' ? { from: warsawToUtc(year, 1, 1), to: warsawToUtc(year, 7, 1) } : { from: warsawToUtc(year, 7, 1), to: warsawToUtc(year + 1, 1, 1) };
}

/** Half-year priority periods that overlap the data, newest first. */
export function halfYearPresets(first: number, last: number): { id: PresetId; half: 1 | 2; year: number }[] {
  const out: { id: PresetId; half: 1 | 2; year: number }[] = [];
  const y0 = warsawParts(first).year;
  const y1 = warsawParts(last).year;
  for (let y = y1; y >= y0 && out.length < 8; y--) {
    for (const half of [2, 1] as const) {
      const p = presetPeriod(`h${half}-${y}`, last);
      if (p.from! <= last && p.to! > first) out.push({ id: `h${half}-${y}`, half, year: y });
    }
  }
  return out;
}

/** Which preset (if any) the current period is ("last N days" counted back from `today`). */
export function matchPreset(f: FilterState, first: number, last: number, today: number = Date.now()): PresetId | null {
  const ids: PresetId[] = ['all', 'last7', 'last30', 'last90', ...halfYearPresets(first, last).map((h) => h.id)];
  return ids.find((id) => {
    const p = presetPeriod(id, today);
    return p.from === f.from && p.to === f.to;
  }) ?? null;
}

/**
 * The comparison period: the previous half-year when the period is a half-year, otherwise the
 * same length immediately before.
 */
export function previousPeriod(from: number, to: number): { from: number; to: number } {
  const p = warsawParts(from);
  const q = warsawParts(to);
  const isMidnight = p.hour === 0 && p.minute === 0 && q.hour === 0 && q.minute === 0 && p.day === 1 && q.day === 1;
  if (isMidnight && (p.month === 1 || p.month === 7)) {
    const expectedTo = p.month === 1 ? warsawToUtc(p.year, 7, 1) : warsawToUtc(p.year + 1, 1, 1);
    if (expectedTo === to) return p.month === 1 ? { from: warsawToUtc(p.year - 1, 7, 1), to: from } : { from: warsawToUtc(p.year, 1, 1), to: from };
  }
  return { from: from - (to - from), to: from };
}

/** The filter in the backend's terms (codes), for the report table and exports. */
export function toMapFilter(f: FilterState): MapFilter {
  const out: MapFilter = {};
  if (f.from != null) out.from = Math.floor(f.from);
  if (f.to != null) out.to = Math.ceil(f.to);
  if (f.categories) out.categoryCodes = f.categories;
  if (f.statuses) out.statusCodes = f.statuses;
  if (f.districts) out.districtIds = f.districts;
  if (f.hours) out.hours = f.hours;
  if (f.weekdays) out.weekdays = f.weekdays;
  if (f.territory) out.territory = f.territory;
  return out;
}

/** Contiguous runs of hours, wrapping midnight: [22,23,0,1] → [[22,1]]. */
export function hourRuns(hours: number[]): [number, number][] {
  const set = new Set(hours);
  if (set.size === 0) return [];
  if (set.size === 24) return [[0, 23]];
  let start = 0;
  while (set.has(start)) start = (start + 1) % 24; // start scanning just after a gap
  const runs: [number, number][] = [];
  let i = 0;
  while (i < 24) {
    const h = (start + i) % 24;
    if (set.has(h)) {
      const a = h;
      let b = h;
      while (i + 1 < 24 && set.has((start + i + 1) % 24)) {
        i++;
        b = (start + i) % 24;
      }
      runs.push([a, b]);
    }
    i++;
  }
  return runs.sort((x, y) => x[0] - y[0]);
}

export interface DescribeContext {
  lang: 'pl' | 'en';
  districtName(id: number): string;
  formatDate(utcMs: number): string;
}

const WEEKDAYS = {
  pl: ['pn', 'wt', 'śr', 'cz', 'pt', 'sb', 'nd'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};
export const weekdayNames = (lang: 'pl' | 'en') => WEEKDAYS[lang];

function plDays(n: number): string {
  const rules = new Intl.PluralRules('pl-PL');
  const f = rules.select(n);
  return n === 1 ? 'dzień' : f === 'few' ? 'dni' : 'dni';
}

function listWithMore(names: string[], lang: 'pl' | 'en', max = 3): string {
  if (names.length <= max) return names.join(', ');
  const rest = names.length - max;
  return lang === 'pl' ? `${names.slice(0, max).join(', ')} i ${rest} ${rest === 1 ? 'inna' : rest % 10 >= 2 && rest % 10 <= 4 && (rest % 100 < 12 || rest % 100 > 14) ? 'inne' : 'innych'}` : `${names.slice(0, max).join(', ')} and ${rest} more`;
}

/** Describe groups fully covered by a selection by their group name, the rest by item name. */
function describeGrouped<G extends string>(
  selected: number[],
  groups: readonly { id: G; name: string; nameEn: string }[],
  codesOf: (g: G) => number[],
  itemName: (code: number) => string,
  lang: 'pl' | 'en',
): string[] {
  const sel = new Set(selected);
  const parts: string[] = [];
  const covered = new Set<number>();
  for (const g of groups) {
    const codes = codesOf(g.id);
    if (codes.length > 0 && codes.every((c) => sel.has(c))) {
      parts.push((lang === 'pl' ? g.name : g.nameEn).toLowerCase());
      codes.forEach((c) => covered.add(c));
    }
  }
  for (const c of selected) if (!covered.has(c)) parts.push(itemName(c));
  return parts;
}

/** The current filter in words (always visible above the map). */
export function describeFilter(f: FilterState, ctx: DescribeContext): string {
  const pl = ctx.lang === 'pl';
  const parts: string[] = [];
  if (f.from != null || f.to != null) {
    const a = f.from != null ? ctx.formatDate(f.from) : pl ? 'początku' : 'start';
    const b = f.to != null ? ctx.formatDate(f.to - 1) : pl ? 'końca' : 'end';
    let s = pl ? `od ${a} do ${b}` : `${a} to ${b}`;
    if (f.from != null && f.to != null) {
      const days = Math.round((f.to - f.from) / DAY_MS);
      s += pl ? ` (${days} ${plDays(days)})` : ` (${days} day${days === 1 ? '' : 's'})`;
    }
    parts.push(s);
  }
  if (f.categories) {
    if (f.categories.length === 0) parts.push(pl ? 'żadna kategoria' : 'no category');
    else {
      const name = (c: number) => {
        const cat = CATEGORIES.find((x) => x.code === c);
        return cat ? (pl ? cat.name : cat.nameEn) : pl ? 'nieznane' : 'unknown';
      };
      // "all except road" reads better than a long list when most categories are on
      const excluded = ALL_CATEGORY_CODES.filter((c) => !f.categories!.includes(c));
      if (excluded.length < f.categories.length) {
        const names = describeGrouped(excluded, CATEGORY_GROUPS, categoryCodesOfGroup, name, ctx.lang);
        parts.push(`${pl ? 'kategorie: wszystkie oprócz' : 'categories: all except'} ${listWithMore(names, ctx.lang)}`);
      } else {
        const names = describeGrouped(f.categories, CATEGORY_GROUPS, categoryCodesOfGroup, name, ctx.lang);
        parts.push(`${pl ? 'kategorie' : 'categories'}: ${listWithMore(names, ctx.lang)}`);
      }
    }
  }
  if (f.statuses) {
    if (f.statuses.length === 0) parts.push(pl ? 'żaden status' : 'no status');
    else {
      const names = describeGrouped(f.statuses, STATUS_GROUPS, statusCodesOfGroup, (c) => {
        const st = STATUSES.find((x) => x.code === c);
        return st ? (pl ? st.name : st.nameEn) : pl ? 'nieznany' : 'unknown';
      }, ctx.lang);
      parts.push(`${pl ? 'statusy' : 'statuses'}: ${listWithMore(names, ctx.lang)}`);
    }
  }
  if (f.districts) {
    const names = f.districts.map((d) => ctx.districtName(d));
    parts.push(f.districts.length === 0 ? (pl ? 'żaden rejon' : 'no beat') : `${pl ? (names.length === 1 ? 'rejon' : 'rejony') : names.length === 1 ? 'beat' : 'beats'}: ${listWithMore(names, ctx.lang)}`);
  }
  if (f.hours) {
    const runs = hourRuns(f.hours);
    const pad = (h: number) => String(h).padStart(2, '0');
    const text = runs.map(([a, b]) => `${pad(a)}:00–${pad(b)}:59`).join(', ');
    parts.push(f.hours.length === 0 ? (pl ? 'żadna godzina' : 'no hour') : `${pl ? 'godziny' : 'hours'} ${text}`);
  }
  if (f.weekdays) {
    const names = WEEKDAYS[ctx.lang];
    parts.push(f.weekdays.length === 0 ? (pl ? 'żaden dzień' : 'no weekday') : `${pl ? 'dni' : 'days'}: ${f.weekdays.map((d) => names[d]).join(', ')}`);
  }
  if (f.territory) parts.push(translate(ctx.lang, 'territory.filter.describe', { which: f.territory }));
  if (parts.length === 0) parts.push(pl ? 'wszystkie zgłoszenia, bez filtrów' : 'all reports, no filter');
  if (f.compare && f.from != null && f.to != null) parts.push(pl ? 'porównanie z poprzednim okresem' : 'compared with the previous period');
  const s = parts.join(' · ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The filter in the core contract's terms (category/status NAMES), for the districts and briefing views. */
export function toReportFilter(f: FilterState): ReportFilterInput {
  const out: ReportFilterInput = {};
  if (f.from != null) out.from = Math.floor(f.from);
  if (f.to != null) out.to = Math.ceil(f.to);
  if (f.categories) out.categories = f.categories.map((c) => CATEGORIES.find((x) => x.code === c)?.name).filter((x): x is string => x != null);
  if (f.statuses) out.statuses = f.statuses.map((c) => STATUSES.find((x) => x.code === c)?.name).filter((x): x is string => x != null);
  // 0 = outside all beats travels as 0 (dropping it turned 'only outside beats' into 'all reports')
  if (f.districts) out.districtIds = [...f.districts];
  if (f.hours) out.hours = f.hours;
  if (f.weekdays) out.weekdays = f.weekdays;
  if (f.territory) out.territory = f.territory;
  return out;
}

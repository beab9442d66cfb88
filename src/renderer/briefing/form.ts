/**
 * The composer's form state and its translation to the contract's BriefingRequest and templates.
 * Pure functions, unit-tested.
 */
import { BRIEFING_SECTIONS, type BriefingRequest, type BriefingSection, type BriefingTemplate } from '../../shared/contract/briefing';
import type { ReportFilterInput } from '../../shared/contract';
import { RECENT_KINDS, recentPeriod, type RecentKind, choiceRange, isValidDay, periodKindOf, previousCalendar, previousOfEqualLength, warsawDay, yearEarlier, type DayRange, type PeriodChoice } from './periods';

export type CompareMode = 'auto' | 'calendar' | 'year' | 'custom';

export interface BriefingForm {
  scope: 'command' | 'beats';
  districtIds: number[];
  period: PeriodChoice;
  from: string;
  to: string;
  compare: CompareMode;
  compareFrom: string;
  compareTo: string;
  /** null = all */
  categories: string[] | null;
  statuses: string[] | null;
  /** Hour and weekday filters carried over from the map (null = all); the pages state them. */
  hours?: number[] | null;
  weekdays?: number[] | null;
  /** With a period counted back from now (last 24 h, last 7 days, next shift): its first and last hour. */
  fromHour?: number;
  toHour?: number;
  sections: Record<BriefingSection, boolean>;
  title: string;
  public: boolean;
  threshold: number;
  hexSize: number;
}

export const ALL_SECTIONS: Record<BriefingSection, boolean> = Object.fromEntries(BRIEFING_SECTIONS.map((s) => [s, true])) as Record<BriefingSection, boolean>;

/** Initial form: scope from the selected beats, categories and statuses from the map filter, the latest full half-year. */
export function initialForm(filter: ReportFilterInput, selectedDistrictIds: number[], dataDay: string): BriefingForm {
  const range = choiceRange('half-year', dataDay)!;
  const cmp = previousOfEqualLength(range);
  return {
    scope: selectedDistrictIds.length > 0 ? 'beats' : 'command',
    districtIds: [...new Set(selectedDistrictIds)].sort((a, b) => a - b),
    period: 'half-year',
    from: range.from,
    to: range.to,
    compare: 'auto',
    compareFrom: cmp.from,
    compareTo: cmp.to,
    categories: filter.categories && filter.categories.length > 0 ? [...filter.categories] : null,
    statuses: filter.statuses && filter.statuses.length > 0 ? [...filter.statuses] : null,
    hours: filter.hours && filter.hours.length > 0 && filter.hours.length < 24 ? [...filter.hours] : null,
    weekdays: filter.weekdays && filter.weekdays.length > 0 && filter.weekdays.length < 7 ? [...filter.weekdays] : null,
    sections: { ...ALL_SECTIONS },
    title: '',
    public: false,
    threshold: 3,
    hexSize: 500,
  };
}

/** The map filter's period as calendar days ([from, to) UTC ms → inclusive Warsaw days), if it has one. */
export function mapFilterRange(filter: ReportFilterInput): DayRange | null {
  if (filter.from == null || filter.to == null || filter.to <= filter.from) return null;
  return { from: warsawDay(filter.from), to: warsawDay(filter.to - 1) };
}

/** Set the period (and, unless custom, the comparison that goes with it). */
export function withPeriod(f: BriefingForm, choice: PeriodChoice, dataDay: string, custom?: DayRange, nowMs = Date.now()): BriefingForm {
  if ((RECENT_KINDS as readonly string[]).includes(choice)) {
    const r = recentPeriod(choice as RecentKind, nowMs);
    // the next shift's hours replace an hour filter carried from the map; leaving the preset gives it back unset
    return { ...f, period: choice, from: r.from, to: r.to, fromHour: r.fromHour, toHour: r.toHour, compare: 'auto', ...(r.hours ? { hours: r.hours } : {}) };
  }
  const range = custom ?? choiceRange(choice, dataDay) ?? { from: f.from, to: f.to };
  return withComparison({ ...f, period: choice, from: range.from, to: range.to }, f.compare);
}

/** Recompute the shown comparison dates for a mode ('custom' keeps the typed dates). */
export function withComparison(f: BriefingForm, mode: CompareMode): BriefingForm {
  if (mode === 'custom') return { ...f, compare: mode };
  if (!validRange({ from: f.from, to: f.to })) return { ...f, compare: mode };
  const r = { from: f.from, to: f.to };
  const c = mode === 'year' ? yearEarlier(r) : mode === 'calendar' ? previousCalendar(r) : previousOfEqualLength(r);
  return { ...f, compare: mode, compareFrom: c.from, compareTo: c.to };
}

export function validRange(r: DayRange): boolean {
  return isValidDay(r.from) && isValidDay(r.to) && r.from <= r.to;
}

/** What is wrong with the form (message keys), empty when it can be sent. */
export type FormProblem = 'invalidDates' | 'noBeats' | 'noneSelected';

export function formProblems(f: BriefingForm): FormProblem[] {
  const out: FormProblem[] = [];
  if (!validRange({ from: f.from, to: f.to }) || (f.compare === 'custom' && !validRange({ from: f.compareFrom, to: f.compareTo }))) out.push('invalidDates');
  if (f.scope === 'beats' && f.districtIds.length === 0) out.push('noBeats');
  // an empty list means "all" to the backend: never send one for "none ticked"
  if (f.categories?.length === 0 || f.statuses?.length === 0) out.push('noneSelected');
  return out;
}

export function buildRequest(f: BriefingForm): BriefingRequest {
  const req: BriefingRequest = { from: f.from, to: f.to, sections: { ...f.sections } };
  if ((RECENT_KINDS as readonly string[]).includes(f.period) && f.fromHour != null && f.toHour != null) {
    req.fromHour = f.fromHour;
    req.toHour = f.toHour;
  }
  if (f.scope === 'beats') req.districtIds = [...f.districtIds];
  // 'auto' leaves the comparison to the backend's default (equal length before), the others are sent as dates
  if (f.compare !== 'auto') {
    req.compareFrom = f.compareFrom;
    req.compareTo = f.compareTo;
  }
  req.comparisonKind = f.compare === 'auto' ? 'previous' : f.compare === 'calendar' ? 'previousCalendar' : f.compare === 'year' ? 'yearEarlier' : 'custom';
  // public outputs always cover every category, status, hour and weekday (fixed published geography, see backend/briefing/public.ts)
  if (f.categories && !f.public) req.categories = [...f.categories];
  if (f.statuses && !f.public) req.statuses = [...f.statuses];
  if (f.hours && !f.public) req.hours = [...f.hours];
  if (f.weekdays && !f.public) req.weekdays = [...f.weekdays];
  const title = f.title.trim();
  if (title) req.title = title.slice(0, 200);
  return req;
}

export function publicOptions(f: BriefingForm): { threshold: number; hexSize: number } {
  return { threshold: Math.max(3, Math.min(100, Math.round(f.threshold) || 3)), hexSize: Math.max(250, Math.min(5000, Math.round(f.hexSize) || 500)) };
}

/** The form as a template (the contract's input shape: no updatedAt). */
export function templateFromForm(name: string, f: BriefingForm): Omit<BriefingTemplate, 'updatedAt'> {
  const kind = (RECENT_KINDS as readonly string[]).includes(f.period) ? 'custom' : f.period === 'custom' || f.period.startsWith('h') ? periodKindOf({ from: f.from, to: f.to }) : f.period;
  return {
    name: name.trim(),
    sections: { ...f.sections },
    scope: f.scope,
    districtIds: f.scope === 'beats' ? [...f.districtIds] : [],
    periodKind: kind as BriefingTemplate['periodKind'],
    categories: f.categories ? [...f.categories] : [],
    statuses: f.statuses ? [...f.statuses] : [],
    public: f.public,
    threshold: publicOptions(f).threshold,
  };
}

/** Fill the form from a template; the period follows the template's kind relative to the data date. */
export function applyTemplate(f: BriefingForm, t: BriefingTemplate, dataDay: string): BriefingForm {
  const sections = { ...ALL_SECTIONS };
  for (const s of BRIEFING_SECTIONS) if (t.sections[s] === false) sections[s] = false;
  let next: BriefingForm = {
    ...f,
    scope: t.scope,
    districtIds: t.scope === 'beats' ? [...t.districtIds] : [],
    categories: t.categories.length ? [...t.categories] : null,
    statuses: t.statuses.length ? [...t.statuses] : null,
    sections,
    public: t.public,
    threshold: Math.max(3, t.threshold),
  };
  if (t.periodKind !== 'custom') next = withPeriod(next, t.periodKind, dataDay);
  return next;
}

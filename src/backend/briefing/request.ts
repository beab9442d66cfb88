/** Validation and resolution of a briefing request against the workspace (beats, periods, filters). */
import { RejonError } from '../../shared/contract';
import { FIRST_DAY, isDayInRange, LAST_DAY } from '../../shared/contract/day';
import { BRIEFING_SECTIONS, type ComparisonKind, type BriefingPeriod, type BriefingRequest, type BriefingSection } from '../../shared/contract/briefing';
import { matchCategory } from '../../core/domain/categories';
import { matchStatus } from '../../core/domain/statuses';
import { warsawDayStart, warsawToUtc } from '../../core/domain/time';
import { MIN_REPORTS_FOR_CHANGE } from '../../core/briefing/summary';
import { listDistrictRows, type DistrictRow } from '../store/districts';
import type { Db } from '../store/workspace';

const DAY = 86_400_000;

function checkDay(field: string, v: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || !isDayInRange(v)) {
    throw new RejonError('bad-request', `${field}: not a valid date "${v}" (expected a calendar day YYYY-MM-DD between ${FIRST_DAY} and ${LAST_DAY}).`, [
      { path: field, message: 'invalid date' },
    ]);
  }
  return d;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);

function period(from: Date, to: Date, fromHour = 0, toHour = 24): BriefingPeriod {
  if (fromHour !== 0 || toHour !== 24) {
    const at = (d: Date, h: number) => warsawToUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), h);
    return {
      from: iso(from), to: iso(to), fromMs: at(from, fromHour), toMs: at(to, toHour),
      days: Math.round((to.getTime() - from.getTime()) / DAY) + 1, fromHour, toHour,
    };
  }
  return {
    from: iso(from),
    to: iso(to),
    fromMs: warsawDayStart(iso(from)),
    toMs: warsawDayStart(iso(addDays(to, 1))),
    days: Math.round((to.getTime() - from.getTime()) / DAY) + 1,
  };
}

export interface ResolvedRequest {
  period: BriefingPeriod;
  comparison: BriefingPeriod;
  /** Beats in scope (all when the request names none). */
  beats: DistrictRow[];
  allBeats: DistrictRow[];
  scope: 'command' | 'beats';
  categories: string[];
  statuses: string[];
  sections: Record<BriefingSection, boolean>;
  comparisonKind: ComparisonKind;
  /** Hour / weekday filters ([] = all). */
  hours: number[];
  weekdays: number[];
  minReports: number;
}

export function resolveRequest(db: Db, req: BriefingRequest): ResolvedRequest {
  const from = checkDay('from', req.from);
  const to = checkDay('to', req.to);
  if (from > to) throw new RejonError('bad-request', `from (${req.from}) is after to (${req.to}).`, [{ path: 'from', message: 'after to' }]);
  const fromHour = req.fromHour ?? 0;
  const toHour = req.toHour ?? 24;
  if (from.getTime() + fromHour * 3_600_000 >= to.getTime() + toHour * 3_600_000) {
    throw new RejonError('bad-request', `the period ends before it starts (${req.from} ${fromHour}:00 – ${req.to} ${toHour}:00).`, [{ path: 'toHour', message: 'before start' }]);
  }
  let cFrom: Date, cTo: Date;
  // wall-clock length in hours; the default comparison is the same length just before (same hours of the day)
  const wallHours = (to.getTime() - from.getTime()) / 3_600_000 + toHour - fromHour;
  let comparison: BriefingPeriod | null = null;
  if (!(req.compareFrom || req.compareTo) && (fromHour !== 0 || toHour !== 24)) {
    const start = new Date(from.getTime() + fromHour * 3_600_000 - wallHours * 3_600_000);
    const end = new Date(from.getTime() + fromHour * 3_600_000);
    const day = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    let endDay = day(end), endHour = end.getUTCHours();
    if (endHour === 0) { endDay = addDays(endDay, -1); endHour = 24; }
    comparison = period(day(start), endDay, start.getUTCHours(), endHour);
  }
  if (req.compareFrom || req.compareTo) {
    if (!req.compareFrom || !req.compareTo) throw new RejonError('bad-request', 'compareFrom and compareTo go together.');
    cFrom = checkDay('compareFrom', req.compareFrom);
    cTo = checkDay('compareTo', req.compareTo);
    if (cFrom > cTo) throw new RejonError('bad-request', `compareFrom (${req.compareFrom}) is after compareTo (${req.compareTo}).`);
  } else if (!comparison) {
    const days = Math.round((to.getTime() - from.getTime()) / DAY) + 1;
    cTo = addDays(from, -1);
    cFrom = addDays(cTo, -(days - 1));
  }
  const allBeats = listDistrictRows(db);
  const ids = [...new Set(req.districtIds ?? [])];
  const byId = new Map(allBeats.map((b) => [b.id, b]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new RejonError('bad-request', `Unknown beat id(s): ${unknown.join(', ')}. Valid: ${allBeats.map((b) => `${b.id} (${b.name})`).join(', ')}.`);
  }
  const beats = ids.length > 0 ? allBeats.filter((b) => ids.includes(b.id)) : allBeats;
  const categories = (req.categories ?? []).map((c) => {
    const m = matchCategory(c);
    if (!m) throw new RejonError('bad-request', `Unknown category "${c}".`);
    return m.name;
  });
  const statuses = (req.statuses ?? []).map((s) => {
    const m = matchStatus(s);
    if (!m) throw new RejonError('bad-request', `Unknown status "${s}".`);
    return m.name;
  });
  const sections = Object.fromEntries(BRIEFING_SECTIONS.map((s) => [s, req.sections?.[s] ?? true])) as Record<BriefingSection, boolean>;
  return {
    period: period(from, to, fromHour, toHour),
    comparison: comparison ?? period(cFrom!, cTo!),
    comparisonKind: req.comparisonKind ?? (req.compareFrom ? 'custom' : 'previous'),
    hours: [...new Set(req.hours ?? [])].sort((a, b) => a - b),
    weekdays: [...new Set(req.weekdays ?? [])].sort((a, b) => a - b),
    minReports: MIN_REPORTS_FOR_CHANGE,
    beats,
    allBeats,
    scope: ids.length > 0 ? 'beats' : 'command',
    categories: [...new Set(categories)],
    statuses: [...new Set(statuses)],
    sections,
  };
}

/**
 * SQL clauses for category/status filters and beats in scope (reports table columns). With `everyReport` the beats
 * clause is left out: the whole command is every report matching the filter, outside all beats included.
 */
export function scopeClauses(r: ResolvedRequest, opts: { everyReport?: boolean } = {}): { clauses: string[]; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (r.categories.length) { clauses.push(`category IN (${r.categories.map(() => '?').join(',')})`); params.push(...r.categories); }
  if (r.statuses.length) { clauses.push(`status IN (${r.statuses.map(() => '?').join(',')})`); params.push(...r.statuses); }
  if (r.hours.length) { clauses.push(`hour IN (${r.hours.map(() => '?').join(',')})`); params.push(...r.hours); }
  if (r.weekdays.length) { clauses.push(`weekday IN (${r.weekdays.map(() => '?').join(',')})`); params.push(...r.weekdays); }
  if (!opts.everyReport) {
    clauses.push(`district_id IN (${r.beats.map(() => '?').join(',') || 'NULL'})`);
    params.push(...r.beats.map((b) => b.id));
  }
  return { clauses, params };
}

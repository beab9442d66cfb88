import { matchCategory } from '../core/domain/categories';
import { matchStatus } from '../core/domain/statuses';
import { warsawDayStart } from '../core/domain/time';
import { isoDay } from '../core/briefing/periods';
import { FIRST_DAY, isDayInRange, LAST_DAY } from '../shared/contract/day';
import type { ReportFilter } from '../core/domain/report';
import { one, UsageError, type ParsedArgs } from './args';

/** Option names understood by parseFilterArgs (add them to parseArgs' `values`). */
export const FILTER_OPTIONS = ['from', 'to', 'category', 'status'] as const;

/**
 * `--name YYYY-MM-DD` as a Warsaw local day: the start of the day, or with inclusiveEnd the start of the
 * next day (so `--to 2026-06-30` includes the whole of 30 June).
 */
export function dayArg(args: ParsedArgs, name: string, inclusiveEnd: boolean): number | undefined {
  const v = dayText(args, name);
  if (v === undefined) return undefined;
  if (!inclusiveEnd) return warsawDayStart(v);
  const [y, m, d] = v.split('-').map(Number);
  return warsawDayStart(isoDay(y, m, d + 1));
}

/** `--name YYYY-MM-DD` checked to be a real calendar day, as written. */
export function dayText(args: ParsedArgs, name: string): string | undefined {
  const v = one(args, name);
  if (v !== undefined && !isDayInRange(v)) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got "${v}" (calendar days from ${FIRST_DAY} to ${LAST_DAY})`);
  return v;
}

/** --from/--to (Warsaw days, --to inclusive), --category C... and --status S... (matched tolerantly; unknown names rejected). */
export function parseFilterArgs(args: ParsedArgs): ReportFilter {
  const from = dayArg(args, 'from', false);
  const to = dayArg(args, 'to', true);
  if (from !== undefined && to !== undefined && to <= from) throw new UsageError('--to must not be before --from');
  const rawCats = args.options.get('category') ?? [];
  const rawStatuses = args.options.get('status') ?? [];
  const unknownCats = rawCats.filter((c) => !matchCategory(c));
  const unknownStatuses = rawStatuses.filter((s) => !matchStatus(s));
  if (unknownCats.length > 0) throw new UsageError(`unknown categor${unknownCats.length > 1 ? 'ies' : 'y'}: ${unknownCats.map((c) => `"${c}"`).join(', ')}`);
  if (unknownStatuses.length > 0) throw new UsageError(`unknown status${unknownStatuses.length > 1 ? 'es' : ''}: ${unknownStatuses.map((c) => `"${c}"`).join(', ')}`);
  const categories = [...new Set(rawCats.map((c) => matchCategory(c)!.name))];
  const statuses = [...new Set(rawStatuses.map((s) => matchStatus(s)!.name))];
  return { from, to, ...(categories.length ? { categories } : {}), ...(statuses.length ? { statuses } : {}) };
}

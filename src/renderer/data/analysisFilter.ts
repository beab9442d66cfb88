/**
 * The filter an analysis was run with (a stored ReportFilter: category/status NAMES) as the map's FilterState, so
 * the drill-down of an analysis cell counts the reports of the analysis, not those of the current map filter
 * (issue 15: an emerging-hot-spot cell mixed both).
 */
import { CATEGORIES } from '../../core/domain/categories';
import { STATUSES } from '../../core/domain/statuses';
import type { ReportFilterInput } from '../../shared/contract';
import { EMPTY_FILTER, type FilterState } from './filter';

export function fromReportFilter(r: ReportFilterInput | null | undefined): FilterState {
  if (!r) return EMPTY_FILTER;
  const codes = (names: string[] | undefined, table: readonly { code: number; name: string }[]) =>
    names ? names.map((n) => table.find((x) => x.name === n)?.code).filter((c): c is number => c != null).sort((a, b) => a - b) : null;
  return {
    from: r.from ?? null,
    to: r.to ?? null,
    categories: codes(r.categories, CATEGORIES),
    statuses: codes(r.statuses, STATUSES),
    districts: r.districtIds ? [...r.districtIds].sort((a, b) => a - b) : null,
    hours: r.hours ? [...r.hours] : null,
    weekdays: r.weekdays ? [...r.weekdays] : null,
    territory: r.territory ?? null,
    compare: false,
  };
}

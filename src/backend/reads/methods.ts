/**
 * The heavy reads that run on the read workers (issue 14, pt 4): each a pure function of a read-only connection
 * and the method's validated input, so the same code runs inline (no workers) and in a worker.
 */
import type { Db } from '../store/workspace';
import { readReportColumns } from '../store/reports';
import { listReports } from '../map/reports';
import type { ReportFilter } from '../../core/domain/report';

const DEFAULT_SORT = { by: 'createdAt', dir: 'desc' } as const;

type ListInput = Parameters<typeof listReports>[1];

export const READ_METHODS = {
  getReportColumns: (db: Db, input: { filter?: ReportFilter }) => readReportColumns(db, input.filter),
  listReports: (db: Db, input: Partial<ListInput>) =>
    listReports(db, { ids: input.ids, filter: input.filter, sort: input.sort ?? DEFAULT_SORT, limit: input.limit ?? 100, offset: input.offset ?? 0 } as ListInput),
} as const;

export type ReadMethod = keyof typeof READ_METHODS;

export function isReadMethod(m: string): m is ReadMethod {
  return Object.prototype.hasOwnProperty.call(READ_METHODS, m);
}

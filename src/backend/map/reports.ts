import type { Db } from '../store/workspace';
import type { MapFilter, ReportRow, ReportSortKey } from '../../shared/contract/map';

/** SQL WHERE clause for a map filter (codes) plus an optional id list; columns are qualified with `r.`. */
export function mapFilterToSql(filter: MapFilter | undefined, ids: number[] | undefined): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (ids) {
    clauses.push('r.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(ids));
  }
  if (filter) {
    if (filter.from != null) { clauses.push('r.created_at >= ?'); params.push(filter.from); }
    if (filter.to != null) { clauses.push('r.created_at < ?'); params.push(filter.to); }
    const inList = (col: string, values: number[] | undefined) => {
      if (!values || values.length === 0) return;
      clauses.push(`${col} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    };
    inList('r.category_code', filter.categoryCodes);
    inList('r.status_code', filter.statusCodes);
    if (filter.districtIds && filter.districtIds.length > 0) {
      // 0 means "outside all districts" (NULL in the table), as in the binary columns
      clauses.push(`coalesce(r.district_id, 0) IN (${filter.districtIds.map(() => '?').join(',')})`);
      params.push(...filter.districtIds);
    }
    inList('r.hour', filter.hours);
    inList('r.weekday', filter.weekdays);
    if (filter.territory) clauses.push(`r.outside_territory = ${filter.territory === 'outside' ? 1 : 0}`);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const SORT_SQL: Record<ReportSortKey, string> = {
  createdAt: 'r.created_at',
  id: 'r.id',
  // the source's report number: numbers of equal length sort as numbers
  sourceId: 'length(r.source_id) DIR, r.source_id',
  category: 'r.category',
  status: 'r.status_code',
  district: 'd.name',
};

export interface ReportQuery {
  ids?: number[];
  filter?: MapFilter;
  sort: { by: ReportSortKey; dir: 'asc' | 'desc' };
}

const COLUMNS = `r.id, r.source_id, r.created_at, r.category, r.category_code, r.status, r.status_code, r.district_id, d.name AS district,
  r.lon, r.lat, r.description`;

type RawRow = [number, string, number, string, number, string, number, number | null, string | null, number, number, string | null];

function toRow(r: RawRow): ReportRow {
  return {
    id: r[0], sourceId: r[1], createdAt: r[2], category: r[3], categoryCode: r[4], status: r[5], statusCode: r[6],
    districtId: r[7], district: r[8], lon: r[9], lat: r[10], description: r[11],
  };
}

function orderBy(q: ReportQuery): string {
  const dir = q.sort.dir === 'asc' ? 'ASC' : 'DESC';
  // the id as tie-breaker keeps pages stable
  return `ORDER BY ${SORT_SQL[q.sort.by].replace('DIR', dir)} ${dir}, r.id ${dir}`;
}

/** One page of reports and the total matching the selection. */
export function listReports(db: Db, q: ReportQuery & { limit: number; offset: number }): { total: number; rows: ReportRow[] } {
  const { where, params } = mapFilterToSql(q.filter, q.ids);
  const total = (db.prepare(`SELECT count(*) AS n FROM reports r ${where}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM reports r LEFT JOIN districts d ON d.id = r.district_id ${where} ${orderBy(q)} LIMIT ? OFFSET ?`)
    .raw(true)
    .all(...params, q.limit, q.offset) as RawRow[];
  return { total, rows: rows.map(toRow) };
}

/** Iterate every report of the selection in order (for exports). */
export function* iterateReports(db: Db, q: ReportQuery): Generator<ReportRow> {
  const { where, params } = mapFilterToSql(q.filter, q.ids);
  const stmt = db.prepare(`SELECT ${COLUMNS} FROM reports r LEFT JOIN districts d ON d.id = r.district_id ${where} ${orderBy(q)}`).raw(true);
  for (const r of stmt.iterate(...params) as IterableIterator<RawRow>) yield toRow(r);
}

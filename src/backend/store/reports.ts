import { categoryCode } from '../../core/domain/categories';
import { FingerprintSet } from './fingerprints';
import { isVerifiedStatusCode, statusCode, verifiedAtOnFirstSight } from '../../core/domain/statuses';
import { toPuwg92 } from '../../core/domain/crs';
import { warsawHourWeekday } from '../../core/domain/time';
import type { ReportFilter } from '../../core/domain/report';
import type { ProvenanceKind } from '../../core/provenance';
import { allocateReportColumns } from '../../shared/columns';
import type { Db } from './workspace';

/** A report as it arrives from an importer or the demo generator (already normalised). */
export interface IncomingReport {
  sourceId: string;
  category: string;
  status: string;
  createdAt: number;
  eventAt: number | null;
  modifiedAt: number | null;
  lon: number;
  lat: number;
  teryt: string | null;
  description: string | null;
  unit?: string | null;
  beat?: string | null;
  officer?: string | null;
  /** Status changes known from the source, oldest first; when absent the current status is recorded. */
  history?: { status: string; changedAt: number }[];
  districtId?: number | null;
  /** EPSG:2180 position when the source already had it (saves a conversion). */
  x2180?: number;
  y2180?: number;
  /** Codes when the importer already matched them (saves folding the names again). */
  categoryCode?: number;
  statusCode?: number;
  /** 1 when the report lies outside the workspace's territory (reports.outside_territory). */
  outsideTerritory?: number;
}

/**
 * A batch of normalised reports as columns (what the import worker sends): numbers in typed arrays
 * with NaN for null, texts in arrays. Hour, weekday, EPSG:2180 position and verification time are
 * already derived, so the writing thread only binds values.
 */
export interface IncomingColumns {
  n: number;
  sourceId: string[];
  category: string[];
  categoryCode: Uint8Array;
  status: string[];
  statusCode: Uint8Array;
  createdAt: Float64Array;
  eventAt: Float64Array;
  modifiedAt: Float64Array;
  hour: Uint8Array;
  weekday: Uint8Array;
  /** verifiedAtOnFirstSight of the row (used when the report is new). */
  verifiedAt: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  x2180: Float64Array;
  y2180: Float64Array;
  teryt: (string | null)[];
  description: (string | null)[];
  unit: (string | null)[];
  beat: (string | null)[];
  officer: (string | null)[];
  /** 1 = outside the workspace's territory; absent = all inside (or no territory). */
  outsideTerritory?: Uint8Array;
}

const nullIfNaN = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** Row k of a column batch as an IncomingReport. */
export function incomingAt(c: IncomingColumns, k: number): IncomingReport {
  return {
    sourceId: c.sourceId[k],
    category: c.category[k],
    categoryCode: c.categoryCode[k],
    status: c.status[k],
    statusCode: c.statusCode[k],
    createdAt: c.createdAt[k],
    eventAt: nullIfNaN(c.eventAt[k]),
    modifiedAt: nullIfNaN(c.modifiedAt[k]),
    lon: c.lon[k],
    lat: c.lat[k],
    x2180: Number.isNaN(c.x2180[k]) ? undefined : c.x2180[k],
    y2180: Number.isNaN(c.y2180[k]) ? undefined : c.y2180[k],
    teryt: c.teryt[k],
    description: c.description[k],
    unit: c.unit[k],
    beat: c.beat[k],
    officer: c.officer[k],
    outsideTerritory: c.outsideTerritory ? c.outsideTerritory[k] : 0,
  };
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportRecord {
  fileName: string;
  fileHash: string | null;
  sourceKind: string;
  provenance: string | null;
  /** Where the reports come from (src/core/provenance.ts); default 'demo' for the demo writer, else 'other'. */
  provenanceKind?: ProvenanceKind;
  mapping: unknown;
}

export function createImport(db: Db, rec: ImportRecord): number {
  const kind: ProvenanceKind = rec.provenanceKind ?? (rec.sourceKind === 'demo' ? 'demo' : 'other');
  const info = db
    .prepare(
      `INSERT INTO imports(file_name, file_hash, source_kind, provenance, provenance_kind, imported_at, mapping_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(rec.fileName, rec.fileHash, rec.sourceKind, rec.provenance, kind, Date.now(), rec.mapping == null ? null : JSON.stringify(rec.mapping));
  return Number(info.lastInsertRowid);
}

export function finishImport(db: Db, importId: number, counts: UpsertCounts & { rejected: number }): void {
  db.prepare(`UPDATE imports SET inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?`).run(
    counts.inserted,
    counts.updated,
    counts.unchanged,
    counts.rejected,
    importId,
  );
}

/**
 * Upsert by source id. A new id is inserted with its history; a known id whose content changed
 * is updated and a status change is appended to the history; an identical one is left alone.
 * The caller wraps a whole import in one transaction.
 */
export interface UpserterOptions {
  /**
   * The workspace held no reports when the import started: ids not seen earlier in this import
   * cannot exist, so the lookup is skipped (first imports run at insert speed).
   */
  emptyAtStart?: boolean;
  /** District of a position (spatial index); when absent, IncomingReport.districtId is used. */
  districtOf?: (lon: number, lat: number) => number | null;
  /**
   * Record the current status of new reports in one statement at the end (call finishHistory)
   * instead of one insert per row. Explicit `history` of incoming reports is then not used.
   */
  deferHistory?: boolean;
}

/**
 * When a report was verified: the first confirmed/rejected status of its known history, else (already
 * verified in a one-off export) the source's modification time, else null while it is still open.
 */
function verifiedAtOf(r: IncomingReport, code: number): number | null {
  if (r.history && r.history.length > 0) {
    for (const h of r.history) if (isVerifiedStatusCode(statusCode(h.status))) return h.changedAt;
    return null;
  }
  return verifiedAtOnFirstSight(code, r.modifiedAt, r.createdAt);
}

/** The columns an update by an import writes, in the order of its parameters. */
const UPDATED_COLUMNS = [
  'category', 'category_code', 'status', 'status_code', 'created_at', 'event_at', 'modified_at', 'hour', 'weekday', 'lon', 'lat', 'x2180', 'y2180',
  'teryt', 'description', 'unit', 'beat', 'officer', 'district_id', 'import_id', 'verified_at', 'outside_territory',
] as const;

export function createReportUpserter(
  db: Db,
  importId: number,
  options: UpserterOptions = {},
): {
  upsert(r: IncomingReport): 'inserted' | 'updated' | 'unchanged';
  /** Upsert a column batch; new reports of a first load go straight to the multi-row insert. */
  upsertColumns(c: IncomingColumns): void;
  counts: UpsertCounts;
  finishHistory(): void;
  flush(): void;
} {
  // Source ids this first load has written (a repeated id in the file must find its row): compact fingerprints.
  const seen = options.emptyAtStart ? new FingerprintSet() : null;
  const districtOf = options.districtOf;
  const deferHistory = options.deferHistory === true;
  const find = db.prepare(
    `SELECT id, category, status, created_at, event_at, modified_at, lon, lat, teryt, description, unit, beat, officer, verified_at, first_import_id FROM reports WHERE source_id = ?`,
  );
  const insert = db.prepare(`INSERT INTO reports(source_id, category, category_code, status, status_code, created_at, event_at, modified_at,
      hour, weekday, lon, lat, x2180, y2180, teryt, description, unit, beat, officer, district_id, import_id, first_import_id, verified_at, outside_territory)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = db.prepare(`UPDATE reports SET ${UPDATED_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const history = db.prepare(`INSERT INTO report_status_history(report_id, status, changed_at, import_id) VALUES (?, ?, ?, ?)`);
  // For undo: the columns this import changed, with their values before it (only rows that existed before the
  // import and actually change; a first load never gets here). A row the same file updates twice gets the
  // columns of the second update added (their values then are still the ones from before the import).
  const oldValues = db.prepare(`SELECT ${UPDATED_COLUMNS.join(', ')} FROM reports WHERE id = ?`).raw(true);
  const recordChange = db.prepare(`INSERT OR REPLACE INTO import_changes(import_id, report_id, before_json) VALUES (?, ?, ?)`);
  const recordedBefore = db.prepare(`SELECT before_json FROM import_changes WHERE import_id = ? AND report_id = ?`).pluck(true);
  const recorded = new Set<number>();
  function recordBefore(id: number, values: readonly unknown[]): void {
    const old = oldValues.get(id) as unknown[];
    const again = recorded.has(id);
    const before: Record<string, unknown> = again ? JSON.parse(recordedBefore.get(importId, id) as string) : {};
    let changed = false;
    for (let k = 0; k < UPDATED_COLUMNS.length; k++) {
      const c = UPDATED_COLUMNS[k];
      if (old[k] !== values[k] && !(c in before)) {
        before[c] = old[k];
        changed = true;
      }
    }
    // JSON.stringify writes doubles that read back exactly (coordinates restored bit for bit)
    if (!again || changed) recordChange.run(importId, id, JSON.stringify(before));
    recorded.add(id);
  }
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  // With deferred history new rows need no id back, so they are written BATCH rows per statement
  // (half the cost of one statement per row). Ids still in the buffer are flushed before a lookup.
  const BATCH = 32;
  const COLS = 24;
  const ROW = '(' + Array(COLS).fill('?').join(',') + ')';
  const insertMany = deferHistory ? db.prepare(`INSERT INTO reports(source_id, category, category_code, status, status_code, created_at, event_at, modified_at,
      hour, weekday, lon, lat, x2180, y2180, teryt, description, unit, beat, officer, district_id, import_id, first_import_id, verified_at, outside_territory)
      VALUES ${Array(BATCH).fill(ROW).join(',')}`) : null;
  // Parameters of the next multi-row INSERT, filled in place (no reallocation per batch).
  const buffer: unknown[] = new Array(COLS * BATCH).fill(null);
  let fill = 0;
  const buffered = new Set<string>();
  function flush(): void {
    if (fill === 0) return;
    if (fill === COLS * BATCH) insertMany!.run(buffer);
    else for (let k = 0; k < fill; k += COLS) insert.run(buffer.slice(k, k + COLS));
    fill = 0;
    buffered.clear();
  }
  function bufferRow(...values: unknown[]): void {
    for (let i = 0; i < COLS; i++) buffer[fill++] = values[i];
    if (fill === COLS * BATCH) flush();
  }

  type Row = {
    id: number; category: string; status: string; created_at: number; event_at: number | null; modified_at: number | null;
    lon: number; lat: number; teryt: string | null; description: string | null; unit: string | null; beat: string | null; officer: string | null;
    verified_at: number | null; first_import_id: number;
  };
  // Reports of this import whose deferred first history entry was written early (the file repeats their id).
  const historyStarted = new Set<number>();

  function upsert(r: IncomingReport): 'inserted' | 'updated' | 'unchanged' {
    let existing: Row | undefined;
    if (buffered.has(r.sourceId)) flush();
    if (seen) {
      if (seen.has(r.sourceId)) existing = find.get(r.sourceId) as Row | undefined;
      else seen.add(r.sourceId);
    } else {
      existing = find.get(r.sourceId) as Row | undefined;
    }
    const [hour, weekday] = warsawHourWeekday(r.createdAt);
    const [x, y] = r.x2180 !== undefined && r.y2180 !== undefined ? [r.x2180, r.y2180] : toPuwg92(r.lon, r.lat);
    const districtId = districtOf ? districtOf(r.lon, r.lat) : (r.districtId ?? null);
    const unit = r.unit ?? null;
    const beat = r.beat ?? null;
    const officer = r.officer ?? null;
    const sCode = r.statusCode ?? statusCode(r.status);
    const outside = r.outsideTerritory ? 1 : 0;
    if (!existing && insertMany) {
      buffered.add(r.sourceId);
      bufferRow(r.sourceId, r.category, r.categoryCode ?? categoryCode(r.category), r.status, sCode, r.createdAt, r.eventAt, r.modifiedAt,
        hour, weekday, r.lon, r.lat, x, y, r.teryt, r.description, unit, beat, officer, districtId, importId, importId, verifiedAtOf(r, sCode), outside);
      counts.inserted++;
      return 'inserted';
    }
    if (!existing) {
      const info = insert.run(r.sourceId, r.category, r.categoryCode ?? categoryCode(r.category), r.status, sCode, r.createdAt, r.eventAt, r.modifiedAt,
        hour, weekday, r.lon, r.lat, x, y, r.teryt, r.description, unit, beat, officer, districtId, importId, importId, verifiedAtOf(r, sCode), outside);
      const id = Number(info.lastInsertRowid);
      // Without a known history the current status is recorded for all new reports at once by
      // finishInsertedHistory (one statement instead of one per row).
      if (!deferHistory) {
        const hist = r.history && r.history.length > 0 ? r.history : [{ status: r.status, changedAt: r.modifiedAt ?? r.createdAt }];
        for (const h of hist) history.run(id, h.status, h.changedAt, importId);
      }
      counts.inserted++;
      return 'inserted';
    }
    const same =
      existing.category === r.category && existing.status === r.status && existing.created_at === r.createdAt &&
      existing.event_at === r.eventAt && existing.modified_at === r.modifiedAt && Math.abs(existing.lon - r.lon) < 1e-9 &&
      Math.abs(existing.lat - r.lat) < 1e-9 && existing.teryt === r.teryt && existing.description === r.description &&
      existing.unit === unit && existing.beat === beat && existing.officer === officer;
    if (same) {
      counts.unchanged++;
      return 'unchanged';
    }
    // An older export must not overwrite newer data.
    if (existing.modified_at != null && r.modifiedAt != null && r.modifiedAt < existing.modified_at) {
      counts.unchanged++;
      return 'unchanged';
    }
    const verifiedAt = existing.verified_at ?? (isVerifiedStatusCode(sCode) ? (r.modifiedAt ?? Date.now()) : null);
    // in the order of UPDATED_COLUMNS
    const values = [r.category, r.categoryCode ?? categoryCode(r.category), r.status, sCode, r.createdAt, r.eventAt, r.modifiedAt, hour, weekday,
      r.lon, r.lat, x, y, r.teryt, r.description, unit, beat, officer, districtId, importId, verifiedAt, outside];
    if (existing.first_import_id !== importId) recordBefore(existing.id, values);
    update.run(...values, existing.id);
    if (existing.status !== r.status) {
      // Inserted earlier in this same file with its first status still deferred: record that status first.
      if (deferHistory && existing.first_import_id === importId && !historyStarted.has(existing.id)) {
        history.run(existing.id, existing.status, existing.modified_at ?? existing.created_at, importId);
        historyStarted.add(existing.id);
      }
      history.run(existing.id, r.status, r.modifiedAt ?? Date.now(), importId);
    }
    counts.updated++;
    return 'updated';
  }
  function upsertColumns(c: IncomingColumns): void {
    const outsideCol = c.outsideTerritory;
    for (let k = 0; k < c.n; k++) {
      const sourceId = c.sourceId[k];
      if (seen === null || insertMany === null || seen.has(sourceId) || Number.isNaN(c.x2180[k])) {
        if (seen?.has(sourceId)) flush(); // a repeated id must find its earlier row in the table
        upsert(incomingAt(c, k));
        continue;
      }
      // First load, id not seen before: nothing to look up or compare.
      seen.add(sourceId);
      const lon = c.lon[k];
      const lat = c.lat[k];
      const b = buffer;
      let f = fill;
      b[f++] = sourceId; b[f++] = c.category[k]; b[f++] = c.categoryCode[k]; b[f++] = c.status[k]; b[f++] = c.statusCode[k];
      b[f++] = c.createdAt[k]; b[f++] = nullIfNaN(c.eventAt[k]); b[f++] = nullIfNaN(c.modifiedAt[k]); b[f++] = c.hour[k]; b[f++] = c.weekday[k];
      b[f++] = lon; b[f++] = lat; b[f++] = c.x2180[k]; b[f++] = c.y2180[k]; b[f++] = c.teryt[k]; b[f++] = c.description[k];
      b[f++] = c.unit[k]; b[f++] = c.beat[k]; b[f++] = c.officer[k]; b[f++] = districtOf ? districtOf(lon, lat) : null;
      b[f++] = importId; b[f++] = importId; b[f++] = nullIfNaN(c.verifiedAt[k]); b[f++] = outsideCol ? outsideCol[k] : 0;
      fill = f;
      if (fill === COLS * BATCH) flush();
      counts.inserted++;
    }
  }
  /** The current status of every report this import inserted without a history, as its first history entry. */
  function finishHistory(): void {
    flush();
    if (!deferHistory) return;
    db.prepare(
      `INSERT INTO report_status_history(report_id, status, changed_at, import_id)
       SELECT id, status, COALESCE(modified_at, created_at), ? FROM reports WHERE first_import_id = ?
       ${historyStarted.size > 0 ? 'AND id NOT IN (SELECT report_id FROM report_status_history WHERE import_id = ?)' : ''} ORDER BY id`,
    ).run(...(historyStarted.size > 0 ? [importId, importId, importId] : [importId, importId]));
  }
  return { upsert, upsertColumns, counts, finishHistory, flush };
}

/**
 * The beat part of a report filter: beat ids, 0 = outside all beats (district_id NULL, as on the map); plain IN
 * keeps the district index usable. Null when the filter does not restrict beats (absent or empty list).
 */
export function beatClause(districtIds: number[] | undefined): { sql: string; params: number[] } | null {
  if (!districtIds || districtIds.length === 0) return null;
  const ids = districtIds.filter((d) => d > 0);
  const parts = [...(ids.length ? [`district_id IN (${ids.map(() => '?').join(',')})`] : []), ...(districtIds.includes(0) ? ['district_id IS NULL'] : [])];
  return { sql: parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`, params: ids };
}

/** SQL WHERE clause and parameters for a report filter (column names of the reports table). */
export function filterToSql(filter: ReportFilter | undefined): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (!filter) return { where: '', params };
  if (filter.from != null) { clauses.push('created_at >= ?'); params.push(filter.from); }
  if (filter.to != null) { clauses.push('created_at < ?'); params.push(filter.to); }
  const inList = (col: string, values: (string | number)[] | undefined) => {
    if (!values || values.length === 0) return;
    clauses.push(`${col} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  inList('category', filter.categories);
  inList('status', filter.statuses);
  const beats = beatClause(filter.districtIds);
  if (beats) { clauses.push(beats.sql); params.push(...beats.params); }
  inList('hour', filter.hours);
  inList('weekday', filter.weekdays);
  if (filter.territory) clauses.push(`outside_territory = ${filter.territory === 'outside' ? 1 : 0}`);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** All (filtered) reports as binary columns for the map. */
export function readReportColumns(db: Db, filter?: ReportFilter): Uint8Array<ArrayBuffer> {
  const { where, params } = filterToSql(filter);
  const count = (db.prepare(`SELECT count(*) AS n FROM reports ${where}`).get(...params) as { n: number }).n;
  const { columns, bytes } = allocateReportColumns(count);
  const stmt = db.prepare(`SELECT id, lon, lat, created_at, category_code, status_code, hour, weekday, district_id, outside_territory FROM reports ${where} ORDER BY id`).raw(true);
  let i = 0;
  for (const row of stmt.iterate(...params) as IterableIterator<unknown[]>) {
    if (i >= count) break;
    columns.id[i] = row[0] as number;
    columns.position[2 * i] = row[1] as number;
    columns.position[2 * i + 1] = row[2] as number;
    columns.time[i] = Math.floor((row[3] as number) / 1000);
    columns.category[i] = row[4] as number;
    columns.status[i] = row[5] as number;
    columns.hour[i] = row[6] as number;
    columns.weekday[i] = row[7] as number;
    columns.district[i] = (row[8] as number | null) ?? 0;
    columns.flags[i] = row[9] ? 1 : 0;
    i++;
  }
  return bytes;
}

export function reportStats(db: Db): { count: number; first: number | null; last: number | null } {
  const row = db.prepare('SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM reports').get() as {
    n: number; first: number | null; last: number | null;
  };
  return { count: row.n, first: row.first, last: row.last };
}

/** Secondary indexes that a bulk load into an empty workspace builds once at the end instead of row by row. */
const BULK_INDEXES: Record<string, string> = {
  reports_created: 'CREATE INDEX reports_created ON reports(created_at)',
  reports_district: 'CREATE INDEX reports_district ON reports(district_id, created_at)',
  reports_category: 'CREATE INDEX reports_category ON reports(category_code, created_at)',
  status_history_report: 'CREATE INDEX status_history_report ON report_status_history(report_id, changed_at)',
};

/** Inside the import transaction: drop the secondary indexes (restored by rebuildBulkIndexes or a rollback). */
export function dropBulkIndexes(db: Db): void {
  for (const name of Object.keys(BULK_INDEXES)) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

export function rebuildBulkIndexes(db: Db): void {
  for (const [name, sql] of Object.entries(BULK_INDEXES)) {
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name);
    if (!exists) db.exec(sql);
  }
}

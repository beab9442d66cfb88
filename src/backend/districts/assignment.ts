import { assign, buildDistrictIndex, locate, type DistrictIndex } from '../../core/districts';
import { listDistrictRows } from '../store/districts';
import type { Db } from '../store/workspace';

/** Spatial index over the workspace's current districts. */
export function districtIndexOf(db: Db): DistrictIndex | null {
  const rows = listDistrictRows(db);
  if (rows.length === 0) return null;
  return buildDistrictIndex(rows.map((r) => ({ id: r.id, geometry: r.geometry })));
}

/** A lon/lat -> district id function for importers (null outside all districts or with none defined). */
export function districtLookup(db: Db): (lon: number, lat: number) => number | null {
  const index = districtIndexOf(db);
  if (!index) return () => null;
  return (lon, lat) => {
    const id = locate(index, lon, lat);
    return id < 0 ? null : id;
  };
}

/** Above this many row updates, the indexes on reports.district_id are dropped and rebuilt (much faster). */
export const BULK_UPDATE_THRESHOLD = 50_000;

/**
 * Run `fn` with the indexes of `reports` that involve district_id dropped, and rebuild them afterwards from their
 * stored definitions. For bulk updates of district_id: maintaining a 1M-entry index row by row costs ~10 s, a
 * rebuild ~1 s. Runs inside the caller's transaction (DDL is transactional in SQLite, a rollback restores them).
 * Keep foreign-key parent deletions (DELETE FROM districts) out of `fn`: without the index each one scans reports.
 */
export function withoutDistrictIndexes<T>(db: Db, fn: () => T): T {
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reports' AND sql IS NOT NULL AND sql LIKE '%district_id%'`)
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
  const result = fn();
  for (const ix of indexes) db.exec(ix.sql);
  return result;
}

/**
 * Re-assign reports to districts through the index (not pair by pair). With a bbox only the reports
 * inside it are touched (after a beat changed). Runs inside the caller's transaction.
 * Returns how many reports changed district and how many are outside all districts.
 * More than BULK_UPDATE_THRESHOLD changes are written with the district_id indexes dropped and rebuilt.
 */
export function reassignReports(db: Db, bbox?: [number, number, number, number] | null): { changed: number; assigned: number; outside: number } {
  const index = districtIndexOf(db);
  const where = bbox ? 'WHERE lon >= ? AND lon <= ? AND lat >= ? AND lat <= ?' : '';
  const params = bbox ? [bbox[0], bbox[2], bbox[1], bbox[3]] : [];
  const n = (db.prepare(`SELECT count(*) AS n FROM reports ${where}`).get(...params) as { n: number }).n;
  const ids = new Int32Array(n);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const current = new Int32Array(n);
  let i = 0;
  for (const r of db.prepare(`SELECT id, lon, lat, district_id FROM reports ${where}`).raw(true).iterate(...params) as IterableIterator<[number, number, number, number | null]>) {
    if (i >= n) break;
    ids[i] = r[0];
    lon[i] = r[1];
    lat[i] = r[2];
    current[i] = r[3] ?? -1;
    i++;
  }
  const next = index ? assign(index, lon, lat) : new Int32Array(n).fill(-1);
  let changed = 0;
  let outside = 0;
  for (let k = 0; k < n; k++) {
    if (next[k] < 0) outside++;
    if (next[k] !== current[k]) changed++;
  }
  const write = () => {
    const upd = db.prepare('UPDATE reports SET district_id = ? WHERE id = ?');
    for (let k = 0; k < n; k++) if (next[k] !== current[k]) upd.run(next[k] < 0 ? null : next[k], ids[k]);
  };
  if (changed > BULK_UPDATE_THRESHOLD) withoutDistrictIndexes(db, write);
  else if (changed > 0) write();
  return { changed, assigned: n - outside, outside };
}

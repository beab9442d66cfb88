/**
 * Undo one import (issue 12, point 6).
 *
 * What an import did is in the workspace: the reports it inserted carry `first_import_id`, the rows it updated
 * were recorded as they were before (import_changes, written by the upserter only for rows that actually
 * changed), the status history entries and quarantine rows it added carry its id. Undo:
 *   1. refuses when the import was undone already, when its updates were not recorded (imports made before
 *      this version), or when a LATER import (not undone) changed any of the same reports: the later imports
 *      are named and must be undone first, newest first (undoing in that order is always exact);
 *   2. writes a backup copy of the workspace (store/backup.ts);
 *   3. in ONE transaction: restores the updated rows (the columns the import changed, as recorded; the beat is
 *      looked up again for the restored position with the CURRENT beats, so beats replaced since then stay
 *      consistent; columns it did not change keep their current values, e.g. territory flags), removes the
 *      history entries the import added, removes the reports it inserted, drops its quarantine rows and its
 *      change records, and marks the imports row undone (`undone_at`). The row stays, so the history shows
 *      what was imported and when it was undone, and report numbers / file hashes of undone imports are
 *      recognisable; re-importing the same file afterwards is a normal import again.
 */
import { msg } from '../../core/message';
import { isProvenanceKind, type ProvenanceKind } from '../../core/provenance';
import { formatWarsaw } from '../../core/domain/time';
import { RejonError } from '../../shared/contract';
import type { ImportRecordOut, UndoPreview, UndoResult } from '../../shared/contract/provenance';
import { districtLookup } from '../districts/assignment';
import { backupDir, BackupError, writeBackup } from '../store/backup';
import { getMeta, type Db } from '../store/workspace';

interface ImportRow {
  id: number;
  file_name: string;
  source_kind: string;
  provenance: string | null;
  provenance_kind: string;
  imported_at: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  undone_at: number | null;
}

const COLUMNS = 'id, file_name, source_kind, provenance, provenance_kind, imported_at, inserted, updated, unchanged, rejected, undone_at';

/** First import whose changes were recorded (set by the first import made with undo support). */
function trackedFrom(db: Db): number {
  const v = getMeta(db, 'undo.tracked-from');
  return v == null ? Number.POSITIVE_INFINITY : Number(v);
}

function kindOf(v: string): ProvenanceKind {
  return isProvenanceKind(v) ? v : 'other';
}

/** Its updates can be rolled back: it made none, or it recorded them. */
function tracked(r: ImportRow, from: number): boolean {
  return r.updated === 0 || r.id >= from;
}

export function listImports(db: Db): ImportRecordOut[] {
  const from = trackedFrom(db);
  return (db.prepare(`SELECT ${COLUMNS} FROM imports ORDER BY id DESC`).all() as ImportRow[]).map((r) => ({
    id: r.id,
    fileName: r.file_name,
    sourceKind: r.source_kind,
    provenanceKind: kindOf(r.provenance_kind),
    provenance: r.provenance,
    importedAt: r.imported_at,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    undoneAt: r.undone_at,
    undoable: r.undone_at == null && r.provenance_kind !== 'demo' && tracked(r, from),
  }));
}

function importRow(db: Db, id: number): ImportRow {
  const r = db.prepare(`SELECT ${COLUMNS} FROM imports WHERE id = ?`).get(id) as ImportRow | undefined;
  if (!r) throw new RejonError('not-found', `There is no import ${id}.`, undefined, msg('provenance.undo.notFound', { id }));
  return r;
}

/** Later imports, not undone, that changed reports this import inserted or updated (oldest first). */
function laterImports(db: Db, id: number): { id: number; fileName: string; importedAt: number }[] {
  const rows = db
    .prepare(
      `WITH mine(report_id) AS (
         SELECT id FROM reports WHERE first_import_id = :id
         UNION SELECT report_id FROM import_changes WHERE import_id = :id),
       later(import_id) AS (
         SELECT import_id FROM reports WHERE import_id <> :id AND id IN (SELECT report_id FROM mine)
         UNION SELECT c.import_id FROM import_changes c WHERE c.import_id > :id AND c.report_id IN (SELECT report_id FROM mine))
       SELECT i.id, i.file_name, i.imported_at FROM imports i
       WHERE i.id IN (SELECT import_id FROM later) AND i.id > :id AND i.undone_at IS NULL ORDER BY i.id`,
    )
    .all({ id }) as { id: number; file_name: string; imported_at: number }[];
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, importedAt: r.imported_at }));
}

function counts(db: Db, id: number): { remove: number; restore: number; history: number; quarantine: number } {
  const one = (sql: string) => (db.prepare(sql).get(id) as { n: number }).n;
  return {
    remove: one('SELECT count(*) AS n FROM reports WHERE first_import_id = ?'),
    restore: one('SELECT count(*) AS n FROM import_changes WHERE import_id = ?'),
    history: one('SELECT count(*) AS n FROM report_status_history WHERE import_id = ?'),
    quarantine: one('SELECT count(*) AS n FROM quarantine WHERE import_id = ?'),
  };
}

export function previewUndo(db: Db, id: number, workspaceFile: string = db.name): UndoPreview {
  const r = importRow(db, id);
  const base = {
    importId: r.id,
    fileName: r.file_name,
    importedAt: r.imported_at,
    provenanceKind: kindOf(r.provenance_kind),
    ...counts(db, id),
    backupDir: backupDir(workspaceFile),
  };
  if (r.undone_at != null) {
    return { ...base, possible: false, blockedBy: [], reason: msg('provenance.undo.already', { id, file: r.file_name, date: formatWarsaw(r.undone_at) }) as UndoPreview['reason'] };
  }
  if (!tracked(r, trackedFrom(db))) {
    return { ...base, possible: false, blockedBy: [], reason: msg('provenance.undo.untracked', { id, file: r.file_name, updated: r.updated }) as UndoPreview['reason'] };
  }
  const later = laterImports(db, id);
  if (later.length > 0) {
    return { ...base, possible: false, blockedBy: later, reason: laterMsg(id, r.file_name, later) };
  }
  return { ...base, possible: true, blockedBy: [], reason: null };
}

function laterMsg(id: number, file: string, later: { id: number; fileName: string; importedAt: number }[]): UndoPreview['reason'] {
  // the list is one language-neutral parameter, newest first: #7 (file.csv, 2026-01-02 10:00), #5 (…)
  const items = [...later].reverse().map((l) => `#${l.id} (${l.fileName}, ${formatWarsaw(l.importedAt)})`);
  return msg('provenance.undo.later', { id, file, count: later.length, later: items.join(', ') }) as UndoPreview['reason'];
}

/** Undo an import: backup first, then one transaction. Throws RejonError('bad-request', …, Msg) when refused. */
export function undoImport(db: Db, id: number, workspaceFile: string = db.name): UndoResult {
  const started = performance.now();
  const preview = previewUndo(db, id, workspaceFile);
  if (!preview.possible) {
    throw new RejonError('bad-request', `Import ${id} cannot be undone (${preview.reason?.code}).`, undefined, preview.reason ?? undefined);
  }
  let backupPath: string;
  try {
    backupPath = writeBackup(db, 'before-undo', workspaceFile);
  } catch (e) {
    if (e instanceof BackupError) throw new RejonError('internal', e.message, undefined, msg('provenance.undo.backupFailed', { detail: e.message }));
    throw e;
  }
  const undoneAt = Date.now();
  const result = db.transaction(() => {
    // 1. rows it updated get back the columns it changed (the beat looked up again with the current beats)
    const columns = new Set((db.prepare('PRAGMA table_info(reports)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id'));
    const updates = new Map<string, ReturnType<Db['prepare']>>();
    const districtOf = districtLookup(db);
    const position = db.prepare('SELECT lon, lat FROM reports WHERE id = ?');
    let restored = 0;
    // in pages (an iterator cannot stay open while the same connection writes; pages keep memory bounded)
    const page = db.prepare('SELECT report_id, before_json FROM import_changes WHERE import_id = ? AND report_id > ? ORDER BY report_id LIMIT 2000');
    for (let after = -1; ; ) {
      const rows = page.all(id, after) as { report_id: number; before_json: string }[];
      if (rows.length === 0) break;
      for (const c of rows) {
        const before = JSON.parse(c.before_json) as Record<string, unknown>;
        const cols = Object.keys(before).filter((k) => columns.has(k) && k !== 'district_id');
        const values = cols.map((k) => before[k]);
        if ('lon' in before || 'lat' in before || 'district_id' in before) {
          const now = position.get(c.report_id) as { lon: number; lat: number };
          cols.push('district_id');
          values.push(districtOf((before.lon ?? now.lon) as number, (before.lat ?? now.lat) as number));
        }
        if (cols.length === 0) continue;
        const key = cols.join(',');
        let stmt = updates.get(key);
        if (!stmt) updates.set(key, (stmt = db.prepare(`UPDATE reports SET ${cols.map((k) => `"${k}" = ?`).join(', ')} WHERE id = ?`)));
        restored += stmt.run([...values, c.report_id]).changes;
      }
      after = rows[rows.length - 1].report_id;
    }
    // 2. its status history entries, 3. the reports it inserted (their history goes with them)
    const history = db.prepare('DELETE FROM report_status_history WHERE import_id = ?').run(id).changes;
    const removed = db.prepare('DELETE FROM reports WHERE first_import_id = ?').run(id).changes;
    // 4. its quarantine rows and change records; the imports row is kept, marked undone
    const quarantine = db.prepare('DELETE FROM quarantine WHERE import_id = ?').run(id).changes;
    db.prepare('DELETE FROM import_changes WHERE import_id = ?').run(id);
    db.prepare('UPDATE imports SET undone_at = ? WHERE id = ?').run(undoneAt, id);
    return { removed, restored, history, quarantine };
  })();
  return { importId: id, fileName: preview.fileName, ...result, backupPath, undoneAt, durationMs: performance.now() - started };
}

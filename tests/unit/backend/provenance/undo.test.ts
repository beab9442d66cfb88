/**
 * Undo of one import against a real SQLite workspace and the real importer: inserted reports removed, updated
 * ones restored to their exact earlier row, status history and quarantine rows of the import removed, the
 * imports row kept as undone; a backup copy written first; a later import that changed the same reports blocks
 * the undo of an earlier one and is named; imports made before change tracking are refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/backend/import/importFile';
import { listImports, previewUndo, undoImport } from '../../../../src/backend/import/undo';
import { listBackups } from '../../../../src/backend/store/backup';
import { openWorkspace, type Db } from '../../../../src/backend/store/workspace';
import { RejonError } from '../../../../src/shared/contract';
import { translate } from '../../../../src/shared/i18n';
import { createWorkspace, gridBeats, makeReports } from '../../../helpers/districtWorkspace';
import { writeKmzbCsv, type CsvRow } from '../../../helpers/kmzbCsv';
import { tmpDir } from '../../../helpers/tmp';

let cleanup = () => {};
afterEach(() => cleanup());

/** Every row of the tables an import writes, in a stable order (report rows with every column). */
function dump(db: Db): string {
  const all = (sql: string) => db.prepare(sql).all();
  return JSON.stringify({
    reports: all('SELECT * FROM reports ORDER BY id'),
    history: all('SELECT report_id, status, changed_at, import_id FROM report_status_history ORDER BY report_id, changed_at, status, import_id'),
    quarantine: all('SELECT import_id, file_name, row_number, field, reason, raw_json FROM quarantine ORDER BY id'),
    changes: all('SELECT import_id, report_id FROM import_changes ORDER BY import_id, report_id'),
  });
}

function setup() {
  const t = tmpDir('rejon-undo-');
  cleanup = t.cleanup;
  const ws = path.join(t.dir, 'w.sqlite');
  // a workspace with 12 beats and 300 reports with histories (import 1), written through the store
  createWorkspace(ws, makeReports({ n: 300, seed: 3 }), gridBeats()).close();
  return { dir: t.dir, ws };
}

const row = (id: string, status: string, day: number, lon = 19.66, lat = 51.38): CsvRow => ({
  id, category: 'Akty wandalizmu', status, created: `${String(day).padStart(2, '0')}.03.2025 10:15:00`, modified: `${String(day + 1).padStart(2, '0')}.03.2025 08:00:00`,
  lon, lat, teryt: '1062011', description: `opis ${id}`,
});

describe('undo an import', () => {
  it('restores the workspace exactly, in order, and refuses an earlier import while a later one changed its reports', async () => {
    const { dir, ws } = setup();
    const base = openWorkspace(ws);
    const existing = base.prepare(`SELECT source_id, lon, lat FROM reports WHERE status <> 'Weryfikacja' ORDER BY id LIMIT 5`).all() as { source_id: string; lon: number; lat: number }[];
    const beforeA = dump(base);
    base.close();

    // import A (police export): 30 new reports, 2 bad rows
    const a = path.join(dir, 'a.csv');
    const aRows: CsvRow[] = Array.from({ length: 30 }, (_, i) => row(`A${i}`, 'Nowe', 1 + (i % 20), 19.63 + i * 0.004, 51.37 + (i % 7) * 0.009));
    aRows.push({ ...row('A-bad-date', 'Nowe', 5), created: '31.02.2025 10:00' }, { ...row('A-bad-status', 'Cokolwiek', 5) });
    writeKmzbCsv(a, aRows);
    const sa = await importFile(ws, { path: a, provenanceKind: 'kmzb-police', provenance: 'KPP test, marzec' });
    expect(sa).toMatchObject({ inserted: 30, updated: 0, rejected: 2, provenanceKind: 'kmzb-police', provenance: 'KPP test, marzec' });

    let db = openWorkspace(ws);
    const afterA = dump(db);
    // import B (public map): 10 of A's reports change status, 3 of the earlier reports change, 4 new ones, 1 bad row
    const b = path.join(dir, 'b.csv');
    const bRows: CsvRow[] = [
      ...aRows.slice(0, 10).map((r) => ({ ...r, status: 'Potwierdzone', modified: '25.03.2025 09:00:00' })),
      // (modified after anything in the workspace: an older export never overwrites newer data)
      ...existing.slice(0, 3).map((e, k) => ({ ...row(e.source_id, 'Żart lub pomyłka', 10 + k, e.lon, e.lat), category: 'Żebractwo', modified: '01.06.2026 08:00:00' })),
      // one earlier report twice in the file: first its status changes, then (newer row) its category and description
      { ...row(existing[3].source_id, 'Weryfikacja', 12, existing[3].lon, existing[3].lat), modified: '01.06.2026 08:00:00' },
      { ...row(existing[3].source_id, 'Weryfikacja', 12, existing[3].lon, existing[3].lat), category: 'Wypalanie traw', description: 'inny opis', modified: '02.06.2026 08:00:00' },
      ...Array.from({ length: 4 }, (_, i) => row(`B${i}`, 'Weryfikacja', 3 + i)),
      { ...row('B-bad', 'Nowe', 4), lon: 30.5, lat: 50.45 },
    ];
    writeKmzbCsv(b, bRows);
    db.close();
    const sb = await importFile(ws, { path: b, provenanceKind: 'kmzb-public' });
    expect(sb).toMatchObject({ inserted: 4, updated: 15, rejected: 1, provenanceKind: 'kmzb-public' });

    db = openWorkspace(ws);
    try {
      // only the rows that changed were recorded, once each, with only the columns the import changed
      expect((db.prepare('SELECT count(*) AS n FROM import_changes WHERE import_id = ?').get(sb.importId) as { n: number }).n).toBe(14);
      const twice = JSON.parse((db.prepare('SELECT c.before_json AS j FROM import_changes c JOIN reports r ON r.id = c.report_id WHERE c.import_id = ? AND r.source_id = ?').get(sb.importId, existing[3].source_id) as { j: string }).j);
      expect(Object.keys(twice)).toEqual(expect.arrayContaining(['status', 'status_code', 'modified_at', 'import_id', 'category', 'category_code', 'description']));
      expect(Object.keys(twice)).not.toContain('source_id');
      expect(Object.keys(twice)).not.toContain('first_import_id');
      expect((db.prepare('SELECT count(*) AS n FROM import_changes WHERE import_id = ?').get(sa.importId) as { n: number }).n).toBe(0);

      // A cannot be undone while B changed its reports: B is named
      const pa = previewUndo(db, sa.importId);
      expect(pa.possible).toBe(false);
      expect(pa.blockedBy.map((x) => x.id)).toEqual([sb.importId]);
      expect(translate('pl', pa.reason!)).toContain(`#${sb.importId} (b.csv`);
      expect(() => undoImport(db, sa.importId)).toThrow(RejonError);
      expect(listBackups(ws)).toEqual([]); // refused before any backup

      // B: what the confirmation says, then the undo
      const pb = previewUndo(db, sb.importId);
      expect(pb).toMatchObject({ possible: true, remove: 4, restore: 14, quarantine: 1, blockedBy: [] });
      expect(pb.history).toBeGreaterThanOrEqual(14 + 4);
      const reportsAfterB = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
      const ub = undoImport(db, sb.importId);
      expect(ub).toMatchObject({ removed: 4, restored: 14, quarantine: 1, history: pb.history });
      expect(dump(db)).toBe(afterA);
      // the backup copy exists, opens as a workspace and holds the state before the undo
      expect(fs.existsSync(ub.backupPath)).toBe(true);
      expect(path.dirname(ub.backupPath)).toBe(path.join(dir, 'backups'));
      const copy = openWorkspace(ub.backupPath, { readonly: true });
      expect((copy.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n).toBe(reportsAfterB);
      copy.close();

      // now A can go, and the workspace is exactly as before it
      const ua = undoImport(db, sa.importId);
      expect(ua).toMatchObject({ removed: 30, restored: 0, quarantine: 2 });
      expect(dump(db)).toBe(beforeA);
      expect(listBackups(ws)).toHaveLength(2);

      // the imports rows stay, marked undone; a second undo is refused with the date
      const list = listImports(db);
      expect(list.filter((i) => i.undoneAt != null).map((i) => i.id).sort()).toEqual([sa.importId, sb.importId]);
      expect(list.every((i) => i.undoneAt == null || !i.undoable)).toBe(true);
      expect(list.find((i) => i.id === sa.importId)).toMatchObject({ provenanceKind: 'kmzb-police', provenance: 'KPP test, marzec' });
      const again = previewUndo(db, sa.importId);
      expect(again.possible).toBe(false);
      expect(again.reason?.code).toBe('provenance.undo.already');
    } finally {
      db.close();
    }
    // the same file again is a normal import (not "same file as" an undone import)
    const sa2 = await importFile(ws, { path: a, provenanceKind: 'kmzb-police' });
    expect(sa2).toMatchObject({ inserted: 30, sameFileAs: null });
  });

  it('refuses an import whose updates were made before changes were recorded', async () => {
    const { dir, ws } = setup();
    const f = path.join(dir, 'x.csv');
    const db0 = openWorkspace(ws);
    const e = db0.prepare('SELECT source_id, lon, lat FROM reports LIMIT 1').get() as { source_id: string; lon: number; lat: number };
    db0.close();
    writeKmzbCsv(f, [{ ...row(e.source_id, 'Potwierdzone', 8, e.lon, e.lat), modified: '01.06.2026 08:00:00' }]);
    const s = await importFile(ws, { path: f });
    expect(s).toMatchObject({ updated: 1, provenanceKind: 'other' });
    const db = openWorkspace(ws);
    try {
      // as if the import had been made by an older Rejon: nothing says its changes were recorded
      db.prepare(`DELETE FROM workspace_meta WHERE key = 'undo.tracked-from'`).run();
      db.prepare('DELETE FROM import_changes').run();
      const p = previewUndo(db, s.importId);
      expect(p.possible).toBe(false);
      expect(p.reason?.code).toBe('provenance.undo.untracked');
      expect(translate('en', p.reason!)).toMatch(/cannot be undone: it changed 1 existing report/);
      // the workspace's first import (inserts only, nothing to restore) is blocked by that later import, named
      expect(previewUndo(db, 1).blockedBy.map((x) => x.id)).toEqual([s.importId]);
      db.prepare('UPDATE reports SET import_id = 1 WHERE import_id = ?').run(s.importId);
      db.prepare('UPDATE imports SET undone_at = 1 WHERE id = ?').run(s.importId);
      expect(previewUndo(db, 1).possible).toBe(true);
    } finally {
      db.close();
    }
  });
});

/**
 * Backup copies: before a schema migration of an existing workspace with data (written through the read-only
 * probe: a failure leaves the workspace byte for byte unchanged), before replacing beats, the last 10 kept.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importDistricts } from '../../../../src/backend/districts/service';
import { KEEP_BACKUPS, listBackups, writeBackup } from '../../../../src/backend/store/backup';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../src/backend/store/migrations';
import { openWorkspace, WorkspaceError } from '../../../../src/backend/store/workspace';
import { createWorkspace, gridBeats, makeReports } from '../../../helpers/districtWorkspace';
import { tmpDir } from '../../../helpers/tmp';

let cleanup = () => {};
afterEach(() => cleanup());

function dir() {
  const t = tmpDir('rejon-backup-');
  cleanup = t.cleanup;
  return t.dir;
}

/** A workspace as Rejon wrote it at schema 4 (before migration 5), with one report unless `empty`. */
function schema4(file: string, empty = false): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(MIGRATIONS.slice(0, 4).join('\n'));
  db.pragma(`application_id = ${0x52454a4e}`);
  db.pragma('user_version = 4');
  if (!empty) {
    db.prepare(`INSERT INTO imports(id, file_name, source_kind, imported_at) VALUES (1, 'old.csv', 'kmzb-csv', 1)`).run();
    db.prepare(`INSERT INTO reports(source_id, category, category_code, status, status_code, created_at, hour, weekday, lon, lat, x2180, y2180, import_id, first_import_id)
      VALUES ('K1', 'Akty wandalizmu', 1, 'Nowe', 1, 1700000000000, 10, 2, 19.7, 51.4, 548800, 393300, 1, 1)`).run();
  }
  db.close();
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('backup copies', () => {
  it('copies an existing workspace with data before migrating it, and only then', () => {
    const d = dir();
    const ws = path.join(d, 'komenda.sqlite');
    schema4(ws);
    const db = openWorkspace(ws);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    const copies = listBackups(ws);
    expect(copies).toHaveLength(1);
    expect(path.basename(copies[0])).toMatch(/^komenda\.sqlite\.\d{8}-\d{6}-\d{3}Z\.before-migration\.sqlite$/);
    const copy = new Database(copies[0], { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(4);
    expect((copy.prepare('SELECT source_id FROM reports').get() as { source_id: string }).source_id).toBe('K1');
    copy.close();
    // already migrated: no second copy
    openWorkspace(ws).close();
    expect(listBackups(ws)).toHaveLength(1);
    // an old workspace without data is migrated without a copy
    const empty = path.join(d, 'pusty.sqlite');
    schema4(empty, true);
    openWorkspace(empty).close();
    expect(listBackups(empty)).toEqual([]);
  });

  it('does not migrate when the copy cannot be written, and leaves the workspace untouched', () => {
    const d = dir();
    const ws = path.join(d, 'w.sqlite');
    schema4(ws);
    fs.writeFileSync(path.join(d, 'backups'), 'a file where the backups folder should be');
    const before = sha(ws);
    let err: unknown;
    try {
      openWorkspace(ws).close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorkspaceError);
    expect((err as WorkspaceError).code).toBe('backup-failed');
    expect((err as Error).message).toMatch(/not migrated and is unchanged/);
    expect(sha(ws)).toBe(before);
    const raw = new Database(ws, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(4);
    raw.close();
  });

  it('keeps the last 10 copies of a workspace', () => {
    const d = dir();
    const ws = path.join(d, 'w.sqlite');
    const db = openWorkspace(ws, { create: true });
    const written: string[] = [];
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) written.push(writeBackup(db, 'before-undo'));
    db.close();
    const kept = listBackups(ws);
    expect(kept).toHaveLength(KEEP_BACKUPS);
    expect(new Set(kept)).toEqual(new Set(written.slice(3)));
    for (const f of written.slice(0, 3)) expect(fs.existsSync(f)).toBe(false);
  });

  it('copies the workspace before replacing its beats (not when beats are added)', async () => {
    const d = dir();
    const ws = path.join(d, 'w.sqlite');
    const db = createWorkspace(ws, makeReports({ n: 50 }), gridBeats(2, 2));
    const file = path.join(d, 'rejony.geojson');
    fs.writeFileSync(file, JSON.stringify(gridBeats(3, 2)));
    try {
      await importDistricts(db, file, { nameField: 'NAZWA', mode: 'replace' });
      expect(listBackups(ws).map((f) => path.basename(f))).toEqual([expect.stringMatching(/\.before-beats-replace\.sqlite$/)]);
      const copy = new Database(listBackups(ws)[0], { readonly: true });
      expect((copy.prepare('SELECT count(*) AS n FROM districts').get() as { n: number }).n).toBe(4);
      copy.close();
      const extra = path.join(d, 'dodatkowy.geojson');
      const far = gridBeats(1, 1);
      far.features[0].properties!.NAZWA = 'Rejon 99';
      far.features[0].geometry.coordinates = [far.features[0].geometry.coordinates[0].map(([x, y]) => [x + 1, y])];
      fs.writeFileSync(extra, JSON.stringify(far));
      await importDistricts(db, extra, { nameField: 'NAZWA', mode: 'add' });
      expect(listBackups(ws)).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { openWorkspace, WorkspaceError } from '../../../src/backend/store/workspace';
import { SCHEMA_VERSION } from '../../../src/backend/store/migrations';
import { tmpDir } from '../../helpers/tmp';

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
let cleanup: () => void = () => {};
afterEach(() => cleanup());

function expectRejected(file: string, code: WorkspaceError['code']) {
  const before = sha(file);
  const size = fs.statSync(file).size;
  let err: unknown;
  try {
    openWorkspace(file);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(WorkspaceError);
  expect((err as WorkspaceError).code).toBe(code);
  expect((err as Error).message).toContain(file);
  expect(sha(file)).toBe(before);
  expect(fs.statSync(file).size).toBe(size);
  expect(fs.existsSync(file + '-wal')).toBe(false);
}

describe('workspace file', () => {
  it('creates a new workspace with WAL, foreign keys and the current schema', () => {
    const t = tmpDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'w.sqlite');
    const db = openWorkspace(file, { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((r) => r.name);
    for (const t of ['reports', 'report_status_history', 'imports', 'districts', 'saved_analyses', 'quarantine', 'settings']) expect(tables).toContain(t);
    db.close();
    // reopening is a no-op migration
    const again = openWorkspace(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses a missing file unless asked to create it', () => {
    const t = tmpDir();
    cleanup = t.cleanup;
    expect(() => openWorkspace(path.join(t.dir, 'none.sqlite'))).toThrow(/does not exist/);
  });

  it('refuses a non-SQLite file and leaves it unchanged', () => {
    const t = tmpDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'notes.sqlite');
    fs.writeFileSync(file, 'Nr zgłoszenia;Kategoria\n1;Żebractwo\n'.repeat(50));
    expectRejected(file, 'not-sqlite');
  });

  it('refuses a workspace from a newer Rejon and leaves it unchanged', () => {
    const t = tmpDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'new.sqlite');
    const db = openWorkspace(file, { create: true });
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    expectRejected(file, 'too-new');
  });

  it('refuses a foreign SQLite database and leaves it unchanged', () => {
    const t = tmpDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers(name) VALUES (\'a\')');
    db.close();
    expectRejected(file, 'not-rejon');
  });

  it('refuses a damaged workspace and leaves it unchanged', () => {
    const t = tmpDir();
    cleanup = t.cleanup;
    const file = path.join(t.dir, 'broken.sqlite');
    const db = openWorkspace(file, { create: true });
    const ins = db.prepare(`INSERT INTO settings(key, value_json) VALUES (?, ?)`);
    for (let i = 0; i < 2000; i++) ins.run(`k${i}`, JSON.stringify('x'.repeat(200)));
    db.pragma('journal_mode = DELETE');
    db.close();
    const buf = fs.readFileSync(file);
    // overwrite the middle pages with garbage, keeping the header
    for (let i = 8192; i < Math.min(buf.length, 8192 * 20); i++) buf[i] = (i * 131) & 0xff;
    fs.writeFileSync(file, buf);
    expectRejected(file, 'corrupt');
  });
});

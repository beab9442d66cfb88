import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { msg, type Msg } from '../../core/message';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { BackupError, writeBackup } from './backup';

export type Db = Database.Database;

export type WorkspaceErrorCode = 'not-sqlite' | 'corrupt' | 'too-new' | 'not-rejon' | 'not-found' | 'locked' | 'read-only' | 'exists' | 'folder-missing' | 'backup-failed';

/** The user's message for a workspace error code (catalogue: src/shared/i18n/catalog/workspace.ts). */
export function workspaceErrorMsg(code: WorkspaceErrorCode, file: string): Msg {
  switch (code) {
    case 'not-sqlite': return msg('workspace.error.not-sqlite', { file });
    case 'corrupt': return msg('workspace.error.corrupt', { file });
    case 'too-new': return msg('workspace.error.too-new', { file });
    case 'not-rejon': return msg('workspace.error.not-rejon', { file });
    case 'not-found': return msg('workspace.error.not-found', { file });
    case 'locked': return msg('workspace.error.locked', { file });
    case 'read-only': return msg('workspace.error.read-only', { file });
    case 'exists': return msg('workspace.error.exists', { file });
    case 'folder-missing': return msg('workspace.error.folder-missing', { file });
    case 'backup-failed': return msg('provenance.migration.backupFailed', { file });
  }
}

/** Error with a stable code that front ends can show and tests can check. */
export class WorkspaceError extends Error {
  /** What the user reads, in their language. */
  readonly msg: Msg;
  constructor(
    public readonly code: WorkspaceErrorCode,
    message: string,
    /** The file concerned (for the message); defaults to none. */
    file = '',
    userMsg?: Msg,
  ) {
    super(message);
    this.name = 'WorkspaceError';
    this.msg = userMsg ?? workspaceErrorMsg(code, file);
  }
}

/** Can this process write the file and create a journal next to it? (false for read-only files and folders) */
export function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
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

/**
 * A read-only connection. A WAL workspace needs its -shm file to be read; on a medium where it cannot be created
 * (read-only share or disc, immutable folder) SQLite refuses to open it (SQLITE_CANTOPEN) and better-sqlite3 cannot
 * pass the `immutable` URI flag. Then, when no -wal with pending changes lies next to it, the file is read into a
 * private in-memory copy (marked rollback-journal in the copy's header), queries only.
 */
function openReadonly(abs: string, nativeBinding: string | undefined, allowEmpty = false): Db {
  let db: Db | undefined;
  try {
    db = new Database(abs, { readonly: true, fileMustExist: true, nativeBinding });
    db.pragma('query_only = ON');
    db.pragma('user_version'); // SQLite opens the file (and its WAL index) at the first read
    return db;
  } catch (e) {
    db?.close();
    if ((e as { code?: string }).code !== 'SQLITE_CANTOPEN' || allowEmpty) throw e;
    const head = Buffer.alloc(20);
    const fd = fs.openSync(abs, 'r');
    try {
      fs.readSync(fd, head, 0, 20, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (head[18] !== 2 || head[19] !== 2) throw e;
    const wal = `${abs}-wal`;
    if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
      throw new WorkspaceError('read-only', `${abs} is on a read-only medium with unsaved changes in its -wal file; open it once where it can be written.`, abs);
    }
    const bytes = fs.readFileSync(abs);
    bytes[18] = 1;
    bytes[19] = 1;
    const copy = new Database(bytes, { nativeBinding });
    copy.pragma('query_only = ON');
    return copy;
  }
}

/** True when the connection cannot write (read-only open, or query_only). */
export function isReadonlyDb(db: Db): boolean {
  return db.readonly || db.pragma('query_only', { simple: true }) === 1;
}

/** A write refused by SQLite because the workspace is open read-only (query_only, read-only file or medium). */
export function isReadonlyError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_READONLY');
}

export const READ_ONLY_TEXT = 'The workspace is open read-only: changes cannot be saved.';

function checkHeader(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n === 0) return; // empty file: SQLite treats it as a new database
    if (n < 16 || buf.toString('latin1') !== SQLITE_MAGIC) {
      throw new WorkspaceError('not-sqlite', `${file} is not a Rejon workspace (not an SQLite database file).`, file);
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
  if (!exists && !options.create) throw new WorkspaceError('not-found', `Workspace ${abs} does not exist.`, abs);
  if (!exists && !fs.existsSync(path.dirname(abs))) throw new WorkspaceError('folder-missing', `The folder of ${abs} does not exist.`, abs);
  if (exists && fs.statSync(abs).isDirectory()) throw new WorkspaceError('not-sqlite', `${abs} is a folder, not a Rejon workspace.`, abs);
  if (exists) checkHeader(abs);
  const isNew = !exists || fs.statSync(abs).size === 0;
  // A file this process may not write (or whose folder cannot take a journal) is opened read-only or not at all:
  // SQLite would otherwise open it silently read-only and fail at the first write.
  if (exists && !options.readonly && !isWritable(abs)) {
    throw new WorkspaceError('read-only', `${abs} is read-only (the file or its folder cannot be written).`, abs);
  }

  // Read-only opens (Backend falls back to one for files it cannot write) keep the checked probe connection.
  const readOnlyOpen = options.readonly === true;

  // Open read-only first to inspect an existing file without touching it (no WAL switch, no journal).
  let version = 0;
  if (!isNew) {
    let probe: Db | undefined;
    let keep = false;
    try {
      probe = openReadonly(abs, options.nativeBinding);
      const integrity = probe.pragma('quick_check', { simple: true });
      if (integrity !== 'ok') throw new WorkspaceError('corrupt', `${abs} is damaged (SQLite quick_check: ${String(integrity)}).`, abs);
      version = probe.pragma('user_version', { simple: true }) as number;
      const appId = probe.pragma('application_id', { simple: true }) as number;
      const tables = probe.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number };
      if (appId !== APP_ID && !(appId === 0 && version === 0 && tables.n === 0)) {
        throw new WorkspaceError('not-rejon', `${abs} is an SQLite database but not a Rejon workspace.`, abs);
      }
      if (version > SCHEMA_VERSION) {
        throw new WorkspaceError(
          'too-new',
          `${abs} was written by a newer Rejon (schema ${version}; this version understands up to ${SCHEMA_VERSION}). Update Rejon to open it.`,
          abs,
        );
      }
      if (readOnlyOpen) {
        // The checked read-only connection is the workspace: queries only.
        probe.pragma('query_only = ON');
        keep = true;
        return probe;
      }
      // An existing workspace with data is copied before its schema is migrated (the checks above passed,
      // nothing has been written to it yet; the copy is taken through this read-only connection).
      if (!options.readonly && version > 0 && version < SCHEMA_VERSION) {
        const data = probe.prepare('SELECT EXISTS(SELECT 1 FROM reports) OR EXISTS(SELECT 1 FROM districts) AS e').get() as { e: number };
        if (data.e) {
          try {
            // VACUUM INTO writes only the copy: allowed on this read-only connection once query_only is lifted
            probe.pragma('query_only = OFF');
            writeBackup(probe, 'before-migration', abs);
          } catch (e) {
            if (e instanceof BackupError) throw new WorkspaceError('backup-failed', `${e.message} The workspace was not migrated and is unchanged.`, abs);
            throw e;
          }
        }
      }
    } catch (e) {
      if (e instanceof WorkspaceError) throw e;
      const msg = (e as Error).message;
      if (/not a database|malformed|file is encrypted/i.test(msg)) {
        throw new WorkspaceError('corrupt', `${abs} is damaged or not a database (${msg}).`, abs);
      }
      throw asWorkspaceError(e, abs);
    } finally {
      if (!keep) probe?.close();
    }
  }
  if (readOnlyOpen) {
    try {
      return openReadonly(abs, options.nativeBinding, true);
    } catch (e) {
      throw asWorkspaceError(e, abs);
    }
  }
  const fresh = !fs.existsSync(abs) || fs.statSync(abs).size === 0;
  let db: Db;
  try {
    db = new Database(abs, { nativeBinding: options.nativeBinding });
  } catch (e) {
    throw asWorkspaceError(e, abs);
  }
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
    throw asWorkspaceError(e, abs);
  }
  return db;
}

/** SQLite's errors when opening (busy, read-only folder, cannot open) as WorkspaceErrors; others unchanged. */
function asWorkspaceError(e: unknown, abs: string): unknown {
  if (e instanceof WorkspaceError) return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  const text = (e as Error)?.message ?? String(e);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new WorkspaceError('locked', `${abs} is locked by another program (${text}).`, abs);
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return new WorkspaceError('read-only', `${abs} cannot be opened for writing (${text}).`, abs);
  }
  return e;
}

/**
 * Close a workspace connection. A writable one is first switched back to a rollback journal, so the file at
 * rest is one self-contained file (no -wal/-shm beside it) that can be copied, mailed or read from a
 * read-only folder. When another connection still uses the file, it stays in WAL mode (harmless).
 */
export function closeDb(db: Db): void {
  if (!db.open) return;
  if (!db.readonly) {
    try {
      // Another process using the file (an import, a window) keeps it in WAL mode: find that out quickly.
      db.pragma('busy_timeout = 200');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
    } catch {
      // busy: another connection has the file open; WAL stays, the data is safe either way
    }
  }
  db.close();
}

/** Put a workspace this process has just written back into rollback-journal mode (as closeDb), without re-checking it. */
export function settleWorkspaceFile(file: string, nativeBinding?: string): void {
  const db = new Database(path.resolve(file), { fileMustExist: true, nativeBinding });
  db.pragma('busy_timeout = 5000');
  closeDb(db);
}

/** What a workspace file says about itself without opening it for work (for the recent list). */
export interface WorkspaceProbe {
  exists: boolean;
  /** Opens as a Rejon workspace this version understands. */
  readable: boolean;
  problem: WorkspaceErrorCode | null;
  name: string | null;
  demo: boolean;
  reports: number | null;
  firstReportAt: number | null;
  lastReportAt: number | null;
}

/**
 * Read a workspace's name, demo flag, report count and data range, read-only and without the integrity check
 * (fast; the file is fully checked when it is opened). Never throws; never writes the file.
 */
export function probeWorkspace(file: string, nativeBinding?: string): WorkspaceProbe {
  const none: WorkspaceProbe = { exists: false, readable: false, problem: 'not-found', name: null, demo: false, reports: null, firstReportAt: null, lastReportAt: null };
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return none;
  }
  const bad = (problem: WorkspaceErrorCode): WorkspaceProbe => ({ ...none, exists: true, problem });
  if (!st.isFile()) return bad('not-sqlite');
  if (st.size === 0) return bad('not-rejon');
  try {
    checkHeader(file);
  } catch (e) {
    return bad(e instanceof WorkspaceError ? e.code : 'not-sqlite');
  }
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APP_ID) return bad('not-rejon');
    if (version > SCHEMA_VERSION) return bad('too-new');
    const meta = (key: string) => (db!.prepare('SELECT value FROM workspace_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
    const stats = db.prepare('SELECT count(*) AS n, min(created_at) AS first, max(created_at) AS last FROM reports').get() as { n: number; first: number | null; last: number | null };
    return { exists: true, readable: true, problem: null, name: meta('name'), demo: meta('demo') != null, reports: stats.n, firstReportAt: stats.first, lastReportAt: stats.last };
  } catch (e) {
    const w = asWorkspaceError(e, file);
    return bad(w instanceof WorkspaceError ? w.code : 'corrupt');
  } finally {
    db?.close();
  }
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

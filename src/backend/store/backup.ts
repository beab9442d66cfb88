/**
 * Backup copies of a workspace, written before an operation that changes many rows at once: undoing an
 * import, a schema migration of an existing workspace, replacing the beats.
 *
 * A copy goes to a `backups/` folder next to the workspace file, named
 * `<workspace base name>.<UTC timestamp>.<reason>.sqlite`, written with SQLite's `VACUUM INTO` (a consistent,
 * compact snapshot of the committed state, WAL included; it also works on a read-only connection, so a
 * migration can back up before anything is written to the workspace). The last KEEP_BACKUPS copies of each
 * workspace are kept; older ones are removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './workspace';

/** Copies kept per workspace (older ones are deleted after a new one was written). */
export const KEEP_BACKUPS = 10;

export type BackupReason = 'before-undo' | 'before-migration' | 'before-beats-replace';

/** Error while writing a backup: the operation that asked for it must not go ahead. */
export class BackupError extends Error {
  constructor(
    message: string,
    public readonly file: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export function backupDir(workspaceFile: string): string {
  return path.join(path.dirname(path.resolve(workspaceFile)), 'backups');
}

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${p(d.getUTCMilliseconds(), 3)}Z`;
}

/** Backups of a workspace, newest first. */
export function listBackups(workspaceFile: string): string[] {
  const dir = backupDir(workspaceFile);
  if (!fs.existsSync(dir)) return [];
  const base = path.basename(workspaceFile);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}.`) && f.endsWith('.sqlite') && /\.\d{8}-\d{6}-\d{3}Z(-\d+)?\./.test(f))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f));
}

/**
 * Write a backup copy of the workspace open on `db` (read-only or read-write) and prune old copies.
 * Returns the copy's path. Throws BackupError (nothing else changed) when the copy cannot be written.
 */
export function writeBackup(db: Db, reason: BackupReason, workspaceFile: string = db.name): string {
  const dir = backupDir(workspaceFile);
  const base = path.basename(workspaceFile);
  let file = path.join(dir, `${base}.${stamp(new Date())}.${reason}.sqlite`);
  for (let k = 2; fs.existsSync(file); k++) file = path.join(dir, `${base}.${stamp(new Date())}-${k}.${reason}.sqlite`);
  const tmp = `${file}.partial`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.rmSync(tmp, { force: true });
    if (db.inTransaction) {
      // Inside the writer's transaction (BEGIN IMMEDIATE taken, nothing written yet: src/backend/store/writeQueue.ts)
      // SQLite refuses VACUUM and the online backup on this connection; a second, read-only connection reads the
      // same committed state (the write lock still allows readers) and writes the copy.
      const reader = new Database(path.resolve(workspaceFile), { readonly: true, fileMustExist: true, nativeBinding: process.env.REJON_SQLITE_BINDING || undefined });
      try {
        reader.prepare('VACUUM INTO ?').run(tmp);
      } finally {
        reader.close();
      }
    } else db.prepare('VACUUM INTO ?').run(tmp);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // the folder itself is unusable: nothing was written
    }
    throw new BackupError(`Cannot write a backup copy of ${workspaceFile} to ${dir}: ${(e as Error).message}`, file);
  }
  for (const old of listBackups(workspaceFile).slice(KEEP_BACKUPS)) fs.rmSync(old, { force: true });
  return file;
}

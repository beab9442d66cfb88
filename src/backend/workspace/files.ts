/**
 * Workspace files that appear all at once: a new workspace (name, creation time, territory), a consistent copy
 * of an open one, the generated demo. Each is written into a temporary file in the target folder and then
 * linked to its name, which fails when the name exists: nothing is ever overwritten, and a failure at any
 * step leaves no file behind.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Polygon, MultiPolygon } from 'geojson';
import { closeDb, openWorkspace, setMeta, WorkspaceError, type Db } from '../store/workspace';
import { setTerritory, type TerritorySource } from '../store/territory';

/** A temporary name next to `file` (same folder, so the final link/rename stays on one file system). */
export function tempNameFor(file: string, purpose: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${purpose}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Remove a temporary SQLite file and whatever SQLite left beside it. */
export function removeSqliteFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/** Refuse a target that exists or whose folder does not (before any work is done). */
export function checkNewTarget(file: string): void {
  const abs = path.resolve(file);
  if (fs.existsSync(abs) || isLink(abs)) throw new WorkspaceError('exists', `${abs} already exists; Rejon never overwrites a file.`, abs);
  const dir = path.dirname(abs);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new WorkspaceError('folder-missing', `The folder ${dir} does not exist.`, abs);
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Give the finished temporary file its final name without ever replacing a file: a hard link fails when the
 * name exists. File systems without hard links (FAT on USB sticks) get an exists-check and a rename.
 */
export function publishFile(tmp: string, target: string): void {
  try {
    fs.linkSync(tmp, target);
    fs.rmSync(tmp, { force: true });
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WorkspaceError('exists', `${target} already exists; Rejon never overwrites a file.`, target);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
  }
  if (fs.existsSync(target)) throw new WorkspaceError('exists', `${target} already exists; Rejon never overwrites a file.`, target);
  fs.renameSync(tmp, target);
}

export interface NewWorkspace {
  name: string;
  territory: readonly { name: string; source: TerritorySource; geometry: Polygon | MultiPolygon }[];
  nativeBinding?: string;
}

/**
 * Write a new, empty workspace with its name, creation time and territory. The caller has checked the inputs
 * (powiat names resolved); this still leaves no file when anything fails.
 */
export function createWorkspaceFile(file: string, spec: NewWorkspace): void {
  const target = path.resolve(file);
  checkNewTarget(target);
  const tmp = tempNameFor(target, 'creating');
  let db: Db | null = null;
  try {
    db = openWorkspace(tmp, { create: true, nativeBinding: spec.nativeBinding });
    const conn = db;
    conn.transaction(() => {
      setMeta(conn, 'name', spec.name);
      setMeta(conn, 'created_at', String(Date.now()));
      if (spec.territory.length > 0) setTerritory(conn, spec.territory);
    })();
    closeDb(conn);
    db = null;
    publishFile(tmp, target);
  } catch (e) {
    if (db?.open) db.close();
    throw e;
  } finally {
    removeSqliteFile(tmp);
  }
}

/**
 * A consistent copy of an open workspace (`VACUUM INTO`: a snapshot of the last commit, compacted, in a
 * rollback-journal file) under a new name.
 */
export function copyWorkspaceFile(db: Db, file: string): { path: string; bytes: number } {
  const target = path.resolve(file);
  checkNewTarget(target);
  const tmp = tempNameFor(target, 'copying');
  try {
    // a read-only connection may still write another file; query_only (set on read-only opens) forbids it
    const queryOnly = db.pragma('query_only', { simple: true }) === 1;
    if (queryOnly) db.pragma('query_only = OFF');
    try {
      db.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      if (queryOnly) db.pragma('query_only = ON');
    }
    const bytes = fs.statSync(tmp).size;
    publishFile(tmp, target);
    return { path: target, bytes };
  } finally {
    removeSqliteFile(tmp);
  }
}

/** Write a workspace through `fill` into a temporary file and publish it under `file` (the demo). */
export async function writeWorkspaceFile(file: string, fill: (db: Db) => void | Promise<void>, nativeBinding?: string): Promise<void> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  checkNewTarget(target);
  const tmp = tempNameFor(target, 'writing');
  let db: Db | null = null;
  try {
    db = openWorkspace(tmp, { create: true, nativeBinding });
    await fill(db);
    closeDb(db);
    db = null;
    publishFile(tmp, target);
  } catch (e) {
    if (db?.open) db.close();
    throw e;
  } finally {
    removeSqliteFile(tmp);
  }
}

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RejonError } from '../../shared/contract';
import type { ImportSource } from '../../shared/contract/import';
import { msg } from '../../core/message';
import type { Backend } from '../backend';

/**
 * Limits of staged uploads. Police exports hold personal data, so staged files live only as long as they are
 * needed: removed when the import that used them ends (done, failed or cancelled), when the renderer discards
 * them, after `idleMs` without use, when the backend closes, and (after a crash) at the next start.
 */
export interface UploadLimits {
  /** One upload (default 1 GiB: a 1M-row KMZB CSV is ~250 MB). */
  maxBytes: number;
  /** All staged uploads together (default 2 GiB). */
  maxTotalBytes: number;
  /** Staged uploads at once (default 8). */
  maxCount: number;
  /** Removed after this long without a chunk, an inspection or an import (default 30 min). */
  idleMs: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxBytes: 1024 ** 3, maxTotalBytes: 2 * 1024 ** 3, maxCount: 8, idleMs: 30 * 60_000 };

/** Staging folders are named `rejon-uploads-<pid>-<random>`: the pid tells a sweep whether the owner still runs. */
const PREFIX = 'rejon-uploads-';
const MAX_CHUNK = 8 * 1024 * 1024;
/** A folder whose owner cannot be told (no pid in the name) is swept when nothing in it changed for this long. */
const ORPHAN_AGE_MS = 6 * 3600_000;

interface Upload {
  name: string;
  file: string;
  size: number;
  lastUsed: number;
  /** Running jobs that read the file; it is removed when the last one ends. */
  users: number;
  discarded: boolean;
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function newestChange(dir: string): number {
  let newest = fs.lstatSync(dir).mtimeMs;
  for (const e of fs.readdirSync(dir)) {
    try {
      newest = Math.max(newest, fs.lstatSync(path.join(dir, e)).mtimeMs);
    } catch {
      /* gone meanwhile */
    }
  }
  return newest;
}

/**
 * Remove staging folders left by Rejon processes that are gone (killed, crashed, powered off): folders of this
 * user whose owner pid no longer runs, and folders without an owner that nothing touched for hours. Symlinks and
 * other users' folders are never followed or touched. Returns the removed folders.
 */
export function sweepStaleUploads(root = os.tmpdir(), now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return removed;
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  for (const n of names) {
    if (!n.startsWith(PREFIX)) continue;
    const dir = path.join(root, n);
    try {
      const st = fs.lstatSync(dir);
      if (!st.isDirectory() || st.isSymbolicLink()) continue;
      if (uid !== null && st.uid !== uid) continue;
      const m = /^rejon-uploads-(\d+)-/.exec(n);
      const stale = m ? !pidAlive(Number(m[1])) : now - newestChange(dir) > ORPHAN_AGE_MS;
      if (!stale) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      /* another process swept it, or it is not ours: leave it */
    }
  }
  return removed;
}

/**
 * Files the browser sends in chunks (browser mode has no file paths), staged in a private (0700) folder of the
 * system temp directory with private (0600) files. One store per Backend (a member), independent of the open
 * workspace. Sweeps stale folders of dead processes when created.
 */
export class UploadStore {
  private dir: string | null = null;
  private uploads = new Map<string, Upload>();
  readonly limits: UploadLimits;
  private readonly root: string;
  private readonly now: () => number;

  constructor(options: { root?: string; limits?: Partial<UploadLimits>; now?: () => number; sweep?: boolean } = {}) {
    this.root = options.root ?? os.tmpdir();
    this.limits = { ...DEFAULT_UPLOAD_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    if (options.sweep !== false) sweepStaleUploads(this.root);
  }

  /** The private staging folder (created on the first upload, removed when the last upload goes). */
  private folder(): string {
    if (this.dir && fs.existsSync(this.dir)) return this.dir;
    this.dir = fs.mkdtempSync(path.join(this.root, `${PREFIX}${process.pid}-`));
    fs.chmodSync(this.dir, 0o700);
    return this.dir;
  }

  /** Folder of the staged files, or null when nothing is staged (tests). */
  get stagingFolder(): string | null {
    return this.dir;
  }

  get count(): number {
    return this.uploads.size;
  }

  private totalBytes(): number {
    let n = 0;
    for (const u of this.uploads.values()) n += u.size;
    return n;
  }

  append(uploadId: string | undefined, name: string, offset: number, dataBase64: string): { uploadId: string; received: number } {
    this.expireIdle();
    const bytes = Buffer.from(dataBase64, 'base64');
    if (bytes.length > MAX_CHUNK) throw new RejonError('bad-request', 'Upload chunk larger than 8 MiB.', undefined, msg('security.upload.chunkTooLarge', { mb: 8 }));
    let u = uploadId ? this.uploads.get(uploadId) : undefined;
    if (uploadId && (!u || u.discarded)) throw new RejonError('not-found', `No upload ${uploadId}.`, undefined, msg('security.upload.gone'));
    if (!u) {
      if (offset !== 0) throw new RejonError('bad-request', 'A new upload must start at offset 0.');
      if (this.uploads.size >= this.limits.maxCount) {
        throw new RejonError('bad-request', `At most ${this.limits.maxCount} staged uploads.`, undefined, msg('security.upload.tooMany', { max: this.limits.maxCount }));
      }
      const id = randomUUID();
      const safe = path.basename(name).replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'upload';
      const file = path.join(this.folder(), `${id}-${safe}`);
      fs.closeSync(fs.openSync(file, 'wx', 0o600));
      u = { name: safe, file, size: 0, lastUsed: this.now(), users: 0, discarded: false };
      this.uploads.set(id, u);
      uploadId = id;
    }
    if (offset !== u.size) throw new RejonError('bad-request', `Upload chunk at offset ${offset}, expected ${u.size}.`);
    if (u.size + bytes.length > this.limits.maxBytes) {
      this.remove(uploadId!);
      throw new RejonError('bad-request', `Upload larger than ${this.limits.maxBytes} bytes.`, undefined, msg('security.upload.tooLarge', { mb: Math.round(this.limits.maxBytes / 1048576) }));
    }
    if (this.totalBytes() + bytes.length > this.limits.maxTotalBytes) {
      this.remove(uploadId!);
      throw new RejonError('bad-request', 'Staged uploads exceed their total size limit.', undefined, msg('security.upload.totalTooLarge', { mb: Math.round(this.limits.maxTotalBytes / 1048576) }));
    }
    fs.appendFileSync(u.file, bytes);
    u.size += bytes.length;
    u.lastUsed = this.now();
    return { uploadId: uploadId!, received: u.size };
  }

  private live(uploadId: string): Upload {
    this.expireIdle();
    const u = this.uploads.get(uploadId);
    if (!u || u.discarded) throw new RejonError('not-found', `No upload ${uploadId}.`, undefined, msg('security.upload.gone'));
    u.lastUsed = this.now();
    return u;
  }

  /** A staged file for an inspection (it stays staged). */
  resolve(uploadId: string): { file: string; name: string } {
    const u = this.live(uploadId);
    return { file: u.file, name: u.name };
  }

  /**
   * A staged file for a job (an import): it is removed when the job calls `release` (whatever the outcome), unless
   * another job still reads it.
   */
  acquire(uploadId: string): { file: string; name: string; release(): void } {
    const u = this.live(uploadId);
    u.users++;
    let released = false;
    return {
      file: u.file,
      name: u.name,
      release: () => {
        if (released) return;
        released = true;
        u.users--;
        if (u.users <= 0) this.remove(uploadId);
      },
    };
  }

  /** The renderer does not need the upload any more (dialog closed). A running import keeps it until it ends. */
  discard(uploadId: string): boolean {
    const u = this.uploads.get(uploadId);
    if (!u) return false;
    u.discarded = true;
    if (u.users <= 0) this.remove(uploadId);
    return true;
  }

  private remove(uploadId: string): void {
    const u = this.uploads.get(uploadId);
    if (!u) return;
    this.uploads.delete(uploadId);
    fs.rmSync(u.file, { force: true });
    if (this.uploads.size === 0 && this.dir) {
      fs.rmSync(this.dir, { recursive: true, force: true });
      this.dir = null;
    }
  }

  private expireIdle(): void {
    const t = this.now();
    for (const [id, u] of [...this.uploads]) if (u.users <= 0 && t - u.lastUsed > this.limits.idleMs) this.remove(id);
  }

  dispose(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.uploads.clear();
  }
}

/** The upload store of a backend (a member of Backend, independent of the open workspace). */
export function uploadStoreOf(backend: Backend): UploadStore {
  return backend.uploads;
}

export interface ResolvedSource {
  file: string;
  name: string;
  /** Call when the job that read the source has ended (removes a staged upload). */
  release(): void;
}

/**
 * Local file and display name of an import source, by capability:
 * - `{ uploadId }`: a file the caller uploaded (browser mode, and the desktop's drop zone);
 * - `{ grant }`: a file the user chose in the desktop's file dialog (token issued by Electron main);
 * - `{ path }`: ONLY for a backend created with `trustedPaths` (the CLI, which runs in-process as the user).
 *   Any other caller gets the same refusal whether or not the path exists; nothing is read.
 * `forJob`: the source is used by a job; a staged upload is removed when the job calls `release()`.
 */
export function resolveImportSource(backend: Backend, source: ImportSource, forJob = false): ResolvedSource {
  if ('uploadId' in source) {
    if (forJob) return backend.uploads.acquire(source.uploadId);
    return { ...backend.uploads.resolve(source.uploadId), release: () => {} };
  }
  if ('grant' in source) return { ...backend.fileGrants.resolve(source.grant), release: () => {} };
  if (backend.options.trustedPaths !== true) {
    throw new RejonError('unauthorized', 'File paths are accepted from the command line only; upload the file or choose it in the file dialog.', undefined, msg('security.path.notAllowed'));
  }
  return { file: path.resolve(source.path), name: path.basename(source.path), release: () => {} };
}

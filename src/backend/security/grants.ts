/**
 * File access by capability: a grant names ONE file the user chose in the desktop's own file dialog (or dropped
 * on the window), for a short time. Electron main issues it (after the dialog) through the backend host; the
 * renderer only ever holds the opaque token and passes `{ source: { grant } }`; the backend resolves it here.
 * A path typed or forged by page script never reaches a reader (see resolveImportSource).
 *
 * Policy, all checked on every resolve:
 * - one file per grant, fixed at issue time by its real path (symlinks resolved) and its identity (dev + inode):
 *   a file swapped or re-linked after the dialog is refused;
 * - a regular file only (no folders, devices, FIFOs, /proc entries);
 * - expires `ttlMs` after its last use (default 30 min: the mapping dialog may stay open a while) and never later
 *   than `maxAgeMs` after it was issued (default 4 h);
 * - at most `maxGrants` live grants (the oldest are dropped first);
 * - unknown, expired and revoked tokens get the same answer.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RejonError } from '../../shared/contract';
import { msg } from '../../core/message';

export interface FileGrant {
  /** Opaque token (48 hex characters) the renderer passes as `{ grant }`. */
  token: string;
  /** Base name of the file, for display. */
  name: string;
  size: number;
  /** UTC ms after which the grant is void unless used before. */
  expiresAt: number;
}

export interface GrantOptions {
  ttlMs?: number;
  maxAgeMs?: number;
  maxGrants?: number;
  now?: () => number;
}

interface Entry {
  file: string;
  name: string;
  dev: number;
  ino: number;
  issuedAt: number;
  lastUsed: number;
}

/** Shape of a grant token (also the contract's regex). */
export const GRANT_TOKEN = /^[a-f0-9]{48}$/;

export function grantRefused(): RejonError {
  return new RejonError('not-found', 'Unknown or expired file grant.', undefined, msg('security.grant.expired'));
}

export class FileGrantStore {
  private grants = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxAgeMs: number;
  private readonly maxGrants: number;
  private readonly now: () => number;

  constructor(options: GrantOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 4 * 3600_000;
    this.maxGrants = options.maxGrants ?? 32;
    this.now = options.now ?? Date.now;
  }

  /**
   * Grant access to one file the user picked. Only the shell calls this (never a contract method): the path
   * must be absolute and name a regular file; it is pinned by real path and inode.
   */
  issue(file: string): FileGrant {
    if (!path.isAbsolute(file)) throw new RejonError('bad-request', 'A grant needs an absolute path.', undefined, msg('security.grant.notAFile'));
    let real: string;
    let st: fs.Stats;
    try {
      real = fs.realpathSync(file);
      st = fs.statSync(real);
    } catch {
      throw new RejonError('bad-request', 'The chosen file cannot be opened.', undefined, msg('security.grant.notAFile'));
    }
    if (!st.isFile()) throw new RejonError('bad-request', 'The chosen path is not a regular file.', undefined, msg('security.grant.notAFile'));
    this.sweep();
    while (this.grants.size >= this.maxGrants) this.grants.delete(this.grants.keys().next().value as string);
    const token = randomBytes(24).toString('hex');
    const t = this.now();
    this.grants.set(token, { file: real, name: path.basename(file), dev: st.dev, ino: st.ino, issuedAt: t, lastUsed: t });
    return { token, name: path.basename(file), size: st.size, expiresAt: t + this.ttlMs };
  }

  /** The file of a live grant (and keep it alive); throws the same RejonError for unknown, expired or swapped files. */
  resolve(token: string): { file: string; name: string } {
    const e = GRANT_TOKEN.test(token) ? this.grants.get(token) : undefined;
    const t = this.now();
    if (!e || this.expired(e, t)) {
      if (e) this.grants.delete(token);
      throw grantRefused();
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(e.file);
    } catch {
      this.grants.delete(token);
      throw grantRefused();
    }
    if (!st.isFile() || st.dev !== e.dev || st.ino !== e.ino) {
      this.grants.delete(token);
      throw grantRefused();
    }
    e.lastUsed = t;
    return { file: e.file, name: e.name };
  }

  revoke(token: string): boolean {
    return this.grants.delete(token);
  }

  /** Number of live grants (tests). */
  get size(): number {
    this.sweep();
    return this.grants.size;
  }

  clear(): void {
    this.grants.clear();
  }

  private expired(e: Entry, t: number): boolean {
    return t - e.lastUsed > this.ttlMs || t - e.issuedAt > this.maxAgeMs;
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.grants) if (this.expired(e, t)) this.grants.delete(k);
  }
}

/** What a workspace path from the desktop's native dialog may be used for. */
export type PathPurpose = 'open' | 'write';

/**
 * Workspace paths the desktop user chose in a native dialog (File > New / Open / Save a copy), approved by Electron
 * main through the backend host (message 'grant' with a purpose), never by the page. In the desktop the backend
 * confines workspace paths like browser mode (the data folder, the recent list, the file named at start) and also
 * accepts an approved path: 'open' approvals for openWorkspace, 'write' approvals for createWorkspace and
 * saveWorkspaceCopy (a failed create, e.g. an unknown powiat, can be retried while the approval lasts). Approvals expire after `ttlMs` (default 10 min); paths are compared resolved (path.resolve).
 */
export class PathApprovals {
  private approved = new Map<string, { purpose: PathPurpose; at: number }>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; max?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.max = options.max ?? 32;
    this.now = options.now ?? Date.now;
  }

  /** Approve a path the user chose (absolute, no NUL). Returns the resolved path the page may then pass. */
  approve(file: string, purpose: PathPurpose): { path: string; expiresAt: number } {
    if (typeof file !== 'string' || !path.isAbsolute(file) || file.includes('\0')) {
      throw new RejonError('bad-request', 'An approval needs an absolute path.', undefined, msg('security.grant.notAFile'));
    }
    const abs = path.resolve(file);
    const t = this.now();
    this.sweep(t);
    this.approved.delete(`${purpose}:${abs}`);
    while (this.approved.size >= this.max) this.approved.delete(this.approved.keys().next().value as string);
    this.approved.set(`${purpose}:${abs}`, { purpose, at: t });
    return { path: abs, expiresAt: t + this.ttlMs };
  }

  /** Is `abs` (resolved) approved for `purpose`? */
  has(abs: string, purpose: PathPurpose): boolean {
    const key = `${purpose}:${abs}`;
    const e = this.approved.get(key);
    if (!e) return false;
    if (this.now() - e.at > this.ttlMs) {
      this.approved.delete(key);
      return false;
    }
    return true;
  }

  clear(): void {
    this.approved.clear();
  }

  private sweep(t: number): void {
    for (const [k, e] of this.approved) if (t - e.at > this.ttlMs) this.approved.delete(k);
  }
}

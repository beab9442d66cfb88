/**
 * The server-side file picker of browser mode (a browser cannot hand over file paths). It lists folders and
 * workspace files ONLY inside the allowed roots: every path is resolved (symbolic links, `..`) with realpath
 * before it is compared with the resolved roots, and entries whose target lies outside are left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RejonError } from '../../shared/contract';
import type { BrowseEntry, BrowseResult } from '../../shared/contract/workspace';
import { msg } from '../../core/message';

export const WORKSPACE_EXTENSIONS = ['.sqlite', '.rejon', '.db'];
const MAX_ENTRIES = 2000;

export interface BrowseRoot {
  path: string;
  kind: 'data' | 'allowed';
}

function realpath(p: string): string | null {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

function inside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** The roots that exist, resolved (symbolic links followed), without duplicates. */
export function resolvedRoots(roots: readonly BrowseRoot[]): BrowseRoot[] {
  const out: BrowseRoot[] = [];
  for (const r of roots) {
    const real = realpath(r.path);
    if (real && fs.statSync(real).isDirectory() && !out.some((o) => o.path === real)) out.push({ path: real, kind: r.kind });
  }
  return out;
}

/** The resolved root containing `p` (after resolving p itself), or null: p is outside every root. */
export function rootOf(roots: readonly BrowseRoot[], p: string): { root: BrowseRoot; real: string } | null {
  const real = realpath(path.resolve(p));
  if (!real) return null;
  for (const root of resolvedRoots(roots)) if (inside(real, root.path)) return { root, real };
  return null;
}

/**
 * Is `file` (which need not exist) inside one of the roots? Its folder must exist and resolve inside a root; the
 * name itself must not be a link leading out.
 */
export function isInsideRoots(roots: readonly BrowseRoot[], file: string): boolean {
  const abs = path.resolve(file);
  if (fs.existsSync(abs) || isLink(abs)) return rootOf(roots, abs) != null;
  return rootOf(roots, path.dirname(abs)) != null;
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** List a folder inside the roots (or the roots themselves when `dir` is not given). */
export function browse(roots: readonly BrowseRoot[], dir?: string): BrowseResult {
  const all = resolvedRoots(roots);
  const rootEntries = (): BrowseEntry[] =>
    all.map((r) => ({ name: r.path, path: r.path, kind: 'dir' as const, size: null, modifiedAt: fs.statSync(r.path).mtimeMs }));
  if (dir === undefined) return { dir: null, parent: null, roots: all, entries: rootEntries(), truncated: false };

  const hit = rootOf(all, dir);
  if (!hit) {
    throw new RejonError('bad-request', `Folder ${dir} is outside the folders Rejon may list.`, undefined, msg('workspace.browse.outside', { dir }));
  }
  const { real } = hit;
  if (!fs.statSync(real).isDirectory()) {
    throw new RejonError('bad-request', `${dir} is not a folder.`, undefined, msg('workspace.browse.not-folder', { dir }));
  }
  const entries: BrowseEntry[] = [];
  let truncated = false;
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(real, { withFileTypes: true });
  } catch (e) {
    throw new RejonError('bad-request', `Cannot list ${real}: ${(e as Error).message}`, undefined, msg('workspace.browse.unreadable', { dir: real }));
  }
  for (const d of names) {
    if (d.name.startsWith('.')) continue;
    const full = path.join(real, d.name);
    const target = realpath(full);
    // a link (or a name) leading outside every root is not shown: the picker never reveals what is out there
    if (!target || !all.some((r) => inside(target, r.path))) continue;
    let st: fs.Stats;
    try {
      st = fs.statSync(target);
    } catch {
      continue;
    }
    let kind: BrowseEntry['kind'] | null = null;
    if (st.isDirectory()) kind = 'dir';
    else if (st.isFile() && WORKSPACE_EXTENSIONS.includes(path.extname(d.name).toLowerCase())) kind = 'workspace';
    if (!kind) continue;
    if (entries.length >= MAX_ENTRIES) {
      truncated = true;
      break;
    }
    entries.push({ name: d.name, path: target, kind, size: kind === 'workspace' ? st.size : null, modifiedAt: st.mtimeMs });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'pl') : a.kind === 'dir' ? -1 : 1));
  const atRoot = all.some((r) => r.path === real);
  return { dir: real, parent: atRoot ? null : path.dirname(real), roots: all, entries, truncated };
}

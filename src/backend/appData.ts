/**
 * The user's Rejon data folder: where the demo workspace and the app-level list of recent workspaces live.
 * One definition for every front end (rejon serve, the Electron backend host, the demo):
 * REJON_HOME, else $XDG_DATA_HOME/rejon, else ~/.local/share/rejon (Windows: %APPDATA%\Rejon; macOS:
 * ~/Library/Application Support/Rejon).
 *
 * The recent list is app data, never workspace data: a JSON file written atomically (temp file + rename),
 * so a crash leaves the old list or the new one, never half of one.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.REJON_HOME) return path.resolve(env.REJON_HOME);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Rejon');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Rejon');
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(xdg, 'rejon');
}

/** The demo workspace: its own file in the data folder, never a real command's workspace. */
export function demoWorkspacePath(dataDir: string): string {
  return path.join(dataDir, 'demo.sqlite');
}

/** Write a file so that readers see the old content or the new one, never a part (same-folder temp + rename). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export interface RecentEntry {
  /** Absolute path of the workspace file. */
  path: string;
  /** Visible name when it was last open (the file may have changed since). */
  name: string;
  demo: boolean;
  /** UTC ms. */
  lastOpenedAt: number;
}

const MAX_RECENT = 20;

/**
 * The recent workspaces, newest first, in `<dataDir>/recent.json`. A missing file means Rejon has never
 * opened a workspace here (first start); an unreadable one is treated as empty and rewritten on the next open.
 */
export class RecentList {
  readonly file: string;

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, 'recent.json');
  }

  /** True when no workspace was ever opened with this data folder (no recent list yet). */
  isFirstStart(): boolean {
    return !fs.existsSync(this.file);
  }

  read(): RecentEntry[] {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch {
      return [];
    }
    const list = (raw as { entries?: unknown })?.entries;
    if (!Array.isArray(list)) return [];
    const out: RecentEntry[] = [];
    for (const e of list as Record<string, unknown>[]) {
      if (!e || typeof e.path !== 'string' || !path.isAbsolute(e.path)) continue;
      out.push({
        path: e.path,
        name: typeof e.name === 'string' ? e.name : path.basename(e.path),
        demo: e.demo === true,
        lastOpenedAt: typeof e.lastOpenedAt === 'number' && Number.isFinite(e.lastOpenedAt) ? e.lastOpenedAt : 0,
      });
    }
    return out.sort((a, b) => b.lastOpenedAt - a.lastOpenedAt);
  }

  private write(entries: RecentEntry[]): void {
    writeFileAtomic(this.file, JSON.stringify({ version: 1, entries: entries.slice(0, MAX_RECENT) }, null, 2) + '\n');
  }

  /** Put a workspace at the top of the list (it was just opened). */
  touch(entry: RecentEntry): void {
    this.write([entry, ...this.read().filter((e) => e.path !== entry.path)]);
  }

  /** Update the remembered name of a workspace without moving it. */
  rename(file: string, name: string): void {
    const list = this.read();
    const hit = list.find((e) => e.path === file);
    if (hit && hit.name !== name) {
      hit.name = name;
      this.write(list);
    }
  }

  remove(file: string): boolean {
    const list = this.read();
    const next = list.filter((e) => e.path !== file);
    if (next.length === list.length) return false;
    this.write(next);
    return true;
  }
}

/**
 * Notice when another connection changed the open workspace (issue 14, point 5): a `rejon import` in a terminal,
 * another window's backend, or this backend's own import connection. SQLite's `PRAGMA data_version` on the backend's
 * connection changes exactly when some OTHER connection has committed to the file since it was last read; polling
 * it is cheap (no I/O beyond the shared-memory index in WAL mode) and needs no file watcher.
 */
import type { Db } from './workspace';

/** How often the open workspace is checked (REJON_CHANGE_POLL_MS; default 2 s). */
export function changePollMs(): number {
  const v = Number(process.env.REJON_CHANGE_POLL_MS);
  return Number.isFinite(v) && v > 0 ? v : 2000;
}

export class ChangeWatch {
  private last: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    /** Called once per change seen (the backend emits 'workspace-changed'). */
    private readonly onChange: () => void,
  ) {
    this.last = this.version();
  }

  private version(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** Check now: true (and onChange called) when another connection has committed since the last check. */
  check(): boolean {
    if (!this.db.open) return false;
    let v: number;
    try {
      v = this.version();
    } catch {
      return false; // a closing or busy connection: try again at the next tick
    }
    if (v === this.last) return false;
    this.last = v;
    this.onChange();
    return true;
  }

  /** The backend has just announced a change itself: take the current version as seen (no second event). */
  seen(): void {
    if (!this.db.open) return;
    try {
      this.last = this.version();
    } catch {
      // see check()
    }
  }

  start(intervalMs = changePollMs()): this {
    if (this.timer) return this;
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref(); // never keeps a process alive on its own
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

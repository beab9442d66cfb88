/**
 * Writers that wait their turn (issue 14, point 5).
 *
 * SQLite lets one connection write a file at a time. Two levels decide who that is:
 * - Within one backend: a `WriteQueue` per opened workspace. Jobs that write (imports, beat imports, the demo, the
 *   saving step of an analysis) and the UI's writing calls take the slot in turn; a job waiting for it says so in
 *   its progress (`waitingQueue(holder)`), a call waits at most `callWaitMs()` and then fails with a clear 'busy'.
 * - Across processes (a `rejon import` in a terminal while the app is open, two windows on one file): SQLite's own
 *   lock. `beginImmediate` takes it with BEGIN IMMEDIATE, retried asynchronously (the backend's thread keeps
 *   answering meanwhile: SQLite's busy handler would block it), reporting that it waits (`WAITING_PROCESS`), and
 *   gives up after the stated wait with a `busyError`: nothing was written.
 */
import { RejonError } from '../../shared/contract';
import { WAITING_PROCESS, waitingQueue, type WriterKind } from '../../shared/concurrency';
import { msg } from '../../core/message';
import type { Db } from './workspace';

export type { WriterKind };

/** How long a call from a window waits for another writer before it fails with 'busy' (REJON_WRITE_WAIT_MS). */
export function callWaitMs(): number {
  return envMs('REJON_WRITE_WAIT_MS', 20_000);
}

/** How long a job (an import) waits for another writer before it fails with 'busy' (REJON_JOB_WRITE_WAIT_MS). */
export function jobWaitMs(): number {
  return envMs('REJON_JOB_WRITE_WAIT_MS', 15 * 60_000);
}

function envMs(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The error after the stated wait: nothing was written, the caller may try again. */
export function busyError(waitedMs: number): RejonError {
  const seconds = Math.round(waitedMs / 1000);
  return new RejonError(
    'busy',
    `The workspace is being written by another writer (a job, another window or process); gave up after ${seconds} s. Nothing was changed.`,
    undefined,
    msg('concurrency.busy', { seconds }),
  );
}

/** SQLite's "database is locked" (another connection holds the write lock past the busy timeout). */
export function isSqliteBusy(e: unknown): boolean {
  const code = String((e as { code?: unknown })?.code ?? '');
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

export interface WaitOptions {
  /** Give up after this long (a `busyError`). */
  waitMs: number;
  /** A job's cancel: stops waiting (AbortError). */
  signal?: AbortSignal;
  /** Called once when the writer has to wait, with the progress message that says why. */
  onWaiting?: (message: string) => void;
  /** Retry interval for SQLite's lock (default 50 ms). */
  pollMs?: number;
}

/**
 * Begin a write transaction holding SQLite's write lock (BEGIN IMMEDIATE). While another connection (another process,
 * or this process's import connection) holds it, retry every `pollMs` without blocking the thread, until `waitMs`.
 * The connection's busy timeout is restored afterwards.
 */
export async function beginImmediate(db: Db, opts: WaitOptions): Promise<void> {
  const started = Date.now();
  const saved = db.pragma('busy_timeout', { simple: true }) as number;
  // A short busy wait inside SQLite smooths over the brief locks of checkpoints without blocking the thread for long.
  db.pragma('busy_timeout = 10');
  let told = false;
  try {
    for (;;) {
      if (opts.signal?.aborted) throw abortError();
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (e) {
        if (!isSqliteBusy(e)) throw e;
      }
      if (!told) {
        told = true;
        opts.onWaiting?.(WAITING_PROCESS);
      }
      const waited = Date.now() - started;
      if (waited >= opts.waitMs) throw busyError(opts.waitMs);
      await sleep(Math.min(opts.pollMs ?? 50, opts.waitMs - waited), opts.signal);
    }
  } finally {
    db.pragma(`busy_timeout = ${saved}`);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

interface Waiter {
  kind: WriterKind;
  grant: () => void;
  leave: (err: Error) => void;
}

/**
 * One writer at a time within this backend, first come first served. `acquire` resolves with a release function;
 * a writer that cannot get the slot within its wait gets a `busyError` and leaves the line.
 */
export class WriteQueue {
  private holder: WriterKind | null = null;
  private waiters: Waiter[] = [];
  private closed = false;

  /** What holds the slot now (null: free). */
  get current(): WriterKind | null {
    return this.holder;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(kind: WriterKind, opts: WaitOptions): Promise<() => void> {
    if (this.closed) return Promise.reject(abortError());
    if (opts.signal?.aborted) return Promise.reject(abortError());
    if (this.holder === null && this.waiters.length === 0) {
      this.holder = kind;
      return Promise.resolve(this.releaser());
    }
    opts.onWaiting?.(waitingQueue(this.holder ?? this.waiters[this.waiters.length - 1].kind));
    return new Promise((resolve, reject) => {
      const leave = (err: Error) => {
        const i = this.waiters.indexOf(w);
        if (i < 0) return;
        this.waiters.splice(i, 1);
        cleanup();
        reject(err);
      };
      const onAbort = () => leave(abortError());
      const timer = setTimeout(() => leave(busyError(opts.waitMs)), opts.waitMs);
      const cleanup = () => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      const w: Waiter = {
        kind,
        grant: () => {
          cleanup();
          this.holder = kind;
          resolve(this.releaser());
        },
        leave,
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(w);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holder = null;
      const next = this.waiters.shift();
      next?.grant();
    };
  }

  /** The workspace closes: writers still waiting stop (AbortError); the holder finishes on its own. */
  close(): void {
    this.closed = true;
    for (const w of [...this.waiters]) w.leave(abortError());
  }
}

/**
 * The writers of one opened workspace: the queue, and the backend's own connection for writes made on it.
 */
export class WorkspaceWriter {
  readonly queue = new WriteQueue();
  constructor(private readonly db: Db) {}

  /**
   * A writing call (from a window) on the backend's connection: waits its turn (at most `callWaitMs()` in all), then
   * runs as one transaction holding SQLite's write lock. An error rolls everything back.
   */
  call<T>(fn: () => Promise<T> | T, waitMs = callWaitMs()): Promise<T> {
    return this.exclusive('call', fn, { waitMs });
  }

  /**
   * A job's write on the backend's connection (a beat import, the demo, an analysis being saved): waits its turn,
   * saying so in the job's progress, and runs as one transaction holding SQLite's write lock.
   */
  job<T>(kind: WriterKind, ctx: JobLike, fn: () => Promise<T> | T, waitMs = jobWaitMs()): Promise<T> {
    return this.exclusive(kind, fn, { waitMs, signal: ctx.signal, onWaiting: (m) => ctx.progress(0, m) });
  }

  /**
   * A job that writes through its own connection (an import): holds this backend's slot while it runs; it takes
   * SQLite's lock itself (`beginImmediate` on its connection).
   */
  async slot<T>(kind: WriterKind, ctx: JobLike, fn: () => Promise<T>, waitMs = jobWaitMs()): Promise<T> {
    const release = await this.queue.acquire(kind, { waitMs, signal: ctx.signal, onWaiting: (m) => ctx.progress(0, m) });
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private async exclusive<T>(kind: WriterKind, fn: () => Promise<T> | T, opts: WaitOptions): Promise<T> {
    const started = Date.now();
    const release = await this.queue.acquire(kind, opts);
    try {
      // The in-process wait counts against the same stated wait.
      await beginImmediate(this.db, { ...opts, waitMs: Math.max(1, opts.waitMs - (Date.now() - started)) });
      try {
        const result = await fn();
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      release();
    }
  }

  close(): void {
    this.queue.close();
  }
}

/** What the writer needs of a job's context. */
export interface JobLike {
  signal?: AbortSignal;
  progress(fraction: number, message?: string): void;
}

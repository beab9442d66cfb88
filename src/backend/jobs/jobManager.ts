import { randomUUID } from 'node:crypto';
import type { JobState } from '../../shared/contract';
import { isMsg } from '../../core/message';

export interface JobContext {
  signal: AbortSignal;
  /** Report progress 0..1 with a short human message (throttled for listeners). */
  progress(fraction: number, message?: string): void;
  /** Throws an AbortError when the job was cancelled; call between units of work. */
  throwIfCancelled(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

type Listener = (job: JobState) => void;

/**
 * Runs long jobs with progress and cancellation. Each job's work function must leave the
 * workspace unchanged when it throws (jobs wrap their writes in one transaction).
 */
export class JobManager {
  private jobs = new Map<string, { state: JobState; controller: AbortController; done: Promise<void>; scope: unknown }>();
  private listeners = new Set<Listener>();

  /**
   * @param defaultScope what a job belongs to when its starter does not say (the backend passes the open
   *   workspace, so closing a workspace cancels and awaits exactly its jobs: `shutdown(scope)`).
   */
  constructor(private readonly defaultScope: () => unknown = () => null) {}

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(state: JobState): void {
    for (const l of this.listeners) l({ ...state });
  }

  start(kind: JobState['kind'], work: (ctx: JobContext) => Promise<unknown> | unknown, options: { scope?: unknown } = {}): JobState {
    const scope = 'scope' in options ? options.scope : this.defaultScope();
    const id = randomUUID();
    const controller = new AbortController();
    const state: JobState = {
      id, kind, state: 'running', progress: 0, message: '', startedAt: Date.now(), finishedAt: null, error: null, result: null,
    };
    let lastEmit = 0;
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (fraction, message) => {
        state.progress = Math.max(0, Math.min(1, fraction));
        if (message != null) state.message = message;
        const now = Date.now();
        if (now - lastEmit > 100) {
          lastEmit = now;
          this.emit(state);
        }
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new CancelledError();
      },
    };
    const done = (async () => {
      // Let the caller receive the job id before any work (and events) happen.
      await new Promise((r) => setImmediate(r));
      try {
        ctx.throwIfCancelled();
        const result = await work(ctx);
        state.state = 'done';
        state.progress = 1;
        state.result = (result ?? null) as JobState['result'];
      } catch (e) {
        const err = e as Error;
        if (controller.signal.aborted || err.name === 'AbortError') {
          state.state = 'cancelled';
          state.message = 'cancelled';
        } else {
          state.state = 'failed';
          state.error = err.message;
          const m = (e as { msg?: unknown }).msg;
          if (isMsg(m)) state.errorMsg = m;
        }
      } finally {
        state.finishedAt = Date.now();
        this.emit(state);
      }
    })();
    this.jobs.set(id, { state, controller, done, scope });
    this.emit(state);
    return { ...state };
  }

  get(id: string): JobState | undefined {
    const j = this.jobs.get(id);
    return j ? { ...j.state } : undefined;
  }

  list(): JobState[] {
    return [...this.jobs.values()].map((j) => ({ ...j.state }));
  }

  cancel(id: string): boolean {
    const j = this.jobs.get(id);
    if (!j || j.state.state !== 'running') return false;
    j.controller.abort();
    return true;
  }

  /** Resolves when the job has finished (for tests and the CLI). */
  async wait(id: string): Promise<JobState> {
    const j = this.jobs.get(id);
    if (!j) throw new Error(`no job ${id}`);
    await j.done;
    return { ...j.state };
  }

  /** The running job of this kind, if any (one demo generation at a time). */
  running(kind: JobState['kind']): JobState | undefined {
    for (const j of this.jobs.values()) if (j.state.kind === kind && j.state.state === 'running') return { ...j.state };
    return undefined;
  }

  /** Cancel everything (or every job of one scope: a closing workspace) and wait until they have stopped. */
  async shutdown(scope?: unknown): Promise<void> {
    const affected = [...this.jobs.values()].filter((j) => scope === undefined || j.scope === scope);
    for (const j of affected) if (j.state.state === 'running') j.controller.abort();
    await Promise.all(affected.map((j) => j.done));
  }
}

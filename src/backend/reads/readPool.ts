/**
 * Heavy reads off the backend's thread (issue 14, pt 4): a small pool of worker threads, each with its own read-only
 * connection to the open workspace (WAL: readers never wait for the writer). Started with the workspace, closed with
 * it. Requests queue when every worker is busy; the backend's thread only posts and receives messages.
 */
import type { Worker } from 'node:worker_threads';
import { RejonError } from '../../shared/contract';
import { isMsg } from '../../core/message';
import { startWorker } from '../workers';
import type { ReadMethod } from './methods';

interface Pending {
  id: number;
  method: ReadMethod;
  input: unknown;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

/** Number of read workers (REJON_READ_WORKERS; 0 = reads run on the backend's thread). */
export function readWorkerCount(fallback: number): number {
  const v = process.env.REJON_READ_WORKERS;
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 8) : fallback;
}

export class ReadPool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly size: number,
    private readonly nativeBinding?: string,
  ) {}

  /** Run a heavy read on a worker (started on first use). */
  run(method: ReadMethod, input: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new RejonError('unavailable', 'The workspace was closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, method, input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.busy === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.busy = job;
      slot.worker.postMessage({ id: job.id, method: job.method, input: job.input });
    }
  }

  private spawn(): Slot {
    const worker = startWorker('readWorker', { workerData: { file: this.file, nativeBinding: this.nativeBinding } });
    worker.unref();
    const slot: Slot = { worker, busy: null };
    worker.on('message', (m: { id: number; result?: unknown; error?: { name: string; message: string; code?: string; msg?: unknown } }) => {
      const job = slot.busy;
      if (!job || job.id !== m.id) return;
      slot.busy = null;
      if (m.error) job.reject(new RejonError(m.error.name === 'ZodError' || m.error.name === 'RejonError' ? 'bad-request' : 'internal', m.error.message, undefined, isMsg(m.error.msg) ? m.error.msg : undefined));
      else job.resolve(m.result);
      this.pump();
    });
    const fail = (err: Error) => {
      this.slots = this.slots.filter((s) => s !== slot);
      slot.busy?.reject(new RejonError('internal', `A read worker stopped: ${err.message}`));
      slot.busy = null;
      if (!this.closed) this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`exit code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new RejonError('unavailable', 'The workspace was closed.'));
    const slots = this.slots.splice(0);
    for (const s of slots) s.busy?.reject(new RejonError('unavailable', 'The workspace was closed.'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

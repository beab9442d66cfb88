/**
 * How a job says it is waiting for another writer of its workspace (issue 14, point 5). A job's progress message
 * is a short code string (like 'indexing'); these two are turned into the user's sentence by `jobWaitMsg`.
 */
import { msg, type Msg } from '../core/message';

/** What holds a workspace's writer slot in one backend: a job kind, or 'call' (a change made from a window). */
export type WriterKind = 'import' | 'districts' | 'analysis' | 'demo' | 'call';

/** Progress message of a job waiting for SQLite's write lock, held by another process. */
export const WAITING_PROCESS = 'waiting-process';

/** Progress message of a job waiting behind another writer of the same backend. */
export function waitingQueue(holder: WriterKind): string {
  return `waiting-queue:${holder}`;
}

/** The user's message for a waiting job's progress message, or null when the job is not waiting. */
export function jobWaitMsg(message: string | null | undefined): Msg | null {
  if (message === WAITING_PROCESS) return msg('concurrency.waiting.process');
  const m = /^waiting-queue:(\w+)$/.exec(message ?? '');
  return m ? msg('concurrency.waiting.queue', { holder: m[1] }) : null;
}

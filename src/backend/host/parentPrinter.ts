/**
 * The printer of a backend host whose parent prints (Electron main: webContents.printToPDF in a hidden window
 * with Electron's own Chromium). Each print is a 'print' message with the job; the parent answers with
 * 'print-result'. A parent that does not answer in time fails the print instead of hanging it.
 */
import { RejonError, type WireError } from '../../shared/contract';
import type { PrintJob, Printer } from '../briefing/printer';
import type { FromHost } from './protocol';

/** Time the parent gets beyond the page's own drawing time (window creation, printToPDF itself). */
export const PARENT_PRINT_GRACE_MS = 30_000;

export interface ParentPrinter extends Printer {
  /** Feed 'print-result' messages from the parent here. */
  handleResult(m: { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; error: WireError }): void;
}

export function parentPrinter(send: (m: FromHost) => void): ParentPrinter {
  let nextId = 1;
  const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  return {
    print(job: PrintJob) {
      const id = nextId++;
      return new Promise<Uint8Array>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new RejonError('internal', `The desktop did not return the printed briefing within ${Math.round((job.timeoutMs + PARENT_PRINT_GRACE_MS) / 1000)} s.`));
        }, job.timeoutMs + PARENT_PRINT_GRACE_MS);
        pending.set(id, { resolve, reject, timer });
        send({ type: 'print', id, job });
      });
    },
    handleResult(m) {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.pdf);
      else p.reject(new RejonError(m.error.code, m.error.message, m.error.issues, m.error.msg));
    },
    async close() {
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.reject(new RejonError('cancelled', 'The backend closed during a print.'));
        pending.delete(id);
      }
    },
  };
}

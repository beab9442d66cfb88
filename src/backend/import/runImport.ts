/**
 * A report import as the backend runs it: on the import writer thread (writeWorker.ts), so the backend's own thread
 * stays free for every other call while the file is written. Same contract as `importFile` (one transaction,
 * progress, cancel, the same errors by name, message and message code).
 *
 * Measured before this (import e2e on a loaded 2-core machine): the backend's thread wrote batches back to back,
 * and a cancel, like every other call, waited 12 s for an answer; the import could end before it was heard.
 */
import { startWorker, inlineRequested } from '../workers';
import { importFile, type ImportProgress, type ImportRequest, type ImportSummary } from './importFile';
import { deserializeError, type SerializedError } from './workerErrors';

type FromWriter =
  | { type: 'progress'; fraction: number; message?: string }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'error'; error: SerializedError };

export async function runImport(workspacePath: string, req: ImportRequest, ctx: ImportProgress, nativeBinding?: string): Promise<ImportSummary> {
  // Both pipelines on one thread only when a test asks for it (REJON_IMPORT_INLINE=1).
  if (inlineRequested('importWorker')) return importFile(workspacePath, req, ctx, nativeBinding);
  ctx.throwIfCancelled();
  const cancelFlag = new SharedArrayBuffer(4);
  const worker = startWorker('importWriteWorker', { workerData: { workspacePath, req, nativeBinding, cancelFlag } });
  const cancel = () => {
    Atomics.store(new Int32Array(cancelFlag), 0, 1);
    worker.postMessage({ type: 'cancel' });
  };
  ctx.signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await new Promise<ImportSummary>((resolve, reject) => {
      let settled = false;
      worker.on('message', (m: FromWriter) => {
        if (m.type === 'progress') ctx.progress(m.fraction, m.message);
        else if (m.type === 'done') {
          settled = true;
          resolve(m.summary);
        } else {
          settled = true;
          reject(deserializeError(m.error));
        }
      });
      worker.on('error', (e) => {
        settled = true;
        reject(e);
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new Error(`import writer stopped (exit ${code}) before it finished; the transaction was not committed`));
      });
    });
  } finally {
    ctx.signal?.removeEventListener('abort', cancel);
    await worker.terminate();
  }
}

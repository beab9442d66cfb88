/**
 * Import writer thread: runs a whole report import (`importFile`: its own connection, one transaction, the parse
 * worker below it) off the backend's thread, so the backend answers every other call (cancel, health, other
 * windows) while a large file is written. Messages to the backend: progress, then done (the summary) or error.
 *
 * Cancel: the backend sets a shared flag (read between batches, no event-loop turn needed) and posts 'cancel'
 * (aborts a wait for another writer).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { importFile, type ImportRequest } from './importFile';
import { serializeError } from './workerErrors';

interface Data {
  workspacePath: string;
  req: ImportRequest;
  nativeBinding?: string;
  cancelFlag: SharedArrayBuffer;
}

const { workspacePath, req, nativeBinding, cancelFlag } = workerData as Data;
const flag = new Int32Array(cancelFlag);
const controller = new AbortController();
parentPort!.on('message', (m: { type: 'cancel' }) => {
  if (m.type === 'cancel') controller.abort();
});

const cancelled = () => Atomics.load(flag, 0) === 1 || controller.signal.aborted;

try {
  const summary = await importFile(
    workspacePath,
    req,
    {
      signal: controller.signal,
      progress: (fraction, message) => parentPort!.postMessage({ type: 'progress', fraction, message }),
      throwIfCancelled: () => {
        if (cancelled()) {
          const e = new Error('cancelled');
          e.name = 'AbortError';
          throw e;
        }
      },
    },
    nativeBinding,
  );
  parentPort!.postMessage({ type: 'done', summary });
} catch (e) {
  parentPort!.postMessage({ type: 'error', error: serializeError(e) });
} finally {
  parentPort!.close(); // nothing more to hear: the thread ends
}

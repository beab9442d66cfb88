/**
 * Import worker thread: reads and normalises the file and posts batches to the importing thread,
 * which writes them to SQLite. At most MAX_IN_FLIGHT batches wait unacknowledged (bounded memory).
 */
import { parentPort } from 'node:worker_threads';
import { buildVoivodeshipIndex, type PolygonFeatureCollection } from '../../core/import';
import { rowBatches, transferables, type BatchJob } from './rowBatches';

const MAX_IN_FLIGHT = 3;
let inFlight = 0;
let wake: (() => void) | null = null;

parentPort!.on('message', async (msg: { type: 'start'; job: Omit<BatchJob, 'normalizer'> & { normalizer: { dateObjectsAreUtc: boolean }; voivodeships: PolygonFeatureCollection } } | { type: 'ack' }) => {
  if (msg.type === 'ack') {
    inFlight--;
    wake?.();
    wake = null;
    return;
  }
  try {
    const { voivodeships, ...job } = msg.job;
    const vi = buildVoivodeshipIndex(voivodeships);
    for await (const b of rowBatches({ ...job, normalizer: { ...job.normalizer, voivodeships: vi } })) {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
      inFlight++;
      parentPort!.postMessage({ type: 'batch', batch: b }, transferables(b));
    }
    parentPort!.postMessage({ type: 'end' });
  } catch (e) {
    parentPort!.postMessage({ type: 'error', message: (e as Error).message, name: (e as Error).name, msg: (e as { msg?: unknown }).msg });
  }
});

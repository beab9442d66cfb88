/**
 * Analysis worker thread: receives {request, input} and posts progress messages and the result, so a
 * long analysis never blocks the backend's event loop (and with it the API).
 */
import { parentPort } from 'node:worker_threads';
import { computeAnalysis, type AnalysisInput } from './compute';
import type { AnalysisRequest } from '../../shared/contract/analysis';

parentPort!.on('message', (msg: { request: AnalysisRequest; input: AnalysisInput }) => {
  try {
    let last = 0;
    const result = computeAnalysis(msg.request as never, msg.input, {
      onProgress: (f) => {
        const now = Date.now();
        if (now - last > 100) {
          last = now;
          parentPort!.postMessage({ type: 'progress', fraction: f });
        }
      },
    });
    parentPort!.postMessage({ type: 'done', result });
  } catch (e) {
    parentPort!.postMessage({ type: 'error', message: (e as Error).message });
  }
});

/**
 * Where the backend's worker threads come from.
 *
 * - Built (what ships: out/main, the Electron utility process and `rejon` from out/): the worker entries are
 *   emitted by the build next to the host (`out/main/analysisWorker.js`, `out/main/importWorker.js`, …, see
 *   electron.vite.config.ts) and are found relative to the running bundle. tsx is never involved.
 * - Sources (development, vitest, `REJON_DEV=1 rejon`): this module is TypeScript, so the workers start through
 *   their `worker-bootstrap.mjs`, which registers tsx in the worker thread.
 *
 * A missing worker script is an error, never a silent fall-back to running the work on the backend's only
 * thread (cancel and every other call would wait for it). Running inline stays available on purpose only:
 * REJON_ANALYSIS_INLINE=1 / REJON_IMPORT_INLINE=1 (tests that compare both pipelines).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export type WorkerName = 'analysisWorker' | 'importWorker' | 'importWriteWorker' | 'readWorker';

/** Source bootstraps, relative to this file's folder (src/backend). */
const SOURCE_BOOTSTRAP: Record<WorkerName, string[]> = {
  analysisWorker: ['analysis', 'worker-bootstrap.mjs'],
  importWorker: ['import', 'worker-bootstrap.mjs'],
  importWriteWorker: ['import', 'worker-bootstrap-write.mjs'],
  readWorker: ['reads', 'worker-bootstrap.mjs'],
};

/** Shared code of the build sits in `chunks/` below the entry files (chunkFileNames in electron.vite.config.ts). */
const CHUNKS_DIR = 'chunks';

/** True when this code runs from the TypeScript sources (tsx, vitest), false in the built bundle. */
export function runsFromSources(moduleUrl: string = import.meta.url): boolean {
  return /\.tsx?$/.test(fileURLToPath(moduleUrl));
}

/**
 * The script a worker thread starts from. `moduleUrl` is the URL of the code asking (this module's, inlined
 * into whichever bundle file holds it); exposed for tests.
 */
export function workerScript(name: WorkerName, moduleUrl: string = import.meta.url): string {
  const here = path.dirname(fileURLToPath(moduleUrl));
  if (runsFromSources(moduleUrl)) return path.join(here, ...SOURCE_BOOTSTRAP[name]);
  const entries = path.basename(here) === CHUNKS_DIR ? path.dirname(here) : here;
  return path.join(entries, `${name}.js`);
}

/** Start a worker thread from the bundle (or the sources in development); throws when its script is missing. */
export function startWorker(name: WorkerName, options: Pick<WorkerOptions, 'resourceLimits' | 'workerData'> = {}): Worker {
  const file = workerScript(name);
  if (!fs.existsSync(file)) {
    throw new Error(`The ${name} script is missing (${file}): the build is incomplete. Run "npm run build".`);
  }
  return new Worker(file, options);
}

/** Work runs inline on the calling thread only when asked for explicitly (tests comparing both paths). */
export function inlineRequested(name: WorkerName): boolean {
  return process.env[name === 'analysisWorker' ? 'REJON_ANALYSIS_INLINE' : 'REJON_IMPORT_INLINE'] === '1';
}

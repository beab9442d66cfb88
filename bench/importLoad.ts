/**
 * The backend's thread during a report import (CI saw a cancel answered 12 s late): how long a call would wait
 * (event-loop delay of the thread that serves the API, perf_hooks.monitorEventLoopDelay) while a 300k-row export is
 * imported into a fresh workspace. Baseline in the same run: the import written on the backend's own thread with
 * its parse worker (importFile, how every import ran before), against the import writer thread (runImport, now).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateBenchCsv } from './import-parse';
import { importFile } from '../src/backend/import/importFile';
import { runImport } from '../src/backend/import/runImport';
import { openWorkspace } from '../src/backend/store/workspace';

const ROWS = Number(process.env.REJON_BENCH_IMPORT_LOAD_ROWS) || 300_000;

export async function benchImportLoad(log: (line: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-bench-import-load-'));
  try {
    const csv = path.join(dir, 'export.csv');
    await generateBenchCsv(csv, ROWS);
    const ctx = { progress: () => {}, throwIfCancelled: () => {} };
    const modes = [
      ['backend thread (before)', (ws: string) => importFile(ws, { path: csv }, ctx)],
      ['writer thread (now)', (ws: string) => runImport(ws, { path: csv }, ctx)],
    ] as const;
    const results: { name: string; p99: number; max: number }[] = [];
    for (const [name, run] of modes) {
      const ws = path.join(dir, `${results.length}.sqlite`);
      openWorkspace(ws, { create: true }).close();
      const h = monitorEventLoopDelay({ resolution: 10 });
      h.enable();
      const t0 = performance.now();
      const s = await run(ws);
      const ms = performance.now() - t0;
      h.disable();
      const p = (q: number) => h.percentile(q) / 1e6;
      results.push({ name, p99: p(99), max: h.max / 1e6 });
      log(`import-load: ${name.padEnd(24)} ${(ms / 1000).toFixed(2)} s for ${s.rows.toLocaleString('en')} rows; the API's thread delayed p50 ${p(50).toFixed(0)} ms, p99 ${p(99).toFixed(0)} ms, max ${(h.max / 1e6).toFixed(0)} ms`);
    }
    const [before, now] = results;
    log(`import-load: longest wait for a call during the import: ${before.max.toFixed(0)} ms before, ${now.max.toFixed(0)} ms now (${(before.max / Math.max(1, now.max)).toFixed(0)}x shorter); target p99 < 200 ms: ${now.p99 < 200 ? 'met' : 'not met'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

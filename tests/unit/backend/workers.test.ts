/** Where worker threads start from (src/backend/workers.ts): the bundle's own entries, or the sources through tsx. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runsFromSources, workerScript } from '../../../src/backend/workers';

const ROOT = path.resolve(__dirname, '../../..');

describe('worker scripts', () => {
  it('from the sources: the tsx bootstraps next to the workers', () => {
    expect(runsFromSources()).toBe(true);
    expect(workerScript('analysisWorker')).toBe(path.join(ROOT, 'src', 'backend', 'analysis', 'worker-bootstrap.mjs'));
    expect(workerScript('importWorker')).toBe(path.join(ROOT, 'src', 'backend', 'import', 'worker-bootstrap.mjs'));
    expect(workerScript('readWorker')).toBe(path.join(ROOT, 'src', 'backend', 'reads', 'worker-bootstrap.mjs'));
    expect(workerScript('importWriteWorker')).toBe(path.join(ROOT, 'src', 'backend', 'import', 'worker-bootstrap-write.mjs'));
    for (const w of ['analysisWorker', 'importWorker', 'importWriteWorker', 'readWorker'] as const) expect(fs.existsSync(workerScript(w))).toBe(true);
  });

  it('from the bundle: the entries next to the host, whether the caller is an entry or a shared chunk', () => {
    const out = path.join(ROOT, 'out', 'main');
    const fromChunk = pathToFileURL(path.join(out, 'chunks', 'runAnalysis-abc123.js')).href;
    const fromEntry = pathToFileURL(path.join(out, 'backendHost.js')).href;
    expect(runsFromSources(fromChunk)).toBe(false);
    expect(workerScript('analysisWorker', fromChunk)).toBe(path.join(out, 'analysisWorker.js'));
    expect(workerScript('importWorker', fromEntry)).toBe(path.join(out, 'importWorker.js'));
    // after `npm run build` (npm test builds first) they are there
    expect(fs.existsSync(path.join(out, 'analysisWorker.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'importWorker.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'importWriteWorker.js'))).toBe(true);
  });
});

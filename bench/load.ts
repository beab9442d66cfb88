/**
 * A responsive backend under load (issue 14, pt 4): `rejon serve` from the build on a large workspace, 50 concurrent
 * heavy reads (getReportColumns of every report, over and over) for 10 s, /api/health sampled every 50 ms meanwhile.
 * Target: 0 errors, health p99 < 200 ms, every heavy answer byte-identical to the first. Baseline in the same run:
 * the same load with the reads on the backend's thread (REJON_READ_WORKERS=0, how every read ran before).
 * Workspace: the demo generator's largest (REJON_BENCH_LOAD_REPORTS, default 200 000 reports: the 655k workspace of
 * the issue takes too long to generate on a shared 2-core machine), or REJON_BENCH_LOAD_WORKSPACE=FILE.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain .mjs script without types
import { buildIfStale } from '../scripts/build-if-stale.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REJON = path.join(ROOT, 'bin', 'rejon.mjs');
const CONCURRENCY = Number(process.env.REJON_BENCH_LOAD_CONCURRENCY) || 50;
const SECONDS = Number(process.env.REJON_BENCH_LOAD_SECONDS) || 10;

interface Served {
  url: string;
  token: string;
  child: ChildProcess;
}

async function serve(file: string, home: string, env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [REJON, 'serve', '--workspace', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REJON_BUILT: '1', REJON_HOME: home, ...env } });
  let out = '';
  const open = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 120_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  return { url: open.split('#')[0], token: open.split('#token=')[1], child };
}

async function stop(s: Served): Promise<void> {
  await new Promise<void>((resolve) => {
    if (s.child.exitCode != null || s.child.signalCode != null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill('SIGTERM');
  });
}

async function heavy(s: Served): Promise<Buffer> {
  const r = await fetch(`${s.url}api/call/getReportColumns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    body: JSON.stringify({ filter: {} }),
  });
  if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${(await r.text()).slice(0, 200)}`);
  return Buffer.from(await r.arrayBuffer());
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};

async function load(s: Served): Promise<{ heavyMs: number[]; healthMs: number[]; errors: string[]; wrong: number; bytes: number }> {
  const ref = createHash('sha256').update(await heavy(s)).digest('hex');
  const refBytes = (await heavy(s)).byteLength;
  const end = Date.now() + SECONDS * 1000;
  const heavyMs: number[] = [];
  const healthMs: number[] = [];
  const errors: string[] = [];
  let wrong = 0;
  const worker = async () => {
    while (Date.now() < end) {
      const t0 = performance.now();
      try {
        const b = await heavy(s);
        heavyMs.push(performance.now() - t0);
        if (createHash('sha256').update(b).digest('hex') !== ref) wrong++;
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
  };
  const health = async () => {
    while (Date.now() < end) {
      const t0 = performance.now();
      try {
        const r = await fetch(`${s.url}api/health`, { signal: AbortSignal.timeout(30_000) });
        await r.text();
        if (r.status !== 200) errors.push(`health HTTP ${r.status}`);
        healthMs.push(performance.now() - t0);
      } catch (e) {
        errors.push(`health: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await Promise.all([...Array.from({ length: CONCURRENCY }, worker), health()]);
  return { heavyMs, healthMs, errors, wrong, bytes: refBytes };
}

export async function benchLoad(log: (line: string) => void): Promise<void> {
  buildIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-bench-load-'));
  try {
    let file = process.env.REJON_BENCH_LOAD_WORKSPACE;
    if (!file) {
      const reports = Number(process.env.REJON_BENCH_LOAD_REPORTS) || 200_000;
      file = path.join(dir, 'load.sqlite');
      const t0 = Date.now();
      const r = spawnSync(process.execPath, [REJON, 'demo', '--workspace', file, '--reports', String(reports)], { cwd: ROOT, env: { ...process.env, REJON_BUILT: '1' }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`rejon demo failed: ${r.stderr}`);
      log(`workspace: demo generator, ${reports.toLocaleString('en')} reports (${((Date.now() - t0) / 1000).toFixed(0)} s to generate)`);
    } else {
      log(`workspace: ${file}`);
    }
    for (const [label, workers] of [['baseline: reads on the backend thread (REJON_READ_WORKERS=0)', '0'], ['read workers (2, as serve ships)', '2']] as const) {
      const home = fs.mkdtempSync(path.join(dir, 'home-'));
      const s = await serve(file, home, { REJON_READ_WORKERS: workers });
      try {
        const r = await load(s);
        log(
          `${label}: ${CONCURRENCY} concurrent getReportColumns for ${SECONDS} s (${(r.bytes / 1e6).toFixed(1)} MB each): ${r.heavyMs.length} answers, ` +
            `${r.errors.length} errors${r.errors.length ? ` (first: ${r.errors[0]})` : ''}, ${r.wrong} not identical; heavy p50 ${pct(r.heavyMs, 0.5).toFixed(0)} ms, ` +
            `p99 ${pct(r.heavyMs, 0.99).toFixed(0)} ms; /api/health n=${r.healthMs.length} p50 ${pct(r.healthMs, 0.5).toFixed(0)} ms, ` +
            `p99 ${pct(r.healthMs, 0.99).toFixed(0)} ms, max ${Math.max(...r.healthMs).toFixed(0)} ms (target p99 < 200 ms, 0 errors)`,
        );
      } finally {
        await stop(s);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Command-line start-up (issue 16): wall time of whole `rejon` processes as a user runs them, against a bare
 * `node -e 0` measured in the same run, interleaved (baseline, then each command, repeated) so a drift of the
 * machine's speed hits all of them alike. Target: `rejon info` on the demo workspace ≤ 250 ms (median).
 * Also shown, for reference: `rejon --help`, and `rejon info` from the TypeScript sources through tsx
 * (REJON_DEV=1, how every command started before the command line was built).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain .mjs script without types
import { buildIfStale } from '../scripts/build-if-stale.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REJON = path.join(ROOT, 'bin', 'rejon.mjs');
const RUNS = Number(process.env.REJON_BENCH_RUNS) || 15;
const TARGET_MS = 250;

function wallMs(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function benchCli(log: (line: string) => void): Promise<void> {
  buildIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-bench-cli-'));
  try {
    const ws = path.join(dir, 'demo.sqlite');
    wallMs([REJON, 'demo', '--workspace', ws]);
    const dev = { ...process.env, REJON_DEV: '1' };
    const cases: { name: string; args: string[]; env?: NodeJS.ProcessEnv; runs?: number }[] = [
      { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
      { name: 'rejon info --json (built)', args: [REJON, 'info', '--workspace', ws, '--json'] },
      { name: 'rejon --help (built)', args: [REJON, '--help'] },
      { name: 'rejon info --json (sources via tsx, REJON_DEV=1)', args: [REJON, 'info', '--workspace', ws, '--json'], env: dev, runs: Math.min(RUNS, 5) },
    ];
    const times = cases.map(() => [] as number[]);
    for (const c of cases) wallMs(c.args, c.env); // warm-up: file cache, compiled-code cache
    for (let i = 0; i < RUNS; i++) {
      cases.forEach((c, k) => {
        if (i < (c.runs ?? RUNS)) times[k].push(wallMs(c.args, c.env));
      });
    }
    const base = median(times[0]);
    log(`${RUNS} interleaved runs each (tsx: ${Math.min(RUNS, 5)}), wall time of the whole process, ms:`);
    log(`  ${'command'.padEnd(52)} ${'min'.padStart(7)} ${'median'.padStart(7)} ${'max'.padStart(7)}  median − baseline`);
    cases.forEach((c, k) => {
      const t = times[k];
      const m = median(t);
      log(`  ${c.name.padEnd(52)} ${Math.min(...t).toFixed(0).padStart(7)} ${m.toFixed(0).padStart(7)} ${Math.max(...t).toFixed(0).padStart(7)}  ${k === 0 ? '' : `+${(m - base).toFixed(0)} ms (${(m / base).toFixed(1)}×)`}`);
    });
    const info = median(times[1]);
    log(`  target: rejon info ≤ ${TARGET_MS} ms median → ${info.toFixed(0)} ms: ${info <= TARGET_MS ? 'met' : 'NOT met'}; sources via tsx are ${(median(times[3]) / info).toFixed(1)}× slower`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

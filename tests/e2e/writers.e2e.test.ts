/**
 * Writers that wait their turn (issue 14, pt 5), across real processes on one real SQLite file, all from the build:
 * `rejon serve` takes a write from the app while `rejon import` of a big file holds the workspace (the write waits
 * and lands, or gets a clear 'busy' after the stated wait: never a 500), the app hears of the import through
 * PRAGMA data_version ('workspace-changed' on its event stream), and two `rejon import`s at once (the second says
 * it waits, then lands).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJON, REJON_ENV, ROOT, rejon, serve, type Served } from './harness';
import { tmpDir } from '../helpers/tmp';
import { syntheticRows, writeKmzbCsv } from '../helpers/kmzbCsv';

/** Rows of the big file: enough for the import to hold the workspace for seconds on this machine. */
const ROWS = Number(process.env.REJON_WRITERS_ROWS ?? 60_000);

let t: ReturnType<typeof tmpDir>;
let bigA: string;
let bigB: string;

beforeAll(() => {
  t = tmpDir('rejon-writers-e2e-');
  bigA = path.join(t.dir, 'eksport-a.csv');
  bigB = path.join(t.dir, 'eksport-b.csv');
  writeKmzbCsv(bigA, syntheticRows(ROWS));
  writeKmzbCsv(bigB, syntheticRows(ROWS, ROWS));
});
afterAll(() => t.cleanup());

function newWorkspace(name: string): string {
  const file = path.join(t.dir, `${name}.sqlite`);
  rejon(['new', file, '--name', name, '--territory', 'powiat piotrkowski', '--territory', 'Piotrków Trybunalski']);
  return file;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  endedAt: number;
}

/** `rejon ARGS` as its own process (the built CLI), in English. */
function start(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [REJON, ...args], { cwd: ROOT, env: { ...REJON_ENV, REJON_LANG: 'en' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr, endedAt: Date.now() })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves true once another connection holds the file's write lock (false when `until` settles first). */
async function lockTaken(file: string, until: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void until.then(() => (settled = true));
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 0');
    while (!settled) {
      try {
        db.exec('BEGIN IMMEDIATE');
        db.exec('ROLLBACK');
      } catch (e) {
        if (String((e as { code?: string }).code).startsWith('SQLITE_BUSY')) return true;
        throw e;
      }
      await sleep(20);
    }
    return false;
  } finally {
    db.close();
  }
}

async function call(s: Served, method: string, input: unknown): Promise<{ status: number; body: any; ms: number }> {
  const t0 = performance.now();
  const r = await fetch(`${s.url}api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    body: JSON.stringify(input),
  });
  return { status: r.status, body: await r.json(), ms: performance.now() - t0 };
}

/** /api/health latencies, sampled every 50 ms until `until` settles. */
async function healthWhile(s: Served, until: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void until.then(() => (settled = true), () => (settled = true));
  const out: number[] = [];
  while (!settled) {
    const t0 = performance.now();
    await (await fetch(`${s.url}api/health`)).text();
    out.push(performance.now() - t0);
    await sleep(50);
  }
  return out;
}

/** The app's event stream: every event's JSON with the time it arrived. */
async function events(s: Served): Promise<{ got: { at: number; e: { type: string } }[]; close(): void }> {
  const ac = new AbortController();
  const res = await fetch(`${s.url}api/events?token=${s.token}`, { signal: ac.signal });
  const got: { at: number; e: { type: string } }[] = [];
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const chunk = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = chunk.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('');
          if (data) got.push({ at: Date.now(), e: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { got, close: () => ac.abort() };
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];

describe('a CLI import while the app writes', { timeout: 300_000 }, () => {
  it("the app's write waits for the import and lands; the app stays responsive and hears of the import", async () => {
    const file = newWorkspace('kpp-a');
    const s = await serve(file, { env: { REJON_WRITE_WAIT_MS: '240000' } });
    const ev = await events(s);
    try {
      const imp = start(['import', bigA, '--workspace', file]);
      expect(await lockTaken(file, imp)).toBe(true);
      const writing = call(s, 'setSetting', { key: 'test.during-import', value: { ok: 1 } });
      const health = await healthWhile(s, writing);
      const w = await writing;
      const r = await imp;
      expect(r.stderr).not.toMatch(/locked|SQLITE/i);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`inserted ${ROWS}`);
      expect(w.status).toBe(200);
      expect(w.body).toEqual({ result: { ok: true } });
      expect((await call(s, 'getSetting', { key: 'test.during-import' })).body.result).toEqual({ ok: 1 });
      // the app noticed the other process's commit (data_version poll, every 2 s) and says so
      const deadline = Date.now() + 8000;
      while (!ev.got.some((g) => g.e.type === 'workspace-changed') && Date.now() < deadline) await sleep(100);
      const changed = ev.got.find((g) => g.e.type === 'workspace-changed');
      expect(changed).toBeDefined();
      expect((await call(s, 'getWorkspaceInfo', {})).body.result.reports).toBe(ROWS);
      console.log(
        `[writers] import of ${ROWS} rows: app write waited ${Math.round(w.ms)} ms and landed; health during the wait: n=${health.length}, ` +
          `max ${Math.round(Math.max(...health))} ms, p99 ${Math.round(p99(health))} ms; workspace-changed ${changed!.at - r.endedAt} ms after the CLI exited`,
      );
      expect(p99(health)).toBeLessThan(500);
    } finally {
      ev.close();
      await s.stop();
    }
  });

  it("with a short stated wait the app's write gets a clear 503 'busy' (translated), never a 500", async () => {
    const file = newWorkspace('kpp-b');
    const s = await serve(file, { env: { REJON_WRITE_WAIT_MS: '600' } });
    try {
      const imp = start(['import', bigA, '--workspace', file]);
      expect(await lockTaken(file, imp)).toBe(true);
      const w = await call(s, 'setSetting', { key: 'test.busy', value: 1 });
      expect(w.status).toBe(503);
      expect(w.body.error.code).toBe('busy');
      expect(w.body.error.msg).toEqual({ code: 'concurrency.busy', params: { seconds: 1 } });
      const r = await imp;
      expect(r.status).toBe(0);
      expect((await call(s, 'getSetting', { key: 'test.busy' })).body.result).toBeNull(); // nothing written
      // once the import is over the same write goes through
      expect((await call(s, 'setSetting', { key: 'test.busy', value: 2 })).status).toBe(200);
      console.log(`[writers] busy answer after ${Math.round(w.ms)} ms (stated wait 600 ms)`);
    } finally {
      await s.stop();
    }
  });
});

describe('two CLI imports at once', { timeout: 300_000 }, () => {
  it('the second waits (and says so), then lands: both files in the workspace, one file at rest', async () => {
    const file = newWorkspace('kpp-c');
    // the first import holds the write lock for long (4x the rows): the second must reach its own write while the
    // first still writes, even on an idle machine where parsing the second file outlasted a short first import
    const bigA4 = path.join(t.dir, 'eksport-a4.csv');
    writeKmzbCsv(bigA4, syntheticRows(4 * ROWS, 10 * ROWS));
    const first = start(['import', bigA4, '--workspace', file]);
    expect(await lockTaken(file, first)).toBe(true);
    const t0 = Date.now();
    const second = start(['import', bigB, '--workspace', file]);
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(a.stdout).toContain(`inserted ${4 * ROWS}`);
    expect(b.stdout).toContain(`inserted ${ROWS}`);
    expect(b.stderr).toContain('Waiting for another program');
    expect(b.stderr).not.toMatch(/locked|SQLITE/i);
    expect(JSON.parse(rejon(['info', '--workspace', file, '--json']).stdout).reports).toBe(5 * ROWS);
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith('kpp-c'))).toEqual(['kpp-c.sqlite']);
    console.log(`[writers] second import waited; both done ${b.endedAt - t0} ms after it started (first ended ${a.endedAt - t0} ms)`);
  });
});

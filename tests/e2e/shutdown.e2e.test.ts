/**
 * Issue 14 point 6: `rejon serve` (the built CLI) shuts down cleanly on SIGTERM and SIGINT and leaves nothing of
 * Rejon's in the temp folder. The served process gets a private TMPDIR so the check sees only what it wrote: a staged
 * upload (personal data), the print browser of a briefing PDF; after the signal the folder must be empty, the process
 * must exit 0, and the workspace must be checkpointed and back in rollback-journal mode (no -wal left to leak or lose).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJON, REJON_ENV, ROOT, rejon } from './harness';
import { tmpDir } from '../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
const children: ChildProcess[] = [];
const tmps: string[] = [];

beforeAll(() => {
  t = tmpDir('rejon-e2e-shutdown-');
});

afterAll(() => {
  for (const c of children) if (c.exitCode == null && c.signalCode == null) c.kill('SIGKILL');
  t?.cleanup();
  for (const d of tmps) fs.rmSync(d, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  token: string;
  exited: Promise<number | null>;
}

async function start(ws: string, tmp: string, home: string): Promise<Running> {
  const child = spawn(process.execPath, [REJON, 'serve', '--workspace', ws], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...REJON_ENV, TMPDIR: tmp, REJON_HOME: home },
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out} ${err}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { child, url: openUrl.split('#')[0], token: openUrl.split('#token=')[1], exited };
}

async function call(r: Running, method: string, input: unknown): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(`${r.url}api/call/${method}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${r.token}` }, body: JSON.stringify(input),
  });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The served process's TMPDIR: its own folder, with a short path (Chromium puts unix sockets below it). */
function privateTmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-sd-'));
  tmps.push(d);
  return d;
}

function newWorkspace(name: string): string {
  const ws = path.join(t.dir, `${name}.sqlite`);
  rejon(['new', ws, '--name', 'KMP Piotrków Trybunalski', '--territory', 'powiat Piotrków Trybunalski']);
  return ws;
}

/** Journal mode from the file header (bytes 18-19: 1 = rollback journal, 2 = WAL). */
function journalBytes(ws: string): [number, number] {
  const fd = fs.openSync(ws, 'r');
  try {
    const b = Buffer.alloc(20);
    fs.readSync(fd, b, 0, 20, 0);
    return [b[18], b[19]];
  } finally {
    fs.closeSync(fd);
  }
}

describe('rejon serve shuts down cleanly and leaves nothing behind', () => {
  it('SIGTERM during a session with a staged upload and a printed briefing: exit 0, temp folder empty, workspace checkpointed', async () => {
    const ws = newWorkspace('term');
    const tmp = privateTmp();
    const home = fs.mkdtempSync(path.join(t.dir, 'home-'));
    const r = await start(ws, tmp, home);
    expect((await call(r, 'setSetting', { key: 'test.shutdown', value: 1 })).status).toBe(200); // the WAL has content
    expect(fs.statSync(`${ws}-wal`).size).toBeGreaterThan(0);
    const up = await call(r, 'uploadChunk', { name: 'eksport-policja.csv', offset: 0, data: Buffer.from('Nr;Opis\n1;Jan Kowalski, ul. Długa 5\n').toString('base64') });
    expect(up.status).toBe(200);
    expect(fs.readdirSync(tmp).filter((n) => n.startsWith('rejon-uploads-'))).toHaveLength(1);
    const pdf = await call(r, 'printBriefingPdf', { request: { from: '2025-01-01', to: '2025-01-31' } });
    expect(pdf.status, pdf.bytes.toString('utf8').slice(0, 500)).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fs.readdirSync(tmp).length).toBeGreaterThan(1); // the print browser's profile is there too

    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(fs.existsSync(`${ws}-wal`) ? fs.statSync(`${ws}-wal`).size : 0).toBe(0);
    expect(journalBytes(ws)).toEqual([1, 1]);
    expect(JSON.parse(rejon(['info', '--workspace', ws, '--json']).stdout).reports).toBe(0);
  }, 240_000);

  it('SIGINT (Ctrl+C) with a staged upload: exit 0, temp folder empty', async () => {
    const ws = newWorkspace('int');
    const tmp = privateTmp();
    const home = fs.mkdtempSync(path.join(t.dir, 'home-'));
    const r = await start(ws, tmp, home);
    expect((await call(r, 'uploadChunk', { name: 'a.csv', offset: 0, data: Buffer.from('a;b\n1;2\n').toString('base64') })).status).toBe(200);
    expect(fs.readdirSync(tmp)).toHaveLength(1);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
    expect(fs.readdirSync(tmp)).toEqual([]);
    expect(journalBytes(ws)).toEqual([1, 1]);
  }, 120_000);
});

/**
 * The backend as the desktop ships it: the BUILT host (out/main/backendHost.js, `npm test` builds first) started
 * under plain Node with child_process.fork and an IPC channel, speaking the same messages as the Electron
 * utility process (src/backend/host/protocol.ts), watched by the same BackendSupervisor main uses. No tsx, no
 * sources: the worker threads must come from the bundle too.
 *
 * Checks: an analysis runs off the host's thread (a long Knox test on the demo while getWorkspaceInfo answers),
 * cancelJob stops it within 1 s; a killed host rejects the call in flight at once and comes back on the same
 * workspace; 'close' closes cleanly (WAL checkpointed, staged uploads removed, exit 0); a refused workspace is not
 * restarted; a briefing printed through the desktop's print protocol (the parent prints, as Electron main does
 * with printToPDF) comes back as a real PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { BackendSupervisor, type CallReply, type HostProcess } from '../../../electron/backendSupervisor';
import { electronPdfOptions } from '../../../electron/printing';
import { isAllowedPrintNavigation, isAllowedPrintUrl } from '../../../electron/policy';
import { HEADLESS_CHROMIUM_ARGS, PRINT_READY_EXPRESSION, waitForPrintState, type PrintJob } from '../../../src/backend/briefing/printer';
import type { JobState, RejonEvent, WorkspaceInfo } from '../../../src/shared/contract';
import { demoWorkspace } from '../../helpers/demoWorkspace';
import { writePrintStub } from '../../helpers/printStub';
import { tmpDir } from '../../helpers/tmp';

const ROOT = path.resolve(__dirname, '../../..');
const HOST = path.join(ROOT, 'out', 'main', 'backendHost.js');

let t: ReturnType<typeof tmpDir>;
let uploadsTmp: string;
const children: ChildProcess[] = [];

/** The built host under Node, as Electron main would start it (plus a private TMPDIR to see staged uploads). */
function forkHost(workspace: string | null, extraEnv: Record<string, string> = {}): { host: HostProcess; child: ChildProcess } {
  // REJON_HOME: the host keeps the app's recent list; never the user's own data folder in a test
  const env: NodeJS.ProcessEnv = { ...process.env, REJON_WORKSPACE: workspace ?? '', REJON_HOME: path.join(t.dir, 'home'), TMPDIR: uploadsTmp, ...extraEnv };
  delete env.NODE_OPTIONS; // nothing of vitest's (or tsx's) loaders
  delete env.REJON_ANALYSIS_INLINE;
  const child = fork(HOST, [], { env, execArgv: [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  const host: HostProcess = {
    postMessage: (m) => void child.send(m),
    onMessage: (cb) => child.on('message', cb),
    onExit: (cb) => child.on('exit', (code, signal) => cb(code, signal)),
    kill: () => void child.kill('SIGKILL'),
  };
  return { host, child };
}

function supervise(workspace: string, opts: { env?: Record<string, string>; print?: (job: PrintJob) => Promise<Uint8Array> } = {}) {
  const events: RejonEvent[] = [];
  const spawned: ChildProcess[] = [];
  const sup = new BackendSupervisor({
    workspace,
    spawn: (ws) => {
      const { host, child } = forkHost(ws, opts.env);
      spawned.push(child);
      return host;
    },
    onEvent: (e) => events.push(e),
    print: opts.print,
    restartPolicy: { maxCrashes: 3, windowMs: 60_000, delaysMs: [50] },
    closeTimeoutMs: 15_000,
  });
  sup.start();
  return { sup, events, spawned };
}

async function ok<T>(reply: Promise<CallReply>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined> | T | null | undefined, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(() => {
  if (!fs.existsSync(HOST)) throw new Error(`${HOST} is missing: run "npm run build" first (npm test does).`);
  t = tmpDir('rejon-host-');
  uploadsTmp = path.join(t.dir, 'tmp');
  fs.mkdirSync(uploadsTmp);
});
afterAll(() => {
  for (const c of children) if (c.exitCode == null && c.signalCode == null) c.kill('SIGKILL');
  t?.cleanup();
});

describe('the built backend host under Node (the utility-process protocol over child_process IPC)', () => {
  it('the build has the host and the worker entries next to it, and nothing in out/main needs tsx', () => {
    for (const f of ['backendHost.js', 'analysisWorker.js', 'importWorker.js', 'importWriteWorker.js', 'readWorker.js', 'cli.js']) expect(fs.existsSync(path.join(ROOT, 'out', 'main', f)), f).toBe(true);
    const files = fs.readdirSync(path.join(ROOT, 'out', 'main'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    // no import of tsx (static or dynamic) anywhere in what ships
    for (const f of files) expect(fs.readFileSync(path.join(ROOT, 'out', 'main', f), 'utf8'), f).not.toMatch(/(from\s*|import\s*\(\s*)["']tsx(\/[^"']*)?["']/);
  });

  it('runs a long analysis in a worker thread: other calls answer meanwhile, cancelJob stops it within 1 s', async () => {
    const ws = demoWorkspace(t.dir, 'analysis.sqlite');
    const { sup } = supervise(ws);
    try {
      const info0 = await ok<WorkspaceInfo>(sup.call('getWorkspaceInfo', {}));
      expect(info0.reports).toBe(5000);
      // 9,999 Monte Carlo iterations of the Knox test: ~75 s of CPU on the demo. On the host's own thread it would
      // block every call below until it finished.
      const { jobId } = await ok<{ jobId: string }>(sup.call('runAnalysis', { request: { method: 'knox', iterations: 9999 }, filter: {} }));
      await until('the Knox test to compute', async () => {
        const j = await ok<JobState>(sup.call('getJob', { jobId }));
        expect(j.state).toBe('running');
        return j.progress > 0.1 ? j : null;
      });
      const t0 = performance.now();
      const info = await ok<WorkspaceInfo>(sup.call('getWorkspaceInfo', {}));
      const infoMs = performance.now() - t0;
      expect(info.reports).toBe(5000);
      expect(infoMs).toBeLessThan(1000);
      const t1 = performance.now();
      expect(await ok<{ cancelled: boolean }>(sup.call('cancelJob', { jobId }))).toEqual({ cancelled: true });
      const done = await until('the job to stop', async () => {
        const j = await ok<JobState>(sup.call('getJob', { jobId }));
        return j.state === 'running' ? null : j;
      }, 5000);
      const cancelMs = performance.now() - t1;
      console.log(`[bundle host] getWorkspaceInfo during the Knox test: ${infoMs.toFixed(0)} ms; cancelJob → job ${done.state}: ${cancelMs.toFixed(0)} ms`);
      expect(done.state).toBe('cancelled');
      expect(cancelMs).toBeLessThan(1000);
      expect((await ok<unknown[]>(sup.call('listAnalyses', {}))).length).toBe(0); // nothing stored by a cancelled run
    } finally {
      await sup.close();
    }
  });

  it('a killed host answers the call in flight with "unavailable" at once, restarts on the same workspace, and tells the window', async () => {
    const ws = demoWorkspace(t.dir, 'crash.sqlite');
    const { sup, events, spawned } = supervise(ws);
    try {
      const before = await ok<WorkspaceInfo>(sup.call('getWorkspaceInfo', {}));
      spawned[0].kill('SIGSTOP'); // frozen: the next call cannot be answered before the crash
      const inFlight = sup.call('getWorkspaceInfo', {});
      await new Promise((r) => setTimeout(r, 100));
      spawned[0].kill('SIGKILL');
      const r = await inFlight;
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('unavailable');
        expect(r.error.msg?.code).toBe('desktop.error.unavailable');
      }
      // a call made while it restarts waits for the new process
      const after = await ok<WorkspaceInfo>(sup.call('getWorkspaceInfo', {}));
      expect(after.path).toBe(before.path);
      expect(after.reports).toBe(before.reports);
      expect(spawned).toHaveLength(2);
      expect(spawned[1].pid).not.toBe(spawned[0].pid);
      await until('the restarted event', () => events.some((e) => e.type === 'backend' && e.state === 'restarted'));
      expect(events.filter((e) => e.type === 'backend')).toEqual([
        { type: 'backend', state: 'crashed', exitCode: null, signal: 'SIGKILL' },
        { type: 'backend', state: 'restarted' },
      ]);
      expect(events.some((e) => e.type === 'workspace-changed')).toBe(true);
    } finally {
      await sup.close();
    }
  });

  it('gives up after repeated crashes instead of looping', async () => {
    const ws = demoWorkspace(t.dir, 'loop.sqlite');
    const { sup, events, spawned } = supervise(ws);
    try {
      for (let i = 0; i < 4; i++) {
        await ok(sup.call('getWorkspaceInfo', {}));
        spawned[i].kill('SIGKILL');
        await until(`crash ${i + 1}`, () => events.filter((e) => e.type === 'backend' && e.state === 'crashed').length === i + 1);
      }
      await until('the failed state', () => sup.state === 'failed');
      expect(events.at(-1)).toEqual({ type: 'backend', state: 'failed', restarts: 4 });
      const r = await sup.call('getWorkspaceInfo', {});
      expect(r.ok ? null : r.error.code).toBe('unavailable');
      expect(spawned).toHaveLength(4);
    } finally {
      await sup.close();
    }
  });

  it('closes cleanly on quit: staged uploads removed, WAL checkpointed, exit code 0', async () => {
    const ws = demoWorkspace(t.dir, 'close.sqlite');
    const { sup, spawned } = supervise(ws);
    await ok(sup.call('setSetting', { key: 'test.close', value: 1 })); // a write: the WAL has content
    expect(fs.statSync(`${ws}-wal`).size).toBeGreaterThan(0);
    await ok(sup.call('uploadChunk', { name: 'zgłoszenia.csv', offset: 0, data: Buffer.from('a;b\n1;2\n').toString('base64') }));
    const staged = fs.readdirSync(uploadsTmp).filter((f) => f.startsWith('rejon-uploads-'));
    expect(staged).toHaveLength(1);
    const exited = new Promise<number | null>((resolve) => spawned[0].once('exit', (code) => resolve(code)));
    await sup.close();
    expect(await exited).toBe(0);
    expect(sup.state).toBe('closed');
    expect(fs.readdirSync(uploadsTmp).filter((f) => f.startsWith('rejon-uploads-'))).toEqual([]);
    expect(fs.existsSync(`${ws}-wal`) ? fs.statSync(`${ws}-wal`).size : 0).toBe(0);
    const r = await sup.call('getWorkspaceInfo', {});
    expect(r.ok ? null : r.error.code).toBe('unavailable');
  });

  it('switches to the workspace a second start names; a refused one leaves the current one open', async () => {
    const first = demoWorkspace(t.dir, 'first.sqlite');
    const second = demoWorkspace(t.dir, 'second.sqlite');
    const bad = path.join(t.dir, 'broken.sqlite');
    fs.writeFileSync(bad, 'no database here');
    const { sup, events, spawned } = supervise(first);
    try {
      expect((await ok<WorkspaceInfo>(sup.call('getWorkspaceInfo', {}))).path).toBe(first);
      const switching = sup.switchWorkspace(second);
      const pending = sup.call('getWorkspaceInfo', {}); // made while switching: waits for the new backend
      expect(await switching).toEqual({ ok: true, result: { workspace: second } });
      expect((await ok<WorkspaceInfo>(pending)).path).toBe(second);
      expect(sup.workspace).toBe(second);
      expect(spawned[0].exitCode).toBe(0); // the first backend closed cleanly
      const refused = await sup.switchWorkspace(bad);
      expect(refused.ok ? null : refused.error.code).toBe('workspace');
      expect(sup.workspace).toBe(second);
      expect((await ok<WorkspaceInfo>(sup.call('getWorkspaceInfo', {}))).path).toBe(second);
      expect(fs.readFileSync(bad, 'utf8')).toBe('no database here');
      expect(events.filter((e) => e.type === 'workspace-changed')).toHaveLength(2);
      expect(events.filter((e) => e.type === 'backend')).toEqual([]); // no crash was reported
    } finally {
      await sup.close();
    }
  });

  it('workspace paths: the page gets one refusal outside the data folder; a path main approved after its dialog opens', async () => {
    const first = demoWorkspace(t.dir, 'approve-first.sqlite');
    const other = demoWorkspace(t.dir, 'approve-other.sqlite');
    const { sup } = supervise(first);
    try {
      // as the page would call it: a path nobody chose in a dialog (existing or not) is refused alike
      const refusals = await Promise.all([other, path.join(t.dir, 'missing.sqlite'), '/etc/passwd'].map((p) => sup.call('openWorkspace', { path: p })));
      for (const r of refusals) expect(r.ok ? null : r.error.msg?.code).toBe('security.path.workspaceNotChosen');
      expect((await ok<WorkspaceInfo>(sup.call('getWorkspaceInfo', {}))).path).toBe(first);
      // File > Open in main: approve the chosen file, then open it
      const approved = await ok<{ path: string; expiresAt: number }>(sup.grant(other, 'open'));
      expect(approved.path).toBe(other);
      expect((await ok<WorkspaceInfo>(sup.call('openWorkspace', { path: other }))).path).toBe(other);
      // File > Save a copy: a write approval for the target
      const copy = path.join(t.dir, 'approve-copy.sqlite');
      expect((await sup.call('saveWorkspaceCopy', { path: copy })).ok).toBe(false);
      await ok(sup.grant(copy, 'write'));
      expect((await ok<{ path: string }>(sup.call('saveWorkspaceCopy', { path: copy }))).path).toBe(copy);
    } finally {
      await sup.close();
    }
  });

  it('a refused workspace is reported, not restarted', async () => {
    const bad = path.join(t.dir, 'not-a-workspace.sqlite');
    fs.writeFileSync(bad, 'this is not SQLite at all, just text');
    const { sup, events, spawned } = supervise(bad);
    try {
      const r = await sup.call('getWorkspaceInfo', {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('workspace');
      expect(sup.state).toBe('fatal');
      expect(spawned).toHaveLength(1);
      expect(events).toEqual([]);
      expect(fs.readFileSync(bad, 'utf8')).toBe('this is not SQLite at all, just text'); // untouched
    } finally {
      await sup.close();
    }
  });
});

describe('printing through the desktop print protocol (host asks, the parent prints)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.REJON_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: HEADLESS_CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the host sends the print job of the loopback print page; the PDF the parent returns is the call result', async () => {
    const ws = demoWorkspace(t.dir, 'print.sqlite');
    const stub = path.join(t.dir, 'stub');
    writePrintStub(stub);
    const jobs: PrintJob[] = [];
    // What electron/printWindow.ts does with a BrowserWindow (load, wait for the print state, print with the
    // job's page setup), done here with a Chromium page: Electron cannot run on this machine.
    const print = async (job: PrintJob): Promise<Uint8Array> => {
      jobs.push(job);
      expect(isAllowedPrintUrl(job.url)).toBe(true);
      const context = await browser.newContext({ viewport: job.viewport, locale: job.locale, timezoneId: 'Europe/Warsaw' });
      try {
        const page = await context.newPage();
        page.on('framenavigated', (f) => expect(isAllowedPrintNavigation(f.url(), job.url)).toBe(true));
        await page.goto(job.url);
        expect(await waitForPrintState(() => page.evaluate(PRINT_READY_EXPRESSION), job.timeoutMs)).toBe('true');
        return new Uint8Array(await page.pdf(job.pdf));
      } finally {
        await context.close();
      }
    };
    const { sup } = supervise(ws, { env: { REJON_PRINTER: 'parent', REJON_RENDERER_DIR: stub, REJON_CHROMIUM: path.join(t.dir, 'no-chromium') }, print });
    try {
      const pdf = await ok<Uint8Array>(sup.call('printBriefingPdf', { request: { from: '2025-01-01', to: '2025-06-30', districtIds: [1] } }));
      expect(pdf).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      expect(jobs).toHaveLength(1);
      const job = jobs[0];
      expect(job.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+&print=[A-Za-z0-9_-]+$/);
      expect(job.pdf).toMatchObject({ format: 'A4', landscape: true, printBackground: true, displayHeaderFooter: true });
      expect(electronPdfOptions(job.pdf).margins).toEqual({ top: 10 / 25.4, right: 10 / 25.4, bottom: 16 / 25.4, left: 10 / 25.4 });
      const file = path.join(t.dir, 'desktop.pdf');
      fs.writeFileSync(file, pdf);
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
      expect(text).toMatch(/Rejon 1/);
      expect(text).toMatch(/Do użytku służbowego/); // the footer of the job's page setup
      // system Chromium was never needed (REJON_CHROMIUM points nowhere)
      const failing = await sup.call('printBriefingPdf', { request: { from: '2025-01-01', to: '2025-06-30', districtIds: [999] } });
      expect(failing.ok).toBe(false);
    } finally {
      await sup.close();
    }
  });

  it('a print the parent cannot do fails the call with the parent\'s error', async () => {
    const ws = demoWorkspace(t.dir, 'print-fail.sqlite');
    const stub = path.join(t.dir, 'stub2');
    writePrintStub(stub);
    const { sup } = supervise(ws, {
      env: { REJON_PRINTER: 'parent', REJON_RENDERER_DIR: stub },
      print: async () => {
        throw new Error('printToPDF failed on purpose');
      },
    });
    try {
      const r = await sup.call('printBriefingPdf', { request: { from: '2025-01-01', to: '2025-06-30', districtIds: [1] } });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('printToPDF failed on purpose');
    } finally {
      await sup.close();
    }
  });
});

/**
 * The workspace lifecycle of one Backend (issue 12): no workspace, create (name, territory), open, switch, close,
 * save a copy, the recent list, the demo as its own workspace (imports refused), bad files left untouched, and
 * the browser-mode file picker confined to its roots. Real SQLite files, real backend, no mocks.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Backend } from '../../../src/backend/backend';
import { importFile } from '../../../src/backend/import/importFile';
import { importDistricts } from '../../../src/backend/districts/service';
import { openWorkspace } from '../../../src/backend/store/workspace';
import { SCHEMA_VERSION } from '../../../src/backend/store/migrations';
import { createImport, createReportUpserter, finishImport } from '../../../src/backend/store/reports';
import { RejonError, type RejonEvent } from '../../../src/shared/contract';
import { translate } from '../../../src/shared/i18n';
import { tmpDir } from '../../helpers/tmp';
import { syntheticRows, writeKmzbCsv } from '../../helpers/kmzbCsv';

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

let t: ReturnType<typeof tmpDir>;
let home: string;
let work: string;
let backend: Backend;
let events: RejonEvent[];

beforeEach(() => {
  t = tmpDir('rejon-lifecycle-');
  home = path.join(t.dir, 'home');
  work = path.join(t.dir, 'work');
  fs.mkdirSync(work);
  backend = new Backend(null, { dataDir: home, recent: true });
  events = [];
  backend.onEvent((e) => events.push(e));
});

afterEach(async () => {
  await backend.close();
  t.cleanup();
});

async function rejects(p: Promise<unknown>): Promise<RejonError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RejonError);
    return e as RejonError;
  }
  throw new Error('expected a rejection');
}

/** Put n reports into the open workspace (through the store, as an import would). */
function addReports(b: Backend, n: number, prefix: string, start = Date.UTC(2025, 0, 1)): void {
  const db = b.db;
  const id = createImport(db, { fileName: `${prefix}.csv`, fileHash: null, sourceKind: 'test', provenance: null, mapping: null });
  const up = createReportUpserter(db, id);
  for (let i = 0; i < n; i++) {
    up.upsert({ sourceId: `${prefix}${i}`, category: 'Żebractwo', status: 'Nowe', createdAt: start + i * 86_400_000, eventAt: null, modifiedAt: null, lon: 19.7 + i * 1e-4, lat: 51.4, teryt: null, description: null });
  }
  finishImport(db, id, { ...up.counts, rejected: 0 });
}

describe('a backend with no workspace open', () => {
  it('answers the app methods and refuses workspace methods with workspace.none-open', async () => {
    const state = await backend.api.getAppState({});
    expect(state.workspace).toBeNull();
    expect(state.serial).toBe(0);
    expect(state.dataDir).toBe(home);
    expect(await backend.api.listJobs({})).toEqual([]);
    expect(await backend.api.listRecentWorkspaces({})).toEqual([]);
    for (const call of [() => backend.api.getWorkspaceInfo({}), () => backend.api.getReportColumns({}), () => backend.api.listImports({}), () => backend.api.saveWorkspaceCopy({ path: path.join(work, 'c.sqlite') })]) {
      const e = await rejects(call());
      expect(e.code).toBe('workspace');
      expect(e.msg?.code).toBe('workspace.none-open');
      expect(translate('pl', e.msg!)).toMatch(/Żaden obszar roboczy nie jest otwarty/);
    }
    expect(fs.readdirSync(work)).toEqual([]);
    expect(await backend.api.closeWorkspace({})).toEqual({ closed: false });
  });
});

describe('create, open, switch, close', () => {
  it('creates a workspace with name, creation time and territory in one file, and opens it', async () => {
    const file = path.join(work, 'kmp.sqlite');
    const before = Date.now();
    const info = await backend.api.createWorkspace({ path: file, name: 'KMP Piotrków Trybunalski', territory: ['powiat piotrkowski', 'Piotrków Trybunalski'] });
    expect(info).toMatchObject({ path: file, name: 'KMP Piotrków Trybunalski', demo: false, readOnly: false, reports: 0, districts: 0, schemaVersion: SCHEMA_VERSION });
    expect(info.territory).toEqual(['powiat piotrkowski', 'powiat Piotrków Trybunalski']);
    expect(info.createdAt).toBeGreaterThanOrEqual(before);
    expect(events.filter((e) => e.type === 'workspace-opened')).toMatchObject([{ path: file, name: 'KMP Piotrków Trybunalski', demo: false }]);
    // no temporary file left beside it (the WAL files belong to the open connection)
    expect(fs.readdirSync(work).filter((f) => !/-(wal|shm)$/.test(f))).toEqual(['kmp.sqlite']);
    const raw = new Database(file, { readonly: true });
    const meta = Object.fromEntries((raw.prepare('SELECT key, value FROM workspace_meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const parts = raw.prepare('SELECT name, source, area_m2 FROM territory ORDER BY id').all() as { name: string; source: string; area_m2: number }[];
    raw.close();
    expect(meta.name).toBe('KMP Piotrków Trybunalski');
    expect(Number(meta.created_at)).toBe(info.createdAt);
    expect(parts.map((p) => [p.name, p.source])).toEqual([['powiat piotrkowski', 'powiat'], ['powiat Piotrków Trybunalski', 'powiat']]);
    // powiat piotrkowski ~1429 km², the city ~67 km² (the bundled boundaries are simplified: a few % off)
    expect(parts[0].area_m2 / 1e6).toBeGreaterThan(1300);
    expect(parts[0].area_m2 / 1e6).toBeLessThan(1550);
    expect(parts[1].area_m2 / 1e6).toBeGreaterThan(50);
    expect(parts[1].area_m2 / 1e6).toBeLessThan(85);
    // the recent list lives outside the workspace, in the data folder
    const recent = await backend.api.listRecentWorkspaces({});
    expect(recent).toMatchObject([{ path: file, name: 'KMP Piotrków Trybunalski', demo: false, reports: 0, exists: true, readable: true, current: true, problem: null }]);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'recent.json'), 'utf8')).entries[0].path).toBe(file);
    expect(fs.readdirSync(home)).toEqual(['recent.json']);
  });

  it('refuses an unknown powiat with the closest names and writes nothing', async () => {
    const file = path.join(work, 'x.sqlite');
    const e = await rejects(backend.api.createWorkspace({ path: file, name: 'KPP', territory: ['powiat piotrkowski', 'piotrkowsky trybunalsky'] }));
    expect(e.code).toBe('bad-request');
    expect(e.msg?.code).toBe('territory.unknownPowiat');
    expect(e.msg?.params?.name).toBe('piotrkowsky trybunalsky');
    expect(String(e.msg?.params?.closest)).toContain('powiat Piotrków Trybunalski');
    expect(translate('pl', e.msg!)).toMatch(/to nie jest nazwa powiatu. Najbliższe nazwy: .*powiat Piotrków Trybunalski/);
    expect(fs.readdirSync(work)).toEqual([]);
    expect(backend.hasWorkspace).toBe(false);
    // a name several powiaty share is not guessed either: both are named, with their voivodeships
    const amb = await rejects(backend.api.createWorkspace({ path: file, name: 'KPP', territory: ['powiat tomaszowski'] }));
    expect(amb.msg?.code).toBe('workspace.territory.ambiguous');
    expect(String(amb.msg?.params?.options)).toBe('powiat tomaszowski (lubelskie), powiat tomaszowski (łódzkie)');
    expect(fs.readdirSync(work)).toEqual([]);
    const ok = await backend.api.createWorkspace({ path: file, name: 'KPP Tomaszów Mazowiecki', territory: ['powiat tomaszowski (łódzkie)'] });
    expect(ok.territory).toEqual(['powiat tomaszowski (łódzkie)']);
  });

  it('never overwrites: creating or copying onto an existing file fails and leaves it as it was', async () => {
    const file = path.join(work, 'a.sqlite');
    fs.writeFileSync(file, 'my notes');
    const e = await rejects(backend.api.createWorkspace({ path: file, name: 'A' }));
    expect(e.msg?.code).toBe('workspace.error.exists');
    expect(fs.readFileSync(file, 'utf8')).toBe('my notes');
    const missingFolder = await rejects(backend.api.createWorkspace({ path: path.join(work, 'nope', 'a.sqlite'), name: 'A' }));
    expect(missingFolder.msg?.code).toBe('workspace.error.folder-missing');
    expect(fs.readdirSync(work)).toEqual(['a.sqlite']);
  });

  it('switches between workspaces: every method answers from the open one, jobs of the closed one are cancelled', async () => {
    const a = path.join(work, 'a.sqlite');
    const b = path.join(work, 'b.sqlite');
    await backend.api.createWorkspace({ path: a, name: 'A' });
    addReports(backend, 3, 'A-');
    await backend.api.createWorkspace({ path: b, name: 'B' });
    addReports(backend, 5, 'B-');
    expect((await backend.api.getWorkspaceInfo({})).name).toBe('B');
    expect((await backend.api.getWorkspaceInfo({})).reports).toBe(5);
    await backend.api.setSetting({ key: 'map.filter', value: { from: 1 } });

    // a job running in B when A is opened: cancelled and awaited before A answers
    let stopped = false;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const job = backend.jobs.start('analysis', async (ctx) => {
      started();
      try {
        for (;;) {
          await new Promise((r) => setTimeout(r, 5));
          ctx.throwIfCancelled();
        }
      } finally {
        stopped = true;
      }
    });
    await running;
    const infoA = await backend.api.openWorkspace({ path: a });
    expect(stopped).toBe(true);
    expect((await backend.api.getJob({ jobId: job.id })).state).toBe('cancelled');
    expect(infoA).toMatchObject({ name: 'A', reports: 3 });
    expect(await backend.api.getSetting({ key: 'map.filter' })).toBeNull(); // B's setting is not in A
    const listA = await backend.api.listReports({ limit: 10 });
    expect(listA.rows.map((r: { sourceId: string }) => r.sourceId).sort()).toEqual(['A-0', 'A-1', 'A-2']);

    const kinds = events.filter((e) => e.type !== 'job').map((e) => `${e.type}:${'path' in e ? path.basename(e.path) : ''}`);
    expect(kinds).toEqual(['workspace-opened:a.sqlite', 'workspace-closed:a.sqlite', 'workspace-opened:b.sqlite', 'workspace-closed:b.sqlite', 'workspace-opened:a.sqlite']);
    const serials = events.filter((e) => e.type === 'workspace-opened').map((e) => (e as { serial: number }).serial);
    expect(new Set(serials).size).toBe(3);
    expect((await backend.api.getAppState({})).serial).toBe(serials[2]);

    // the recent list: newest first, with counts and data range read from the files
    const recent = await backend.api.listRecentWorkspaces({});
    expect(recent.map((r) => [path.basename(r.path), r.reports, r.current])).toEqual([['a.sqlite', 3, true], ['b.sqlite', 5, false]]);
    expect(recent[1].firstReportAt).toBe(Date.UTC(2025, 0, 1));
    expect(recent[1].lastReportAt).toBe(Date.UTC(2025, 0, 5));
    expect(recent[0].lastOpenedAt).toBeGreaterThanOrEqual(recent[1].lastOpenedAt);

    // close: no workspace, the file at rest is one file
    expect(await backend.api.closeWorkspace({})).toEqual({ closed: true });
    expect((await rejects(backend.api.getWorkspaceInfo({}))).msg?.code).toBe('workspace.none-open');
    expect(fs.readdirSync(work).sort()).toEqual(['a.sqlite', 'b.sqlite']);

    // a workspace that was moved away stays on the list, marked
    fs.renameSync(b, path.join(t.dir, 'moved.sqlite'));
    const after = await backend.api.listRecentWorkspaces({});
    expect(after[1]).toMatchObject({ name: 'B', exists: false, readable: false, problem: { code: 'workspace.error.not-found' } });
    expect(await backend.api.forgetRecentWorkspace({ path: b })).toEqual({ removed: true });
    expect((await backend.api.listRecentWorkspaces({})).map((r) => r.path)).toEqual([a]);
  });

  it('saves a consistent copy to a new file and keeps working in the open workspace', async () => {
    const a = path.join(work, 'a.sqlite');
    await backend.api.createWorkspace({ path: a, name: 'A', territory: ['powiat bełchatowski'] });
    addReports(backend, 40, 'R');
    const copy = path.join(work, 'a-kopia.sqlite');
    const r = await backend.api.saveWorkspaceCopy({ path: copy });
    expect(r.path).toBe(copy);
    expect(r.bytes).toBe(fs.statSync(copy).size);
    const db = openWorkspace(copy, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n).toBe(40);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect((db.prepare(`SELECT value FROM workspace_meta WHERE key = 'name'`).get() as { value: string }).value).toBe('A');
    db.close();
    // refused onto an existing file (even the open workspace itself); the existing file is untouched
    const hash = sha(copy);
    expect((await rejects(backend.api.saveWorkspaceCopy({ path: copy }))).msg?.code).toBe('workspace.error.exists');
    expect((await rejects(backend.api.saveWorkspaceCopy({ path: a }))).msg?.code).toBe('workspace.error.exists');
    expect(sha(copy)).toBe(hash);
    expect((await backend.api.getWorkspaceInfo({})).path).toBe(a);
    expect(fs.readdirSync(work).sort()).toEqual(['a-kopia.sqlite', 'a.sqlite', 'a.sqlite-shm', 'a.sqlite-wal']);
  });
});

describe('bad workspace files are refused with one message and left untouched', () => {
  it('missing, foreign, not SQLite, damaged, newer: the open workspace stays open', async () => {
    const good = path.join(work, 'good.sqlite');
    await backend.api.createWorkspace({ path: good, name: 'Good' });

    const notes = path.join(work, 'notes.sqlite');
    fs.writeFileSync(notes, 'Nr zgłoszenia;Kategoria\n'.repeat(40));
    const foreign = path.join(work, 'shop.db');
    const f = new Database(foreign);
    f.exec(`CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers(name) VALUES ('a')`);
    f.close();
    const newer = path.join(work, 'newer.sqlite');
    const n = openWorkspace(newer, { create: true });
    n.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    n.pragma('journal_mode = DELETE');
    n.close();
    const damaged = path.join(work, 'damaged.sqlite');
    const d = openWorkspace(damaged, { create: true });
    const ins = d.prepare('INSERT INTO settings(key, value_json) VALUES (?, ?)');
    for (let i = 0; i < 2000; i++) ins.run(`k${i}`, JSON.stringify('x'.repeat(200)));
    d.pragma('journal_mode = DELETE');
    d.close();
    const buf = fs.readFileSync(damaged);
    for (let i = 16384; i < Math.min(buf.length, 16384 * 12); i++) buf[i] = (i * 131) & 0xff;
    fs.writeFileSync(damaged, buf);

    const cases: [string, string][] = [
      [path.join(work, 'missing.sqlite'), 'workspace.error.not-found'],
      [notes, 'workspace.error.not-sqlite'],
      [foreign, 'workspace.error.not-rejon'],
      [newer, 'workspace.error.too-new'],
      [damaged, 'workspace.error.corrupt'],
    ];
    for (const [file, code] of cases) {
      const before = fs.existsSync(file) ? sha(file) : null;
      const e = await rejects(backend.api.openWorkspace({ path: file }));
      expect(e.code, file).toBe('workspace');
      expect(e.msg?.code, file).toBe(code);
      expect(translate('pl', e.msg!), file).toContain(file);
      if (before) expect(sha(file), file).toBe(before);
      else expect(fs.existsSync(file)).toBe(false);
      expect(fs.existsSync(file + '-wal')).toBe(false);
      expect((await backend.api.getWorkspaceInfo({})).name).toBe('Good');
    }
  });
});

describe('the demo is its own workspace and takes no imports', () => {
  it('is generated on first use as a job, marked demo, with DEMO- report numbers; imports into it are refused', async () => {
    const r = await backend.api.openDemoWorkspace({});
    expect(r.workspace).toBeNull();
    expect(r.jobId).toBeTruthy();
    const progress: number[] = [];
    backend.onEvent((e) => e.type === 'job' && e.job.id === r.jobId && progress.push(e.job.progress));
    const done = await backend.jobs.wait(r.jobId!);
    expect(done.state).toBe('done');
    expect(progress.length).toBeGreaterThan(2);
    const info = await backend.api.getWorkspaceInfo({});
    expect(info).toMatchObject({ path: path.join(home, 'demo.sqlite'), demo: true, name: 'Demo – KMP Piotrków Trybunalski' });
    expect(info.territory).toEqual(['powiat Piotrków Trybunalski', 'powiat piotrkowski']);
    expect(info.reports).toBeGreaterThan(4000);
    const ids = backend.db.prepare('SELECT source_id FROM reports').pluck().all() as string[];
    expect(ids.every((id) => /^DEMO-\d{6,}$/.test(id))).toBe(true);
    expect(backend.db.prepare(`SELECT provenance_kind FROM imports`).pluck().all()).toEqual(['demo']);
    // no temporary file left (WAL files belong to the open connection)
    expect(fs.readdirSync(home).filter((f) => !/^demo\.sqlite-(wal|shm)$/.test(f)).sort()).toEqual(['demo.sqlite', 'recent.json']);

    // imports: refused by the backend, through the contract and below it; nothing changes
    const csv = path.join(work, 'eksport.csv');
    writeKmzbCsv(csv, syntheticRows(10));
    const hashBefore = backend.db.prepare('SELECT count(*) AS n, max(id) AS m FROM reports').get();
    for (const call of [
      () => backend.api.startImport({ source: { path: csv } }),
      () => backend.api.startDistrictImport({ source: { path: csv }, nameField: 'x' }),
    ]) {
      const e = await rejects(call());
      expect(e.code).toBe('workspace');
      expect(e.msg?.code).toBe('workspace.demo.import-refused');
      expect(translate('pl', e.msg!)).toMatch(/wyłącznie dane syntetyczne/);
    }
    await expect(importFile(info.path, { path: csv })).rejects.toMatchObject({ msg: { code: 'workspace.demo.import-refused' } });
    await expect(importDistricts(backend.db, csv, { nameField: 'x', mode: 'replace' })).rejects.toMatchObject({ msg: { code: 'workspace.demo.import-refused' } });
    expect(backend.db.prepare('SELECT count(*) AS n, max(id) AS m FROM reports').get()).toEqual(hashBefore);

    // the second time it just opens (no job), after a switch away
    await backend.api.createWorkspace({ path: path.join(work, 'real.sqlite'), name: 'Real' });
    const again = await backend.api.openDemoWorkspace({});
    expect(again.jobId).toBeNull();
    expect(again.workspace?.demo).toBe(true);
    expect((await backend.api.listRecentWorkspaces({})).map((w) => [w.name, w.demo])).toEqual([['Demo – KMP Piotrków Trybunalski', true], ['Real', false]]);
  });

  it('never replaces a file in the demo\'s place that is not a demo', async () => {
    fs.mkdirSync(home, { recursive: true });
    const other = new Backend(null, { dataDir: home });
    await other.api.createWorkspace({ path: path.join(home, 'demo.sqlite'), name: 'Mine' });
    await other.close();
    const hash = sha(path.join(home, 'demo.sqlite'));
    const e = await rejects(backend.api.openDemoWorkspace({}));
    expect(e.msg?.code).toBe('workspace.demo.not-demo');
    expect(sha(path.join(home, 'demo.sqlite'))).toBe(hash);
  });

  it('startup: the demo on the very first start, then the last workspace, else nothing', async () => {
    const first = await backend.openStartupWorkspace();
    expect(first.opened).toBe('demo');
    await backend.jobs.wait(first.jobId!);
    const real = path.join(work, 'real.sqlite');
    await backend.api.createWorkspace({ path: real, name: 'Real' });
    await backend.close();

    backend = new Backend(null, { dataDir: home, recent: true });
    expect(await backend.openStartupWorkspace()).toEqual({ opened: 'last' });
    expect(backend.workspacePath).toBe(real);
    await backend.close();

    fs.rmSync(real);
    backend = new Backend(null, { dataDir: home, recent: true });
    expect(await backend.openStartupWorkspace()).toEqual({ opened: 'none' });
    expect(backend.hasWorkspace).toBe(false);
  });
});

describe('the browser-mode file picker', () => {
  it('lists folders and workspace files only inside its roots; `..` and symbolic links cannot lead out', async () => {
    const allowed = path.join(t.dir, 'allowed');
    const outside = path.join(t.dir, 'outside');
    fs.mkdirSync(path.join(allowed, 'sub'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.sqlite'), 'x');
    fs.writeFileSync(path.join(allowed, 'kmp.sqlite'), 'x');
    fs.writeFileSync(path.join(allowed, 'notes.txt'), 'x');
    fs.writeFileSync(path.join(allowed, '.hidden.sqlite'), 'x');
    fs.writeFileSync(path.join(allowed, 'sub', 'old.rejon'), 'x');
    fs.symlinkSync(outside, path.join(allowed, 'link-out'));
    fs.symlinkSync(path.join(outside, 'secret.sqlite'), path.join(allowed, 'secret-link.sqlite'));
    fs.symlinkSync(path.join(allowed, 'sub'), path.join(allowed, 'link-in'));
    await backend.close();
    backend = new Backend(null, { dataDir: home, allowDirs: [allowed], recent: true, confinePaths: true });

    const roots = await backend.api.browseFiles({});
    expect(roots.dir).toBeNull();
    expect(roots.roots).toEqual([{ path: home, kind: 'data' }, { path: allowed, kind: 'allowed' }]);
    expect(roots.entries.map((e) => e.path)).toEqual([home, allowed]);

    const list = await backend.api.browseFiles({ dir: allowed });
    expect(list.dir).toBe(allowed);
    expect(list.parent).toBeNull();
    expect(list.entries.map((e) => [e.name, e.kind])).toEqual([['link-in', 'dir'], ['sub', 'dir'], ['kmp.sqlite', 'workspace']]);
    expect(list.entries.find((e) => e.name === 'link-in')!.path).toBe(path.join(allowed, 'sub'));
    const sub = await backend.api.browseFiles({ dir: path.join(allowed, 'sub') });
    expect(sub.parent).toBe(allowed);
    expect(sub.entries.map((e) => e.name)).toEqual(['old.rejon']);

    for (const dir of [path.join(allowed, '..'), `${allowed}/sub/../../outside`, path.join(allowed, 'link-out'), outside, '/', path.join(allowed, 'link-out', '..', 'outside')]) {
      const e = await rejects(backend.api.browseFiles({ dir }));
      expect(e.msg?.code, dir).toBe('workspace.browse.outside');
    }
    // the API itself keeps to the roots in browser mode: nothing opened or written outside
    expect((await rejects(backend.api.openWorkspace({ path: path.join(outside, 'secret.sqlite') }))).msg?.code).toBe('workspace.path-not-allowed');
    expect((await rejects(backend.api.openWorkspace({ path: path.join(allowed, 'secret-link.sqlite') }))).msg?.code).toBe('workspace.path-not-allowed');
    expect((await rejects(backend.api.createWorkspace({ path: path.join(outside, 'new.sqlite'), name: 'X' }))).msg?.code).toBe('workspace.path-not-allowed');
    expect((await rejects(backend.api.createWorkspace({ path: path.join(allowed, 'link-out', 'new.sqlite'), name: 'X' }))).msg?.code).toBe('workspace.path-not-allowed');
    expect(fs.readdirSync(outside)).toEqual(['secret.sqlite']);
    const inside = await backend.api.createWorkspace({ path: path.join(allowed, 'sub', 'new.sqlite'), name: 'Inside' });
    expect(inside.name).toBe('Inside');
    const copy = await rejects(backend.api.saveWorkspaceCopy({ path: path.join(outside, 'copy.sqlite') }));
    expect(copy.msg?.code).toBe('workspace.path-not-allowed');
    expect(fs.readdirSync(outside)).toEqual(['secret.sqlite']);
  });
});

/**
 * Writers that wait their turn (issue 14, pt 5), within one process: the write queue, SQLite's lock taken without
 * blocking the thread, the 'busy' error after the stated wait, and the data_version watcher. Real SQLite files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { Backend } from '../../../src/backend/backend';
import { openWorkspace, type Db } from '../../../src/backend/store/workspace';
import { beginImmediate, WriteQueue } from '../../../src/backend/store/writeQueue';
import { ChangeWatch } from '../../../src/backend/store/changeWatch';
import { RejonError, type RejonEvent } from '../../../src/shared/contract';
import { jobWaitMsg, WAITING_PROCESS } from '../../../src/shared/concurrency';
import { translate } from '../../../src/shared/i18n';
import { tmpDir } from '../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let file: string;
const open: Db[] = [];

beforeEach(() => {
  t = tmpDir('rejon-writers-');
  file = path.join(t.dir, 'w.sqlite');
  openWorkspace(file, { create: true }).close();
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  t.cleanup();
});

/** Another connection to the file (another process, as far as SQLite's locks go). */
function other(): Db {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  open.push(db);
  return db;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WriteQueue', () => {
  it('grants the slot first come first served and says what the waiter waits for', async () => {
    const q = new WriteQueue();
    const order: string[] = [];
    const said: string[] = [];
    const r1 = await q.acquire('import', { waitMs: 1000 });
    const p2 = q.acquire('call', { waitMs: 1000, onWaiting: (m) => said.push(m) }).then((r) => (order.push('call'), r));
    const p3 = q.acquire('analysis', { waitMs: 1000, onWaiting: (m) => said.push(m) }).then((r) => (order.push('analysis'), r));
    await sleep(20);
    expect(order).toEqual([]);
    expect(said).toEqual(['waiting-queue:import', 'waiting-queue:import']); // both wait for the one holding the slot
    expect(q.waiting).toBe(2);
    r1();
    const r2 = await p2;
    expect(q.current).toBe('call');
    r2();
    (await p3)();
    expect(order).toEqual(['call', 'analysis']);
    expect(q.current).toBeNull();
  });

  it('gives up after the stated wait with a translated busy error, and a cancelled waiter leaves the line', async () => {
    const q = new WriteQueue();
    const release = await q.acquire('import', { waitMs: 1000 });
    const err = await q.acquire('call', { waitMs: 80 }).catch((e) => e);
    expect(err).toBeInstanceOf(RejonError);
    expect(err.code).toBe('busy');
    expect(err.msg).toEqual({ code: 'concurrency.busy', params: { seconds: 0 } });
    const ac = new AbortController();
    const p = q.acquire('districts', { waitMs: 5000, signal: ac.signal }).catch((e) => e);
    ac.abort();
    expect((await p).name).toBe('AbortError');
    expect(q.waiting).toBe(0);
    release();
    expect(q.current).toBeNull();
  });
});

describe('beginImmediate (SQLite lock held by another connection)', () => {
  it('waits without blocking the thread and begins once the other writer commits', async () => {
    const a = other();
    a.exec('BEGIN IMMEDIATE');
    const db = other();
    const said: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    setTimeout(() => a.exec('COMMIT'), 300);
    const t0 = Date.now();
    await beginImmediate(db, { waitMs: 5000, onWaiting: (m) => said.push(m) });
    const waited = Date.now() - t0;
    clearInterval(timer);
    expect(db.inTransaction).toBe(true);
    db.exec('COMMIT');
    expect(said).toEqual([WAITING_PROCESS]);
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(ticks).toBeGreaterThan(10); // the event loop ran while waiting
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000); // restored
  });

  it("fails with 'busy' after the stated wait and leaves no transaction open", async () => {
    const a = other();
    a.exec('BEGIN IMMEDIATE');
    const db = other();
    const err = await beginImmediate(db, { waitMs: 200 }).catch((e) => e);
    expect(err.code).toBe('busy');
    expect(db.inTransaction).toBe(false);
    a.exec('ROLLBACK');
  });
});

describe('ChangeWatch (PRAGMA data_version)', () => {
  it("sees another connection's commit once, and not its own writes or an announced change", () => {
    const mine = other();
    const theirs = other();
    let n = 0;
    const w = new ChangeWatch(mine, () => n++);
    expect(w.check()).toBe(false);
    mine.prepare(`INSERT OR REPLACE INTO settings(key, value_json) VALUES ('a', '1')`).run();
    expect(w.check()).toBe(false);
    theirs.prepare(`INSERT OR REPLACE INTO settings(key, value_json) VALUES ('b', '1')`).run();
    expect(w.check()).toBe(true);
    expect(w.check()).toBe(false);
    theirs.prepare(`INSERT OR REPLACE INTO settings(key, value_json) VALUES ('c', '1')`).run();
    w.seen();
    expect(w.check()).toBe(false);
    expect(n).toBe(1);
  });
});

describe('Backend writers', () => {
  let backend: Backend;
  let events: RejonEvent[];
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.REJON_CHANGE_POLL_MS = '50';
    process.env.REJON_WRITE_WAIT_MS = '400';
    backend = new Backend(file, { dataDir: path.join(t.dir, 'home') });
    events = [];
    backend.onEvent((e) => events.push(e));
  });
  afterEach(async () => {
    await backend.close();
    process.env = { ...saved };
  });

  it('a write from a window waits for another process and lands (no error)', async () => {
    const a = other();
    a.exec('BEGIN IMMEDIATE');
    a.prepare(`INSERT OR REPLACE INTO settings(key, value_json) VALUES ('x', '"theirs"')`).run();
    setTimeout(() => a.exec('COMMIT'), 200);
    await expect(backend.api.setSetting({ key: 'y', value: 'mine' })).resolves.toEqual({ ok: true });
    expect(await backend.api.getSetting({ key: 'x' })).toBe('theirs');
    expect(await backend.api.getSetting({ key: 'y' })).toBe('mine');
  });

  it("a write that cannot get the lock within the stated wait fails with 'busy' (nothing written), in Polish and English", async () => {
    const a = other();
    a.exec('BEGIN IMMEDIATE');
    const err = await backend.api.setSetting({ key: 'y', value: 'mine' }).catch((e) => e);
    a.exec('ROLLBACK');
    expect(err).toBeInstanceOf(RejonError);
    expect(err.code).toBe('busy');
    expect(translate('pl', err.msg)).toMatch(/zajęty.*0 s|zajęty/);
    expect(translate('en', err.msg)).toMatch(/busy/);
    expect(await backend.api.getSetting({ key: 'y' })).toBeNull();
  });

  it('writes from windows queue behind each other and behind a job', async () => {
    const release = await backend.writer.queue.acquire('import', { waitMs: 1000 });
    const p = backend.api.setSetting({ key: 'q', value: 1 });
    await sleep(100);
    expect(await backend.api.getSetting({ key: 'q' })).toBeNull();
    release();
    await p;
    expect(await backend.api.getSetting({ key: 'q' })).toBe(1);
  });

  it("emits 'workspace-changed' when another process commits, once", async () => {
    await sleep(120);
    expect(events.filter((e) => e.type === 'workspace-changed')).toHaveLength(0);
    other().prepare(`INSERT OR REPLACE INTO settings(key, value_json) VALUES ('z', '1')`).run();
    await sleep(200);
    expect(events.filter((e) => e.type === 'workspace-changed')).toHaveLength(1);
  });

  it('stops watching when the workspace closes', async () => {
    await backend.api.closeWorkspace({});
    events.length = 0;
    other().prepare(`INSERT OR REPLACE INTO settings(key, value_json) VALUES ('z', '1')`).run();
    await sleep(150);
    expect(events.filter((e) => e.type === 'workspace-changed')).toHaveLength(0);
  });

  it('job progress messages of a waiting writer translate', () => {
    expect(translate('pl', jobWaitMsg('waiting-queue:import')!)).toMatch(/^Czekam, aż zakończy się import/);
    expect(translate('en', jobWaitMsg(WAITING_PROCESS)!)).toMatch(/another program/);
    expect(jobWaitMsg('indexing')).toBeNull();
  });
});

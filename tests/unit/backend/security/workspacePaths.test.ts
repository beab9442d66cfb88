/**
 * Issue 14 point 1 on the workspace lifecycle: workspace paths (openWorkspace, createWorkspace, saveWorkspaceCopy)
 * stay inside the picker's roots in browser mode, and the refusal is the same whether the path names a workspace,
 * another file, nothing, or a folder that does not exist (no existence oracle). In the desktop (the host's options:
 * confinePaths + nativeDialogs) a path outside the roots works only after main approved it following its native
 * dialog (PathApprovals, host message 'grant' with purpose 'open' | 'write').
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { PathApprovals } from '../../../../src/backend/security/grants';
import { isToHost } from '../../../../src/backend/host/protocol';
import { RejonError } from '../../../../src/shared/contract';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let home: string;
let outside: string;
let backend: Backend | null = null;

beforeAll(() => {
  t = tmpDir('rejon-wspaths-');
  home = path.join(t.dir, 'home');
  outside = path.join(t.dir, 'outside');
  fs.mkdirSync(home);
  fs.mkdirSync(outside);
  // a real workspace, a secret text file, and a folder outside every root
  const b = new Backend(null, { dataDir: path.join(t.dir, 'other-home') });
  return b.createWorkspace({ path: path.join(outside, 'real.sqlite'), name: 'Outside' }).then(async () => {
    await b.close();
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET-CONTENT-4711');
  });
});

afterEach(async () => {
  await backend?.close();
  backend = null;
});

afterAll(() => t.cleanup());

async function refusal(p: Promise<unknown>): Promise<RejonError> {
  try {
    await p;
  } catch (e) {
    return e as RejonError;
  }
  throw new Error('expected a refusal');
}

/** Paths outside the roots: a workspace, a text file, a missing file, a file in a missing folder, a folder, /proc. */
function outsidePaths(): string[] {
  return [
    path.join(outside, 'real.sqlite'),
    path.join(outside, 'secret.txt'),
    path.join(outside, 'missing.sqlite'),
    path.join(outside, 'no-such-dir', 'x.sqlite'),
    outside,
    '/proc/self/environ',
    `${home}/../outside/real.sqlite`,
  ];
}

/** A refusal with the path taken out: must be identical for every path. */
function shape(e: RejonError, p: string): string {
  const abs = path.resolve(p);
  return JSON.stringify({ code: e.code, message: e.message.split(abs).join('<p>'), msg: e.msg?.code, params: Object.keys(e.msg?.params ?? {}) });
}

function snapshot(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe('browser mode: workspace paths stay inside the picker roots', () => {
  it('open, create and save-a-copy outside the roots get one refusal whether or not the path exists; nothing is touched', async () => {
    backend = new Backend(null, { dataDir: home, recent: true, confinePaths: true });
    const before = snapshot(outside);
    const realBytes = fs.readFileSync(path.join(outside, 'real.sqlite'));
    const shapes = new Set<string>();
    for (const p of outsidePaths()) {
      const open = await refusal(backend.api.openWorkspace({ path: p }));
      expect(open.msg?.code, p).toBe('workspace.path-not-allowed');
      expect(open.message).not.toContain('SECRET');
      shapes.add(shape(open, p));
      const create = await refusal(backend.api.createWorkspace({ path: p, name: 'X' }));
      expect(create.msg?.code, p).toBe('workspace.path-not-allowed');
      shapes.add(shape(create, p));
    }
    expect([...shapes]).toHaveLength(1);
    expect(backend.hasWorkspace).toBe(false);

    // a copy of an open workspace (inside the data folder) cannot be written outside either
    await backend.api.createWorkspace({ path: path.join(home, 'in.sqlite'), name: 'Inside' });
    for (const p of outsidePaths()) {
      const copy = await refusal(backend.api.saveWorkspaceCopy({ path: p }));
      expect(copy.msg?.code, p).toBe('workspace.path-not-allowed');
    }
    expect(snapshot(outside)).toEqual(before);
    expect(fs.readFileSync(path.join(outside, 'real.sqlite')).equals(realBytes)).toBe(true);
  });

  it('a file named at start (rejon serve FILE) opens wherever it is; host approvals are not reachable through the API', async () => {
    backend = new Backend(null, { dataDir: home, recent: true, confinePaths: true, allowFiles: [path.join(outside, 'real.sqlite')] });
    expect((await backend.api.openWorkspace({ path: path.join(outside, 'real.sqlite') })).name).toBe('Outside');
    // the file named at start may be opened, not written next to
    expect((await refusal(backend.api.createWorkspace({ path: path.join(outside, 'new.sqlite'), name: 'X' }))).msg?.code).toBe('workspace.path-not-allowed');
    expect(Object.keys(backend.api).some((m) => /approv|grant/i.test(m))).toBe(false);
  });
});

describe('desktop: workspace paths from the native dialogs only', () => {
  it('outside the data folder and the recent list, a path works only after main approved it for that purpose', async () => {
    // its own data folder: the recent list of the tests above names real.sqlite
    const desktopHome = path.join(t.dir, 'desktop-home');
    fs.mkdirSync(desktopHome);
    backend = new Backend(null, { dataDir: desktopHome, recent: true, confinePaths: true, nativeDialogs: true });
    const shapes = new Set<string>();
    for (const p of outsidePaths()) {
      const e = await refusal(backend.api.openWorkspace({ path: p }));
      expect(e.msg?.code, p).toBe('security.path.workspaceNotChosen');
      shapes.add(shape(e, p));
    }
    expect([...shapes]).toHaveLength(1);

    // File > Open: main approves the chosen file, then openWorkspace (from main or the page) accepts it
    const real = path.join(outside, 'real.sqlite');
    expect(backend.pathApprovals.approve(real, 'open').path).toBe(real);
    expect((await backend.api.openWorkspace({ path: real })).name).toBe('Outside');
    // an 'open' approval does not allow writing there
    const copyTarget = path.join(outside, 'copy.sqlite');
    expect((await refusal(backend.api.saveWorkspaceCopy({ path: copyTarget }))).msg?.code).toBe('security.path.workspaceNotChosen');
    expect(fs.existsSync(copyTarget)).toBe(false);

    // File > Save a copy / New: a 'write' approval
    backend.pathApprovals.approve(copyTarget, 'write');
    expect((await backend.api.saveWorkspaceCopy({ path: copyTarget })).path).toBe(copyTarget);
    const created = path.join(outside, 'created.sqlite');
    backend.pathApprovals.approve(created, 'write');
    // a refused create (unknown powiat) can be retried with the same approval
    expect((await refusal(backend.api.createWorkspace({ path: created, name: 'N', territory: ['powiat nieistniejący'] }))).msg?.code).toBe('territory.unknownPowiat');
    expect((await backend.api.createWorkspace({ path: created, name: 'N' })).path).toBe(created);

    // the recent list (what the user opened before) opens without a new dialog
    await backend.closeWorkspace();
    expect((await backend.api.openWorkspace({ path: real })).name).toBe('Outside');
  });

  it('approvals expire and are bounded; only absolute paths are approved', () => {
    let now = 1_000_000;
    const a = new PathApprovals({ ttlMs: 60_000, max: 2, now: () => now });
    expect(() => a.approve('relative/x.sqlite', 'open')).toThrow(RejonError);
    expect(() => a.approve('/tmp/x\0.sqlite', 'open')).toThrow(RejonError);
    a.approve('/data/a.sqlite', 'open');
    expect(a.has('/data/a.sqlite', 'open')).toBe(true);
    expect(a.has('/data/a.sqlite', 'write')).toBe(false);
    expect(a.approve('/data/x/../b.sqlite', 'write').path).toBe('/data/b.sqlite');
    expect(a.has('/data/b.sqlite', 'write')).toBe(true);
    a.approve('/data/c.sqlite', 'open'); // the oldest goes
    expect(a.has('/data/a.sqlite', 'open')).toBe(false);
    now += 60_001;
    expect(a.has('/data/b.sqlite', 'write')).toBe(false);
    expect(a.has('/data/c.sqlite', 'open')).toBe(false);
  });

  it('the host protocol carries the purpose of a grant', () => {
    expect(isToHost({ type: 'grant', id: 1, file: '/x.csv' })).toBe(true);
    expect(isToHost({ type: 'grant', id: 1, file: '/x.sqlite', purpose: 'open' })).toBe(true);
    expect(isToHost({ type: 'grant', id: 1, file: '/x.sqlite', purpose: 'write' })).toBe(true);
    expect(isToHost({ type: 'grant', id: 1, file: '/x.sqlite', purpose: 'delete' })).toBe(false);
  });
});

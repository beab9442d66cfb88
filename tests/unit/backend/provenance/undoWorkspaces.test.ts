/**
 * Undo through the one contract on a Backend that switches workspaces (issue 12 points 1 and 6 together): an
 * import made in workspace A is undone after B was opened and A reopened; the backup goes next to A, B is left
 * alone; a read-only A refuses the undo before any backup is written; the demo offers no undo. Real SQLite files,
 * the real backend and importer, no mocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { listBackups } from '../../../../src/backend/store/backup';
import { RejonError } from '../../../../src/shared/contract';
import { syntheticRows, writeKmzbCsv } from '../../../helpers/kmzbCsv';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let backend: Backend;

beforeEach(() => {
  t = tmpDir('rejon-undo-ws-');
  backend = new Backend(null, { dataDir: path.join(t.dir, 'home'), trustedPaths: true });
});
afterEach(async () => {
  await backend.close();
  t.cleanup();
});

async function rejection(p: Promise<unknown>): Promise<RejonError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RejonError);
    return e as RejonError;
  }
  throw new Error('expected a rejection');
}

async function importInto(file: string, n: number, start: number): Promise<number> {
  writeKmzbCsv(file, syntheticRows(n, start));
  const { jobId } = await backend.api.startImport({ source: { path: file }, provenanceKind: 'kmzb-police', provenance: 'KPP, test' });
  const job = await backend.jobs.wait(jobId);
  expect(job.state).toBe('done');
  const list = await backend.api.listImports({});
  return list[0].id;
}

describe('undo on the open workspace of a switching backend', () => {
  it('undoes an import of A after a switch to B and back; the backup lies next to A; B is untouched', async () => {
    const a = path.join(t.dir, 'a', 'a.sqlite');
    const b = path.join(t.dir, 'b', 'b.sqlite');
    fs.mkdirSync(path.dirname(a));
    fs.mkdirSync(path.dirname(b));

    await backend.api.createWorkspace({ path: a, name: 'A' });
    const importA = await importInto(path.join(t.dir, 'a.csv'), 30, 0);
    await backend.api.createWorkspace({ path: b, name: 'B' });
    await importInto(path.join(t.dir, 'b.csv'), 12, 1000);
    expect((await backend.api.getWorkspaceInfo({})).reports).toBe(12);

    await backend.api.openWorkspace({ path: a });
    expect((await backend.api.getWorkspaceInfo({})).reports).toBe(30);
    const [rec] = await backend.api.listImports({});
    expect(rec).toMatchObject({ id: importA, provenanceKind: 'kmzb-police', provenance: 'KPP, test', inserted: 30, undoable: true });
    const preview = await backend.api.previewUndoImport({ importId: importA });
    expect(preview).toMatchObject({ remove: 30, restore: 0, possible: true, blockedBy: [] });
    expect(preview.backupDir).toBe(path.join(path.dirname(a), 'backups'));

    const r = await backend.api.undoImport({ importId: importA });
    expect(r.removed).toBe(30);
    expect(path.dirname(r.backupPath)).toBe(path.join(path.dirname(a), 'backups'));
    expect(listBackups(a)).toEqual([r.backupPath]);
    expect(listBackups(b)).toEqual([]);
    expect((await backend.api.getWorkspaceInfo({})).reports).toBe(0);
    expect((await backend.api.listImports({}))[0].undoneAt).not.toBeNull();

    await backend.api.openWorkspace({ path: b });
    expect((await backend.api.getWorkspaceInfo({})).reports).toBe(12);
    expect((await backend.api.listImports({}))[0].undoneAt).toBeNull();
  }, 60_000);

  it('a read-only workspace refuses the undo before writing a backup', async () => {
    const a = path.join(t.dir, 'a.sqlite');
    await backend.api.createWorkspace({ path: a, name: 'A' });
    const id = await importInto(path.join(t.dir, 'a.csv'), 10, 0);
    await backend.api.closeWorkspace({});
    await backend.api.openWorkspace({ path: a, readOnly: true });
    const e = await rejection(backend.api.undoImport({ importId: id }));
    expect(e.msg?.code).toBe('workspace.error.read-only-write');
    expect(listBackups(a)).toEqual([]);
    expect((await backend.api.getWorkspaceInfo({})).reports).toBe(10);
  }, 60_000);

  it('the demo offers no undo of its generated import', async () => {
    const { jobId } = await backend.api.openDemoWorkspace({});
    expect((await backend.jobs.wait(jobId!)).state).toBe('done');
    const [demo] = await backend.api.listImports({});
    expect(demo).toMatchObject({ provenanceKind: 'demo', provenance: null, undoable: false });
    expect(await backend.api.previewUndoImport({ importId: demo.id })).toMatchObject({ possible: false, reason: { code: 'provenance.undo.demo' } });
    const before = (await backend.api.getWorkspaceInfo({})).reports;
    const e = await rejection(backend.api.undoImport({ importId: demo.id }));
    expect(e.msg?.code).toBe('provenance.undo.demo');
    expect((await backend.api.getWorkspaceInfo({})).reports).toBe(before);
    expect(listBackups((await backend.api.getWorkspaceInfo({})).path)).toEqual([]);
  }, 120_000);
});

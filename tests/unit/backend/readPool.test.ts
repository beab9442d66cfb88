/**
 * Heavy reads off the backend's thread (issue 14, pt 4): read workers with their own read-only connections answer
 * exactly what the backend's thread answers, concurrently, see other connections' commits, and stop with the
 * workspace. Real SQLite file, real worker threads (from the sources through tsx here; the bench runs the build).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Backend } from '../../../src/backend/backend';
import { tmpDir } from '../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let file: string;
let inline: Backend;
let pooled: Backend;

beforeAll(async () => {
  t = tmpDir('rejon-reads-');
  file = path.join(t.dir, 'w.sqlite');
  inline = new Backend(file, { create: true, dataDir: path.join(t.dir, 'home') });
  const { jobId } = await inline.api.startJob({ kind: 'demo', seed: 3, reports: 3000 });
  const job = await inline.jobs.wait(jobId);
  expect(job.state).toBe('done');
  pooled = new Backend(file, { dataDir: path.join(t.dir, 'home'), readWorkers: 2 });
}, 120_000);

afterAll(async () => {
  await pooled?.close();
  await inline?.close();
  t.cleanup();
});

describe('read workers', { timeout: 120_000 }, () => {
  it('answer getReportColumns and listReports exactly as the backend thread does, many at once', async () => {
    const want = await inline.api.getReportColumns({ filter: {} });
    const wantList = await inline.api.listReports({ filter: {}, limit: 50, offset: 10 });
    const got = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? pooled.api.getReportColumns({ filter: {} }) : pooled.api.listReports({ filter: {}, limit: 50, offset: 10 }))));
    for (let i = 0; i < got.length; i++) {
      if (i % 2) expect(Buffer.from(got[i] as Uint8Array).equals(Buffer.from(want))).toBe(true);
      else expect(got[i]).toEqual(wantList);
    }
    expect(want.byteLength).toBeGreaterThan(3000 * 10);
  });

  it("see what another connection committed, and stop when the workspace closes", async () => {
    const before = (await pooled.api.listReports({ filter: {}, limit: 1 })).total;
    inline.db.prepare('DELETE FROM reports WHERE id IN (SELECT id FROM reports ORDER BY id LIMIT 5)').run();
    expect((await pooled.api.listReports({ filter: {}, limit: 1 })).total).toBe(before - 5);
    await pooled.api.closeWorkspace({});
    await expect(pooled.api.listReports({ filter: {}, limit: 1 })).rejects.toMatchObject({ code: 'workspace' });
  });
});

/**
 * Issue 14 point 1: file access by capability. The probes of the issue, over the real loopback HTTP transport:
 * `{ source: { path } }` for /etc/passwd, /proc/self/environ and a path that does not exist must get the SAME
 * refusal, read nothing and create no job; uploads and desktop grants work; reader errors never quote the file.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { startHttpServer, type RunningServer } from '../../../../src/backend/server/httpServer';
import { FileGrantStore } from '../../../../src/backend/security/grants';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let backend: Backend;
let server: RunningServer;

const SECRET = 'root:x:0:0:root:/root:/bin/bash SECRET-CONTENT-4711';

beforeAll(async () => {
  t = tmpDir('rejon-fileaccess-');
  const staticDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Rejon</title>');
  backend = new Backend(path.join(t.dir, 'w.sqlite'), { create: true });
  server = await startHttpServer({ backend, staticDir });
});

afterAll(async () => {
  await server.close();
  await backend.close();
  t.cleanup();
});

function call(method: string, input: unknown): Promise<{ status: number; body: { result?: unknown; error?: { code: string; message: string; msg?: { code: string } } } }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(input);
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/call/${method}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function upload(name: string, bytes: Buffer | string): Promise<string> {
  const r = await call('uploadChunk', { name, offset: 0, data: Buffer.from(bytes).toString('base64') });
  expect(r.status).toBe(200);
  return (r.body.result as { uploadId: string }).uploadId;
}

async function waitJob(jobId: string): Promise<{ state: string; error: string | null }> {
  for (;;) {
    const j = (await call('getJob', { jobId })).body.result as { state: string; error: string | null };
    if (j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const CSV = 'Nr zgłoszenia;Kategoria;Status;Data utworzenia;Długość;Szerokość\r\nA1;Żebractwo;Nowe;01.06.2026 18:00;19,703;51,4053\r\nA2;Akty wandalizmu;Potwierdzone;02.06.2026 08:00;19,71;51,41\r\n';

describe('file access by capability (browser mode and IPC: no paths)', () => {
  it('refuses { path } for any file with one answer that does not depend on the file, and reads nothing', async () => {
    const passwd = path.join(t.dir, 'passwd');
    fs.writeFileSync(passwd, SECRET);
    const targets = ['/etc/passwd', '/proc/self/environ', passwd, path.join(t.dir, 'does-not-exist.csv'), t.dir];
    const bodies = new Set<string>();
    const jobsBefore = ((await call('listJobs', {})).body.result as unknown[]).length;
    for (const method of ['inspectImport', 'startImport', 'inspectDistrictFile', 'startDistrictImport'] as const) {
      for (const p of targets) {
        const input = method === 'startDistrictImport' ? { source: { path: p }, nameField: 'NAZWA' } : { source: { path: p } };
        const r = await call(method, input);
        expect(r.status, `${method} ${p}`).toBe(403);
        expect(r.body.error?.msg?.code).toBe('security.path.notAllowed');
        const text = JSON.stringify(r.body);
        expect(text).not.toContain('root:');
        expect(text).not.toContain('SECRET');
        expect(text).not.toContain(p);
        bodies.add(text);
      }
    }
    // exactly one refusal text for existing, missing, secret and folder paths: no existence oracle
    expect(bodies.size).toBe(1);
    expect(((await call('listJobs', {})).body.result as unknown[]).length).toBe(jobsBefore);
  });

  it('imports what the caller uploaded and removes the staged copy when the import ends', async () => {
    const id = await upload('zgloszenia.csv', CSV);
    const folder = backend.uploads.stagingFolder!;
    expect(fs.readdirSync(folder)).toHaveLength(1);
    const insp = await call('inspectImport', { source: { uploadId: id } });
    expect(insp.status).toBe(200);
    expect((insp.body.result as { preview: string[][] }).preview).toHaveLength(2);
    const start = await call('startImport', { source: { uploadId: id } });
    const job = await waitJob((start.body.result as { jobId: string }).jobId);
    expect(job.state).toBe('done');
    expect(fs.existsSync(folder)).toBe(false);
    // the upload id is spent
    const again = await call('inspectImport', { source: { uploadId: id } });
    expect(again.status).toBe(404);
    expect(again.body.error?.msg?.code).toBe('security.upload.gone');
  });

  it('removes the staged copy when the import fails or is cancelled, and on discardUpload', async () => {
    const bad = await upload('zle.csv', 'Nr;Kategoria\r\n1;x\r\n');
    const start = await call('startImport', { source: { uploadId: bad } });
    expect((await waitJob((start.body.result as { jobId: string }).jobId)).state).toBe('failed');
    expect(backend.uploads.count).toBe(0);

    const big = await upload('duzy.csv', CSV + 'A3;Żebractwo;Nowe;01.06.2026 18:00;19,703;51,4053\r\n'.repeat(20000));
    const s2 = await call('startImport', { source: { uploadId: big } });
    const jobId = (s2.body.result as { jobId: string }).jobId;
    await call('cancelJob', { jobId });
    expect(['cancelled', 'done']).toContain((await waitJob(jobId)).state);
    expect(backend.uploads.count).toBe(0);

    const third = await upload('c.csv', CSV);
    expect((await call('discardUpload', { uploadId: third })).body.result).toEqual({ discarded: true });
    expect(backend.uploads.count).toBe(0);
    expect(backend.uploads.stagingFolder).toBeNull();
  });

  it('reader errors name the file and the problem, never its content', async () => {
    const cases: [string, string, string][] = [
      ['secret.json', `{"features": [${JSON.stringify(SECRET)} oops`, 'inspectImport'],
      ['secret.geojson', SECRET, 'inspectDistrictFile'],
      ['secret.kml', `<kml><Document>${SECRET}<Placemark></kml>`, 'inspectDistrictFile'],
      ['secret.xlsx', `PK\u0003\u0004${SECRET}`, 'inspectImport'],
      ['secret.zip', `PK\u0003\u0004${SECRET}`, 'inspectDistrictFile'],
    ];
    for (const [name, content, method] of cases) {
      const id = await upload(name, content);
      const r = await call(method, { source: { uploadId: id } });
      expect(r.status, name).toBe(400);
      const text = JSON.stringify(r.body);
      expect(text, name).toContain(name);
      expect(text, name).not.toContain('root:');
      expect(text, name).not.toContain('SECRET');
      expect(r.body.error?.msg?.code, name).toMatch(/^security\./);
      await call('discardUpload', { uploadId: id });
    }
  });
});

describe('desktop file grants', () => {
  it('a grant opens exactly the chosen file, through the contract, until it expires', async () => {
    const file = path.join(t.dir, 'wybrany.csv');
    fs.writeFileSync(file, CSV);
    const g = backend.fileGrants.issue(file);
    expect(g.token).toMatch(/^[a-f0-9]{48}$/);
    expect(g.name).toBe('wybrany.csv');
    const r = await call('inspectImport', { source: { grant: g.token } });
    expect(r.status).toBe(200);
    expect((r.body.result as { fileName: string }).fileName).toBe('wybrany.csv');
    const forged = await call('inspectImport', { source: { grant: 'a'.repeat(48) } });
    expect(forged.status).toBe(404);
    expect(forged.body.error?.msg?.code).toBe('security.grant.expired');
    backend.fileGrants.revoke(g.token);
    expect((await call('inspectImport', { source: { grant: g.token } })).body).toEqual(forged.body);
  });

  it('expires after its time to live and after its maximum age, pins the file by identity, refuses non-files', () => {
    let now = 1_000_000;
    const store = new FileGrantStore({ ttlMs: 1000, maxAgeMs: 5000, now: () => now });
    const file = path.join(t.dir, 'g.csv');
    fs.writeFileSync(file, CSV);
    const g = store.issue(file);
    now += 900;
    expect(store.resolve(g.token).file).toBe(fs.realpathSync(file));
    now += 900; // used 900 ms ago: still alive (sliding)
    expect(store.resolve(g.token).name).toBe('g.csv');
    now += 1001;
    expect(() => store.resolve(g.token)).toThrow(/expired/);

    const g2 = store.issue(file);
    for (let i = 0; i < 6; i++) {
      now += 900;
      if (i < 5) store.resolve(g2.token);
    }
    expect(() => store.resolve(g2.token)).toThrow(/expired/); // older than maxAgeMs although used

    // the file behind the grant is replaced (another inode): refused
    const g3 = store.issue(file);
    fs.linkSync(file, path.join(t.dir, 'g-old.csv')); // keep the old inode alive so the new file cannot reuse it
    fs.writeFileSync(path.join(t.dir, 'g-new.csv'), 'other');
    fs.renameSync(path.join(t.dir, 'g-new.csv'), file);
    expect(() => store.resolve(g3.token)).toThrow(/expired/);

    // a symlink is pinned to its target at issue time
    const link = path.join(t.dir, 'link.csv');
    fs.symlinkSync(file, link);
    const g4 = store.issue(link);
    expect(store.resolve(g4.token).file).toBe(fs.realpathSync(file));

    expect(() => store.issue(t.dir)).toThrow();
    expect(() => store.issue('relative.csv')).toThrow();
    expect(() => store.issue('/dev/null')).toThrow();
    expect(() => store.issue(path.join(t.dir, 'missing.csv'))).toThrow();
  });

  it('keeps a bounded number of grants', () => {
    const store = new FileGrantStore({ maxGrants: 3 });
    const file = path.join(t.dir, 'h.csv');
    fs.writeFileSync(file, CSV);
    const tokens = Array.from({ length: 5 }, () => store.issue(file).token);
    expect(store.size).toBe(3);
    expect(() => store.resolve(tokens[0])).toThrow();
    expect(store.resolve(tokens[4]).name).toBe('h.csv');
  });
});

describe('the CLI keeps paths', () => {
  it('a backend created with trustedPaths reads a path', async () => {
    const file = path.join(t.dir, 'cli.csv');
    fs.writeFileSync(file, CSV);
    const b = new Backend(path.join(t.dir, 'cli.sqlite'), { create: true, trustedPaths: true });
    try {
      const r = await b.api.inspectImport({ source: { path: file } });
      expect(r.preview).toHaveLength(2);
    } finally {
      await b.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Backend } from '../../../src/backend/backend';
import { startHttpServer, type RunningServer } from '../../../src/backend/server/httpServer';
import { createImport, createReportUpserter } from '../../../src/backend/store/reports';
import { decodeReportColumns } from '../../../src/shared/columns';
import { tmpDir } from '../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let backend: Backend;
let server: RunningServer;

beforeAll(async () => {
  t = tmpDir();
  const staticDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Rejon</title>');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'top secret');
  backend = new Backend(path.join(t.dir, 'w.sqlite'), { create: true });
  const importId = createImport(backend.db, { fileName: 't.csv', fileHash: null, sourceKind: 'test', provenance: null, mapping: null });
  const up = createReportUpserter(backend.db, importId);
  up.upsert({ sourceId: 'A1', category: 'Żebractwo', status: 'Nowe', createdAt: Date.UTC(2026, 5, 1, 18), eventAt: null, modifiedAt: null, lon: 19.703, lat: 51.4053, teryt: '1062011', description: 'opis; "cytat"' });
  up.upsert({ sourceId: 'A2', category: 'Akty wandalizmu', status: 'Potwierdzone', createdAt: Date.UTC(2026, 5, 2, 8), eventAt: null, modifiedAt: null, lon: 19.71, lat: 51.41, teryt: null, description: null });
  server = await startHttpServer({ backend, staticDir });
});

afterAll(async () => {
  await server.close();
  await backend.close();
  t.cleanup();
});

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const call = (method: string, input: unknown, token = server.token) =>
  request({ method: 'POST', path: `/api/call/${method}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });

describe('loopback HTTP transport', () => {
  it('listens on 127.0.0.1 only and gives the token in the URL fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.openUrl).toContain(`#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers contract calls with the token', async () => {
    const res = await call('getWorkspaceInfo', {});
    expect(res.status).toBe(200);
    const info = JSON.parse(res.body.toString()).result;
    expect(info.reports).toBe(2);
    expect(info.schemaVersion).toBeGreaterThan(0);
  });

  it('returns binary report columns', async () => {
    const res = await call('getReportColumns', { filter: { categories: ['Żebractwo'] } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    const cols = decodeReportColumns(new Uint8Array(res.body));
    expect(cols.count).toBe(1);
    expect(cols.category[0]).toBe(24);
    expect(cols.hour[0]).toBe(20); // 18:00 UTC in June = 20:00 in Warsaw
    expect(cols.position[0]).toBeCloseTo(19.703, 4);
  });

  it('rejects calls without or with a wrong token', async () => {
    expect((await call('getWorkspaceInfo', {}, 'wrong')).status).toBe(401);
    const none = await request({ method: 'POST', path: '/api/call/getWorkspaceInfo', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect((await request({ path: '/api/events' })).status).toBe(401);
  });

  it('rejects other Host headers (DNS rebinding)', async () => {
    const res = await request({ method: 'POST', path: '/api/call/getWorkspaceInfo', headers: { host: 'evil.example:80', 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: '{}' });
    expect(res.status).toBe(421);
  });

  it('rejects non-JSON bodies and invalid input, naming the field', async () => {
    const form = await request({ method: 'POST', path: '/api/call/getWorkspaceInfo', headers: { 'content-type': 'text/plain', authorization: `Bearer ${server.token}` }, body: '{}' });
    expect(form.status).toBe(415);
    const bad = await call('getReportColumns', { filter: { hours: [25] } });
    expect(bad.status).toBe(400);
    const err = JSON.parse(bad.body.toString()).error;
    expect(err.code).toBe('bad-request');
    expect(err.message).toContain('filter.hours.0');
    const extra = await call('getWorkspaceInfo', { evil: true });
    expect(extra.status).toBe(400);
    const unknown = await call('dropTables', {});
    expect(unknown.status).toBe(404);
    const notJson = await request({ method: 'POST', path: '/api/call/getWorkspaceInfo', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: '{nope' });
    expect(notJson.status).toBe(400);
  });

  it('serves the app with a CSP and never files outside the renderer folder', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await request({ path: p });
      expect(res.body.toString()).not.toContain('top secret');
    }
  });

  it('reports job progress over the API and cancels', async () => {
    const settings = await call('setSetting', { key: 'ui.layers', value: { heat: false } });
    expect(settings.status).toBe(200);
    const got = JSON.parse((await call('getSetting', { key: 'ui.layers' })).body.toString()).result;
    expect(got).toEqual({ heat: false });
    const missing = await call('getJob', { jobId: 'no-such-job' });
    expect(missing.status).toBe(404);
  });
});

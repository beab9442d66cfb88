/**
 * Issue 14 point 2: basemap fetching that cannot be turned into a probe. A real HTTP server on loopback plays the
 * hostile tile server: redirects to other hosts, huge bodies (declared and streamed), a gzip bomb, wrong content
 * types with secrets in the body, a server that never answers; plus closed ports and the cloud metadata address.
 * Every failure reaches the caller as the same "the tile server did not answer" (HTTP 503), without body, port or
 * errno; the cache is bounded in entries and bytes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { BasemapRegistry } from '../../../../src/backend/map/basemaps';
import { fetchTile, isBlockedAddress, isTileContentType, TileFetchError } from '../../../../src/backend/map/tileFetch';
import { startHttpServer, type RunningServer } from '../../../../src/backend/server/httpServer';
import { setSetting } from '../../../../src/backend/store/workspace';
import { tmpDir } from '../../../helpers/tmp';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SECRET = 'AKIA-SECRET-TOKEN-from-metadata';

let t: ReturnType<typeof tmpDir>;
let tiles: http.Server;
let base: string;
let port: number;
/** Bytes the hostile server managed to write for /huge before the client hung up. */
let hugeSent = 0;
let closedPort: number;
/** 100 MiB of zeros, gzipped (~100 KB). */
let gzipBomb: Buffer;

beforeAll(async () => {
  t = tmpDir('rejon-tiles-');
  gzipBomb = zlib.gzipSync(Buffer.alloc(100 * 1024 * 1024));
  tiles = http.createServer((req, res) => {
    const u = req.url ?? '';
    if (u.startsWith('/ok/')) return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (u.startsWith('/pbf/')) return void res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.from('vector')));
    if (u.startsWith('/same/')) return void res.writeHead(302, { location: u.replace('/same/', '/ok/') }).end();
    if (u.startsWith('/other/')) return void res.writeHead(302, { location: `http://localhost:${port}${u.replace('/other/', '/ok/')}` }).end();
    if (u.startsWith('/meta/')) return void res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (u.startsWith('/loop/')) return void res.writeHead(302, { location: u }).end();
    if (u.startsWith('/missing/')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no tile');
    if (u.startsWith('/html/')) return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<h1>${SECRET}</h1>`);
    if (u.startsWith('/json/')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: SECRET }));
    if (u.startsWith('/svg/')) return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg onload="alert(1)"/>');
    if (u.startsWith('/notype/')) return void res.writeHead(200).end(PNG);
    if (u.startsWith('/declared/')) return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(300 * 1024 * 1024) }).end();
    if (u.startsWith('/gzipbomb/')) {
      return void res.writeHead(200, { 'content-type': 'image/png', 'content-encoding': 'gzip' }).end(gzipBomb);
    }
    if (u.startsWith('/huge/')) {
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(256 * 1024, 7);
      hugeSent = 0;
      const pump = () => {
        while (hugeSent < 300 * 1024 * 1024) {
          hugeSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => undefined);
      return pump();
    }
    if (u.startsWith('/silent/')) return; // never answers
    res.writeHead(500).end(SECRET);
  });
  await new Promise<void>((r) => tiles.listen(0, '127.0.0.1', r));
  port = (tiles.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  // a port with nothing listening
  const tmp = http.createServer();
  await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
  closedPort = (tmp.address() as AddressInfo).port;
  await new Promise((r) => tmp.close(r));
});

afterAll(async () => {
  tiles.closeAllConnections();
  await new Promise((r) => tiles.close(r));
  t.cleanup();
});

const reason = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e instanceof TileFetchError ? e.reason : `other: ${(e as Error).message}`;
  }
  return 'ok';
};

describe('fetchTile against a hostile tile server', () => {
  it('fetches a tile, follows a same-host redirect, decodes gzip, maps 404 to no tile', async () => {
    expect((await fetchTile(`${base}/ok/1/2/3.png`))!.bytes).toEqual(new Uint8Array(PNG));
    expect((await fetchTile(`${base}/same/1/2/3.png`))!.contentType).toBe('image/png');
    expect(Buffer.from((await fetchTile(`${base}/pbf/1/2/3.pbf`))!.bytes).toString()).toBe('vector');
    expect(await fetchTile(`${base}/missing/1/2/3.png`)).toBeNull();
  });

  it('refuses redirects to another host (also to the metadata service) and redirect loops', async () => {
    expect(await reason(fetchTile(`${base}/other/1/2/3.png`))).toBe('redirect');
    expect(await reason(fetchTile(`${base}/meta/1/2/3.png`))).toBe('redirect');
    expect(await reason(fetchTile(`${base}/loop/1/2/3.png`))).toBe('redirect');
  });

  it('refuses bodies that are not tiles', async () => {
    for (const p of ['html', 'json', 'svg', 'notype']) expect(await reason(fetchTile(`${base}/${p}/1/2/3.png`)), p).toBe('content-type');
  });

  it('stops huge bodies while they stream, declared ones before reading, and gzip bombs after decoding 4 MiB', async () => {
    const before = process.memoryUsage().rss;
    expect(await reason(fetchTile(`${base}/huge/1/2/3.png`))).toBe('too-large');
    expect(hugeSent).toBeLessThan(32 * 1024 * 1024); // the server was cut off long before its 300 MB
    expect(await reason(fetchTile(`${base}/declared/1/2/3.png`))).toBe('too-large');
    expect(await reason(fetchTile(`${base}/gzipbomb/1/2/3.png`))).toBe('too-large');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('gives up on a server that never answers at the deadline', async () => {
    const t0 = Date.now();
    expect(await reason(fetchTile(`${base}/silent/1/2/3.png`, { timeoutMs: 400 }))).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('never connects to link-local / metadata addresses, by literal or by name', async () => {
    expect(await reason(fetchTile('http://169.254.169.254/latest/meta-data/'))).toBe('blocked-address');
    expect(await reason(fetchTile('http://[fe80::1]/x.png'))).toBe('blocked-address');
    expect(await reason(fetchTile('http://[::ffff:169.254.169.254]/x.png'))).toBe('blocked-address');
    // a NAME that resolves to a refused address is refused inside the socket's lookup (no rebinding window)
    const loopbackBlocked = (a: string) => a === '127.0.0.1' || a === '::1';
    expect(await reason(fetchTile(`http://localhost:${port}/ok/1/2/3.png`, { isBlocked: loopbackBlocked }))).toBe('blocked-address');
    expect(await reason(fetchTile(`http://127.0.0.1:${closedPort}/ok/1/2/3.png`))).toBe('network');
  });

  it('address policy: link-local, metadata, unspecified, multicast refused; loopback and LAN allowed', () => {
    for (const a of ['169.254.169.254', '169.254.0.1', '0.0.0.0', '100.100.100.200', '224.0.0.1', '255.255.255.255', 'fe80::1', '::', 'fd00:ec2::254', '::ffff:169.254.169.254', 'ff02::1', 'not-an-ip']) {
      expect(isBlockedAddress(a), a).toBe(true);
    }
    for (const a of ['127.0.0.1', '::1', '10.1.2.3', '192.168.1.10', '172.16.0.5', 'fd12:3456::1', '8.8.8.8', '2001:db8::1']) expect(isBlockedAddress(a), a).toBe(false);
    expect(isTileContentType('image/png; charset=binary')).toBe(true);
    expect(isTileContentType('application/vnd.mapbox-vector-tile')).toBe(true);
    expect(isTileContentType('image/svg+xml')).toBe(false);
    expect(isTileContentType('text/html')).toBe(false);
    expect(isTileContentType(undefined)).toBe(false);
  });
});

describe('getBasemapTile over the loopback HTTP transport', () => {
  let backend: Backend;
  let server: RunningServer;
  const call = (method: string, input: unknown): Promise<{ status: number; body: string; bytes: Buffer }> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/call/${method}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), bytes: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(input));
    });

  beforeAll(async () => {
    backend = new Backend(path.join(t.dir, 'w.sqlite'), { create: true });
    server = await startHttpServer({ backend, staticDir: t.dir });
  });
  afterAll(async () => {
    await server.close();
    await backend.close();
  });

  it('answers every failure the same way: 503 "the tile server did not answer", nothing of the target', async () => {
    const targets: Record<string, string> = {
      html: `${base}/html/{z}/{x}/{y}.png`,
      json: `${base}/json/{z}/{x}/{y}.png`,
      other: `${base}/other/{z}/{x}/{y}.png`,
      meta: `${base}/meta/{z}/{x}/{y}.png`,
      e500: `${base}/e500/{z}/{x}/{y}.png`,
      declared: `${base}/declared/{z}/{x}/{y}.png`,
      closed: `http://127.0.0.1:${closedPort}/{z}/{x}/{y}.png`,
      imds: 'http://169.254.169.254/latest/{z}/{x}/{y}',
    };
    const bodies = new Set<string>();
    for (const [id, url] of Object.entries(targets)) {
      const saved = await call('saveBasemapSource', { kind: 'xyz', id, name: 'Podkład', url });
      expect(saved.status, id).toBe(200);
      const r = await call('getBasemapTile', { sourceId: id, z: 1, x: 1, y: 1 });
      expect(r.status, id).toBe(503);
      expect(r.body).not.toContain(SECRET);
      expect(r.body).not.toContain(String(closedPort));
      expect(r.body).not.toContain(String(port));
      expect(r.body).not.toMatch(/ECONN|EREJON|HTTP 500|169\.254/);
      expect(JSON.parse(r.body).error.msg).toEqual({ code: 'security.tile.noAnswer', params: { name: 'Podkład' } });
      bodies.add(r.body);
    }
    expect(bodies.size).toBe(1);
    const ok = await call('saveBasemapSource', { kind: 'xyz', id: 'ok', name: 'OK', url: `${base}/ok/{z}/{x}/{y}.png` });
    expect(ok.status).toBe(200);
    const tile = await call('getBasemapTile', { sourceId: 'ok', z: 1, x: 1, y: 1 });
    expect(tile.status).toBe(200);
    expect(tile.bytes).toEqual(PNG);
    // a tile URL can only come from a saved source: the contract has no URL field
    expect((await call('getBasemapTile', { sourceId: 'ok', z: 1, x: 1, y: 1, url: 'http://169.254.169.254/' })).status).toBe(400);
  });
});

describe('the tile cache', () => {
  it('is bounded in entries and bytes, least recently used out first', async () => {
    const backend = new Backend(path.join(t.dir, 'c.sqlite'), { create: true });
    try {
      setSetting(backend.db, 'map.basemaps', [{ kind: 'xyz', id: 'osm', name: 'OSM', url: `${base}/ok/{z}/{x}/{y}.png`, minzoom: 0, maxzoom: 19, tileSize: 256, attribution: '' }]);
      const reg = new BasemapRegistry(backend.db, {}, { maxEntries: 3, maxBytes: PNG.length * 2 + 10 });
      await reg.tile('osm', 3, 1, 1);
      await reg.tile('osm', 3, 1, 2);
      expect(reg.cacheStats).toEqual({ entries: 2, bytes: PNG.length * 2 });
      await reg.tile('osm', 3, 1, 1); // hit: now most recent
      await reg.tile('osm', 3, 1, 3); // over the byte bound: the least recently used (1,2) goes
      expect(reg.cacheStats).toEqual({ entries: 2, bytes: PNG.length * 2 });
      const reg2 = new BasemapRegistry(backend.db, {}, { maxEntries: 3, maxBytes: 1e6 });
      for (let y = 0; y < 6; y++) await reg2.tile('osm', 3, 1, y);
      expect(reg2.cacheStats.entries).toBe(3);
    } finally {
      await backend.close();
    }
  });
});

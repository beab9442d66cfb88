import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { isBinaryMethod, isMethodName, RejonError, type RejonEvent } from '../../shared/contract';
import type { Backend } from '../backend';
import { dispatch, toWireError } from '../api/dispatch';
import { CONTENT_TYPES, RENDERER_CSP, resolveSafePath } from '../security/paths';

export interface ServeOptions {
  backend: Backend;
  /** Built renderer (index.html + assets). */
  staticDir: string;
  port?: number;
  /** Fixed token (tests); a random one per run otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  /** URL to open in a browser: carries the token in the fragment (never sent to the server). */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;

/** Loopback servers currently serving each backend (newest last), so the backend can open its own pages (print). */
const served = new WeakMap<object, { url: string; token: string }[]>();

/** URL and token of a running HTTP server for this backend, or null when it is not served (CLI, Electron). */
export function servedEndpoint(backend: Backend): { url: string; token: string } | null {
  const list = served.get(backend);
  return list && list.length > 0 ? list[list.length - 1] : null;
}

function sameToken(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': data.length, 'cache-control': 'no-store' });
  res.end(data);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new RejonError('bad-request', 'Request body too large.');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The real path of `file` when it lies inside the real `root` (symlinks resolved), else null. */
function insideRealRoot(root: string, file: string): string | null {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return null;
  }
  return real === root || real.startsWith(root + path.sep) ? real : null;
}

/**
 * Browser mode: the same API contract over loopback HTTP. Bound to 127.0.0.1 only, every API call
 * needs the per-run bearer token, the Host header must be the loopback address (DNS rebinding),
 * and only JSON POSTs are accepted (no CORS, so other sites cannot call it).
 */
export async function startHttpServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const { backend, staticDir } = opts;
  const staticRoot = fs.realpathSync(staticDir);
  const sseClients = new Set<http.ServerResponse>();
  const unsubscribe = backend.onEvent((e: RejonEvent) => {
    const line = `data: ${JSON.stringify(e)}\n\n`;
    for (const c of sseClients) c.write(line);
  });
  let port = 0;

  const server = http.createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        res.writeHead(421, { 'content-type': 'text/plain' });
        res.end('Misdirected request');
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname === '/api/health') {
        sendJson(res, 200, { ok: true });
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        const auth = req.headers.authorization ?? '';
        const given = auth.startsWith('Bearer ') ? auth.slice(7) : (url.pathname === '/api/events' ? url.searchParams.get('token') ?? '' : '');
        if (!sameToken(given, token)) {
          sendJson(res, 401, { error: { code: 'unauthorized', message: 'Missing or wrong token.' } });
          return;
        }
        if (url.pathname === '/api/events' && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          res.write(': connected\n\n');
          sseClients.add(res);
          req.on('close', () => sseClients.delete(res));
          return;
        }
        const m = /^\/api\/call\/([A-Za-z]{1,64})$/.exec(url.pathname);
        if (!m || req.method !== 'POST') {
          sendJson(res, 404, { error: { code: 'not-found', message: 'No such endpoint.' } });
          return;
        }
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          sendJson(res, 415, { error: { code: 'bad-request', message: 'Content-Type must be application/json.' } });
          return;
        }
        const method = m[1];
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body.length ? JSON.parse(body) : {};
        } catch (e) {
          throw e instanceof RejonError ? e : new RejonError('bad-request', 'Body is not valid JSON.');
        }
        const result = await dispatch(backend.api, method, input);
        if (isMethodName(method) && isBinaryMethod(method)) {
          const bytes = result as Uint8Array;
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength, 'cache-control': 'no-store' });
          res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        } else {
          sendJson(res, 200, { result: result ?? null });
        }
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const file = resolveSafePath(staticDir, url.pathname);
      if (!file) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad path');
        return;
      }
      let target = file;
      if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) {
        // single-page app: unknown paths without an extension get index.html
        if (path.extname(url.pathname)) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
          return;
        }
        target = path.join(staticDir, 'index.html');
      }
      // A symlink (or a linked folder) inside the static folder must not lead out of it.
      const real = insideRealRoot(staticRoot, target);
      if (!real) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      target = real;
      const type = CONTENT_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
      const headers: Record<string, string | number> = {
        'content-type': type,
        'content-length': fs.statSync(target).size,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      };
      if (type.startsWith('text/html')) {
        headers['content-security-policy'] = RENDERER_CSP;
        headers['cache-control'] = 'no-store';
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(target).pipe(res);
    } catch (e) {
      const w = toWireError(e);
      const status = w.code === 'bad-request' ? 400 : w.code === 'unauthorized' ? 403 : w.code === 'not-found' ? 404 : w.code === 'unavailable' ? 503 : w.code === 'workspace' ? 409 : w.code === 'busy' ? 503 : 500;
      if (!res.headersSent) sendJson(res, status, { error: w });
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  const endpoint = { url, token };
  served.set(backend, [...(served.get(backend) ?? []), endpoint]);
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    close: async () => {
      served.set(backend, (served.get(backend) ?? []).filter((e) => e !== endpoint));
      unsubscribe();
      for (const c of sseClients) c.end();
      // close() ends idle keep-alive connections; a request still running gets 5 s, then its socket is closed
      const closed = new Promise<void>((r) => server.close(() => r()));
      const force = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(force);
    },
  };
}

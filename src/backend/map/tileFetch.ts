/**
 * Fetching one online basemap tile so that the backend cannot be turned into a network probe (SSRF):
 * - the URL comes only from a source the user saved (BasemapRegistry fills the template; callers pass a source id);
 * - http(s) only; every address the host name resolves to is checked, and the connection goes to the address that
 *   was checked (the check runs inside the socket's DNS lookup, so a rebinding name cannot swap it afterwards);
 * - redirects are followed by hand, at most 3, and only to the same host and port (an http -> https upgrade of the
 *   same host is allowed);
 * - only tile content types are accepted (raster images except SVG, Mapbox vector tiles / protobuf, octet-stream);
 * - the body is counted while it streams (also after gzip/deflate/br decoding) and the request is aborted past
 *   `maxBytes`; a deadline covers connect, redirects and body;
 * - every failure is one TileFetchError whose `reason` is for tests and logs only: callers show the same
 *   "the tile server did not answer" whatever happened, so refused ports, timeouts and bodies tell nothing.
 *
 * Address policy (decided for a police workstation): link-local addresses (169.254.0.0/16, fe80::/10, where cloud
 * metadata services live), known metadata addresses (fd00:ec2::254, 100.100.100.200), unspecified, multicast,
 * broadcast and reserved ranges are always refused, even for a saved source. Loopback and private LAN ranges stay
 * allowed: a local tile server (tileserver-gl, MapProxy) or the command's own WMTS on the intranet is a legitimate
 * source, and with the checks above such a server can only ever give back a bounded image or vector tile.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';

export type TileFailure = 'blocked-address' | 'redirect' | 'status' | 'content-type' | 'too-large' | 'timeout' | 'network' | 'protocol';

export class TileFetchError extends Error {
  constructor(
    readonly reason: TileFailure,
    detail: string,
  ) {
    super(`tile fetch failed (${reason}): ${detail}`);
    this.name = 'TileFetchError';
  }
}

export interface TileFetchOptions {
  /** Largest tile body (decoded), default 4 MiB. */
  maxBytes?: number;
  /** Whole request (DNS, connect, redirects, body), default 15 s. */
  timeoutMs?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Replace the address policy (tests of the policy itself use the default). */
  isBlocked?: (address: string) => boolean;
}

export interface FetchedTile {
  bytes: Uint8Array;
  contentType: string;
}

const DEFAULTS = { maxBytes: 4 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 3 };

/** Content types a tile may have (parameters ignored). SVG is excluded: it is a document that can carry script. */
export function isTileContentType(value: string | undefined): boolean {
  if (!value) return false;
  const t = value.split(';')[0].trim().toLowerCase();
  if (t.startsWith('image/')) return t !== 'image/svg+xml';
  return t === 'application/x-protobuf' || t === 'application/vnd.mapbox-vector-tile' || t === 'application/octet-stream' || t === 'application/protobuf';
}

/** Always refused (see the policy above). net.BlockList also matches IPv4-mapped IPv6 forms (::ffff:169.254.169.254). */
const BLOCKED = new net.BlockList();
BLOCKED.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network", 0.0.0.0
BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local: cloud metadata (169.254.169.254), APIPA
BLOCKED.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
BLOCKED.addSubnet('224.0.0.0', 3, 'ipv4'); // multicast 224/4, reserved 240/4, broadcast
BLOCKED.addAddress('::', 'ipv6');
BLOCKED.addSubnet('fe80::', 10, 'ipv6'); // link-local
BLOCKED.addSubnet('ff00::', 8, 'ipv6'); // multicast
BLOCKED.addSubnet('fd00:ec2::', 32, 'ipv6'); // AWS metadata over IPv6 (fd00:ec2::254)
BLOCKED.addSubnet('64:ff9b::a9fe:0', 112, 'ipv6'); // link-local through NAT64

/** True for addresses a tile request may never reach. Anything that is not an IP address is blocked too. */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

type LookupCb = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A socket lookup that resolves, drops blocked addresses, and connects only to what passed. */
function checkedLookup(isBlocked: (a: string) => boolean) {
  return (hostname: string, options: dns.LookupOptions, cb: LookupCb): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err, '');
      const ok = (addresses as dns.LookupAddress[]).filter((a) => !isBlocked(a.address));
      if (ok.length === 0) {
        const e = new Error('blocked address') as NodeJS.ErrnoException;
        e.code = 'EREJONBLOCKED';
        return cb(e, '');
      }
      if (options.all) cb(null, ok);
      else cb(null, ok[0].address, ok[0].family);
    });
  };
}

function samePlace(a: URL, b: URL): boolean {
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  if (a.hostname !== b.hostname) return false;
  if (a.protocol === b.protocol) return port(a) === port(b);
  // http -> https upgrade of the same host on the default ports
  return a.protocol === 'http:' && b.protocol === 'https:' && port(a) === '80' && port(b) === '443';
}

/**
 * GET one tile. Resolves to the body, or null for "no such tile" (HTTP 404 / 204); throws TileFetchError otherwise.
 */
export async function fetchTile(url: string, options: TileFetchOptions = {}): Promise<FetchedTile | null> {
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const isBlocked = options.isBlocked ?? isBlockedAddress;
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULTS.timeoutMs);
  const first = new URL(url);
  let current = first;
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new TileFetchError('protocol', 'not http(s)');
    if (current.username || current.password) throw new TileFetchError('protocol', 'credentials in the URL');
    const literal = current.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(literal) && isBlocked(literal)) throw new TileFetchError('blocked-address', 'address not allowed');
    const res = await request(current, deadline, isBlocked, options.userAgent);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && status !== 304) {
      res.destroy();
      const loc = res.headers.location;
      if (!loc || hop >= maxRedirects) throw new TileFetchError('redirect', 'too many redirects or no location');
      let next: URL;
      try {
        next = new URL(loc, current);
      } catch {
        throw new TileFetchError('redirect', 'bad location');
      }
      if (!samePlace(current, next)) throw new TileFetchError('redirect', 'redirect to another host');
      current = next;
      continue;
    }
    if (status === 404 || status === 204) {
      res.destroy();
      return null;
    }
    if (status !== 200) {
      res.destroy();
      throw new TileFetchError('status', `HTTP ${status}`);
    }
    const type = res.headers['content-type'];
    if (!isTileContentType(type)) {
      res.destroy();
      throw new TileFetchError('content-type', 'not a tile content type');
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      res.destroy();
      throw new TileFetchError('too-large', 'declared body too large');
    }
    const bytes = await readBody(res, maxBytes, deadline);
    return { bytes, contentType: String(type).split(';')[0].trim().toLowerCase() };
  }
}

function request(u: URL, deadline: number, isBlocked: (a: string) => boolean, userAgent?: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const left = deadline - Date.now();
    if (left <= 0) return reject(new TileFetchError('timeout', 'deadline'));
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      {
        method: 'GET',
        agent: false,
        lookup: checkedLookup(isBlocked) as unknown as net.LookupFunction,
        headers: { 'user-agent': userAgent ?? 'Rejon', accept: 'image/*, application/x-protobuf, application/vnd.mapbox-vector-tile, */*;q=0.1', 'accept-encoding': 'gzip, deflate, br' },
        timeout: left,
      },
      (res) => {
        clearTimeout(timer);
        resolve(res);
      },
    );
    const timer = setTimeout(() => req.destroy(new TileFetchError('timeout', 'deadline')), left);
    req.on('timeout', () => req.destroy(new TileFetchError('timeout', 'deadline')));
    req.on('error', (e) => {
      clearTimeout(timer);
      if (e instanceof TileFetchError) return reject(e);
      const code = (e as NodeJS.ErrnoException).code;
      reject(new TileFetchError(code === 'EREJONBLOCKED' ? 'blocked-address' : 'network', code ?? 'error'));
    });
    req.end();
  });
}

function readBody(res: http.IncomingMessage, maxBytes: number, deadline: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const enc = String(res.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
    let stream: NodeJS.ReadableStream & { destroy?: (e?: Error) => void } = res;
    if (enc === 'gzip' || enc === 'x-gzip') stream = res.pipe(zlib.createGunzip());
    else if (enc === 'deflate') stream = res.pipe(zlib.createInflate());
    else if (enc === 'br') stream = res.pipe(zlib.createBrotliDecompress());
    else if (enc !== 'identity' && enc !== '') {
      res.destroy();
      return reject(new TileFetchError('protocol', 'unknown content encoding'));
    }
    const chunks: Buffer[] = [];
    let raw = 0;
    let size = 0;
    let done = false;
    const fail = (e: TileFetchError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      res.destroy();
      stream.destroy?.();
      reject(e);
    };
    const timer = setTimeout(() => fail(new TileFetchError('timeout', 'body deadline')), Math.max(0, deadline - Date.now()));
    res.on('data', (c: Buffer) => {
      raw += c.length;
      if (raw > maxBytes) fail(new TileFetchError('too-large', 'body too large'));
    });
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) return fail(new TileFetchError('too-large', 'decoded body too large'));
      chunks.push(c);
    });
    stream.on('end', () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    stream.on('error', () => fail(new TileFetchError('network', 'body error')));
    res.on('aborted', () => fail(new TileFetchError('network', 'aborted')));
    res.on('error', () => fail(new TileFetchError('network', 'body error')));
  });
}

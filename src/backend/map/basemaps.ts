import fs from 'node:fs';
import path from 'node:path';
import { RejonError } from '../../shared/contract';
import { BasemapSourceSchema, type BasemapEntry, type BasemapInfo, type BasemapSource } from '../../shared/contract/map';
import { getSetting, setSetting, type Db } from '../store/workspace';
import { openMbtiles, openPmtiles, type TileArchive } from './tileArchives';
import { fetchTile, TileFetchError, type TileFetchOptions } from './tileFetch';
import { msg } from '../../core/message';

export const BASEMAPS_SETTING = 'map.basemaps';
const EMPTY = new Uint8Array(0);
const USER_AGENT = 'Rejon/0.1 (KMZB analyst workstation; tiles fetched for one analyst)';

/** Fill an XYZ or WMTS (Web Mercator matrix set) URL template. */
export function fillTileUrl(template: string, z: number, x: number, y: number): string {
  return template
    .replace(/\{z\}/g, String(z))
    .replace(/\{x\}/g, String(x))
    .replace(/\{y\}/g, String(y))
    .replace(/\{-y\}/g, String(2 ** z - 1 - y))
    .replace(/\{TileMatrix\}/gi, String(z))
    .replace(/\{TileCol\}/gi, String(x))
    .replace(/\{TileRow\}/gi, String(y));
}

function guessFormat(url: string): string {
  const m = /\.(png|jpe?g|webp)(?:[?#]|$)/i.exec(url) ?? /format=image\/(png|jpe?g|webp)/i.exec(url);
  return m ? m[1].toLowerCase().replace('jpeg', 'jpg') : 'png';
}

/** Bounds of the online tile cache: entries and bytes, least recently used out first. */
export interface TileCacheLimits {
  maxEntries: number;
  maxBytes: number;
}

/**
 * Basemap sources of a workspace (stored as data in the `map.basemaps` setting) and their tiles.
 * Local archives are opened read-only once and kept; online tiles are fetched by the backend (src/backend/map/
 * tileFetch.ts: saved sources only, checked addresses, no cross-host redirects, size and type limits, deadline) with
 * a bounded LRU cache, so the renderer never talks to the network and the API cannot be used as a network probe.
 */
export class BasemapRegistry {
  private archives = new Map<string, { key: string; archive: Promise<TileArchive> }>();
  private cache = new Map<string, Uint8Array>();
  private cacheBytes = 0;
  private readonly cacheLimits: TileCacheLimits;

  constructor(
    private readonly db: Db,
    private readonly fetchOptions: TileFetchOptions = {},
    cacheLimits: Partial<TileCacheLimits> = {},
  ) {
    this.cacheLimits = { maxEntries: 800, maxBytes: 64 * 1024 * 1024, ...cacheLimits };
  }

  /** Cached online tiles (tests). */
  get cacheStats(): { entries: number; bytes: number } {
    return { entries: this.cache.size, bytes: this.cacheBytes };
  }

  sources(): BasemapSource[] {
    const raw = getSetting<unknown[]>(this.db, BASEMAPS_SETTING) ?? [];
    const out: BasemapSource[] = [];
    for (const r of Array.isArray(raw) ? raw : []) {
      const p = BasemapSourceSchema.safeParse(r);
      if (p.success) out.push(p.data);
    }
    return out;
  }

  private source(id: string): BasemapSource {
    const s = this.sources().find((x) => x.id === id);
    if (!s) throw new RejonError('not-found', `No basemap source ${id}.`);
    return s;
  }

  private archive(s: Extract<BasemapSource, { kind: 'mbtiles' | 'pmtiles' }>): Promise<TileArchive> {
    const key = `${s.kind}:${s.path}`;
    const cached = this.archives.get(s.id);
    if (cached && cached.key === key) return cached.archive;
    if (cached) void cached.archive.then((a) => a.close()).catch(() => undefined);
    const archive = (async () => {
      checkLocalFile(s.path, s.kind);
      return s.kind === 'mbtiles' ? openMbtiles(s.path) : openPmtiles(s.path);
    })();
    this.archives.set(s.id, { key, archive });
    archive.catch(() => this.archives.delete(s.id));
    return archive;
  }

  async entry(s: BasemapSource): Promise<BasemapEntry> {
    try {
      return { source: s, info: await this.info(s), error: null };
    } catch (e) {
      return { source: s, info: null, error: (e as Error).message };
    }
  }

  async info(s: BasemapSource): Promise<BasemapInfo> {
    if (s.kind === 'xyz' || s.kind === 'wmts') {
      return { type: 'raster', format: guessFormat(s.url), minzoom: s.minzoom, maxzoom: s.maxzoom, tileSize: s.tileSize, bounds: null, vectorLayers: [], attribution: s.attribution };
    }
    const info = await (await this.archive(s)).info();
    return { ...info, attribution: s.attribution || info.attribution };
  }

  async list(): Promise<BasemapEntry[]> {
    return Promise.all(this.sources().map((s) => this.entry(s)));
  }

  async save(s: BasemapSource): Promise<BasemapEntry> {
    if (s.kind === 'mbtiles' || s.kind === 'pmtiles') {
      checkLocalFile(s.path, s.kind);
      this.archives.delete(s.id);
      await (await this.archive(s)).info(); // refuse unreadable archives now, not at the first tile
    } else if (s.minzoom > s.maxzoom) {
      throw new RejonError('bad-request', 'minzoom is larger than maxzoom.');
    }
    const rest = this.sources().filter((x) => x.id !== s.id);
    if (rest.length >= 20) throw new RejonError('bad-request', 'At most 20 basemap sources.');
    setSetting(this.db, BASEMAPS_SETTING, [...rest, s]);
    this.dropCache(s.id);
    return this.entry(s);
  }

  remove(id: string): boolean {
    const all = this.sources();
    const rest = all.filter((x) => x.id !== id);
    setSetting(this.db, BASEMAPS_SETTING, rest);
    const a = this.archives.get(id);
    if (a) void a.archive.then((x) => x.close()).catch(() => undefined);
    this.archives.delete(id);
    this.dropCache(id);
    return rest.length !== all.length;
  }

  async tile(sourceId: string, z: number, x: number, y: number): Promise<Uint8Array> {
    const s = this.source(sourceId);
    if (s.kind === 'mbtiles' || s.kind === 'pmtiles') return (await (await this.archive(s)).tile(z, x, y)) ?? EMPTY;
    if (z < s.minzoom || z > s.maxzoom) return EMPTY;
    const key = `${s.id}/${z}/${x}/${y}`;
    const hit = this.cache.get(key);
    if (hit) {
      // least recently used goes first: a hit moves to the end
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    // The URL is always built from the SAVED source, never taken from the caller.
    const url = fillTileUrl(s.url, z, x, y);
    let tile: Awaited<ReturnType<typeof fetchTile>>;
    try {
      tile = await fetchTile(url, { userAgent: USER_AGENT, ...this.fetchOptions });
    } catch (e) {
      // One answer whatever went wrong (refused address, closed port, timeout, redirect, wrong type, too large):
      // no body, no port, no errno, so the error cannot be used to map a network.
      if (e instanceof TileFetchError) throw tileServerDidNotAnswer(s.name);
      throw e;
    }
    if (!tile) return EMPTY;
    this.remember(key, tile.bytes);
    return tile.bytes;
  }

  private remember(key: string, bytes: Uint8Array): void {
    const { maxEntries, maxBytes } = this.cacheLimits;
    if (bytes.byteLength > maxBytes) return;
    this.cache.set(key, bytes);
    this.cacheBytes += bytes.byteLength;
    while (this.cache.size > maxEntries || this.cacheBytes > maxBytes) {
      const oldest = this.cache.keys().next().value as string;
      this.cacheBytes -= this.cache.get(oldest)!.byteLength;
      this.cache.delete(oldest);
    }
  }

  private dropCache(id: string): void {
    for (const [k, v] of [...this.cache]) {
      if (k.startsWith(`${id}/`)) {
        this.cache.delete(k);
        this.cacheBytes -= v.byteLength;
      }
    }
  }

  async close(): Promise<void> {
    for (const a of this.archives.values()) (await a.archive.catch(() => null))?.close();
    this.archives.clear();
  }
}

export function tileServerDidNotAnswer(name: string): RejonError {
  return new RejonError('unavailable', `The tile server of "${name}" did not answer.`, undefined, msg('security.tile.noAnswer', { name }));
}

function checkLocalFile(file: string, kind: 'mbtiles' | 'pmtiles'): void {
  if (!path.isAbsolute(file)) throw new RejonError('bad-request', 'Give the full (absolute) path of the tile file.');
  if (path.extname(file).toLowerCase() !== `.${kind}`) throw new RejonError('bad-request', `The file must end with .${kind}.`);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new RejonError('not-found', `File not found: ${file}`);
  }
  if (!st.isFile()) throw new RejonError('bad-request', `Not a file: ${file}`);
}

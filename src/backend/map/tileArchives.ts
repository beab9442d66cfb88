import fs from 'node:fs';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import type { BasemapInfo } from '../../shared/contract/map';

/** A local tile archive opened read-only. */
export interface TileArchive {
  info(): Promise<BasemapInfo>;
  /** Decompressed tile bytes in XYZ addressing, or null when the archive has no such tile. */
  tile(z: number, x: number, y: number): Promise<Uint8Array | null>;
  close(): void;
}

/** gzip/zlib-compressed vector tiles are common in .mbtiles; MapLibre wants the raw bytes. */
export function maybeGunzip(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return new Uint8Array(zlib.gunzipSync(bytes));
  if (bytes.length > 2 && bytes[0] === 0x78 && (bytes[1] === 0x9c || bytes[1] === 0x01 || bytes[1] === 0xda)) {
    try {
      return new Uint8Array(zlib.inflateSync(bytes));
    } catch {
      return bytes;
    }
  }
  return bytes;
}

function parseVectorLayers(json: string | undefined): { id: string; geometry?: string }[] {
  if (!json) return [];
  try {
    const j = JSON.parse(json) as { vector_layers?: { id?: unknown; geometry?: unknown }[] };
    return (j.vector_layers ?? [])
      .filter((l) => typeof l.id === 'string')
      .map((l) => ({ id: String(l.id), ...(typeof l.geometry === 'string' ? { geometry: l.geometry } : {}) }));
  } catch {
    return [];
  }
}

const RASTER_FORMATS = new Set(['png', 'jpg', 'jpeg', 'webp', 'avif']);

/** MBTiles 1.3: SQLite with `metadata(name, value)` and `tiles(zoom_level, tile_column, tile_row, tile_data)`, rows in TMS order (y flipped). */
export function openMbtiles(file: string): TileArchive {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let tilesStmt: Database.Statement;
  let meta: Record<string, string>;
  try {
    meta = Object.fromEntries((db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]));
    tilesStmt = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
  } catch (e) {
    db.close();
    throw new Error(`not an MBTiles file: ${(e as Error).message}`);
  }
  return {
    async info() {
      const format = (meta.format ?? 'png').toLowerCase();
      const zooms = db.prepare('SELECT min(zoom_level) AS lo, max(zoom_level) AS hi FROM tiles').get() as { lo: number | null; hi: number | null };
      const b = (meta.bounds ?? '').split(',').map(Number);
      return {
        type: RASTER_FORMATS.has(format) ? 'raster' : 'vector',
        format,
        minzoom: meta.minzoom != null ? Number(meta.minzoom) : zooms.lo ?? 0,
        maxzoom: meta.maxzoom != null ? Number(meta.maxzoom) : zooms.hi ?? 14,
        tileSize: 256,
        bounds: b.length === 4 && b.every(Number.isFinite) ? (b as [number, number, number, number]) : null,
        vectorLayers: parseVectorLayers(meta.json),
        attribution: meta.attribution ?? '',
      };
    },
    async tile(z, x, y) {
      const tmsY = 2 ** z - 1 - y;
      const data = tilesStmt.get(z, x, tmsY) as Buffer | undefined;
      if (!data) return null;
      return maybeGunzip(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    },
    close() {
      db.close();
    },
  };
}

/** pmtiles `Source` over a local file (positional reads, no whole-file load). */
export class NodeFileSource implements Source {
  private fd: number;
  constructor(private readonly file: string) {
    this.fd = fs.openSync(file, 'r');
  }
  getKey(): string {
    return this.file;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const buf = Buffer.alloc(length);
    const n = await new Promise<number>((resolve, reject) =>
      fs.read(this.fd, buf, 0, length, offset, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))),
    );
    const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + n) as ArrayBuffer;
    return { data };
  }
  close(): void {
    fs.closeSync(this.fd);
  }
}

const PM_FORMAT: Record<number, string> = {
  [TileType.Mvt]: 'pbf',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
  [TileType.Avif]: 'avif',
};

export async function openPmtiles(file: string): Promise<TileArchive> {
  const source = new NodeFileSource(file);
  const pm = new PMTiles(source);
  let header;
  try {
    header = await pm.getHeader();
  } catch (e) {
    source.close();
    throw new Error(`not a PMTiles v3 file: ${(e as Error).message}`);
  }
  return {
    async info() {
      const meta = ((await pm.getMetadata().catch(() => ({}))) ?? {}) as { vector_layers?: unknown; attribution?: unknown };
      const format = PM_FORMAT[header.tileType] ?? 'unknown';
      return {
        type: header.tileType === TileType.Mvt ? 'vector' : 'raster',
        format,
        minzoom: header.minZoom,
        maxzoom: header.maxZoom,
        tileSize: 256,
        bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
        vectorLayers: parseVectorLayers(JSON.stringify({ vector_layers: meta.vector_layers ?? [] })),
        attribution: typeof meta.attribution === 'string' ? meta.attribution : '',
      };
    },
    async tile(z, x, y) {
      const r = await pm.getZxy(z, x, y);
      if (!r) return null;
      return maybeGunzip(new Uint8Array(r.data));
    },
    close() {
      source.close();
    },
  };
}

/** Small tile archives generated in tests: an MBTiles (SQLite, TMS rows) and a PMTiles v3 (uncompressed directories). */
import fs from 'node:fs';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import { zxyToTileId } from 'pmtiles';

export function solidPng(rgb: [number, number, number], size = 8): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

export function writeMbtiles(file: string, tiles: { z: number; x: number; y: number; data: Buffer }[], meta: Record<string, string>): void {
  const db = new Database(file);
  db.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);');
  for (const [k, v] of Object.entries(meta)) db.prepare('INSERT INTO metadata VALUES (?, ?)').run(k, v);
  for (const t of tiles) db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)').run(t.z, t.x, 2 ** t.z - 1 - t.y, t.data);
  db.close();
}

function varints(values: number[]): Buffer {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return Buffer.from(out);
}

/** Minimal PMTiles v3 writer: one root directory, no leaves, tiles stored as given (tileCompression = 1 none or 2 gzip). */
export function writePmtiles(
  file: string,
  tiles: { z: number; x: number; y: number; data: Buffer }[],
  opts: { tileType: number; tileCompression?: 1 | 2; metadata?: unknown; minZoom?: number; maxZoom?: number },
): void {
  const sorted = tiles.map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  const entries: { id: number; offset: number; length: number }[] = [];
  const blobs: Buffer[] = [];
  let offset = 0;
  for (const t of sorted) {
    const data = opts.tileCompression === 2 ? zlib.gzipSync(t.data) : t.data;
    entries.push({ id: t.id, offset, length: data.length });
    blobs.push(data);
    offset += data.length;
  }
  const ids: number[] = [];
  let last = 0;
  for (const e of entries) {
    ids.push(e.id - last);
    last = e.id;
  }
  const dir = Buffer.concat([
    varints([entries.length]),
    varints(ids),
    varints(entries.map(() => 1)),
    varints(entries.map((e) => e.length)),
    varints(entries.map((e, i) => (i > 0 && e.offset === entries[i - 1].offset + entries[i - 1].length ? 0 : e.offset + 1))),
  ]);
  const meta = Buffer.from(JSON.stringify(opts.metadata ?? {}));
  const tileData = Buffer.concat(blobs);
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const rootOff = 127;
  const metaOff = rootOff + dir.length;
  const dataOff = metaOff + meta.length;
  const u64 = (pos: number, v: number) => header.writeBigUInt64LE(BigInt(v), pos);
  u64(8, rootOff);
  u64(16, dir.length);
  u64(24, metaOff);
  u64(32, meta.length);
  u64(40, dataOff + tileData.length);
  u64(48, 0);
  u64(56, dataOff);
  u64(64, tileData.length);
  u64(72, entries.length);
  u64(80, entries.length);
  u64(88, entries.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(opts.tileCompression ?? 1, 98);
  header.writeUInt8(opts.tileType, 99);
  header.writeUInt8(opts.minZoom ?? 0, 100);
  header.writeUInt8(opts.maxZoom ?? 14, 101);
  header.writeInt32LE(Math.round(19.5 * 1e7), 102);
  header.writeInt32LE(Math.round(51.3 * 1e7), 106);
  header.writeInt32LE(Math.round(19.9 * 1e7), 110);
  header.writeInt32LE(Math.round(51.5 * 1e7), 114);
  header.writeUInt8(10, 118);
  header.writeInt32LE(Math.round(19.7 * 1e7), 119);
  header.writeInt32LE(Math.round(51.4 * 1e7), 123);
  fs.writeFileSync(file, Buffer.concat([header, dir, meta, tileData]));
}

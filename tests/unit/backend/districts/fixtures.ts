/** Hand-written Shapefile (.shp/.shx/.dbf) and ZIP writers for reader tests (no shp-write dependency). */
import { crc32, deflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';

export type Ring = [number, number][];
/** One shape = list of rings (outer rings clockwise, holes counter-clockwise, as the format requires). */
export type Shape = Ring[];

function ringArea(r: Ring): number {
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return s / 2;
}
/** Orient a ring: clockwise for outer (area < 0), counter-clockwise for holes. */
export function orient(r: Ring, outer: boolean): Ring {
  const closed = r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r : [...r, r[0]];
  const cw = ringArea(closed) < 0;
  return cw === outer ? closed : [...closed].reverse();
}

export function writeShp(shapes: Shape[]): { shp: Buffer; shx: Buffer } {
  const records: Buffer[] = [];
  let gx0 = Infinity, gy0 = Infinity, gx1 = -Infinity, gy1 = -Infinity;
  shapes.forEach((rings, i) => {
    const pts = rings.flat();
    const nParts = rings.length, nPts = pts.length;
    const content = Buffer.alloc(44 + 4 * nParts + 16 * nPts);
    content.writeInt32LE(5, 0);
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    const bb = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    bb.forEach((v, k) => content.writeDoubleLE(v, 4 + 8 * k));
    gx0 = Math.min(gx0, bb[0]); gy0 = Math.min(gy0, bb[1]); gx1 = Math.max(gx1, bb[2]); gy1 = Math.max(gy1, bb[3]);
    content.writeInt32LE(nParts, 36);
    content.writeInt32LE(nPts, 40);
    let off = 0;
    rings.forEach((r, k) => { content.writeInt32LE(off, 44 + 4 * k); off += r.length; });
    pts.forEach((p, k) => { content.writeDoubleLE(p[0], 44 + 4 * nParts + 16 * k); content.writeDoubleLE(p[1], 44 + 4 * nParts + 16 * k + 8); });
    const head = Buffer.alloc(8);
    head.writeInt32BE(i + 1, 0);
    head.writeInt32BE(content.length / 2, 4);
    records.push(Buffer.concat([head, content]));
  });
  const header = (totalBytes: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(totalBytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(5, 32);
    [gx0, gy0, gx1, gy1].forEach((v, k) => h.writeDoubleLE(v, 36 + 8 * k));
    return h;
  };
  const body = Buffer.concat(records);
  const shp = Buffer.concat([header(100 + body.length), body]);
  const shxBody = Buffer.alloc(8 * records.length);
  let pos = 100;
  records.forEach((r, k) => { shxBody.writeInt32BE(pos / 2, 8 * k); shxBody.writeInt32BE((r.length - 8) / 2, 8 * k + 4); pos += r.length; });
  return { shp, shx: Buffer.concat([header(100 + shxBody.length), shxBody]) };
}

export interface DbfField { name: string; type: 'C' | 'N'; length: number }

export function writeDbf(fields: DbfField[], rows: (string | number)[][], encoding = 'utf-8', ldid = 0): Buffer {
  const recLen = 1 + fields.reduce((s, f) => s + f.length, 0);
  const headerLen = 32 + 32 * fields.length + 1;
  const h = Buffer.alloc(headerLen);
  h[0] = 0x03; h[1] = 124; h[2] = 1; h[3] = 1;
  h.writeUInt32LE(rows.length, 4);
  h.writeUInt16LE(headerLen, 8);
  h.writeUInt16LE(recLen, 10);
  h[29] = ldid;
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    h.write(f.name.slice(0, 10), o, 'latin1');
    h.write(f.type, o + 11, 'latin1');
    h[o + 16] = f.length;
  });
  h[headerLen - 1] = 0x0d;
  const recs = rows.map((row) => {
    const parts = [Buffer.from(' ')];
    fields.forEach((f, i) => {
      const v = String(row[i] ?? '');
      let b = iconv.encode(v, encoding);
      if (b.length > f.length) b = b.subarray(0, f.length);
      const pad = Buffer.alloc(f.length - b.length, 0x20);
      parts.push(f.type === 'N' ? Buffer.concat([pad, b]) : Buffer.concat([b, pad]));
    });
    return Buffer.concat(parts);
  });
  return Buffer.concat([h, ...recs, Buffer.from([0x1a])]);
}

/** ZIP writer: `deflate` entries are compressed with method 8, others stored. */
export function writeZip(files: { name: string; data: Buffer | string; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8');
    const comp = f.deflate ? deflateRawSync(data) : data;
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(data) >>> 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0x800, 6); lh.writeUInt16LE(f.deflate ? 8 : 0, 8);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(comp.length, 18); lh.writeUInt32LE(data.length, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0x800, 8); ch.writeUInt16LE(f.deflate ? 8 : 0, 10);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(comp.length, 20); ch.writeUInt32LE(data.length, 24); ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, comp);
    centrals.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export const PRJ_CS92 = 'PROJCS["ETRS_1989_Poland_CS92",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",-5300000.0],PARAMETER["Central_Meridian",19.0],PARAMETER["Scale_Factor",0.9993],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
export const PRJ_WGS84 = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const PRJ_CS2000_7 = 'PROJCS["ETRS_1989_Poland_CS2000_Zone_7",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",7500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",21.0],PARAMETER["Scale_Factor",0.999923],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

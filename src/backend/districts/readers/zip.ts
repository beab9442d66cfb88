/**
 * Minimal ZIP reader (central directory; stored and deflate entries) for zipped Shapefiles and KMZ, so the readers
 * do not depend on a transitive package. No ZIP64, no encryption: such archives get a clear error.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  read(): Buffer;
}

export function readZip(buf: Buffer, label = 'archive'): ZipEntry[] {
  // End of central directory record: signature 0x06054b50, search the last 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${label}: not a ZIP archive (no end-of-central-directory record)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (p === 0xffffffff || count === 0xffff) throw new Error(`${label}: ZIP64 archives are not supported`);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${label}: corrupt ZIP central directory`);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const rawName = buf.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? rawName.toString('utf8') : rawName.toString('latin1');
    p += 46 + nameLen + extraLen + commentLen;
    entries.push({
      name,
      read: () => {
        if (flags & 1) throw new Error(`${label}: entry ${name} is encrypted`);
        if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`${label}: corrupt ZIP entry ${name}`);
        const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
        const data = buf.subarray(start, start + compSize);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${label}: entry ${name} uses unsupported compression method ${method}`);
      },
    });
  }
  return entries;
}

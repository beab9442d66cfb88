/**
 * ZIP containers (XLSX, zipped Shapefiles, KMZ) checked against decompression bombs BEFORE anything expands them:
 * the central directory's entry count, declared sizes and compression ratios first, then (for files handed to
 * another library, XLSX) every entry inflated as a stream with its output counted, so an archive that lies about
 * its sizes is caught too. Memory stays bounded: nothing is kept but counters.
 * No ZIP64 and no encryption (clear errors); stored (0) and deflate (8) entries.
 */
import { open } from 'node:fs/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { LimitError, LIMITS, mib } from './limits';

export interface ZipEntryInfo {
  name: string;
  flags: number;
  method: number;
  compSize: number;
  /** Uncompressed size as declared by the central directory. */
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** All entries decompressed. */
  maxTotalBytes: number;
  /** Entries above 1 MiB may not expand more than this. */
  maxRatio: number;
  /** Per entry name (lower case) caps, e.g. the XLSX shared strings. */
  maxEntryBytes?: (name: string) => number | undefined;
}

/** The archive is not a usable ZIP (no central directory, ZIP64, corrupt, encrypted): plain text for the reader's error. */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const RATIO_FLOOR = 1024 * 1024;
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

/** Parse the central directory. `read(pos, len)` returns the bytes at pos (fewer at the end of the file). */
async function centralDirectory(read: (pos: number, len: number) => Promise<Buffer>, fileSize: number, limits: ZipLimits): Promise<ZipEntryInfo[]> {
  const tailLen = Math.min(fileSize, 65557);
  const tail = await read(fileSize - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('not a ZIP archive (no end-of-central-directory record)');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff || cdSize === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not supported');
  if (count > limits.maxEntries) throw new LimitError('zip-entries', `The archive holds ${count} entries (limit ${limits.maxEntries}).`, { max: limits.maxEntries });
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > fileSize) throw new ZipFormatError('corrupt ZIP central directory');
  const cd = await read(cdOffset, cdSize);
  const entries: ZipEntryInfo[] = [];
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CD_SIG) throw new ZipFormatError('corrupt ZIP central directory');
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const compSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const localOffset = cd.readUInt32LE(p + 42);
    if (compSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not supported');
    const rawName = cd.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? rawName.toString('utf8') : rawName.toString('latin1');
    p += 46 + nameLen + extraLen + commentLen;
    entries.push({ name, flags, method, compSize, size, localOffset });
  }
  checkDeclared(entries, limits);
  return entries;
}

function entryCap(e: ZipEntryInfo, limits: ZipLimits): number {
  return Math.min(limits.maxTotalBytes, limits.maxEntryBytes?.(e.name.toLowerCase()) ?? Infinity);
}

function checkDeclared(entries: readonly ZipEntryInfo[], limits: ZipLimits): void {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    const cap = entryCap(e, limits);
    if (e.size > cap) throw new LimitError('zip-size', `Entry ${e.name} expands to ${e.size} bytes (limit ${cap}).`, { mb: mib(cap) });
    if (total > limits.maxTotalBytes) throw new LimitError('zip-size', `The archive expands to more than ${limits.maxTotalBytes} bytes.`, { mb: mib(limits.maxTotalBytes) });
    if (e.size > RATIO_FLOOR && e.size > limits.maxRatio * Math.max(1, e.compSize)) {
      throw new LimitError('zip-ratio', `Entry ${e.name} expands ${Math.round(e.size / Math.max(1, e.compSize))}x (limit ${limits.maxRatio}x).`, { ratio: limits.maxRatio });
    }
  }
}

function dataStart(local: Buffer, e: ZipEntryInfo): number {
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIG) throw new ZipFormatError(`corrupt ZIP entry ${e.name}`);
  return e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

function overDeclared(e: ZipEntryInfo): LimitError {
  // The archive lies about the entry's size: treat it as the bomb it probably is.
  return new LimitError('zip-corrupt', `Entry ${e.name} expands beyond its declared ${e.size} bytes.`);
}

/**
 * Check a ZIP file on disk before another library (exceljs) reads it: declared limits from the central directory,
 * then every entry inflated as a stream and counted against its declared size. Throws LimitError / ZipFormatError.
 */
export async function verifyZipFile(file: string, limits: ZipLimits): Promise<ZipEntryInfo[]> {
  const fh = await open(file, 'r');
  try {
    const { size: fileSize } = await fh.stat();
    const read = async (pos: number, len: number): Promise<Buffer> => {
      const buf = Buffer.alloc(Math.max(0, Math.min(len, fileSize - pos)));
      let off = 0;
      while (off < buf.length) {
        const { bytesRead } = await fh.read(buf, off, buf.length - off, pos + off);
        if (bytesRead === 0) break;
        off += bytesRead;
      }
      return buf.subarray(0, off);
    };
    const entries = await centralDirectory(read, fileSize, limits);
    for (const e of entries) {
      if (e.size === 0 && e.compSize === 0) continue;
      if (e.flags & 1) throw new ZipFormatError(`entry ${e.name} is encrypted`);
      const start = dataStart(await read(e.localOffset, 30), e);
      if (start + e.compSize > fileSize) throw new ZipFormatError(`corrupt ZIP entry ${e.name}`);
      if (e.method === 0) {
        if (e.compSize !== e.size) throw overDeclared(e);
        continue;
      }
      if (e.method !== 8) throw new ZipFormatError(`entry ${e.name} uses unsupported compression method ${e.method}`);
      await inflateCounted(e, start, read);
    }
    return entries;
  } finally {
    await fh.close();
  }
}

async function inflateCounted(e: ZipEntryInfo, start: number, read: (pos: number, len: number) => Promise<Buffer>): Promise<void> {
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  let out = 0;
  let failure: Error | null = null;
  const finished = new Promise<void>((resolve) => {
    inflate.on('data', (c: Buffer) => {
      out += c.length;
      if (out > e.size && !failure) {
        failure = overDeclared(e);
        inflate.destroy();
        resolve();
      }
    });
    inflate.on('error', (err) => {
      failure ??= new ZipFormatError(`corrupt ZIP entry ${e.name} (${(err as NodeJS.ErrnoException).code ?? 'inflate error'})`);
      resolve();
    });
    inflate.on('end', () => resolve());
    inflate.on('close', () => resolve());
  });
  const CHUNK = 1024 * 1024;
  for (let pos = 0; pos < e.compSize && !failure; pos += CHUNK) {
    const chunk = await read(start + pos, Math.min(CHUNK, e.compSize - pos));
    if (!inflate.write(chunk)) await Promise.race([new Promise<void>((r) => inflate.once('drain', r)), finished]);
  }
  if (!failure) inflate.end();
  await finished;
  if (failure) throw failure;
}

export interface BufferZipEntry {
  name: string;
  /** Declared uncompressed size. */
  size: number;
  /** Decompress (bounded by the declared size and the archive's total limit). */
  read(): Buffer;
}

/** Entries of a ZIP held in memory (beat files: zipped Shapefile, KMZ), with the same limits. */
export async function readZipBuffer(buf: Buffer, limits: ZipLimits): Promise<BufferZipEntry[]> {
  const read = async (pos: number, len: number) => buf.subarray(pos, Math.min(buf.length, pos + len));
  const entries = await centralDirectory(read, buf.length, limits);
  let inflated = 0;
  return entries.map((e) => ({
    name: e.name,
    size: e.size,
    read: () => {
      if (e.flags & 1) throw new ZipFormatError(`entry ${e.name} is encrypted`);
      const start = dataStart(buf.subarray(e.localOffset, e.localOffset + 30), e);
      const data = buf.subarray(start, start + e.compSize);
      let out: Buffer;
      if (e.method === 0) {
        if (e.compSize !== e.size) throw overDeclared(e);
        out = data;
      } else if (e.method === 8) {
        if (e.size === 0) return Buffer.alloc(0);
        try {
          out = inflateRawSync(data, { maxOutputLength: e.size });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw overDeclared(e);
          throw new ZipFormatError(`corrupt ZIP entry ${e.name}`);
        }
      } else {
        throw new ZipFormatError(`entry ${e.name} uses unsupported compression method ${e.method}`);
      }
      inflated += out.length;
      if (inflated > limits.maxTotalBytes) throw new LimitError('zip-size', `The archive expands to more than ${limits.maxTotalBytes} bytes.`, { mb: mib(limits.maxTotalBytes) });
      return out;
    },
  }));
}

export const XLSX_LIMITS: ZipLimits = {
  maxEntries: LIMITS.zipEntries,
  maxTotalBytes: LIMITS.xlsxBytes,
  maxRatio: LIMITS.zipRatio,
  maxEntryBytes: (name) => (name === 'xl/sharedstrings.xml' ? LIMITS.xlsxSharedStringsBytes : undefined),
};

export const DISTRICT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxTotalBytes: LIMITS.districtFileBytes,
  maxRatio: LIMITS.zipRatio,
};

/**
 * Decompression bombs for tests, built with node:zlib: a ZIP whose entries expand from ~1 MB to a gigabyte or more.
 * A raw deflate segment of 1 MiB of zeros ending in a FULL flush is byte-aligned and independent of what came before,
 * so N copies followed by an empty final block are a valid stream of N MiB of zeros (the classic bomb trick).
 */
import { deflateRawSync, constants } from 'node:zlib';

const MIB = 1024 * 1024;

const flushed = (b: Buffer) => deflateRawSync(b, { level: 9, finishFlush: constants.Z_FULL_FLUSH });

/** Raw deflate data that expands to `prefix`, `mib` MiB of the byte `fill`, then `suffix`. */
export function deflatedRun(mib: number, fill = 0x20, prefix = '', suffix = ''): Buffer {
  const segment = flushed(Buffer.alloc(MIB, fill));
  const parts: Buffer[] = [];
  if (prefix) parts.push(flushed(Buffer.from(prefix, 'utf8')));
  for (let i = 0; i < mib; i++) parts.push(segment);
  if (suffix) parts.push(flushed(Buffer.from(suffix, 'utf8')));
  parts.push(Buffer.from([0x03, 0x00])); // final, empty, fixed-Huffman block
  return Buffer.concat(parts);
}

export interface BombEntry {
  name: string;
  /** Raw deflate data (method 8) or stored bytes (method 0). */
  data: Buffer;
  method: 0 | 8;
  /** Uncompressed size written in the headers (a liar declares less than the data expands to). */
  declaredSize: number;
}

/** A ZIP archive of the given entries (CRC left 0: the readers under test must stop before any CRC matters). */
export function zipOf(entries: BombEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(e.method, 8);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(e.declaredSize, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(e.method, 10);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(e.declaredSize, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.data);
    centrals.push(ch, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** An entry that expands to `mib` MiB (between `prefix` and `suffix`); declares its true size unless `declared` says otherwise. */
export function bombEntry(name: string, mib: number, opts: { declared?: number; fill?: number; prefix?: string; suffix?: string } = {}): BombEntry {
  const extra = Buffer.byteLength(opts.prefix ?? '') + Buffer.byteLength(opts.suffix ?? '');
  return { name, data: deflatedRun(mib, opts.fill, opts.prefix, opts.suffix), method: 8, declaredSize: opts.declared ?? Math.min(0xfffffffe, mib * MIB + extra) };
}

/** A stored (method 0) entry. */
export function storedEntry(name: string, data: Buffer | string): BombEntry {
  const b = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return { name, data: b, method: 0, declaredSize: b.length };
}

/** Minimal parts of an XLSX workbook whose first sheet is `sheetXml` (shared strings optional). */
export function xlsxParts(): BombEntry[] {
  return [
    storedEntry(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
    storedEntry(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    storedEntry(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Zgłoszenia" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    storedEntry(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ),
  ];
}

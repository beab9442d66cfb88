import { extname } from 'node:path';
import { open } from 'node:fs/promises';
import { ImportFileError, type ImportFormat } from './types';

/**
 * Decide the format from the first bytes (≥ 4 KiB recommended) and the file name.
 * Throws ImportFileError for empty files, legacy .xls, PDFs and other binaries.
 * JSON: "attributes"/"spatialReference"/"geometryType" in the first bytes -> Esri JSON, else GeoJSON
 * (the JSON reader re-checks the structure and accepts either).
 */
export function detectFormat(path: string, firstBytes: Uint8Array): ImportFormat {
  const b = firstBytes;
  if (b.length === 0) throw new ImportFileError(path, 'empty', 'the file is empty');
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'xlsx';
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) {
    throw new ImportFileError(path, 'unsupported-format', 'legacy Excel 97-2003 (.xls) workbooks are not supported; save it as .xlsx or CSV');
  }
  if (b.length >= 4 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) {
    throw new ImportFileError(path, 'unsupported-format', 'this is a PDF, not a table');
  }
  let i = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  const ext = extname(path).toLowerCase();
  if (b[i] === 0x7b /* { */ || (b[i] === 0x5b /* [ */ && (ext === '.json' || ext === '.geojson'))) {
    const head = new TextDecoder('utf-8').decode(b.subarray(i, Math.min(b.length, i + 65536)));
    if (/"(attributes|spatialReference|geometryType)"\s*:/.test(head)) return 'esrijson';
    if (/"type"\s*:\s*"Feature(Collection)?"/.test(head) || ext === '.geojson') return 'geojson';
    return ext === '.json' ? 'esrijson' : 'geojson';
  }
  return 'csv';
}

export async function readHead(path: string, n: number): Promise<{ bytes: Uint8Array; size: number }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.min(n, size));
    let off = 0;
    while (off < buf.length) {
      const { bytesRead } = await fh.read(buf, off, buf.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return { bytes: buf.subarray(0, off), size };
  } finally {
    await fh.close();
  }
}

/**
 * Resource limits on every input a user (or anything holding the API) can hand the backend. Each limit is named
 * in the error it raises (LimitError -> Msg `security.limit.*` with the limit's value), so a refused file says
 * which limit it hit instead of taking the machine down.
 *
 * Chosen from real data with a wide margin:
 * - report files: a KMZB export of a whole command is ~2.5k rows a year; 1M rows of CSV are ~250 MB and stream;
 *   JSON is parsed whole (JSON.parse needs ~5x the file in memory), hence its smaller cap;
 * - XLSX: Excel's own maximum (1,048,576 rows) of a 13-column export is ~600 MB of sheet XML; shared strings are
 *   held in memory while the sheet streams, so they get their own cap;
 * - beat files (GeoJSON, Shapefile, KML/KMZ): a command's beats are a few MB; parsed geometry takes ~5x its bytes;
 * - nesting: GeoJSON needs 6 levels, Esri JSON 5; anything past 64 is an attack or garbage.
 */
import { msg, type Msg } from '../../core/message';

export const LIMITS = {
  /** Report import: JSON files are parsed whole. */
  jsonImportBytes: 64 * 1024 * 1024,
  /** JSON nesting depth (files and API requests). */
  jsonDepth: 64,
  /** Beat files: the raw file, and the decompressed content of a zipped Shapefile or KMZ. */
  districtFileBytes: 64 * 1024 * 1024,
  /** Beat files: features. */
  districtFeatures: 10_000,
  /** Any ZIP container (XLSX, zipped Shapefile, KMZ): entries. */
  zipEntries: 10_000,
  /** XLSX: all entries decompressed. */
  xlsxBytes: 1024 * 1024 * 1024,
  /** XLSX: the shared strings part, kept in memory while the sheet is read. */
  xlsxSharedStringsBytes: 256 * 1024 * 1024,
  /** Any ZIP entry above 1 MiB that expands more than this is refused as a decompression bomb. */
  zipRatio: 200,
} as const;

export type LimitKind = 'file-size' | 'zip-entries' | 'zip-size' | 'zip-ratio' | 'json-depth' | 'features' | 'zip-corrupt';

/** Input past a resource limit: the message names the limit and its value. */
export class LimitError extends Error {
  readonly msg: Msg;
  constructor(
    readonly kind: LimitKind,
    message: string,
    params: { mb?: number; max?: number; ratio?: number } = {},
  ) {
    super(message);
    this.name = 'LimitError';
    this.msg = limitMsg(kind, params);
  }
}

function limitMsg(kind: LimitKind, p: { mb?: number; max?: number; ratio?: number }): Msg {
  switch (kind) {
    case 'file-size':
      return msg('security.limit.fileSize', { mb: p.mb ?? 0 });
    case 'zip-entries':
      return msg('security.limit.zipEntries', { max: p.max ?? 0 });
    case 'zip-size':
      return msg('security.limit.zipSize', { mb: p.mb ?? 0 });
    case 'zip-ratio':
      return msg('security.limit.zipRatio', { ratio: p.ratio ?? 0 });
    case 'json-depth':
      return msg('security.limit.jsonDepth', { max: p.max ?? 0 });
    case 'features':
      return msg('security.limit.features', { max: p.max ?? 0 });
    case 'zip-corrupt':
      return msg('security.limit.zipCorrupt');
  }
}

export const mib = (bytes: number): number => Math.round(bytes / 1048576);

/**
 * Nesting depth of JSON text, without parsing it (strings and escapes are skipped): true when it goes deeper than
 * `max`. Linear, constant memory; run before JSON.parse so no deep structure is ever built or walked recursively.
 */
export function jsonTooDeep(text: string, max: number = LIMITS.jsonDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

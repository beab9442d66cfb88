import { basename } from 'node:path';
import type { Delimiter, EncodingDetection, RawRow, TextEncodingName } from '../../../core/import';

export type ImportFormat = 'csv' | 'xlsx' | 'geojson' | 'esrijson';

export interface ReaderOptions {
  /** Skip format detection. */
  format?: ImportFormat;
  /** CSV: force the encoding (otherwise detected from the bytes). */
  encoding?: TextEncodingName;
  /** CSV: force the delimiter (otherwise detected; an Excel "sep=" line is honoured). */
  delimiter?: Delimiter;
  /** XLSX: sheet name (default: the first sheet). */
  sheet?: string;
}

/**
 * A single-pass reader over one file. Headers are known when openReader resolves.
 * Row numbers: see RawRow (header = row 1, first data row = 2, as a user counts in Excel).
 */
export interface TableReader {
  readonly file: string;
  /** Base name for messages. */
  readonly fileName: string;
  readonly format: ImportFormat;
  /** Unique, trimmed header names (duplicates get " (2)", empty ones "Column N"); record keys. */
  readonly headers: readonly string[];
  /** CSV dialect as detected / forced. */
  readonly csv?: { encoding: EncodingDetection; delimiter: Delimiter; newline: string; fromSepHint: boolean };
  /** XLSX sheet used. */
  readonly sheet?: string;
  /**
   * CRS of the synthetic "@geometry.x/@geometry.y" columns (GeoJSON / Esri JSON): 'wgs84' (also after
   * converting EPSG:3857), 'puwg92', or null when the file does not say (decided by range).
   */
  readonly geometryCrs: 'wgs84' | 'puwg92' | null;
  readonly totalBytes: number;
  /** Progress: bytes consumed so far (CSV, JSON; XLSX reports 0 until done). */
  bytesRead(): number;
  /** Rows in batches (default 1,000): cheaper than one await per row. Single pass. */
  batches(size?: number): AsyncGenerator<RawRow[], void, undefined>;
  /** Rows one by one (convenience over batches). Single pass. */
  rows(): AsyncGenerator<RawRow, void, undefined>;
  /** Release the file (also safe after the iteration finished). */
  close(): Promise<void>;
}

export type ImportFileErrorCode =
  | 'empty'
  | 'binary'
  | 'unsupported-format'
  | 'no-header'
  | 'no-columns'
  | 'invalid-json'
  | 'invalid-structure'
  | 'unsupported-crs'
  | 'sheet-not-found'
  | 'unterminated-quote'
  | 'read-failed';

/** The file cannot be read at all. The message names the file. */
export class ImportFileError extends Error {
  readonly file: string;
  readonly code: ImportFileErrorCode;
  constructor(file: string, code: ImportFileErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`Cannot read "${basename(file)}": ${detail}`, options);
    this.name = 'ImportFileError';
    this.file = file;
    this.code = code;
  }
}

/** Make header names unique and non-empty (record keys). */
export function uniqueHeaders(raw: readonly (string | null | undefined)[], emptyName: (i: number) => string): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let name = (h ?? '').replace(/^\uFEFF/, '').trim();
    if (!name) name = emptyName(i);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > 1) {
      let candidate = `${name} (${n})`;
      while (seen.has(candidate)) candidate = `${candidate}'`;
      seen.set(candidate, 1);
      return candidate;
    }
    return name;
  });
}

/** rows() on top of batches(). */
export async function* rowsOf(batches: AsyncGenerator<RawRow[], void, undefined>): AsyncGenerator<RawRow, void, undefined> {
  for await (const b of batches) for (const r of b) yield r;
}

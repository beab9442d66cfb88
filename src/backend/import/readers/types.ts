import { basename } from 'node:path';
import type { Delimiter, EncodingDetection, RawRow, TextEncodingName } from '../../../core/import';
import { msg, type Msg } from '../../../core/message';
import { LimitError } from '../../security/limits';

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
  | 'read-failed'
  | 'limit';

/** What the user reads for each code when the thrower gives no more specific message. */
function defaultMsg(code: ImportFileErrorCode, file: string): Msg {
  const f = { file: basename(file) };
  switch (code) {
    case 'empty': return msg('security.file.empty', f);
    case 'binary': return msg('security.file.binary', f);
    case 'unsupported-format': return msg('security.file.unsupportedFormat', f);
    case 'no-header': return msg('security.file.noHeader', f);
    case 'no-columns': return msg('security.file.noColumns', f);
    case 'invalid-json': return msg('security.file.invalidJson', f);
    case 'invalid-structure': return msg('security.file.invalidStructure', f);
    case 'unsupported-crs': return msg('security.file.unsupportedCrs', f);
    case 'sheet-not-found': return msg('security.file.noHeader', f);
    case 'unterminated-quote': return msg('security.file.unreadable', f);
    case 'read-failed':
    case 'limit':
      return msg('security.file.unreadable', f);
  }
}

/**
 * The file cannot be read at all. The message names the file (base name only) and never quotes its content or
 * an operating-system error (no paths, no errno details): a refusal says what kind of problem it is.
 */
export class ImportFileError extends Error {
  readonly file: string;
  readonly code: ImportFileErrorCode;
  /** The error for the user (src/shared/i18n). */
  readonly msg: Msg;
  constructor(file: string, code: ImportFileErrorCode, detail: string, options?: { cause?: unknown; msg?: Msg }) {
    super(`Cannot read "${basename(file)}": ${detail}`, options);
    this.name = 'ImportFileError';
    this.file = file;
    this.code = code;
    this.msg = options?.msg ?? defaultMsg(code, file);
  }
}

/** A file that cannot be opened or read (missing, no permission, I/O error): the same words whatever the cause. */
export function unreadable(file: string, cause: unknown): ImportFileError {
  if (cause instanceof ImportFileError) return cause;
  if (cause instanceof LimitError) return new ImportFileError(file, 'limit', cause.message, { cause, msg: cause.msg });
  return new ImportFileError(file, 'read-failed', 'the file cannot be read', { cause });
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

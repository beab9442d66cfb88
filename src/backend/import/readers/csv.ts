/**
 * Streaming CSV/TSV reader: bounded memory for files of millions of rows.
 * Bytes are read in 1 MiB chunks, decoded incrementally (TextDecoder stream mode, encoding detected
 * from the bytes), and parsed with papaparse's low-level Parser; an incomplete last record (also a quoted
 * field with line breaks cut by the chunk end) is carried into the next chunk.
 */

import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import {
  createAdaptiveDecoder,
  detectDelimiter,
  detectEncoding,
  detectNewline,
  looksBinary,
  parseSepHint,
  type Delimiter,
  type EncodingDetection,
  type RawRecord,
  type RawRow,
} from '../../../core/import';
import { msg } from '../../../core/message';
import { ImportFileError, rowsOf, unreadable, uniqueHeaders, type ReaderOptions, type TableReader } from './types';

const CHUNK = 1 << 20;
const HEAD = 256 * 1024;
/** A single record longer than this means an unterminated quote (or not a CSV). */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

interface PapaResult { data: string[][]; errors: { code: string; row?: number }[]; meta: { cursor: number } }

/**
 * Build `arr -> record` for fixed headers. A generated object literal with constant keys (JSON-escaped,
 * so any header text is safe) gives every record the same shape in one allocation, several times faster
 * than assigning dynamic keys in a loop. Falls back to the loop where code generation is not allowed.
 */
export function recordFactory(headers: readonly string[]): (arr: string[]) => RawRecord {
  try {
    const body = `return {${headers.map((h, i) => `${JSON.stringify(h)}: a.length > ${i} ? a[${i}] : null`).join(',\n')}};`;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const f = new Function('a', body) as (arr: string[]) => RawRecord;
    f(['x']);
    return f;
  } catch {
    const n = headers.length;
    return (arr) => {
      const rec: RawRecord = {};
      for (let i = 0; i < n; i++) rec[headers[i]] = i < arr.length ? arr[i] : null;
      return rec;
    };
  }
}

/** Header of the first field holding U+FFFD (a byte that did not decode), or undefined. */
function undecodableColumn(arr: string[], headers: readonly string[]): string | null | undefined {
  for (let i = 0; i < arr.length; i++) if (arr[i].indexOf('\uFFFD') !== -1) return headers[i] ?? null;
  return undefined;
}

function isEmptyRecord(arr: string[]): boolean {
  for (let i = 0; i < arr.length; i++) if (arr[i].length !== 0) return false;
  return true;
}

export async function openCsvReader(file: string, options: ReaderOptions = {}): Promise<TableReader> {
  const fileName = basename(file);
  let fh: FileHandle | null = null;
  try {
    fh = await open(file, 'r');
    const { size } = await fh.stat();
    if (size === 0) throw new ImportFileError(file, 'empty', 'the file is empty');
    const head = Buffer.alloc(Math.min(HEAD, size));
    const { bytesRead: headLen } = await fh.read(head, 0, head.length, 0);
    const headBytes = head.subarray(0, headLen);

    const detected = detectEncoding(headBytes);
    const encoding: EncodingDetection = options.encoding
      ? { encoding: options.encoding, bomLength: detected.encoding === options.encoding ? detected.bomLength : 0, confidence: 'certain', asciiOnly: false }
      : detected;
    if (looksBinary(headBytes, encoding)) throw new ImportFileError(file, 'binary', 'the file is binary, not text (CSV, XLSX, GeoJSON or Esri JSON expected)');

    const complete = headLen >= size;
    let headText = new TextDecoder(encoding.encoding).decode(headBytes, { stream: !complete });
    const sep = parseSepHint(headText);
    const skipChars = sep ? sep.length : 0;
    headText = headText.slice(skipChars);
    const dd = options.delimiter ? { delimiter: options.delimiter, fromHint: false } : sep ? { delimiter: sep.delimiter, fromHint: true } : detectDelimiter(headText, complete);
    const delimiter: Delimiter = dd.delimiter;
    const newline = detectNewline(headText);

    // header: first non-empty record
    const headParser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
    const hres = headParser.parse(headText, 0, !complete) as PapaResult;
    let headerIdx = -1;
    for (let i = 0; i < hres.data.length; i++) if (!isEmptyRecord(hres.data[i])) { headerIdx = i; break; }
    if (headerIdx < 0) throw new ImportFileError(file, 'no-header', 'no header row found in the first 256 KiB');
    const rawHeader = hres.data[headerIdx];
    const headers = uniqueHeaders(rawHeader, (i) => `Column ${i + 1}`);
    if (rawHeader.every((h) => !h.trim())) throw new ImportFileError(file, 'no-columns', 'the header row is empty');
    if (headers.length < 2) {
      const shown = delimiter === '\t' ? 'TAB' : delimiter;
      throw new ImportFileError(file, 'no-columns', `only one column found (delimiter "${shown}"); not a table, or an unusual delimiter`, {
        msg: msg('security.file.oneColumn', { file: fileName, delimiter: shown }),
      });
    }

    let consumed = 0;
    let started = false;
    const nH = headers.length;
    const makeRecord = recordFactory(headers);

    async function* batches(batchSize = 1000): AsyncGenerator<RawRow[], void, undefined> {
      if (started) throw new Error(`${fileName}: reader already consumed`);
      started = true;
      const h = fh;
      if (!h) return;
      const decoder = createAdaptiveDecoder(encoding, options.encoding !== undefined);
      const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
      const buf = Buffer.allocUnsafe(CHUNK);
      let pos = 0;
      let partial = '';
      let first = true;
      let recordIdx = 0; // 0-based index of the record in the file (after a sep= line)
      let out: RawRow[] = [];
      for (;;) {
        let bytesRead: number;
        try {
          ({ bytesRead } = await h.read(buf, 0, CHUNK, pos));
        } catch (e) {
          throw unreadable(file, e);
        }
        pos += bytesRead;
        consumed = pos;
        const eof = bytesRead === 0 || pos >= size;
        let chunk = decoder.decode(buf.subarray(0, bytesRead), eof);
        if (first) { chunk = chunk.slice(skipChars); first = false; }
        const text = partial.length ? partial + chunk : chunk;
        const res = parser.parse(text, 0, !eof) as PapaResult;
        partial = eof ? '' : text.substring(res.meta.cursor);
        if (partial.length > MAX_RECORD_CHARS) {
          const row = recordIdx + res.data.length + 1;
          throw new ImportFileError(file, 'unterminated-quote', `row ${row}: a quoted field is never closed (more than 16 MB without a closing quote)`, {
            msg: msg('security.file.unterminatedQuote', { file: fileName, row }),
          });
        }
        const data = res.data;
        // Bytes that did not decode in a UTF encoding became U+FFFD: such rows are quarantined with the reason,
        // never imported garbled (single-byte code pages decode every byte, so only UTF is checked).
        const undecodable = decoder.encoding.startsWith('utf') && text.indexOf('\uFFFD') !== -1;
        let quoteIssue: Set<number> | null = null;
        for (const e of res.errors) if (e.code === 'MissingQuotes' && e.row !== undefined) (quoteIssue ??= new Set()).add(e.row);
        for (let r = 0; r < data.length; r++, recordIdx++) {
          if (recordIdx <= headerIdx) continue;
          const arr = data[r];
          if (arr.length === 1 ? arr[0].length === 0 : isEmptyRecord(arr)) continue;
          const row: RawRow = { rowNumber: recordIdx + 1, record: makeRecord(arr) };
          const badColumn = undecodable ? undecodableColumn(arr, headers) : undefined;
          if (badColumn !== undefined) {
            row.issue = { column: badColumn, reason: 'invalid-encoding', message: `bytes that are not valid ${decoder.encoding.toUpperCase()} (shown as \uFFFD): the row was not imported` };
          } else if (quoteIssue !== null && quoteIssue.has(r)) {
            row.issue = { column: null, message: 'a quoted field is never closed: the rest of the file was read into this row' };
          } else if (arr.length > nH) {
            let extra = false;
            for (let i = nH; i < arr.length; i++) if (arr[i].trim().length) { extra = true; break; }
            if (extra) row.issue = { column: null, message: `${arr.length} fields but the header has ${nH} (unquoted delimiter in a value?)` };
          }
          out.push(row);
          if (out.length >= batchSize) { yield out; out = []; }
        }
        if (eof) break;
      }
      if (out.length) yield out;
    }

    const reader: TableReader = {
      file,
      fileName,
      format: 'csv',
      headers,
      csv: { encoding, delimiter, newline, fromSepHint: dd.fromHint },
      geometryCrs: null,
      totalBytes: size,
      bytesRead: () => consumed,
      batches,
      rows: () => rowsOf(batches()),
      async close() {
        const h = fh;
        fh = null;
        if (h) await h.close();
      },
    };
    return reader;
  } catch (e) {
    const h = fh;
    fh = null;
    if (h) await h.close().catch(() => undefined);
    throw unreadable(file, e);
  }
}

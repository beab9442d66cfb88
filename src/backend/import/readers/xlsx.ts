/**
 * Streaming XLSX reader (exceljs WorkbookReader): first sheet or a named one.
 * Row numbers are the sheet's own row numbers. Cell values: numbers, strings, booleans, and Dates for
 * date-formatted cells. exceljs builds those Dates from the serial as if it were UTC, so a Date's UTC
 * fields are the wall clock shown in Excel; the normaliser reads them as Europe/Warsaw local time.
 * Formula cells give their cached result (date formulas arrive as Excel serial numbers, also handled).
 */

import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import type { RawRecord, RawRow, RawValue } from '../../../core/import';
import { msg } from '../../../core/message';
import { verifyZipFile, XLSX_LIMITS, ZipFormatError } from '../../security/zipArchive';
import { ImportFileError, rowsOf, unreadable, uniqueHeaders, type ReaderOptions, type TableReader } from './types';

function columnLetter(n: number): string {
  let s = '';
  while (n > 0) { const m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); }
  return s;
}

/** exceljs cell value -> RawValue. */
export function cellToRaw(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellToRaw(o.result);
    if (typeof o.text === 'string') return o.text; // hyperlink
    if ('error' in o) return null;
  }
  return String(v);
}

type RowLike = { number: number; values: unknown[] | Record<string, unknown> };

export async function openXlsxReader(file: string, options: ReaderOptions = {}): Promise<TableReader> {
  const fileName = basename(file);
  let size: number;
  try {
    ({ size } = await stat(file));
  } catch (e) {
    throw unreadable(file, e);
  }
  if (size === 0) throw new ImportFileError(file, 'empty', 'the file is empty');
  // exceljs expands the archive as it streams and keeps the shared strings in memory: check the archive first
  // (entry count, declared and actual expanded sizes, compression ratios), so a decompression bomb is refused
  // before it can take the machine's memory or disk.
  try {
    await verifyZipFile(file, XLSX_LIMITS);
  } catch (e) {
    if (e instanceof ZipFormatError) throw new ImportFileError(file, 'read-failed', `not a readable XLSX workbook (${e.message})`, { cause: e, msg: msg('security.file.notWorkbook', { file: fileName }) });
    throw unreadable(file, e);
  }
  const { default: ExcelJS } = await import('exceljs'); // heavy (~0.5 s to load): only when an XLSX file is read
  const wb = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = wb[Symbol.asyncIterator]();
  let rowsIt: AsyncIterator<RowLike> | null = null;
  let sheetName = '';
  const seen: string[] = [];
  const destroy = () => {
    const s = (wb as unknown as { stream?: { destroy?: () => void } }).stream;
    s?.destroy?.();
  };
  // Leaving a READABLE workbook before its end (no header, one column, no such sheet, closed early): let
  // exceljs read to the end instead of destroying its stream mid-way. It parks worksheets that come before
  // the shared strings in temp files and reads them back (and deletes them) later; cut off, the files stay
  // and a read-back could fail after we returned, as an error no one listens to.
  let closed = false;
  const finish = async () => {
    closed = true;
    try {
      if (rowsIt) for (let n = await rowsIt.next(); !n.done; n = await rowsIt.next());
      for (let s = await sheets.next(); !s.done; s = await sheets.next()) {
        const rows = (s.value as unknown as { [Symbol.asyncIterator]?(): AsyncIterator<unknown> })[Symbol.asyncIterator]?.();
        if (rows) for (let n = await rows.next(); !n.done; n = await rows.next());
      }
    } catch {
      destroy();
    }
  };
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const ws = next.value as unknown as { name?: string; [Symbol.asyncIterator](): AsyncIterator<RowLike> };
      const name = ws.name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      if (options.sheet === undefined || options.sheet === name) {
        sheetName = name;
        rowsIt = ws[Symbol.asyncIterator]();
        break;
      }
    }
  } catch (e) {
    destroy();
    throw new ImportFileError(file, 'read-failed', 'not a readable XLSX workbook', { cause: e, msg: msg('security.file.notWorkbook', { file: fileName }) });
  }
  if (!rowsIt) {
    await finish();
    if (options.sheet !== undefined) {
      // Sheet names are listed so the user can pick one: the file is theirs (uploaded or chosen in the dialog).
      const sheets = seen.map((s) => `"${s}"`).join(', ');
      throw new ImportFileError(file, 'sheet-not-found', `no sheet named "${options.sheet}" (sheets: ${sheets || 'none'})`, {
        msg: msg('security.file.sheetNotFound', { file: fileName, sheet: options.sheet, sheets: sheets || '—' }),
      });
    }
    throw new ImportFileError(file, 'no-header', 'the workbook has no worksheet');
  }

  // header = first row with a non-empty cell
  let header: { number: number; cols: number[]; names: string[] } | null = null;
  try {
    for (;;) {
      const n = await rowsIt.next();
      if (n.done) break;
      const vals = n.value.values as unknown[];
      const cols: number[] = [];
      const names: string[] = [];
      let last = 0;
      for (let c = 1; c < vals.length; c++) {
        const t = cellToRaw(vals[c]);
        if (t !== null && String(t).trim() !== '') last = c;
      }
      if (last === 0) continue;
      for (let c = 1; c <= last; c++) {
        const t = cellToRaw(vals[c]);
        cols.push(c);
        names.push(t === null ? '' : t instanceof Date ? t.toISOString() : String(t));
      }
      header = { number: n.value.number, cols, names };
      break;
    }
  } catch (e) {
    destroy();
    throw new ImportFileError(file, 'read-failed', `sheet "${sheetName}" cannot be read`, { cause: e, msg: msg('security.file.notWorkbook', { file: fileName }) });
  }
  if (!header) { await finish(); throw new ImportFileError(file, 'no-header', `sheet "${sheetName}" is empty`); }
  const headers = uniqueHeaders(header.names, (i) => `Column ${columnLetter(header!.cols[i])}`);
  if (headers.length < 2) { await finish(); throw new ImportFileError(file, 'no-columns', `sheet "${sheetName}" has only one column`); }

  const cols = header.cols;
  const nH = headers.length;
  let started = false;
  let done = false;
  const it = rowsIt;

  async function* batches(batchSize = 1000): AsyncGenerator<RawRow[], void, undefined> {
    if (started) throw new Error(`${fileName}: reader already consumed`);
    started = true;
    let out: RawRow[] = [];
    try {
      for (;;) {
        const n = await it.next();
        if (n.done) break;
        const vals = n.value.values as unknown[];
        const rec: RawRecord = {};
        let any = false;
        for (let i = 0; i < nH; i++) {
          const v = cellToRaw(vals[cols[i]]);
          if (v !== null && v !== '') any = true;
          rec[headers[i]] = v;
        }
        if (!any) continue;
        out.push({ rowNumber: n.value.number, record: rec });
        if (out.length >= batchSize) { yield out; out = []; }
      }
    } catch (e) {
      if (e instanceof ImportFileError) throw e;
      throw new ImportFileError(file, 'read-failed', `sheet "${sheetName}" cannot be read`, { cause: e, msg: msg('security.file.notWorkbook', { file: fileName }) });
    } finally {
      done = true;
    }
    if (out.length) yield out;
  }

  return {
    file,
    fileName,
    format: 'xlsx',
    headers,
    sheet: sheetName,
    geometryCrs: null,
    totalBytes: size,
    bytesRead: () => (done ? size : 0),
    batches,
    rows: () => rowsOf(batches()),
    // Read the workbook out, also after a sample (mapping dialog) or a cancel, and past the end of our
    // sheet: exceljs deletes a worksheet it parked in a temp file only when its parser moves on. Cut off, it
    // would leave them (report data, in the system temp folder) until the process exits, and work still in
    // flight then fails with nobody listening.
    async close() {
      if (!closed) await finish();
      closed = true;
      done = true;
    },
  };
}

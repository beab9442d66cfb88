/**
 * File readers for the import (Node only). Entry points: openReader, inspectFile, detectFormat,
 * loadVoivodeshipIndex. See src/core/import for mapping and row normalisation.
 */

import { readFile } from 'node:fs/promises';
import { autoMap, buildVoivodeshipIndex, type MappingProposal, type PolygonFeatureCollection, type RawRow, type VoivodeshipIndex } from '../../../core/import';
import { openCsvReader } from './csv';
import { detectFormat, readHead } from './detect';
import { openJsonReader } from './json';
import { ImportFileError, unreadable, type ReaderOptions, type TableReader } from './types';
import { openXlsxReader } from './xlsx';

export * from './types';
export { detectFormat } from './detect';
export { cellToRaw } from './xlsx';

/**
 * Open a file for reading. Detects the format from the first bytes (unless options.format), then the
 * encoding and delimiter for CSV. Rejects with ImportFileError (message names the file) when the file
 * cannot be read at all: missing, empty, binary, legacy .xls, no header, fewer than two columns,
 * invalid JSON, unsupported CRS.
 */
export async function openReader(path: string, options: ReaderOptions = {}): Promise<TableReader> {
  let format = options.format;
  if (!format) {
    let head: { bytes: Uint8Array; size: number };
    try {
      head = await readHead(path, 65536);
    } catch (e) {
      throw unreadable(path, e);
    }
    format = detectFormat(path, head.bytes);
  }
  switch (format) {
    case 'csv': return openCsvReader(path, options);
    case 'xlsx': return openXlsxReader(path, options);
    case 'geojson':
    case 'esrijson': return openJsonReader(path, options);
    default: throw new ImportFileError(path, 'unsupported-format', `unsupported format ${String(format)}`);
  }
}

export interface FileInspection {
  format: TableReader['format'];
  headers: readonly string[];
  csv?: TableReader['csv'];
  sheet?: string;
  geometryCrs: TableReader['geometryCrs'];
  totalBytes: number;
  /** First rows (for analyzeSample and the mapping dialog preview). */
  sample: RawRow[];
  /** True when the sample holds every row of the file. */
  sampleIsWholeFile: boolean;
  /** Automatic mapping proposal for the headers. */
  proposal: MappingProposal;
}

/** Open, read the first `sampleSize` rows, close. Then call analyzeSample and open the file again for the full pass. */
export async function inspectFile(path: string, options: ReaderOptions = {}, sampleSize = 2000): Promise<FileInspection> {
  const reader = await openReader(path, options);
  const sample: RawRow[] = [];
  let whole = true;
  try {
    outer: for await (const batch of reader.batches(Math.min(Math.max(sampleSize, 1), 2000))) {
      for (const r of batch) {
        if (sample.length >= sampleSize) { whole = false; break outer; }
        sample.push(r);
      }
    }
  } finally {
    await reader.close();
  }
  return {
    format: reader.format,
    headers: reader.headers,
    csv: reader.csv,
    sheet: reader.sheet,
    geometryCrs: reader.geometryCrs,
    totalBytes: reader.totalBytes,
    sample,
    sampleIsWholeFile: whole,
    proposal: autoMap(reader.headers),
  };
}

/** Load a voivodeship FeatureCollection (e.g. wojewodztwa-min.geojson) into an index for the core. */
export async function loadVoivodeshipIndex(path: string, toleranceKm = 2): Promise<VoivodeshipIndex> {
  const fc = JSON.parse(await readFile(path, 'utf8')) as PolygonFeatureCollection;
  return buildVoivodeshipIndex(fc, toleranceKm);
}

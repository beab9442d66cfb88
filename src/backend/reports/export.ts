/**
 * Reports out, for QGIS/ArcGIS (issue 12, point 8): the reports of a filter as a GeoPackage (EPSG:2180 points),
 * GeoJSON (WGS84, RFC 7946) or CSV (`;`, UTF-8 BOM, formula cells escaped by core/export/csv.ts).
 *
 * Every row: source_id (the source's report number), category, status, created (ISO 8601 in Warsaw local
 * time with its UTC offset), lon/lat (WGS84), x/y (EPSG:2180 easting/northing; gpkg and csv), beat (the
 * workspace beat the report lies in), source (provenance kind of the import its current content comes from), and
 * description only when asked (police-only, personal data).
 * Rows are read with one SQLite iterator and written in batches: memory does not grow with the report count
 * (apart from the finished file's bytes when they are returned to a front end).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { escapeCsvCell } from '../../core/export/csv';
import { warsawOffsetMs } from '../../core/domain/time';
import type { ReportFilter } from '../../core/domain/report';
import type { ReportExportFormat } from '../../shared/contract/reports';
import { filterToSql } from '../store/reports';
import type { Db } from '../store/workspace';
import { writePointGeoPackage, type GpkgField } from './gpkg';

export interface ReportExportOptions {
  filter?: ReportFilter;
  format: ReportExportFormat;
  withDescriptions: boolean;
}

/** "2025-03-01T14:15:00+01:00": a UTC instant as Warsaw local time with its offset (milliseconds when not 0). */
export function warsawIso(utcMs: number): string {
  const off = warsawOffsetMs(utcMs);
  const local = new Date(utcMs + off).toISOString(); // local wall clock written as if UTC
  const base = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  const h = off / 3_600_000;
  return `${base}+${String(h).padStart(2, '0')}:00`;
}

/** Format of an output file by its extension, or null. */

type Row = [string, string, string, number, number, number, number, number, string | null, string | null, string];

/** The filtered reports in a stable order (creation time, then row id), as raw rows. */
function rowsOf(db: Db, o: ReportExportOptions): IterableIterator<Row> {
  const { where, params } = filterToSql(o.filter);
  return db
    .prepare(
      `SELECT r.source_id, r.category, r.status, r.created_at, r.lon, r.lat, r.x2180, r.y2180, d.name,
              ${o.withDescriptions ? 'r.description' : 'NULL'}, i.provenance_kind
       FROM (SELECT * FROM reports ${where}) r LEFT JOIN districts d ON d.id = r.district_id JOIN imports i ON i.id = r.import_id
       ORDER BY r.created_at, r.id`,
    )
    .raw(true)
    .iterate(...params) as IterableIterator<Row>;
}

/** Buffered writes to a file descriptor (about 1 MiB per write). */
class Out {
  private parts: string[] = [];
  private size = 0;
  constructor(private fd: number) {}
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    fs.writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

const num = (v: number, digits: number) => Number(v.toFixed(digits));

function writeGeoJson(db: Db, file: string, o: ReportExportOptions): number {
  const fd = fs.openSync(file, 'w');
  let n = 0;
  try {
    const out = new Out(fd);
    out.write('{"type":"FeatureCollection","features":[\n');
    for (const r of rowsOf(db, o)) {
      const props: Record<string, unknown> = { source_id: r[0], category: r[1], status: r[2], created: warsawIso(r[3]), beat: r[8], source: r[10] };
      if (o.withDescriptions) props.description = r[9];
      // 8 decimals of a degree: about 1 mm
      out.write(`${n > 0 ? ',\n' : ''}{"type":"Feature","geometry":{"type":"Point","coordinates":[${num(r[4], 8)},${num(r[5], 8)}]},"properties":${JSON.stringify(props)}}`);
      n++;
    }
    out.write('\n]}\n');
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
  return n;
}

function writeCsv(db: Db, file: string, o: ReportExportOptions): number {
  const fd = fs.openSync(file, 'w');
  let n = 0;
  try {
    const out = new Out(fd);
    const header = ['source_id', 'category', 'status', 'created', 'lon', 'lat', 'x', 'y', 'beat', 'source', ...(o.withDescriptions ? ['description'] : [])];
    out.write('\uFEFF' + header.map((h) => escapeCsvCell(h, ';')).join(';') + '\r\n');
    for (const r of rowsOf(db, o)) {
      const cells = [r[0], r[1], r[2], warsawIso(r[3]), num(r[4], 8), num(r[5], 8), num(r[6], 3), num(r[7], 3), r[8], r[10]];
      if (o.withDescriptions) cells.push(r[9]);
      out.write(cells.map((c) => escapeCsvCell(c, ';')).join(';') + '\r\n');
      n++;
    }
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
  return n;
}

function writeGpkg(db: Db, file: string, o: ReportExportOptions): number {
  const fields: GpkgField[] = [
    { name: 'source_id', type: 'TEXT' },
    { name: 'category', type: 'TEXT' },
    { name: 'status', type: 'TEXT' },
    { name: 'created', type: 'TEXT' },
    { name: 'lon', type: 'REAL' },
    { name: 'lat', type: 'REAL' },
    { name: 'x', type: 'REAL' },
    { name: 'y', type: 'REAL' },
    { name: 'beat', type: 'TEXT' },
    { name: 'source', type: 'TEXT' },
    ...(o.withDescriptions ? [{ name: 'description', type: 'TEXT' as const }] : []),
  ];
  const rows = rowsOf(db, o);
  const row: unknown[] = new Array(2 + fields.length);
  function* mapped(): Generator<readonly unknown[]> {
    for (const r of rows) {
      row[0] = r[6];
      row[1] = r[7];
      row[2] = r[0]; row[3] = r[1]; row[4] = r[2]; row[5] = warsawIso(r[3]);
      row[6] = r[4]; row[7] = r[5]; row[8] = r[6]; row[9] = r[7]; row[10] = r[8]; row[11] = r[10];
      if (o.withDescriptions) row[12] = r[9];
      yield row;
    }
  }
  return writePointGeoPackage(
    file,
    { table: 'reports', identifier: 'Rejon – reports', description: 'KMZB reports exported by Rejon (EPSG:2180)', srsId: 2180, fields },
    mapped(),
  );
}

/** Write the export to `file` (overwritten). Returns the number of reports written. */
export function writeReportsFile(db: Db, file: string, o: ReportExportOptions): number {
  fs.rmSync(file, { force: true });
  switch (o.format) {
    case 'gpkg':
      return writeGpkg(db, file, o);
    case 'geojson':
      return writeGeoJson(db, file, o);
    case 'csv':
      return writeCsv(db, file, o);
  }
}

/** The export as bytes (written to a private temporary folder that is removed at once: descriptions may be personal data). */
export function exportReportsBytes(db: Db, o: ReportExportOptions): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-export-'));
  try {
    const file = path.join(dir, `reports.${o.format}`);
    writeReportsFile(db, file, o);
    return new Uint8Array(fs.readFileSync(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Shared types of the import pipeline (pure, no Node APIs).
 *
 * Pipeline: reader (backend) -> RawRow {rowNumber, record} -> row normaliser (core) ->
 * NormalizedReport | Rejection -> store (upsert / quarantine).
 */

/** A cell as delivered by a reader: CSV gives strings, XLSX numbers/strings/Dates, JSON numbers/strings. */
export type RawValue = string | number | Date | boolean | null | undefined;

/** One data row keyed by (unique) header name. */
export type RawRecord = Record<string, RawValue>;

/** A problem a reader found while reading a row (not a validation result). */
export interface ReadIssue {
  /** Column the problem is in, when known. */
  column: string | null;
  message: string;
  /** Why, when more specific than a read error: bytes that do not decode in the file's encoding. */
  reason?: 'invalid-encoding';
}

/**
 * One data row from a reader.
 * rowNumber is the row as a user counts it in Excel: the header is row 1, so the first data row is 2
 * (for CSV: records, not text lines, so a quoted field spanning 3 lines still counts as one row;
 * blank lines are counted but not yielded; an Excel `sep=;` hint line is not counted, as Excel hides it).
 * XLSX: the sheet's own row number. GeoJSON / Esri JSON: feature index + 2 (as if exported to a sheet).
 */
export interface RawRow {
  rowNumber: number;
  record: RawRecord;
  /** Set when the reader saw something wrong with the row (e.g. more fields than headers). */
  issue?: ReadIssue;
}

/** Fields the importer knows. Required: sourceId, category, status, createdAt, x, y. */
export const IMPORT_FIELDS = [
  'sourceId',
  'category',
  'status',
  'createdAt',
  'eventAt',
  'modifiedAt',
  'x',
  'y',
  'teryt',
  'description',
  'unit',
  'beat',
  'officer',
  'timeOfDay',
  'weekdays',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const REQUIRED_FIELDS: readonly ImportField[] = ['sourceId', 'category', 'status', 'createdAt', 'x', 'y'];

/** Human labels (Polish, as in the UI) for messages. */
export const FIELD_LABELS: Record<ImportField, string> = {
  sourceId: 'Nr zgłoszenia',
  category: 'Kategoria',
  status: 'Status',
  createdAt: 'Data utworzenia',
  eventAt: 'Data zdarzenia',
  modifiedAt: 'Data modyfikacji',
  x: 'X / długość',
  y: 'Y / szerokość',
  teryt: 'TERYT',
  description: 'Opis',
  unit: 'Jednostka',
  beat: 'Rejon',
  officer: 'Dzielnicowy',
  timeOfDay: 'Pora dnia',
  weekdays: 'Dni tygodnia',
};

/** A report ready for the store. All times are UTC epoch ms. */
export interface NormalizedReport {
  sourceId: string;
  /** Canonical KMZB name, or the trimmed raw text when unknownCategory is true (never dropped). */
  category: string;
  /** Category code (1..24), 0 for unknown. */
  categoryCode: number;
  unknownCategory: boolean;
  /** Canonical status name. */
  status: string;
  statusCode: number;
  createdAt: number;
  eventAt: number | null;
  modifiedAt: number | null;
  /** WGS84 */
  lon: number;
  lat: number;
  /** EPSG:2180 easting / northing (the source values for EPSG:2180 files, projected for WGS84 ones). */
  x2180: number;
  y2180: number;
  /** 7-digit TERYT commune code (left-padded when a spreadsheet dropped the leading zero), or null. */
  teryt: string | null;
  description: string | null;
  unit: string | null;
  beat: string | null;
  officer: string | null;
  /** "Pora dnia" / "Dni tygodnia" raw codes as text (KMZB numeric codes), or null. */
  timeOfDay: string | null;
  weekdays: string | null;
  /** Non-fatal problems in optional fields (the field is set to null). null when there are none. */
  warnings: RowWarning[] | null;
}

export type RejectionReason =
  | 'missing'
  | 'unknown-status'
  | 'invalid-date'
  | 'invalid-calendar-date'
  | 'date-out-of-range'
  | 'invalid-number'
  | 'zero-coordinates'
  | 'outside-poland'
  | 'unknown-crs'
  | 'outside-territory'
  | 'invalid-encoding'
  | 'read-error';

/** Why a row cannot be imported (goes to quarantine). */
export interface Rejection {
  field: ImportField | 'row';
  /** Source column the value came from (null when the field is not mapped / row-level). */
  column: string | null;
  reason: RejectionReason;
  /** Offending raw value as text (truncated to 200 chars), null when missing. */
  value: string | null;
  /** English sentence for logs and the quarantine table. */
  message: string;
}

export interface RowWarning {
  field: ImportField;
  column: string | null;
  reason: 'invalid-date' | 'invalid-calendar-date' | 'date-out-of-range' | 'invalid-teryt';
  value: string | null;
}

export type NormalizeResult = { ok: true; report: NormalizedReport } | { ok: false; rejection: Rejection };

/** "file.csv, row 17, column "Data utworzenia": message" — every row-level message names file, row and field. */
export function formatRowError(file: string, rowNumber: number, column: string | null, message: string): string {
  return `${file}, row ${rowNumber}${column ? `, column "${column}"` : ''}: ${message}`;
}

export function formatRejection(file: string, rowNumber: number, r: Rejection): string {
  const col = r.column ?? (r.field === 'row' ? null : FIELD_LABELS[r.field]);
  return formatRowError(file, rowNumber, col, `${r.message} [${r.field}: ${r.reason}]`);
}

export function rawToText(v: RawValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  const s = String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/**
 * Row normalisation: raw record + mapping + file-level decisions -> NormalizedReport | Rejection.
 *
 * Usage (per file):
 *   const analysis = analyzeSample(firstRecords, mapping, { voivodeships });   // decisions over a sample
 *   const normalize = createRowNormalizer(mapping, analysis.decisions, { voivodeships });
 *   for each row: const r = normalize(row.record); r.ok ? upsert(r.report) : quarantine(r.rejection)
 */

import { msg, type Msg } from '../message';
import { matchCategory, UNKNOWN_CATEGORY_CODE, type Category } from '../domain/categories';
import { matchStatus, type Status } from '../domain/statuses';
import { classifyPair, inPolandWgs84, toPuwg92 } from '../domain/crs';
import {
  decideCoordinateKind,
  describeCoordinateKind,
  puwg92ToWgs84Fast,
  type AreaEvidenceInput,
  type AxisOrder,
  type CoordinateDecision,
  type CoordinateSample,
  type FileCoordinateKind,
} from './coordinates';
import { coordinateHeaderHint, type Mapping } from './mapping';
import { detectDecimalComma, type DecimalCommaDetection } from './sniff';
import { isBlank, parseDate, parseNumber, type DateError, type DateOptions } from './values';
import type { VoivodeshipIndex } from './voivodeships';
import {
  FIELD_LABELS,
  rawToText,
  type ImportField,
  type NormalizeResult,
  type NormalizedReport,
  type RawRecord,
  type RawValue,
  type RejectionReason,
  type RowWarning,
} from './types';

/** Serialisable decisions taken once per file and applied to every row. */
export interface FileDecisions {
  /** 'undecided' never reaches the normaliser: the import asks or refuses first. */
  coordinateKind: FileCoordinateKind | 'unknown' | 'undecided';
  decimalComma: boolean;
}

export interface AnalyzeOptions {
  voivodeships?: VoivodeshipIndex;
  /** User / preset overrides. */
  coordinateKind?: FileCoordinateKind;
  decimalComma?: boolean;
  /** CRS declared by a GeoJSON / Esri JSON file (reader.geometryCrs). */
  declaredCrs?: 'wgs84' | 'puwg92' | null;
  /** The user's axis order for this import (CLI --xy, dialog). */
  axisOrder?: AxisOrder;
  /** The axis order saved with the preset in use, and its name. */
  presetAxisOrder?: AxisOrder;
  presetName?: string;
  /** The workspace's territory / beats / existing reports as point tests (strongest first). */
  areas?: readonly AreaEvidenceInput[];
}

export interface SampleAnalysis {
  decisions: FileDecisions;
  coordinates: CoordinateDecision;
  decimalComma: DecimalCommaDetection & { overridden: boolean };
  /** Sampled rows / rows with a parseable coordinate pair. */
  sampled: number;
  withCoordinates: number;
  /** Notes for the import dialog and summary, as message codes (empty when all is clear). */
  warnings: Msg[];
}

/**
 * Take the file-level decisions from a sample of records (the first 1-5k rows are plenty):
 * decimal comma from the coordinate columns, then the coordinate kind (decideCoordinateKind).
 */
export function analyzeSample(records: readonly RawRecord[], mapping: Mapping, opts: AnalyzeOptions = {}): SampleAnalysis {
  const xs: RawValue[] = [];
  const ys: RawValue[] = [];
  const colX = mapping.x;
  const colY = mapping.y;
  const colT = mapping.teryt;
  if (colX && colY) for (const r of records) { xs.push(r[colX]); ys.push(r[colY]); }
  const dc = detectDecimalComma([...xs, ...ys]);
  const decimalComma = opts.decimalComma ?? dc.decimalComma;
  const samples: CoordinateSample[] = [];
  if (colX && colY) {
    records.forEach((r, i) => {
      const a = parseNumber(xs[i], decimalComma);
      const b = parseNumber(ys[i], decimalComma);
      if (Number.isFinite(a) && Number.isFinite(b) && !(a === 0 && b === 0)) {
        samples.push({ a, b, teryt: colT ? terytText(r[colT]) : null });
      }
    });
  }
  const coordinates = decideCoordinateKind(samples, {
    override: opts.coordinateKind,
    axisOrder: opts.axisOrder,
    presetAxisOrder: opts.presetAxisOrder,
    presetName: opts.presetName,
    voivodeships: opts.voivodeships,
    hint: coordinateHeaderHint(mapping),
    declared: opts.declaredCrs ?? undefined,
    areas: opts.areas,
  });
  const warnings: Msg[] = [];
  if (!colX || !colY) warnings.push(msg('coords.warn.notMapped'));
  else if (coordinates.kind === 'unknown') warnings.push(coordinates.msg);
  warnings.push(...coordinates.warnings);
  if (dc.commaValues > 0 && dc.dotValues > 0) warnings.push(msg('coords.warn.mixedDecimal', { comma: dc.commaValues, dot: dc.dotValues }));
  return {
    decisions: { coordinateKind: coordinates.kind, decimalComma },
    coordinates,
    decimalComma: { ...dc, overridden: opts.decimalComma !== undefined },
    sampled: records.length,
    withCoordinates: samples.length,
    warnings,
  };
}

export interface NormalizerOptions extends DateOptions {
  /** Voivodeship polygons for the in-Poland test; without them a bounding box of Poland is used. */
  voivodeships?: VoivodeshipIndex;
  /** Date objects are real instants (not exceljs wall-clock-as-UTC). Default false. */
  dateObjectsAreUtc?: boolean;
}

function terytText(v: RawValue): string | null {
  if (v === null || v === undefined) return null;
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) return null;
    s = String(v);
  } else if (typeof v === 'string') s = v.trim();
  else return null;
  // leading run of digits ("1062011", "1062011 Piotrków Trybunalski", "1062011.0")
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === 6) return `0${s.slice(0, 6)}`;
  if (i === 7) return s.slice(0, 7);
  return null;
}

/**
 * Copy a string so a cache key does not keep the whole parsed chunk alive (V8 substrings reference
 * their parent; concatenation + slice yields a fresh flat string). Only runs on cache misses.
 */
function detach(s: string): string {
  return (s + ' ').slice(0, -1);
}

function text(v: RawValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const n = v.length;
    if (n === 0) return null;
    if (v.charCodeAt(0) > 32 && v.charCodeAt(n - 1) > 32) return v;
    const t = v.trim();
    return t.length ? t : null;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return String(v);
}

const DATE_MESSAGES: Record<DateError, string> = {
  'invalid-date': 'not a recognised date',
  'invalid-calendar-date': 'no such calendar date or time',
  'date-out-of-range': 'date outside the accepted years',
};

/**
 * Build the per-row function. All column lookups, caches and conversions are prepared here so the
 * returned function does a fixed amount of work per row.
 * Category/status matching is cached per distinct raw text (bounded), so foldText runs once per value.
 */
export function createRowNormalizer(mapping: Mapping, decisions: FileDecisions, options: NormalizerOptions = {}): (record: RawRecord) => NormalizeResult {
  const cId = mapping.sourceId ?? null;
  const cCat = mapping.category ?? null;
  const cStatus = mapping.status ?? null;
  const cCreated = mapping.createdAt ?? null;
  const cEvent = mapping.eventAt ?? null;
  const cModified = mapping.modifiedAt ?? null;
  const cX = mapping.x ?? null;
  const cY = mapping.y ?? null;
  const cTeryt = mapping.teryt ?? null;
  const cDesc = mapping.description ?? null;
  const cUnit = mapping.unit ?? null;
  const cBeat = mapping.beat ?? null;
  const cOfficer = mapping.officer ?? null;
  const cTod = mapping.timeOfDay ?? null;
  const cWd = mapping.weekdays ?? null;
  const kind = decisions.coordinateKind;
  const decimalComma = decisions.decimalComma;
  const vi = options.voivodeships;
  const dateOpts: DateOptions = { minYear: options.minYear, maxYear: options.maxYear };
  const dateUtc = options.dateObjectsAreUtc === true;
  const CACHE_MAX = 10_000;
  const catCache = new Map<string, Category | null>();
  const statusCache = new Map<string, Status | null>();
  const ll: [number, number] = [0, 0];

  const reject = (field: ImportField | 'row', column: string | null, reason: RejectionReason, value: RawValue, message: string): NormalizeResult => ({
    ok: false,
    rejection: { field, column, reason, value: rawToText(value), message },
  });
  const missing = (field: ImportField, column: string | null): NormalizeResult =>
    reject(field, column, 'missing', null, column ? `${FIELD_LABELS[field]} is empty` : `${FIELD_LABELS[field]} is not mapped to a column`);

  let warnings: RowWarning[] | null = null;
  const optionalDate = (field: ImportField, column: string, v: RawValue): number | null => {
    if (isBlank(v)) return null;
    const t = parseDate(v, dateOpts, dateUtc);
    if (typeof t === 'number') return t;
    (warnings ??= []).push({ field, column, reason: t, value: rawToText(v) });
    return null;
  };

  return function normalizeRow(rec: RawRecord): NormalizeResult {
    // --- id
    const vId = cId === null ? null : rec[cId];
    const sourceId = text(vId);
    if (sourceId === null) return missing('sourceId', cId);

    // --- category (unknown kept)
    const vCat = cCat === null ? null : rec[cCat];
    const catRaw = text(vCat);
    if (catRaw === null) return missing('category', cCat);
    let cat = catCache.get(catRaw);
    if (cat === undefined) {
      cat = matchCategory(catRaw) ?? null;
      if (catCache.size < CACHE_MAX) catCache.set(detach(catRaw), cat);
    }

    // --- status (unknown rejected)
    const vStatus = cStatus === null ? null : rec[cStatus];
    const stRaw = text(vStatus);
    if (stRaw === null) return missing('status', cStatus);
    let st = statusCache.get(stRaw);
    if (st === undefined) {
      st = matchStatus(stRaw) ?? null;
      if (statusCache.size < CACHE_MAX) statusCache.set(detach(stRaw), st);
    }
    if (st === null) return reject('status', cStatus, 'unknown-status', vStatus, `unknown status "${stRaw}"`);

    // --- created
    const vCreated = cCreated === null ? null : rec[cCreated];
    if (isBlank(vCreated)) return missing('createdAt', cCreated);
    const createdAt = parseDate(vCreated, dateOpts, dateUtc);
    if (typeof createdAt !== 'number') return reject('createdAt', cCreated, createdAt, vCreated, DATE_MESSAGES[createdAt]);

    // --- coordinates
    const vX = cX === null ? null : rec[cX];
    const vY = cY === null ? null : rec[cY];
    if (isBlank(vX)) return missing('x', cX);
    if (isBlank(vY)) return missing('y', cY);
    const a = parseNumber(vX, decimalComma);
    if (Number.isNaN(a)) return reject('x', cX, 'invalid-number', vX, decimalComma ? 'not a number' : 'not a number (decimal comma not expected in this file)');
    const b = parseNumber(vY, decimalComma);
    if (Number.isNaN(b)) return reject('y', cY, 'invalid-number', vY, decimalComma ? 'not a number' : 'not a number (decimal comma not expected in this file)');
    if (a === 0 && b === 0) return reject('x', cX, 'zero-coordinates', `${rawToText(vX)} ${rawToText(vY)}`, 'coordinates are 0/0 (no position)');
    let lon: number;
    let lat: number;
    let x2180 = NaN;
    let y2180 = NaN;
    switch (kind) {
      case 'wgs84': lon = a; lat = b; break;
      case 'wgs84-swapped': lon = b; lat = a; break;
      case 'puwg92': puwg92ToWgs84Fast(a, b, ll); lon = ll[0]; lat = ll[1]; x2180 = a; y2180 = b; break;
      case 'puwg92-swapped': puwg92ToWgs84Fast(b, a, ll); lon = ll[0]; lat = ll[1]; x2180 = b; y2180 = a; break;
      default:
        return reject('x', cX, 'unknown-crs', `${rawToText(vX)} ${rawToText(vY)}`, 'the coordinate system of the file could not be determined');
    }
    const inside = vi ? vi.classify(lon, lat) !== 'outside' : inPolandWgs84(lon, lat);
    if (!inside) {
      const k = classifyPair(a, b);
      const hint =
        kind.startsWith('puwg92') && (k === 'wgs84' || k === 'wgs84-swapped') ? '; the values look like WGS84 degrees'
        : kind.startsWith('wgs84') && k.startsWith('puwg92') ? '; the values look like EPSG:2180 metres'
        : '';
      return reject('x', cX, 'outside-poland', `${rawToText(vX)} ${rawToText(vY)}`,
        `point outside Poland (${lat.toFixed(5)} N, ${lon.toFixed(5)} E, read as ${describeCoordinateKind(kind)}${hint})`);
    }

    if (x2180 !== x2180) [x2180, y2180] = toPuwg92(lon, lat);

    // --- optional fields
    warnings = null;
    const eventAt = cEvent === null ? null : optionalDate('eventAt', cEvent, rec[cEvent]);
    const modifiedAt = cModified === null ? null : optionalDate('modifiedAt', cModified, rec[cModified]);
    let teryt: string | null = null;
    if (cTeryt !== null) {
      const vt = rec[cTeryt];
      if (!isBlank(vt)) {
        teryt = terytText(vt);
        if (teryt === null) (warnings ??= []).push({ field: 'teryt', column: cTeryt, reason: 'invalid-teryt', value: rawToText(vt) });
      }
    }

    const report: NormalizedReport = {
      sourceId,
      category: cat ? cat.name : catRaw,
      categoryCode: cat ? cat.code : UNKNOWN_CATEGORY_CODE,
      unknownCategory: cat === null,
      status: st.name,
      statusCode: st.code,
      createdAt,
      eventAt,
      modifiedAt,
      lon,
      lat,
      x2180,
      y2180,
      teryt,
      description: cDesc === null ? null : text(rec[cDesc]),
      unit: cUnit === null ? null : text(rec[cUnit]),
      beat: cBeat === null ? null : text(rec[cBeat]),
      officer: cOfficer === null ? null : text(rec[cOfficer]),
      timeOfDay: cTod === null ? null : text(rec[cTod]),
      weekdays: cWd === null ? null : text(rec[cWd]),
      warnings,
    };
    return { ok: true, report };
  };
}


/**
 * Import of named places and street centrelines (issue 13, point 6): GeoJSON (Point / MultiPoint / LineString /
 * MultiLineString features with a name property; WGS84 or EPSG:2180, decided like beat files: the `crs` member,
 * else the value ranges) and CSV tables of named places (lon/lat or EPSG:2180 x/y columns; the X/Y order decided
 * by the same evidence as report imports, never guessed: undecided files are refused and `xy` decides).
 *
 * One import is one transaction and one layer (`place_layers`); mode 'replace' (default) drops the previously
 * imported layers in the same transaction (the demo's places stay). Bad rows are skipped and named with their row
 * (CSV: file row, header = 1; GeoJSON: feature number, first = 1), field and reason; nothing else is lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Feature, Geometry, Position } from 'geojson';
import { RejonError } from '../../shared/contract';
import { fromPuwg92, inPolandWgs84, pairToWgs84, toPuwg92 } from '../../core/domain/crs';
import { crsFromMember, detectPositionsCrs, type CrsDetection } from '../../core/districts/project';
import { decideCoordinateKind, detectDecimalComma, parseNumber, type AxisOrder, type CoordinateDecision, type CoordinateSample, type RawRecord } from '../../core/import';
import { guessCoordinateColumns, guessKindField, guessNameField, type CoordinateColumns } from '../../core/places/fields';
import { msg, type Msg } from '../../core/message';
import { openCsvReader } from '../import/readers/csv';
import { ImportFileError } from '../import/readers/types';
import { workspaceAreas } from '../import/coordinateContext';
import type { JobContext } from '../jobs/jobManager';
import type { Db } from '../store/workspace';
import { clearPlaceLayers, xyToBlob } from './store';
import { invalidateNamedIndex } from './nearest';

/** GeoJSON files are parsed whole; larger ones are refused (a city's streets are a few tens of MB). */
export const MAX_GEOJSON_BYTES = 512 * 1024 ** 2;
/** Rows sampled for the field and coordinate guesses. */
const SAMPLE = 2000;
/** Rejections listed in a result (all are counted). */
const MAX_LISTED = 200;

export type PlacesFormat = 'geojson' | 'csv';

export interface PlacesImportOptions {
  /** Field holding the name (required when the file has several disagreeing name-like fields). */
  nameField?: string;
  /** Field holding the place's kind (rodzaj, typ…); guessed when absent, none when null. */
  kindField?: string | null;
  /** CSV: the X/Y order when the data do not decide it (easting-northing: X = easting / longitude). */
  xy?: AxisOrder;
  mode?: 'replace' | 'add';
}

export interface PlacesRejection {
  row: number;
  field: string;
  msg: Msg;
}

export interface PlacesImportResult {
  layerId: number;
  fileName: string;
  format: PlacesFormat;
  crs: 'EPSG:4326' | 'EPSG:2180';
  nameField: string;
  kindField: string | null;
  /** Named points stored. */
  places: number;
  /** Street line parts stored, and distinct street names among them. */
  streets: number;
  streetNames: number;
  rejected: number;
  rejections: PlacesRejection[];
  mode: 'replace' | 'add';
  /** What a 'replace' removed. */
  removed: { layers: number; places: number; streets: number };
  /** How the CSV's coordinate order was decided (null for GeoJSON: x = easting / longitude by the format). */
  coordinate: Msg | null;
  durationMs: number;
}

export interface PlacesInspection {
  fileName: string;
  format: PlacesFormat;
  fields: string[];
  nameCandidates: string[];
  /** The field that would be used (the given one, else the guess); null when the user must pick. */
  nameField: string | null;
  ambiguous: boolean;
  kindField: string | null;
  crs: 'EPSG:4326' | 'EPSG:2180' | null;
  counts: { points: number; lines: number; other: number; rows: number };
  /** The first names (with the chosen or suggested field). */
  preview: string[];
  /** CSV: the coordinate columns and how their order was decided. */
  coordinate: { x: string; y: string; decided: boolean; msg: Msg } | null;
}

/** A file that cannot be imported as it is: nothing was written. `decision` when the X/Y order is undecided. */
export class PlacesImportError extends RejonError {
  constructor(message: string, m: Msg, readonly decision?: CoordinateDecision) {
    super('bad-request', message, undefined, m);
    this.name = 'PlacesImportError';
  }
}

/** No usable row: the rejections say why (the first ones, all counted). */
export class PlacesNothingError extends PlacesImportError {
  constructor(fileName: string, readonly rejected: number, readonly rejections: PlacesRejection[]) {
    super(
      `${fileName}: nothing to import (${rejected} rows rejected).`,
      rejections.length > 0
        ? msg('places.error.nothing', { file: fileName, rejected, row: rejections[0].row, field: rejections[0].field })
        : msg('places.error.empty', { file: fileName }),
    );
    this.name = 'PlacesNothingError';
  }
}

const text = (v: unknown): string => (v == null ? '' : typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

function formatOf(file: string, head: Buffer): PlacesFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  return /^\s*[{[]/.test(head.toString('utf8').replace(/^\uFEFF/, '')) ? 'geojson' : 'csv';
}

function headOf(file: string, fileName: string): Buffer {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const b = Buffer.alloc(64);
      const n = fs.readSync(fd, b, 0, 64, 0);
      return b.subarray(0, n);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new PlacesImportError(`Cannot read ${fileName}: ${(e as Error).message}`, msg('places.error.read', { file: fileName }));
  }
}

// ---------------------------------------------------------------- GeoJSON

interface GeoJsonSource {
  format: 'geojson';
  fields: string[];
  features: Feature[];
  detection: CrsDetection;
}

function readGeoJson(file: string, fileName: string): GeoJsonSource {
  const size = fs.statSync(file).size;
  if (size > MAX_GEOJSON_BYTES) throw new PlacesImportError(`${fileName} is larger than ${MAX_GEOJSON_BYTES} bytes.`, msg('places.error.tooLarge', { file: fileName, mb: Math.round(MAX_GEOJSON_BYTES / 1024 ** 2) }));
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new PlacesImportError(`${fileName} is not valid JSON: ${(e as Error).message}`, msg('places.error.json', { file: fileName, reason: (e as Error).message.slice(0, 200) }));
  }
  const j = json as { type?: unknown; features?: unknown; crs?: unknown };
  let features: Feature[];
  if (j && j.type === 'FeatureCollection' && Array.isArray(j.features)) features = j.features as Feature[];
  else if (j && j.type === 'Feature') features = [j as unknown as Feature];
  else throw new PlacesImportError(`${fileName} is not a GeoJSON FeatureCollection.`, msg('places.error.notGeoJson', { file: fileName }));
  const seen = new Set<string>();
  for (const f of features.slice(0, 10_000)) for (const k of Object.keys((f && f.properties) ?? {})) seen.add(k);
  // CRS: the `crs` member when the coordinates agree with it, else the value ranges (as beat files).
  const positions: Position[] = [];
  const step = Math.max(1, Math.floor(features.length / SAMPLE));
  for (let i = 0; i < features.length; i += step) eachPosition(features[i]?.geometry, (p) => positions.push(p), 50);
  let member = crsFromMember(j.crs);
  if (member && positions.length > 0) {
    const degrees = positions.every((p) => Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);
    if ((member === 'EPSG:4326' && !degrees) || (member === 'EPSG:2180' && degrees)) member = undefined;
  }
  let detection: CrsDetection;
  if (member) {
    let swapped = false;
    try {
      const d = detectPositionsCrs(positions);
      swapped = d.crs === member && d.swapped;
    } catch { /* the member's word */ }
    detection = { crs: member, swapped, source: 'crs-member', kind: member === 'EPSG:2180' ? (swapped ? 'puwg92-swapped' : 'puwg92') : (swapped ? 'wgs84-swapped' : 'wgs84') };
  } else if (positions.length === 0) {
    detection = { crs: 'EPSG:4326', swapped: false, source: 'assumed', kind: 'unknown' };
  } else {
    try {
      detection = detectPositionsCrs(positions);
    } catch {
      throw new PlacesImportError(`${fileName}: coordinates are neither WGS84 nor EPSG:2180 within Poland.`, msg('places.error.crs', { file: fileName }));
    }
  }
  return { format: 'geojson', fields: [...seen], features, detection };
}

/** Every position of a geometry (at most `limit` per geometry when given). */
function eachPosition(g: Geometry | null | undefined, f: (p: Position) => void, limit = Infinity): void {
  if (!g) return;
  let n = 0;
  const take = (p: Position) => {
    if (n++ < limit && Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number') f(p);
  };
  switch (g.type) {
    case 'Point': take(g.coordinates); break;
    case 'MultiPoint': case 'LineString': g.coordinates.forEach(take); break;
    case 'MultiLineString': case 'Polygon': g.coordinates.forEach((r) => r.forEach(take)); break;
    case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((r) => r.forEach(take))); break;
    case 'GeometryCollection': g.geometries.forEach((x) => eachPosition(x, f, limit)); break;
  }
}

/** Points and line parts of a geometry; anything else makes the feature rejected. */
function partsOf(g: Geometry): { points: Position[]; lines: Position[][]; other: string | null } {
  const out = { points: [] as Position[], lines: [] as Position[][], other: null as string | null };
  const walk = (x: Geometry) => {
    switch (x.type) {
      case 'Point': out.points.push(x.coordinates); break;
      case 'MultiPoint': out.points.push(...x.coordinates); break;
      case 'LineString': out.lines.push(x.coordinates); break;
      case 'MultiLineString': out.lines.push(...x.coordinates); break;
      case 'GeometryCollection': x.geometries.forEach(walk); break;
      default: out.other ??= x.type;
    }
  };
  walk(g);
  return out;
}

// ---------------------------------------------------------------- CSV

interface CsvSource {
  format: 'csv';
  fields: string[];
  sample: RawRecord[];
  columns: CoordinateColumns;
  decimalComma: boolean;
  decision: CoordinateDecision;
}

async function readCsvHead(db: Db, file: string, fileName: string, xy: AxisOrder | undefined): Promise<CsvSource> {
  let reader;
  try {
    reader = await openCsvReader(file);
  } catch (e) {
    if (e instanceof ImportFileError) throw new PlacesImportError(e.message, msg('places.error.csv', { file: fileName, reason: e.message.slice(0, 300) }));
    throw e;
  }
  const sample: RawRecord[] = [];
  try {
    for await (const batch of reader.batches(500)) {
      for (const r of batch) sample.push(r.record);
      if (sample.length >= SAMPLE) break;
    }
  } finally {
    await reader.close();
  }
  const fields = [...reader.headers];
  const columns = guessCoordinateColumns(fields);
  if (!columns) throw new PlacesImportError(`${fileName}: no coordinate columns (lon/lat, x/y).`, msg('places.error.noCoordinates', { file: fileName, fields: fields.join(', ') }));
  const decimalComma = detectDecimalComma(sample.flatMap((r) => [r[columns.x], r[columns.y]])).decimalComma;
  const samples: CoordinateSample[] = [];
  for (const r of sample) {
    const a = parseNumber(r[columns.x], decimalComma), b = parseNumber(r[columns.y], decimalComma);
    if (Number.isFinite(a) && Number.isFinite(b)) samples.push({ a, b });
  }
  const decision = decideCoordinateKind(samples, { ...(xy ? { axisOrder: xy } : {}), areas: workspaceAreas(db), hint: columns.hint });
  return { format: 'csv', fields, sample, columns, decimalComma, decision };
}

// ---------------------------------------------------------------- inspection

/** What the file holds and which fields would be used: for the import dialog and `rejon places check`. */
export async function inspectPlacesFile(db: Db, file: string, fileName: string, opts: { nameField?: string; xy?: AxisOrder } = {}): Promise<PlacesInspection> {
  const format = formatOf(file, headOf(file, fileName));
  if (format === 'geojson') {
    const src = readGeoJson(file, fileName);
    const records = src.features.slice(0, SAMPLE).map((f) => (f?.properties ?? {}) as Record<string, unknown>);
    const guess = guessNameField(src.fields, records);
    const nameField = opts.nameField ?? guess.field;
    const counts = { points: 0, lines: 0, other: 0, rows: src.features.length };
    for (const f of src.features) {
      if (!f?.geometry) { counts.other++; continue; }
      const p = partsOf(f.geometry);
      if (p.other) counts.other++;
      else if (p.lines.length > 0) counts.lines++;
      else if (p.points.length > 0) counts.points++;
      else counts.other++;
    }
    return {
      fileName, format, fields: src.fields, nameCandidates: guess.candidates, nameField, ambiguous: !opts.nameField && guess.ambiguous,
      kindField: guessKindField(src.fields), crs: src.detection.crs, counts,
      preview: nameField ? records.map((r) => text(r[nameField])).filter(Boolean).slice(0, 8) : [], coordinate: null,
    };
  }
  const src = await readCsvHead(db, file, fileName, opts.xy);
  const guess = guessNameField(src.fields.filter((f) => f !== src.columns.x && f !== src.columns.y), src.sample);
  const nameField = opts.nameField ?? guess.field;
  const d = src.decision;
  const decided = d.kind !== 'undecided' && d.kind !== 'unknown';
  return {
    fileName, format, fields: src.fields, nameCandidates: guess.candidates, nameField, ambiguous: !opts.nameField && guess.ambiguous,
    kindField: guessKindField(src.fields), crs: decided ? (d.kind.startsWith('wgs84') ? 'EPSG:4326' : 'EPSG:2180') : null,
    counts: { points: src.sample.length, lines: 0, other: 0, rows: src.sample.length },
    preview: nameField ? src.sample.map((r) => text(r[nameField])).filter(Boolean).slice(0, 8) : [],
    coordinate: { x: src.columns.x, y: src.columns.y, decided, msg: d.msg },
  };
}

// ---------------------------------------------------------------- import

interface Collected {
  places: { row: number; name: string; kind: string; lon: number; lat: number }[];
  streets: { row: number; name: string; xy: Float64Array; lonlat: number[][] }[];
  rejections: PlacesRejection[];
  rejected: number;
}

function pickNameField(fileName: string, fields: string[], records: Record<string, unknown>[], given: string | undefined): string {
  if (given) {
    if (!fields.includes(given)) throw new PlacesImportError(`${fileName}: no field "${given}".`, msg('places.error.nameFieldMissing', { file: fileName, field: given, fields: fields.join(', ') }));
    return given;
  }
  const guess = guessNameField(fields, records);
  if (guess.ambiguous) {
    throw new PlacesImportError(`${fileName}: several name fields disagree (${guess.candidates.join(', ')}); choose one.`, msg('places.error.nameFieldAmbiguous', { file: fileName, fields: guess.candidates.join(', ') }));
  }
  if (!guess.field) throw new PlacesImportError(`${fileName}: no name field; choose one.`, msg('places.error.nameFieldNone', { file: fileName, fields: fields.join(', ') }));
  return guess.field;
}

function reject(c: Collected, row: number, field: string, m: Msg): void {
  c.rejected++;
  if (c.rejections.length < MAX_LISTED) c.rejections.push({ row, field, msg: m });
}

function collectGeoJson(src: GeoJsonSource, nameField: string, kindField: string | null, ctx?: JobContext): Collected {
  const c: Collected = { places: [], streets: [], rejections: [], rejected: 0 };
  const d = src.detection;
  // vertex -> [lon, lat] and [x, y] (EPSG:2180)
  const conv = (p: Position): { lon: number; lat: number; x: number; y: number } | null => {
    const a = Number(p[0]), b = Number(p[1]);
    if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
    if (d.crs === 'EPSG:2180') {
      const [x, y] = d.swapped ? [b, a] : [a, b];
      const [lon, lat] = fromPuwg92(x, y);
      return { lon, lat, x, y };
    }
    const [lon, lat] = d.swapped ? [b, a] : [a, b];
    const [x, y] = toPuwg92(lon, lat);
    return { lon, lat, x, y };
  };
  const n = src.features.length;
  for (let i = 0; i < n; i++) {
    if (ctx && i % 2000 === 0) {
      ctx.throwIfCancelled();
      ctx.progress(0.05 + 0.6 * (i / Math.max(1, n)), 'reading');
    }
    const row = i + 1;
    const f = src.features[i];
    if (!f || typeof f !== 'object' || !f.geometry) { reject(c, row, 'geometry', msg('places.reject.noGeometry', { row })); continue; }
    const name = text((f.properties ?? {})[nameField]);
    if (!name) { reject(c, row, nameField, msg('places.reject.noName', { row, field: nameField })); continue; }
    if (name.length > 300) { reject(c, row, nameField, msg('places.reject.longName', { row, field: nameField })); continue; }
    const parts = partsOf(f.geometry);
    if (parts.other) { reject(c, row, 'geometry', msg('places.reject.geometryType', { row, type: parts.other })); continue; }
    const kind = (kindField ? text((f.properties ?? {})[kindField]) : '') || 'place';
    let bad: Msg | null = null;
    const pts: { lon: number; lat: number }[] = [];
    const lines: { xy: Float64Array; lonlat: number[][] }[] = [];
    for (const p of parts.points) {
      const v = conv(p);
      if (!v) { bad = msg('places.reject.badCoordinates', { row }); break; }
      if (!inPolandWgs84(v.lon, v.lat)) { bad = msg('places.reject.outsidePoland', { row, lon: round6(v.lon), lat: round6(v.lat) }); break; }
      pts.push(v);
    }
    for (const line of parts.lines) {
      if (bad) break;
      const xy: number[] = [];
      const lonlat: number[][] = [];
      for (const p of Array.isArray(line) ? line : []) {
        const v = conv(p);
        if (!v) { bad = msg('places.reject.badCoordinates', { row }); break; }
        if (!inPolandWgs84(v.lon, v.lat)) { bad = msg('places.reject.outsidePoland', { row, lon: round6(v.lon), lat: round6(v.lat) }); break; }
        const k = xy.length;
        if (k >= 2 && Math.abs(xy[k - 2] - v.x) < 1e-3 && Math.abs(xy[k - 1] - v.y) < 1e-3) continue; // repeated vertex
        xy.push(v.x, v.y);
        lonlat.push([round6(v.lon), round6(v.lat)]);
      }
      if (bad) break;
      if (lonlat.length < 2) { bad = msg('places.reject.shortLine', { row }); break; }
      lines.push({ xy: Float64Array.from(xy), lonlat });
    }
    if (!bad && pts.length === 0 && lines.length === 0) bad = msg('places.reject.noGeometry', { row });
    if (bad) { reject(c, row, 'geometry', bad); continue; }
    for (const p of pts) c.places.push({ row, name, kind, lon: p.lon, lat: p.lat });
    for (const l of lines) c.streets.push({ row, name, ...l });
  }
  return c;
}

async function collectCsv(file: string, src: CsvSource, nameField: string, kindField: string | null, ctx?: JobContext): Promise<Collected> {
  const c: Collected = { places: [], streets: [], rejections: [], rejected: 0 };
  const kind = src.decision.kind;
  if (kind === 'unknown' || kind === 'undecided') throw new Error('coordinate kind not decided');
  const { x: xCol, y: yCol } = src.columns;
  const reader = await openCsvReader(file);
  try {
    for await (const batch of reader.batches(1000)) {
      if (ctx) {
        ctx.throwIfCancelled();
        ctx.progress(0.05 + 0.6 * (reader.bytesRead() / Math.max(1, reader.totalBytes)), 'reading');
      }
      for (const { rowNumber: row, record } of batch) {
        const name = text(record[nameField]);
        if (!name) { reject(c, row, nameField, msg('places.reject.noName', { row, field: nameField })); continue; }
        if (name.length > 300) { reject(c, row, nameField, msg('places.reject.longName', { row, field: nameField })); continue; }
        const a = parseNumber(record[xCol], src.decimalComma);
        if (!Number.isFinite(a)) { reject(c, row, xCol, msg('places.reject.badNumber', { row, field: xCol, value: text(record[xCol]).slice(0, 40) })); continue; }
        const b = parseNumber(record[yCol], src.decimalComma);
        if (!Number.isFinite(b)) { reject(c, row, yCol, msg('places.reject.badNumber', { row, field: yCol, value: text(record[yCol]).slice(0, 40) })); continue; }
        const ll = pairToWgs84(a, b, kind);
        if (!ll || !inPolandWgs84(ll[0], ll[1])) { reject(c, row, `${xCol}/${yCol}`, msg('places.reject.outsidePolandXy', { row, x: text(record[xCol]), y: text(record[yCol]) })); continue; }
        c.places.push({ row, name, kind: (kindField ? text(record[kindField]) : '') || 'place', lon: ll[0], lat: ll[1] });
      }
    }
  } finally {
    await reader.close();
  }
  return c;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Read, check and store a places/streets file as one new layer, in one transaction. Throws PlacesImportError
 * (nothing written) when the file cannot be read, the name field is ambiguous or missing, the CSV's X/Y order is
 * undecided, or no row is usable.
 */
export async function importPlaces(db: Db, file: string, fileName: string, opts: PlacesImportOptions = {}, ctx?: JobContext): Promise<PlacesImportResult> {
  const t0 = Date.now();
  ctx?.progress(0.01, 'reading');
  const format = formatOf(file, headOf(file, fileName));
  let collected: Collected;
  let crs: 'EPSG:4326' | 'EPSG:2180';
  let nameField: string;
  let kindField: string | null;
  let coordinate: Msg | null = null;
  if (format === 'geojson') {
    const src = readGeoJson(file, fileName);
    const records = src.features.slice(0, SAMPLE).map((f) => (f?.properties ?? {}) as Record<string, unknown>);
    nameField = pickNameField(fileName, src.fields, records, opts.nameField);
    kindField = opts.kindField === undefined ? guessKindField(src.fields) : opts.kindField;
    collected = collectGeoJson(src, nameField, kindField, ctx);
    crs = src.detection.crs;
  } else {
    const src = await readCsvHead(db, file, fileName, opts.xy);
    const d = src.decision;
    if (d.kind === 'unknown') throw new PlacesImportError(`${fileName}: no coordinate pair lies in Poland.`, msg('places.error.noCoordinateValues', { file: fileName, x: src.columns.x, y: src.columns.y }), d);
    if (d.kind === 'undecided') throw new PlacesImportError(`${fileName}: the X/Y order of the coordinates is not decided; give it (xy).`, msg('places.error.xyUndecided', { file: fileName }), d);
    const names = src.fields.filter((f) => f !== src.columns.x && f !== src.columns.y);
    nameField = pickNameField(fileName, names, src.sample, opts.nameField);
    kindField = opts.kindField === undefined ? guessKindField(src.fields) : opts.kindField;
    collected = await collectCsv(file, src, nameField, kindField, ctx);
    crs = d.kind.startsWith('wgs84') ? 'EPSG:4326' : 'EPSG:2180';
    coordinate = d.msg;
  }
  if (collected.places.length === 0 && collected.streets.length === 0) {
    throw new PlacesNothingError(fileName, collected.rejected, collected.rejections);
  }
  ctx?.throwIfCancelled();
  ctx?.progress(0.7, 'writing');
  const mode = opts.mode ?? 'replace';
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  const grow = (lon: number, lat: number) => {
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  };
  const write = db.transaction(() => {
    const removed = mode === 'replace' ? clearPlaceLayers(db, {}) : { layers: 0, places: 0, streets: 0 };
    const layerId = Number(
      db.prepare('INSERT INTO place_layers(file_name, format, crs, name_field, imported_at, places, streets, rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(fileName, format, crs, nameField, Date.now(), collected.places.length, collected.streets.length, collected.rejected).lastInsertRowid,
    );
    const insPlace = db.prepare("INSERT INTO places(name, kind, lon, lat, source, layer_id) VALUES (?, ?, ?, ?, 'import', ?)");
    for (const p of collected.places) {
      insPlace.run(p.name, p.kind.slice(0, 100), p.lon, p.lat, layerId);
      grow(p.lon, p.lat);
    }
    const insStreet = db.prepare('INSERT INTO streets(layer_id, name, xy, geometry_json, min_x, min_y, max_x, max_y) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const s of collected.streets) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = 0; i < s.xy.length; i += 2) {
        const x = s.xy[i], y = s.xy[i + 1];
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      for (const [lon, lat] of s.lonlat) grow(lon, lat);
      insStreet.run(layerId, s.name, xyToBlob(s.xy), JSON.stringify(s.lonlat), x0, y0, x1, y1);
    }
    db.prepare('UPDATE place_layers SET min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ? WHERE id = ?').run(minLon, minLat, maxLon, maxLat, layerId);
    return { layerId, removed };
  });
  const { layerId, removed } = write();
  invalidateNamedIndex(db);
  ctx?.progress(1, 'done');
  return {
    layerId, fileName, format, crs, nameField, kindField, places: collected.places.length, streets: collected.streets.length,
    streetNames: new Set(collected.streets.map((s) => s.name)).size, rejected: collected.rejected, rejections: collected.rejections, mode, removed, coordinate,
    durationMs: Date.now() - t0,
  };
}

/**
 * GeoJSON (FeatureCollection of Points) and Esri JSON (FeatureSet: features[].attributes + geometry{x,y})
 * readers. The file is parsed whole (JSON.parse; fine to a few hundred MB — KMZB exports of a command are
 * far smaller). Properties / attributes become the record; the point goes into the synthetic columns
 * "@geometry.x" / "@geometry.y" (x = lon/easting), the GeoJSON feature id into "@id".
 * CRS: Esri spatialReference wkid 2180 -> 'puwg92'; 4326 -> 'wgs84'; 3857/102100/102113/900913 are
 * converted to WGS84 here; other wkids are refused. GeoJSON: 'wgs84' when a crs member says 4326/CRS84,
 * 'puwg92' for EPSG:2180, none -> null (decided from the value ranges, as Polish tools write 2180 GeoJSON).
 */

import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  FEATURE_ID_COLUMN,
  GEOMETRY_X_COLUMN,
  GEOMETRY_Y_COLUMN,
  detectEncoding,
  webMercatorToWgs84,
  type RawRecord,
  type RawRow,
  type RawValue,
} from '../../../core/import';
import { msg } from '../../../core/message';
import { jsonTooDeep, LimitError, LIMITS, mib } from '../../security/limits';
import { ImportFileError, rowsOf, unreadable, uniqueHeaders, type ImportFormat, type ReaderOptions, type TableReader } from './types';

/** JSON is parsed whole (~5x its size in memory): larger exports should come as CSV, which streams. */
const MAX_JSON_BYTES = LIMITS.jsonImportBytes;

/** Where JSON.parse stopped, without the text around it (V8 quotes the start of the file in its messages). */
export function jsonErrorPosition(e: unknown): number | null {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  return m ? Number(m[1]) : null;
}
const MERCATOR = new Set([3857, 102100, 102113, 900913]);

function toRaw(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

interface Parsed {
  format: ImportFormat;
  headers: string[];
  crs: 'wgs84' | 'puwg92' | null;
  mercator: boolean;
  features: unknown[];
}

function wkidOf(sr: unknown): number | null {
  if (!sr || typeof sr !== 'object') return null;
  const o = sr as { latestWkid?: unknown; wkid?: unknown };
  const w = Number(o.latestWkid ?? o.wkid);
  return Number.isFinite(w) ? w : null;
}

function structure(file: string, doc: unknown): Parsed {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ImportFileError(file, 'invalid-structure', 'JSON is neither a GeoJSON FeatureCollection nor an Esri JSON feature set');
  }
  const o = doc as Record<string, unknown>;
  const features = o.features;
  if (!Array.isArray(features)) throw new ImportFileError(file, 'invalid-structure', 'JSON has no "features" array (GeoJSON FeatureCollection or Esri JSON expected)');
  const isEsri = o.type !== 'FeatureCollection' && (o.spatialReference !== undefined || Array.isArray(o.fields) || features.some((f) => f && typeof f === 'object' && 'attributes' in f));
  const keys = new Set<string>();
  const order: string[] = [];
  const add = (k: string) => { if (!keys.has(k)) { keys.add(k); order.push(k); } };
  let anyId = false;
  if (isEsri) {
    if (Array.isArray(o.fields)) for (const f of o.fields as { name?: unknown }[]) if (f && typeof f.name === 'string') add(f.name);
    for (const f of features as { attributes?: Record<string, unknown> }[]) if (f?.attributes) for (const k of Object.keys(f.attributes)) add(k);
  } else {
    for (const f of features as { properties?: Record<string, unknown> | null; id?: unknown }[]) {
      if (f?.properties) for (const k of Object.keys(f.properties)) add(k);
      if (f?.id !== undefined && f?.id !== null) anyId = true;
    }
  }
  const attrs = order.filter((k) => k !== GEOMETRY_X_COLUMN && k !== GEOMETRY_Y_COLUMN && k !== FEATURE_ID_COLUMN);
  const headers = [...attrs, GEOMETRY_X_COLUMN, GEOMETRY_Y_COLUMN, ...(anyId ? [FEATURE_ID_COLUMN] : [])];
  if (features.length === 0) throw new ImportFileError(file, 'no-columns', 'the file contains no features');
  if (attrs.length === 0) throw new ImportFileError(file, 'no-columns', `no ${isEsri ? 'attributes' : 'properties'} in the features`);

  let crs: Parsed['crs'] = null;
  let mercator = false;
  if (isEsri) {
    const wkid = wkidOf(o.spatialReference) ?? wkidOf((features as { geometry?: { spatialReference?: unknown } }[])[0]?.geometry?.spatialReference);
    if (wkid === 2180) crs = 'puwg92';
    else if (wkid === 4326) crs = 'wgs84';
    else if (wkid !== null && MERCATOR.has(wkid)) { crs = 'wgs84'; mercator = true; }
    else if (wkid !== null) {
      throw new ImportFileError(file, 'unsupported-crs', `unsupported spatialReference wkid ${wkid} (EPSG:2180, 4326 or 3857/102100 expected)`, {
        msg: msg('security.file.unsupportedWkid', { file: basename(file), wkid }),
      });
    }
  } else {
    const name = String(((o.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name) ?? '');
    if (/2180/.test(name)) crs = 'puwg92';
    else if (/CRS84|4326/i.test(name)) crs = 'wgs84';
    else if (/3857|900913/.test(name)) { crs = 'wgs84'; mercator = true; }
  }
  return { format: isEsri ? 'esrijson' : 'geojson', headers: uniqueHeaders(headers, (i) => `Column ${i + 1}`), crs, mercator, features };
}

export async function openJsonReader(file: string, _options: ReaderOptions = {}): Promise<TableReader> {
  const fileName = basename(file);
  let bytes: Buffer;
  try {
    const { size } = await stat(file);
    if (size > MAX_JSON_BYTES) {
      throw new LimitError('file-size', `JSON file larger than ${mib(MAX_JSON_BYTES)} MB; export a CSV instead.`, { mb: mib(MAX_JSON_BYTES) });
    }
    bytes = await readFile(file);
  } catch (e) {
    throw unreadable(file, e);
  }
  if (bytes.length === 0) throw new ImportFileError(file, 'empty', 'the file is empty');
  const enc = detectEncoding(bytes.subarray(0, 65536));
  let doc: unknown;
  let text: string | null = new TextDecoder(enc.encoding).decode(bytes);
  if (jsonTooDeep(text)) {
    throw unreadable(file, new LimitError('json-depth', `JSON nested deeper than ${LIMITS.jsonDepth} levels.`, { max: LIMITS.jsonDepth }));
  }
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorPosition(e);
    throw new ImportFileError(file, 'invalid-json', `not valid JSON${at !== null ? ` (at character ${at})` : ''}`, { cause: e });
  }
  // Bytes that did not decode became U+FFFD: the features holding one are quarantined (see the CSV reader).
  const undecodable = enc.encoding.startsWith('utf') && text.indexOf('\uFFFD') !== -1;
  text = null;
  const size = bytes.length;
  bytes = Buffer.alloc(0);
  const p = structure(file, doc);
  const attrHeaders = p.headers.filter((h) => h !== GEOMETRY_X_COLUMN && h !== GEOMETRY_Y_COLUMN && h !== FEATURE_ID_COLUMN);
  const hasId = p.headers.includes(FEATURE_ID_COLUMN);
  let started = false;
  let index = 0;
  let features: unknown[] | null = p.features;

  async function* batches(batchSize = 1000): AsyncGenerator<RawRow[], void, undefined> {
    if (started) throw new Error(`${fileName}: reader already consumed`);
    started = true;
    let out: RawRow[] = [];
    const feats = features ?? [];
    for (; index < feats.length; index++) {
      const f = feats[index] as Record<string, unknown> | null;
      const rowNumber = index + 2;
      const rec: RawRecord = {};
      const props = (p.format === 'esrijson' ? f?.attributes : f?.properties) as Record<string, unknown> | null | undefined;
      for (const h of attrHeaders) rec[h] = toRaw(props?.[h]);
      let x: number | null = null;
      let y: number | null = null;
      let issue: RawRow['issue'];
      const g = f?.geometry as Record<string, unknown> | null | undefined;
      if (g && typeof g === 'object') {
        if (p.format === 'esrijson') {
          if (typeof g.x === 'number' && typeof g.y === 'number' && Number.isFinite(g.x) && Number.isFinite(g.y)) { x = g.x; y = g.y; }
          else if (g.x !== undefined || g.y !== undefined) issue = { column: GEOMETRY_X_COLUMN, message: 'geometry has no numeric x/y' };
          else issue = { column: GEOMETRY_X_COLUMN, message: 'geometry is not a point' };
        } else {
          const c = g.coordinates as unknown;
          if (g.type === 'Point' && Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') { x = c[0]; y = c[1]; }
          else if (g.type === 'MultiPoint' && Array.isArray(c) && c.length === 1 && Array.isArray(c[0])) { x = Number(c[0][0]); y = Number(c[0][1]); }
          else issue = { column: GEOMETRY_X_COLUMN, message: `geometry is ${String(g.type)}, not a Point` };
        }
      }
      if (x !== null && y !== null && p.mercator) [x, y] = webMercatorToWgs84(x, y);
      rec[GEOMETRY_X_COLUMN] = x;
      rec[GEOMETRY_Y_COLUMN] = y;
      if (hasId) rec[FEATURE_ID_COLUMN] = toRaw(f?.id);
      const row: RawRow = { rowNumber, record: rec };
      if (issue) row.issue = issue;
      if (undecodable) {
        const bad = attrHeaders.find((h) => typeof rec[h] === 'string' && (rec[h] as string).indexOf('\uFFFD') !== -1);
        if (bad !== undefined) row.issue = { column: bad, reason: 'invalid-encoding', message: `bytes that are not valid ${enc.encoding.toUpperCase()} (shown as \uFFFD): the row was not imported` };
      }
      out.push(row);
      if (out.length >= batchSize) { yield out; out = []; }
    }
    if (out.length) yield out;
  }

  return {
    file,
    fileName,
    format: p.format,
    headers: p.headers,
    geometryCrs: p.crs,
    totalBytes: size,
    bytesRead: () => (features && features.length ? Math.round((size * index) / features.length) : size),
    batches,
    rows: () => rowsOf(batches()),
    async close() { features = null; },
  };
}

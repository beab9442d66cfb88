/**
 * District file readers (Node): GeoJSON (WGS84 or EPSG:2180), zipped Shapefile (.zip with .shp/.dbf/.prj[/.cpg]),
 * bare .shp with sibling files, KML and KMZ. Output features are WGS84 Polygon/MultiPolygon.
 *
 *   const file = await readDistrictFile('/path/rejony.zip');   // file.fields -> let the user pick columns
 *   const drafts = toDistricts(file.features, { nameField: 'NAZWA', officerField: 'DZIELNICOWY' });
 *   const report = validateDistricts(drafts);                   // src/core/districts
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { parseDbf, parseShp } from 'shpjs';
import { featureCollectionToWgs84 } from '../../../core/districts/project';
import type { DistrictDraft, DistrictGeometry } from '../../../core/districts/types';
import { msg, type Msg } from '../../../core/message';
import { jsonTooDeep, LimitError, LIMITS, mib } from '../../security/limits';
import { DISTRICT_ZIP_LIMITS, readZipBuffer, ZipFormatError, type BufferZipEntry } from '../../security/zipArchive';

type ZipEntry = BufferZipEntry;

export interface DistrictFile {
  path: string;
  format: 'geojson' | 'shapefile' | 'kml' | 'kmz';
  /** WGS84 polygon features, in file order (non-polygon features are skipped, see `skipped`). */
  features: Feature<DistrictGeometry>[];
  /** Property names across all features, in first-seen order: candidates for name / officer / unit. */
  fields: string[];
  /** CRS of the source: 'EPSG:4326', 'EPSG:2180', or the PROJCS name of another .prj (reprojected by proj4). */
  crs: string;
  /** How the CRS was decided. */
  crsSource: 'crs-member' | 'prj' | 'range' | 'assumed' | 'kml';
  skipped: { index: number; reason: string }[];
  warnings: string[];
}

/**
 * A beat file that cannot be read. The message names the file (base name) and the kind of problem; it never quotes
 * the file's content or a parser's / the operating system's own error text (those can carry the file's first bytes
 * or paths).
 */
export class DistrictFileError extends Error {
  readonly msg: Msg;
  constructor(path: string, message: string, options?: { cause?: unknown; msg?: Msg }) {
    super(`Cannot read district file ${basename(path)}: ${message}`, options);
    this.name = 'DistrictFileError';
    this.msg = options?.msg ?? msg('security.district.unreadable', { file: basename(path) });
  }
}

const FORMAT_NAMES: Record<string, string> = { '.zip': 'Shapefile (ZIP)', '.kmz': 'KMZ', '.shp': 'Shapefile', '.kml': 'KML' };

/** Any error of a parser, proj4 or the OS becomes the same plain refusal; our own and limit errors pass. */
function sanitize(path: string, e: unknown): DistrictFileError {
  if (e instanceof DistrictFileError) return e;
  if (e instanceof LimitError) return new DistrictFileError(path, e.message, { cause: e, msg: e.msg });
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new DistrictFileError(path, 'nested too deeply', { cause: e, msg: msg('security.limit.tooDeep') });
  }
  if (e instanceof ZipFormatError) return new DistrictFileError(path, e.message, { cause: e, msg: msg('security.district.badZip', { file: basename(path) }) });
  const format = FORMAT_NAMES[extname(path).toLowerCase()] ?? 'GeoJSON';
  return new DistrictFileError(path, `cannot be read as ${format}`, { cause: e, msg: msg('security.district.notFormat', { file: basename(path), format }) });
}

export async function readDistrictFile(path: string): Promise<DistrictFile> {
  let buf: Buffer;
  try {
    const { size } = await stat(path);
    if (size > LIMITS.districtFileBytes) {
      throw new LimitError('file-size', `Beat file larger than ${mib(LIMITS.districtFileBytes)} MB.`, { mb: mib(LIMITS.districtFileBytes) });
    }
    buf = await readFile(path);
  } catch (e) {
    if (e instanceof LimitError) throw sanitize(path, e);
    // Only trusted callers (the CLI) name arbitrary paths; API callers reach this with their own staged upload or
    // granted file, so "not found" reveals nothing. Other OS errors are not quoted (they carry paths).
    throw new DistrictFileError(path, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'the file cannot be read', { cause: e });
  }
  const ext = extname(path).toLowerCase();
  try {
    let result: DistrictFile;
    if (ext === '.zip' || (ext !== '.kmz' && isZip(buf))) result = await readShapefileZip(path, buf);
    else if (ext === '.kmz') result = await readKmz(path, buf);
    else if (ext === '.shp') result = await readShapefileSiblings(path, buf);
    else if (ext === '.kml' || looksLikeXml(buf)) result = readKml(path, decodeText(buf));
    else result = readGeoJson(path, decodeText(buf));
    if (result.features.length === 0) {
      throw new DistrictFileError(path, result.skipped.length > 0 ? `no polygon features (${result.skipped.length} other features skipped: ${result.skipped[0].reason})` : 'no polygon features', {
        msg: msg('security.district.noPolygons', { file: basename(path), skipped: result.skipped.length }),
      });
    }
    if (result.features.length > LIMITS.districtFeatures) {
      throw new LimitError('features', `The file holds ${result.features.length} beats (limit ${LIMITS.districtFeatures}).`, { max: LIMITS.districtFeatures });
    }
    return result;
  } catch (e) {
    throw sanitize(path, e);
  }
}

/** Reproject a feature collection; a file whose coordinates fit neither CRS gets a plain refusal. */
function toWgs84(path: string, fc: Parameters<typeof featureCollectionToWgs84>[0]): ReturnType<typeof featureCollectionToWgs84> {
  try {
    return featureCollectionToWgs84(fc);
  } catch (e) {
    if (e instanceof RangeError) throw e;
    throw new DistrictFileError(path, 'coordinates are neither WGS84 lon/lat nor EPSG:2180 metres within Poland', { cause: e, msg: msg('security.district.unknownCrs', { file: basename(path) }) });
  }
}

function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;
}

function looksLikeXml(buf: Buffer): boolean {
  return /^\s*</.test(buf.subarray(0, 200).toString('utf8').replace(/^\uFEFF/, ''));
}

function decodeText(buf: Buffer): string {
  return buf.toString('utf8').replace(/^\uFEFF/, '');
}

function collectFields(features: Feature[]): string[] {
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) seen.add(k);
  return [...seen];
}

// ---------------------------------------------------------------- GeoJSON

export function parseGeoJsonText(path: string, text: string): DistrictFile {
  if (jsonTooDeep(text)) throw new LimitError('json-depth', `JSON nested deeper than ${LIMITS.jsonDepth} levels.`, { max: LIMITS.jsonDepth });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new DistrictFileError(path, `not valid JSON${at ? ` (at character ${at})` : ''}`, { cause: e, msg: msg('security.district.invalidJson', { file: basename(path) }) });
  }
  return readGeoJsonObject(path, json);
}

function readGeoJson(path: string, text: string): DistrictFile {
  return parseGeoJsonText(path, text);
}

function readGeoJsonObject(path: string, json: unknown): DistrictFile {
  const o = json as { type?: string; features?: unknown; crs?: unknown; geometry?: unknown };
  let fc: { type: string; features: Feature[]; crs?: unknown };
  if (o && o.type === 'FeatureCollection' && Array.isArray(o.features)) fc = o as typeof fc;
  else if (o && o.type === 'Feature') fc = { type: 'FeatureCollection', features: [o as Feature], crs: o.crs };
  else if (o && typeof o.type === 'string' && 'coordinates' in (o as object)) fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: o as Geometry }], crs: o.crs };
  else throw new DistrictFileError(path, 'not a GeoJSON FeatureCollection, Feature or geometry', { msg: msg('security.district.notGeoJson', { file: basename(path) }) });
  const r = toWgs84(path, fc);
  return {
    path, format: 'geojson', features: r.features, fields: collectFields(r.features), crs: r.crs,
    crsSource: r.detection.source, skipped: r.skipped,
    warnings: r.detection.swapped ? ['coordinate axes were swapped in the file and have been corrected'] : [],
  };
}

// ---------------------------------------------------------------- Shapefile

/** True when a .prj (WKT) describes PUWG 1992 / EPSG:2180. */
export function isPuwg92Prj(wkt: string): boolean {
  const s = wkt.toUpperCase();
  if (/AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?2180"?\s*\]\s*\]\s*$/.test(s)) return true;
  if (/CS92|CS_92|1992|PUWG.?92|EPSG.?2180/.test(s)) return true;
  // Unnamed transverse Mercator with the 2180 parameters
  return /TRANSVERSE_MERCATOR/.test(s) && /CENTRAL_MERIDIAN"\s*,\s*19(\.0+)?\s*\]/.test(s) && /SCALE_FACTOR"\s*,\s*0\.9993\s*\]/.test(s) && /FALSE_NORTHING"\s*,\s*-5300000/.test(s);
}

function isGeographicPrj(wkt: string): boolean {
  return /^\s*GEOGCS\s*\[/i.test(wkt);
}

function projcsName(wkt: string): string {
  return /^\s*PROJCS\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? wkt.slice(0, 60);
}

/** Choose the DBF text encoding: .cpg, then the language driver byte, then UTF-8 if valid, else windows-1250. */
export function dbfEncoding(dbf: Buffer, cpg: string | undefined): string {
  if (cpg && cpg.trim()) {
    const c = cpg.trim();
    if (/^\d+$/.test(c)) return `windows-${c}`;
    if (/^ANSI\s+(\d+)$/i.test(c)) return `windows-${/(\d+)/.exec(c)![1]}`;
    return c;
  }
  const ldid = dbf.length > 29 ? dbf[29] : 0;
  if (ldid === 0xc8) return 'windows-1250';
  if (ldid === 0x57) return 'windows-1252';
  const headerLen = dbf.length > 10 ? dbf.readUInt16LE(8) : 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(headerLen));
    return 'utf-8';
  } catch {
    return 'windows-1250';
  }
}

function shapefileResult(path: string, shp: Buffer, dbf: Buffer | undefined, prj: string | undefined, cpg: string | undefined, warnings: string[]): DistrictFile {
  let geoms: Geometry[];
  let crs: string;
  let crsSource: DistrictFile['crsSource'];
  let needsDetection = false;
  let is2180 = false;
  if (prj && prj.trim()) {
    if (isPuwg92Prj(prj)) {
      // Convert with our own EPSG:2180 definition (k = 0.9993), not the WKT's interpretation.
      geoms = parseShp(shp, false);
      crs = 'EPSG:2180';
      crsSource = 'prj';
      is2180 = true;
    } else if (isGeographicPrj(prj)) {
      geoms = parseShp(shp, false);
      crs = 'EPSG:4326';
      crsSource = 'prj';
    } else {
      try {
        geoms = parseShp(shp, prj);
      } catch (e) {
        throw new DistrictFileError(path, `cannot use the .prj coordinate system (${projcsName(prj)})`, { cause: e, msg: msg('security.district.prj', { file: basename(path) }) });
      }
      crs = projcsName(prj);
      crsSource = 'prj';
      warnings.push(`reprojected from ${crs} with proj4`);
    }
  } else {
    geoms = parseShp(shp, false);
    crs = 'unknown';
    crsSource = 'range';
    needsDetection = true;
    warnings.push('no .prj file: coordinate system detected from coordinate ranges');
  }
  let rows: Record<string, unknown>[] = [];
  if (dbf) {
    const encoding = dbfEncoding(dbf, cpg);
    rows = parseDbf(dbf, encoding);
  } else {
    warnings.push('no .dbf file: districts have no attributes');
  }
  const features: Feature[] = geoms.map((g, i) => ({ type: 'Feature', properties: rows[i] ?? {}, geometry: g }));
  const fc = { type: 'FeatureCollection', features, ...(is2180 ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2180' } } } : {}), ...(!is2180 && !needsDetection ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } } : {}) };
  const r = toWgs84(path, fc);
  if (needsDetection) { crs = r.crs; crsSource = r.detection.source; }
  return { path, format: 'shapefile', features: r.features, fields: collectFields(r.features), crs, crsSource, skipped: r.skipped, warnings };
}

async function readShapefileZip(path: string, buf: Buffer): Promise<DistrictFile> {
  const entries = (await readZipBuffer(buf, DISTRICT_ZIP_LIMITS)).filter((e) => !e.name.includes('__MACOSX') && !e.name.endsWith('/'));
  const shps = entries.filter((e) => /\.shp$/i.test(e.name));
  if (shps.length === 0) {
    throw new DistrictFileError(path, `the ZIP holds no .shp file (${entries.length} other entries)`, { msg: msg('security.district.noShp', { file: basename(path), entries: entries.length }) });
  }
  const warnings: string[] = [];
  if (shps.length > 1) warnings.push(`the ZIP holds ${shps.length} layers; read ${shps[0].name}, ignored ${shps.slice(1).map((e) => e.name).join(', ')}`);
  const base = shps[0].name.slice(0, -4).toLowerCase();
  const sibling = (ext: string): ZipEntry | undefined => entries.find((e) => e.name.toLowerCase() === `${base}.${ext}`);
  const dbf = sibling('dbf')?.read();
  const prj = sibling('prj')?.read().toString('utf8');
  const cpg = sibling('cpg')?.read().toString('utf8');
  return shapefileResult(path, shps[0].read(), dbf, prj, cpg, warnings);
}

async function readShapefileSiblings(path: string, shp: Buffer): Promise<DistrictFile> {
  const base = path.slice(0, -4);
  // The .dbf/.prj/.cpg next to a .shp are part of the same dataset (CLI paths and desktop grants; a staged upload has
  // no siblings). Together they stay within the beat file limit.
  let budget = LIMITS.districtFileBytes - shp.length;
  const tryRead = async (ext: string): Promise<Buffer | undefined> => {
    for (const e of [ext, ext.toUpperCase()]) {
      try {
        const st = await stat(`${base}.${e}`);
        if (!st.isFile()) continue;
        budget -= st.size;
        if (budget < 0) throw new LimitError('file-size', `Beat files larger than ${mib(LIMITS.districtFileBytes)} MB.`, { mb: mib(LIMITS.districtFileBytes) });
        return await readFile(`${base}.${e}`);
      } catch (err) {
        if (err instanceof LimitError) throw err;
        /* next */
      }
    }
    return undefined;
  };
  const [dbf, prj, cpg] = await Promise.all([tryRead('dbf'), tryRead('prj'), tryRead('cpg')]);
  return shapefileResult(path, shp, dbf, prj?.toString('utf8'), cpg?.toString('utf8'), []);
}

// ---------------------------------------------------------------- KML / KMZ

export function parseKmlText(path: string, text: string, format: 'kml' | 'kmz' = 'kml'): DistrictFile {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level: string, msg: string) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(text, 'text/xml');
  if (errors.length > 0 || !doc.documentElement) throw new DistrictFileError(path, 'not valid KML/XML', { msg: msg('security.district.invalidXml', { file: basename(path) }) });
  const fc = kml(doc as unknown as Document) as FeatureCollection;
  // KML is WGS84 by definition; strip altitudes, keep names and ExtendedData as properties.
  const r = toWgs84(path, { type: 'FeatureCollection', features: fc.features, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } });
  const features = r.features.map((f) => ({ ...f, properties: Object.fromEntries(Object.entries(f.properties ?? {}).filter(([k]) => !k.startsWith('styleUrl') && k !== 'styleHash' && k !== 'styleMapHash' && k !== 'fill' && k !== 'fill-opacity' && k !== 'stroke' && k !== 'stroke-opacity' && k !== 'stroke-width')) }));
  return { path, format, features, fields: collectFields(features), crs: 'EPSG:4326', crsSource: 'kml', skipped: r.skipped, warnings: [] };
}

function readKml(path: string, text: string): DistrictFile {
  return parseKmlText(path, text, 'kml');
}

async function readKmz(path: string, buf: Buffer): Promise<DistrictFile> {
  const entries = await readZipBuffer(buf, DISTRICT_ZIP_LIMITS);
  const doc = entries.find((e) => /(^|\/)doc\.kml$/i.test(e.name)) ?? entries.find((e) => /\.kml$/i.test(e.name));
  if (!doc) throw new DistrictFileError(path, 'the KMZ holds no .kml document', { msg: msg('security.district.noKml', { file: basename(path) }) });
  return parseKmlText(path, doc.read().toString('utf8').replace(/^\uFEFF/, ''), 'kmz');
}

// ---------------------------------------------------------------- to districts

export interface FieldMapping {
  nameField: string;
  officerField?: string | null;
  unitField?: string | null;
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/**
 * Turn WGS84 features into district drafts with the user's column choice. Missing names become '' (validation
 * reports them); numbers are stringified. Throws when nameField exists in no feature.
 */
export function toDistricts(features: readonly Feature<DistrictGeometry>[], mapping: FieldMapping): DistrictDraft[] {
  const { nameField, officerField, unitField } = mapping;
  if (features.length > 0 && !features.some((f) => f.properties && nameField in f.properties)) {
    throw new Error(`name field "${nameField}" is not present in the file (fields: ${collectFields(features as Feature[]).join(', ')})`);
  }
  return features.map((f) => {
    const p = f.properties ?? {};
    return {
      name: text(p[nameField]) ?? '',
      officer: officerField ? text(p[officerField]) : null,
      unit: unitField ? text(p[unitField]) : null,
      geometry: f.geometry,
      properties: { ...p },
    };
  });
}

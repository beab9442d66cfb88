/**
 * District file readers (Node): GeoJSON (WGS84 or EPSG:2180), zipped Shapefile (.zip with .shp/.dbf/.prj[/.cpg]),
 * bare .shp with sibling files, KML and KMZ. Output features are WGS84 Polygon/MultiPolygon.
 *
 *   const file = await readDistrictFile('/path/rejony.zip');   // file.fields -> let the user pick columns
 *   const drafts = toDistricts(file.features, { nameField: 'NAZWA', officerField: 'DZIELNICOWY' });
 *   const report = validateDistricts(drafts);                   // src/core/districts
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { parseDbf, parseShp } from 'shpjs';
import { featureCollectionToWgs84 } from '../../../core/districts/project';
import type { DistrictDraft, DistrictGeometry } from '../../../core/districts/types';
import { readZip, type ZipEntry } from './zip';

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

class DistrictFileError extends Error {
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(`Cannot read district file ${basename(path)}: ${message}`, options);
    this.name = 'DistrictFileError';
  }
}

export async function readDistrictFile(path: string): Promise<DistrictFile> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw new DistrictFileError(path, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message, { cause: e });
  }
  const ext = extname(path).toLowerCase();
  try {
    let result: DistrictFile;
    if (ext === '.zip' || (ext !== '.kmz' && isZip(buf))) result = await readShapefileZip(path, buf);
    else if (ext === '.kmz') result = readKmz(path, buf);
    else if (ext === '.shp') result = await readShapefileSiblings(path, buf);
    else if (ext === '.kml' || looksLikeXml(buf)) result = readKml(path, decodeText(buf));
    else result = readGeoJson(path, decodeText(buf));
    if (result.features.length === 0) throw new Error(result.skipped.length > 0 ? `no polygon features (${result.skipped.length} other features skipped: ${result.skipped[0].reason})` : 'no polygon features');
    return result;
  } catch (e) {
    if (e instanceof DistrictFileError) throw e;
    throw new DistrictFileError(path, (e as Error).message, { cause: e });
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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DistrictFileError(path, `not valid JSON (${(e as Error).message})`);
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
  else throw new DistrictFileError(path, 'not a GeoJSON FeatureCollection, Feature or geometry');
  const r = featureCollectionToWgs84(fc);
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
        throw new Error(`cannot use the .prj coordinate system (${projcsName(prj)}): ${(e as Error).message}`);
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
  const r = featureCollectionToWgs84(fc);
  if (needsDetection) { crs = r.crs; crsSource = r.detection.source; }
  return { path, format: 'shapefile', features: r.features, fields: collectFields(r.features), crs, crsSource, skipped: r.skipped, warnings };
}

async function readShapefileZip(path: string, buf: Buffer): Promise<DistrictFile> {
  const entries = readZip(buf, basename(path)).filter((e) => !e.name.includes('__MACOSX') && !e.name.endsWith('/'));
  const shps = entries.filter((e) => /\.shp$/i.test(e.name));
  if (shps.length === 0) throw new Error(`the ZIP holds no .shp file (found: ${entries.map((e) => e.name).join(', ') || 'nothing'})`);
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
  const tryRead = async (ext: string): Promise<Buffer | undefined> => {
    for (const e of [ext, ext.toUpperCase()]) {
      try { return await readFile(`${base}.${e}`); } catch { /* next */ }
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
  if (errors.length > 0 || !doc.documentElement) throw new Error(`not valid KML/XML (${errors[0] ?? 'no root element'})`);
  const fc = kml(doc as unknown as Document) as FeatureCollection;
  // KML is WGS84 by definition; strip altitudes, keep names and ExtendedData as properties.
  const r = featureCollectionToWgs84({ type: 'FeatureCollection', features: fc.features, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } });
  const features = r.features.map((f) => ({ ...f, properties: Object.fromEntries(Object.entries(f.properties ?? {}).filter(([k]) => !k.startsWith('styleUrl') && k !== 'styleHash' && k !== 'styleMapHash' && k !== 'fill' && k !== 'fill-opacity' && k !== 'stroke' && k !== 'stroke-opacity' && k !== 'stroke-width')) }));
  return { path, format, features, fields: collectFields(features), crs: 'EPSG:4326', crsSource: 'kml', skipped: r.skipped, warnings: [] };
}

function readKml(path: string, text: string): DistrictFile {
  return parseKmlText(path, text, 'kml');
}

function readKmz(path: string, buf: Buffer): DistrictFile {
  const entries = readZip(buf, basename(path));
  const doc = entries.find((e) => /(^|\/)doc\.kml$/i.test(e.name)) ?? entries.find((e) => /\.kml$/i.test(e.name));
  if (!doc) throw new Error('the KMZ holds no .kml document');
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

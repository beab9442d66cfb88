/**
 * CRS detection and conversion for district geometries. GeoJSON coordinates are WGS84 lon/lat by spec,
 * but Polish GIS exports often carry EPSG:2180 (PUWG 1992) metres, with or without a `crs` member.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { detectCoordinateKind, fromPuwg92, toPuwg92, type CoordinateKind } from '../domain/crs';
import type { DistrictCrs, DistrictGeometry } from './types';

/** Map every position of a polygonal geometry (2D; extra ordinates such as altitude are dropped). */
export function mapGeometry<G extends DistrictGeometry>(g: G, f: (x: number, y: number) => [number, number]): G {
  const ring = (r: Position[]): Position[] => r.map((p) => f(p[0], p[1]));
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ring) } as G;
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) } as G;
}

/** WGS84 geometry -> EPSG:2180 metres (easting, northing). */
export function geometryToPuwg92<G extends DistrictGeometry>(g: G): G {
  return mapGeometry(g, toPuwg92);
}

/** EPSG:2180 geometry -> WGS84 lon/lat. */
export function geometryFromPuwg92<G extends DistrictGeometry>(g: G): G {
  return mapGeometry(g, fromPuwg92);
}

/** Iterate over all positions of any GeoJSON geometry. */
export function eachPosition(g: Geometry | null | undefined, f: (p: Position) => void): void {
  if (!g) return;
  switch (g.type) {
    case 'Point': f(g.coordinates); break;
    case 'MultiPoint': case 'LineString': g.coordinates.forEach(f); break;
    case 'MultiLineString': case 'Polygon': g.coordinates.forEach((r) => r.forEach(f)); break;
    case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((r) => r.forEach(f))); break;
    case 'GeometryCollection': g.geometries.forEach((x) => eachPosition(x, f)); break;
  }
}

/** Read a GeoJSON `crs` member (old GeoJSON 2008 style); undefined when absent or unknown. */
export function crsFromMember(crs: unknown): DistrictCrs | undefined {
  const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return undefined;
  const s = name.toUpperCase();
  if (/(EPSG)?[:]{1,2}2180$/.test(s) || s.endsWith('EPSG::2180')) return 'EPSG:2180';
  if (s.includes('CRS84') || /EPSG[:]{1,2}4326$/.test(s)) return 'EPSG:4326';
  return undefined;
}

export interface CrsDetection {
  crs: DistrictCrs;
  /** Axis order of the input: true when positions are (northing, easting) or (lat, lon). */
  swapped: boolean;
  /** How the decision was made. */
  source: 'crs-member' | 'range' | 'assumed';
  kind: CoordinateKind;
}

/**
 * Decide the CRS of a set of positions by range (DOMAIN.md §4): WGS84 within Poland, EPSG:2180 within Poland's
 * metric bounds, either possibly with swapped axes. Majority vote over up to `maxSamples` evenly spaced vertices.
 * Positions that are plausible lon/lat anywhere on Earth (but not in Poland) are taken as WGS84 ('assumed').
 * Throws when the coordinates fit neither system.
 */
export function detectPositionsCrs(positions: Position[], maxSamples = 2000): CrsDetection {
  const step = Math.max(1, Math.floor(positions.length / maxSamples));
  const samples: [number, number][] = [];
  for (let i = 0; i < positions.length; i += step) samples.push([positions[i][0], positions[i][1]]);
  const kind = detectCoordinateKind(samples);
  switch (kind) {
    case 'wgs84': return { crs: 'EPSG:4326', swapped: false, source: 'range', kind };
    case 'wgs84-swapped': return { crs: 'EPSG:4326', swapped: true, source: 'range', kind };
    case 'puwg92': case 'puwg92-ambiguous': return { crs: 'EPSG:2180', swapped: false, source: 'range', kind };
    case 'puwg92-swapped': return { crs: 'EPSG:2180', swapped: true, source: 'range', kind };
    default: break;
  }
  if (samples.length > 0 && samples.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90)) {
    return { crs: 'EPSG:4326', swapped: false, source: 'assumed', kind };
  }
  throw new Error('district coordinates are neither WGS84 lon/lat nor EPSG:2180 metres within Poland');
}

function isPolygonal(g: Geometry | null | undefined): g is Polygon | MultiPolygon {
  return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}

export interface Wgs84Collection {
  features: Feature<DistrictGeometry>[];
  crs: DistrictCrs;
  detection: CrsDetection;
  /** Features dropped because they are not polygonal (points, lines, empty), by input index. */
  skipped: { index: number; reason: string }[];
}

/**
 * Normalise a FeatureCollection of district polygons to WGS84. The CRS comes from the `crs` member when present
 * (EPSG:2180 / EPSG:4326 / CRS84), otherwise from coordinate ranges; swapped axes are fixed. GeometryCollections
 * made only of polygons (KML MultiGeometry) are merged into a MultiPolygon; other geometries are skipped with a reason.
 */
export function featureCollectionToWgs84(fc: FeatureCollection | { type: string; features: Feature[]; crs?: unknown }): Wgs84Collection {
  const skipped: { index: number; reason: string }[] = [];
  const kept: Feature<DistrictGeometry>[] = [];
  (fc.features ?? []).forEach((f, index) => {
    let g = f?.geometry as Geometry | null;
    if (g && g.type === 'GeometryCollection') {
      const polys = g.geometries.filter(isPolygonal);
      if (polys.length > 0 && polys.length === g.geometries.length) {
        g = { type: 'MultiPolygon', coordinates: polys.flatMap((p) => (p.type === 'Polygon' ? [p.coordinates] : p.coordinates)) };
      }
    }
    if (!isPolygonal(g)) {
      skipped.push({ index, reason: g ? `geometry type ${g.type} is not a polygon` : 'feature has no geometry' });
      return;
    }
    kept.push({ type: 'Feature', properties: f.properties ?? {}, geometry: g, ...(f.id !== undefined ? { id: f.id } : {}) });
  });
  const all: Position[] = [];
  for (const f of kept) eachPosition(f.geometry, (p) => all.push(p));
  let member = crsFromMember((fc as { crs?: unknown }).crs);
  if (member && all.length > 0) {
    // A member contradicted by the coordinates themselves (metres labelled CRS84, degrees labelled 2180) is ignored.
    const degrees = all.every((p) => Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);
    if ((member === 'EPSG:4326' && !degrees) || (member === 'EPSG:2180' && degrees)) member = undefined;
  }
  let detection: CrsDetection;
  if (member) {
    // Trust the member for the system, still check the axis order by range.
    let swapped = false;
    if (all.length > 0) {
      try {
        const d = detectPositionsCrs(all);
        swapped = d.crs === member && d.swapped;
      } catch { /* keep the member's word */ }
    }
    detection = { crs: member, swapped, source: 'crs-member', kind: member === 'EPSG:2180' ? (swapped ? 'puwg92-swapped' : 'puwg92') : (swapped ? 'wgs84-swapped' : 'wgs84') };
  } else if (all.length === 0) {
    detection = { crs: 'EPSG:4326', swapped: false, source: 'assumed', kind: 'unknown' };
  } else {
    detection = detectPositionsCrs(all);
  }
  const conv = converterFor(detection);
  const features = conv ? kept.map((f) => ({ ...f, geometry: mapGeometry(f.geometry, conv) })) : kept.map((f) => ({ ...f, geometry: mapGeometry(f.geometry, (x, y) => [x, y]) }));
  return { features, crs: detection.crs, detection, skipped };
}

function converterFor(d: CrsDetection): ((x: number, y: number) => [number, number]) | undefined {
  if (d.crs === 'EPSG:2180') return d.swapped ? (x, y) => fromPuwg92(y, x) : (x, y) => fromPuwg92(x, y);
  if (d.swapped) return (x, y) => [y, x];
  return undefined;
}

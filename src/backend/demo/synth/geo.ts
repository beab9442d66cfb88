import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { fromPuwg92, toPuwg92 } from '../../../core/domain/crs';
import { CITY_BEATS, CITY_UNIT, GMINY, STATIONS } from './places';
import type { Region } from './places';

export type Area = Polygon | MultiPolygon;

export const CITY_FEATURE = 'powiat Piotrków Trybunalski';
export const POWIAT_FEATURE = 'powiat piotrkowski';

export interface BuiltDistrict {
  name: string;
  kind: 'city' | 'rural';
  unit: string;
  officer: string;
  geometry: Area;
  /** Gminy served (rural station areas only). */
  gminy?: string[];
  bbox: [number, number, number, number];
}

export interface BuiltGmina {
  name: string;
  teryt: string;
  geometry: Area;
  bbox: [number, number, number, number];
}

export interface Geography {
  city: Polygon;
  powiat: Polygon;
  cityBbox: [number, number, number, number];
  powiatBbox: [number, number, number, number];
  districts: BuiltDistrict[];
  gminy: BuiltGmina[];
}

function featureByName(fc: FeatureCollection, name: string): Feature<Polygon | MultiPolygon> {
  const f = fc.features.find((x) => (x.properties as { nazwa?: string } | null)?.nazwa === name);
  if (!f || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) throw new Error(`boundary "${name}" not found in the boundaries file`);
  return f as Feature<Polygon | MultiPolygon>;
}

/** Largest polygon of an area (the simplified PRG features are single polygons; be tolerant anyway). */
function asPolygon(g: Area): Polygon {
  if (g.type === 'Polygon') return g;
  let best = g.coordinates[0];
  let bestArea = -1;
  for (const p of g.coordinates) {
    const a = turf.area({ type: 'Polygon', coordinates: p });
    if (a > bestArea) { best = p; bestArea = a; }
  }
  return { type: 'Polygon', coordinates: best };
}

/** Drop consecutive duplicate vertices (the PRG simplification leaves a few zero-length spikes). */
function cleanPolygon(p: Polygon): Polygon {
  return turf.cleanCoords(turf.polygon(p.coordinates)).geometry;
}

/**
 * Voronoi cells of `seeds` (lon/lat) computed in a locally isotropic plane (lon scaled by cos(lat)),
 * so cells look right on the map; returned in lon/lat.
 */
function voronoiCells(seeds: [number, number][], bbox: [number, number, number, number]): Polygon[] {
  const k = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const pad = 0.05;
  const pts = turf.featureCollection(seeds.map(([lon, lat], i) => turf.point([lon * k, lat], { i })));
  const vb: [number, number, number, number] = [(bbox[0] - pad) * k, bbox[1] - pad, (bbox[2] + pad) * k, bbox[3] + pad];
  const cells = turf.voronoi(pts, { bbox: vb });
  const out: Polygon[] = [];
  cells.features.forEach((cell, i) => {
    if (!cell) throw new Error(`Voronoi cell ${i} is empty (duplicate seed?)`);
    out[(cell.properties as { i: number }).i ?? i] = {
      type: 'Polygon',
      coordinates: cell.geometry.coordinates.map((ring) => ring.map(([x, y]) => [x / k, y] as Position)),
    };
  });
  return out;
}

function intersect(a: Area, b: Area): Area | null {
  const r = turf.intersect(turf.featureCollection([turf.feature(a), turf.feature(b)]));
  return r ? (r.geometry as Area) : null;
}

function union(parts: Area[]): Area {
  if (parts.length === 1) return parts[0];
  const r = turf.union(turf.featureCollection(parts.map((p) => turf.feature(p))));
  if (!r) throw new Error('empty union');
  return r.geometry as Area;
}

function bboxOf(g: Area): [number, number, number, number] {
  const b = turf.bbox(g);
  return [b[0], b[1], b[2], b[3]];
}

/**
 * Build the demo geography from the PRG powiaty FeatureCollection: ~12 city beats (Voronoi of beat seeds
 * clipped to the city) and rural station areas (Voronoi of the 11 gmina seats clipped to powiat
 * piotrkowski, which already has the city as a hole, then merged per station).
 */
export function buildGeography(powiaty: FeatureCollection): Geography {
  const city = cleanPolygon(asPolygon(featureByName(powiaty, CITY_FEATURE).geometry));
  const powiat = cleanPolygon(asPolygon(featureByName(powiaty, POWIAT_FEATURE).geometry));
  const cityBbox = bboxOf(city);
  const powiatBbox = bboxOf(powiat);

  const districts: BuiltDistrict[] = [];
  const beatCells = voronoiCells(CITY_BEATS.map((b) => [b.lon, b.lat]), cityBbox);
  CITY_BEATS.forEach((b, i) => {
    const g = intersect(beatCells[i], city);
    if (!g) throw new Error(`beat ${b.name} lies outside the city`);
    districts.push({ name: b.name, kind: 'city', unit: CITY_UNIT, officer: b.officer, geometry: g, bbox: bboxOf(g) });
  });

  const gminaCells = voronoiCells(GMINY.map((g) => [g.lon, g.lat]), powiatBbox);
  const gminy: BuiltGmina[] = GMINY.map((g, i) => {
    const geom = intersect(gminaCells[i], powiat);
    if (!geom) throw new Error(`gmina ${g.name} lies outside the powiat`);
    return { name: g.name, teryt: g.teryt, geometry: geom, bbox: bboxOf(geom) };
  });
  for (const s of STATIONS) {
    const served = GMINY.map((g, i) => [g, gminy[i]] as const).filter(([g]) => g.station === s.name);
    if (served.length === 0) throw new Error(`station ${s.name} serves no gmina`);
    const geom = union(served.map(([, b]) => b.geometry));
    districts.push({
      name: s.name, kind: 'rural', unit: s.name, officer: s.officer, geometry: geom,
      gminy: served.map(([g]) => g.name), bbox: bboxOf(geom),
    });
  }
  // Clipping adds vertices where beat edges meet the city boundary; the rural areas keep that boundary
  // as long straight edges. Insert those vertices into the rural rings too, so neighbours share exactly
  // the same vertex chain (no degenerate slivers when the tiling is checked for overlaps).
  // The same holds the other way round (rural Voronoi edges meeting the city boundary), so every
  // district gets every other district's vertices that lie on its edges.
  const allVertices: Position[] = [];
  for (const d of districts) forEachRing(d.geometry, (ring) => allVertices.push(...ring));
  for (const d of districts) d.geometry = insertVertices(d.geometry, allVertices);
  return { city, powiat, cityBbox, powiatBbox, districts, gminy };
}

function forEachRing(g: Area, fn: (ring: Position[]) => void): void {
  if (g.type === 'Polygon') g.coordinates.forEach(fn);
  else g.coordinates.forEach((p) => p.forEach(fn));
}

/** Insert every point lying on an edge of `g` (within ~0.1 mm) into that edge, in order. */
function insertVertices(g: Area, points: Position[]): Area {
  const EPS = 1e-9;
  const fixRing = (ring: Position[]): Position[] => {
    const out: Position[] = [ring[0]];
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1];
      const [bx, by] = ring[i];
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const onEdge: [number, Position][] = [];
      if (len2 > 0) {
        for (const p of points) {
          if (p[0] < Math.min(ax, bx) - EPS || p[0] > Math.max(ax, bx) + EPS || p[1] < Math.min(ay, by) - EPS || p[1] > Math.max(ay, by) + EPS) continue;
          const t = ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2;
          if (t <= 1e-12 || t >= 1 - 1e-12) continue;
          const dist = Math.abs((p[0] - ax) * dy - (p[1] - ay) * dx) / Math.sqrt(len2);
          if (dist < EPS && !onEdge.some(([, q]) => q[0] === p[0] && q[1] === p[1])) onEdge.push([t, p]);
        }
      }
      onEdge.sort((u, v) => u[0] - v[0]);
      for (const [, p] of onEdge) out.push([p[0], p[1]]);
      out.push(ring[i]);
    }
    return out;
  };
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(fixRing) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(fixRing)) };
}

function inBbox(b: [number, number, number, number], lon: number, lat: number): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

export function inArea(g: Area, bbox: [number, number, number, number], lon: number, lat: number): boolean {
  return inBbox(bbox, lon, lat) && turf.booleanPointInPolygon([lon, lat], g, { ignoreBoundary: true });
}

/** Region of a point, or null when it is outside both the city and the powiat. */
export function regionOf(geo: Geography, lon: number, lat: number): Region | null {
  if (inArea(geo.city, geo.cityBbox, lon, lat)) return 'city';
  if (inArea(geo.powiat, geo.powiatBbox, lon, lat)) return 'rural';
  return null;
}

/** Index of the single district containing the point; -1 when none or more than one (boundary). */
export function districtIndexOf(geo: Geography, lon: number, lat: number): number {
  let found = -1;
  for (let i = 0; i < geo.districts.length; i++) {
    const d = geo.districts[i];
    if (inArea(d.geometry, d.bbox, lon, lat)) {
      if (found >= 0) return -1;
      found = i;
    }
  }
  return found;
}

export function gminaOf(geo: Geography, lon: number, lat: number): BuiltGmina | null {
  for (const g of geo.gminy) if (inArea(g.geometry, g.bbox, lon, lat)) return g;
  return null;
}

/** Polyline prepared for uniform sampling by length in EPSG:2180 metres. */
export interface MetricLine {
  xy: [number, number][];
  cum: number[];
  length: number;
}

export function metricLine(coords: [number, number][]): MetricLine {
  const xy = coords.map(([lon, lat]) => toPuwg92(lon, lat));
  const cum = [0];
  for (let i = 1; i < xy.length; i++) cum.push(cum[i - 1] + Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]));
  return { xy, cum, length: cum[cum.length - 1] };
}

/** Point at distance `s` metres along the line, as EPSG:2180 [x, y]. */
export function pointAlong(line: MetricLine, s: number): [number, number] {
  let i = 1;
  while (i < line.cum.length - 1 && line.cum[i] < s) i++;
  const seg = line.cum[i] - line.cum[i - 1] || 1;
  const t = Math.min(1, Math.max(0, (s - line.cum[i - 1]) / seg));
  const [x0, y0] = line.xy[i - 1];
  const [x1, y1] = line.xy[i];
  return [x0 + (x1 - x0) * t, y0 + (y1 - y0) * t];
}

export { fromPuwg92, toPuwg92 };

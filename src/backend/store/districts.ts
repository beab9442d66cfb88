import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Db } from './workspace';

export interface DistrictInput {
  name: string;
  kind?: string;
  unit?: string | null;
  officer?: string | null;
  geometry: Polygon | MultiPolygon;
}

export interface DistrictRow {
  id: number;
  name: string;
  kind: string;
  unit: string | null;
  officer: string | null;
  geometry: Polygon | MultiPolygon;
  areaM2: number;
  bbox: [number, number, number, number];
}

export function insertDistrict(db: Db, d: DistrictInput): number {
  const area = turf.area(d.geometry);
  const [minLon, minLat, maxLon, maxLat] = turf.bbox(d.geometry);
  const info = db
    .prepare(
      `INSERT INTO districts(name, kind, unit, officer, geometry_json, area_m2, min_lon, min_lat, max_lon, max_lat, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(d.name, d.kind ?? 'city', d.unit ?? null, d.officer ?? null, JSON.stringify(d.geometry), area, minLon, minLat, maxLon, maxLat, Date.now());
  return Number(info.lastInsertRowid);
}

export function listDistrictRows(db: Db): DistrictRow[] {
  const rows = db
    .prepare('SELECT id, name, kind, unit, officer, geometry_json, area_m2, min_lon, min_lat, max_lon, max_lat FROM districts ORDER BY id')
    .all() as {
    id: number; name: string; kind: string; unit: string | null; officer: string | null; geometry_json: string; area_m2: number;
    min_lon: number; min_lat: number; max_lon: number; max_lat: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    unit: r.unit,
    officer: r.officer,
    geometry: JSON.parse(r.geometry_json) as Polygon | MultiPolygon,
    areaM2: r.area_m2,
    bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
  }));
}

export function districtReportCounts(db: Db): Map<number, number> {
  const rows = db.prepare('SELECT district_id AS id, count(*) AS n FROM reports WHERE district_id IS NOT NULL GROUP BY district_id').all() as {
    id: number; n: number;
  }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

export function districtsToGeoJson(rows: DistrictRow[], counts: Map<number, number>): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: rows.map(
      (r): Feature => ({
        type: 'Feature',
        id: r.id,
        geometry: r.geometry,
        properties: { id: r.id, name: r.name, kind: r.kind, unit: r.unit, officer: r.officer, areaKm2: r.areaM2 / 1e6, reportCount: counts.get(r.id) ?? 0 },
      }),
    ),
  };
}

export function districtCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM districts').get() as { n: number }).n;
}

/** A label position inside the polygon (centre of mass when it falls inside, else a point on the surface). */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const c = turf.centerOfMass(geometry).geometry.coordinates as [number, number];
  if (turf.booleanPointInPolygon(c, geometry)) return c;
  return turf.pointOnFeature(geometry).geometry.coordinates as [number, number];
}

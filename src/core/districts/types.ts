import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Polygonal geometry of a beat district ("rejon dzielnicowego"), WGS84 lon/lat unless stated otherwise. */
export type DistrictGeometry = Polygon | MultiPolygon;

/** A district as imported or drawn, before it gets a store id. */
export interface DistrictDraft {
  name: string;
  officer: string | null;
  unit: string | null;
  geometry: DistrictGeometry;
  /** All source attributes, kept for display. */
  properties: Record<string, unknown>;
}

/** Minimal shape the engine needs: a stable integer id (store row id, >= 0) and a WGS84 geometry. */
export interface DistrictShape {
  id: number;
  geometry: DistrictGeometry;
}

export type LonLat = [number, number];
export type { Position };

/** Coordinate reference systems the district engine understands. */
export type DistrictCrs = 'EPSG:4326' | 'EPSG:2180';

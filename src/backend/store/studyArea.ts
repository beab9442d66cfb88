/**
 * The study area A of rates per km² and of PAI = (n/N)/(a/A): the command's territory when the workspace has one,
 * else the union of its beats, else none. Never a bounding box of the reports (that would move with the data and
 * make rates of two periods incomparable). One place for every caller: per-beat statistics ("whole command" row),
 * briefings, hotspot validation (analysis 'quality').
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { areaM2, polygonsOf } from '../../core/districts/geometry';
import { geometryToPuwg92 } from '../../core/districts/project';
import { beatsUnion, getTerritory } from './territory';
import type { Db } from './workspace';

export interface StudyArea {
  /** Where the area comes from. */
  source: 'territory' | 'beats';
  /** EPSG:2180 planar area, m². */
  areaM2: number;
  /** The polygons (WGS84). */
  geometry: Polygon | MultiPolygon;
}

/** The study area (territory, else union of beats), or null when the workspace has neither. */
export function studyArea(db: Db): StudyArea | null {
  const parts = getTerritory(db);
  if (parts.length > 0) {
    const polys = parts.flatMap((p) => polygonsOf(p.geometry));
    return { source: 'territory', areaM2: parts.reduce((s, p) => s + p.areaM2, 0), geometry: { type: 'MultiPolygon', coordinates: polys } };
  }
  const u = beatsUnion(db);
  return u ? { source: 'beats', areaM2: areaM2(u), geometry: u } : null;
}

/** Area of the study area in m² (territory, else union of beats), or null without either. */
export function studyAreaM2(db: Db): number | null {
  return studyArea(db)?.areaM2 ?? null;
}

/** The study area as EPSG:2180 polygons (rings of [x, y] metres), the shape `optimizedHotSpots({studyArea})` takes. */
export function studyAreaPolygons2180(db: Db): number[][][][] | null {
  const a = studyArea(db);
  if (!a) return null;
  return polygonsOf(geometryToPuwg92(a.geometry)) as number[][][][];
}

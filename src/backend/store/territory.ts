/**
 * The command's territory (issue 12): the area the workspace covers, as one or more named parts
 * (PRG powiaty chosen at creation, the union of the imported beats, a file, or drawn). It decides the
 * coordinate order of ambiguous files, flags reports outside it, and is the study area of rates and PAI.
 * Stored in the `territory` table (migration 5), one row per part, WGS84.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { areaM2, bboxOf } from '../../core/districts/geometry';
import { findPowiat, powiatFeatures, type PowiatFeature } from '../../core/territory/powiaty';
import { readResourceJson } from '../resources';
import type { Db } from './workspace';

export type TerritorySource = 'powiat' | 'beats' | 'file' | 'drawn';

export interface TerritoryPart {
  name: string;
  source: TerritorySource;
  geometry: Polygon | MultiPolygon;
  areaM2: number;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
}

export function getTerritory(db: Db): TerritoryPart[] {
  const rows = db.prepare('SELECT name, source, geometry_json, area_m2, min_lon, min_lat, max_lon, max_lat FROM territory ORDER BY id').all() as {
    name: string; source: TerritorySource; geometry_json: string; area_m2: number; min_lon: number; min_lat: number; max_lon: number; max_lat: number;
  }[];
  return rows.map((r) => ({
    name: r.name, source: r.source, geometry: JSON.parse(r.geometry_json) as Polygon | MultiPolygon, areaM2: r.area_m2,
    bbox: [r.min_lon, r.min_lat, r.max_lon, r.max_lat],
  }));
}

export function territoryAreaM2(db: Db): number | null {
  const row = db.prepare('SELECT count(*) AS n, sum(area_m2) AS a FROM territory').get() as { n: number; a: number | null };
  return row.n > 0 ? row.a : null;
}

/** Replace the territory with these parts (call inside the caller's transaction when it re-flags reports). */
export function setTerritory(db: Db, parts: readonly { name: string; source: TerritorySource; geometry: Polygon | MultiPolygon }[]): TerritoryPart[] {
  const ins = db.prepare('INSERT INTO territory(name, source, geometry_json, area_m2, min_lon, min_lat, max_lon, max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const run = db.transaction(() => {
    db.prepare('DELETE FROM territory').run();
    for (const p of parts) {
      const bb = bboxOf(p.geometry);
      ins.run(p.name, p.source, JSON.stringify(p.geometry), areaM2(p.geometry), bb[0], bb[1], bb[2], bb[3]);
    }
  });
  run();
  return getTerritory(db);
}

let powiatyCache: PowiatFeature[] | null = null;
/** The bundled PRG powiaty (simplified; see resources/boundaries/PROVENANCE.md). */
export function bundledPowiaty(): PowiatFeature[] {
  powiatyCache ??= powiatFeatures(readResourceJson('boundaries', 'powiaty-min.geojson'));
  return powiatyCache;
}

export class UnknownPowiatError extends Error {
  constructor(
    readonly given: string,
    readonly closest: string[],
  ) {
    super(`"${given}" is not a powiat name; closest: ${closest.join(', ')}`);
    this.name = 'UnknownPowiatError';
  }
}

/** Territory parts for powiat names; throws UnknownPowiatError (with the closest names) for an unknown one. */
export function powiatParts(names: readonly string[]): { name: string; source: 'powiat'; geometry: Polygon | MultiPolygon }[] {
  const all = bundledPowiaty();
  return names.map((n) => {
    const r = findPowiat(all, n);
    if (!r.ok) throw new UnknownPowiatError(n, r.closest);
    return { name: r.powiat.name, source: 'powiat' as const, geometry: r.powiat.geometry };
  });
}

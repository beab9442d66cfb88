/**
 * The command's territory (issue 12): the area the workspace covers, as one or more named parts
 * (PRG powiaty chosen at creation, the union of the imported beats, a file, or drawn). It decides the
 * coordinate order of ambiguous files, flags reports outside it, and is the study area of rates and PAI.
 * Stored in the `territory` table (migration 5), one row per part, WGS84.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { areaM2, bboxOf } from '../../core/districts/geometry';
import { mergeGeometries } from '../../core/districts/edit';
import { findPowiat, powiatFeatures, type PowiatFeature } from '../../core/territory/powiaty';
import { buildTerritoryIndex, type TerritoryIndex } from '../../core/territory/area';
import { readResourceJson } from '../resources';
import { listDistrictRows } from './districts';
import { buildVoivodeshipIndex, type PolygonFeatureCollection } from '../../core/import/voivodeships';
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

export type TerritoryPartInput = { name: string; source: TerritorySource; geometry: Polygon | MultiPolygon };

/**
 * Replace the territory with these parts (none = no territory) and re-flag every report
 * (`reports.outside_territory`) in the same transaction. Returns the stored parts and how many reports lie
 * outside the new territory.
 */
export function replaceTerritory(db: Db, parts: readonly TerritoryPartInput[]): { parts: TerritoryPart[]; outside: number } {
  const ins = db.prepare('INSERT INTO territory(name, source, geometry_json, area_m2, min_lon, min_lat, max_lon, max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const run = db.transaction(() => {
    db.prepare('DELETE FROM territory').run();
    for (const p of parts) {
      const bb = bboxOf(p.geometry);
      ins.run(p.name, p.source, JSON.stringify(p.geometry), areaM2(p.geometry), bb[0], bb[1], bb[2], bb[3]);
    }
    return reflagReports(db);
  });
  const r = run();
  return { parts: getTerritory(db), outside: r.outside };
}

/** Replace the territory with these parts; every report is re-flagged in the same transaction. */
export function setTerritory(db: Db, parts: readonly TerritoryPartInput[]): TerritoryPart[] {
  return replaceTerritory(db, parts).parts;
}

/** The territory's point test (null when the workspace has none). */
export function territoryIndexOf(db: Db): TerritoryIndex | null {
  const parts = getTerritory(db);
  return parts.length ? buildTerritoryIndex(parts) : null;
}

/**
 * Set `reports.outside_territory` of every report from the current territory (all 0 without one). Runs inside the
 * caller's transaction when there is one. Reads the positions as typed arrays and writes only the rows that change.
 */
export function reflagReports(db: Db): { outside: number; changed: number } {
  const index = territoryIndexOf(db);
  const run = db.transaction(() => {
    if (!index) {
      const changed = db.prepare('UPDATE reports SET outside_territory = 0 WHERE outside_territory <> 0').run().changes;
      return { outside: 0, changed };
    }
    const n = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    const ids = new Int32Array(n), lon = new Float64Array(n), lat = new Float64Array(n), x = new Float64Array(n), y = new Float64Array(n);
    const cur = new Uint8Array(n);
    let i = 0;
    for (const r of db.prepare('SELECT id, lon, lat, x2180, y2180, outside_territory FROM reports').raw(true).iterate() as IterableIterator<[number, number, number, number, number, number]>) {
      if (i >= n) break;
      ids[i] = r[0]; lon[i] = r[1]; lat[i] = r[2]; x[i] = r[3]; y[i] = r[4]; cur[i] = r[5] ? 1 : 0;
      i++;
    }
    const next = index.outsideMask(lon, lat, x, y);
    const upd = db.prepare('UPDATE reports SET outside_territory = ? WHERE id = ?');
    let outside = 0, changed = 0;
    for (let k = 0; k < i; k++) {
      if (next[k]) outside++;
      if (next[k] !== cur[k]) {
        upd.run(next[k], ids[k]);
        changed++;
      }
    }
    return { outside, changed };
  });
  return run();
}

/** Reports flagged outside the territory. */
export function outsideTerritoryCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM reports WHERE outside_territory = 1').get() as { n: number }).n;
}

/** Name stored for a territory taken from the beats (the UI shows its own label for source 'beats'). */
export const BEATS_TERRITORY_NAME = 'rejony (suma)';

/** The union of the workspace's beat polygons as one territory part, or null without beats. */
export function beatsUnion(db: Db): Polygon | MultiPolygon | null {
  const rows = listDistrictRows(db);
  if (rows.length === 0) return null;
  return mergeGeometries(rows.map((r) => r.geometry)).geometry;
}

let powiatyCache: PowiatFeature[] | null = null;
/** The bundled PRG powiaty (simplified; see resources/boundaries/PROVENANCE.md). */
export function bundledPowiaty(): PowiatFeature[] {
  powiatyCache ??= powiatFeatures(
    readResourceJson('boundaries', 'powiaty-min.geojson'),
    buildVoivodeshipIndex(readResourceJson<PolygonFeatureCollection>('boundaries', 'wojewodztwa-min.geojson')),
  );
  return powiatyCache;
}

export class UnknownPowiatError extends Error {
  constructor(
    readonly given: string,
    readonly closest: string[],
    /** The name is shared by several powiaty (`closest` are those, with their voivodeships). */
    readonly ambiguous = false,
  ) {
    super(ambiguous ? `"${given}" names ${closest.length} powiaty: ${closest.join(', ')}` : `"${given}" is not a powiat name; closest: ${closest.join(', ')}`);
    this.name = 'UnknownPowiatError';
  }
}

/** Territory parts for powiat names; throws UnknownPowiatError (with the closest names) for an unknown one. */
export function powiatParts(names: readonly string[]): { name: string; source: 'powiat'; geometry: Polygon | MultiPolygon }[] {
  const all = bundledPowiaty();
  return names.map((n) => {
    const r = findPowiat(all, n);
    if (!r.ok) throw new UnknownPowiatError(n, r.closest, r.ambiguous);
    return { name: r.powiat.name, source: 'powiat' as const, geometry: r.powiat.geometry };
  });
}

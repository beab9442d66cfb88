/**
 * Where a point is, in words a patrol understands: the nearest named place or street of the workspace (`places`
 * table and imported street centrelines, src/backend/places/nearest.ts), else the beat that contains it, else its coordinates. The ONE place where analysis
 * results get their names (the map, the CLI and briefings call it); imported streets and places plug in here.
 *
 * Rule (distances in EPSG:2180 metres):
 * - a named place within AT_M (150 m): its name ("Rynek Trybunalski");
 * - else within NEAR_M (1,500 m): its name and the distance rounded to 50 m below 1 km, to 0.1 km above
 *   ("Rynek Trybunalski (ok. 300 m)");
 * - else the beat containing the point ("rejon: Rejon 3 – Dworzec");
 * - else "51.4053° N, 19.7030° E".
 * The text is a message code with parameters (src/shared/i18n/catalog/hotspots.ts), translated by front ends.
 */
import { buildDistrictIndex, locate, type DistrictIndex } from '../../core/districts';
import { toPuwg92 } from '../../core/domain/crs';
import { msg, type Msg } from '../../core/message';
import { listDistrictRows } from '../store/districts';
import { nearestNamedPlace } from '../places/nearest';
import type { Db } from '../store/workspace';

export const AT_M = 150;
export const NEAR_M = 1500;

export interface PlaceName {
  /** Nearest named place within NEAR_M, else null. */
  name: string | null;
  kind: string | null;
  /** Distance to that place, metres (rounded to 1 m), else null. */
  distanceM: number | null;
  /** Beat (district) containing the point, else null. */
  beat: string | null;
  beatId: number | null;
  /** How to say it (hotspots.place.*). */
  label: Msg;
}

interface Gazetteer {
  db: Db;
  districts: { index: DistrictIndex; names: Map<number, string> } | null;
}

function gazetteer(db: Db): Gazetteer {
  const rows = listDistrictRows(db);
  const districts = rows.length > 0
    ? { index: buildDistrictIndex(rows.map((r) => ({ id: r.id, geometry: r.geometry }))), names: new Map(rows.map((r) => [r.id, r.name])) }
    : null;
  return { db, districts };
}

/**
 * The nearest named place or street to an EPSG:2180 point, with its distance in metres; null when there is none
 * within NEAR_M. The ONE lookup behind every name: the workspace's places (demo and imported) and imported street
 * centrelines through src/backend/places/nearest.ts (cached spatial index; a street within 30 m wins, else the
 * nearer of the nearest street and place). `kind` is the place's own kind ('dworzec', …), else 'street' or 'place'.
 */
function nearestNamed(g: Gazetteer, x: number, y: number): { name: string; kind: string; d: number } | null {
  const hit = nearestNamedPlace(g.db, x, y, NEAR_M);
  if (!hit) return null;
  return { name: hit.name, kind: hit.placeKind ?? hit.kind, d: hit.distanceM };
}

function nameWith(g: Gazetteer, lon: number, lat: number): PlaceName {
  const [x, y] = toPuwg92(lon, lat);
  const best = nearestNamed(g, x, y);
  const beatId = g.districts ? locate(g.districts.index, lon, lat) : -1;
  const beat = beatId >= 0 ? (g.districts!.names.get(beatId) ?? null) : null;
  const base = { beat, beatId: beatId >= 0 ? beatId : null };
  if (best && best.d <= NEAR_M) {
    const distanceM = Math.round(best.d);
    const label = best.d <= AT_M
      ? msg('hotspots.place.at', { name: best.name })
      : best.d < 1000
        ? msg('hotspots.place.near', { name: best.name, distance: Math.max(50, Math.round(best.d / 50) * 50) })
        : msg('hotspots.place.nearKm', { name: best.name, distance: Math.round(best.d / 100) / 10 });
    return { name: best.name, kind: best.kind, distanceM, ...base, label };
  }
  if (beat) return { name: null, kind: null, distanceM: null, ...base, label: msg('hotspots.place.beat', { beat }) };
  return {
    name: null, kind: null, distanceM: null, ...base,
    label: msg('hotspots.place.coords', { lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 }),
  };
}

/** Name of a WGS84 point (module doc). */
export function namePlace(db: Db, lon: number, lat: number): PlaceName {
  return nameWith(gazetteer(db), lon, lat);
}

/** A namer bound to one read of the places and beats (briefings name their hotspots one by one). */
export function placeNamer(db: Db): (lon: number, lat: number) => PlaceName {
  const g = gazetteer(db);
  return (lon, lat) => nameWith(g, lon, lat);
}

/** Names for many points with one read of the places and beats. */
export function namePlaces(db: Db, points: readonly (readonly [number, number])[]): PlaceName[] {
  if (points.length === 0) return [];
  const g = gazetteer(db);
  return points.map(([lon, lat]) => nameWith(g, lon, lat));
}

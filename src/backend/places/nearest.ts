/**
 * The nearest named street or place of a WGS84 point in a workspace (issue 13, point 6). The index over the
 * workspace's streets and places (core/places/nearest) is built on first use and kept per open database; it is
 * rebuilt when the places or streets change: every call checks whether anything was written since (PRAGMA
 * data_version for other connections, total_changes() for this one) and then whether the places or streets differ
 * (counts and largest ids), so writes by any code path, e.g. the demo generator, are seen.
 *
 *   nearestNamed(db, 19.7030, 51.4053, 300)  // -> { name: 'Rynek Trybunalski', kind: 'place', distanceM: 2.1, … } | null
 *   describeNearest(result)                   // -> Msg 'places.where.place' {name} (src/shared/i18n/catalog/places.ts)
 */
import { fromPuwg92, toPuwg92 } from '../../core/domain/crs';
import { buildNamedIndex, nearestNamed as nearestInIndex, STREET_PREFERENCE_M, type NamedIndex, type NearestNamed } from '../../core/places/nearest';
import type { Db } from '../store/workspace';
import { blobToXy, placesSignature } from './store';

/** Default search distance (m) when the caller gives none. */
export const DEFAULT_MAX_M = 500;

const cache = new WeakMap<Db, { writes: string; signature: string; index: NamedIndex }>();

const stampStatements = new WeakMap<Db, { dataVersion: { get(): unknown }; changes: { get(): unknown } }>();

/** Changes when anything was written to the database, by this connection or another one (cheap: no table read). */
function writeStamp(db: Db): string {
  let st = stampStatements.get(db);
  if (!st) {
    st = { dataVersion: db.prepare('PRAGMA data_version').pluck(), changes: db.prepare('SELECT total_changes()').pluck() };
    stampStatements.set(db, st);
  }
  return `${st.dataVersion.get()}:${st.changes.get()}`;
}

/** The workspace's index of named streets and places (cached; rebuilt when they changed). */
export function namedIndexOf(db: Db): NamedIndex {
  const writes = writeStamp(db);
  const hit = cache.get(db);
  if (hit && hit.writes === writes) return hit.index;
  // something was written: rebuild only when the places or streets changed
  const signature = placesSignature(db);
  if (hit && hit.signature === signature) {
    hit.writes = writes;
    return hit.index;
  }
  const streets = (db.prepare('SELECT name, xy FROM streets ORDER BY id').raw(true).all() as [string, Buffer][]).map(([name, xy]) => ({ name, xy: blobToXy(xy) }));
  const places = (db.prepare('SELECT name, kind, lon, lat FROM places ORDER BY id').raw(true).all() as [string, string, number, number][]).map(([name, kind, lon, lat]) => {
    const [x, y] = toPuwg92(lon, lat);
    return { name, kind, x, y };
  });
  const index = buildNamedIndex(streets, places);
  cache.set(db, { writes, signature, index });
  return index;
}

/** Drop the cached index of a workspace (after an import or a clear; the signature check would also catch it). */
export function invalidateNamedIndex(db: Db): void {
  cache.delete(db);
}

export interface NearestNamedResult extends Omit<NearestNamed, 'x' | 'y'> {
  /** The nearest point of the street, or the place (WGS84 lon/lat). */
  lon: number;
  lat: number;
}

/**
 * The nearest named street or place of (lon, lat) within maxM metres: a street within 30 m wins, otherwise the
 * nearer of the nearest street and the nearest place. Null when nothing named lies within maxM.
 * Phrase it with `describeNearest` (core/places/nearest), which returns a message code.
 */
export function nearestNamed(db: Db, lon: number, lat: number, maxM: number = DEFAULT_MAX_M): NearestNamedResult | null {
  const [x, y] = toPuwg92(lon, lat);
  const r = nearestInIndex(namedIndexOf(db), x, y, maxM, STREET_PREFERENCE_M);
  if (!r) return null;
  const [plon, plat] = fromPuwg92(r.x, r.y);
  const { x: _x, y: _y, ...rest } = r;
  return { ...rest, lon: plon, lat: plat };
}

/** What `nearestNamedPlace` answers: plain data, no sentence (the caller phrases it). */
export interface NamedPlaceHit {
  /** The street's or the place's name as the data gives it ("Słowackiego", "ul. Sieradzka", "Rynek Trybunalski"). */
  name: string;
  /** 'street' (an imported street centreline) or 'place' (a named point: the demo's places or imported ones). */
  kind: 'street' | 'place';
  /** A place's own kind from its data (e.g. 'station', 'school'), null for streets and places without one. */
  placeKind: string | null;
  /** Planar distance in EPSG:2180 metres from the point to the street's nearest point or to the place. */
  distanceM: number;
}

/**
 * The nearest named street or place of a point given in EPSG:2180 (PUWG 1992) metres, over everything named in
 * the workspace: the `places` table (demo and imported places) and the imported `streets`. Same index and same
 * stated rule as `nearestNamed`: a street within STREET_PREFERENCE_M (30 m) wins (the point is on that street);
 * otherwise the nearer of the nearest street and the nearest place. Null when nothing named lies within maxM.
 * The index is cached per database and rebuilt when places or streets change, so calling this once per hotspot
 * is cheap (two tiny PRAGMA reads and an R-tree search).
 *
 *   nearestNamedPlace(db, 603_210, 388_450)        // -> { name: 'Słowackiego', kind: 'street', placeKind: null, distanceM: 12.4 }
 *   nearestNamedPlace(db, 603_210, 388_450, 100)   // -> null when nothing named lies within 100 m
 */
export function nearestNamedPlace(db: Db, x2180: number, y2180: number, maxM: number = DEFAULT_MAX_M): NamedPlaceHit | null {
  if (!Number.isFinite(x2180) || !Number.isFinite(y2180)) return null;
  const r = nearestInIndex(namedIndexOf(db), x2180, y2180, maxM, STREET_PREFERENCE_M);
  if (!r) return null;
  return { name: r.name, kind: r.kind, placeKind: r.placeKind ?? null, distanceM: r.distanceM };
}

/**
 * The nearest named street or place of a WGS84 point in a workspace (issue 13, point 6). The index over the
 * workspace's streets and places (core/places/nearest) is built on first use and kept per open database; it is
 * rebuilt when the places or streets change (checked with a cheap signature on every call, so writes by any code
 * path, e.g. the demo generator, are seen).
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

const cache = new WeakMap<Db, { signature: string; index: NamedIndex }>();

/** The workspace's index of named streets and places (cached; rebuilt when they changed). */
export function namedIndexOf(db: Db): NamedIndex {
  const signature = placesSignature(db);
  const hit = cache.get(db);
  if (hit && hit.signature === signature) return hit.index;
  const streets = (db.prepare('SELECT name, xy FROM streets ORDER BY id').raw(true).all() as [string, Buffer][]).map(([name, xy]) => ({ name, xy: blobToXy(xy) }));
  const places = (db.prepare('SELECT name, kind, lon, lat FROM places ORDER BY id').raw(true).all() as [string, string, number, number][]).map(([name, kind, lon, lat]) => {
    const [x, y] = toPuwg92(lon, lat);
    return { name, kind, x, y };
  });
  const index = buildNamedIndex(streets, places);
  cache.set(db, { signature, index });
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

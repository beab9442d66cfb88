/**
 * Finding PRG powiaty by name, tolerant of case, diacritics and the "powiat " prefix; suggestions for a
 * name that is not known. Pure: the caller passes the bundled FeatureCollection
 * (resources/boundaries/powiaty-min.geojson, properties {id, nazwa}).
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { foldText } from '../domain/text';

export interface PowiatFeature {
  name: string;
  geometry: Polygon | MultiPolygon;
}

function key(name: string): string {
  return foldText(name).replace(/^powiat\s+/, '').trim();
}

/** Levenshtein distance (small strings only). */
function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

export function powiatFeatures(fc: FeatureCollection): PowiatFeature[] {
  return fc.features
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => ({ name: String((f.properties as { nazwa?: string } | null)?.nazwa ?? ''), geometry: f.geometry as Polygon | MultiPolygon }));
}

export type PowiatLookup = { ok: true; powiat: PowiatFeature } | { ok: false; closest: string[] };

/**
 * The powiat called `name` ("powiat piotrkowski", "Piotrków Trybunalski", "piotrkowski"), or the five closest
 * names when there is no exact (folded) match. "powiat X" for a city county and "powiat Xski" are different
 * powiaty: both must be named to get the KMP Piotrków territory.
 */
export function findPowiat(all: readonly PowiatFeature[], name: string): PowiatLookup {
  const k = key(name);
  const hit = all.find((p) => key(p.name) === k);
  if (hit) return { ok: true, powiat: hit };
  const ranked = all
    .map((p) => ({ name: p.name, d: distance(k, key(p.name)) - (key(p.name).includes(k) && k.length >= 3 ? 100 : 0) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name, 'pl'));
  return { ok: false, closest: ranked.slice(0, 5).map((r) => r.name) };
}

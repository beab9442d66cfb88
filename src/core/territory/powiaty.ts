/**
 * Finding PRG powiaty by name, tolerant of case, diacritics and the "powiat " prefix; suggestions for a
 * name that is not known. Pure: the caller passes the bundled FeatureCollection
 * (resources/boundaries/powiaty-min.geojson, properties {id, nazwa}).
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { foldText } from '../domain/text';
import type { VoivodeshipIndex } from '../import/voivodeships';

/** Voivodeship names by TERYT code (to tell apart powiaty of the same name). */
export const VOIVODESHIP_NAMES: Readonly<Record<string, string>> = {
  '02': 'dolnośląskie', '04': 'kujawsko-pomorskie', '06': 'lubelskie', '08': 'lubuskie', '10': 'łódzkie', '12': 'małopolskie',
  '14': 'mazowieckie', '16': 'opolskie', '18': 'podkarpackie', '20': 'podlaskie', '22': 'pomorskie', '24': 'śląskie',
  '26': 'świętokrzyskie', '28': 'warmińsko-mazurskie', '30': 'wielkopolskie', '32': 'zachodniopomorskie',
};

export interface PowiatFeature {
  name: string;
  geometry: Polygon | MultiPolygon;
}

function key(name: string): string {
  return foldText(name).replace(/^powiat\s+/, '').trim();
}

/** The name without a voivodeship qualifier: "tomaszowski (lodzkie)" -> "tomaszowski". */
function baseKey(k: string): string {
  return k.replace(/\s*\([^)]*\)\s*$/, '').trim();
}

/** The voivodeship most of a polygon's vertices fall in (the simplified boundaries of the two files differ a little). */
function voivodeshipOf(g: Polygon | MultiPolygon, index: VoivodeshipIndex): string | null {
  const votes = new Map<string, number>();
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    for (const [lon, lat] of poly[0]) {
      const code = index.locate(lon, lat);
      if (code) votes.set(code, (votes.get(code) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  for (const [code, n] of votes) if (best === null || n > votes.get(best)!) best = code;
  return best;
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

/**
 * The powiaty of a PRG FeatureCollection. Ten names occur twice in Poland ("powiat tomaszowski" in łódzkie and in
 * lubelskie, …): with `voivodeships` given, each of those gets its voivodeship in brackets ("powiat tomaszowski
 * (łódzkie)"), so that every name picks exactly one powiat.
 */
export function powiatFeatures(fc: FeatureCollection, voivodeships?: VoivodeshipIndex): PowiatFeature[] {
  const list = fc.features
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'))
    .map((f) => ({ name: String((f.properties as { nazwa?: string } | null)?.nazwa ?? ''), geometry: f.geometry as Polygon | MultiPolygon }));
  if (!voivodeships) return list;
  const count = new Map<string, number>();
  for (const p of list) count.set(key(p.name), (count.get(key(p.name)) ?? 0) + 1);
  return list.map((p) => {
    if ((count.get(key(p.name)) ?? 0) < 2) return p;
    const code = voivodeshipOf(p.geometry, voivodeships);
    return code && VOIVODESHIP_NAMES[code] ? { ...p, name: `${p.name} (${VOIVODESHIP_NAMES[code]})` } : p;
  });
}

/**
 * A name that picks no powiat: `closest` are the five closest names, or, when the name is one that several powiaty
 * share (`ambiguous`), exactly those powiaty with their voivodeships.
 */
export type PowiatLookup = { ok: true; powiat: PowiatFeature } | { ok: false; closest: string[]; ambiguous: boolean };

/**
 * The powiat called `name` ("powiat piotrkowski", "Piotrków Trybunalski", "piotrkowski"), or the five closest
 * names when there is no exact (folded) match. "powiat X" for a city county and "powiat Xski" are different
 * powiaty: both must be named to get the KMP Piotrków territory.
 */
export function findPowiat(all: readonly PowiatFeature[], name: string): PowiatLookup {
  const k = key(name);
  const hits = all.filter((p) => key(p.name) === k);
  if (hits.length === 1) return { ok: true, powiat: hits[0] };
  const same = hits.length > 1 ? hits : all.filter((p) => baseKey(key(p.name)) === k);
  if (same.length > 0) return { ok: false, closest: same.map((p) => p.name), ambiguous: true };
  const ranked = all
    .map((p) => ({ name: p.name, d: distance(k, key(p.name)) - (key(p.name).includes(k) && k.length >= 3 ? 100 : 0) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name, 'pl'));
  return { ok: false, closest: ranked.slice(0, 5).map((r) => r.name), ambiguous: false };
}

/**
 * Which field of a places/streets file holds the name, the kind, the coordinates (issue 13, point 6). Nothing is
 * guessed silently: when two name-like fields disagree the file is ambiguous and the user picks (dialog, CLI
 * --name-field).
 */
import { foldText } from '../domain/text';

/** Name-like field names, strongest first (folded: lower case, no diacritics, punctuation as spaces). */
const NAME_FIELDS = [
  'name pl', 'nazwa ulicy', 'nazwa', 'name', 'ulica', 'nazwa glowna', 'nazwa pelna', 'nazwa miejsca', 'nazwa obiektu', 'street', 'street name',
  'miejsce', 'nazwa 1', 'nazwa1', 'label', 'etykieta',
];
const KIND_FIELDS = ['rodzaj', 'kind', 'typ', 'type', 'klasa', 'kategoria', 'place', 'amenity'];

export interface NameFieldGuess {
  /** Name-like fields present with a value on at least half the features, strongest first. */
  candidates: string[];
  /** The field to use, or null when none fits or the candidates disagree (`ambiguous`). */
  field: string | null;
  /** Two or more name-like fields that give different names for the same features. */
  ambiguous: boolean;
}

const text = (v: unknown): string => (v == null ? '' : typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/**
 * Guess the name field from the field names and sample records. Candidates agree when, on the records where both
 * have a value, at least 95% give the same name (OSM's name and name:pl usually do); then the strongest is taken.
 */
export function guessNameField(fields: readonly string[], records: readonly Record<string, unknown>[]): NameFieldGuess {
  const rank = (f: string) => NAME_FIELDS.indexOf(foldText(f));
  const present = fields.filter((f) => rank(f) >= 0).sort((a, b) => rank(a) - rank(b));
  const n = records.length;
  const candidates = present.filter((f) => {
    let filled = 0;
    for (const r of records) if (text(r[f]) !== '') filled++;
    return n === 0 || filled >= n / 2;
  });
  if (candidates.length === 0) return { candidates, field: null, ambiguous: false };
  const first = candidates[0];
  for (const other of candidates.slice(1)) {
    let both = 0, same = 0;
    for (const r of records) {
      const a = text(r[first]), b = text(r[other]);
      if (a === '' || b === '') continue;
      both++;
      if (foldText(a) === foldText(b)) same++;
    }
    if (both > 0 && same < 0.95 * both) return { candidates, field: null, ambiguous: true };
  }
  return { candidates, field: first, ambiguous: false };
}

/** A kind-like field (rodzaj, typ, kind…), or null. */
export function guessKindField(fields: readonly string[]): string | null {
  for (const k of KIND_FIELDS) {
    const f = fields.find((x) => foldText(x) === k);
    if (f) return f;
  }
  return null;
}

export interface CoordinateColumns {
  /** Column read as the first coordinate (x, longitude, easting). */
  x: string;
  /** Column read as the second coordinate (y, latitude, northing). */
  y: string;
  /** How the header names read: lon/lat, easting/northing, or plain x/y (Polish surveying may have X = northing). */
  hint: 'lonlat' | 'easting-northing' | 'xy';
}

const LON = ['lon', 'lng', 'long', 'longitude', 'dlugosc', 'dlugosc geograficzna', 'dl geogr', 'wgs84 lon', 'lon wgs84'];
const LAT = ['lat', 'latitude', 'szerokosc', 'szerokosc geograficzna', 'szer geogr', 'wgs84 lat', 'lat wgs84'];
const EAST = ['easting', 'e', 'east'];
const NORTH = ['northing', 'n', 'north'];
const X = ['x', 'x 2180', 'x2180', 'wsp x', 'wspolrzedna x', 'x puwg', 'x puwg92', 'puwg x', 'coord x'];
const Y = ['y', 'y 2180', 'y2180', 'wsp y', 'wspolrzedna y', 'y puwg', 'y puwg92', 'puwg y', 'coord y'];

/** The coordinate columns of a table of named places, by header name; null when there are none. */
export function guessCoordinateColumns(headers: readonly string[]): CoordinateColumns | null {
  const find = (names: string[]) => headers.find((h) => names.includes(foldText(h)));
  const lon = find(LON), lat = find(LAT);
  if (lon && lat) return { x: lon, y: lat, hint: 'lonlat' };
  const e = find(EAST), nn = find(NORTH);
  if (e && nn) return { x: e, y: nn, hint: 'easting-northing' };
  const x = find(X), y = find(Y);
  if (x && y) return { x, y, hint: 'xy' };
  return null;
}

/**
 * The nearest named street or place of a point (issue 13, point 6: "where things are").
 *
 * Everything is planar in EPSG:2180 metres (PUWG 1992: conformal, scale 0.9993 on the central meridian, so
 * distances inside a city are right to a fraction of a per cent). Streets are polylines cut into segments;
 * places are points. Two static indexes (flatbush, Hilbert R-tree) are built once per data set.
 *
 * Invariants:
 * - `nearestStreet` returns the segment with the smallest EXACT point-to-segment distance within maxM (ties: the
 *   lower segment index), not the one with the nearest bounding box: candidates come in bounding-box order and the
 *   search stops only once the next box is farther than the best exact distance found.
 * - The choice between a street and a place follows one stated rule (`nearestNamed`): a street within
 *   `preferStreetM` (default 30 m) wins; otherwise the nearer of the nearest street and the nearest place.
 * - No sentence is built here: `describeNearest` returns a message code with parameters (catalogue places.ts).
 */
import Flatbush from 'flatbush';
import { msg, type Msg } from '../message';

/** A named polyline in EPSG:2180: vertices as x0, y0, x1, y1, … (at least two vertices). */
export interface StreetLine {
  name: string;
  xy: Float64Array | readonly number[];
}

/** A named point in EPSG:2180. */
export interface NamedPoint {
  name: string;
  /** What the place is (station, school, …) as given by the data; free text. */
  kind?: string | null;
  x: number;
  y: number;
}

export interface NamedIndex {
  readonly names: readonly string[];
  readonly segments: number;
  /** Segment i goes from (sx0[i], sy0[i]) to (sx1[i], sy1[i]); its street name is names[segName[i]]. */
  readonly sx0: Float64Array;
  readonly sy0: Float64Array;
  readonly sx1: Float64Array;
  readonly sy1: Float64Array;
  readonly segName: Int32Array;
  readonly segIndex: Flatbush | null;
  readonly places: number;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly placeName: Int32Array;
  readonly placeKind: readonly (string | null)[];
  readonly placeIndex: Flatbush | null;
}

/** A street within this distance is named rather than a place (the point is "on" the street). */
export const STREET_PREFERENCE_M = 30;
/** A place within this distance is named without a distance ("Dworzec PKP", not "ok. 20 m od: Dworzec PKP"). */
export const AT_PLACE_M = 30;

/** Build the static indexes. Degenerate input (NaN vertices, one-vertex lines) is skipped, never indexed. */
export function buildNamedIndex(streets: readonly StreetLine[], places: readonly NamedPoint[]): NamedIndex {
  const names: string[] = [];
  const nameId = new Map<string, number>();
  const idOf = (name: string): number => {
    let id = nameId.get(name);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      nameId.set(name, id);
    }
    return id;
  };
  let nSeg = 0;
  for (const s of streets) nSeg += Math.max(0, (s.xy.length >> 1) - 1);
  const sx0 = new Float64Array(nSeg), sy0 = new Float64Array(nSeg), sx1 = new Float64Array(nSeg), sy1 = new Float64Array(nSeg);
  const segName = new Int32Array(nSeg);
  let k = 0;
  for (const s of streets) {
    const xy = s.xy;
    const n = xy.length >> 1;
    if (n < 2) continue;
    const id = idOf(s.name);
    for (let i = 0; i + 1 < n; i++) {
      const ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * i + 2], by = xy[2 * i + 3];
      if (!Number.isFinite(ax) || !Number.isFinite(ay) || !Number.isFinite(bx) || !Number.isFinite(by)) continue;
      sx0[k] = ax; sy0[k] = ay; sx1[k] = bx; sy1[k] = by; segName[k] = id;
      k++;
    }
  }
  const segments = k;
  let segIndex: Flatbush | null = null;
  if (segments > 0) {
    segIndex = new Flatbush(segments);
    for (let i = 0; i < segments; i++) {
      segIndex.add(Math.min(sx0[i], sx1[i]), Math.min(sy0[i], sy1[i]), Math.max(sx0[i], sx1[i]), Math.max(sy0[i], sy1[i]));
    }
    segIndex.finish();
  }
  const okPlaces = places.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const px = new Float64Array(okPlaces.length), py = new Float64Array(okPlaces.length);
  const placeName = new Int32Array(okPlaces.length);
  const placeKind: (string | null)[] = [];
  let placeIndex: Flatbush | null = null;
  if (okPlaces.length > 0) {
    placeIndex = new Flatbush(okPlaces.length);
    okPlaces.forEach((p, i) => {
      px[i] = p.x; py[i] = p.y; placeName[i] = idOf(p.name); placeKind.push(p.kind ?? null);
      placeIndex!.add(p.x, p.y, p.x, p.y);
    });
    placeIndex.finish();
  }
  return {
    names, segments, sx0: sx0.subarray(0, segments), sy0: sy0.subarray(0, segments), sx1: sx1.subarray(0, segments), sy1: sy1.subarray(0, segments),
    segName: segName.subarray(0, segments), segIndex, places: okPlaces.length, px, py, placeName, placeKind, placeIndex,
  };
}

/**
 * Distance from P to the segment AB, and the parameter t in [0, 1] of the nearest point A + t (B - A).
 * A zero-length segment is its point.
 */
export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): { d: number; t: number } {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const qx = ax + t * dx - px, qy = ay + t * dy - py;
  return { d: Math.sqrt(qx * qx + qy * qy), t };
}

function segDist(ix: NamedIndex, i: number, x: number, y: number): number {
  return pointSegmentDistance(x, y, ix.sx0[i], ix.sy0[i], ix.sx1[i], ix.sy1[i]).d;
}

function boxDist(ix: NamedIndex, i: number, x: number, y: number): number {
  const minX = Math.min(ix.sx0[i], ix.sx1[i]), maxX = Math.max(ix.sx0[i], ix.sx1[i]);
  const minY = Math.min(ix.sy0[i], ix.sy1[i]), maxY = Math.max(ix.sy0[i], ix.sy1[i]);
  const dx = Math.max(minX - x, x - maxX, 0), dy = Math.max(minY - y, y - maxY, 0);
  return Math.sqrt(dx * dx + dy * dy);
}

/** Nearest street segment within maxM: its index and exact distance, or null. */
export function nearestStreet(ix: NamedIndex, x: number, y: number, maxM: number): { segment: number; distanceM: number } | null {
  if (!ix.segIndex || !(maxM >= 0)) return null;
  let best = Infinity, bestI = -1;
  // Candidates in bounding-box distance order; a box is never farther than its segment, so once the k-th box is
  // at least as far as the best exact distance, no later candidate can be nearer.
  for (let k = 8; ; k *= 4) {
    const cand = ix.segIndex.neighbors(x, y, k, maxM);
    for (const i of cand) {
      const d = segDist(ix, i, x, y);
      if (d < best || (d === best && i < bestI)) {
        best = d;
        bestI = i;
      }
    }
    if (cand.length < k) break;
    if (boxDist(ix, cand[cand.length - 1], x, y) > best) break;
  }
  return bestI >= 0 && best <= maxM ? { segment: bestI, distanceM: best } : null;
}

/** Nearest place within maxM: its index and distance, or null. */
export function nearestPlace(ix: NamedIndex, x: number, y: number, maxM: number): { place: number; distanceM: number } | null {
  if (!ix.placeIndex || !(maxM >= 0)) return null;
  const [i] = ix.placeIndex.neighbors(x, y, 1, maxM);
  if (i === undefined) return null;
  return { place: i, distanceM: Math.hypot(ix.px[i] - x, ix.py[i] - y) };
}

export interface NearestNamed {
  name: string;
  kind: 'street' | 'place';
  /** The place's own kind (data), null for streets. */
  placeKind: string | null;
  /** Distance in metres (EPSG:2180 plane) from the point to the street line or the place. */
  distanceM: number;
  /** The nearest point of the street, or the place itself (EPSG:2180). */
  x: number;
  y: number;
}

/**
 * The nearest named street or place of (x, y) within maxM (EPSG:2180): a street within `preferStreetM` wins;
 * otherwise the nearer of the nearest street and the nearest place (a tie goes to the street). Null when nothing
 * named lies within maxM.
 */
export function nearestNamed(ix: NamedIndex, x: number, y: number, maxM: number, preferStreetM = STREET_PREFERENCE_M): NearestNamed | null {
  const s = nearestStreet(ix, x, y, maxM);
  const street = (): NearestNamed => {
    const i = s!.segment;
    const { t } = pointSegmentDistance(x, y, ix.sx0[i], ix.sy0[i], ix.sx1[i], ix.sy1[i]);
    return {
      name: ix.names[ix.segName[i]], kind: 'street', placeKind: null, distanceM: s!.distanceM,
      x: ix.sx0[i] + t * (ix.sx1[i] - ix.sx0[i]), y: ix.sy0[i] + t * (ix.sy1[i] - ix.sy0[i]),
    };
  };
  if (s && s.distanceM <= preferStreetM) return street();
  const p = nearestPlace(ix, x, y, maxM);
  if (!p) return s ? street() : null;
  if (s && s.distanceM <= p.distanceM) return street();
  const i = p.place;
  return { name: ix.names[ix.placeName[i]], kind: 'place', placeKind: ix.placeKind[i], distanceM: p.distanceM, x: ix.px[i], y: ix.py[i] };
}

/**
 * Street names that already say what they are ("al. Armii Krajowej", "Plac Kościuszki", "Rondo Sybiraków",
 * "DK91", "A1") are shown as they are; others ("Słowackiego", "Juliusza Słowackiego") get the street word of the
 * language (catalogue: `prefixed` = no).
 */
const STREET_TYPE = /^(ul\.|ulica\b|al\.|aleja\b|aleje\b|pl\.|plac\b|os\.|osiedle\b|rondo\b|skwer\b|bulw\.|bulwar\b|park\b|droga\b|trasa\b|most\b|wiadukt\b|autostrada\b|obwodnica\b|szosa\b|rynek\b|promenada\b|deptak\b|[a-z]{1,3}\s?\d)/i;
export function hasStreetType(name: string): boolean {
  return STREET_TYPE.test(name.trim());
}

/** Distances are stated in steps of 10 m (the data are not more precise than that for a place). */
export function roundDistance(m: number): number {
  return Math.max(10, Math.round(m / 10) * 10);
}

/**
 * The answer as a message (catalogue src/shared/i18n/catalog/places.ts):
 * - `places.where.street` {name, prefixed}: on a street (within STREET_PREFERENCE_M): "ul. Słowackiego";
 * - `places.where.place` {name}: at a place (within AT_PLACE_M): "Dworzec PKP";
 * - `places.where.near` {kind, name, prefixed, distance}: "ok. 120 m od: Dworzec PKP";
 * - `places.where.none` {maxM}: nothing named within the search distance (default 500 m).
 */
export function describeNearest(n: Omit<NearestNamed, 'x' | 'y'> | null, maxM = 500): Msg {
  if (!n) return msg('places.where.none', { maxM });
  const prefixed = n.kind === 'street' && hasStreetType(n.name) ? 'yes' : 'no';
  if (n.kind === 'street' && n.distanceM <= STREET_PREFERENCE_M) return msg('places.where.street', { name: n.name, prefixed });
  if (n.kind === 'place' && n.distanceM <= AT_PLACE_M) return msg('places.where.place', { name: n.name });
  return msg('places.where.near', { kind: n.kind, name: n.name, prefixed, distance: roundDistance(n.distanceM) });
}

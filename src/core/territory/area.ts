/**
 * "Is this point in the command's territory?" for millions of points: the territory parts go into the same static
 * index as beats (core/districts/assign: flatbush over part boxes, exact crossing-number test in lon/lat with the
 * same boundary rule), so a report inside a beat is inside a territory made of the beats, bit for bit.
 *
 * Tolerance: the bundled PRG powiaty are heavily simplified (powiat piotrkowski: 83 vertices on a 225 km border,
 * the city of Piotrków 11 vertices). A point outside a 'powiat' part but within POWIAT_TOLERANCE_M of its border
 * (distance in EPSG:2180 metres to the nearest boundary segment) still counts as inside, so a report a few hundred
 * metres inside the real boundary is never called outside. Measured: two independent simplifications of the same
 * PRG boundaries (ppatrzyk/polska-geojson "min" as bundled and its "3mb" file) differ by up to 2.3 km (Hausdorff;
 * p99 1.2 km on the powiat, 2.1 km on the city), the bundled city polygon is 63.0 km² against 67.3 km² in the
 * register, and the mean vertex spacing is 2.7-3.3 km. 3 km covers all of that. Parts of source 'beats', 'file'
 * and 'drawn' have no tolerance: they are what the user drew or imported.
 *
 * Speed: a bounding-box test rejects most points; inside points cost one flatbush lookup and a crossing test over
 * the candidate part's edges; only points outside all parts but inside the padded box are projected to EPSG:2180
 * and measured against the boundary segments near them (a second flatbush over segment boxes).
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import { toPuwg92 } from '../domain/crs';
import { buildDistrictIndex, locateSlot, type DistrictIndex } from '../districts/pointIndex';
import { polygonsOf } from '../districts/geometry';

export type TerritorySourceKind = 'powiat' | 'beats' | 'file' | 'drawn';

/** Distance (EPSG:2180 metres) within which a point outside a simplified PRG powiat still counts as inside. */
export const POWIAT_TOLERANCE_M = 3000;

export function toleranceOf(source: TerritorySourceKind | string): number {
  return source === 'powiat' ? POWIAT_TOLERANCE_M : 0;
}

export interface TerritoryShape {
  geometry: Polygon | MultiPolygon;
  source: TerritorySourceKind | string;
}

export interface TerritoryIndex {
  /** Largest tolerance of any part, metres. */
  readonly toleranceM: number;
  /** [minLon, minLat, maxLon, maxLat] of the parts, padded by the tolerance. */
  readonly bbox: [number, number, number, number];
  /**
   * True when the point is inside a part, or within that part's tolerance of its border. `x`/`y` (EPSG:2180) may be
   * passed when known; otherwise they are computed for the few points that need them.
   */
  contains(lon: number, lat: number, x?: number, y?: number): boolean;
  /** 1 = OUTSIDE the territory, per point (NaN positions count as outside). */
  outsideMask(lon: ArrayLike<number>, lat: ArrayLike<number>, x?: ArrayLike<number>, y?: ArrayLike<number>, out?: Uint8Array): Uint8Array;
}

/** Metres per degree, generous (used only to pad the quick-reject box). */
const M_PER_DEG_LAT = 110_000;

export function buildTerritoryIndex(parts: readonly TerritoryShape[]): TerritoryIndex | null {
  if (parts.length === 0) return null;
  const inner: DistrictIndex = buildDistrictIndex(parts.map((p, i) => ({ id: i, geometry: p.geometry })));
  if (!inner.bbox) return null;
  // boundary segments of tolerant parts, in EPSG:2180 metres
  const seg: number[] = [];
  const segTol: number[] = [];
  let maxTol = 0;
  for (const p of parts) {
    const tol = toleranceOf(p.source);
    if (!(tol > 0)) continue;
    maxTol = Math.max(maxTol, tol);
    for (const poly of polygonsOf(p.geometry)) {
      for (const ring of poly) {
        let prev: [number, number] | null = null;
        for (const q of ring) {
          const cur = toPuwg92(q[0], q[1]);
          if (prev && (prev[0] !== cur[0] || prev[1] !== cur[1])) {
            seg.push(prev[0], prev[1], cur[0], cur[1]);
            segTol.push(tol);
          }
          prev = cur;
        }
      }
    }
  }
  const nSeg = segTol.length;
  const segs = Float64Array.from(seg);
  const tols = Float64Array.from(segTol);
  let tree: Flatbush | null = null;
  if (nSeg > 0) {
    tree = new Flatbush(nSeg, 16);
    for (let s = 0; s < nSeg; s++) {
      const x1 = segs[4 * s], y1 = segs[4 * s + 1], x2 = segs[4 * s + 2], y2 = segs[4 * s + 3];
      const t = tols[s];
      tree.add(Math.min(x1, x2) - t, Math.min(y1, y2) - t, Math.max(x1, x2) + t, Math.max(y1, y2) + t);
    }
    tree.finish();
  }
  const b = inner.bbox;
  const padLat = maxTol / M_PER_DEG_LAT;
  const padLon = padLat / Math.cos((Math.max(Math.abs(b[1]), Math.abs(b[3])) * Math.PI) / 180);
  const bbox: [number, number, number, number] = [b[0] - padLon, b[1] - padLat, b[2] + padLon, b[3] + padLat];

  const nearBoundary = (x: number, y: number): boolean => {
    if (!tree) return false;
    let hit = false;
    tree.search(x, y, x, y, (s) => {
      if (hit) return false;
      const x1 = segs[4 * s], y1 = segs[4 * s + 1], dx = segs[4 * s + 2] - x1, dy = segs[4 * s + 3] - y1;
      const len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? ((x - x1) * dx + (y - y1) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = x - x1 - t * dx, ey = y - y1 - t * dy;
      if (ex * ex + ey * ey <= tols[s] * tols[s]) hit = true;
      return false;
    });
    return hit;
  };

  const contains = (lon: number, lat: number, x?: number, y?: number): boolean => {
    if (!(lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3])) return false;
    if (locateSlot(inner, lon, lat) >= 0) return true;
    if (!tree) return false;
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) [x, y] = toPuwg92(lon, lat);
    return nearBoundary(x, y);
  };

  return {
    toleranceM: maxTol,
    bbox,
    contains,
    outsideMask(lon, lat, x, y, out) {
      const n = lon.length;
      const m = out && out.length >= n ? out : new Uint8Array(n);
      for (let i = 0; i < n; i++) m[i] = contains(lon[i], lat[i], x?.[i], y?.[i]) ? 0 : 1;
      return m;
    },
  };
}

/**
 * Planar geometry helpers. Areas are computed in EPSG:2180 (PUWG 1992) metres with the shoelace formula, i.e. the
 * area a GIS shows for the layer in the national grid. The grid's scale factor is 0.9993 on 19°E and grows with
 * distance from it; area distortion is within about -0.14%..+0.2% over Poland (≈ -0.13% around Piotrków,
 * 19.7°E). That is far below the precision of hand-drawn beat boundaries, and it keeps overlap/gap areas consistent
 * with the clipping, which is also done in EPSG:2180.
 */
import type { Position } from 'geojson';
import { toPuwg92 } from '../domain/crs';
import type { DistrictGeometry } from './types';

export type BBox = [minX: number, minY: number, maxX: number, maxY: number];

/** Signed shoelace area of a ring (positive when counter-clockwise); the ring may or may not be closed. */
export function ringSignedArea(ring: Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  let s = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s / 2;
}

export function ringPerimeter(ring: Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += Math.hypot(ring[i][0] - ring[i - 1][0], ring[i][1] - ring[i - 1][1]);
  const a = ring[0], b = ring[ring.length - 1];
  if (a && b && (a[0] !== b[0] || a[1] !== b[1])) s += Math.hypot(a[0] - b[0], a[1] - b[1]);
  return s;
}

/** Planar area of a polygon/multipolygon whose coordinates are already in metres (shells minus holes). */
export function planarArea(g: DistrictGeometry): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let total = 0;
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      const a = Math.abs(ringSignedArea(ring));
      total += i === 0 ? a : -a;
    });
  }
  return total;
}

/** Area in m² of a WGS84 polygon/multipolygon, computed in EPSG:2180. */
export function areaM2(g: DistrictGeometry): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let total = 0;
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      const a = Math.abs(ringSignedArea(ring.map((p) => toPuwg92(p[0], p[1]))));
      total += i === 0 ? a : -a;
    });
  }
  return total;
}

/** Area in km² of a WGS84 district geometry (EPSG:2180 planar), for rates per km². */
export function districtAreaKm2(g: DistrictGeometry): number {
  return areaM2(g) / 1e6;
}

export function bboxOf(g: DistrictGeometry): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) for (const ring of poly) for (const p of ring) {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  }
  return [minX, minY, maxX, maxY];
}

export function polygonsOf(g: DistrictGeometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/**
 * Area-weighted centroid of a polygon/multipolygon whose coordinates are in metres (e.g. EPSG:2180): the centre
 * of mass of the shells minus the holes, C = Σ ± A_r C_r / Σ ± A_r over the rings (shoelace moments,
 * C_r = 1/(6 A_r) Σ (p_i + p_{i+1}) (x_i y_{i+1} − x_{i+1} y_i)). A closed ring (first vertex repeated, as
 * GeoJSON requires) and an open one give the same result: the closing edge has zero length. This is NOT the mean
 * of the vertices, which counts the repeated vertex twice, ignores holes and follows where vertices are dense.
 */
export function planarCentroid(g: DistrictGeometry): [number, number] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let A = 0, Sx = 0, Sy = 0;
  // moments relative to the first vertex keep the products small (EPSG:2180 coordinates are ~5e5)
  const first = polys[0]?.[0]?.[0];
  if (!first) return [NaN, NaN];
  const ox = first[0], oy = first[1];
  for (const poly of polys) {
    poly.forEach((ring, r) => {
      const n = ring.length;
      let a = 0, sx = 0, sy = 0;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const x0 = ring[j][0] - ox, y0 = ring[j][1] - oy, x1 = ring[i][0] - ox, y1 = ring[i][1] - oy;
        const c = x0 * y1 - x1 * y0;
        a += c;
        sx += (x0 + x1) * c;
        sy += (y0 + y1) * c;
      }
      // a = 2 × signed area; shells count positive, holes negative, whatever their orientation
      const sign = (r === 0 ? 1 : -1) * Math.sign(a);
      A += sign * a;
      Sx += sign * sx;
      Sy += sign * sy;
    });
  }
  if (A === 0) return [NaN, NaN];
  return [ox + Sx / (3 * A), oy + Sy / (3 * A)];
}

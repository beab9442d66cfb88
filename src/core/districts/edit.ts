/**
 * Beat edits that change geometry: split a beat along a drawn line, merge beats. WGS84 lon/lat in and out; the
 * clipping (turf / polyclip-ts) runs on the input coordinates directly, without reprojection, so vertices shared with
 * neighbouring beats keep their exact values and shared borders stay shared.
 *
 * Split: the line is extended from both ends along its first/last segment to a box around the beat and the line,
 * and closed along that box on its LEFT side; piece A = beat ∩ left side, piece B = beat \ left side. Both pieces
 * are cut by the same segments, so their common border is identical. The line may cross the beat several times
 * (a piece may then be a MultiPolygon); a self-crossing line is refused.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { findKinks } from './kinks';
import { bboxOf, polygonsOf, type BBox } from './geometry';
import type { DistrictGeometry } from './types';

export class DistrictEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistrictEditError';
  }
}

function feature<G extends Polygon | MultiPolygon>(g: G): Feature<G> {
  return { type: 'Feature', properties: {}, geometry: g };
}

/** Position along the box perimeter, counter-clockwise from the south-west corner, in [0, 4). */
function perimeterParam(box: BBox, p: Position): number {
  const [x0, y0, x1, y1] = box;
  const eps = 1e-12 * Math.max(1, Math.abs(x1 - x0), Math.abs(y1 - y0));
  if (Math.abs(p[1] - y0) <= eps) return (p[0] - x0) / (x1 - x0); // south edge, west -> east
  if (Math.abs(p[0] - x1) <= eps) return 1 + (p[1] - y0) / (y1 - y0); // east edge, south -> north
  if (Math.abs(p[1] - y1) <= eps) return 2 + (x1 - p[0]) / (x1 - x0); // north edge, east -> west
  return 3 + (y1 - p[1]) / (y1 - y0); // west edge, north -> south
}

/** Where the ray from p (inside the box) in direction d leaves the box. */
function exitPoint(box: BBox, p: Position, d: [number, number]): Position {
  let t = Infinity;
  if (d[0] > 0) t = Math.min(t, (box[2] - p[0]) / d[0]);
  if (d[0] < 0) t = Math.min(t, (box[0] - p[0]) / d[0]);
  if (d[1] > 0) t = Math.min(t, (box[3] - p[1]) / d[1]);
  if (d[1] < 0) t = Math.min(t, (box[1] - p[1]) / d[1]);
  const q: Position = [p[0] + t * d[0], p[1] + t * d[1]];
  // land exactly on the edge that was hit
  q[0] = Math.min(box[2], Math.max(box[0], q[0]));
  q[1] = Math.min(box[3], Math.max(box[1], q[1]));
  return q;
}

function dedupe(line: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const q = [p[0], p[1]];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

/** The region left of the line, closed along a box that contains the beat and the line. */
export function leftSideOfLine(line: Position[], around: BBox): Polygon {
  const pts = dedupe(line);
  if (pts.length < 2) throw new DistrictEditError('The cut line needs at least two different points.');
  const lb = bboxOf({ type: 'Polygon', coordinates: [pts] });
  const x0 = Math.min(around[0], lb[0]), y0 = Math.min(around[1], lb[1]), x1 = Math.max(around[2], lb[2]), y1 = Math.max(around[3], lb[3]);
  const m = Math.max(x1 - x0, y1 - y0) * 0.5 + 1e-6;
  const box: BBox = [x0 - m, y0 - m, x1 + m, y1 + m];
  const n = pts.length;
  const dStart: [number, number] = [pts[0][0] - pts[1][0], pts[0][1] - pts[1][1]];
  const dEnd: [number, number] = [pts[n - 1][0] - pts[n - 2][0], pts[n - 1][1] - pts[n - 2][1]];
  const q0 = exitPoint(box, pts[0], dStart);
  const qn = exitPoint(box, pts[n - 1], dEnd);
  const ring: Position[] = [q0, ...pts, qn];
  // walk counter-clockwise along the box from qn to q0 (keeps the region on the left of the line)
  const t0 = perimeterParam(box, q0);
  const tn = perimeterParam(box, qn);
  const target = t0 > tn ? t0 : t0 + 4;
  const cornerAt: Position[] = [[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]];
  for (let k = Math.floor(tn) + 1; k < target; k++) ring.push(cornerAt[k % 4]);
  ring.push(q0);
  const poly: Polygon = { type: 'Polygon', coordinates: [dedupe(ring).concat([])] };
  const r = poly.coordinates[0];
  if (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1]) r.push([r[0][0], r[0][1]]);
  if (findKinks(poly, 1).length > 0) throw new DistrictEditError('The cut line crosses itself (or turns back across its own extension); draw a simpler line across the beat.');
  return poly;
}

function asDistrictGeometry(f: Feature<Polygon | MultiPolygon> | null): DistrictGeometry | null {
  if (!f || !f.geometry) return null;
  const polys = polygonsOf(f.geometry).filter((p) => p.length > 0 && p[0].length >= 4);
  if (polys.length === 0) return null;
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

/** Split a beat along a line that crosses it. Returns [left piece, right piece]; throws when it does not cut. */
export function splitByLine(geometry: DistrictGeometry, line: Position[]): [DistrictGeometry, DistrictGeometry] {
  const left = leftSideOfLine(line, bboxOf(geometry));
  let a: DistrictGeometry | null, b: DistrictGeometry | null;
  try {
    a = asDistrictGeometry(turf.intersect(turf.featureCollection([feature(geometry), feature(left)])) as Feature<Polygon | MultiPolygon> | null);
    b = asDistrictGeometry(turf.difference(turf.featureCollection([feature(geometry), feature(left)])) as Feature<Polygon | MultiPolygon> | null);
  } catch (e) {
    throw new DistrictEditError(`Splitting failed: ${(e as Error).message}`);
  }
  if (!a || !b) throw new DistrictEditError('The line does not cut the beat into two parts: draw it across the beat, starting and ending outside it.');
  return [a, b];
}

/** Union of beats; `adjacent` is false when the result falls apart into separate polygons. */
export function mergeGeometries(geometries: DistrictGeometry[]): { geometry: DistrictGeometry; parts: number } {
  if (geometries.length === 0) throw new DistrictEditError('Nothing to merge.');
  let u: DistrictGeometry | null;
  try {
    u = geometries.length === 1 ? geometries[0] : asDistrictGeometry(turf.union(turf.featureCollection(geometries.map((g) => feature(g)))) as Feature<Polygon | MultiPolygon> | null);
  } catch (e) {
    throw new DistrictEditError(`Merging failed: ${(e as Error).message}`);
  }
  if (!u) throw new DistrictEditError('Merging produced an empty geometry.');
  return { geometry: u, parts: polygonsOf(u).length };
}

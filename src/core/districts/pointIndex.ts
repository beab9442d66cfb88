/**
 * Point -> district assignment through a static spatial index (no turf: the import worker loads this file).
 *
 * buildDistrictIndex flattens every polygon part into Float64Array rings and indexes the parts' bounding boxes with
 * flatbush. assign() looks each point up in the tree and runs an exact crossing-number (ray casting) test on the
 * candidate parts only. Coordinates are WGS84 lon/lat, tested planar in degrees (edges are straight in lon/lat, as
 * GeoJSON and turf.booleanPointInPolygon assume).
 *
 * Boundary rule (half-open, like PNPOLY): a ray is cast towards +x; an edge counts when it straddles the point's
 * latitude with one endpoint strictly above and the other at or below, and the point lies strictly left of it.
 * Every edge is evaluated with its lower endpoint first, so an edge shared by two districts gives bit-identical
 * answers in both. Consequence: a point exactly on a shared boundary belongs to the district on its EAST side
 * (to the NORTH for a horizontal edge, the district above), so in a gap-free, overlap-free tiling every point is in
 * exactly one district. Points on an outer boundary of the tiling (west/south sides) are outside.
 * Tie-break for points inside several districts (overlapping beats): the LOWEST district id wins.
 * Holes and multipolygons: even-odd over all rings of a part; a point is in a district if it is in any part.
 * NaN coordinates and points outside every district give -1.
 */
import Flatbush from 'flatbush';
import { polygonsOf, type BBox } from './geometry';
import type { DistrictShape } from './types';

export interface DistrictIndex {
  /** Number of districts. */
  readonly size: number;
  /** District ids in slot order (ascending id). */
  readonly ids: Int32Array;
  /** Bounding box of all districts, or null when empty. */
  readonly bbox: BBox | null;
  /** flatbush over part bounding boxes (null when there are no parts). */
  readonly tree: Flatbush | null;
  /** Part -> district slot. */
  readonly partSlot: Int32Array;
  /** Part p owns rings ringStart[p] .. ringStart[p+1]-1. */
  readonly partRingStart: Int32Array;
  /** Ring r owns vertices vertexStart[r] .. vertexStart[r+1]-1 (closed: last vertex == first). */
  readonly vertexStart: Int32Array;
  /** Interleaved x, y of all vertices. */
  readonly coords: Float64Array;
}

/**
 * Build the index. Districts are sorted by id (ascending) so the overlap tie-break is "lowest id". Ids must be
 * integers in the Int32 range; duplicates are rejected.
 */
export function buildDistrictIndex(districts: readonly DistrictShape[]): DistrictIndex {
  const sorted = [...districts].sort((a, b) => a.id - b.id);
  const ids = new Int32Array(sorted.length);
  sorted.forEach((d, i) => {
    if (!Number.isInteger(d.id) || d.id < -2147483648 || d.id > 2147483647) throw new Error(`district id ${d.id} is not a 32-bit integer`);
    if (i > 0 && sorted[i - 1].id === d.id) throw new Error(`duplicate district id ${d.id}`);
    ids[i] = d.id;
  });
  const partSlot: number[] = [];
  const partRingStart: number[] = [0];
  const vertexStart: number[] = [0];
  const xy: number[] = [];
  const partBoxes: BBox[] = [];
  sorted.forEach((d, slot) => {
    for (const poly of polygonsOf(d.geometry)) {
      let rings = 0;
      for (const ring of poly) {
        const n0 = xy.length;
        for (const p of ring) {
          const x = +p[0], y = +p[1];
          if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
          const k = xy.length;
          if (k > n0 && xy[k - 2] === x && xy[k - 1] === y) continue;
          xy.push(x, y);
        }
        const n = (xy.length - n0) / 2;
        if (n < 3) { xy.length = n0; continue; }
        if (xy[n0] !== xy[xy.length - 2] || xy[n0 + 1] !== xy[xy.length - 1]) xy.push(xy[n0], xy[n0 + 1]);
        vertexStart.push(xy.length / 2);
        rings++;
      }
      if (rings === 0) continue;
      partSlot.push(slot);
      partRingStart.push(vertexStart.length - 1);
      const r0 = partRingStart[partRingStart.length - 2];
      // bbox of the outer ring bounds the part
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (let v = vertexStart[r0]; v < vertexStart[r0 + 1]; v++) {
        const x = xy[2 * v], y = xy[2 * v + 1];
        if (x < minX) minX = x; if (x > maxX) maxX = x; if (y < minY) minY = y; if (y > maxY) maxY = y;
      }
      partBoxes.push([minX, minY, maxX, maxY]);
    }
  });
  let tree: Flatbush | null = null;
  let bbox: BBox | null = null;
  if (partBoxes.length > 0) {
    tree = new Flatbush(partBoxes.length, 8);
    for (const b of partBoxes) tree.add(b[0], b[1], b[2], b[3]);
    tree.finish();
    bbox = [tree.minX, tree.minY, tree.maxX, tree.maxY];
  }
  return {
    size: sorted.length,
    ids,
    bbox,
    tree,
    partSlot: Int32Array.from(partSlot),
    partRingStart: Int32Array.from(partRingStart),
    vertexStart: Int32Array.from(vertexStart),
    coords: Float64Array.from(xy),
  };
}

/** Exact crossing-number test of one part (all its rings, even-odd) with the documented boundary rule. */
export function pointInPart(index: DistrictIndex, part: number, x: number, y: number): boolean {
  const c = index.coords, vs = index.vertexStart;
  let inside = false;
  for (let r = index.partRingStart[part], rEnd = index.partRingStart[part + 1]; r < rEnd; r++) {
    const vEnd = vs[r + 1] - 1;
    for (let v = vs[r]; v < vEnd; v++) {
      const ay = c[2 * v + 1], by = c[2 * v + 3];
      if ((ay > y) === (by > y)) continue;
      // canonical orientation: lower endpoint (lx, ly) first
      let lx: number, ly: number, ux: number, uy: number;
      if (ay < by) { lx = c[2 * v]; ly = ay; ux = c[2 * v + 2]; uy = by; } else { lx = c[2 * v + 2]; ly = by; ux = c[2 * v]; uy = ay; }
      // point strictly left of the upward edge <=> the edge is strictly east of the point
      if ((ux - lx) * (y - ly) - (x - lx) * (uy - ly) > 0) inside = !inside;
    }
  }
  return inside;
}

let qx = 0, qy = 0, qBest = -1, qIndex: DistrictIndex | null = null;
function visit(part: number): boolean {
  const idx = qIndex as DistrictIndex;
  const slot = idx.partSlot[part];
  if ((qBest < 0 || slot < qBest) && pointInPart(idx, part, qx, qy)) qBest = slot;
  return false; // never collect results; we only need the side effect
}

/** District slot (index into index.ids) containing the point, or -1. */
export function locateSlot(index: DistrictIndex, x: number, y: number): number {
  const b = index.bbox;
  if (!b || !(x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3])) return -1;
  qx = x; qy = y; qBest = -1; qIndex = index;
  (index.tree as Flatbush).search(x, y, x, y, visit);
  qIndex = null;
  return qBest;
}

/** District id containing the point, or -1. */
export function locate(index: DistrictIndex, lon: number, lat: number): number {
  const s = locateSlot(index, lon, lat);
  return s < 0 ? -1 : index.ids[s];
}

/**
 * Assign points to districts. lon/lat are parallel arrays (e.g. columns read from SQLite); returns an Int32Array
 * of district ids, -1 for outside / NaN. `out` may be passed to reuse a buffer.
 */
export function assign(index: DistrictIndex, lon: Float64Array | ArrayLike<number>, lat: Float64Array | ArrayLike<number>, out?: Int32Array): Int32Array {
  const n = lon.length;
  if (lat.length !== n) throw new Error(`assign: lon has ${n} values, lat has ${lat.length}`);
  const res = out && out.length >= n ? out : new Int32Array(n);
  const ids = index.ids;
  for (let i = 0; i < n; i++) {
    const s = locateSlot(index, lon[i], lat[i]);
    res[i] = s < 0 ? -1 : ids[s];
  }
  return res;
}


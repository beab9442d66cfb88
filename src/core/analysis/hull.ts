/**
 * Convex hull of a subset of points given by index, Andrew's monotone chain with the Akl-Toussaint
 * pre-filter (points strictly inside the quadrilateral of the four axis-extreme points cannot be on the hull),
 * so large clusters cost O(n) plus a sort of the few survivors.
 */

/**
 * Counter-clockwise convex hull of the points `idx[from..to)` (indices into x, y). Returns an open ring
 * (first vertex not repeated) of [x, y] pairs; collinear points are dropped. Degenerate inputs return 1 or 2 points.
 */
export function convexHullOf(
  x: Float64Array, y: Float64Array, idx: ArrayLike<number>, from = 0, to = idx.length,
): [number, number][] {
  const n = to - from;
  if (n <= 0) return [];
  // Extreme points.
  let iMinX = idx[from], iMaxX = iMinX, iMinY = iMinX, iMaxY = iMinX;
  for (let k = from + 1; k < to; k++) {
    const i = idx[k];
    if (x[i] < x[iMinX] || (x[i] === x[iMinX] && y[i] < y[iMinX])) iMinX = i;
    if (x[i] > x[iMaxX] || (x[i] === x[iMaxX] && y[i] > y[iMaxX])) iMaxX = i;
    if (y[i] < y[iMinY] || (y[i] === y[iMinY] && x[i] > x[iMinY])) iMinY = i;
    if (y[i] > y[iMaxY] || (y[i] === y[iMaxY] && x[i] < x[iMaxY])) iMaxY = i;
  }
  // Quadrilateral minX -> minY -> maxX -> maxY is counter-clockwise.
  const qx = [x[iMinX], x[iMinY], x[iMaxX], x[iMaxY]];
  const qy = [y[iMinX], y[iMinY], y[iMaxX], y[iMaxY]];
  const cand: number[] = [];
  for (let k = from; k < to; k++) {
    const i = idx[k];
    const px = x[i], py = y[i];
    let inside = true;
    for (let e = 0; e < 4; e++) {
      const ax = qx[e], ay = qy[e], bx = qx[(e + 1) & 3], by = qy[(e + 1) & 3];
      // strictly left of each CCW edge => strictly inside; degenerate edges (a == b) give 0 => not inside.
      if ((bx - ax) * (py - ay) - (by - ay) * (px - ax) <= 0) { inside = false; break; }
    }
    if (!inside) cand.push(i);
  }
  cand.sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  // Deduplicate coincident points.
  const pts: number[] = [];
  for (const i of cand) {
    const last = pts[pts.length - 1];
    if (last === undefined || x[last] !== x[i] || y[last] !== y[i]) pts.push(i);
  }
  if (pts.length <= 2) return pts.map((i) => [x[i], y[i]]);
  const cross = (o: number, a: number, b: number) => (x[a] - x[o]) * (y[b] - y[o]) - (y[a] - y[o]) * (x[b] - x[o]);
  const lower: number[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: number[] = [];
  for (let k = pts.length - 1; k >= 0; k--) {
    const p = pts[k];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  const ring = lower.concat(upper);
  return ring.map((i) => [x[i], y[i]]);
}

/** Convex hull of all points. */
export function convexHull(x: Float64Array, y: Float64Array): [number, number][] {
  const idx = new Uint32Array(x.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return convexHullOf(x, y, idx);
}

/** Area of a simple ring (shoelace), absolute value, in squared units. */
export function ringArea(ring: ArrayLike<readonly [number, number] | number[]>): number {
  let s = 0;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) s += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  return Math.abs(s) / 2;
}

/** Point in a convex counter-clockwise ring (boundary counts as inside). */
export function inConvexRing(ring: [number, number][], px: number, py: number): boolean {
  const n = ring.length;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    const a = ring[i], b = ring[(i + 1) % n];
    if ((b[0] - a[0]) * (py - a[1]) - (b[1] - a[1]) * (px - a[0]) < 0) return false;
  }
  return true;
}

/**
 * Point in (multi)polygon by the even-odd rule. `polygons` is GeoJSON-like MultiPolygon coordinates in metres:
 * polygon -> rings (first outer, others holes) -> positions [x, y].
 */
export function inMultiPolygon(polygons: number[][][][], px: number, py: number): boolean {
  let inside = false;
  for (const poly of polygons) {
    for (const ring of poly) {
      const n = ring.length;
      for (let i = 0, j = n - 1; i < n; j = i++) {
        const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
        if ((yi > py) !== (yj > py) && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

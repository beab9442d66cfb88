/**
 * Self-intersection finder for one polygonal geometry, O(n log n) through a flatbush index over the segments
 * (turf.kinks compares every pair of segments, which is O(n²) and too slow for detailed beat boundaries).
 *
 * Reported (all make the geometry invalid in the OGC simple-features sense):
 *  - 'crossing': two segments cross at an interior point (bow-tie), within a ring or between rings/parts;
 *  - 'self-touch': two non-adjacent segments of the same ring touch (ring passes through a point twice);
 *  - 'collinear-overlap': segments lie on each other over a length (spikes, doubled edges, hole sharing a shell edge).
 * A hole touching its shell, or two parts of a multipolygon touching, at a single point is allowed (valid OGC).
 * Consecutive duplicate vertices are ignored. Locations are in the input coordinates.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { polygonsOf } from './geometry';
import type { DistrictGeometry } from './types';

export type KinkKind = 'crossing' | 'self-touch' | 'collinear-overlap';

export interface Kink {
  kind: KinkKind;
  location: [number, number];
  /** Ring numbers (counted over all parts in order, 0 = first shell) of the two segments. */
  rings: [number, number];
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** Clean ring: drop consecutive duplicates and close it. Returns vertex list with last == first. */
function cleanRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) out.push(out[0]);
  return out;
}

export function findKinks(g: DistrictGeometry, maxKinks = 100): Kink[] {
  const rings: Position[][] = [];
  const ringPart: number[] = [];
  polygonsOf(g).forEach((poly, pi) => poly.forEach((r) => { rings.push(cleanRing(r)); ringPart.push(pi); }));
  let nSeg = 0;
  for (const r of rings) nSeg += Math.max(0, r.length - 1);
  if (nSeg < 2) return [];
  const sx0 = new Float64Array(nSeg), sy0 = new Float64Array(nSeg), sx1 = new Float64Array(nSeg), sy1 = new Float64Array(nSeg);
  const sRing = new Int32Array(nSeg), sIdx = new Int32Array(nSeg), ringSegs = new Int32Array(rings.length);
  const tree = new Flatbush(nSeg);
  let s = 0;
  rings.forEach((r, ri) => {
    ringSegs[ri] = Math.max(0, r.length - 1);
    for (let i = 0; i + 1 < r.length; i++, s++) {
      sx0[s] = r[i][0]; sy0[s] = r[i][1]; sx1[s] = r[i + 1][0]; sy1[s] = r[i + 1][1];
      sRing[s] = ri; sIdx[s] = i;
      tree.add(Math.min(sx0[s], sx1[s]), Math.min(sy0[s], sy1[s]), Math.max(sx0[s], sx1[s]), Math.max(sy0[s], sy1[s]));
    }
  });
  tree.finish();
  const out: Kink[] = [];
  const seen = new Set<string>();
  const push = (kind: KinkKind, x: number, y: number, ra: number, rb: number) => {
    const key = `${x.toPrecision(12)},${y.toPrecision(12)}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, location: [x, y], rings: [ra, rb] });
  };
  for (let a = 0; a < nSeg && out.length < maxKinks; a++) {
    const ax = sx0[a], ay = sy0[a], bx = sx1[a], by = sy1[a];
    const cands = tree.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    for (const b of cands) {
      if (b <= a) continue;
      const cx = sx0[b], cy = sy0[b], dx = sx1[b], dy = sy1[b];
      const sameRing = sRing[a] === sRing[b];
      const n = ringSegs[sRing[a]];
      const adjacent = sameRing && (Math.abs(sIdx[a] - sIdx[b]) === 1 || (n > 2 && Math.abs(sIdx[a] - sIdx[b]) === n - 1));
      const o1 = orient(ax, ay, bx, by, cx, cy), o2 = orient(ax, ay, bx, by, dx, dy);
      const o3 = orient(cx, cy, dx, dy, ax, ay), o4 = orient(cx, cy, dx, dy, bx, by);
      if (o1 * o2 < 0 && o3 * o4 < 0) {
        // proper crossing
        const den = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
        const t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / den;
        push('crossing', ax + t * (bx - ax), ay + t * (by - ay), sRing[a], sRing[b]);
        continue;
      }
      if (o1 === 0 && o2 === 0) {
        // collinear: overlap over a length?
        const useX = Math.abs(bx - ax) >= Math.abs(by - ay);
        const a0 = useX ? Math.min(ax, bx) : Math.min(ay, by), a1 = useX ? Math.max(ax, bx) : Math.max(ay, by);
        const b0 = useX ? Math.min(cx, dx) : Math.min(cy, dy), b1 = useX ? Math.max(cx, dx) : Math.max(cy, dy);
        const lo = Math.max(a0, b0), hi = Math.min(a1, b1);
        if (hi > lo) {
          // midpoint of the shared stretch, on segment a
          const v = (lo + hi) / 2;
          const t = useX ? (v - ax) / (bx - ax) : (v - ay) / (by - ay);
          const pick = [ax + t * (bx - ax), ay + t * (by - ay)];
          push('collinear-overlap', pick[0], pick[1], sRing[a], sRing[b]);
        } else if (hi === lo && sameRing && !adjacent) {
          const p = (ax === cx && ay === cy) || (ax === dx && ay === dy) ? [ax, ay] : [bx, by];
          push('self-touch', p[0], p[1], sRing[a], sRing[b]);
        }
        continue;
      }
      // touching at a point (an endpoint of one lies on the other)
      let touch: [number, number] | undefined;
      if (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) touch = [cx, cy];
      else if (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) touch = [dx, dy];
      else if (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) touch = [ax, ay];
      else if (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by)) touch = [bx, by];
      if (!touch) continue;
      if (sameRing && !adjacent) push('self-touch', touch[0], touch[1], sRing[a], sRing[b]);
      // different rings touching at one point: allowed; adjacent segments share their vertex by construction
    }
  }
  return out;
}

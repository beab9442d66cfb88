/**
 * Static spatial index helpers on top of kdbush 4 (a static kd-tree over typed arrays).
 * The traversal mirrors KDBush.withinInto but adds an optional time-window filter and an early exit,
 * so that DBSCAN core tests stop as soon as minPoints neighbours are seen.
 */
import Flatbush from 'flatbush';
import KDBush from 'kdbush';

export function buildIndex(x: Float64Array, y: Float64Array, nodeSize = 64): KDBush {
  const n = x.length;
  const index = new KDBush(Math.max(n, 1), nodeSize, Float64Array);
  if (n === 0) index.add(0, 0);
  for (let i = 0; i < n; i++) index.add(x[i], y[i]);
  return index.finish();
}

const STACK = new Int32Array(3 * 64);

/**
 * Ids within distance r of (qx, qy) (squared distance <= r^2) written to `out`; with `times`, only ids whose
 * |times[id] - tq| <= window. Stops after `limit` matches. Returns the number written.
 */
export function withinFiltered(
  index: KDBush, qx: number, qy: number, r: number, out: Uint32Array | Int32Array | null, limit: number,
  times?: Float64Array, tq = 0, window = Infinity,
): number {
  const ids = index.ids;
  const coords = index.coords as Float64Array;
  const nodeSize = index.nodeSize;
  const r2 = r * r;
  const useTime = times !== undefined && window !== Infinity;
  let sp = 0;
  STACK[sp++] = 0;
  STACK[sp++] = ids.length - 1;
  STACK[sp++] = 0;
  let count = 0;
  while (sp > 0) {
    const axis = STACK[--sp];
    const right = STACK[--sp];
    const left = STACK[--sp];
    if (right - left <= nodeSize) {
      for (let i = left; i <= right; i++) {
        const dx = coords[2 * i] - qx;
        const dy = coords[2 * i + 1] - qy;
        if (dx * dx + dy * dy <= r2) {
          const id = ids[i];
          if (useTime && !(Math.abs(times![id] - tq) <= window)) continue;
          if (out) out[count] = id;
          if (++count >= limit) return count;
        }
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m];
    const y = coords[2 * m + 1];
    const dx = x - qx;
    const dy = y - qy;
    if (dx * dx + dy * dy <= r2) {
      const id = ids[m];
      if (!useTime || Math.abs(times![id] - tq) <= window) {
        if (out) out[count] = id;
        if (++count >= limit) return count;
      }
    }
    if (axis === 0 ? qx - r <= x : qy - r <= y) {
      STACK[sp++] = left;
      STACK[sp++] = m - 1;
      STACK[sp++] = 1 - axis;
    }
    if (axis === 0 ? qx + r >= x : qy + r >= y) {
      STACK[sp++] = m + 1;
      STACK[sp++] = right;
      STACK[sp++] = 1 - axis;
    }
  }
  return count;
}

/**
 * Neighbour lists within distance r as CSR (offsets length n+1, neighbours), optionally excluding self.
 * Memory is O(total neighbours); intended for cell centroids (tens of thousands), not raw incidents.
 */
export function neighbourLists(
  x: Float64Array, y: Float64Array, r: number, includeSelf: boolean, index = buildIndex(x, y),
  onRow?: (i: number) => void,
): { offsets: Int32Array; neighbours: Int32Array } {
  const n = x.length;
  const offsets = new Int32Array(n + 1);
  const buf = new Uint32Array(Math.max(n, 1));
  let chunks: Int32Array[] = [];
  let cur = new Int32Array(1 << 16);
  let curLen = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (onRow && (i & 1023) === 0) onRow(i);
    const k = withinFiltered(index, x[i], y[i], r, buf, Infinity);
    for (let a = 0; a < k; a++) {
      const j = buf[a];
      if (!includeSelf && j === i) continue;
      if (curLen === cur.length) {
        chunks.push(cur);
        cur = new Int32Array(cur.length * 2);
        curLen = 0;
      }
      cur[curLen++] = j;
      total++;
    }
    offsets[i + 1] = total;
  }
  chunks.push(cur.subarray(0, curLen));
  const neighbours = new Int32Array(total);
  let o = 0;
  for (const c of chunks) {
    neighbours.set(c, o);
    o += c.length;
  }
  chunks = [];
  // sort each row for deterministic order
  for (let i = 0; i < n; i++) neighbours.subarray(offsets[i], offsets[i + 1]).sort();
  return { offsets, neighbours };
}

const NN_STACK = new Float64Array(4 * 64);

/**
 * Squared distance from (qx, qy) to the nearest indexed point at a strictly positive distance (coincident
 * points are skipped), by branch-and-bound on the kdbush tree. Infinity when there is none.
 */
export function nearestDistinctSq(index: KDBush, qx: number, qy: number): number {
  const ids = index.ids;
  const coords = index.coords as Float64Array;
  const nodeSize = index.nodeSize;
  let best = Infinity;
  let sp = 0;
  NN_STACK[sp++] = 0;
  NN_STACK[sp++] = ids.length - 1;
  NN_STACK[sp++] = 0;
  NN_STACK[sp++] = 0; // lower bound of squared distance to this subtree
  while (sp > 0) {
    const bound = NN_STACK[--sp];
    const axis = NN_STACK[--sp];
    const right = NN_STACK[--sp];
    const left = NN_STACK[--sp];
    if (bound >= best) continue;
    if (right - left <= nodeSize) {
      for (let i = left; i <= right; i++) {
        const dx = coords[2 * i] - qx;
        const dy = coords[2 * i + 1] - qy;
        const d2 = dx * dx + dy * dy;
        if (d2 > 0 && d2 < best) best = d2;
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m];
    const y = coords[2 * m + 1];
    const dx = x - qx;
    const dy = y - qy;
    const d2 = dx * dx + dy * dy;
    if (d2 > 0 && d2 < best) best = d2;
    const diff = axis === 0 ? qx - x : qy - y;
    const farBound = Math.max(bound, diff * diff);
    // push far side first so the near side is explored first
    if (diff < 0) {
      NN_STACK[sp++] = m + 1; NN_STACK[sp++] = right; NN_STACK[sp++] = 1 - axis; NN_STACK[sp++] = farBound;
      NN_STACK[sp++] = left; NN_STACK[sp++] = m - 1; NN_STACK[sp++] = 1 - axis; NN_STACK[sp++] = bound;
    } else {
      NN_STACK[sp++] = left; NN_STACK[sp++] = m - 1; NN_STACK[sp++] = 1 - axis; NN_STACK[sp++] = farBound;
      NN_STACK[sp++] = m + 1; NN_STACK[sp++] = right; NN_STACK[sp++] = 1 - axis; NN_STACK[sp++] = bound;
    }
  }
  return best;
}

/**
 * Distance from each query point to its k-th nearest other point (self excluded by index), using flatbush's
 * kNN. Intended for feature centroids (up to ~10^5), not raw incidents.
 */
export function kthNeighbourDistances(x: Float64Array, y: Float64Array, k: number): Float64Array {
  const n = x.length;
  const fb = new Flatbush(Math.max(n, 1));
  for (let i = 0; i < n; i++) fb.add(x[i], y[i], x[i], y[i]);
  if (n === 0) fb.add(0, 0, 0, 0);
  fb.finish();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const res = fb.neighbors(x[i], y[i], k, Infinity, (j: number) => j !== i);
    const j = res[res.length - 1];
    out[i] = j === undefined ? NaN : Math.hypot(x[j] - x[i], y[j] - y[i]);
  }
  return out;
}

/**
 * Level of detail for the report points where WebGL is software-rendered (SwiftShader, llvmpipe: VMs and
 * thin clients without a GPU). There every drawn instance costs ~10 µs, so 1M points take 10+ s per frame;
 * on a GPU they take milliseconds and all points are drawn with the GPU filter.
 *
 * With a budget, the points that pass the filter inside the (padded) view are drawn as they are when they
 * fit the budget; otherwise one report per occupied screen cell is drawn (the newest one, with its own
 * colour). A cell starts at the dot's diameter, so where dots overlapped anyway the picture is the same,
 * and grows until the budget holds.
 */

export interface PointSample {
  /** Drawn reports: indices into the report columns. */
  index: Uint32Array;
  /** Their positions (lon, lat interleaved). */
  position: Float32Array;
  /** Reports passing the filter in each drawn report's cell (1 each when nothing was thinned). */
  count: Uint32Array;
  /** Reports passing the filter inside the sampled bounds. */
  inView: number;
  /** Cell size in screen pixels when thinned, 0 when every report is drawn. */
  cellPx: number;
}

/** Pixels per degree of longitude at a web-mercator zoom (512-px world, as MapLibre and deck.gl). */
export function pixelsPerDegree(zoom: number): number {
  return (512 * 2 ** zoom) / 360;
}

let scratch = new Uint32Array(0);

/**
 * Reports passing `mask` inside `bounds` ([west, south, east, north]), thinned to at most `budget`
 * screen cells of at least `minCellPx` pixels at `zoom`.
 */
export function samplePoints(
  position: Float32Array,
  mask: Uint8Array,
  bounds: [number, number, number, number],
  zoom: number,
  minCellPx: number,
  budget: number,
): PointSample {
  const [w, s, e, n] = bounds;
  const count = mask.length;
  if (scratch.length < count) scratch = new Uint32Array(count);
  let m = 0;
  let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
  for (let i = 0; i < count; i++) {
    if (mask[i] === 0) continue;
    const x = position[2 * i];
    const y = position[2 * i + 1];
    if (x >= w && x <= e && y >= s && y <= n) {
      scratch[m++] = i;
      if (x < bx0) bx0 = x;
      if (x > bx1) bx1 = x;
      if (y < by0) by0 = y;
      if (y > by1) by1 = y;
    }
  }
  if (m <= budget) return gather(position, scratch.subarray(0, m), new Uint32Array(m).fill(1), m, 0);

  const cosLat = Math.cos((((s + n) / 2) * Math.PI) / 180);
  let cellPx = Math.max(1, minCellPx);
  // a first guess from the area the points in view span (not the whole view: they may fill a corner
  // of it), then grow until the budget holds
  const ppd = pixelsPerDegree(zoom);
  const areaPx = ((bx1 - bx0) * ppd) * (((by1 - by0) * ppd) / cosLat);
  cellPx = Math.max(cellPx, Math.sqrt(areaPx / (budget * 4)));
  for (let attempt = 0; ; attempt++) {
    const dLon = cellPx / ppd;
    const dLat = dLon * cosLat;
    const gx = Math.max(1, Math.ceil((e - w) / dLon));
    const gy = Math.max(1, Math.ceil((n - s) / dLat));
    const cells = new Int32Array(gx * gy).fill(-1);
    const counts = new Uint32Array(gx * gy);
    const occupied: number[] = [];
    let over = false;
    for (let j = 0; j < m; j++) {
      const i = scratch[j];
      const cx = Math.min(gx - 1, Math.floor((position[2 * i] - w) / dLon));
      const cy = Math.min(gy - 1, Math.floor((position[2 * i + 1] - s) / dLat));
      const k = cy * gx + cx;
      if (cells[k] < 0) {
        if (occupied.length >= budget && attempt < 12) {
          over = true;
          break;
        }
        occupied.push(k);
      }
      cells[k] = i; // reports are ordered by id: the newest in the cell wins
      counts[k]++;
    }
    if (over) {
      cellPx *= 1.4;
      continue;
    }
    // in report order (ascending index): the order the full layer would draw them in
    const order = occupied.map((k) => cells[k]).map((i, j) => [i, j] as const).sort((a, b) => a[0] - b[0]);
    const index = new Uint32Array(order.length);
    const count = new Uint32Array(order.length);
    for (let k = 0; k < order.length; k++) {
      index[k] = order[k][0];
      count[k] = counts[occupied[order[k][1]]];
    }
    return gather(position, index, count, m, cellPx);
  }
}

function gather(position: Float32Array, index: Uint32Array, count: Uint32Array, inView: number, cellPx: number): PointSample {
  const idx = Uint32Array.from(index);
  const pos = new Float32Array(2 * idx.length);
  for (let k = 0; k < idx.length; k++) {
    pos[2 * k] = position[2 * idx[k]];
    pos[2 * k + 1] = position[2 * idx[k] + 1];
  }
  return { index: idx, position: pos, count, inView, cellPx };
}

/** RGBA colours of the sampled reports from the per-report colour column. */
export function sampleColors(colors: Uint8Array, sample: PointSample): Uint8Array {
  const out = new Uint8Array(4 * sample.index.length);
  for (let k = 0; k < sample.index.length; k++) out.set(colors.subarray(4 * sample.index[k], 4 * sample.index[k] + 4), 4 * k);
  return out;
}

/**
 * Dot radius factor of a thinned cell: from 1 (few reports) to 2.5 for the busiest cell in view, by the
 * square root of the share of that cell's count (a log scale looked flat: most cells hold hundreds), so
 * hot spots stand out whatever the zoom.
 */
export function thinnedRadiusScale(count: number, maxCount: number): number {
  if (maxCount <= 1 || count <= 1) return 1;
  return 1 + 1.5 * Math.sqrt(Math.min(count, maxCount) / maxCount);
}

/** The bounds grown by `pad` of their width and height on every side (a pan shows no empty strip at once). */
export function padBounds(b: [number, number, number, number], pad: number): [number, number, number, number] {
  const dx = (b[2] - b[0]) * pad;
  const dy = (b[3] - b[1]) * pad;
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
}

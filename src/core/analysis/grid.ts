/**
 * Regular tessellations in EPSG:2180 metres, computed arithmetically (no polygon tests), so 1M points
 * aggregate in a few tens of milliseconds.
 *
 * Layouts (cell index = row * cols + col, rows and cols counted from the grid origin, which is the south-west):
 * - 'square': side `size` m; cell (col, row) covers [ox + col*size, ox + (col+1)*size) x [oy + row*size, ...).
 * - 'hex-pointy': pointy-top hexagons with circumradius = side = `size` m, "odd-r" offset rows:
 *   centre = (ox + sqrt3*size*(col + 0.5*(row&1)), oy + 1.5*size*row); neighbour centres sqrt3*size apart.
 * - 'hex-flat': flat-top hexagons, side `size`, "odd-q" offset columns:
 *   centre = (ox + 1.5*size*col, oy + sqrt3*size*(row + 0.5*(col&1))); neighbour centres sqrt3*size apart.
 * Hexagon area = 3*sqrt3/2 * size^2; square area = size^2. Points are assigned to the hexagon whose centre is
 * nearest (axial coordinates + cube rounding), which is exact point-in-hexagon up to boundary ties.
 */
import { assertPositive } from './common';

export type GridKind = 'square' | 'hex-pointy' | 'hex-flat';

export interface GridSpec {
  kind: GridKind;
  /** Square side or hexagon side (= circumradius), metres. */
  size: number;
  /** Layout origin (centre of cell col 0 row 0 for hexagons, south-west corner of cell 0 for squares), metres. */
  originX: number;
  originY: number;
  cols: number;
  rows: number;
}

const SQRT3 = Math.sqrt(3);

export function cellArea(spec: Pick<GridSpec, 'kind' | 'size'>): number {
  return spec.kind === 'square' ? spec.size * spec.size : ((3 * SQRT3) / 2) * spec.size * spec.size;
}

/** Centre-to-centre distance between edge-adjacent cells. */
export function cellSpacing(spec: Pick<GridSpec, 'kind' | 'size'>): number {
  return spec.kind === 'square' ? spec.size : SQRT3 * spec.size;
}

/** Grid-relative (col, row) of the cell containing (x, y), before clipping to [0, cols) x [0, rows). */
function locate(kind: GridKind, size: number, ox: number, oy: number, x: number, y: number, out: Int32Array): void {
  if (kind === 'square') {
    out[0] = Math.floor((x - ox) / size);
    out[1] = Math.floor((y - oy) / size);
    return;
  }
  const px = (x - ox) / size;
  const py = (y - oy) / size;
  let qf: number, rf: number;
  if (kind === 'hex-pointy') {
    qf = (SQRT3 / 3) * px - py / 3;
    rf = (2 / 3) * py;
  } else {
    qf = (2 / 3) * px;
    rf = -px / 3 + (SQRT3 / 3) * py;
  }
  // cube rounding
  const sf = -qf - rf;
  let q = Math.round(qf), r = Math.round(rf);
  const s = Math.round(sf);
  const dq = Math.abs(q - qf), dr = Math.abs(r - rf), ds = Math.abs(s - sf);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  if (kind === 'hex-pointy') {
    out[0] = q + (r - (r & 1)) / 2;
    out[1] = r;
  } else {
    out[0] = q;
    out[1] = r + (q - (q & 1)) / 2;
  }
}

/** Centre of cell (col, row). */
export function cellCentre(spec: GridSpec, col: number, row: number): [number, number] {
  const { kind, size, originX: ox, originY: oy } = spec;
  if (kind === 'square') return [ox + (col + 0.5) * size, oy + (row + 0.5) * size];
  if (kind === 'hex-pointy') return [ox + SQRT3 * size * (col + 0.5 * (row & 1)), oy + 1.5 * size * row];
  return [ox + 1.5 * size * col, oy + SQRT3 * size * (row + 0.5 * (col & 1))];
}

const LOCATE_BUF = new Int32Array(2);

/** Cell index containing (x, y), or -1 outside the grid. */
export function cellIndexOf(spec: GridSpec, x: number, y: number): number {
  const cr = LOCATE_BUF;
  locate(spec.kind, spec.size, spec.originX, spec.originY, x, y, cr);
  if (cr[0] < 0 || cr[1] < 0 || cr[0] >= spec.cols || cr[1] >= spec.rows) return -1;
  return cr[1] * spec.cols + cr[0];
}

/** Closed counter-clockwise ring of the cell polygon ([x, y] metres, first vertex repeated at the end). */
export function cellPolygon(spec: GridSpec, cell: number): [number, number][] {
  const col = cell % spec.cols;
  const row = (cell - col) / spec.cols;
  const [cx, cy] = cellCentre(spec, col, row);
  const s = spec.size;
  const ring: [number, number][] = [];
  if (spec.kind === 'square') {
    const h = s / 2;
    ring.push([cx - h, cy - h], [cx + h, cy - h], [cx + h, cy + h], [cx - h, cy + h]);
  } else {
    const a0 = spec.kind === 'hex-pointy' ? Math.PI / 6 : 0;
    for (let k = 0; k < 6; k++) {
      const a = a0 + (k * Math.PI) / 3;
      ring.push([cx + s * Math.cos(a), cy + s * Math.sin(a)]);
    }
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

export interface GridAggregation {
  spec: GridSpec;
  /** Count per grid cell (length cols*rows). */
  counts: Float64Array;
  /** Cell index per input point (-1 for non-finite coordinates). */
  cellOfPoint: Int32Array;
}

/**
 * Build a grid covering the points' bounding box (plus one cell of margin) and count points per cell.
 * Non-finite coordinates are skipped (cellOfPoint = -1).
 */
export function aggregateToGrid(x: Float64Array, y: Float64Array, kind: GridKind, size: number, maxCells = 20_000_000): GridAggregation {
  assertPositive('cell size', size);
  const n = x.length;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const xi = x[i], yi = y[i];
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    if (xi < minX) minX = xi;
    if (xi > maxX) maxX = xi;
    if (yi < minY) minY = yi;
    if (yi > maxY) maxY = yi;
  }
  if (minX === Infinity) throw new Error('No points with finite coordinates.');
  const spec = gridForBounds(kind, size, minX, minY, maxX, maxY);
  if (spec.cols * spec.rows > maxCells) {
    throw new Error(`The grid would have ${spec.cols * spec.rows} cells (limit ${maxCells}); choose a larger cell size.`);
  }
  const counts = new Float64Array(spec.cols * spec.rows);
  const cellOfPoint = new Int32Array(n);
  const cr = new Int32Array(2);
  for (let i = 0; i < n; i++) {
    const xi = x[i], yi = y[i];
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) { cellOfPoint[i] = -1; continue; }
    locate(kind, size, spec.originX, spec.originY, xi, yi, cr);
    const c = cr[1] * spec.cols + cr[0];
    cellOfPoint[i] = c;
    counts[c]++;
  }
  return { spec, counts, cellOfPoint };
}

/** Grid spec whose cells cover [minX, maxX] x [minY, maxY] with at least one cell of margin on every side. */
export function gridForBounds(kind: GridKind, size: number, minX: number, minY: number, maxX: number, maxY: number): GridSpec {
  if (kind === 'square') {
    const ox = Math.floor(minX / size) * size - size;
    const oy = Math.floor(minY / size) * size - size;
    return { kind, size, originX: ox, originY: oy, cols: Math.floor((maxX - ox) / size) + 2, rows: Math.floor((maxY - oy) / size) + 2 };
  }
  // Hexagons: choose the origin one cell spacing below/left of the bounds, snapped to a global lattice so that
  // grids of the same size over different data align.
  const dx = kind === 'hex-pointy' ? SQRT3 * size : 1.5 * size;
  const dy = kind === 'hex-pointy' ? 1.5 * size : SQRT3 * size;
  // Snap to an even number of rows (pointy) / cols (flat) so the odd/even offset parity is global.
  const ox = kind === 'hex-pointy' ? Math.floor(minX / dx - 1) * dx : Math.floor(minX / (2 * dx) - 1) * 2 * dx;
  const oy = kind === 'hex-pointy' ? Math.floor(minY / (2 * dy) - 1) * 2 * dy : Math.floor(minY / dy - 1) * dy;
  const cols = Math.ceil((maxX - ox) / dx) + 2;
  const rows = Math.ceil((maxY - oy) / dy) + 2;
  return { kind, size, originX: ox, originY: oy, cols, rows };
}

/** Centres of the listed cells. */
export function cellCentres(spec: GridSpec, cells: Int32Array): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(cells.length);
  const y = new Float64Array(cells.length);
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k];
    const col = c % spec.cols;
    const [cx, cy] = cellCentre(spec, col, (c - col) / spec.cols);
    x[k] = cx;
    y[k] = cy;
  }
  return { x, y };
}

/**
 * Count points per listed cell (same order as `cells`, which must be ascending as returned by the hot spot
 * functions); points outside the listed cells are ignored. Used e.g. to count a test period on a training grid.
 */
export function countInCells(spec: GridSpec, cells: Int32Array, x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(cells.length);
  const cr = new Int32Array(2);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
    locate(spec.kind, spec.size, spec.originX, spec.originY, x[i], y[i], cr);
    if (cr[0] < 0 || cr[1] < 0 || cr[0] >= spec.cols || cr[1] >= spec.rows) continue;
    const c = cr[1] * spec.cols + cr[0];
    // binary search in ascending cells
    let lo = 0, hi = cells.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cells[mid] < c) lo = mid + 1; else if (cells[mid] > c) hi = mid - 1; else { out[mid]++; break; }
    }
  }
  return out;
}

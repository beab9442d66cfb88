/**
 * Place-scale Gi* — the DEFAULT hot spot rule of Rejon (`gistar` without `band: 'auto-isa'`).
 *
 * Why: the ArcGIS "optimized" settings (hotspot.ts) tie the band to the whole command. On a city plus rural
 * communes the incremental spatial autocorrelation curve rises almost monotonically, its "first peak" is the
 * widest band (2.6 km on the demo) and Gi*, which compares every cell with ONE global mean, paints the whole
 * city hot, empty cells included. A commander asks which PLACES are hot, so this rule works at place scale and
 * compares like with like.
 *
 * The rule (every choice is recorded in `params` of the result):
 * 1. Strata ("kinds of area"): the caller passes the study area as strata, normally the beats grouped by their
 *    kind (city / rural). A cell belongs to the stratum containing its centre; cells with reports outside every
 *    stratum form one extra stratum. Without strata the study area is the convex hull of the reports.
 * 2. Cell: hexagons (or squares) whose area is that of a square of side a (side rounded to 1 m), a = the MEDIAN distance from a report to
 *    the nearest other report location (distinct locations, seeded sample of ≤ 10,000 reports), clamped to
 *    100–200 m (place scale) and rounded to 2 significant digits. The median follows the dense part of the data
 *    (where most reports are), not the sparse villages.
 * 3. Band (the "place window" summed by Gi*), PER STRATUM: the median distance from a report of the stratum to
 *    its (minReports − 1)-th nearest other report of the stratum — the radius that typically holds a minimum
 *    hotspot's worth of reports — capped at 250 m (street scale). In dense data it is below the cell spacing and
 *    the window is the cell alone; a city gets a narrower window than its villages.
 * 4. Reference ("surroundings"): each cell is tested against the cells OF ITS OWN STRATUM whose centres lie
 *    within R = max(1,000 m, 4 × the stratum's band, 4 × the cell spacing), as if the study area were that disc: n_i cells holding N_i reports,
 *    W_i of them within the band holding O_i reports. Gi*'s numerator O_i − N_i W_i / n_i is tested with the
 *    variance of complete spatial randomness inside the surroundings (the reports of the disc placed at random
 *    over its cells: O_i ~ Binomial(N_i, W_i / n_i)), exact two-sided tail, z = (O_i − E_i) / √(N_i q (1 − q)).
 *    Compared with Gi*'s permutation variance (S² of the cell counts) this neither inflates sparse counts (a
 *    lone report in the fields is not "99 % hot") nor lets a busy square nearby mask a second place (its counts
 *    would inflate S²). A city cell is compared with the city around it, a village cell with its village and
 *    fields; a dense district no longer makes itself hot against the rural mean. A cell whose surroundings hold
 *    fewer than 30 cells (ArcGIS's minimum) or no report, or whose band covers all of them, is not tested
 *    (z = 0, p = 1). The classic permutation variance is available as `variance: 'permutation'`.
 * 5. Bins ±1/±2/±3 at 90/95/99 % with Benjamini-Hochberg FDR over all analysed cells (stats.ts).
 * 6. Hotspots (hotspotList.ts): hot cells WITH at least one report; edge-adjacent ones form one hotspot; a
 *    hotspot needs ≥ minReports (default 5) reports. Hot cells outside a listed hotspot are shown as not
 *    significant (their raw bin is kept in `rawBins`). Cells without reports are never hot.
 * 7. Ranking: see hotspotList.ts (Poisson log-likelihood ratio of the hotspot's core against its surroundings).
 */
import { Progress, assertPositive, assertSameLength, type RunOptions } from './common';
import { cellArea, cellCentre, cellIndexOf, cellSpacing, gridForBounds, type GridSpec } from './grid';
import { convexHull } from './hull';
import { mulberry32, sampleIndices } from './random';
import { buildIndex, nearestDistinctSq } from './spatial';
import { confidenceBins, pTwoSided, quantile } from './stats';
import Flatbush from 'flatbush';
import { binomCdf, binomSf } from '../districts/exact';

/** A stratum of the study area: EPSG:2180 MultiPolygon coordinates (polygon → rings → [x, y]). */
export interface Stratum {
  name: string;
  polygons: number[][][][];
}

export type PlaceGridKind = 'hex-pointy' | 'square';

/** Place-scale limits of the automatic rules (metres). */
export const PLACE_SCALE = { minCell: 100, maxCell: 200, maxBand: 250, referenceRadius: 1000, minReferenceCells: 30 } as const;

/** A raster of the study area at place scale: counts and the stratum of every grid cell. */
export interface PlaceRaster {
  spec: GridSpec;
  /** Count of reports per grid cell (length cols * rows). */
  counts: Float64Array;
  /** Stratum index per grid cell, -1 outside the study area. */
  stratumOfCell: Int16Array;
  /** Grid cell of every input point (-1 for non-finite coordinates). */
  cellOfPoint: Int32Array;
  /** Names of the strata; the last is '(outside)' when reports lie outside every stratum. */
  strata: string[];
  /** Area of one cell, m². */
  cellArea: number;
}

function roundSig(v: number, digits: number): number {
  if (!(v > 0)) return v;
  const e = Math.floor(Math.log10(v)) - digits + 1;
  const f = 10 ** e;
  return Math.round(v / f) * f;
}

/** Side of a cell (square side or hexagon side) whose area equals a square of side `a`. */
export function sideForSquareEquivalent(kind: PlaceGridKind, a: number): number {
  return kind === 'square' ? a : Math.sqrt((2 * a * a) / (3 * Math.sqrt(3)));
}

/**
 * Automatic place-scale cell (module doc, step 2): the square-equivalent side a and the cell side for `kind`.
 */
export function placeCellSize(
  x: Float64Array, y: Float64Array, kind: PlaceGridKind = 'hex-pointy', opts: { sample?: number; seed?: number } = {},
): { cellSize: number; squareSide: number; medianNearestNeighbour: number; rule: 'median-nn' | 'min-place' | 'max-place' } {
  const n = x.length;
  if (n < 2) throw new Error('Hot spot analysis needs incidents with coordinates.');
  const index = buildIndex(x, y);
  const sample = sampleIndices(n, opts.sample ?? 10_000, mulberry32(opts.seed ?? 1));
  const d: number[] = [];
  for (let k = 0; k < sample.length; k++) {
    const i = sample[k];
    const d2 = nearestDistinctSq(index, x[i], y[i]);
    if (Number.isFinite(d2)) d.push(Math.sqrt(d2));
  }
  if (d.length === 0) throw new Error('All incidents are at the same location: no cell size can be derived.');
  const med = quantile(d, 0.5);
  const a = roundSig(Math.min(PLACE_SCALE.maxCell, Math.max(PLACE_SCALE.minCell, med)), 2);
  const rule = med < PLACE_SCALE.minCell ? 'min-place' : med > PLACE_SCALE.maxCell ? 'max-place' : 'median-nn';
  return { cellSize: Math.round(sideForSquareEquivalent(kind, a)), squareSide: a, medianNearestNeighbour: med, rule };
}

/**
 * Automatic place-scale band (module doc, step 3): median distance from a report to its k-th nearest other
 * report (k = minReports - 1, at least 1), capped at 250 m (below the cell spacing the window is the cell alone).
 */
export function placeBand(
  x: Float64Array, y: Float64Array, minReports: number, opts: { sample?: number; seed?: number } = {},
): { distanceBand: number; kthDistance: number; k: number; rule: 'kth-median' | 'max-place' } {
  const n = x.length;
  const k = Math.max(1, Math.min(minReports - 1, n - 1));
  const fb = new Flatbush(Math.max(n, 1));
  for (let i = 0; i < n; i++) fb.add(x[i], y[i], x[i], y[i]);
  if (n === 0) fb.add(0, 0, 0, 0);
  fb.finish();
  const sample = sampleIndices(n, opts.sample ?? 10_000, mulberry32((opts.seed ?? 1) + 1));
  const d: number[] = [];
  for (let s = 0; s < sample.length; s++) {
    const i = sample[s];
    const res = fb.neighbors(x[i], y[i], k, Infinity, (j: number) => j !== i);
    const j = res[res.length - 1];
    if (j !== undefined && res.length === k) d.push(Math.hypot(x[j] - x[i], y[j] - y[i]));
  }
  const cap = PLACE_SCALE.maxBand;
  const kth = d.length > 0 ? quantile(d, 0.5) : cap;
  const band = Math.min(cap, kth);
  return { distanceBand: band, kthDistance: kth, k, rule: kth > cap ? 'max-place' : 'kth-median' };
}

// ---- grid rows ----

/** x step between cells of a row, and the row's offset in steps (odd rows of pointy hexagons are shifted). */
function rowGeometry(spec: GridSpec): { dx: number; rowY: (row: number) => number; offset: (row: number) => number } {
  if (spec.kind === 'square') {
    return { dx: spec.size, rowY: (r) => spec.originY + (r + 0.5) * spec.size, offset: () => 0.5 };
  }
  if (spec.kind !== 'hex-pointy') throw new Error('Place-scale grids are pointy hexagons or squares.');
  const dx = Math.sqrt(3) * spec.size;
  return { dx, rowY: (r) => spec.originY + 1.5 * spec.size * r, offset: (r) => 0.5 * (r & 1) };
}

/**
 * Call `onCell(c)` for every grid cell whose centre lies inside `polygons` (even-odd rule over all rings:
 * holes excluded), by scanlines along the grid rows: O(edges × rows spanned + cells).
 */
export function rasterizePolygons(spec: GridSpec, polygons: number[][][][], onCell: (cell: number) => void): void {
  const { dx, rowY, offset } = rowGeometry(spec);
  const rowH = spec.kind === 'square' ? spec.size : 1.5 * spec.size;
  const y0 = rowY(0);
  const crossings: number[][] = Array.from({ length: spec.rows }, () => []);
  for (const poly of polygons) {
    for (const ring of poly) {
      const m = ring.length;
      for (let a = 0, b = m - 1; a < m; b = a++) {
        const [xa, ya] = ring[a];
        const [xb, yb] = ring[b];
        if (ya === yb) continue;
        const lo = Math.min(ya, yb), hi = Math.max(ya, yb);
        let r0 = Math.ceil((lo - y0) / rowH), r1 = Math.floor((hi - y0) / rowH);
        if (r0 < 0) r0 = 0;
        if (r1 > spec.rows - 1) r1 = spec.rows - 1;
        for (let r = r0; r <= r1; r++) {
          const y = rowY(r);
          // half-open rule: an edge counts when exactly one end is strictly above the scanline
          if ((ya > y) === (yb > y)) continue;
          crossings[r].push(xa + ((y - ya) * (xb - xa)) / (yb - ya));
        }
      }
    }
  }
  for (let r = 0; r < spec.rows; r++) {
    const xs = crossings[r];
    if (xs.length < 2) continue;
    xs.sort((p, q) => p - q);
    const off = offset(r);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      let c0 = Math.ceil((xs[k] - spec.originX) / dx - off);
      let c1 = Math.floor((xs[k + 1] - spec.originX) / dx - off);
      if (c0 < 0) c0 = 0;
      if (c1 > spec.cols - 1) c1 = spec.cols - 1;
      for (let c = c0; c <= c1; c++) onCell(r * spec.cols + c);
    }
  }
}

/**
 * The study area rasterised at the given cell size: counts per cell and the stratum of every cell
 * (module doc, step 1). Without strata, the convex hull of the points is the one stratum.
 */
export function buildPlaceRaster(
  points: { x: Float64Array; y: Float64Array }, strata: Stratum[] | undefined, kind: PlaceGridKind, cellSize: number, maxCells = 4_000_000,
): PlaceRaster {
  assertPositive('cell size', cellSize);
  const { x, y } = points;
  const n = x.length;
  let st = strata && strata.length > 0 ? strata : null;
  if (!st) {
    const hull = convexHull(x, y);
    st = [{ name: '(hull)', polygons: hull.length >= 3 ? [[[...hull, hull[0]]]] : [] }];
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const grow = (px: number, py: number) => {
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
  };
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) grow(x[i], y[i]);
  for (const s of st) for (const poly of s.polygons) for (const p of poly[0] ?? []) grow(p[0], p[1]);
  if (minX === Infinity) throw new Error('No points with finite coordinates.');
  const spec = gridForBounds(kind, cellSize, minX, minY, maxX, maxY);
  const total = spec.cols * spec.rows;
  if (total > maxCells) throw new Error(`The grid would have ${total} cells (limit ${maxCells}); choose a larger cell size.`);
  const stratumOfCell = new Int16Array(total).fill(-1);
  st.forEach((s, k) => rasterizePolygons(spec, s.polygons, (c) => {
    if (stratumOfCell[c] < 0) stratumOfCell[c] = k;
  }));
  const counts = new Float64Array(total);
  const cellOfPoint = new Int32Array(n);
  let outside = false;
  for (let i = 0; i < n; i++) {
    const c = Number.isFinite(x[i]) && Number.isFinite(y[i]) ? cellIndexOf(spec, x[i], y[i]) : -1;
    cellOfPoint[i] = c;
    if (c < 0) continue;
    counts[c]++;
    if (stratumOfCell[c] < 0) outside = true;
  }
  const names = st.map((s) => s.name);
  if (outside) {
    const k = names.length;
    names.push('(outside)');
    for (let c = 0; c < total; c++) if (counts[c] > 0 && stratumOfCell[c] < 0) stratumOfCell[c] = k;
  }
  return { spec, counts, stratumOfCell, cellOfPoint, strata: names, cellArea: cellArea(spec) };
}

/**
 * Sums over the cells of one stratum within a radius, by row ranges on per-row prefix sums. Construct once per
 * stratum; `sum(cell, radius)` returns [cells, Σx, Σx²] over same-stratum cells with centres within radius.
 */
export class StratumSums {
  private readonly p0: Float64Array;
  private readonly p1: Float64Array;
  private readonly p2: Float64Array;
  private readonly geo: ReturnType<typeof rowGeometry>;
  private readonly stride: number;
  private readonly rowH: number;
  constructor(private readonly raster: PlaceRaster, stratum: number) {
    const { spec, counts, stratumOfCell } = raster;
    this.geo = rowGeometry(spec);
    this.stride = spec.cols + 1;
    this.rowH = spec.kind === 'square' ? spec.size : 1.5 * spec.size;
    const size = spec.rows * this.stride;
    this.p0 = new Float64Array(size);
    this.p1 = new Float64Array(size);
    this.p2 = new Float64Array(size);
    for (let r = 0; r < spec.rows; r++) {
      const base = r * this.stride;
      let a0 = 0, a1 = 0, a2 = 0;
      for (let c = 0; c < spec.cols; c++) {
        const cell = r * spec.cols + c;
        if (stratumOfCell[cell] === stratum) {
          const v = counts[cell];
          a0 += 1;
          a1 += v;
          a2 += v * v;
        }
        this.p0[base + c + 1] = a0;
        this.p1[base + c + 1] = a1;
        this.p2[base + c + 1] = a2;
      }
    }
  }

  /** [n, Σx, Σx²] over same-stratum cells whose centres lie within `radius` of the centre of `cell`. */
  sum(cell: number, radius: number, out: Float64Array): void {
    const { spec } = this.raster;
    const row = Math.floor(cell / spec.cols);
    const col = cell - row * spec.cols;
    const { dx, rowY, offset } = this.geo;
    const yi = rowY(row);
    const xi = spec.originX + dx * (col + offset(row));
    this.sumAt(xi, yi, radius, out, row);
    void yi;
  }

  /** As sum() around an arbitrary point (x, y); `nearRow` is a hint (any row). */
  sumAt(xi: number, yi: number, radius: number, out: Float64Array, nearRow?: number): void {
    const { spec } = this.raster;
    const { dx, rowY, offset } = this.geo;
    const r = radius * (1 + 1e-9);
    const y0 = rowY(0);
    let r0 = Math.ceil((yi - r - y0) / this.rowH), r1 = Math.floor((yi + r - y0) / this.rowH);
    if (r0 < 0) r0 = 0;
    if (r1 > spec.rows - 1) r1 = spec.rows - 1;
    void nearRow;
    let n = 0, s1 = 0, s2 = 0;
    for (let q = r0; q <= r1; q++) {
      const dy = rowY(q) - yi;
      const h2 = r * r - dy * dy;
      if (h2 < 0) continue;
      const half = Math.sqrt(h2);
      const off = offset(q);
      let c0 = Math.ceil((xi - half - spec.originX) / dx - off);
      let c1 = Math.floor((xi + half - spec.originX) / dx - off);
      if (c0 < 0) c0 = 0;
      if (c1 > spec.cols - 1) c1 = spec.cols - 1;
      if (c1 < c0) continue;
      const base = q * this.stride;
      n += this.p0[base + c1 + 1] - this.p0[base + c0];
      s1 += this.p1[base + c1 + 1] - this.p1[base + c0];
      s2 += this.p2[base + c1 + 1] - this.p2[base + c0];
    }
    out[0] = n;
    out[1] = s1;
    out[2] = s2;
  }
}

export interface LocalGiResult {
  /** Analysed grid cells (ascending), their centres, counts and stratum. */
  cells: Int32Array;
  cx: Float64Array;
  cy: Float64Array;
  counts: Float64Array;
  stratum: Int16Array;
  z: Float64Array;
  p: Float64Array;
  /** Same-stratum cells within the band (W_i), the cell itself included. */
  neighbours: Int32Array;
  /** Same-stratum cells within the reference radius (n_i). */
  referenceCells: Int32Array;
  /** Mean count per cell in the reference disc (x̄_i). */
  referenceMean: Float64Array;
  tested: number;
}

/** Gi* of every analysed cell against its same-stratum surroundings (module doc, step 4); band and radius per stratum or one for all. */
export function localGiStar(
  raster: PlaceRaster, band: number | ArrayLike<number>, referenceRadius: number | ArrayLike<number>, minReferenceCells: number = PLACE_SCALE.minReferenceCells,
  options?: RunOptions, variance: 'csr' | 'permutation' = 'csr',
): LocalGiResult {
  const bandOf = (s: number) => (typeof band === 'number' ? band : band[s]);
  const radiusOf = (s: number) => (typeof referenceRadius === 'number' ? referenceRadius : referenceRadius[s]);
  const { spec, counts, stratumOfCell } = raster;
  const total = spec.cols * spec.rows;
  const progress = new Progress(options, [1, 8]);
  let m = 0;
  for (let c = 0; c < total; c++) if (stratumOfCell[c] >= 0) m++;
  const cells = new Int32Array(m);
  m = 0;
  for (let c = 0; c < total; c++) if (stratumOfCell[c] >= 0) cells[m++] = c;
  const cx = new Float64Array(m), cy = new Float64Array(m), cnt = new Float64Array(m);
  const stratum = new Int16Array(m);
  for (let k = 0; k < m; k++) {
    const c = cells[k];
    const col = c % spec.cols;
    const [px, py] = cellCentre(spec, col, (c - col) / spec.cols);
    cx[k] = px;
    cy[k] = py;
    cnt[k] = counts[c];
    stratum[k] = stratumOfCell[c];
  }
  progress.report(0, 1);
  const z = new Float64Array(m), p = new Float64Array(m).fill(1);
  const neighbours = new Int32Array(m), referenceCells = new Int32Array(m);
  const referenceMean = new Float64Array(m);
  const ref = new Float64Array(3), win = new Float64Array(3);
  let tested = 0, done = 0;
  for (let s = 0; s < raster.strata.length; s++) {
    const sums = new StratumSums(raster, s);
    const b = bandOf(s), R = radiusOf(s);
    for (let k = 0; k < m; k++) {
      if (stratum[k] !== s) continue;
      if ((++done & 4095) === 0) progress.report(1, done / m);
      const c = cells[k];
      sums.sum(c, R, ref);
      const n = ref[0];
      referenceCells[k] = n;
      referenceMean[k] = n > 0 ? ref[1] / n : 0;
      if (ref[1] === 0) continue; // no report around: nothing to test
      sums.sum(c, b, win);
      const W = win[0];
      neighbours[k] = W;
      if (n < minReferenceCells || W >= n) continue;
      const mean = ref[1] / n;
      if (variance === 'csr') {
        // reports of the surroundings placed at random over its cells: window ~ Binomial(N, W / n)
        const N = Math.round(ref[1]), O = Math.round(win[1]), q = W / n;
        const sd = Math.sqrt(N * q * (1 - q));
        if (!(sd > 0)) continue;
        z[k] = (O - N * q) / sd;
        const tail = O > N * q ? binomSf(O, N, q) : binomCdf(O, N, q);
        p[k] = Math.min(1, 2 * tail);
      } else {
        const S = Math.sqrt(Math.max(ref[2] / n - mean * mean, 0));
        const den = S * Math.sqrt((n * W - W * W) / (n - 1));
        if (!(den > 0)) continue;
        z[k] = (win[1] - mean * W) / den;
        p[k] = pTwoSided(z[k]);
      }
      tested++;
    }
  }
  progress.done();
  return { cells, cx, cy, counts: cnt, stratum, z, p, neighbours, referenceCells, referenceMean, tested };
}

export interface PlaceGiOptions {
  grid?: PlaceGridKind;
  /** Cell side in metres; automatic (place rule) when omitted. */
  cellSize?: number;
  /** Band in metres; automatic (place rule) when omitted. */
  distanceBand?: number;
  /** Radius of the surroundings in metres; default max(1,000, 4 × band, 4 × cell spacing) per stratum. */
  referenceRadius?: number;
  /** Minimum reports of a listed hotspot (default 5). */
  minReports?: number;
  fdr?: boolean;
  seed?: number;
  maxCells?: number;
  variance?: 'csr' | 'permutation';
}

export interface PlaceGiParams {
  rule: 'place';
  aggregation: PlaceGridKind;
  cellSize: number;
  /** Side of the square of the same area (the "place" size in the legend). */
  squareSide: number;
  cellSizeRule: 'user' | 'median-nn' | 'min-place' | 'max-place';
  medianNearestNeighbour: number | null;
  /** Band of the stratum with the most reports (for one-line summaries; see `bands`). */
  distanceBand: number;
  distanceBandRule: 'user' | 'kth-median' | 'max-place';
  kthNeighbourK: number;
  kthNeighbourDistance: number | null;
  /** Surroundings radius of that stratum (see `bands`). */
  referenceRadius: number;
  /** Band and surroundings per stratum (same order as `strata`). */
  bands: { stratum: string; reports: number; distanceBand: number; rule: 'user' | 'kth-median' | 'max-place'; kthDistance: number | null; referenceRadius: number }[];
  minReferenceCells: number;
  strata: string[];
  minReports: number;
  fdr: boolean;
  seed: number;
  pointCount: number;
  pointsOutsideCells: number;
  cellsTested: number;
}

export interface PlaceGiResult {
  method: 'gi-star-place';
  params: PlaceGiParams;
  raster: PlaceRaster;
  gi: LocalGiResult;
  /** FDR bins of the test itself (before the hotspot rules). */
  rawBins: Int8Array;
  cutoffs: { p90: number; p95: number; p99: number };
}

/** Module doc, steps 1–5: raster, automatic cell and band, local Gi*, FDR bins. */
export function placeGiStar(
  points: { x: Float64Array; y: Float64Array }, strata: Stratum[] | undefined, opts: PlaceGiOptions = {}, options?: RunOptions,
): PlaceGiResult {
  const { x, y } = points;
  const n = x.length;
  assertSameLength('y', y, n);
  const kind = opts.grid ?? 'hex-pointy';
  const minReports = opts.minReports ?? 5;
  const fdr = opts.fdr ?? true;
  const seed = opts.seed ?? 1;
  const progress = new Progress(options, [1, 1, 6]);
  let finite = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) finite++;
  const fx = new Float64Array(finite), fy = new Float64Array(finite);
  for (let i = 0, k = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) { fx[k] = x[i]; fy[k] = y[i]; k++; }
  if (finite < Math.max(2, minReports)) {
    throw new Error(`Hot spot analysis needs incidents with coordinates: at least ${Math.max(2, minReports)} reports (the minimum of a hotspot), got ${finite}.`);
  }
  let cellSize: number, squareSide: number, cellSizeRule: PlaceGiParams['cellSizeRule'], mnn: number | null = null;
  if (opts.cellSize !== undefined) {
    cellSize = opts.cellSize;
    squareSide = Math.sqrt(cellArea({ kind, size: cellSize }));
    cellSizeRule = 'user';
  } else {
    const a = placeCellSize(fx, fy, kind, { seed });
    cellSize = a.cellSize;
    squareSide = a.squareSide;
    cellSizeRule = a.rule;
    mnn = a.medianNearestNeighbour;
  }
  const k = Math.max(1, minReports - 1);
  progress.report(0, 1);
  const raster = buildPlaceRaster({ x, y }, strata, kind, cellSize, opts.maxCells);
  progress.report(1, 1);
  // band per stratum, from the reports of that stratum (a city is denser than its villages)
  const S = raster.strata.length;
  const perStratum: number[][] = Array.from({ length: S }, () => []);
  for (let i = 0; i < n; i++) {
    const c = raster.cellOfPoint[i];
    const st = c >= 0 ? raster.stratumOfCell[c] : -1;
    if (st >= 0) perStratum[st].push(i);
  }
  const bands: PlaceGiParams['bands'] = perStratum.map((idx, st) => {
    let band: number, rule: PlaceGiParams['distanceBandRule'], kth: number | null = null;
    if (opts.distanceBand !== undefined) {
      band = opts.distanceBand;
      rule = 'user';
    } else if (idx.length <= k) {
      band = PLACE_SCALE.maxBand;
      rule = 'max-place';
    } else {
      const b = placeBand(Float64Array.from(idx, (i) => x[i]), Float64Array.from(idx, (i) => y[i]), minReports, { seed });
      band = b.distanceBand;
      rule = b.rule;
      kth = b.kthDistance;
    }
    const referenceRadius = opts.referenceRadius ?? Math.max(PLACE_SCALE.referenceRadius, 4 * band, 4 * cellSpacing({ kind, size: cellSize }));
    return { stratum: raster.strata[st], reports: idx.length, distanceBand: band, rule, kthDistance: kth, referenceRadius };
  });
  const main = bands.reduce((a, b) => (b.reports > a.reports ? b : a), bands[0]);
  const gi = localGiStar(
    raster, bands.map((b) => b.distanceBand), bands.map((b) => b.referenceRadius), PLACE_SCALE.minReferenceCells,
    { signal: options?.signal, onProgress: (f) => progress.report(2, f) }, opts.variance ?? 'csr',
  );
  if (gi.cells.length < 30) throw new Error(`Hot spot analysis needs at least 30 features (cells) but got ${gi.cells.length}; use a smaller cell size or a larger area.`);
  const cb = confidenceBins(gi.z, gi.p, fdr);
  progress.done();
  let outside = 0;
  for (let i = 0; i < n; i++) if (raster.cellOfPoint[i] < 0 || raster.stratumOfCell[raster.cellOfPoint[i]] < 0) outside++;
  return {
    method: 'gi-star-place',
    params: {
      rule: 'place', aggregation: kind, cellSize, squareSide, cellSizeRule, medianNearestNeighbour: mnn,
      distanceBand: main.distanceBand, distanceBandRule: main.rule, kthNeighbourK: k, kthNeighbourDistance: main.kthDistance,
      referenceRadius: main.referenceRadius, bands, minReferenceCells: PLACE_SCALE.minReferenceCells, strata: raster.strata, minReports, fdr, seed,
      pointCount: n, pointsOutsideCells: outside, cellsTested: gi.tested,
    },
    raster, gi, rawBins: cb.bins, cutoffs: cb.cutoffs,
  };
}

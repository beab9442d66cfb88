/**
 * Kernel density of incident points, quartic (biweight) kernel, in reports per km^2 — the ArcGIS
 * "Kernel Density" tool's planar method:
 *
 *   density(c) = 1/r^2 * sum_{i : d_ic < r} 3/pi * w_i * (1 - (d_ic / r)^2)^2      [reports per m^2] * 1e6
 *
 * evaluated at every cell centre c (Silverman 1986, eq. 4.5; the kernel integrates to w_i over the disc, so the
 * surface integrates to the number of reports up to edge effects).
 *
 * Default search radius (ArcGIS rule): r = 0.9 * min(SD, sqrt(1/ln 2) * Dm) * n^-0.2, where SD is the standard
 * distance sqrt(sum((x - xbar)^2 + (y - ybar)^2) / n), Dm the median distance to the mean centre and n the number
 * of points (sum of weights when weights are given; weighted mean centre; Dm is the unweighted median).
 *
 * Raster layout: row 0 is the northern-most row. Cell (row, col) has its centre at
 * (originX + (col + 0.5) * cellSize, originY - (row + 0.5) * cellSize); originX/originY is the north-west
 * corner; values[row * cols + col] (Float32Array, reports/km^2) — directly usable as an image.
 *
 * Performance: for every point only the rows within r are visited and, in each row, only the columns where
 * (d/r)^2 < 1 (the kernel's compact support), with the row term precomputed: O(n * pi * (r / cellSize)^2)
 * multiply-adds and no allocation.
 */
import { Progress, assertPositive, assertSameLength, type RunOptions } from './common';
import { quantileSorted } from './stats';

export interface KdeGridSpec {
  originX: number;
  originY: number;
  cellSize: number;
  cols: number;
  rows: number;
}

export interface KdeOptions {
  /** Search radius in metres; ArcGIS default rule when omitted. */
  radius?: number;
  /** Output grid; when omitted a grid over the points' bounding box padded by the radius is built with `cells` cells along the longer side. */
  grid?: KdeGridSpec;
  /** Cells along the longer side for the automatic grid (default 500). */
  cells?: number;
  /** Optional per-point weight ("population field"). */
  weights?: Float64Array;
}

export interface KdeResult {
  method: 'kde-quartic';
  params: {
    radius: number;
    radiusRule: 'user' | 'arcgis-default';
    standardDistance: number;
    medianDistance: number;
    grid: KdeGridSpec;
    gridRule: 'user' | 'auto-bbox';
    pointCount: number;
    weighted: boolean;
    unit: 'reports/km²';
  };
  grid: KdeGridSpec;
  /** rows * cols, reports per km^2, row 0 = north. */
  values: Float32Array;
  max: number;
}

/** ArcGIS default search radius (see module doc). Returns the radius and its ingredients. */
export function defaultSearchRadius(x: Float64Array, y: Float64Array, weights?: Float64Array): { radius: number; standardDistance: number; medianDistance: number; n: number } {
  const n = x.length;
  let sw = 0, mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    sw += w;
    mx += w * x[i];
    my += w * y[i];
  }
  mx /= sw;
  my /= sw;
  let ss = 0;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    const dx = x[i] - mx, dy = y[i] - my;
    ss += w * (dx * dx + dy * dy);
    dist[i] = Math.sqrt(dx * dx + dy * dy);
  }
  const sd = Math.sqrt(ss / sw);
  dist.sort();
  const dm = quantileSorted(dist, 0.5);
  const radius = 0.9 * Math.min(sd, Math.sqrt(1 / Math.LN2) * dm) * Math.pow(sw, -0.2);
  return { radius, standardDistance: sd, medianDistance: dm, n: sw };
}

export function kernelDensity(points: { x: Float64Array; y: Float64Array }, opts: KdeOptions = {}, options?: RunOptions): KdeResult {
  const { x, y } = points;
  const n = x.length;
  assertSameLength('y', y, n);
  if (opts.weights) assertSameLength('weights', opts.weights, n);
  if (n === 0) throw new Error('Kernel density needs at least one point.');
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new Error(`Point ${i} has no finite coordinates.`);
  const progress = new Progress(options, [1, 10]);
  const def = defaultSearchRadius(x, y, opts.weights);
  let radius: number;
  let radiusRule: KdeResult['params']['radiusRule'];
  if (opts.radius !== undefined) { radius = opts.radius; radiusRule = 'user'; }
  else {
    radius = def.radius;
    radiusRule = 'arcgis-default';
    if (!(radius > 0)) throw new Error('The default search radius is zero (all points coincide); give a radius.');
  }
  assertPositive('radius', radius);
  let grid: KdeGridSpec;
  let gridRule: KdeResult['params']['gridRule'];
  if (opts.grid) { grid = opts.grid; gridRule = 'user'; }
  else {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      if (x[i] < minX) minX = x[i];
      if (x[i] > maxX) maxX = x[i];
      if (y[i] < minY) minY = y[i];
      if (y[i] > maxY) maxY = y[i];
    }
    minX -= radius; minY -= radius; maxX += radius; maxY += radius;
    const cellsLong = opts.cells ?? 500;
    const cellSize = Math.max(maxX - minX, maxY - minY) / cellsLong;
    grid = { originX: minX, originY: maxY, cellSize, cols: Math.max(1, Math.ceil((maxX - minX) / cellSize)), rows: Math.max(1, Math.ceil((maxY - minY) / cellSize)) };
    gridRule = 'auto-bbox';
  }
  assertPositive('cellSize', grid.cellSize);
  const { originX, originY, cellSize, cols, rows } = grid;
  progress.report(0, 1);

  // Accumulate kernel weights (1 - (d/r)^2)^2 in Float64, then scale.
  const acc = new Float64Array(rows * cols);
  const inv = 1 / radius;
  const rc = radius / cellSize; // radius in cells
  for (let i = 0; i < n; i++) {
    if ((i & 16383) === 0) progress.report(1, i / n);
    const w = opts.weights ? opts.weights[i] : 1;
    // fractional grid coordinates of the point relative to cell centres
    const fc = (x[i] - originX) / cellSize - 0.5;
    const fr = (originY - y[i]) / cellSize - 0.5;
    let r0 = Math.ceil(fr - rc), r1 = Math.floor(fr + rc);
    if (r0 < 0) r0 = 0;
    if (r1 > rows - 1) r1 = rows - 1;
    for (let r = r0; r <= r1; r++) {
      const vy = (r - fr) * cellSize * inv;
      const a = 1 - vy * vy; // 1 - (dy/r)^2
      if (a <= 0) continue;
      const half = Math.sqrt(a) * rc; // |dx| < half cells
      let c0 = Math.ceil(fc - half), c1 = Math.floor(fc + half);
      if (c0 < 0) c0 = 0;
      if (c1 > cols - 1) c1 = cols - 1;
      const base = r * cols;
      const h = cellSize * inv;
      for (let c = c0; c <= c1; c++) {
        const u = (c - fc) * h;
        const t = a - u * u;
        if (t > 0) acc[base + c] += w * t * t;
      }
    }
  }
  const scale = (3 / Math.PI) / (radius * radius) * 1e6; // per km^2
  const values = new Float32Array(rows * cols);
  let max = 0;
  for (let k = 0; k < acc.length; k++) {
    const v = acc[k] * scale;
    values[k] = v;
    if (v > max) max = v;
  }
  progress.done();
  return {
    method: 'kde-quartic',
    params: {
      radius, radiusRule, standardDistance: def.standardDistance, medianDistance: def.medianDistance,
      grid, gridRule, pointCount: n, weighted: !!opts.weights, unit: 'reports/km²',
    },
    grid,
    values,
    max,
  };
}

export interface DensityLegend {
  unit: 'reports/km²';
  /** Ascending class limits; class k is [breaks[k], breaks[k + 1]); the first class starts at breaks[0] > 0. */
  breaks: number[];
  /** Human-readable class labels with the unit, e.g. "0.5–1 reports/km²". */
  labels: string[];
  rule: 'fixed' | 'volume-contours';
}

function niceRound(v: number): number {
  if (!(v > 0)) return 0;
  const e = Math.floor(Math.log10(v));
  const f = v / 10 ** e;
  const steps = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
  let best = steps[0];
  for (const s of steps) if (Math.abs(Math.log(s / f)) < Math.abs(Math.log(best / f))) best = s;
  return Number((best * 10 ** e).toPrecision(3));
}

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : Number(v.toPrecision(2)).toString();
}

/**
 * A screen-independent legend for a density surface. With `fixedBreaks` the classes are exactly those numbers
 * (use the same breaks for maps that must be compared). Otherwise: PERCENT VOLUME CONTOURS – the density levels
 * whose super-level sets hold 99, 95, 90, 75 and 50 % of the surface's total volume (i.e. of the reports): the
 * top class is the smallest area holding half of all reports, the next adds the area up to 75 %, and so on; the
 * background below the first break holds the last 1 %. Each level is rounded to the nearest (in log scale) "nice"
 * number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^e), duplicates dropped. (Quantiles of all non-zero cells would be
 * ruled by the kernel's long faint tails: on a city most cells are almost empty and the top class would span
 * everything from the suburbs to the market square.) Breaks are in reports/km^2 and do not depend on the screen
 * or zoom; store them with the map.
 */
export const VOLUME_CONTOURS = [0.99, 0.95, 0.9, 0.75, 0.5] as const;

export function densityLegend(values: Float32Array | Float64Array, opts: { fixedBreaks?: number[]; volumes?: readonly number[] } = {}): DensityLegend {
  let breaks: number[];
  let rule: DensityLegend['rule'];
  if (opts.fixedBreaks) {
    breaks = [...opts.fixedBreaks];
    for (let k = 1; k < breaks.length; k++) if (!(breaks[k] > breaks[k - 1])) throw new Error('fixedBreaks must be strictly increasing.');
    rule = 'fixed';
  } else {
    const volumes = [...(opts.volumes ?? VOLUME_CONTOURS)].sort((a, b) => b - a);
    let m = 0;
    for (let i = 0; i < values.length; i++) if (values[i] > 0) m++;
    const nz = new Float64Array(m);
    m = 0;
    let total = 0;
    for (let i = 0; i < values.length; i++) if (values[i] > 0) { nz[m++] = values[i]; total += values[i]; }
    nz.sort().reverse();
    breaks = [];
    if (m > 0) {
      // walk from the densest cell down; the level for volume p is the value at which the running sum reaches p
      const levels: number[] = [];
      let acc = 0, k = volumes.length - 1, i = 0;
      for (; i < m && k >= 0; i++) {
        acc += nz[i];
        while (k >= 0 && acc >= volumes[k] * total) { levels.push(nz[i]); k--; }
      }
      while (k-- >= 0) levels.push(nz[m - 1]);
      for (const v of levels.reverse()) {
        const b = niceRound(v);
        if (breaks.length === 0 || b > breaks[breaks.length - 1]) breaks.push(b);
      }
    }
    rule = 'volume-contours';
  }
  const labels = breaks.map((b, k) => (k + 1 < breaks.length ? `${fmt(b)}–${fmt(breaks[k + 1])} reports/km²` : `≥ ${fmt(b)} reports/km²`));
  return { unit: 'reports/km²', breaks, labels, rule };
}

/** Class index of a value for a legend: -1 below the first break, else k with breaks[k] <= v < breaks[k+1]. */
export function legendClass(legend: DensityLegend, v: number): number {
  const b = legend.breaks;
  if (!(v >= b[0])) return -1;
  let lo = 0, hi = b.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (b[mid] <= v) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * The heat layer as one image computed on the CPU, for software-rendered WebGL: deck.gl's HeatmapLayer
 * redraws and reduces its weight texture on every pan frame, ~0.3 s each in SwiftShader; a bitmap costs
 * one textured quad per frame and is recomputed only when the filter changes.
 *
 * Same kernel and scale as the GPU layer (fixedHeatmapLayer.ts): deck.gl's kernel exp(-u²/0.05555) with
 * u = distance / radius is a Gaussian with σ = radius · √(0.05555 / 2); normalised, a uniform density of
 * ρ reports/km² reads ρ, so the legend's fixed density classes mean the same on both paths.
 */

export interface HeatRaster {
  width: number;
  height: number;
  /** [west, south, east, north] of the image. */
  bounds: [number, number, number, number];
  rgba: Uint8ClampedArray<ArrayBuffer>;
  /** Largest density in the image, reports/km². */
  peak: number;
}

const M_PER_DEG_LAT = 111_320;

/** σ of deck.gl's heatmap kernel in metres for a kernel radius. */
export function heatSigmaM(radiusM: number): number {
  return radiusM * Math.sqrt(0.05555 / 2);
}

/** Density of weighted points (reports/km²) on a grid, coloured on a fixed domain like the GPU layer. */
export function heatRaster(
  points: { length: number; position: Float32Array; weight: Float32Array },
  radiusM: number,
  domain: [number, number],
  colors: readonly (readonly [number, number, number])[],
  maxSide = 1024,
): HeatRaster | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < points.length; i++) {
    if (points.weight[i] <= 0) continue;
    const x = points.position[2 * i], y = points.position[2 * i + 1];
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  if (w > e) return null;
  const sigma = heatSigmaM(radiusM);
  const cosLat = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const mLon = M_PER_DEG_LAT * cosLat;
  // pad by the kernel's reach (3σ), cells of σ/2 (or coarser for very large areas)
  const pad = 3 * sigma;
  w -= pad / mLon; e += pad / mLon; s -= pad / M_PER_DEG_LAT; n += pad / M_PER_DEG_LAT;
  const widthM = (e - w) * mLon, heightM = (n - s) * M_PER_DEG_LAT;
  const cell = Math.max(sigma / 2, widthM / maxSide, heightM / maxSide);
  const width = Math.max(1, Math.ceil(widthM / cell));
  const height = Math.max(1, Math.ceil(heightM / cell));
  // weights into cells (row 0 = north, as images are stored)
  let grid = new Float32Array(width * height);
  for (let i = 0; i < points.length; i++) {
    const wt = points.weight[i];
    if (wt <= 0) continue;
    const cx = Math.min(width - 1, Math.floor(((points.position[2 * i] - w) * mLon) / cell));
    const cy = Math.min(height - 1, Math.floor(((n - points.position[2 * i + 1]) * M_PER_DEG_LAT) / cell));
    grid[cy * width + cx] += wt;
  }
  // separable Gaussian, normalised taps (each report keeps a total weight of 1)
  const sc = sigma / cell;
  const half = Math.ceil(3 * sc);
  const taps = new Float32Array(2 * half + 1);
  let sum = 0;
  for (let k = -half; k <= half; k++) sum += taps[k + half] = Math.exp(-(k * k) / (2 * sc * sc));
  for (let k = 0; k < taps.length; k++) taps[k] /= sum;
  const tmp = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = grid[row + x];
      if (v === 0) continue;
      const lo = Math.max(0, x - half), hi = Math.min(width - 1, x + half);
      for (let xx = lo; xx <= hi; xx++) tmp[row + xx] += v * taps[xx - x + half];
    }
  }
  grid.fill(0);
  for (let y = 0; y < height; y++) {
    const lo = Math.max(0, y - half), hi = Math.min(height - 1, y + half);
    for (let x = 0; x < width; x++) {
      const v = tmp[y * width + x];
      if (v === 0) continue;
      for (let yy = lo; yy <= hi; yy++) grid[yy * width + x] += v * taps[yy - y + half];
    }
  }
  const toKm2 = 1e6 / (cell * cell);
  const rgba = new Uint8ClampedArray(4 * width * height);
  const [d0, d1] = domain;
  const last = colors.length - 1;
  let peak = 0;
  for (let k = 0; k < grid.length; k++) {
    const d = grid[k] * toKm2;
    if (d > peak) peak = d;
    if (d <= 0) continue;
    // below the domain the lowest colour fades out (as deck's heatmap), above it stays the top colour
    const t = Math.min(1, Math.max(0, (d - d0) / (d1 - d0)));
    const f = t * last;
    const i0 = Math.min(last - 1, Math.floor(f));
    const u = f - i0;
    const c0 = colors[i0], c1 = colors[i0 + 1];
    rgba[4 * k] = c0[0] + (c1[0] - c0[0]) * u;
    rgba[4 * k + 1] = c0[1] + (c1[1] - c0[1]) * u;
    rgba[4 * k + 2] = c0[2] + (c1[2] - c0[2]) * u;
    rgba[4 * k + 3] = 255 * Math.min(1, d / d0);
  }
  grid = new Float32Array(0);
  return { width, height, bounds: [w, s, e, n], rgba, peak };
}

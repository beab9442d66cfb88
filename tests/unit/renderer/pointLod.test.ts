import { describe, expect, it } from 'vitest';
import { padBounds, pixelsPerDegree, sampleColors, samplePoints, thinnedRadiusScale } from '../../../src/renderer/data/pointLod';
import { mulberry32 } from '../../../src/core/analysis/random';

function cloud(n: number, seed = 3): Float32Array {
  const r = mulberry32(seed);
  const p = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    // a dense centre and a sparse spread, like a city and its villages
    const dense = r() < 0.7;
    p[2 * i] = dense ? 19.70 + (r() - 0.5) * 0.02 : 19.58 + r() * 0.24;
    p[2 * i + 1] = dense ? 51.40 + (r() - 0.5) * 0.012 : 51.33 + r() * 0.15;
  }
  return p;
}

describe('samplePoints (software-WebGL level of detail)', () => {
  const bounds: [number, number, number, number] = [19.58, 51.33, 19.82, 51.48];

  it('draws every passing report in view when they fit the budget', () => {
    const pos = cloud(5000);
    const mask = new Uint8Array(5000);
    for (let i = 0; i < 5000; i += 3) mask[i] = 1;
    const view: [number, number, number, number] = [19.69, 51.39, 19.71, 51.41];
    const s = samplePoints(pos, mask, view, 13, 4, 10_000);
    const expected: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const x = pos[2 * i], y = pos[2 * i + 1];
      if (mask[i] && x >= view[0] && x <= view[2] && y >= view[1] && y <= view[3]) expected.push(i);
    }
    expect(s.cellPx).toBe(0);
    expect(Array.from(s.index)).toEqual(expected);
    expect(s.inView).toBe(expected.length);
    expect(s.position[0]).toBe(pos[2 * expected[0]]);
  });

  it('thins to at most the budget, one report per cell, the newest, only passing ones', () => {
    const n = 200_000;
    const pos = cloud(n);
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = i % 5 === 0 ? 0 : 1;
    const zoom = 11;
    const s = samplePoints(pos, mask, bounds, zoom, 4, 3000);
    expect(s.index.length).toBeLessThanOrEqual(3000);
    expect(s.index.length).toBeGreaterThan(500);
    expect(s.cellPx).toBeGreaterThanOrEqual(4);
    expect(s.inView).toBe(Array.from(mask).filter(Boolean).length);
    // recompute the cells: each sampled report is the newest passing report of its own cell
    const dLon = s.cellPx / pixelsPerDegree(zoom);
    const dLat = dLon * Math.cos((((bounds[1] + bounds[3]) / 2) * Math.PI) / 180);
    const gx = Math.ceil((bounds[2] - bounds[0]) / dLon);
    const gy = Math.ceil((bounds[3] - bounds[1]) / dLat);
    const cellOf = (i: number) => Math.min(gy - 1, Math.floor((pos[2 * i + 1] - bounds[1]) / dLat)) * gx + Math.min(gx - 1, Math.floor((pos[2 * i] - bounds[0]) / dLon));
    const newest = new Map<number, number>();
    const perCell = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      newest.set(cellOf(i), i);
      perCell.set(cellOf(i), (perCell.get(cellOf(i)) ?? 0) + 1);
    }
    expect(s.index.length).toBe(newest.size);
    s.index.forEach((i, k) => {
      expect(mask[i]).toBe(1);
      expect(newest.get(cellOf(i))).toBe(i);
      expect(s.count[k]).toBe(perCell.get(cellOf(i)));
      if (k > 0) expect(i).toBeGreaterThan(s.index[k - 1]);
    });
    expect(s.count.reduce((a, b) => a + b, 0)).toBe(s.inView);
    expect(Math.max(...s.count)).toBeGreaterThan(10); // the dense centre stands out
  });

  it('gathers colours and pads bounds', () => {
    const pos = cloud(10);
    const mask = new Uint8Array(10).fill(1);
    const s = samplePoints(pos, mask, [0, 0, 90, 90], 10, 4, 100);
    const colors = new Uint8Array(40).map((_, k) => k);
    const c = sampleColors(colors, s);
    expect(Array.from(c.subarray(4, 8))).toEqual([4 * s.index[1], 4 * s.index[1] + 1, 4 * s.index[1] + 2, 4 * s.index[1] + 3]);
    expect(padBounds([0, 0, 10, 20], 0.1)).toEqual([-1, -2, 11, 22]);
    expect(thinnedRadiusScale(1, 1000)).toBe(1);
    expect(thinnedRadiusScale(1000, 1000)).toBeCloseTo(2.5);
    expect(thinnedRadiusScale(250, 1000)).toBeCloseTo(1.75);
    expect(thinnedRadiusScale(5, 1)).toBe(1);
  });
});

describe('samplePoints when the reports fill only a corner of the view', () => {
  it('keeps small cells (uses the budget) instead of sizing them for the whole view', () => {
    const n = 50_000;
    const pos = cloud(n, 9);
    const mask = new Uint8Array(n).fill(1);
    // the data spans ~0.24° × 0.15°; the view is ten times wider and higher
    const view: [number, number, number, number] = [19.5, 51.3, 22.0, 52.8];
    const s = samplePoints(pos, mask, view, 11, 4, 3000);
    expect(s.inView).toBe(n);
    expect(s.index.length).toBeGreaterThan(1000);
    expect(s.index.length).toBeLessThanOrEqual(3000);
  });
});

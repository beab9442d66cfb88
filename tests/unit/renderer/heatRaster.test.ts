import { describe, expect, it } from 'vitest';
import { heatRaster, heatSigmaM } from '../../../src/renderer/data/heatRaster';
import { HEAT_COLORS } from '../../../src/renderer/map/reportLayers';

describe('heatRaster (CPU heat layer for software WebGL)', () => {
  it('reads a uniform density as that density in reports/km², like the fixed-scale GPU layer', () => {
    // one report every 50 m over ~6 × 6 km: 400 reports/km²
    const pos: number[] = [];
    const lat0 = 51.4, lon0 = 19.7;
    const mLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
    for (let i = 0; i < 120; i++) for (let j = 0; j < 120; j++) pos.push(lon0 + (i * 50) / mLon, lat0 + (j * 50) / 111_320);
    const n = pos.length / 2;
    const r = heatRaster({ length: n, position: Float32Array.from(pos), weight: new Float32Array(n).fill(1) }, 400, [10, 400], HEAT_COLORS)!;
    expect(r).not.toBeNull();
    // the middle of the area, far from the edges: the top colour (density = domain max), opaque
    const k = 4 * (Math.floor(r.height / 2) * r.width + Math.floor(r.width / 2));
    expect(Array.from(r.rgba.subarray(k, k + 4))).toEqual([...HEAT_COLORS[HEAT_COLORS.length - 1], 255]);
    expect(r.peak).toBeGreaterThan(380);
    expect(r.peak).toBeLessThan(440);
    expect(r.bounds[0]).toBeLessThan(lon0);
    expect(r.bounds[3]).toBeGreaterThan(lat0 + (119 * 50) / 111_320);
  });

  it('spreads one report as the kernel: peak 1 / (2πσ²), fading out below the domain', () => {
    const r = heatRaster({ length: 2, position: Float32Array.from([19.7, 51.4, 19.8, 51.5]), weight: Float32Array.from([1, 0]) }, 400, [1, 100], HEAT_COLORS)!;
    const sigma = heatSigmaM(400);
    const expected = 1e6 / (2 * Math.PI * sigma * sigma);
    expect(r.peak / expected).toBeGreaterThan(0.8);
    expect(r.peak / expected).toBeLessThan(1.05);
    // weight 0 does not count: the image covers only the weighted report
    expect(r.bounds[2]).toBeLessThan(19.72);
    let alphaEdge = 255;
    for (let x = 0; x < r.width; x++) alphaEdge = Math.min(alphaEdge, r.rgba[4 * x + 3]);
    expect(alphaEdge).toBeLessThan(13); // the kernel has faded to almost nothing 3σ out
  });

  it('nothing weighted, nothing drawn', () => {
    expect(heatRaster({ length: 1, position: Float32Array.from([19.7, 51.4]), weight: Float32Array.from([0]) }, 400, [1, 10], HEAT_COLORS)).toBeNull();
  });
});

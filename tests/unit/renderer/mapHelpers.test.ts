import { describe, expect, it } from 'vitest';
import { declutterLabels, pointZoomScale } from '../../../src/renderer/map/reportLayers';
import { robustBounds } from '../../../src/renderer/data/compute';

describe('beat label decluttering', () => {
  const beats = [
    { name: 'Rejon 1 – Stare Miasto', labelPoint: [19.70, 51.405] as [number, number], n: 900 },
    { name: 'Rejon 2 – Podzamcze', labelPoint: [19.702, 51.406] as [number, number], n: 150 },
    { name: 'Posterunek Wolbórz', labelPoint: [19.83, 51.5] as [number, number], n: 120 },
  ];
  const text = (d: (typeof beats)[number]) => d.name;
  it('drops the less busy of two overlapping labels and keeps distant ones', () => {
    const shown = declutterLabels(beats, 12, text, (d) => d.n).map((d) => d.name);
    expect(shown).toEqual(['Rejon 1 – Stare Miasto', 'Posterunek Wolbórz']);
  });
  it('shows all labels once zoomed in far enough to separate them', () => {
    expect(declutterLabels(beats, 17, text, (d) => d.n)).toHaveLength(3);
  });
});

describe('map helpers', () => {
  it('points shrink at overview zoom and are full size from zoom 14', () => {
    expect(pointZoomScale(9)).toBe(0.4);
    expect(pointZoomScale(14)).toBe(1);
    expect(pointZoomScale(12.5)).toBeCloseTo(0.7, 5);
  });
  it('robust bounds ignore a few far-away reports', () => {
    const pos = new Float32Array(2 * 200);
    for (let i = 0; i < 200; i++) { pos[2 * i] = 19.7 + (i % 10) * 0.001; pos[2 * i + 1] = 51.4 + Math.floor(i / 20) * 0.001; }
    pos[0] = 23.9; pos[1] = 54.2; // an outlier
    const b = robustBounds(pos)!;
    expect(b[1][0]).toBeLessThan(19.72);
    expect(b[1][1]).toBeLessThan(51.42);
    expect(b[0][0]).toBeCloseTo(19.7, 4);
    expect(robustBounds(new Float32Array(4))).toBeNull();
  });
});

describe('heat pre-aggregation', () => {
  it('keeps the total weight and each cell mass at its reports\' weighted centroid; filtered-out reports drop out', async () => {
    const { buildHeatBins, binnedHeatPoints } = await import('../../../src/renderer/data/heatBins');
    const pos = new Float32Array([19.7, 51.4, 19.7001, 51.4001, 19.75, 51.42, 19.8, 51.45]);
    const bins = buildHeatBins(pos, 100);
    expect(bins.cells).toBe(3); // the first two are 14 m apart
    const all = binnedHeatPoints(bins, pos, new Float32Array([1, 1, 1, 1]));
    expect(all.length).toBe(3);
    expect([...all.weight].reduce((a, b) => a + b, 0)).toBe(4);
    expect(all.position[0]).toBeCloseTo(19.70005, 5);
    expect(all.position[1]).toBeCloseTo(51.40005, 5);
    const some = binnedHeatPoints(bins, pos, new Float32Array([0, 1, 0, 1]));
    expect(some.length).toBe(2);
    expect(some.position[0]).toBeCloseTo(19.7001, 5);
    expect([...some.weight]).toEqual([1, 1]);
  });
});

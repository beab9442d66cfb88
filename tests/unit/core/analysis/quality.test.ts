import { describe, expect, it } from 'vitest';
import { hotspotQuality } from '../../../../src/core/analysis/quality';

describe('hotspot quality', () => {
  it('hit rate, PAI, RRI on a hand-computed example', () => {
    // 10 equal cells of 1 km^2; top 20 % by training count = cells 3 and 7
    const train = [1, 0, 2, 9, 0, 1, 3, 8, 0, 1]; // N_train = 25
    const test = [0, 1, 1, 6, 0, 2, 1, 4, 1, 4]; // N = 20
    const r = hotspotQuality({ trainCounts: train, testCounts: test, areas: 1e6 }, { fraction: 0.2 });
    expect(Array.from(r.selected)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
    expect(r.n).toBe(10);
    expect(r.N).toBe(20);
    expect(r.hitRate).toBe(0.5);
    expect(r.pai).toBeCloseTo(0.5 / 0.2, 12);
    expect(r.rri).toBeCloseTo((10 / 17) / (20 / 25), 12);
  });
  it('density ranking uses areas', () => {
    const r = hotspotQuality({ trainCounts: [10, 6, 1], testCounts: [5, 5, 0], areas: [10, 2, 1] }, { fraction: 0.3, rankBy: 'density' });
    expect(Array.from(r.selected)).toEqual([0, 1, 0]);
    expect(r.pai).toBeCloseTo((5 / 10) / (2 / 13), 12);
  });
  it('never selects cells without training incidents', () => {
    const r = hotspotQuality({ trainCounts: [0, 0, 1, 0], testCounts: [1, 1, 1, 1], areas: 1 }, { fraction: 1 });
    expect(r.selectedCount).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { compareAtShares, hotspotQuality } from '../../../../src/core/analysis/quality';

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
  it('methods side by side at the same area share: the top cells of each key, hit rate n/N and PAI (n/N)/(a/A)', () => {
    const train = [1, 0, 2, 9, 0, 1, 3, 8, 0, 1];
    const test = [0, 1, 1, 6, 0, 2, 1, 4, 1, 4]; // N = 20 (cell 9 outside the study area below: N = 16)
    const eligible = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    const rows = compareAtShares({
      trainCounts: train, testCounts: test, eligible, cellArea: 1e6, studyAreaM2: 20e6, shares: [0.1, 0.3],
      methods: [
        { method: 'counts', key: Float64Array.from(train) },
        // a map with only one selectable cell (cell 5): smaller than the shares asked for
        { method: 'one', key: Float64Array.from([NaN, 0, 0, 0, 0, 7, 0, 0, 0, 0]) },
      ],
    });
    const at = (m: string, s: number) => rows.find((r) => r.method === m && r.share === s)!;
    // 10 % of 20 km² = 2 cells: cells 3 and 7 (train 9, 8) hold 10 of the 16 test reports in the area
    expect(at('counts', 0.1)).toMatchObject({ cells: 2, n: 10, N: 16, filled: true });
    expect(at('counts', 0.1).hitRate).toBeCloseTo(10 / 16, 12);
    expect(at('counts', 0.1).pai).toBeCloseTo((10 / 16) / (2 / 20), 12);
    // 30 % = 6 cells, but only 7 cells have a positive key: 3, 7, 6, 2, then 0 and 5 (train 1 each; ties by index)
    expect(at('counts', 0.3)).toMatchObject({ cells: 6, n: 6 + 4 + 1 + 1 + 0 + 2, filled: true });
    expect(at('one', 0.3)).toMatchObject({ cells: 1, n: 2, filled: false });
    expect(at('one', 0.3).areaShare).toBeCloseTo(1 / 20, 12);
    expect(at('one', 0.3).pai).toBeCloseTo((2 / 16) / (1 / 20), 12);
  });
});

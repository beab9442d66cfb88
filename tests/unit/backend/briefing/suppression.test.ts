import { describe, expect, it } from 'vitest';
import { disclosed, effectiveThreshold, feasibleRanges, INF, protectTable, type CellState } from '../../../../src/core/briefing/suppression';

const labels = (cells: CellState[]) => cells.map((c) => (c.suppressed === null ? c.value : c.suppressed === 'small' ? '<' : '*'));

/** Brute force: every assignment of hidden cells consistent with what is published; true if a small cell has one possible value. */
function bruteDisclosed(cells: CellState[], total: number, t: number, lo = 0, cap = 30): boolean {
  const hiddenIdx = cells.map((c, i) => (c.suppressed ? i : -1)).filter((i) => i >= 0);
  const shownSum = cells.reduce((a, c) => a + (c.suppressed ? 0 : c.value), 0);
  const possible = hiddenIdx.map(() => new Set<number>());
  const rec = (k: number, acc: number[]) => {
    if (k === hiddenIdx.length) {
      if (acc.reduce((a, b) => a + b, 0) + shownSum === total) acc.forEach((v, j) => possible[j].add(v));
      return;
    }
    const c = cells[hiddenIdx[k]];
    const [a, b] = c.suppressed === 'small' ? [lo, t - 1] : [t, cap];
    for (let v = a; v <= b; v++) rec(k + 1, [...acc, v]);
  };
  rec(0, []);
  return hiddenIdx.some((i, j) => cells[i].suppressed === 'small' && possible[j].size === 1);
}

describe('small-count suppression', () => {
  it('never uses a threshold below 3', () => {
    expect(effectiveThreshold(1)).toBe(3);
    expect(effectiveThreshold(undefined)).toBe(3);
    expect(effectiveThreshold(5)).toBe(5);
  });

  it('hides every count below the threshold, zero included', () => {
    const r = protectTable([0, 1, 2, 3, 10], null, 3);
    expect(labels(r.cells)).toEqual(['<', '<', '<', 3, 10]);
  });

  it('one hidden cell and a published total: the smallest other cell is hidden too', () => {
    const r = protectTable([2, 7, 5, 9], { lo: 23, hi: 23 }, 3);
    expect(labels(r.cells)).toEqual(['<', 7, '*', 9]);
    expect(r.stuck).toBe(false);
    expect(disclosed(r.cells, { lo: 23, hi: 23 }, 3)).toBe(false);
  });

  it('two hidden cells whose sum pins them (both 0, or both 2) get a complementary cell', () => {
    expect(labels(protectTable([0, 0, 5, 6], { lo: 11, hi: 11 }, 3).cells)).toEqual(['<', '<', '*', 6]);
    expect(labels(protectTable([2, 2, 5, 6], { lo: 15, hi: 15 }, 3).cells)).toEqual(['<', '<', '*', 6]);
    // 1 + 2: the sum 3 leaves (1,2), (2,1), (0,3 impossible) … not pinned
    expect(labels(protectTable([1, 2, 5, 6], { lo: 14, hi: 14 }, 3).cells)).toEqual(['<', '<', 5, 6]);
  });

  it('listed cells of at least 1 (hexagons): two hidden cells summing to 2 are both 1', () => {
    const r = protectTable([1, 1, 8], { lo: 10, hi: 10 }, 3, 1);
    expect(labels(r.cells)).toEqual(['<', '<', '*']);
    expect(r.stuck).toBe(false);
  });

  it('reports when even hiding everything leaves a small count determined', () => {
    // 4 = 2 + 2 with cells ≥ 1 and < 3: both must be 2
    expect(protectTable([2, 2], { lo: 4, hi: 4 }, 3, 1).stuck).toBe(true);
    // a single cell equal to a published total
    expect(protectTable([2], { lo: 2, hi: 2 }, 3).stuck).toBe(true);
  });

  it('agrees with brute force on random tables', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 400; trial++) {
      const n = 2 + Math.floor(rand() * 4);
      const lo = rand() < 0.5 ? 0 : 1;
      const values = Array.from({ length: n }, () => lo + Math.floor(rand() * (rand() < 0.6 ? 3 : 9)));
      const total = values.reduce((a, b) => a + b, 0);
      const r = protectTable(values, { lo: total, hi: total }, 3, lo);
      if (r.stuck) continue;
      expect(bruteDisclosed(r.cells, total, 3, lo, total + 1), JSON.stringify({ values, lo, cells: labels(r.cells) })).toBe(false);
    }
  });

  it('feasible ranges are exact for one equation', () => {
    const cells: CellState[] = [{ value: 1, suppressed: 'small' }, { value: 4, suppressed: 'complementary' }, { value: 6, suppressed: null }];
    const [a, b, c] = feasibleRanges(cells, { lo: 11, hi: 11 }, 3);
    expect(a).toEqual({ lo: 0, hi: 2 });
    expect(b).toEqual({ lo: 3, hi: 5 });
    expect(c).toEqual({ lo: 6, hi: 6 });
    expect(feasibleRanges(cells, { lo: 0, hi: INF }, 3)[0]).toEqual({ lo: 0, hi: 2 });
  });
});

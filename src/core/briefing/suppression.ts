/**
 * Small-count suppression for public outputs (statistical disclosure control). Pure functions.
 *
 * Primary suppression: every count below the threshold t (0 included) is hidden ("<t").
 *
 * Complementary (secondary) suppression: a published table whose cells add up to a published (or bounded)
 * total is one linear equation. A reader who knows the rule (Kerckhoffs: assume the algorithm is public) knows
 * for every hidden cell a prior interval: [lo, t−1] for a small cell (lo = 1 when only non-empty cells are
 * listed, as with hexagons), [t, ∞) for a complementary one. With one equation the exact range of each hidden
 * cell is its prior interval intersected with "total − the others' extremes". When that range is a single value
 * for any small cell (one beat hidden and the total shown; two hidden hexagons that must both be 1; …), the
 * smallest still-shown cell is hidden as well, and the check repeats. When nothing is left to hide, the caller
 * is told (`stuck`) and hides the margin or the whole table.
 */

export type SuppressionKind = 'small' | 'complementary';

export interface CellState {
  value: number;
  /** null = shown */
  suppressed: SuppressionKind | null;
}

export interface Bounds {
  lo: number;
  hi: number;
}

export const INF = Number.POSITIVE_INFINITY;

/** Smallest threshold ever used: counts 0, 1 and 2 are never published. */
export const MIN_THRESHOLD = 3;

export function effectiveThreshold(t: number | undefined): number {
  return Math.max(MIN_THRESHOLD, Math.floor(t ?? MIN_THRESHOLD));
}

/** The interval a reader can infer for a published-or-hidden count on its own. */
export function priorBounds(c: CellState, threshold: number, lo = 0): Bounds {
  if (c.suppressed === null) return { lo: c.value, hi: c.value };
  if (c.suppressed === 'small') return { lo, hi: threshold - 1 };
  return { lo: threshold, hi: INF };
}

/**
 * Feasible range of each hidden cell given sum(cells) ∈ total. Exact for one linear equation with box
 * constraints. Shown cells get their value.
 */
export function feasibleRanges(cells: CellState[], total: Bounds, threshold: number, lo = 0): Bounds[] {
  const prior = cells.map((c) => priorBounds(c, threshold, lo));
  let sumLo = 0;
  let finiteHi = 0;
  let infinite = 0;
  for (const p of prior) {
    sumLo += p.lo;
    if (p.hi === INF) infinite++;
    else finiteHi += p.hi;
  }
  return prior.map((p) => {
    const othersLo = sumLo - p.lo;
    const othersHi = infinite - (p.hi === INF ? 1 : 0) > 0 ? INF : finiteHi - (p.hi === INF ? 0 : p.hi);
    return {
      lo: Math.max(p.lo, othersHi === INF ? -INF : total.lo - othersHi),
      hi: Math.min(p.hi, total.hi === INF ? INF : total.hi - othersLo),
    };
  });
}

/** True when some small cell's value follows exactly from the others and the total. */
export function disclosed(cells: CellState[], total: Bounds, threshold: number, lo = 0): boolean {
  const ranges = feasibleRanges(cells, total, threshold, lo);
  return cells.some((c, i) => c.suppressed === 'small' && ranges[i].hi - ranges[i].lo < 1);
}

/** Primary suppression of one count. */
export function primary(value: number, threshold: number): CellState {
  return { value, suppressed: value < threshold ? 'small' : null };
}

export interface ProtectResult {
  cells: CellState[];
  /** Even with every cell hidden a small cell is still determined: hide the total, or the whole table. */
  stuck: boolean;
}

/**
 * Primary + complementary suppression of one table whose cells sum to a total the reader knows within
 * `total` (pass null when the reader cannot know the sum: only primary suppression then).
 * `lo` is the smallest value a listed cell can have (1 when empty cells are omitted from the output).
 */
export function protectTable(values: number[], total: Bounds | null, threshold: number, lo = 0): ProtectResult {
  const cells = values.map((v) => primary(v, threshold));
  if (!total) return { cells, stuck: false };
  for (;;) {
    if (!disclosed(cells, total, threshold, lo)) return { cells, stuck: false };
    // hide the smallest still-shown cell (least information lost); ties: the first
    let pick = -1;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i].suppressed === null && (pick < 0 || cells[i].value < cells[pick].value)) pick = i;
    }
    if (pick < 0) return { cells, stuck: true };
    cells[pick] = { value: cells[pick].value, suppressed: 'complementary' };
  }
}

/** Bounds of a count as a reader sees it (exact when shown). */
export function readerBounds(c: CellState, threshold: number, lo = 0): Bounds {
  return priorBounds(c, threshold, lo);
}

/** Sum of intervals. */
export function addBounds(a: Bounds, b: Bounds): Bounds {
  return { lo: a.lo + b.lo, hi: a.hi + b.hi };
}

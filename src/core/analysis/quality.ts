/**
 * Hot spot map quality: how well the top cells of a training period capture incidents of a test period.
 *
 * Selection: features (cells, districts) are ranked by training-period intensity — count, or count / area when
 * `rankBy` = 'density' (identical for equal-area grids) — descending, ties broken by feature index; the top
 * ceil(fraction * F) features are the "hot spots" (F = number of features; only features with a positive
 * training value can be selected, so fewer may be chosen).
 *
 * Definitions (n = test incidents in hot spots, N = all test incidents, a = hot spot area, A = the study area:
 * `studyAreaM2` when given (the command's territory, else the union of its beats: backend store/studyArea.ts),
 * else the total area of all features):
 * - Hit rate = n / N (share of future incidents captured).
 * - PAI, Predictive Accuracy Index (Chainey, Tompson & Uhlig 2008) = (n / N) / (a / A).
 * - RRI, Recapture Rate Index (Levine 2008) = (n / n_train) / (N / N_train), with n_train the training
 *   incidents in the hot spots and N_train all training incidents: how well the hot spots keep their share
 *   from one period to the next (1 = same share, > 1 rising, < 1 declining). NaN when n_train = 0.
 */
export interface HotspotQualityResult {
  method: 'hotspot-quality';
  params: { fraction: number; rankBy: 'count' | 'density'; features: number };
  selected: Uint8Array;
  selectedCount: number;
  n: number;
  N: number;
  nTrain: number;
  NTrain: number;
  a: number;
  A: number;
  hitRate: number;
  pai: number;
  rri: number;
}

export function hotspotQuality(
  input: { trainCounts: ArrayLike<number>; testCounts: ArrayLike<number>; areas: ArrayLike<number> | number; studyAreaM2?: number | null },
  params: { fraction: number; rankBy?: 'count' | 'density' },
): HotspotQualityResult {
  const { trainCounts, testCounts, areas } = input;
  const F = trainCounts.length;
  if (testCounts.length !== F) throw new Error('trainCounts and testCounts differ in length.');
  if (typeof areas !== 'number' && areas.length !== F) throw new Error('areas differ in length from the counts.');
  const { fraction } = params;
  if (!(fraction > 0 && fraction <= 1)) throw new Error('fraction must be in (0, 1].');
  const rankBy = params.rankBy ?? 'count';
  const area = (i: number) => (typeof areas === 'number' ? areas : areas[i]);
  const key = new Float64Array(F);
  for (let i = 0; i < F; i++) key[i] = rankBy === 'density' ? trainCounts[i] / area(i) : trainCounts[i];
  const order = Array.from({ length: F }, (_, i) => i).sort((p, q) => key[q] - key[p] || p - q);
  const k = Math.ceil(fraction * F);
  const selected = new Uint8Array(F);
  let chosen = 0;
  for (let r = 0; r < k && r < F; r++) {
    const i = order[r];
    if (!(trainCounts[i] > 0)) break;
    selected[i] = 1;
    chosen++;
  }
  let n = 0, N = 0, nT = 0, NT = 0, a = 0, A = 0;
  for (let i = 0; i < F; i++) {
    N += testCounts[i];
    NT += trainCounts[i];
    A += area(i);
    if (selected[i]) {
      n += testCounts[i];
      nT += trainCounts[i];
      a += area(i);
    }
  }
  if (input.studyAreaM2 != null && input.studyAreaM2 > 0) A = input.studyAreaM2;
  const hitRate = N > 0 ? n / N : NaN;
  return {
    method: 'hotspot-quality',
    params: { fraction, rankBy, features: F },
    selected,
    selectedCount: chosen,
    n, N, nTrain: nT, NTrain: NT, a, A,
    hitRate,
    pai: a > 0 && N > 0 ? hitRate / (a / A) : NaN,
    rri: nT > 0 && N > 0 && NT > 0 ? (n / nT) / (N / NT) : NaN,
  };
}

/**
 * Hot spot maps of several methods compared at the SAME area share (the validation table).
 *
 * All maps are read on one evaluation grid of equal cells covering the study area (`eligible` cells: centre
 * inside the study area). Each method gives every cell a key (its own statistic: Gi* z, density, cluster size,
 * last period's count…); cells with a key that is not finite or not above `minKey` (default 0) cannot be
 * selected ("outside that method's map"). For an area share s, a method's map is its cells in descending key
 * order (ties: more training reports first, then lower index) while their area stays within s × A; a method whose
 * map is smaller than that is evaluated on the map it has (its actual share is reported).
 *   hit rate = n / N, n = test reports in the selected cells, N = test reports in eligible cells;
 *   PAI = (n / N) / (a / A), a = selected area, A = study area (`studyAreaM2`, e.g. the command's territory).
 */
export interface MethodKey {
  method: string;
  key: Float64Array;
  minKey?: number;
}

export interface ShareRow {
  method: string;
  share: number;
  /** a / A actually selected. */
  areaShare: number;
  cells: number;
  n: number;
  N: number;
  hitRate: number;
  pai: number;
  /** The method's map reached the share (a ≥ 95 % of s × A); otherwise it is smaller than the others compared. */
  filled: boolean;
}

export function compareAtShares(input: {
  trainCounts: ArrayLike<number>; testCounts: ArrayLike<number>; eligible: Uint8Array; cellArea: number; studyAreaM2: number;
  methods: MethodKey[]; shares: number[];
}): ShareRow[] {
  const { trainCounts, testCounts, eligible, cellArea: ca, studyAreaM2: A, methods, shares } = input;
  const F = eligible.length;
  let N = 0;
  for (let i = 0; i < F; i++) if (eligible[i]) N += testCounts[i];
  const rows: ShareRow[] = [];
  for (const m of methods) {
    const minKey = m.minKey ?? 0;
    const order: number[] = [];
    for (let i = 0; i < F; i++) if (eligible[i] && Number.isFinite(m.key[i]) && m.key[i] > minKey) order.push(i);
    order.sort((p, q) => m.key[q] - m.key[p] || trainCounts[q] - trainCounts[p] || p - q);
    for (const s of shares) {
      const k = Math.min(order.length, Math.floor((s * A) / ca + 1e-9));
      let n = 0;
      for (let r = 0; r < k; r++) n += testCounts[order[r]];
      const a = k * ca;
      const hitRate = N > 0 ? n / N : NaN;
      rows.push({ method: m.method, share: s, areaShare: a / A, cells: k, n, N, hitRate, pai: a > 0 && N > 0 ? hitRate / (a / A) : NaN, filled: a >= 0.95 * s * A - ca });
    }
  }
  return rows;
}

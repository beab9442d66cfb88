/**
 * Per-district (beat) statistics over columns of reports, e.g. straight from SQLite:
 *   SELECT district_id, created_at, category_code, status_code, verified_at FROM reports
 *   WHERE created_at >= :previousFrom AND created_at < :to AND <filters>
 * The current period is [from, to); the previous one defaults to the period of equal length just before it,
 * [from - (to - from), from). Reports outside both periods are ignored, so the caller may pass a wider set.
 *
 * Definitions:
 *  - count: reports created in the current period; ratePerKm2 = count / areaKm2 (null when the area is not > 0);
 *  - confirmed: reports whose status is in the 'confirmed' group (statuses.ts); confirmedShare = confirmed / count
 *    (null when count = 0), i.e. the share of ALL reports of the period, open ones included;
 *  - change = count - previousCount; changePct = 100 · change / previousCount (null when previousCount = 0);
 *  - pValue: exact two-sided conditional binomial test of equal Poisson rates (exact.ts), periods weighted by
 *    length; significant = pValue < alpha (default 0.05, per district, no multiple-comparison correction);
 *  - topCategories: the `topCategories` (default 5) most frequent category codes, ties by lower code;
 *  - hourWeekday[weekday][hour]: counts by Europe/Warsaw local hour of creation, weekday 0 = Monday;
 *  - medianVerificationHours: median of (verifiedAt - createdAt) in hours over current-period reports that have
 *    a verification time (NaN = never verified; negative durations are ignored as bad data). Unverified reports
 *    are not in the median (right-censored), so it describes the verified ones only. null when none.
 */
import { STATUSES } from '../domain/statuses';
import { warsawOffsetMs } from '../domain/time';
import { poissonRateTest } from './exact';

export interface ReportColumns {
  /** District id per report; -1 (or any id not in `districts`) = unassigned. */
  districtId: Int32Array | ArrayLike<number>;
  /** Creation time, UTC epoch ms. */
  createdAt: Float64Array | ArrayLike<number>;
  categoryCode: Uint8Array | ArrayLike<number>;
  statusCode: Uint8Array | ArrayLike<number>;
  /** Verification time, UTC epoch ms, NaN when never verified. */
  verifiedAt?: Float64Array | ArrayLike<number>;
  /** Alternative to verifiedAt: time to verification per report in ms, NaN when unknown. */
  verificationMs?: Float64Array | ArrayLike<number>;
  /** Only reports with include[i] = 1 are counted (e.g. inside the command's territory); absent = all. */
  include?: Uint8Array | ArrayLike<number>;
}

export interface StatsDistrict {
  id: number;
  areaKm2: number;
}

export interface DistrictStatsOptions {
  /** Current period, UTC ms, [from, to). */
  from: number;
  to: number;
  /** Previous period; defaults to [from - (to - from), from). */
  previousFrom?: number;
  previousTo?: number;
  topCategories?: number;
  alpha?: number;
  /** Add a row with districtId -1 for reports not in any listed district (areaKm2 0, rate null). */
  includeUnassigned?: boolean;
}

export interface CategoryCount {
  code: number;
  count: number;
}

export interface DistrictStats {
  districtId: number;
  count: number;
  areaKm2: number;
  ratePerKm2: number | null;
  confirmed: number;
  confirmedShare: number | null;
  previousCount: number;
  change: number;
  changePct: number | null;
  pValue: number;
  significant: boolean;
  topCategories: CategoryCount[];
  /** [weekday 0=Mon..6=Sun][hour 0..23] */
  hourWeekday: number[][];
  medianVerificationHours: number | null;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

const CONFIRMED = new Uint8Array(256);
for (const s of STATUSES) if (s.group === 'confirmed') CONFIRMED[s.code] = 1;

function median(values: Float64Array): number {
  const n = values.length;
  values.sort();
  return n % 2 === 1 ? values[(n - 1) >> 1] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

export function computeDistrictStats(columns: ReportColumns, districts: readonly StatsDistrict[], options: DistrictStatsOptions): DistrictStats[] {
  const { from, to } = options;
  if (!(to > from)) throw new Error('computeDistrictStats: `to` must be after `from`');
  const prevTo = options.previousTo ?? from;
  const prevFrom = options.previousFrom ?? from - (to - from);
  if (!(prevTo > prevFrom)) throw new Error('computeDistrictStats: empty previous period');
  const topN = options.topCategories ?? 5;
  const alpha = options.alpha ?? 0.05;
  const { districtId, createdAt, categoryCode, statusCode, verifiedAt, verificationMs, include } = columns;
  const n = districtId.length;
  for (const [name, col] of [['createdAt', createdAt], ['categoryCode', categoryCode], ['statusCode', statusCode], ['verifiedAt', verifiedAt], ['verificationMs', verificationMs], ['include', include]] as const) {
    if (col && col.length !== n) throw new Error(`computeDistrictStats: column ${name} has ${col.length} values, districtId has ${n}`);
  }

  // id -> slot (dense table for small non-negative ids, Map otherwise)
  const rows: StatsDistrict[] = [...districts];
  if (options.includeUnassigned) rows.push({ id: -1, areaKm2: 0 });
  const S = rows.length;
  const maxId = rows.reduce((m, d) => Math.max(m, d.id), -1);
  const dense = maxId < 4 * n + 65536 && rows.every((d) => Number.isInteger(d.id) && d.id >= -1);
  const table = dense ? new Int32Array(maxId + 2).fill(-1) : null;
  const map = dense ? null : new Map<number, number>();
  rows.forEach((d, s) => { if (table) table[d.id + 1] = s; else map!.set(d.id, s); });
  const unassignedSlot = options.includeUnassigned ? S - 1 : -1;
  const slotOf = (id: number): number => {
    let s = -1;
    if (table) s = id >= -1 && id <= maxId ? table[id + 1] : -1;
    else s = map!.get(id) ?? -1;
    return s < 0 ? unassignedSlot : s;
  };

  const count = new Int32Array(S), prev = new Int32Array(S), conf = new Int32Array(S), nVer = new Int32Array(S);
  const cats = new Int32Array(S * 256);
  const hw = new Int32Array(S * 168);
  const reportSlot = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (include && !include[i]) continue;
    const t = createdAt[i];
    const s = slotOf(districtId[i]);
    if (s < 0) continue;
    if (t >= from && t < to) {
      count[s]++;
      reportSlot[i] = s;
      if (CONFIRMED[statusCode[i] & 255]) conf[s]++;
      cats[s * 256 + (categoryCode[i] & 255)]++;
      const local = t + warsawOffsetMs(t);
      const hour = Math.floor((((local % DAY) + DAY) % DAY) / HOUR);
      const weekday = (((Math.floor(local / DAY) + 3) % 7) + 7) % 7;
      hw[s * 168 + weekday * 24 + hour]++;
      const v = verifiedAt ? verifiedAt[i] - t : verificationMs ? verificationMs[i] : NaN;
      if (v >= 0) nVer[s]++;
    } else if (t >= prevFrom && t < prevTo) {
      prev[s]++;
    }
  }
  // verification durations, grouped per slot (CSR)
  const start = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) start[s + 1] = start[s] + nVer[s];
  const durations = new Float64Array(start[S]);
  if (start[S] > 0) {
    const fill = start.slice(0, S);
    for (let i = 0; i < n; i++) {
      const s = reportSlot[i];
      if (s < 0) continue;
      const v = verifiedAt ? verifiedAt[i] - createdAt[i] : verificationMs ? verificationMs[i] : NaN;
      if (v >= 0) durations[fill[s]++] = v;
    }
  }

  const tCur = to - from, tPrev = prevTo - prevFrom;
  return rows.map((d, s): DistrictStats => {
    const c = count[s], pc = prev[s];
    const top: CategoryCount[] = [];
    for (let code = 0; code < 256; code++) { const k = cats[s * 256 + code]; if (k > 0) top.push({ code, count: k }); }
    top.sort((a, b) => b.count - a.count || a.code - b.code);
    const hourWeekday: number[][] = [];
    for (let w = 0; w < 7; w++) hourWeekday.push(Array.from(hw.subarray(s * 168 + w * 24, s * 168 + w * 24 + 24)));
    const pValue = poissonRateTest(c, pc, tCur, tPrev).pValue;
    return {
      districtId: d.id,
      count: c,
      areaKm2: d.areaKm2,
      ratePerKm2: d.areaKm2 > 0 ? c / d.areaKm2 : null,
      confirmed: conf[s],
      confirmedShare: c > 0 ? conf[s] / c : null,
      previousCount: pc,
      change: c - pc,
      changePct: pc > 0 ? (100 * (c - pc)) / pc : null,
      pValue,
      significant: pValue < alpha,
      topCategories: top.slice(0, topN),
      hourWeekday,
      medianVerificationHours: nVer[s] > 0 ? median(durations.subarray(start[s], start[s + 1])) / HOUR : null,
    };
  });
}

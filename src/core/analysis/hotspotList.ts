/**
 * From significant cells to a RANKED LIST OF HOTSPOTS — the one hotspot definition shared by the map, the CLI
 * and (later) briefings.
 *
 * Definition:
 * - Eligible cells: Gi* bin > 0 (significant hot, FDR) AND at least one report in the cell. A cell without
 *   reports is never a hotspot (it may be significant only through its neighbours).
 * - Eligible cells that share an edge (centre distance = cell spacing) form ONE hotspot; for features without a
 *   grid (beats) every hot feature is its own hotspot.
 * - A hotspot needs at least `minReports` reports in its cells (default 5); smaller groups are not listed and
 *   their cells are not drawn as hot (`bins` returned here; the test's own bins stay available as rawBins).
 * - Centre: the densest place of the hotspot — among its cell centres and its reports (up to 2,000 of them), the
 *   point with the most reports (of all analysed reports) within the place radius r; then up to 10 mean-shift
 *   steps (centre := mean of the reports within r).
 * - Ranking statistic ("how far the place exceeds what its surroundings explain"): the Poisson log-likelihood
 *   ratio of the core against its surroundings,
 *     O = reports within r of the centre, E = ρ π r², ρ = (reports in the ring + ½) / ring area,
 *     ring = cells of the centre's stratum whose centres lie between r + ½ cell spacing and R (the reference
 *     radius), ring area = their number × cell area (so the edge of the study area and other strata are left out),
 *     LLR = O ln(O / E) − (O − E) for O > E, else 0
 *   (Kulldorff's scan statistic for one window; the ½ keeps an empty ring finite). Ties: more reports first.
 *   A sharp place of 20 reports in a quiet street outranks a broad busy square whose surroundings are busy too.
 * - Hours: the shortest run of whole Warsaw hours (circular) holding at least two thirds of the hotspot's
 *   reports. It is stated as a concentration only when it spans at most 12 hours and reports spread uniformly
 *   over the day would give so short a span in at most 5 % of 199 seeded simulations; otherwise the reports are
 *   "spread over the day".
 * - Since: Warsaw calendar months of the analysed reports; O_m = the hotspot's reports in month m, N_m = all
 *   analysed reports of its stratum in month m (exposure: seasonality and partial first/last months cancel out).
 *   The best single change point k of the rate O/N (two-rate vs one-rate Poisson log-likelihood ratio) is
 *   accepted when its Monte-Carlo p-value is ≤ 0.01 (499 seeded simulations of the hotspot's reports spread over
 *   the months in proportion to the exposure; the maximum over all k is what is simulated). A rise at k → hot since month k; a fall → hot until month
 *   k − 1 (no "since"); no accepted change → hot since the first analysed month (`fromStart`).
 */
import type KDBush from 'kdbush';
import { monthKey, warsawHourWeekday, warsawMonthEdges, warsawMonthIndex } from '../domain/time';
import { stepIndex } from './emerging';
import { cellIndexOf, cellSpacing } from './grid';
import type { RunOptions } from './common';
import type { HotSpotResult } from './hotspot';
import { buildPlaceRaster, PLACE_SCALE, placeCellSize, placeGiStar, StratumSums, type PlaceGiOptions, type PlaceGiResult, type PlaceRaster, type Stratum } from './place';
import { multinomialDeviate, mulberry32 } from './random';
import { buildIndex, withinFiltered } from './spatial';

export interface HotspotPoints {
  x: Float64Array;
  y: Float64Array;
  /** UTC ms; needed for hours and since. */
  times?: Float64Array;
  categories?: Uint8Array;
  /** 1 when the report's status is in the confirmed group. */
  confirmed?: Uint8Array;
  /** District (beat) id per report, -1 none. */
  districtIds?: Int32Array;
}

export interface HourSpan {
  /** First hour of the span (0–23, Warsaw). */
  from: number;
  /** Hour after the span (exclusive, 1–24; may be smaller than `from` when the span wraps midnight). */
  to: number;
  /** Reports in the span / all reports of the hotspot. */
  share: number;
  reports: number;
  /** True when the span is at most 12 h and significantly denser than its share of the day. */
  concentrated: boolean;
}

export interface SinceResult {
  /** "YYYY-MM": first Warsaw month of the current hot run; null when the hotspot faded (see `until`). */
  since: string | null;
  /** True when no start could be found inside the analysed months: hot since at least the first of them. */
  fromStart: boolean;
  /** "YYYY-MM": last month of a hot run that has ended (significant fall), else null. */
  until: string | null;
  /** Months analysed. */
  months: number;
  /** 2 × LLR of the best change point (0 without one). */
  changeStatistic: number;
  /** Monte-Carlo p-value of that change (1 without one). */
  p: number;
}

export interface Hotspot {
  rank: number;
  /** Centre (densest place), EPSG:2180 metres. */
  x: number;
  y: number;
  /** Reports in the hotspot's cells. */
  reports: number;
  confirmed: number | null;
  /** Indices into the input points of those reports, ascending. */
  members: Int32Array;
  cells: number;
  areaM2: number;
  /** Highest confidence among its cells: 90, 95 or 99. */
  confidence: 90 | 95 | 99;
  zMax: number;
  /** Ranking statistic (module doc). */
  score: number;
  core: { radius: number; reports: number; expected: number; ratio: number };
  stratum: number;
  /** Most frequent district id among its reports (-1 none). */
  districtId: number;
  topCategories: { code: number; count: number }[];
  hours: HourSpan | null;
  since: SinceResult | null;
  /** Analysed feature indices (cells) of the hotspot. */
  units: Int32Array;
}

export interface HotspotUnits {
  /** Per analysed feature. */
  counts: Float64Array;
  bins: Int8Array;
  z: Float64Array;
  cx: Float64Array;
  cy: Float64Array;
  /** Area per feature (m²) or one value for equal cells. */
  area: number | Float64Array;
  /** Centre distance of edge neighbours (grid cell spacing), or null: every feature is its own hotspot. */
  adjacency: number | null;
}

export interface HotspotListInput {
  points: HotspotPoints;
  /** Analysed feature of every point, -1 none. */
  unitOfPoint: Int32Array;
  units: HotspotUnits;
  /** Place raster of the study area for the surroundings (strata, counts), and radii. */
  raster: PlaceRaster;
  /** Radius of the surroundings: one for all, or per stratum of the raster. */
  referenceRadius: number | ArrayLike<number>;
  placeRadius: number;
  minReports: number;
}

export interface HotspotListResult {
  hotspots: Hotspot[];
  /** Bins after the hotspot rules (hot only inside listed hotspots). */
  bins: Int8Array;
  /** Rank of the hotspot each feature belongs to (0 = none). */
  hotspotOfUnit: Int32Array;
  /** Hot groups dropped for too few reports, and hot cells without reports. */
  dropped: { groups: number; reports: number; emptyHotCells: number };
  params: { minReports: number; placeRadius: number; referenceRadius: number | number[]; ranking: 'core-poisson-llr' };
}

/** Poisson log-likelihood ratio of an observed count against its expectation (0 when not in excess). */
export function poissonExcessLlr(o: number, e: number): number {
  if (!(o > e) || !(e > 0)) return o > 0 && e === 0 ? Infinity : 0;
  return o * Math.log(o / e) - (o - e);
}

/** Shortest circular run of hours holding at least `need` reports: [length, start, sum]. */
function shortestSpan(h: ArrayLike<number>, need: number): [number, number, number] {
  for (let len = 1; len <= 24; len++) {
    let best = -1, bestStart = 0;
    for (let s = 0; s < 24; s++) {
      let sum = 0;
      for (let k = 0; k < len; k++) sum += h[(s + k) % 24];
      if (sum > best) { best = sum; bestStart = s; }
    }
    if (best >= need) return [len, bestStart, best];
  }
  return [24, 0, need];
}

/**
 * Hour span of hour counts (module doc). The span is "concentrated" when it is at most 12 hours long and
 * reports spread uniformly over the day would give a span this short in at most 5 % of `simulations` (199,
 * seeded) — the search for the shortest span is part of what is simulated, so the test is not fooled by it.
 */
export function hourSpan(hourCounts: ArrayLike<number>, opts: { simulations?: number; seed?: number } = {}): HourSpan | null {
  let n = 0;
  for (let h = 0; h < 24; h++) n += hourCounts[h];
  if (n === 0) return null;
  const need = Math.ceil((2 * n) / 3);
  const [len, start, sum] = shortestSpan(hourCounts, need);
  let concentrated = false;
  if (len <= 12) {
    const sims = opts.simulations ?? 199;
    const rng = mulberry32(opts.seed ?? 1);
    const h = new Float64Array(24);
    const uniform = new Float64Array(24).fill(1);
    let le = 0;
    for (let it = 0; it < sims; it++) {
      multinomialDeviate(n, uniform, rng, h);
      if (shortestSpan(h, need)[0] <= len) le++;
    }
    concentrated = (le + 1) / (sims + 1) <= 0.05;
  }
  const to = (start + len) % 24;
  return { from: start, to: to === 0 ? 24 : to, share: sum / n, reports: n, concentrated };
}

/** Best single change point of the monthly rate counts/exposure: [2 LLR, k, rise]. */
function bestChange(counts: ArrayLike<number>, exposure: ArrayLike<number>): [number, number, boolean] {
  const M = counts.length;
  let O = 0, N = 0;
  for (let m = 0; m < M; m++) { O += counts[m]; N += exposure[m]; }
  if (M < 2 || O === 0 || N === 0) return [0, -1, false];
  const f = (o: number, n: number) => (o > 0 ? o * Math.log((o * N) / (n * O)) : 0);
  let best = 0, bestK = -1, rise = false;
  let ob = 0, nb = 0;
  for (let k = 1; k < M; k++) {
    ob += counts[k - 1];
    nb += exposure[k - 1];
    const oa = O - ob, na = N - nb;
    if (nb <= 0 || na <= 0) continue;
    const llr = f(ob, nb) + f(oa, na);
    if (llr > best + 1e-12) { best = llr; bestK = k; rise = oa / na > ob / nb; }
  }
  return [2 * best, bestK, rise];
}

/**
 * Since / until from monthly counts and exposures (module doc). `first` is the month index of element 0.
 * The change is accepted when its Monte-Carlo p-value is at most `alpha` (default 0.01: a wrong "new since" misleads
 * more than a missed one): the hotspot's reports are spread over the months in proportion to the exposure
 * `simulations` times (default 499, seeded), and p is
 * the share of simulations (plus the observation) whose best change statistic is at least the observed one.
 */
export function sinceFromMonths(
  counts: ArrayLike<number>, exposure: ArrayLike<number>, first: number, opts: { simulations?: number; alpha?: number; seed?: number } = {},
): SinceResult & { p: number } {
  const M = counts.length;
  const out = { since: monthKey(first), fromStart: true, until: null as string | null, months: M, changeStatistic: 0, p: 1 };
  const [stat, k, rise] = bestChange(counts, exposure);
  out.changeStatistic = stat;
  if (k < 0 || stat <= 0) return out;
  const sims = opts.simulations ?? 499;
  const alpha = opts.alpha ?? 0.01;
  let O = 0;
  for (let m = 0; m < M; m++) O += counts[m];
  const rng = mulberry32(opts.seed ?? 1);
  const sim = new Float64Array(M);
  let ge = 0;
  for (let it = 0; it < sims; it++) {
    multinomialDeviate(O, exposure, rng, sim);
    if (bestChange(sim, exposure)[0] >= stat - 1e-9) ge++;
  }
  out.p = (ge + 1) / (sims + 1);
  if (out.p > alpha) return out;
  if (rise) return { ...out, since: monthKey(first + k), fromStart: false };
  return { ...out, since: null, fromStart: false, until: monthKey(first + k - 1) };
}

/** Ranked hotspots from significant features (module doc). */
export function listHotspots(input: HotspotListInput): HotspotListResult {
  const { points, unitOfPoint, units, raster, referenceRadius, placeRadius, minReports } = input;
  const F = units.counts.length;
  const n = points.x.length;
  const bins = Int8Array.from(units.bins);
  const eligible = new Uint8Array(F);
  let emptyHot = 0;
  for (let k = 0; k < F; k++) {
    if (units.bins[k] <= 0) continue;
    if (units.counts[k] > 0) eligible[k] = 1;
    else emptyHot++;
  }
  // members per unit (CSR)
  const start = new Int32Array(F + 1);
  for (let i = 0; i < n; i++) if (unitOfPoint[i] >= 0) start[unitOfPoint[i] + 1]++;
  for (let k = 0; k < F; k++) start[k + 1] += start[k];
  const memberOf = new Int32Array(start[F]);
  const fill = start.slice(0, F);
  for (let i = 0; i < n; i++) if (unitOfPoint[i] >= 0) memberOf[fill[unitOfPoint[i]]++] = i;

  // connected groups of eligible units
  const groups: number[][] = [];
  const groupOf = new Int32Array(F).fill(-1);
  const eligIdx: number[] = [];
  for (let k = 0; k < F; k++) if (eligible[k]) eligIdx.push(k);
  if (units.adjacency == null) {
    for (const k of eligIdx) { groupOf[k] = groups.length; groups.push([k]); }
  } else {
    const ex = new Float64Array(eligIdx.length), ey = new Float64Array(eligIdx.length);
    eligIdx.forEach((k, j) => { ex[j] = units.cx[k]; ey[j] = units.cy[k]; });
    const idx = buildIndex(ex, ey);
    const buf = new Uint32Array(Math.max(eligIdx.length, 1));
    const r = units.adjacency * 1.01;
    const seen = new Uint8Array(eligIdx.length);
    for (let a = 0; a < eligIdx.length; a++) {
      if (seen[a]) continue;
      const g: number[] = [];
      const stack = [a];
      seen[a] = 1;
      while (stack.length) {
        const cur = stack.pop()!;
        g.push(eligIdx[cur]);
        const m = withinFiltered(idx, ex[cur], ey[cur], r, buf, Infinity);
        for (let q = 0; q < m; q++) {
          const j = buf[q];
          if (!seen[j]) { seen[j] = 1; stack.push(j); }
        }
      }
      g.sort((p, q) => p - q);
      for (const k of g) groupOf[k] = groups.length;
      groups.push(g);
    }
  }

  // all analysed points, for the cores
  let finite = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(points.x[i]) && Number.isFinite(points.y[i])) finite++;
  const px = new Float64Array(finite), py = new Float64Array(finite);
  for (let i = 0, k = 0; i < n; i++) if (Number.isFinite(points.x[i]) && Number.isFinite(points.y[i])) { px[k] = points.x[i]; py[k] = points.y[i]; k++; }
  let pointIndex: KDBush | null = null;
  const buf = new Uint32Array(Math.max(finite, 1));
  const sums = new Map<number, StratumSums>();
  const sumsOf = (s: number) => {
    let v = sums.get(s);
    if (!v) sums.set(s, (v = new StratumSums(raster, s)));
    return v;
  };
  const spacing = cellSpacing(raster.spec);
  const radiusOf = (s: number) => (typeof referenceRadius === 'number' ? referenceRadius : (referenceRadius[s] ?? referenceRadius[0]));
  const ringInner = placeRadius + spacing / 2;
  const outer = new Float64Array(3), inner = new Float64Array(3);

  // monthly exposure per stratum (for since)
  const stratumOfPoint = new Int16Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const c = raster.cellOfPoint[i];
    if (c >= 0) stratumOfPoint[i] = raster.stratumOfCell[c];
  }
  let firstMonth = Infinity, lastMonth = -Infinity;
  let monthOf: Int32Array | null = null;
  if (points.times) {
    // Warsaw month of every report: binary search on the month edges (no Date per report)
    let t0 = Infinity, t1 = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = points.times[i];
      if (t < t0) t0 = t;
      if (t > t1) t1 = t;
    }
    if (Number.isFinite(t0)) {
      firstMonth = warsawMonthIndex(t0);
      lastMonth = warsawMonthIndex(t1);
      const step = stepIndex(points.times, warsawMonthEdges(t0, t1));
      monthOf = new Int32Array(n);
      for (let i = 0; i < n; i++) monthOf[i] = step[i] >= 0 ? firstMonth + step[i] : -1;
    }
  }
  const M = monthOf && Number.isFinite(firstMonth) ? lastMonth - firstMonth + 1 : 0;
  const exposure = new Map<number, Float64Array>();
  const exposureOf = (s: number) => {
    let e = exposure.get(s);
    if (!e) {
      e = new Float64Array(M);
      for (let i = 0; i < n; i++) if (stratumOfPoint[i] === s && monthOf![i] >= 0) e[monthOf![i] - firstMonth]++;
      exposure.set(s, e);
    }
    return e;
  };

  const out: Hotspot[] = [];
  let droppedGroups = 0, droppedReports = 0;
  const finiteIdx = new Int32Array(finite);
  for (let i = 0, k = 0; i < n; i++) if (Number.isFinite(points.x[i]) && Number.isFinite(points.y[i])) finiteIdx[k++] = i;
  for (const g of groups) {
    let inCells = 0;
    for (const k of g) inCells += start[k + 1] - start[k];
    const cellMembers = new Int32Array(inCells);
    let w = 0;
    for (const k of g) for (let a = start[k]; a < start[k + 1]; a++) cellMembers[w++] = memberOf[a];
    pointIndex ??= buildIndex(px, py);
    // the densest place: the best start among the hotspot's cell centres and (for small hotspots) its reports,
    // then mean shift
    let cxp = units.cx[g[0]], cyp = units.cy[g[0]], bestC = -1;
    const tryStart = (x: number, y: number) => {
      const c = withinFiltered(pointIndex!, x, y, placeRadius, null, Infinity);
      if (c > bestC) { bestC = c; cxp = x; cyp = y; }
    };
    for (const k of g) tryStart(units.cx[k], units.cy[k]);
    if (cellMembers.length <= 2000) for (let a = 0; a < cellMembers.length; a++) tryStart(points.x[cellMembers[a]], points.y[cellMembers[a]]);
    for (let it = 0; it < 10; it++) {
      const c = withinFiltered(pointIndex, cxp, cyp, placeRadius, buf, Infinity);
      if (c === 0) break;
      let sx = 0, sy = 0;
      for (let q = 0; q < c; q++) { sx += px[buf[q]]; sy += py[buf[q]]; }
      const nx = sx / c, ny = sy / c;
      const moved = Math.hypot(nx - cxp, ny - cyp);
      cxp = nx;
      cyp = ny;
      if (moved < 0.5) break;
    }
    const O = withinFiltered(pointIndex, cxp, cyp, placeRadius, buf, Infinity);
    // the hotspot's reports: those in its cells and those within the place radius of its centre (a place cut by
    // a cell edge keeps all its reports)
    const union = new Set<number>(cellMembers);
    for (let q = 0; q < O; q++) union.add(finiteIdx[buf[q]]);
    const members = Int32Array.from(union).sort();
    const reports = members.length;
    if (reports < minReports) {
      droppedGroups++;
      droppedReports += reports;
      for (const k of g) bins[k] = 0;
      continue;
    }
    // stratum of the centre (its raster cell), else of the first member
    let s = -1;
    const cc = cellIndexOf(raster.spec, cxp, cyp);
    if (cc >= 0) s = raster.stratumOfCell[cc];
    if (s < 0) s = stratumOfPoint[members[0]];
    let rho: number;
    const R = s >= 0 ? radiusOf(s) : radiusOf(0);
    if (s >= 0) {
      const ss = sumsOf(s);
      ss.sumAt(cxp, cyp, R, outer);
      ss.sumAt(cxp, cyp, ringInner, inner);
      const ringCells = outer[0] - inner[0];
      const ringReports = outer[1] - inner[1];
      rho = ringCells > 0 ? (ringReports + 0.5) / (ringCells * raster.cellArea) : 0.5 / (Math.PI * (R ** 2 - ringInner ** 2));
    } else {
      rho = 0.5 / (Math.PI * (R ** 2 - ringInner ** 2));
    }
    const E = rho * Math.PI * placeRadius * placeRadius;
    const score = poissonExcessLlr(O, E);
    let maxBin = 0, zMax = -Infinity, area = 0;
    for (const k of g) {
      if (units.bins[k] > maxBin) maxBin = units.bins[k];
      if (units.z[k] > zMax) zMax = units.z[k];
      area += typeof units.area === 'number' ? units.area : units.area[k];
    }
    let confirmed: number | null = null;
    if (points.confirmed) { confirmed = 0; for (const i of members) confirmed += points.confirmed[i]; }
    let topCategories: { code: number; count: number }[] = [];
    if (points.categories) {
      const cats = new Map<number, number>();
      for (const i of members) cats.set(points.categories[i], (cats.get(points.categories[i]) ?? 0) + 1);
      topCategories = [...cats.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3).map(([code, count]) => ({ code, count }));
    }
    let districtId = -1;
    if (points.districtIds) {
      const d = new Map<number, number>();
      for (const i of members) d.set(points.districtIds[i], (d.get(points.districtIds[i]) ?? 0) + 1);
      districtId = [...d.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? -1;
    }
    let hours: HourSpan | null = null;
    let since: SinceResult | null = null;
    if (points.times && monthOf && M > 0) {
      const h = new Float64Array(24);
      const om = new Float64Array(M);
      for (const i of members) {
        const t = points.times[i];
        if (!Number.isFinite(t)) continue;
        h[warsawHourWeekday(t)[0]]++;
        om[monthOf[i] - firstMonth]++;
      }
      hours = hourSpan(h);
      since = sinceFromMonths(om, s >= 0 ? exposureOf(s) : om, firstMonth);
    }
    out.push({
      rank: 0, x: cxp, y: cyp, reports, confirmed, members, cells: g.length, areaM2: area,
      confidence: maxBin >= 3 ? 99 : maxBin === 2 ? 95 : 90, zMax, score,
      core: { radius: placeRadius, reports: O, expected: E, ratio: E > 0 ? O / E : Infinity },
      stratum: s, districtId, topCategories, hours, since, units: Int32Array.from(g),
    });
  }
  out.sort((a, b) => b.score - a.score || b.reports - a.reports || a.x - b.x || a.y - b.y);
  const hotspotOfUnit = new Int32Array(F);
  out.forEach((h, i) => {
    h.rank = i + 1;
    for (const k of h.units) hotspotOfUnit[k] = h.rank;
  });
  for (let k = 0; k < F; k++) if (bins[k] > 0 && hotspotOfUnit[k] === 0) bins[k] = 0;
  return {
    hotspots: out, bins, hotspotOfUnit,
    dropped: { groups: droppedGroups, reports: droppedReports, emptyHotCells: emptyHot },
    params: { minReports, placeRadius, referenceRadius: typeof referenceRadius === 'number' ? referenceRadius : Array.from(referenceRadius), ranking: 'core-poisson-llr' },
  };
}

export interface PlaceHotspotOptions extends PlaceGiOptions {
  /** Radius of a hotspot's core for the ranking (default: half the side of the place-scale square, 50–100 m). */
  placeRadius?: number;
}

export interface PlaceHotspotAnalysis extends PlaceGiResult {
  list: HotspotListResult;
}

/**
 * THE default hot spot analysis: place-scale Gi* against same-stratum surroundings (place.ts) and its ranked
 * hotspot list (this module). `strata`: the study area by kind of beat (EPSG:2180), see place.ts.
 */
export function placeHotspotAnalysis(points: HotspotPoints, strata: Stratum[] | undefined, opts: PlaceHotspotOptions = {}, options?: RunOptions): PlaceHotspotAnalysis {
  const gi = placeGiStar({ x: points.x, y: points.y }, strata, opts, options);
  const { raster } = gi;
  const slot = new Int32Array(raster.spec.cols * raster.spec.rows).fill(-1);
  for (let k = 0; k < gi.gi.cells.length; k++) slot[gi.gi.cells[k]] = k;
  const unitOfPoint = new Int32Array(points.x.length);
  for (let i = 0; i < unitOfPoint.length; i++) {
    const c = raster.cellOfPoint[i];
    unitOfPoint[i] = c >= 0 ? slot[c] : -1;
  }
  const list = listHotspots({
    points, unitOfPoint,
    units: { counts: gi.gi.counts, bins: gi.rawBins, z: gi.gi.z, cx: gi.gi.cx, cy: gi.gi.cy, area: raster.cellArea, adjacency: cellSpacing(raster.spec) },
    raster, referenceRadius: gi.params.bands.map((b) => b.referenceRadius), placeRadius: opts.placeRadius ?? gi.params.squareSide / 2, minReports: gi.params.minReports,
  });
  return { ...gi, list };
}

/**
 * The hotspot list of a classic Gi* result (ArcGIS-style grid, `hotspot.ts`) or of Gi* on features (beats):
 * the same definition and ranking as the default rule, the surroundings taken from a place-scale raster of the
 * study area. For features, `unitOfPoint` maps reports to features and `featureAreas` gives their areas; every
 * hot feature is its own hotspot.
 */
export function hotspotsOfResult(
  r: HotSpotResult, points: HotspotPoints, strata: Stratum[] | undefined,
  opts: { minReports?: number; referenceRadius?: number; placeRadius?: number; unitOfPoint?: Int32Array; featureAreas?: Float64Array; seed?: number } = {},
): HotspotListResult & { placeCellSize: number; squareSide: number } {
  const n = points.x.length;
  const place = placeCellSize(points.x, points.y, 'hex-pointy', { seed: opts.seed });
  const raster = buildPlaceRaster({ x: points.x, y: points.y }, strata, 'hex-pointy', place.cellSize);
  let unitOfPoint = opts.unitOfPoint;
  if (!unitOfPoint) {
    if (!r.grid) throw new Error('Features need unitOfPoint.');
    const slot = new Map<number, number>();
    for (let k = 0; k < r.cells.length; k++) slot.set(r.cells[k], k);
    unitOfPoint = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = Number.isFinite(points.x[i]) && Number.isFinite(points.y[i]) ? cellIndexOf(r.grid, points.x[i], points.y[i]) : -1;
      unitOfPoint[i] = c >= 0 ? (slot.get(c) ?? -1) : -1;
    }
  }
  const list = listHotspots({
    points, unitOfPoint,
    units: {
      counts: r.counts, bins: r.bins, z: r.z, cx: r.cx, cy: r.cy,
      area: r.grid ? r.cellArea : (opts.featureAreas ?? new Float64Array(r.cells.length)),
      adjacency: r.grid ? cellSpacing(r.grid) : null,
    },
    raster, referenceRadius: opts.referenceRadius ?? PLACE_SCALE.referenceRadius, placeRadius: opts.placeRadius ?? place.squareSide / 2,
    minReports: opts.minReports ?? 5,
  });
  return { ...list, placeCellSize: place.cellSize, squareSide: place.squareSide };
}

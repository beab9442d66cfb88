/**
 * Public briefing data (public consultation meetings, public PDF/CSV/GeoJSON): PUBLIC BY CONSTRUCTION.
 *
 * What goes in: counts of reports per beat (current and comparison period), per hexagon of a regular grid
 * (EPSG:2180, side `hexSize` m, only non-empty hexagons, geometry = the grid cell), per category, per 6-hour
 * band and per calendar month of each beat. What never goes in: report ids or source ids, descriptions,
 * points, times finer than the hour band / month, officers' names, file names of imports. The SQL below reads
 * only district, category code, hour, creation time and EPSG:2180 position; the output is built from counts.
 *
 * Disclosure control (see core/briefing/suppression.ts):
 * - every count below the threshold t (default 3, never below 3; 0 included) is shown as "<t" (value null);
 * - tables that add up to a published number get complementary suppression, marked "*" (value null):
 *   beats → total (both periods), categories / hour bands / months of a beat → the beat's count. When even
 *   hiding every cell leaves a small count determined, the margin (the total) is hidden, or the sub-table is
 *   left out (categories) or hidden as a whole (hour bands, months);
 * - small categories are merged into one "Pozostałe kategorie" row before that;
 * - a beat whose count is hidden shows no breakdown: no categories, hour bands and months hidden;
 * - hexagons: a hexagon holding any report of a beat whose count is hidden is left out of the map (so the
 *   map cannot be used to recount that beat). The remaining hexagons are grouped into the smallest sets whose
 *   sum a reader could tie to published beat counts (beats connected through hexagons holding reports of
 *   more than one beat) and each set gets the same complementary check (a listed hexagon holds ≥ 1 report);
 *   a set where that is impossible is left out of the map.
 * - the change in percent is given only when both counts are shown.
 * - fixed published geography: all of the above is computed on the whole command (all beats, every category and
 *   status) whatever the scope; the scope only chooses the beats shown, and `total` is always the whole command's
 *   beats. Category and status filters are refused for public outputs. So every public output of one period is a
 *   view of one protected table and comparing two of them (the differencing attack) gives nothing new.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { cellIndexOf, cellPolygon, gridForBounds, type GridSpec } from '../../core/analysis';
import { geometryToPuwg92 } from '../../core/districts';
import { categoryByCode } from '../../core/domain/categories';
import { fromPuwg92 } from '../../core/domain/crs';
import { warsawParts } from '../../core/domain/time';
import { effectiveThreshold, protectTable, type Bounds, type CellState } from '../../core/briefing/suppression';
import {
  PublicOptionsSchema,
  type BriefingRequest,
  type PublicBeat,
  type PublicBriefingData,
  type PublicCount,
  type PublicOptions,
} from '../../shared/contract/briefing';
import { msg } from '../../core/message';
import { RejonError } from '../../shared/contract';
import type { Db } from '../store/workspace';
import { beatFeatures, countedImports, dataDate, onlyKmzb, sourcesOf } from './data';
import { translate, type Lang } from '../../shared/i18n';
import { sourcesText } from '../../shared/provenance';
import type { ProvenanceKind } from '../../core/provenance';
import { resolveRequest, scopeClauses, type ResolvedRequest } from './request';

export const OTHER_CATEGORIES = 'Pozostałe kategorie';
export const HOUR_BANDS = ['0–6', '6–12', '12–18', '18–24'] as const;
const MIN_HEX = 250;

export function publicCount(c: CellState, threshold: number): PublicCount {
  if (c.suppressed === null) return { value: c.value, label: String(c.value) };
  return c.suppressed === 'small' ? { value: null, label: `<${threshold}`, suppressed: 'small' } : { value: null, label: '*', suppressed: 'complementary' };
}

const hidden = (value: number): CellState => ({ value, suppressed: 'complementary' });
const small = (value: number): CellState => ({ value, suppressed: 'small' });
const exact = (v: number): Bounds => ({ lo: v, hi: v });

function changePct(c: CellState, p: CellState): number | null {
  if (c.suppressed !== null || p.suppressed !== null || p.value === 0) return null;
  return (100 * (c.value - p.value)) / p.value;
}

/** Months (YYYY-MM) touched by [from, to] (days, inclusive). */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) break;
    m++;
    if (m > 12) { m = 1; y++; }
  }
  return out;
}

interface Rows {
  n: number;
  beat: Int32Array;
  category: Uint8Array;
  hour: Uint8Array;
  createdAt: Float64Array;
  x: Float64Array;
  y: Float64Array;
}

/** Current-period reports in scope: beat, category code, hour, time and EPSG:2180 position only. */
function readCurrent(db: Db, r: ResolvedRequest): Rows {
  const { clauses, params } = scopeClauses(r);
  const where = ['created_at >= ?', 'created_at < ?', ...clauses].join(' AND ');
  const all = [r.period.fromMs, r.period.toMs, ...params];
  const rows = db.prepare(`SELECT district_id, category_code, hour, created_at, x2180, y2180 FROM reports WHERE ${where}`).raw(true).all(...all) as [number, number, number, number, number, number][];
  const n = rows.length;
  const out: Rows = { n, beat: new Int32Array(n), category: new Uint8Array(n), hour: new Uint8Array(n), createdAt: new Float64Array(n), x: new Float64Array(n), y: new Float64Array(n) };
  rows.forEach((row, i) => {
    out.beat[i] = row[0];
    out.category[i] = row[1];
    out.hour[i] = row[2];
    out.createdAt[i] = row[3];
    out.x[i] = row[4];
    out.y[i] = row[5];
  });
  return out;
}

function previousCounts(db: Db, r: ResolvedRequest): Map<number, number> {
  const { clauses, params } = scopeClauses(r);
  const where = ['created_at >= ?', 'created_at < ?', ...clauses].join(' AND ');
  const rows = db.prepare(`SELECT district_id AS id, count(*) AS n FROM reports WHERE ${where} GROUP BY district_id`).all(r.comparison.fromMs, r.comparison.toMs, ...params) as { id: number; n: number }[];
  return new Map(rows.map((x) => [x.id, x.n]));
}

/** Beats → total, with the total hidden when the beats alone cannot protect a small count. */
function protectBeats(values: number[], threshold: number): { beats: CellState[]; total: CellState } {
  const sum = values.reduce((a, b) => a + b, 0);
  let total: CellState = { value: sum, suppressed: sum < threshold ? 'small' : null };
  const res = protectTable(values, total.suppressed === null ? exact(sum) : { lo: 0, hi: threshold - 1 }, threshold);
  if (res.stuck) total = hidden(sum);
  return { beats: res.cells, total };
}

function subTable(values: number[], beat: CellState, threshold: number, lo = 0): { cells: CellState[]; stuck: boolean } {
  if (beat.suppressed === 'small') return { cells: values.map(small), stuck: false };
  if (beat.suppressed === 'complementary') return { cells: values.map(hidden), stuck: true };
  const res = protectTable(values, exact(beat.value), threshold, lo);
  return res.stuck ? { cells: values.map(hidden), stuck: true } : res;
}

function hexRing(spec: GridSpec, cell: number): number[][] {
  return cellPolygon(spec, cell).map(([x, y]) => fromPuwg92(x, y).map((v) => Math.round(v * 1e6) / 1e6));
}

class UnionFind {
  private parent = new Map<number, number>();
  find(a: number): number {
    let p = this.parent.get(a) ?? a;
    if (p !== a) {
      p = this.find(p);
      this.parent.set(a, p);
    }
    return p;
  }
  union(a: number, b: number): void {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

function hexagons(rows: Rows, r: ResolvedRequest, beatState: Map<number, CellState>, hexSize: number, threshold: number): FeatureCollection {
  const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
  if (rows.n === 0 || r.beats.length === 0) return empty;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const b of r.beats) {
    const g = geometryToPuwg92(b.geometry);
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys) for (const ring of poly) for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  for (let i = 0; i < rows.n; i++) {
    minX = Math.min(minX, rows.x[i]); maxX = Math.max(maxX, rows.x[i]);
    minY = Math.min(minY, rows.y[i]); maxY = Math.max(maxY, rows.y[i]);
  }
  const spec = gridForBounds('hex-pointy', hexSize, minX, minY, maxX, maxY);
  // per cell: per beat counts
  const cells = new Map<number, Map<number, number>>();
  for (let i = 0; i < rows.n; i++) {
    const c = cellIndexOf(spec, rows.x[i], rows.y[i]);
    if (c < 0) continue;
    let m = cells.get(c);
    if (!m) cells.set(c, (m = new Map()));
    m.set(rows.beat[i], (m.get(rows.beat[i]) ?? 0) + 1);
  }
  // 1. leave out hexagons holding reports of a beat whose count is hidden
  const beatsLosing = new Set<number>();
  for (const [c, m] of cells) {
    if ([...m.keys()].some((b) => beatState.get(b)?.suppressed !== null)) {
      for (const b of m.keys()) beatsLosing.add(b);
      cells.delete(c);
    }
  }
  // 2. sets of beats a reader could tie together through shared hexagons
  const uf = new UnionFind();
  for (const m of cells.values()) {
    const bs = [...m.keys()];
    for (let k = 1; k < bs.length; k++) uf.union(bs[0], bs[k]);
  }
  const groups = new Map<number, number[]>();
  for (const c of [...cells.keys()].sort((a, b) => a - b)) {
    const root = uf.find(cells.get(c)!.keys().next().value!);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(c);
  }
  const states = new Map<number, CellState>();
  for (const g of groups.values()) {
    const beatsInGroup = new Set<number>();
    for (const c of g) for (const b of cells.get(c)!.keys()) beatsInGroup.add(b);
    const beatSum = [...beatsInGroup].reduce((a, b) => a + (beatState.get(b)?.value ?? 0), 0);
    const losing = [...beatsInGroup].some((b) => beatsLosing.has(b));
    const values = g.map((c) => [...cells.get(c)!.values()].reduce((a, b) => a + b, 0));
    const res = protectTable(values, losing ? { lo: 0, hi: beatSum } : exact(beatSum), threshold, 1);
    if (res.stuck) continue; // 3. cannot be protected: left out of the map
    g.forEach((c, k) => states.set(c, res.cells[k]));
  }
  const features: Feature[] = [];
  let id = 0;
  for (const c of [...states.keys()].sort((a, b) => a - b)) {
    const st = states.get(c)!;
    const m = cells.get(c)!;
    const districtId = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    const pc = publicCount(st, threshold);
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [hexRing(spec, c)] },
      properties: { id: ++id, districtId, count: pc.value, label: pc.label, ...(pc.suppressed ? { suppressed: pc.suppressed } : {}) },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function defaultPublicTitle(r: ResolvedRequest, kinds: readonly ProvenanceKind[]): string {
  if (r.scope === 'command' || r.beats.length > 3) {
    // "KMZB" only when every counted report comes from it (never over synthetic or other data)
    return onlyKmzb(kinds) ? 'Bezpieczeństwo w okolicy – zgłoszenia do Krajowej Mapy Zagrożeń Bezpieczeństwa' : 'Bezpieczeństwo w okolicy – zgłoszone zagrożenia';
  }
  return `Bezpieczeństwo w okolicy – ${r.beats.map((b) => b.name).join(', ')}`;
}

function isoDayWarsaw(ms: number): string {
  const p = warsawParts(ms);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function buildPublicBriefingData(db: Db, req: BriefingRequest, options?: PublicOptions): PublicBriefingData {
  const opts = PublicOptionsSchema.parse(options ?? {});
  const threshold = effectiveThreshold(opts.threshold);
  const hexSize = Math.max(MIN_HEX, opts.hexSize);
  const scope = resolveRequest(db, req);
  if (scope.categories.length > 0 || scope.statuses.length > 0 || scope.hours.length > 0 || scope.weekdays.length > 0) {
    const path = scope.categories.length ? 'categories' : scope.statuses.length ? 'statuses' : scope.hours.length ? 'hours' : 'weekdays';
    throw new RejonError('bad-request', 'Public outputs cover every category, status, hour and weekday (a filtered public count could be subtracted from another).', [{ path, message: 'not allowed in public outputs' }], msg('public.noFilter'));
  }
  // Fixed published geography: every number is computed, and protected, on one table, the whole command (all
  // beats, all categories and statuses) for the period; the scope only picks which beats' pages are shown. Two
  // public outputs of one period therefore publish the same value (or the same "<t"/"*") for the same cell, and
  // no difference between them recovers a suppressed count (beats [18, 1] minus [1] gives 0, not beat 18).
  const r = scope.scope === 'command' ? scope : resolveRequest(db, { ...req, districtIds: undefined });
  const rows = readCurrent(db, r);
  const prev = previousCounts(db, r);

  const beatIndex = new Map(r.beats.map((b, k) => [b.id, k]));
  const months = monthsOf(r.period.from, r.period.to);
  const monthIndex = new Map(months.map((m, k) => [m, k]));
  const counts = new Array(r.beats.length).fill(0);
  const cats = r.beats.map(() => new Map<number, number>());
  const bands = r.beats.map(() => [0, 0, 0, 0]);
  const perMonth = r.beats.map(() => new Array(months.length).fill(0));
  for (let i = 0; i < rows.n; i++) {
    const k = beatIndex.get(rows.beat[i]);
    if (k === undefined) continue;
    counts[k]++;
    cats[k].set(rows.category[i], (cats[k].get(rows.category[i]) ?? 0) + 1);
    bands[k][Math.min(3, Math.floor(rows.hour[i] / 6))]++;
    const p = warsawParts(rows.createdAt[i]);
    const mk = monthIndex.get(`${p.year}-${String(p.month).padStart(2, '0')}`);
    if (mk !== undefined) perMonth[k][mk]++;
  }
  const prevValues = r.beats.map((b) => prev.get(b.id) ?? 0);
  const cur = protectBeats(counts, threshold);
  const old = protectBeats(prevValues, threshold);

  const allBeats: PublicBeat[] = r.beats.map((b, k) => {
    const beat = cur.beats[k];
    // categories: small ones merged into one row, then protected against the beat's count
    let categories: PublicBeat['categories'] = [];
    if (beat.suppressed === null) {
      const list = [...cats[k].entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const big = list.filter(([, n]) => n >= threshold).map(([code, n]) => ({ name: categoryByCode(code)?.name ?? 'Inna kategoria', n }));
      const rest = list.filter(([, n]) => n < threshold).reduce((a, [, n]) => a + n, 0);
      if (rest > 0) big.push({ name: OTHER_CATEGORIES, n: rest });
      const res = subTable(big.map((c) => c.n), beat, threshold, 1);
      if (!res.stuck) categories = big.map((c, j) => ({ name: c.name, count: publicCount(res.cells[j], threshold) }));
    }
    const hb = subTable(bands[k], beat, threshold).cells;
    const mo = subTable(perMonth[k], beat, threshold).cells;
    return {
      id: b.id,
      name: b.name,
      bbox: b.bbox,
      count: publicCount(beat, threshold),
      previousCount: publicCount(old.beats[k], threshold),
      changePct: changePct(beat, old.beats[k]),
      categories,
      hourBands: hb.map((c) => publicCount(c, threshold)),
      months: months.map((m, j) => ({ month: m, count: publicCount(mo[j], threshold) })),
    };
  });

  const beatState = new Map(r.beats.map((b, k) => [b.id, cur.beats[k]]));
  const inScope = new Set(scope.beats.map((b) => b.id));
  const beats = allBeats.filter((b) => inScope.has(b.id));
  const beatsGeoJson = beatFeatures(r.beats);
  beatsGeoJson.features.forEach((f, k) => {
    const pc = publicCount(cur.beats[k], threshold);
    f.properties = { id: r.beats[k].id, name: r.beats[k].name, count: pc.value, label: pc.label, ...(pc.suppressed ? { suppressed: pc.suppressed } : {}) };
  });
  beatsGeoJson.features = beatsGeoJson.features.filter((f) => inScope.has(f.properties!.id as number));
  const hexes = hexagons(rows, r, beatState, hexSize, threshold);
  hexes.features = hexes.features.filter((f) => inScope.has(f.properties!.districtId as number));
  // kinds of source of the reports counted (no counts: a count per source could reveal a suppressed total)
  const sources = sourcesOf(countedImports(db, r)).map((x) => x.kind);
  const newest = dataDate(db);
  const dataDay = newest == null ? null : isoDayWarsaw(newest);
  return {
    kind: 'public',
    title: req.title?.trim() || defaultPublicTitle(scope, sources),
    threshold,
    hexSize,
    generatedAt: Date.now(),
    dataDate: dataDay,
    sourceNote: publicSourceNote('pl', sources, dataDay, threshold),
    sources,
    period: { from: r.period.from, to: r.period.to },
    comparison: { from: r.comparison.from, to: r.comparison.to },
    categories: r.categories,
    total: { count: publicCount(cur.total, threshold), previousCount: publicCount(old.total, threshold), changePct: changePct(cur.total, old.total) },
    beats,
    beatsGeoJson,
    hexGeoJson: hexes,
  };
}

/** "Źródło: <kinds of source> – zgłoszenia mieszkańców, stan danych na …. Dane zbiorcze; …" in a language. */
export function publicSourceNote(lang: Lang, sources: readonly ProvenanceKind[], dataDay: string | null, threshold: number): string {
  const names = sourcesText(lang, sources.map((kind) => ({ kind, imports: 0, reports: 0 })), { counts: false, long: true });
  return (
    `${translate(lang, 'provenance.public.note', { sources: names, date: dataDay ?? 'none' })} ` +
    translate(lang, 'provenance.public.suppression', { threshold })
  );
}

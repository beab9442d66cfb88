/**
 * Police briefing data (odprawa): per-beat statistics (core computeDistrictStats, exact Poisson test), Gi* hotspots
 * with locations, and a generated Polish summary per beat. Never reads descriptions or report ids.
 */
import type { FeatureCollection } from 'geojson';
import { computeDistrictStats, type DistrictStats } from '../../core/districts';
import { categoryByCode } from '../../core/domain/categories';
import { STATUSES } from '../../core/domain/statuses';
import { beatSummary, tooFewToJudge } from '../../core/briefing/summary';
import { msg } from '../../core/message';
import { beatMention, scopeMention, summarizeHotspots } from './hotspotSummary';
import type { BeatBriefing, BriefingData, BriefingRequest, ProvenanceEntry } from '../../shared/contract/briefing';
import { getMeta, type Db } from '../store/workspace';
import type { DistrictRow } from '../store/districts';
import { resolveRequest, scopeClauses, type ResolvedRequest } from './request';
import { studyArea } from '../store/studyArea';
import { getTerritory } from '../store/territory';
import { briefingHotspots } from './hotspots';
import path from 'node:path';
import { isProvenanceKind, summarizeSources, type ProvenanceKind, type SourceSummary } from '../../core/provenance';

/** Named places drawn on the briefing maps for orientation (hotspots are named by placeNamer: streets too). */
function readPlaces(db: Db): { name: string; kind: string; lon: number; lat: number }[] {
  return db.prepare('SELECT name, kind, lon, lat FROM places ORDER BY id').all() as { name: string; kind: string; lon: number; lat: number }[];
}

const VERIFIED = STATUSES.filter((s) => s.group !== 'open').map((s) => s.name);

/**
 * The imports whose reports a document counts: reports created in the period or the comparison period, in the
 * beats in scope, passing the category/status filters, grouped by the import their current content comes from
 * (reports.import_id; see core/provenance.ts).
 */
export function countedImports(db: Db, r: ResolvedRequest): ProvenanceEntry[] {
  const { clauses, params } = scopeClauses(r);
  const where = ['((created_at >= ? AND created_at < ?) OR (created_at >= ? AND created_at < ?))', ...clauses].join(' AND ');
  const rows = db
    .prepare(
      `SELECT i.id, i.file_name, i.source_kind, i.provenance_kind, i.provenance, i.imported_at, c.n
       FROM (SELECT import_id, count(*) AS n FROM reports WHERE ${where} GROUP BY import_id) c JOIN imports i ON i.id = c.import_id
       ORDER BY i.id`,
    )
    .all(r.period.fromMs, r.period.toMs, r.comparison.fromMs, r.comparison.toMs, ...params) as {
    id: number; file_name: string; source_kind: string; provenance_kind: string; provenance: string | null; imported_at: number; n: number;
  }[];
  return rows.map((x) => ({
    importId: x.id, fileName: x.file_name, sourceKind: x.source_kind, kind: isProvenanceKind(x.provenance_kind) ? x.provenance_kind : 'other',
    provenance: x.provenance, importedAt: x.imported_at, rows: x.n,
  }));
}

export function sourcesOf(entries: ProvenanceEntry[]): SourceSummary[] {
  return summarizeSources(entries.map((e) => ({ importId: e.importId, kind: e.kind, reports: e.rows })));
}

export function dataDate(db: Db): number | null {
  return (db.prepare('SELECT max(created_at) AS t FROM reports').get() as { t: number | null }).t;
}

export function workspaceName(db: Db, file: string): string {
  return getMeta(db, 'name') ?? path.basename(file).replace(/\.(sqlite|rejon|db)$/i, '');
}

export function beatFeatures(beats: DistrictRow[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: beats.map((b) => ({ type: 'Feature', geometry: b.geometry, properties: { id: b.id, name: b.name, kind: b.kind } })),
  };
}

/** True when every counted report comes from a KMZB export (police system or public map): only then may a title say "KMZB". */
export function onlyKmzb(kinds: readonly ProvenanceKind[]): boolean {
  return kinds.length > 0 && kinds.every((k) => k === 'kmzb-police' || k === 'kmzb-public');
}

export function defaultTitle(r: ResolvedRequest, kinds: readonly ProvenanceKind[]): string {
  if (r.scope === 'command' || r.beats.length > 3) return onlyKmzb(kinds) ? 'Odprawa – zagrożenia zgłoszone w KMZB' : 'Odprawa – zgłoszone zagrożenia';
  return `Odprawa – ${r.beats.map((b) => b.name).join(', ')}`;
}

interface Columns {
  n: number;
  districtId: Int32Array;
  createdAt: Float64Array;
  categoryCode: Uint8Array;
  statusCode: Uint8Array;
  verifiedAt: Float64Array;
  x: Float64Array;
  y: Float64Array;
  hour: Uint8Array;
  weekday: Uint8Array;
  /** 1 = inside the territory (every report without one). */
  inside: Uint8Array;
}

/**
 * Reports of both periods in scope, as typed columns (no ids, no descriptions, no names). The whole command
 * (`everyReport`) is every report matching the filter, outside all beats included.
 */
function readColumns(db: Db, r: ResolvedRequest, everyReport = false): Columns {
  const { clauses, params } = scopeClauses(r, { everyReport });
  const lo = Math.min(r.period.fromMs, r.comparison.fromMs);
  const hi = Math.max(r.period.toMs, r.comparison.toMs);
  const where = ['created_at >= ?', 'created_at < ?', ...clauses].join(' AND ');
  const all = [lo, hi, ...params];
  const n = (db.prepare(`SELECT count(*) AS n FROM reports WHERE ${where}`).get(...all) as { n: number }).n;
  const c: Columns = {
    n, districtId: new Int32Array(n), createdAt: new Float64Array(n), categoryCode: new Uint8Array(n), statusCode: new Uint8Array(n),
    verifiedAt: new Float64Array(n), x: new Float64Array(n), y: new Float64Array(n), hour: new Uint8Array(n), weekday: new Uint8Array(n),
    inside: new Uint8Array(n),
  };
  const stmt = db.prepare(
    `SELECT district_id, created_at, category_code, status_code, x2180, y2180, hour, weekday, outside_territory,
       (SELECT min(h.changed_at) FROM report_status_history h WHERE h.report_id = reports.id AND h.status IN (${VERIFIED.map(() => '?').join(',')})) AS verified
     FROM reports WHERE ${where}`,
  ).raw(true);
  let i = 0;
  for (const row of stmt.iterate(...VERIFIED, ...all) as IterableIterator<[number | null, number, number, number, number, number, number, number, number, number | null]>) {
    if (i >= n) break;
    c.districtId[i] = row[0] ?? -1;
    c.createdAt[i] = row[1];
    c.categoryCode[i] = row[2];
    c.statusCode[i] = row[3];
    c.x[i] = row[4];
    c.y[i] = row[5];
    c.hour[i] = row[6];
    c.weekday[i] = row[7];
    c.inside[i] = row[8] ? 0 : 1;
    c.verifiedAt[i] = row[9] ?? NaN;
    i++;
  }
  return c;
}

function categoriesOf(s: DistrictStats): BeatBriefing['categories'] {
  return s.topCategories.map((c) => {
    const cat = categoryByCode(c.code);
    return { code: c.code, name: cat?.name ?? 'Inna kategoria', count: c.count, color: cat?.color ?? [128, 128, 128] };
  });
}

export function buildBriefingData(db: Db, workspaceFile: string, req: BriefingRequest): BriefingData {
  const r = resolveRequest(db, req);
  const command = r.scope === 'command';
  // The whole command: every report matching the filter (outside all beats included); the beats' rows and the
  // total count the reports inside the territory, the ones outside it are a line apart.
  const cols = readColumns(db, r, command);
  const opts = { from: r.period.fromMs, to: r.period.toMs, previousFrom: r.comparison.fromMs, previousTo: r.comparison.toMs, topCategories: 6 };
  const stats = computeDistrictStats({ ...cols, include: cols.inside }, r.beats.map((b) => ({ id: b.id, areaKm2: b.areaM2 / 1e6 })), opts);
  const area = command ? studyArea(db) : null;
  const totalArea = area ? area.areaM2 / 1e6 : r.beats.reduce((a, b) => a + b.areaM2 / 1e6, 0);
  const zero = new Int32Array(cols.n);
  const total = computeDistrictStats({ ...cols, districtId: zero, include: cols.inside }, [{ id: 0, areaKm2: totalArea }], opts)[0];
  const countWhere = (keep: (i: number) => boolean) => {
    const inc = new Uint8Array(cols.n);
    for (let i = 0; i < cols.n; i++) inc[i] = keep(i) ? 1 : 0;
    const s = computeDistrictStats({ ...cols, districtId: zero, include: inc }, [{ id: 0, areaKm2: 0 }], opts)[0];
    return { count: s.count, previousCount: s.previousCount };
  };
  const outsideBeats = command ? countWhere((i) => cols.inside[i] === 1 && cols.districtId[i] < 0) : null;
  const outsideTerritory = command && getTerritory(db).length > 0 ? countWhere((i) => cols.inside[i] === 0) : null;

  const hs = briefingHotspots(db, r);

  // the one hotspot summary: beats' lists, the table column, the totals and every sentence read it
  const hsum = summarizeHotspots(hs.analysed, r.beats.map((b) => b.id), hs.byBeat);
  const beats: BeatBriefing[] = r.beats.map((b, k) => {
    const s = stats[k];
    const categories = categoriesOf(s);
    const hotspots = hsum.byBeat.get(b.id) ?? [];
    return {
      id: b.id, name: b.name, kind: b.kind, officer: b.officer, unit: b.unit, areaKm2: b.areaM2 / 1e6, bbox: b.bbox,
      count: s.count, previousCount: s.previousCount, change: s.change, changePct: s.changePct, pValue: s.pValue, significant: s.significant,
      ratePerKm2: s.ratePerKm2, confirmedShare: s.confirmedShare, medianVerificationHours: s.medianVerificationHours,
      categories, hourWeekday: s.hourWeekday, hotspots,
      quiet: tooFewToJudge(s.count, s.previousCount, r.minReports),
      summary: beatSummary({
        name: b.name, count: s.count, previousCount: s.previousCount, pValue: s.pValue, categories, hourWeekday: s.hourWeekday,
        hotspots: beatMention(hsum, b.id), minReports: r.minReports,
      }),
    };
  });
  const totalHotspots = hsum.total;
  const totalCats = categoriesOf(total);
  const provenance = countedImports(db, r);
  const sources = sourcesOf(provenance);
  const scopeName = r.scope === 'command' ? 'Cały obszar komendy' : r.beats.length === 1 ? r.beats[0].name : `Wybrane rejony (${r.beats.length})`;
  return {
    kind: 'police',
    title: req.title?.trim() || defaultTitle(r, sources.map((x) => x.kind)),
    workspaceName: workspaceName(db, workspaceFile),
    demo: getMeta(db, 'demo') != null,
    generatedAt: Date.now(),
    dataDate: dataDate(db),
    provenance,
    sources,
    period: r.period,
    comparison: r.comparison,
    categories: r.categories,
    statuses: r.statuses,
    scope: r.scope,
    sections: r.sections,
    total: {
      count: total.count, previousCount: total.previousCount, change: total.change, changePct: total.changePct, pValue: total.pValue,
      significant: total.significant, ratePerKm2: total.ratePerKm2, confirmedShare: total.confirmedShare,
      medianVerificationHours: total.medianVerificationHours, categories: totalCats, hourWeekday: total.hourWeekday, areaKm2: totalArea,
      areaSource: command ? (area?.source ?? null) : 'selected-beats',
      outsideBeats, outsideTerritory,
      beats: r.beats.length, hotspots: totalHotspots,
      summary: beatSummary({
        name: scopeName, where: r.scope === 'command' ? msg('briefing.where.command') : r.beats.length === 1 ? undefined : msg('briefing.where.selected', { n: r.beats.length }),
        count: total.count, previousCount: total.previousCount, pValue: total.pValue,
        categories: totalCats, hourWeekday: total.hourWeekday, minReports: r.minReports,
        hotspots: scopeMention(hsum, new Map(r.beats.map((b) => [b.id, b.name]))),
      }),
    },
    beats,
    beatsGeoJson: beatFeatures(r.beats),
    allBeatsGeoJson: beatFeatures(r.allBeats),
    hotCellsGeoJson: hs.cells,
    places: readPlaces(db),
    method: hs.method,
    hotspotSummary: { analysed: hsum.analysed, total: hsum.total, beats: hsum.beatsWithHotspots },
    minReports: r.minReports,
    hours: r.hours,
    weekdays: r.weekdays,
    comparisonKind: r.comparisonKind,
  };
}

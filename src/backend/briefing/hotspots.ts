/**
 * Hotspots of a briefing, from THE hotspot definition of the analyses (briefingHotspots below): the ranked list,
 * kept for the beats in scope and numbered within each beat, the map's hot cells, and the method as stated.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { inMultiPolygon } from '../../core/analysis';
import { geometryToPuwg92 } from '../../core/districts';
import { toPuwg92 } from '../../core/domain/crs';
import type { ReportFilter } from '../../core/domain/report';
import { msg, type Msg } from '../../core/message';
import { hoursLabel, timePattern } from '../../core/briefing/summary';
import type { BriefingHotspot } from '../../shared/contract/briefing';
import type { DistrictRow } from '../store/districts';
import { filterToSql } from '../store/reports';
import type { Db } from '../store/workspace';
import { findHotspots, type HotspotReport } from '../analysis/runAnalysis';
import type { ResolvedRequest } from './request';
import { analysisErrorMsg } from '../../shared/analysisErrors';

export interface HotspotOutput {
  byBeat: Map<number, BriefingHotspot[]>;
  cells: FeatureCollection;
  /** `rule`: the parameters of the analysis (shared/hotspotText.ts hotspotRuleText states them). */
  method: { cellSize: number | null; distanceBand: number | null; fdr: boolean; notes: Msg[]; rule: Record<string, unknown> | null };
  /** False when no Gi* analysis could be run (too few reports or an engine refusal). */
  analysed: boolean;
}

function polygonsOf(b: DistrictRow): number[][][][] {
  const g = geometryToPuwg92(b.geometry);
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
}

/**
 * The briefing's hotspots: THE hotspot definition of the analyses (findHotspots: the place rule of
 * core/analysis/place.ts, ranked by hotspotList.ts, named by the one place lookup) over the whole command's reports
 * of the period and filters, so a beat is compared with the rest of its kind; kept are the hotspots whose beat is in
 * scope, numbered within their beat in the list's order. Before, briefings ran their own Gi* on 120–400 m hexagons:
 * a city-centre beat became one hotspot holding 132 of its 136 reports.
 */
export function briefingHotspots(db: Db, r: ResolvedRequest): HotspotOutput {
  const empty: HotspotOutput = { byBeat: new Map(), cells: { type: 'FeatureCollection', features: [] }, method: { cellSize: null, distanceBand: null, fdr: true, notes: [], rule: null }, analysed: false };
  const filter: ReportFilter = {
    from: r.period.fromMs, to: r.period.toMs,
    ...(r.categories.length ? { categories: r.categories } : {}), ...(r.statuses.length ? { statuses: r.statuses } : {}),
    ...(r.hours.length ? { hours: r.hours } : {}), ...(r.weekdays.length ? { weekdays: r.weekdays } : {}),
  };
  let found: HotspotReport;
  try {
    if (r.allBeats.length === 0 || countReports(db, filter) < MIN_REPORTS_FOR_GI) throw new TooFew();
    found = findHotspots(db, filter);
  } catch (e) {
    if (e instanceof TooFew) return { ...empty, method: { ...empty.method, notes: [msg('briefing.method.tooFewForGi')] } };
    return { ...empty, method: { ...empty.method, notes: [msg('briefing.method.giFailed', { reason: analysisErrorMsg((e as Error).message) })] } };
  }
  const inScope = new Set(r.beats.map((b) => b.id));
  const hourWeekday = db.prepare('SELECT hour, weekday FROM reports WHERE id = ?').raw(true);
  const byBeat = new Map<number, BriefingHotspot[]>();
  /** list rank → [beat, number within the beat] */
  const numbered = new Map<number, [number, number]>();
  for (const h of found.hotspots) {
    if (h.districtId == null || !inScope.has(h.districtId)) continue;
    const hw = Array.from({ length: 7 }, () => new Array(24).fill(0));
    for (const id of h.reportIds) {
      const row = hourWeekday.get(id) as [number, number] | undefined;
      if (row) hw[row[1]][row[0]]++;
    }
    const list = byBeat.get(h.districtId) ?? [];
    byBeat.set(h.districtId, list);
    list.push({
      rank: list.length + 1, districtId: h.districtId,
      location: h.place?.label ?? msg('hotspots.place.coords', { lat: Math.round(h.lat * 1e4) / 1e4, lon: Math.round(h.lon * 1e4) / 1e4 }),
      placeName: h.place?.name ?? null, placeDistanceM: h.place?.distanceM ?? null, lon: h.lon, lat: h.lat,
      cells: h.cells, count: h.reports, confidence: h.confidence,
      dominantCategories: h.topCategories.slice(0, 3).map((c) => ({ name: c.name, count: c.count })),
      confirmedShare: h.confirmed != null && h.reports > 0 ? h.confirmed / h.reports : null,
      hours: hoursLabel(hw),
      peakHours: timePattern(hw).peak,
    });
    numbered.set(h.rank, [h.districtId, list.length]);
  }
  // the map's hot cells: cells of the listed hotspots, numbered as in their beat's list, and the other significant
  // cells of the beats in scope (too few reports to be a hotspot: shown, not listed)
  const beatPolys = r.allBeats.map((b) => ({ id: b.id, polys: polygonsOf(b) }));
  const features: Feature[] = [];
  for (const f of found.cells.features) {
    const p = f.properties as { bin: number; hotspot: number; count: number };
    if (!(p.bin > 0) || f.geometry.type !== 'Polygon') continue;
    let beat: number, number = 0;
    const listed = p.hotspot > 0 ? numbered.get(p.hotspot) : undefined;
    if (listed) [beat, number] = listed;
    else {
      if (p.hotspot > 0) continue; // a hotspot of a beat outside the scope
      const ring = f.geometry.coordinates[0];
      let sx = 0, sy = 0;
      for (let k = 0; k < ring.length - 1; k++) { const [x, y] = toPuwg92(ring[k][0], ring[k][1]); sx += x; sy += y; }
      const cx = sx / (ring.length - 1), cy = sy / (ring.length - 1);
      beat = beatPolys.find((b) => inMultiPolygon(b.polys, cx, cy))?.id ?? -1;
      if (!inScope.has(beat)) continue;
    }
    features.push({ type: 'Feature', geometry: f.geometry, properties: { districtId: beat, hotspot: number, bin: p.bin, count: p.count } });
  }
  const params = found.params;
  return {
    byBeat,
    cells: { type: 'FeatureCollection', features },
    method: {
      cellSize: typeof params.cellSize === 'number' ? params.cellSize : null,
      distanceBand: typeof params.distanceBand === 'number' ? Math.round(params.distanceBand) : null,
      fdr: params.fdr !== false,
      notes: [], // the rule's statement says it all, the minimum of reports included
      rule: params,
    },
    analysed: true,
  };
}

class TooFew extends Error {}

/** Fewer reports than this in the period: no hotspot analysis (stated in the method notes). */
const MIN_REPORTS_FOR_GI = 10;

function countReports(db: Db, filter: ReportFilter): number {
  const { where, params } = filterToSql(filter);
  return (db.prepare(`SELECT count(*) AS n FROM reports ${where}`).get(...params) as { n: number }).n;
}

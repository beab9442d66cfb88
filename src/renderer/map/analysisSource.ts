/**
 * Adapts stored analyses (the `getAnalysis` output: map-ready WGS84 results built by
 * src/backend/analysis/present.ts) to the view shapes of analysisLayers.ts, and restores the analyses
 * that were shown on the map (setting `map.analysis`, stored in the workspace).
 *
 * Stored results are data from disk: every field is checked, and anything unusable is skipped rather
 * than drawn wrongly.
 */
import type { Client } from '../api/client';
import type { MethodOutput } from '../../shared/contract';
import { HotspotSchema } from '../../shared/contract/analysis';
import {
  EMERGING_CATEGORIES,
  type AnalysisView, type ClusterView, type DbscanResultView, type EmergingCellView, type EmergingResultView, type GiBin, type GiCellView, type GiResultView,
  type HotspotView, type KdeResultView,
} from './analysisLayers';

export type StoredAnalysis = MethodOutput<'getAnalysis'>;

/** Setting that remembers which analyses the map shows: `{ shown: number[] }`. */
export const ANALYSIS_SETTING = 'map.analysis';
/** Methods that produce a map layer (near-repeat and hotspot-quality results are tables, not layers). */
export const MAP_METHODS = ['gistar', 'dbscan', 'kde', 'emerging'] as const;
export type MapMethod = (typeof MAP_METHODS)[number];
export const isMapMethod = (m: string): m is MapMethod => (MAP_METHODS as readonly string[]).includes(m);

type Ring = [number, number][];
type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => v != null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown, dflt = NaN): number => (typeof v === 'number' && Number.isFinite(v) ? v : dflt);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function isPosition(p: unknown): p is [number, number] {
  return Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}
function toRing(r: unknown): Ring | null {
  if (!Array.isArray(r) || r.length < 3 || !r.every(isPosition)) return null;
  return (r as number[][]).map((p) => [p[0], p[1]] as [number, number]);
}
/** Outer rings of a Polygon / MultiPolygon geometry (holes are not needed for these layers). */
function outerRings(g: unknown): Ring[] {
  if (!isRec(g) || !Array.isArray(g.coordinates)) return [];
  if (g.type === 'Polygon') {
    const r = toRing(g.coordinates[0]);
    return r ? [r] : [];
  }
  if (g.type === 'MultiPolygon') return (g.coordinates as unknown[]).map((p) => (Array.isArray(p) ? toRing(p[0]) : null)).filter((r): r is Ring => r != null);
  return [];
}
function features(fc: unknown): { geometry: unknown; properties: Rec }[] {
  if (!isRec(fc) || !Array.isArray(fc.features)) return [];
  return (fc.features as unknown[]).filter(isRec).map((f) => ({ geometry: f.geometry, properties: isRec(f.properties) ? f.properties : {} }));
}

function base(a: StoredAnalysis) {
  return { analysisId: a.id, name: a.name, createdAt: a.createdAt, reportCount: num(a.params.reportCount, 0), filter: a.filter };
}

/** The stored ranked hotspots (each checked against the contract's schema; broken entries are skipped). */
function hotspotsOf(r: Rec): HotspotView[] {
  if (!Array.isArray(r.hotspots)) return [];
  const out: HotspotView[] = [];
  for (const h of r.hotspots as unknown[]) {
    const p = HotspotSchema.safeParse(h);
    if (!p.success) continue;
    const { place, ...rest } = p.data;
    out.push({ ...rest, place: place ? { name: place.name, label: { code: place.label.code, params: place.label.params as Record<string, string | number> | undefined } } : null });
  }
  return out.sort((x, y) => x.rank - y.rank);
}

function giView(a: StoredAnalysis): GiResultView {
  const r = a.result;
  const cells: GiCellView[] = [];
  const hot: [number, number, number] = [0, 0, 0];
  const cold: [number, number, number] = [0, 0, 0];
  let analysed = 0;
  for (const f of features(r.cells)) {
    const p = f.properties;
    const bin = Math.trunc(num(p.bin, 0));
    if (bin < -3 || bin > 3) continue;
    analysed++;
    if (bin > 0) hot[bin - 1]++;
    else if (bin < 0) cold[-bin - 1]++;
    if (bin === 0) continue; // not drawn: keep the view small (tens of thousands of cells)
    for (const polygon of outerRings(f.geometry)) {
      cells.push({
        polygon, bin: bin as GiBin, z: num(p.z, 0), p: num(p.p, 1), count: num(p.count, 0), neighbours: num(p.neighbours, 0),
        ...(str(p.name) != null ? { name: str(p.name)! } : {}),
        ...(num(p.hotspot, 0) > 0 ? { hotspot: num(p.hotspot, 0) } : {}),
      });
    }
  }
  const requested = str(a.request.aggregation);
  const usedAgg = str(a.params.aggregation);
  const aggregation = requested === 'beats' || usedAgg === 'features' ? 'beats' : requested === 'square' || usedAgg === 'square' ? 'square' : 'hex';
  // analyses stored before the place rule (no `rule`) used the ArcGIS settings
  const rule = aggregation === 'beats' || a.params.rule === 'beats' ? 'beats' : a.params.rule === 'place' ? 'place' : 'auto-isa';
  return {
    kind: 'gistar', ...base(a), rule, params: a.params, hotspots: hotspotsOf(r), aggregation, cells,
    cellSizeM: numOrNull(a.params.cellSize), cellSizeRule: str(a.params.cellSizeRule),
    distanceBandM: num(a.params.distanceBand, 0), distanceBandRule: str(a.params.distanceBandRule) ?? '',
    // the place rule stores only cells with reports or significance; the summary counts all analysed cells
    fdr: a.params.fdr !== false, cellsAnalysed: num(a.summary.cells, analysed), hot, cold,
  };
}

function dbscanView(a: StoredAnalysis): DbscanResultView {
  const r = a.result;
  // member ids per cluster from the per-report labels (aligned with reportIds)
  const members = new Map<number, number[]>();
  const ids = Array.isArray(r.reportIds) ? (r.reportIds as unknown[]) : [];
  const labels = Array.isArray(r.labels) ? (r.labels as unknown[]) : [];
  if (ids.length === labels.length) {
    for (let i = 0; i < labels.length; i++) {
      const c = labels[i];
      const id = ids[i];
      if (typeof c !== 'number' || c < 0 || typeof id !== 'number') continue;
      let list = members.get(c);
      if (!list) members.set(c, (list = []));
      list.push(id);
    }
  }
  const clusters: ClusterView[] = [];
  for (const f of features(r.clusters)) {
    const p = f.properties;
    const hull = outerRings(f.geometry)[0];
    const id = num(p.cluster);
    if (!hull || !Number.isInteger(id)) continue;
    const centroid = isPosition(p.centroid) ? ([p.centroid[0], p.centroid[1]] as [number, number]) : hull[0];
    clusters.push({
      id, hull, centroid, size: num(p.size, 0), core: num(p.core, 0), border: num(p.border, 0),
      dominantCategory: str(p.dominantCategory), dominantCategoryCode: numOrNull(p.dominantCategoryCode), dominantCategoryCount: num(p.dominantCategoryCount, 0),
      firstTime: numOrNull(p.firstTime), lastTime: numOrNull(p.lastTime),
      ...(members.has(id) ? { ids: members.get(id)! } : {}),
    });
  }
  const tw = numOrNull(a.params.timeWindowMs);
  return {
    kind: 'dbscan', ...base(a), clusters,
    noise: num(a.summary.noise, 0), core: num(a.summary.core, 0), border: num(a.summary.border, 0),
    epsM: num(a.params.eps, num(a.request.eps, 0)), minPts: num(a.params.minPoints, num(a.request.minPoints, 0)),
    timeWindowDays: tw != null && tw > 0 ? tw / 86_400_000 : null,
  };
}

function kdeView(a: StoredAnalysis): KdeResultView | null {
  const r = a.result;
  const grid = isRec(r.grid) ? r.grid : {};
  const cols = num(grid.cols, 0), rows = num(grid.rows, 0);
  const c = isRec(r.corners) ? r.corners : {};
  const values = Array.isArray(r.values) ? (r.values as unknown[]) : [];
  const legend = isRec(r.legend) ? r.legend : {};
  const breaks = Array.isArray(legend.breaks) ? (legend.breaks as unknown[]).filter((b): b is number => typeof b === 'number' && Number.isFinite(b)) : [];
  if (!(cols > 0 && rows > 0) || values.length !== cols * rows || !isPosition(c.sw) || !isPosition(c.nw) || !isPosition(c.ne) || !isPosition(c.se)) return null;
  const v = new Float32Array(cols * rows);
  let max = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = num(values[i], 0);
    if (v[i] > max) max = v[i];
  }
  return {
    kind: 'kde', ...base(a), cols, rows, values: v,
    corners: [c.sw as [number, number], c.nw as [number, number], c.ne as [number, number], c.se as [number, number]],
    breaks: breaks.length > 0 ? breaks : [max / 20 || 1], breaksRule: str(legend.rule) ?? '',
    bandwidthM: num(a.params.radius, 0), bandwidthRule: str(a.params.radiusRule) ?? '', cellSizeM: num(grid.cellSize, 0), max: num(a.summary.max, max),
  };
}

function emergingView(a: StoredAnalysis): EmergingResultView {
  const cells: EmergingCellView[] = [];
  let analysed = 0;
  for (const f of features(a.result.cells)) {
    const p = f.properties;
    analysed++;
    const code = num(p.pattern, 0);
    const cat = EMERGING_CATEGORIES[code];
    if (!cat || cat.id === 'none') continue;
    for (const polygon of outerRings(f.geometry)) {
      cells.push({
        polygon, category: cat.id, trendZ: num(p.trendZ, 0), trendP: num(p.trendP, 1), count: num(p.count, 0), lastBin: num(p.lastBin, 0),
        hotSince: str(p.hotSince), hotShare: num(p.hotShare, 0),
      });
    }
  }
  return {
    kind: 'emerging', ...base(a), cells,
    timeStep: a.request.step === 'week' ? 'week' : 'month', steps: num(a.params.steps, 0),
    firstStep: str(a.summary.firstStep), lastStep: str(a.summary.lastStep),
    excludedSteps: Array.isArray(a.params.excludedSteps) ? a.params.excludedSteps.length : 0,
    cellSizeM: num(a.params.cellSize, 0), distanceBandM: num(a.params.distanceBand, 0), cellsAnalysed: analysed,
  };
}

/** Convert one stored analysis to its map view; null for methods without a map layer or unusable results. */
export function toAnalysisView(a: StoredAnalysis): AnalysisView | null {
  if (!isRec(a.result)) return null;
  switch (a.method) {
    case 'gistar':
      return giView(a);
    case 'dbscan':
      return dbscanView(a);
    case 'kde':
      return kdeView(a);
    case 'emerging':
      return emergingView(a);
    default:
      return null;
  }
}

/** Ids of the analyses the map shows, from the stored setting (sanitised). */
export function shownIds(setting: unknown): number[] {
  const s = isRec(setting) ? setting.shown : null;
  return Array.isArray(s) ? s.filter((v): v is number => Number.isInteger(v) && v > 0).slice(0, 4) : [];
}

/** Load and convert stored analyses by id (missing or non-map ones are skipped). */
export async function loadViews(client: Client, ids: number[]): Promise<AnalysisView[]> {
  const out: AnalysisView[] = [];
  for (const id of ids) {
    try {
      const v = toAnalysisView(await client.api.getAnalysis({ id }));
      if (v) out.push(v);
    } catch {
      /* deleted meanwhile: skip */
    }
  }
  return out;
}

/** The analyses shown on the map when the workspace was last used. */
export async function loadAnalysisViews(client: Client): Promise<AnalysisView[]> {
  return loadViews(client, shownIds(await client.api.getSetting({ key: ANALYSIS_SETTING })));
}

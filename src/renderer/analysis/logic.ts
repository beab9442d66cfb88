/**
 * Pure helpers of the analysis panel: the form → contract request, the engine's automatic parameters
 * previewed on the loaded points, stored analyses described in words, and engine errors turned into
 * messages an analyst can act on. Unit-tested (tests/unit/renderer/analysis).
 */
import { autoCellSize, defaultSearchRadius, placeCellSize } from '../../core/analysis';
import { CATEGORIES } from '../../core/domain/categories';
import { STATUSES } from '../../core/domain/statuses';
import { toPuwg92 } from '../../core/domain/crs';
import type { ReportColumns } from '../../shared/columns';
import type { AnalysisRequest } from '../../shared/contract/analysis';
import type { ReportFilterInput } from '../../shared/contract';
import { EMPTY_FILTER, type FilterState } from '../data/filter';
import { ruleName } from '../map/analysisLayers';
import type { MapMethod } from '../map/analysisSource';
import { analysisErrorMsg } from '../../shared/analysisErrors';
import type { Msg } from '../../core/message';
import { kindMsg, storedBands } from '../../shared/hotspotText';
import { translate } from '../../shared/i18n';
import type { AnalysisMessageKey } from './messages';

export type Aggregation = 'hex' | 'square' | 'beats';

/** The panel's form: numbers as typed (empty = automatic / default). */
export interface AnalysisForm {
  method: MapMethod;
  aggregation: Aggregation;
  cellSize: string;
  distanceBand: string;
  fdr: boolean;
  eps: string;
  minPoints: string;
  timeWindow: boolean;
  timeWindowDays: string;
  radius: string;
  gridCells: string;
  step: 'week' | 'month';
  /** Gi*: the place rule (default) or the ArcGIS settings. */
  band: 'place' | 'auto-isa';
  minReports: string;
  trainDays: string;
  testDays: string;
}

/** Defaults of the contract (src/shared/contract/analysis.ts) for the parameters that have fixed ones. */
export const DEFAULTS = { eps: 100, minPoints: 5, timeWindowDays: 7, gridCells: 300, minReports: 5, trainDays: 90, testDays: 30 } as const;

export const DEFAULT_FORM: AnalysisForm = {
  method: 'gistar', aggregation: 'hex', cellSize: '', distanceBand: '', fdr: true,
  eps: String(DEFAULTS.eps), minPoints: String(DEFAULTS.minPoints), timeWindow: false, timeWindowDays: String(DEFAULTS.timeWindowDays),
  radius: '', gridCells: String(DEFAULTS.gridCells), step: 'month',
  band: 'place', minReports: String(DEFAULTS.minReports), trainDays: String(DEFAULTS.trainDays), testDays: String(DEFAULTS.testDays),
};

/** Allowed ranges (the contract's limits), for validation before anything is sent. */
export const LIMITS = {
  cellSize: [10, 10_000], distanceBand: [10, 100_000], eps: [1, 10_000], minPoints: [2, 10_000], timeWindowDays: [0.01, 3650], radius: [10, 50_000], gridCells: [50, 1000],
  minReports: [1, 10_000], trainDays: [7, 3650], testDays: [1, 3650],
} as const satisfies Record<string, readonly [number, number]>;
export type NumericField = keyof typeof LIMITS;

export interface Problem {
  /** A panel message, or `err_…` for an engine refusal (then `msg` says it). */
  key: AnalysisMessageKey | `err_${string}`;
  params?: Record<string, string | number>;
  /** An engine refusal as a shared message (src/shared/analysisErrors.ts). */
  msg?: Msg;
  /** The field at fault, for validation problems. */
  field?: NumericField;
}

/** "12,5" or "12.5" → 12.5; "" → undefined; anything else → NaN. */
export function parseNumber(s: string): number | undefined {
  const t = s.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return undefined;
  return /^\d+(\.\d*)?$|^\.\d+$/.test(t) ? Number(t) : NaN;
}

/** The request for the contract, or the first invalid field. */
export function buildRequest(f: AnalysisForm): { request: AnalysisRequest } | { problem: Problem } {
  const fields: Partial<Record<NumericField, number>> = {};
  const check = (field: NumericField, raw: string, integer = false): Problem | null => {
    const v = parseNumber(raw);
    if (v === undefined) return null;
    const [min, max] = LIMITS[field];
    if (!(v >= min && v <= max) || (integer && !Number.isInteger(v))) return { key: 'invalidNumber', params: { field, min, max }, field };
    fields[field] = v;
    return null;
  };
  const used: [NumericField, string, boolean?][] =
    f.method === 'gistar'
      ? [['cellSize', f.aggregation === 'beats' ? '' : f.cellSize], ['distanceBand', f.distanceBand], ['minReports', f.minReports, true]]
      : f.method === 'dbscan'
        ? [['eps', f.eps], ['minPoints', f.minPoints, true], ['timeWindowDays', f.timeWindow ? f.timeWindowDays : '']]
        : f.method === 'kde'
          ? [['radius', f.radius], ['gridCells', f.gridCells, true]]
          : [['cellSize', f.cellSize], ['distanceBand', f.distanceBand]];
  for (const [field, raw, integer] of used) {
    const p = check(field, raw, integer);
    if (p) return { problem: p };
  }
  const opt = <K extends string>(k: K, v: number | undefined) => (v === undefined ? {} : ({ [k]: v } as Record<K, number>));
  switch (f.method) {
    case 'gistar':
      return {
        request: {
          method: 'gistar', aggregation: f.aggregation, band: f.band, fdr: f.fdr, minReports: fields.minReports ?? DEFAULTS.minReports,
          ...opt('cellSize', fields.cellSize), ...opt('distanceBand', fields.distanceBand),
        },
      };
    case 'dbscan':
      if (f.timeWindow && fields.timeWindowDays === undefined) return { problem: { key: 'invalidNumber', params: { field: 'timeWindowDays', min: LIMITS.timeWindowDays[0], max: LIMITS.timeWindowDays[1] }, field: 'timeWindowDays' } };
      return { request: { method: 'dbscan', eps: fields.eps ?? DEFAULTS.eps, minPoints: fields.minPoints ?? DEFAULTS.minPoints, ...opt('timeWindowDays', f.timeWindow ? fields.timeWindowDays : undefined) } };
    case 'kde':
      return { request: { method: 'kde', cells: fields.gridCells ?? DEFAULTS.gridCells, ...opt('radius', fields.radius) } };
    case 'emerging':
      return { request: { method: 'emerging', step: f.step, ...opt('cellSize', fields.cellSize), ...opt('distanceBand', fields.distanceBand) } };
  }
}

/** The filtered points (mask = 1) in EPSG:2180 metres, as the engine sees them. */
export function projectSelected(cols: ReportColumns, mask: Uint8Array | null): { x: Float64Array; y: Float64Array } {
  let n = 0;
  for (let i = 0; i < cols.count; i++) if (!mask || mask[i]) n++;
  const x = new Float64Array(n), y = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < cols.count; i++) {
    if (mask && !mask[i]) continue;
    const [e, nn] = toPuwg92(cols.position[2 * i], cols.position[2 * i + 1]);
    x[k] = e;
    y[k] = nn;
    k++;
  }
  return { x, y };
}

/** Largest point count for which the panel previews the automatic values (beyond that: "chosen when run"). */
export const PREVIEW_MAX_POINTS = 300_000;

/** The validation run (hit rate / PAI side by side) from the form: training and test days on the current filter. */
export function buildQualityRequest(f: AnalysisForm): { request: AnalysisRequest } | { problem: Problem } {
  const out: Record<string, number> = {};
  for (const field of ['trainDays', 'testDays'] as const) {
    const v = parseNumber(f[field]);
    const [min, max] = LIMITS[field];
    if (v !== undefined && !(v >= min && v <= max && Number.isInteger(v))) return { problem: { key: 'invalidNumber', params: { field, min, max }, field } };
    out[field] = v ?? DEFAULTS[field];
  }
  return { request: { method: 'quality', trainDays: out.trainDays, testDays: out.testDays } };
}

/**
 * The engine's automatic values for the current filter, by the engine's own rules (core/analysis):
 * Gi* cell size (place rule: median nearest-report distance clamped to 100–200 m; ArcGIS settings: mean
 * nearest-neighbour distance vs the 50,000-cell cap), emerging cell size (ArcGIS rule, 20,000 cells) and the KDE
 * radius (ArcGIS rule). The distance band needs the study area's strata or the analysed cells: known after a run.
 */
export function autoPreview(
  pts: { x: Float64Array; y: Float64Array }, method: MapMethod, aggregation: Aggregation, band: 'place' | 'auto-isa' = 'place',
): { cellSize?: number; cellSizeRule?: string; radius?: number } {
  const n = pts.x.length;
  if (n < 2) return {};
  try {
    if (method === 'gistar' && aggregation !== 'beats') {
      const kind = aggregation === 'square' ? 'square' : 'hex-pointy';
      if (band === 'place') {
        const a = placeCellSize(pts.x, pts.y, kind);
        return { cellSize: a.cellSize, cellSizeRule: a.rule };
      }
      const a = autoCellSize(pts.x, pts.y, kind, { maxCells: 50_000 });
      return { cellSize: a.cellSize, cellSizeRule: a.rule };
    }
    if (method === 'emerging') {
      const a = autoCellSize(pts.x, pts.y, 'hex-pointy', { maxCells: 20_000 });
      return { cellSize: a.cellSize, cellSizeRule: a.rule };
    }
    if (method === 'kde') {
      const r = defaultSearchRadius(pts.x, pts.y).radius;
      return r > 0 ? { radius: r } : {};
    }
  } catch {
    /* e.g. all points at one place: the run will say so */
  }
  return {};
}

/** Engine and contract errors → a message with what to do (one mapping: src/shared/analysisErrors.ts). */
export function explainAnalysisError(message: string): Problem {
  const m = analysisErrorMsg(message);
  return { key: `err_${m.code.split('.').pop()}`, params: m.params as Problem['params'], msg: m };
}

/** A stored filter (category/status names) back in the map's terms, to describe it in words. */
export function fromReportFilter(f: ReportFilterInput | undefined): FilterState {
  if (!f) return EMPTY_FILTER;
  const codes = <T extends { code: number; name: string }>(names: string[] | undefined, all: readonly T[]) =>
    names ? names.map((n) => all.find((x) => x.name === n)?.code).filter((c): c is number => c != null).sort((a, b) => a - b) : null;
  return {
    from: f.from ?? null,
    to: f.to ?? null,
    categories: codes(f.categories, CATEGORIES),
    statuses: codes(f.statuses, STATUSES),
    districts: f.districtIds ? [...f.districtIds] : null,
    hours: f.hours ? [...f.hours] : null,
    weekdays: f.weekdays ? [...f.weekdays] : null,
    territory: f.territory ?? null,
    compare: false,
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);


/** The parameters actually used (automatic choices included) in one line. */
export function describeStoredParams(method: string, request: Record<string, unknown>, params: Record<string, unknown>, lang: 'pl' | 'en'): string {
  const pl = lang === 'pl';
  const nf = new Intl.NumberFormat(pl ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 0 });
  const m = (v: unknown) => (num(v) != null ? `${nf.format(num(v)!)} m` : '?');
  const rule = (r: unknown) => (typeof r === 'string' && r !== 'user' ? ` (${ruleName(r, lang)})` : '');
  const parts: string[] = [];
  if (method === 'gistar') {
    const agg = request.aggregation === 'beats' || params.aggregation === 'features' ? (pl ? 'rejony' : 'beats') : request.aggregation === 'square' ? (pl ? 'kwadraty' : 'squares') : pl ? 'sześciokąty' : 'hexagons';
    parts.push(num(params.cellSize) != null ? `${agg} ${m(params.cellSize)}${rule(params.cellSizeRule)}` : agg);
    const bands = storedBands(params);
    if (bands.length > 1) {
      const kind = (k: string) => translate(lang, kindMsg(k));
      parts.push(`${pl ? 'pasmo' : 'band'} ${bands.map((b) => `${m(b.distanceBand)} (${kind(b.stratum)})`).join(' / ')}`);
    } else parts.push(`${pl ? 'pasmo' : 'band'} ${m(params.distanceBand)}${rule(params.distanceBandRule)}`);
    parts.push(params.fdr === false ? (pl ? 'bez FDR' : 'no FDR') : 'FDR');
    if (params.rule === 'auto-isa') parts.push(pl ? 'ustawienia ArcGIS' : 'ArcGIS settings');
    else if (num(params.minReports) != null) parts.push(pl ? `min. ${num(params.minReports)} zgł. w punkcie` : `min ${num(params.minReports)} reports per hotspot`);
  } else if (method === 'dbscan') {
    parts.push(`ε = ${m(params.eps ?? request.eps)}`, `min${pl ? '.' : ''} ${num(params.minPoints ?? request.minPoints) ?? '?'}`);
    const tw = num(params.timeWindowMs);
    if (tw) parts.push(pl ? `okno ${new Intl.NumberFormat('pl-PL', { maximumFractionDigits: 2 }).format(tw / 86_400_000)} dni` : `window ${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(tw / 86_400_000)} days`);
  } else if (method === 'kde') {
    const grid = (params.grid ?? {}) as Record<string, unknown>;
    parts.push(`${pl ? 'promień' : 'radius'} ${m(params.radius)}${rule(params.radiusRule)}`);
    parts.push(`${pl ? 'siatka' : 'grid'} ${num(grid.cols) ?? '?'} × ${num(grid.rows) ?? '?'}, ${m(grid.cellSize)}`);
  } else if (method === 'emerging') {
    parts.push(`${pl ? 'krok' : 'step'}: ${request.step === 'week' ? (pl ? 'tydzień' : 'week') : pl ? 'miesiąc' : 'month'} (${num(params.steps) ?? '?'})`);
    parts.push(`${pl ? 'sześciokąty' : 'hexagons'} ${m(params.cellSize)}${rule(params.cellSizeRule)}`);
    parts.push(`${pl ? 'pasmo' : 'band'} ${m(params.distanceBand)}${rule(params.distanceBandRule)}`);
  } else {
    for (const [k, v] of Object.entries(request)) if (k !== 'method' && (typeof v === 'number' || typeof v === 'string')) parts.push(`${k} = ${v}`);
  }
  return parts.join(', ');
}

/** The summary of a stored analysis: message key and parameters (null when there is nothing to say). */
export function summaryMessage(method: string, s: Record<string, unknown>): { key: AnalysisMessageKey; params: Record<string, number> } | null {
  const n = (k: string) => num(s[k]) ?? 0;
  if (method === 'gistar')
    return { key: 'res_gistar', params: { sig: n('hot99') + n('hot95') + n('hot90') + n('cold99') + n('cold95') + n('cold90'), cells: n('cells'), hot99: n('hot99'), cold99: n('cold99') } };
  if (method === 'dbscan') return { key: 'res_dbscan', params: { clusters: n('clusters'), noise: n('noise') } };
  if (method === 'kde') return { key: 'res_kde', params: { max: n('max') } };
  if (method === 'emerging') {
    const patterns = (s.patterns ?? {}) as Record<string, unknown>;
    let none = 0;
    for (const [k, v] of Object.entries(patterns)) if (/no pattern/i.test(k)) none = num(v) ?? 0;
    return { key: 'res_emerging', params: { withPattern: n('cells') - none, cells: n('cells') } };
  }
  return null;
}

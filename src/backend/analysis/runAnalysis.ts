import type { FeatureCollection } from 'geojson';
import type { ReportFilter } from '../../core/domain/report';
import { STATUSES } from '../../core/domain/statuses';
import { AnalysisRequestSchema, type AnalysisRequest, type StoredHotspot } from '../../shared/contract/analysis';
import { listDistrictRows } from '../store/districts';
import { filterToSql } from '../store/reports';
import { studyArea } from '../store/studyArea';
import type { Db } from '../store/workspace';
import { computeAnalysis, type AnalysisInput } from './compute';
import { namePlaces } from './places';
import type { PresentedAnalysis } from './present';
import { inlineRequested, startWorker } from '../workers';

const CONFIRMED = new Set(STATUSES.filter((s) => s.group === 'confirmed').map((s) => s.code));

export interface AnalysisProgress {
  signal?: AbortSignal;
  progress(fraction: number, message?: string): void;
  throwIfCancelled(): void;
}

/** The filtered reports as typed arrays (EPSG:2180 metres) plus the beats. */
export function loadAnalysisInput(db: Db, filter: ReportFilter): AnalysisInput {
  const { where, params } = filterToSql(filter);
  const n = (db.prepare(`SELECT count(*) AS n FROM reports ${where}`).get(...params) as { n: number }).n;
  const input: AnalysisInput = {
    ids: new Int32Array(n), x: new Float64Array(n), y: new Float64Array(n), times: new Float64Array(n),
    categories: new Uint8Array(n), confirmed: new Uint8Array(n), districtIds: new Int32Array(n),
    districts: listDistrictRows(db).map((d) => ({ id: d.id, name: d.name, kind: d.kind, areaM2: d.areaM2, geometry: d.geometry })),
    studyArea: ((a) => (a ? { source: a.source, areaM2: a.areaM2, geometry: a.geometry } : null))(studyArea(db)),
    filter: { ...filter },
  };
  let i = 0;
  for (const r of db.prepare(`SELECT id, x2180, y2180, created_at, category_code, district_id, status_code FROM reports ${where} ORDER BY id`).raw(true).iterate(...params) as IterableIterator<
    [number, number, number, number, number, number | null, number]
  >) {
    if (i >= n) break;
    input.ids[i] = r[0];
    input.x[i] = r[1];
    input.y[i] = r[2];
    input.times[i] = r[3];
    input.categories[i] = r[4];
    input.districtIds[i] = r[5] ?? -1;
    input.confirmed[i] = CONFIRMED.has(r[6]) ? 1 : 0;
    i++;
  }
  return input;
}

/**
 * Run in a worker thread (cancel terminates it at once), started from the bundle or, in development, the
 * sources (src/backend/workers.ts). Inline only when REJON_ANALYSIS_INLINE=1 asks for it.
 */
function runInWorker(request: AnalysisRequest, input: AnalysisInput, ctx?: AnalysisProgress): Promise<PresentedAnalysis> {
  if (inlineRequested('analysisWorker')) {
    return Promise.resolve(computeAnalysis(request as never, input, { signal: ctx?.signal, onProgress: (f) => ctx?.progress(f) }));
  }
  return new Promise((resolve, reject) => {
    const worker = startWorker('analysisWorker');
    const onAbort = () => {
      void worker.terminate();
      const e = new Error('cancelled');
      e.name = 'AbortError';
      reject(e);
    };
    ctx?.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: { type: 'progress'; fraction: number } | { type: 'done'; result: PresentedAnalysis } | { type: 'error'; message: string }) => {
      if (m.type === 'progress') ctx?.progress(0.1 + 0.85 * m.fraction);
      else {
        ctx?.signal?.removeEventListener('abort', onAbort);
        void worker.terminate();
        if (m.type === 'done') resolve(m.result);
        else reject(new Error(m.message));
      }
    });
    worker.on('error', (e) => {
      ctx?.signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    worker.postMessage({ request, input });
  });
}

export interface StoredAnalysisRow {
  id: number;
  method: string;
  name: string;
  createdAt: number;
  filter: ReportFilter;
  request: Record<string, unknown>;
  params: Record<string, unknown>;
  summary: Record<string, unknown>;
  result: Record<string, unknown>;
}

/** Run an analysis on the current filter and store it with its request, filter and parameters. */
export async function runAndStoreAnalysis(
  db: Db, rawRequest: AnalysisRequest, filter: ReportFilter, name?: string, ctx?: AnalysisProgress,
  /** Runs the saving step (the backend: in turn among the workspace's writers); default: right away. */
  write: <T>(save: () => T) => Promise<T> = async (save) => save(),
): Promise<StoredAnalysisRow> {
  const request = AnalysisRequestSchema.parse(rawRequest);
  ctx?.progress(0.02, 'loading');
  const input = loadAnalysisInput(db, filter);
  if (input.x.length === 0) throw new Error('No reports match the filter: nothing to analyse.');
  ctx?.throwIfCancelled();
  ctx?.progress(0.1, 'computing');
  const presented = await runInWorker(request, input, ctx);
  ctx?.throwIfCancelled();
  nameHotspots(db, presented);
  const createdAt = Date.now();
  const title = name ?? `${request.method} ${new Date(createdAt).toISOString().slice(0, 16).replace('T', ' ')}`;
  const params = { ...presented.params, filter, reportCount: input.x.length };
  const info = await write(() => db
    .prepare('INSERT INTO saved_analyses(kind, name, params_json, result_json, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(request.method, title, JSON.stringify({ request, filter, params, summary: presented.summary }), JSON.stringify(presented.result), createdAt));
  return { id: Number(info.lastInsertRowid), method: request.method, name: title, createdAt, filter, request, params, summary: presented.summary, result: presented.result };
}

export function getStoredAnalysis(db: Db, id: number): StoredAnalysisRow | undefined {
  const r = db.prepare('SELECT id, kind, name, params_json, result_json, created_at FROM saved_analyses WHERE id = ?').get(id) as
    | { id: number; kind: string; name: string; params_json: string; result_json: string; created_at: number }
    | undefined;
  if (!r) return undefined;
  const meta = JSON.parse(r.params_json) as { request: Record<string, unknown>; filter: ReportFilter; params: Record<string, unknown>; summary: Record<string, unknown> };
  return { id: r.id, method: r.kind, name: r.name, createdAt: r.created_at, filter: meta.filter, request: meta.request, params: meta.params, summary: meta.summary, result: JSON.parse(r.result_json) };
}

export function listStoredAnalyses(db: Db): {
  id: number; method: string; name: string; createdAt: number; summary: Record<string, unknown>;
  filter: ReportFilter; request: Record<string, unknown>; params: Record<string, unknown>;
}[] {
  return (db.prepare('SELECT id, kind, name, params_json, created_at FROM saved_analyses ORDER BY id DESC').all() as { id: number; kind: string; name: string; params_json: string; created_at: number }[]).map(
    (r) => {
      const meta = JSON.parse(r.params_json) as { request?: Record<string, unknown>; filter?: ReportFilter; params?: Record<string, unknown>; summary?: Record<string, unknown> };
      return { id: r.id, method: r.kind, name: r.name, createdAt: r.created_at, summary: meta.summary ?? {}, filter: meta.filter ?? {}, request: meta.request ?? {}, params: meta.params ?? {} };
    },
  );
}

/** Fill `place` (namePlace) of every hotspot of a presented Gi* result, in place. */
export function nameHotspots(db: Db, presented: PresentedAnalysis): void {
  const list = presented.result.hotspots as StoredHotspot[] | undefined;
  if (!Array.isArray(list) || list.length === 0) return;
  const names = namePlaces(db, list.map((h) => [h.lon, h.lat] as const));
  list.forEach((h, k) => {
    h.place = names[k];
    h.beat ??= names[k].beat;
  });
}

export interface HotspotReport {
  /** Parameters actually used (the rule, cell size, band, surroundings, minimum reports, strata…). */
  params: Record<string, unknown>;
  summary: Record<string, unknown>;
  /** Ranked hotspots, named (see HotspotSchema in src/shared/contract/analysis.ts). */
  hotspots: StoredHotspot[];
  /** Cells as WGS84 GeoJSON with count, z, p, bin (after the hotspot rules), rawBin and `hotspot` (rank, 0 = none). */
  cells: FeatureCollection;
  reportCount: number;
}

/**
 * THE hotspot definition for every consumer (analysis panel, CLI, briefings): the default Gi* (place rule,
 * src/core/analysis/place.ts + hotspotList.ts) of the reports matching `filter`, ranked and named, computed
 * synchronously (no worker, nothing stored). With `filter.districtIds` the study area is those beats; pass the
 * whole command and keep the hotspots whose `districtId` is in scope to compare a beat with the rest of its kind.
 * `request` overrides parameters of the gistar request (e.g. `{ minReports: 3 }` or `{ band: 'auto-isa' }`).
 */
export function findHotspots(db: Db, filter: ReportFilter, request: Partial<Extract<AnalysisRequest, { method: 'gistar' }>> = {}): HotspotReport {
  const req = AnalysisRequestSchema.parse({ ...request, method: 'gistar' });
  const input = loadAnalysisInput(db, filter);
  if (input.x.length === 0) throw new Error('No reports match the filter: nothing to analyse.');
  const presented = computeAnalysis(req as never, input);
  nameHotspots(db, presented);
  return {
    params: presented.params, summary: presented.summary, hotspots: presented.result.hotspots as StoredHotspot[],
    cells: presented.result.cells as FeatureCollection, reportCount: input.x.length,
  };
}

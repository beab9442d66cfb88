import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { RejonError, type RejonApi, type RejonEvent } from '../shared/contract';
import { JobManager } from './jobs/jobManager';
import { getMeta, getSetting, openWorkspace, schemaVersion, setSetting, type Db, type OpenOptions } from './store/workspace';
import { readReportColumns, reportStats } from './store/reports';
import { districtCount, districtReportCounts, districtsToGeoJson, listDistrictRows } from './store/districts';
import { readResourceJson } from './resources';
import { labelPoint } from './store/districts';
import { importApi } from './api/importApi';
import { districtApi } from './api/districtApi';
import { analysisApi } from './api/analysisApi';
import { mapApi } from './api/mapApi';
import { briefingApi } from './api/briefingApi';
import { territoryApi } from './api/territoryApi';
import type { Printer } from './briefing/printer';

type CoreMethod = 'getWorkspaceInfo' | 'getReportColumns' | 'listDistricts' | 'getDistrictsGeoJson' | 'getBasemapLayer' | 'startJob' | 'getJob' | 'cancelJob' | 'listJobs' | 'getSetting' | 'setSetting';

export interface BackendOptions extends OpenOptions {
  /** Prints briefing pages to PDF (the Electron host passes Electron's own); headless system Chromium when absent. */
  printer?: Printer;
}

/**
 * The backend service: one open workspace, a job manager, and the implementation of the API
 * contract. Transports (HTTP, Electron IPC) and the CLI all go through `api`.
 */
export class Backend {
  readonly db: Db;
  readonly jobs = new JobManager();
  private listeners = new Set<(e: RejonEvent) => void>();
  readonly api: RejonApi;
  private closers: (() => void | Promise<void>)[] = [];

  constructor(
    readonly workspacePath: string,
    readonly options: BackendOptions = {},
  ) {
    this.db = openWorkspace(workspacePath, options);
    this.jobs.onChange((job) => this.emit({ type: 'job', job }));
    this.api = this.createApi();
  }

  onEvent(listener: (e: RejonEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: RejonEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Run on close (temp files of uploads, caches, the print browser). */
  onClose(fn: () => void | Promise<void>): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    await this.jobs.shutdown();
    for (const fn of this.closers) {
      try {
        await fn();
      } catch {
        // a failing closer must not keep the workspace open
      }
    }
    this.db.close();
  }

  /** Generate the demo dataset into this (empty) workspace as a cancellable job. */
  startDemoJob(seed = 1, reports?: number): string {
    const job = this.jobs.start('demo', async (ctx) => {
      ctx.progress(0.05, 'synthesising');
      // Loaded on demand: the demo generator is not needed to serve a real workspace.
      const [{ synthesizeDemo }, { writeDemo }] = await Promise.all([import('./demo/synth'), import('./demo/writeDemo')]);
      const data = synthesizeDemo({ seed, reports });
      ctx.throwIfCancelled();
      ctx.progress(0.3, 'writing');
      const result = writeDemo(this.db, data, ctx);
      this.emit({ type: 'workspace-changed' });
      return result;
    });
    return job.id;
  }

  private createApi(): RejonApi {
    return {
      ...this.coreApi(),
      ...importApi(this),
      ...districtApi(this),
      ...analysisApi(this),
      ...mapApi(this),
      ...briefingApi(this),
      ...territoryApi(this),
    } as RejonApi;
  }

  private coreApi(): Pick<RejonApi, CoreMethod> {
    const db = this.db;
    return {
      getWorkspaceInfo: async () => {
        const stats = reportStats(db);
        const imports = (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
        return {
          path: this.workspacePath,
          name: getMeta(db, 'name') ?? path.basename(this.workspacePath).replace(/\.(sqlite|rejon|db)$/i, ''),
          schemaVersion: schemaVersion(db),
          reports: stats.count,
          districts: districtCount(db),
          imports,
          firstReportAt: stats.first,
          lastReportAt: stats.last,
          demo: getMeta(db, 'demo') != null,
        };
      },
      getReportColumns: async ({ filter }) => readReportColumns(db, filter),
      listDistricts: async () => {
        const counts = districtReportCounts(db);
        return listDistrictRows(db).map((r) => ({
          id: r.id, name: r.name, kind: r.kind, unit: r.unit, officer: r.officer, areaKm2: r.areaM2 / 1e6,
          reportCount: counts.get(r.id) ?? 0, bbox: r.bbox, labelPoint: labelPoint(r.geometry),
        }));
      },
      getDistrictsGeoJson: async () => districtsToGeoJson(listDistrictRows(db), districtReportCounts(db)) as never,
      getBasemapLayer: async ({ layer }) => {
        if (layer === 'places') {
          const rows = db.prepare('SELECT name, kind, lon, lat FROM places ORDER BY id').all() as { name: string; kind: string; lon: number; lat: number }[];
          const fc: FeatureCollection = {
            type: 'FeatureCollection',
            features: rows.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { name: p.name, kind: p.kind } })),
          };
          return fc as never;
        }
        return readResourceJson<FeatureCollection>('boundaries', `${layer}-min.geojson`) as never;
      },
      startJob: async (req) => {
        switch (req.kind) {
          case 'demo':
            return { jobId: this.startDemoJob(req.seed ?? 1, req.reports) };
        }
      },
      getJob: async ({ jobId }) => {
        const j = this.jobs.get(jobId);
        if (!j) throw new RejonError('not-found', `No job ${jobId}.`);
        return j;
      },
      cancelJob: async ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
      listJobs: async () => this.jobs.list(),
      getSetting: async ({ key }) => getSetting(db, key) ?? null,
      setSetting: async ({ key, value }) => {
        setSetting(db, key, value);
        return { ok: true as const };
      },
    };
  }
}

import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { METHOD_NAMES, RejonError, type MethodName, type RejonApi, type RejonEvent, type WorkspaceInfo } from '../shared/contract';
import type { AppState, RecentWorkspace } from '../shared/contract/workspace';
import { msg } from '../core/message';
import { JobManager } from './jobs/jobManager';
import {
  closeDb, getMeta, getSetting, openWorkspace, probeWorkspace, schemaVersion, setSetting, workspaceErrorMsg, WorkspaceError, type Db, type OpenOptions,
} from './store/workspace';
import { SCHEMA_VERSION } from './store/migrations';
import { readReportColumns, reportStats } from './store/reports';
import { districtCount, districtReportCounts, districtsToGeoJson, listDistrictRows } from './store/districts';
import { readResourceJson } from './resources';
import { labelPoint } from './store/districts';
import { defaultDataDir, demoWorkspacePath, RecentList } from './appData';
import { browse, isInsideRoots, resolvedRoots, type BrowseRoot } from './workspace/browse';
import { copyWorkspaceFile, createWorkspaceFile, writeWorkspaceFile } from './workspace/files';
import { bundledPowiaty } from './store/territory';
import { importApi } from './api/importApi';
import { districtApi } from './api/districtApi';
import { analysisApi } from './api/analysisApi';
import { mapApi } from './api/mapApi';
import { briefingApi } from './api/briefingApi';
import { powiatPartsOrRefuse, territoryApi } from './api/territoryApi';
import type { Printer } from './briefing/printer';
import { workspaceApi } from './api/workspaceApi';
import { noneOpenError, workspaceRejonError } from './workspace/errors';
import { placesApi } from './api/placesApi';
import { UploadStore, type UploadLimits } from './import/uploads';
import { FileGrantStore, PathApprovals } from './security/grants';
import { busyError, isSqliteBusy, WorkspaceWriter } from './store/writeQueue';
import { ChangeWatch } from './store/changeWatch';
import { ReadPool, readWorkerCount } from './reads/readPool';
import { isReadMethod } from './reads/methods';
import { provenanceApi } from './api/provenanceApi';

export { noneOpenError, workspaceRejonError };

type AnyMethod = (input: unknown) => Promise<unknown>;

/** Methods that answer without an open workspace (the workspace lifecycle, jobs, bundled layers). */
const APP_METHODS = [
  'getAppState', 'createWorkspace', 'openWorkspace', 'closeWorkspace', 'listRecentWorkspaces', 'forgetRecentWorkspace', 'openDemoWorkspace', 'saveWorkspaceCopy',
  'browseFiles', 'listPowiatNames', 'getJob', 'cancelJob', 'listJobs', 'getBasemapLayer',
] as const satisfies readonly MethodName[];
type AppMethod = (typeof APP_METHODS)[number];

/** Methods that would put reports or beats into the workspace: refused in the demo (demo and real data never mix). */
const IMPORT_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['startImport', 'startDistrictImport']);
/** Methods that start a job writing the workspace, or write it at once after a backup copy (undo): refused up front when it is open read-only. */
const WRITE_JOB_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['startImport', 'startDistrictImport', 'runAnalysis', 'startJob', 'importPlaces', 'undoImport']);
/**
 * Calls that write on the backend's connection: they wait their turn behind other writers (jobs, other windows,
 * other processes: src/backend/store/writeQueue.ts) and run as one transaction, or fail with 'busy' after the wait.
 */
const WRITE_CALLS: ReadonlySet<MethodName> = new Set<MethodName>([
  'setSetting', 'deleteMappingPreset', 'saveDistrict', 'renameDistrict', 'deleteDistrict', 'mergeDistricts', 'splitDistrict', 'deleteAnalysis',
  'saveBasemapSource', 'removeBasemapSource', 'saveBriefingTemplate', 'deleteBriefingTemplate', 'setTerritoryFromPowiaty', 'setTerritoryFromBeats',
  'clearTerritory', 'clearPlaces',
]);

export interface BackendOptions extends OpenOptions {
  /** Prints briefing pages to PDF (the Electron host passes Electron's own); headless system Chromium when absent. */
  printer?: Printer;
  /** The user's Rejon data folder (recent list, demo workspace); default: REJON_HOME or ~/.local/share/rejon. */
  dataDir?: string;
  /** More folders the browser-mode file picker may list (`rejon serve --allow-dir`). */
  allowDirs?: string[];
  /** Keep the app-level recent list (the app front ends); off for the CLI and direct use in tests. */
  recent?: boolean;
  /**
   * Paths given to the workspace methods (open, create, save a copy) must lie inside the picker's roots, be on the
   * recent list (open), be named in `allowFiles` (open), or be approved through `pathApprovals` (the desktop's native
   * dialogs). Browser mode (`rejon serve`) and the desktop host set it; the refusal is the same whether or not the
   * path exists, and nothing outside is touched before it.
   */
  confinePaths?: boolean;
  /** Desktop: paths outside the roots come from the native dialogs (the refusal tells the user to use File > Open). */
  nativeDialogs?: boolean;
  /** Workspace files that may be opened wherever they are (named on the command line). */
  allowFiles?: string[];
  /**
   * Accept `{ source: { path } }` in import and district methods. ONLY for the CLI, which calls the backend in
   * process as the user who typed the path. Transports (HTTP, Electron IPC) must leave it off: their callers pass
   * uploads or desktop file grants (src/backend/security/grants.ts).
   */
  trustedPaths?: boolean;
  /** Limits of staged uploads (tests lower them). */
  uploadLimits?: Partial<UploadLimits>;
  /**
   * Read worker threads for heavy reads (src/backend/reads/); 0 (default) runs them on the backend's thread. The
   * serving front ends (serve, the desktop host) use 2. REJON_READ_WORKERS overrides.
   */
  readWorkers?: number;
}

/** The open workspace and what belongs to it alone (its API closures, closers). */
class OpenedWorkspace {
  closing = false;
  readonly closers: (() => void | Promise<void>)[] = [];
  api: Partial<Record<MethodName, AnyMethod>> = {};
  /** One writer at a time (issue 14 pt 5). */
  readonly writer: WorkspaceWriter;
  /** Notices commits of other connections (another process, the import connection). */
  readonly watch: ChangeWatch;
  /** Heavy reads on worker threads (null: on the backend's thread). */
  reads: ReadPool | null = null;
  constructor(
    readonly path: string,
    readonly db: Db,
    readonly readOnly: boolean,
    readonly serial: number,
    onChange: () => void,
  ) {
    this.writer = new WorkspaceWriter(db);
    this.watch = new ChangeWatch(db, onChange);
  }
}

/**
 * The backend service: the open workspace (none, or one at a time), a job manager, uploads, the app-level recent
 * list, and the implementation of the API contract. Transports (HTTP, Electron IPC) and the CLI all go through `api`.
 *
 * Lifecycle: open, create, switch and close are serialized. A switch opens (and checks) the new file first, then
 * closes the old workspace: its jobs are cancelled and awaited, staged uploads removed, its closers run, its
 * connection closed (the file back in rollback-journal mode). Then 'workspace-opened' is emitted.
 *
 * Feature API factories (importApi, districtApi, …) are called once per OPENED workspace with this backend: what
 * they read from `backend.db` / `backend.workspacePath` while being built belongs to that workspace, and their
 * methods are only reached while it is open. Per-workspace resources register `onWorkspaceClose`.
 */
export class Backend {
  readonly jobs: JobManager;
  readonly dataDir: string;
  readonly recent: RecentList;
  readonly api: RejonApi;
  private ws: OpenedWorkspace | null = null;
  private serial = 0;
  private lifecycle: Promise<unknown> = Promise.resolve();
  private listeners = new Set<(e: RejonEvent) => void>();
  private closers: (() => void | Promise<void>)[] = [];
  /** Files staged by uploadChunk (browser mode, drops) until imported; all removed when the workspace closes. */
  readonly uploads: UploadStore;
  /** Files the user chose in the desktop's file dialog, by grant token (issued through the backend host). */
  readonly fileGrants = new FileGrantStore();
  /** Workspace paths the desktop user chose in a native dialog (approved through the backend host; see checkAllowed). */
  readonly pathApprovals = new PathApprovals();

  /**
   * @param workspacePath open this workspace right away (synchronously; errors throw WorkspaceError), or none.
   */
  constructor(
    workspacePath?: string | null,
    readonly options: BackendOptions = {},
  ) {
    this.jobs = new JobManager(() => this.ws);
    this.dataDir = path.resolve(options.dataDir ?? defaultDataDir());
    this.recent = new RecentList(this.dataDir);
    this.uploads = new UploadStore({ limits: options.uploadLimits });
    this.jobs.onChange((job) => this.emit({ type: 'job', job }));
    this.api = this.createApi();
    if (workspacePath != null) {
      const abs = path.resolve(workspacePath);
      const { db, readOnly } = this.openDb(abs, { create: options.create, readOnly: options.readonly });
      this.attach(abs, db, readOnly);
    }
  }

  // ---- the open workspace ----

  get hasWorkspace(): boolean {
    return this.ws != null && !this.ws.closing;
  }

  private current(): OpenedWorkspace {
    if (!this.ws) throw noneOpenError();
    return this.ws;
  }

  /** The open workspace's connection (throws `workspace.none-open` when none is open). */
  get db(): Db {
    return this.current().db;
  }

  get workspacePath(): string {
    return this.current().path;
  }

  get readOnly(): boolean {
    return this.current().readOnly;
  }

  /** The open workspace's writers: jobs and writing calls take their turn here (src/backend/store/writeQueue.ts). */
  get writer(): WorkspaceWriter {
    return this.current().writer;
  }

  onEvent(listener: (e: RejonEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: RejonEvent): void {
    if (e.type === 'workspace-changed') this.ws?.watch.seen(); // announced here: the watcher need not say it again
    for (const l of this.listeners) l(e);
  }

  /** Run when the backend shuts down (the print browser, …). */
  onClose(fn: () => void | Promise<void>): void {
    this.closers.push(fn);
  }

  /** Run when the open workspace closes (tile archives, caches tied to its data). */
  onWorkspaceClose(fn: () => void | Promise<void>): void {
    this.current().closers.push(fn);
  }

  /** Shut down: cancel every job, close the workspace, run the closers. */
  async close(): Promise<void> {
    await this.jobs.shutdown();
    await this.serialized(() => this.detach());
    this.uploads.dispose();
    this.fileGrants.clear();
    this.pathApprovals.clear();
    for (const fn of this.closers) {
      try {
        await fn();
      } catch {
        // a failing closer must not keep the backend alive
      }
    }
  }

  /** One lifecycle operation at a time (open, create, close, copy). */
  private serialized<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.lifecycle.then(fn, fn);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  /**
   * Open a workspace file. A file this process may not write is opened read-only (and said so), unless it needs a
   * schema upgrade, which a read-only file cannot get.
   */
  private openDb(abs: string, opts: { create?: boolean; readOnly?: boolean }): { db: Db; readOnly: boolean } {
    const nativeBinding = this.options.nativeBinding;
    try {
      return { db: openWorkspace(abs, { create: opts.create, readonly: opts.readOnly, nativeBinding }), readOnly: opts.readOnly === true };
    } catch (e) {
      if (!(e instanceof WorkspaceError && e.code === 'read-only') || opts.readOnly === false || opts.create) throw e;
    }
    const db = openWorkspace(abs, { readonly: true, nativeBinding });
    if (schemaVersion(db) < SCHEMA_VERSION) {
      db.close();
      throw new WorkspaceError('read-only', `${abs} is read-only and was written by an older Rejon; it needs an upgrade that cannot be written.`, abs,
        msg('workspace.error.read-only-old', { file: abs }));
    }
    return { db, readOnly: true };
  }

  private attach(abs: string, db: Db, readOnly: boolean): void {
    const ws = new OpenedWorkspace(abs, db, readOnly, ++this.serial, () => {
      if (this.ws === ws && !ws.closing) this.emit({ type: 'workspace-changed' });
    });
    this.ws = ws;
    try {
      ws.api = this.buildWorkspaceApi();
    } catch (e) {
      this.ws = null;
      closeDb(db);
      throw e;
    }
    const info = this.info();
    if (this.options.recent) {
      try {
        this.recent.touch({ path: abs, name: info.name, demo: info.demo, lastOpenedAt: Date.now() });
      } catch {
        // the recent list is a convenience: a read-only data folder must not stop work
      }
    }
    ws.watch.start();
    const readers = readWorkerCount(this.options.readWorkers ?? 0);
    if (readers > 0) ws.reads = new ReadPool(abs, readers, this.options.nativeBinding);
    this.emit({ type: 'workspace-opened', path: abs, name: info.name, demo: info.demo, readOnly, serial: ws.serial });
  }

  /** Close the open workspace: no new calls, its jobs cancelled and awaited, its resources released. */
  private async detach(): Promise<boolean> {
    const ws = this.ws;
    if (!ws) return false;
    ws.closing = true;
    ws.watch.stop();
    ws.writer.close();
    await ws.reads?.close();
    await this.jobs.shutdown(ws);
    this.uploads.dispose();
    for (const fn of ws.closers) {
      try {
        await fn();
      } catch {
        // a failing closer must not keep the workspace open
      }
    }
    this.ws = null;
    closeDb(ws.db);
    this.emit({ type: 'workspace-closed', path: ws.path, serial: ws.serial });
    return true;
  }

  /** Refuse paths outside the picker's roots in browser mode (a recent workspace may always be reopened). */
  private checkAllowed(abs: string, purpose: 'open' | 'write'): void {
    if (!this.options.confinePaths) return;
    if (purpose === 'open' && (this.options.allowFiles ?? []).some((f) => path.resolve(f) === abs)) return;
    if (purpose === 'open' && this.recent.read().some((e) => e.path === abs)) return;
    if (this.pathApprovals.has(abs, purpose)) return;
    if (isInsideRoots(this.browseRoots(), abs)) return;
    if (this.options.nativeDialogs) {
      throw new RejonError('workspace', `${abs} was not chosen in a file dialog of this window.`, undefined, msg('security.path.workspaceNotChosen', { file: abs }));
    }
    throw new RejonError('workspace', `${abs} is outside the folders this Rejon may use (start it with --allow-dir).`, undefined, msg('workspace.path-not-allowed', { file: abs }));
  }

  browseRoots(): BrowseRoot[] {
    return [{ path: this.dataDir, kind: 'data' }, ...(this.options.allowDirs ?? []).map((d) => ({ path: path.resolve(d), kind: 'allowed' as const }))];
  }

  /** Open a workspace (the open one is closed once the new one has opened). */
  openWorkspace(file: string, opts: { readOnly?: boolean } = {}): Promise<WorkspaceInfo> {
    return this.serialized(async () => {
      const abs = path.resolve(file);
      this.checkAllowed(abs, 'open');
      const cur = this.ws;
      if (cur && !cur.closing && cur.path === abs && (opts.readOnly === undefined || opts.readOnly === cur.readOnly)) {
        return this.info();
      }
      if (cur && cur.path === abs) await this.detach(); // the same file in the other mode
      const { db, readOnly } = this.openDb(abs, { readOnly: opts.readOnly });
      await this.detach();
      this.attach(abs, db, readOnly);
      return this.info();
    });
  }

  closeWorkspace(): Promise<boolean> {
    return this.serialized(() => this.detach());
  }

  /** Create a new workspace (name, territory) and open it. Unknown powiat names: nothing is written. */
  createWorkspace(spec: { path: string; name: string; territory?: readonly string[] }): Promise<WorkspaceInfo> {
    return this.serialized(async () => {
      const abs = path.resolve(spec.path);
      this.checkAllowed(abs, 'write');
      const name = spec.name.trim();
      if (!name) throw new RejonError('bad-request', 'A workspace needs a name.', undefined, msg('workspace.create.name-empty'));
      const parts = powiatPartsOrRefuse([...new Set(spec.territory ?? [])], 'territory');
      createWorkspaceFile(abs, { name, territory: parts, nativeBinding: this.options.nativeBinding });
      const { db, readOnly } = this.openDb(abs, {});
      await this.detach();
      this.attach(abs, db, readOnly);
      return this.info();
    });
  }

  /** A consistent copy of the open workspace to a new file (never overwrites). */
  saveWorkspaceCopy(file: string): Promise<{ path: string; bytes: number }> {
    return this.serialized(() => {
      const abs = path.resolve(file);
      this.checkAllowed(abs, 'write');
      const ws = this.ws;
      if (!ws || ws.closing) throw noneOpenError();
      if (abs === ws.path) throw new WorkspaceError('exists', `${abs} is the open workspace itself.`, abs);
      return copyWorkspaceFile(ws.db, abs);
    });
  }

  get demoPath(): string {
    return demoWorkspacePath(this.dataDir);
  }

  /**
   * Open the demo workspace, generating it first (as a cancellable job) when it does not exist. A file in its
   * place that is not a demo workspace is never replaced.
   */
  async openDemoWorkspace(seed = 1): Promise<{ jobId: string | null; workspace: WorkspaceInfo | null }> {
    const file = this.demoPath;
    if (fs.existsSync(file)) {
      const probe = probeWorkspace(file, this.options.nativeBinding);
      if (probe.readable && !probe.demo) {
        throw new RejonError('workspace', `${file} is not a demo workspace; Rejon does not replace it.`, undefined, msg('workspace.demo.not-demo', { file }));
      }
      return { jobId: null, workspace: await this.openWorkspace(file) };
    }
    const running = this.jobs.running('demo');
    if (running) return { jobId: running.id, workspace: null };
    const job = this.jobs.start(
      'demo',
      async (ctx) => {
        ctx.progress(0.02, 'synthesising');
        // Loaded on demand: the demo generator is not needed to serve a real workspace.
        const [{ synthesizeDemo }, { writeDemo }] = await Promise.all([import('./demo/synth'), import('./demo/writeDemo')]);
        const data = synthesizeDemo({ seed });
        ctx.throwIfCancelled();
        ctx.progress(0.3, 'writing');
        await writeWorkspaceFile(file, (db) => void writeDemo(db, data, ctx), this.options.nativeBinding);
        ctx.throwIfCancelled();
        return this.openWorkspace(file);
      },
      { scope: null },
    );
    return { jobId: job.id, workspace: null };
  }

  /**
   * What the app opens at start without a workspace named: on the very first start the demo (generated), later
   * the last workspace opened, when it still opens; otherwise nothing (the start screen).
   */
  async openStartupWorkspace(): Promise<{ opened: 'demo' | 'last' | 'none'; jobId?: string; error?: unknown }> {
    if (this.recent.isFirstStart()) {
      try {
        const r = await this.openDemoWorkspace();
        return { opened: 'demo', ...(r.jobId ? { jobId: r.jobId } : {}) };
      } catch (error) {
        return { opened: 'none', error };
      }
    }
    const last = this.recent.read()[0];
    if (!last || !fs.existsSync(last.path)) return { opened: 'none' };
    try {
      await this.openWorkspace(last.path);
      return { opened: 'last' };
    } catch (error) {
      return { opened: 'none', error };
    }
  }

  listRecent(): RecentWorkspace[] {
    const cur = this.ws && !this.ws.closing ? this.ws : null;
    return this.recent.read().map((e) => {
      if (cur && cur.path === e.path) {
        const i = this.info();
        return {
          path: e.path, name: i.name, demo: i.demo, reports: i.reports, firstReportAt: i.firstReportAt, lastReportAt: i.lastReportAt,
          lastOpenedAt: e.lastOpenedAt, exists: true, readable: true, problem: null, current: true,
        };
      }
      const p = probeWorkspace(e.path, this.options.nativeBinding);
      return {
        path: e.path, name: p.name ?? e.name, demo: p.readable ? p.demo : e.demo, reports: p.reports, firstReportAt: p.firstReportAt, lastReportAt: p.lastReportAt,
        lastOpenedAt: e.lastOpenedAt, exists: p.exists, readable: p.readable, problem: p.problem ? workspaceErrorMsg(p.problem, e.path) : null, current: false,
      };
    });
  }

  appState(): AppState {
    const roots = resolvedRoots(this.browseRoots());
    return {
      workspace: this.hasWorkspace ? this.info() : null,
      serial: this.hasWorkspace ? this.ws!.serial : 0,
      dataDir: this.dataDir,
      demoPath: this.demoPath,
      demoExists: fs.existsSync(this.demoPath),
      browseRoots: roots.length ? roots : [{ path: this.dataDir, kind: 'data' }],
      confined: this.options.confinePaths === true,
    };
  }

  browse(dir?: string) {
    fs.mkdirSync(this.dataDir, { recursive: true });
    return browse(this.browseRoots(), dir);
  }

  /** Name, counts, territory and flags of the open workspace. */
  info(): WorkspaceInfo {
    const ws = this.current();
    const db = ws.db;
    const stats = reportStats(db);
    const imports = (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
    const version = schemaVersion(db);
    const territory = version >= 5 ? (db.prepare('SELECT name FROM territory ORDER BY id').all() as { name: string }[]).map((r) => r.name) : [];
    const created = Number(getMeta(db, 'created_at'));
    return {
      path: ws.path,
      name: getMeta(db, 'name') ?? path.basename(ws.path).replace(/\.(sqlite|rejon|db)$/i, ''),
      schemaVersion: version,
      reports: stats.count,
      districts: districtCount(db),
      imports,
      firstReportAt: stats.first,
      lastReportAt: stats.last,
      demo: getMeta(db, 'demo') != null,
      territory,
      readOnly: ws.readOnly,
      createdAt: Number.isFinite(created) && created > 0 ? created : null,
    };
  }

  /** Generate the demo dataset into this (empty) workspace as a cancellable job. */
  startDemoJob(seed = 1, reports?: number): string {
    const job = this.jobs.start('demo', (ctx) => this.writer.job('demo', ctx, async () => {
      ctx.progress(0.05, 'synthesising');
      // Loaded on demand: the demo generator is not needed to serve a real workspace.
      const [{ synthesizeDemo }, { writeDemo }] = await Promise.all([import('./demo/synth'), import('./demo/writeDemo')]);
      const data = synthesizeDemo({ seed, reports });
      ctx.throwIfCancelled();
      ctx.progress(0.3, 'writing');
      return writeDemo(this.db, data, ctx);
    }).then((result) => {
      this.emit({ type: 'workspace-changed' });
      return result;
    }));
    return job.id;
  }

  // ---- the API ----

  private createApi(): RejonApi {
    const app = { ...workspaceApi(this), ...this.appCoreApi() } as Record<AppMethod, AnyMethod>;
    const api = {} as Record<MethodName, AnyMethod>;
    for (const m of METHOD_NAMES) {
      api[m] = (APP_METHODS as readonly string[]).includes(m) ? app[m as AppMethod] : (input: unknown) => this.callInWorkspace(m, input);
    }
    return api as unknown as RejonApi;
  }

  /** A workspace method: refused without an open workspace, imports refused in the demo, writes when read-only. */
  private async callInWorkspace(method: MethodName, input: unknown): Promise<unknown> {
    const ws = this.ws;
    if (!ws || ws.closing) throw noneOpenError();
    const fn = ws.api[method];
    if (!fn) throw new RejonError('internal', `Method ${method} is not implemented.`);
    if (IMPORT_METHODS.has(method) && getMeta(ws.db, 'demo') != null) {
      throw new RejonError('workspace', 'The demo workspace holds synthetic data only: import into a real workspace.', undefined, msg('workspace.demo.import-refused'));
    }
    if (ws.readOnly && WRITE_JOB_METHODS.has(method)) {
      throw new RejonError('workspace', `${ws.path} is open read-only.`, undefined, msg('workspace.error.read-only-write', { file: ws.path }));
    }
    try {
      if (ws.reads && isReadMethod(method)) return await ws.reads.run(method, input);
      return await (WRITE_CALLS.has(method) && !ws.readOnly ? ws.writer.call(() => fn(input)) : fn(input));
    } catch (e) {
      if (isSqliteBusy(e)) throw busyError(5000); // a write outside the queue met another process's lock (busy_timeout)
      const code = String((e as { code?: unknown })?.code ?? '');
      if (code.startsWith('SQLITE_READONLY')) {
        throw new RejonError('workspace', `${ws.path} is open read-only: ${(e as Error).message}`, undefined, msg('workspace.error.read-only-write', { file: ws.path }));
      }
      if (e instanceof WorkspaceError) throw workspaceRejonError(e);
      throw e;
    }
  }

  /** The per-workspace implementations, built once per opened workspace (see the class comment). */
  private buildWorkspaceApi(): Partial<Record<MethodName, AnyMethod>> {
    return {
      ...this.workspaceCoreApi(),
      ...importApi(this),
      ...districtApi(this),
      ...analysisApi(this),
      ...mapApi(this),
      ...briefingApi(this),
      ...territoryApi(this),
      ...placesApi(this),
      ...provenanceApi(this),
    } as Partial<Record<MethodName, AnyMethod>>;
  }

  private appCoreApi(): Pick<RejonApi, 'getJob' | 'cancelJob' | 'listJobs' | 'getBasemapLayer' | 'listPowiatNames'> {
    return {
      // the territory picker of "New workspace" asks before any workspace is open
      listPowiatNames: async () => bundledPowiaty().map((p) => p.name).sort((a, b) => a.localeCompare(b, 'pl')),
      getBasemapLayer: async ({ layer }) => {
        if (layer === 'places') {
          const rows = this.hasWorkspace
            ? (this.db.prepare('SELECT name, kind, lon, lat FROM places ORDER BY id').all() as { name: string; kind: string; lon: number; lat: number }[])
            : [];
          const fc: FeatureCollection = {
            type: 'FeatureCollection',
            features: rows.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { name: p.name, kind: p.kind } })),
          };
          return fc as never;
        }
        return readResourceJson<FeatureCollection>('boundaries', `${layer}-min.geojson`) as never;
      },
      getJob: async ({ jobId }) => {
        const j = this.jobs.get(jobId);
        if (!j) throw new RejonError('not-found', `No job ${jobId}.`);
        return j;
      },
      cancelJob: async ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
      listJobs: async () => this.jobs.list(),
    };
  }

  private workspaceCoreApi(): Pick<RejonApi, 'getWorkspaceInfo' | 'getReportColumns' | 'listDistricts' | 'getDistrictsGeoJson' | 'startJob' | 'getSetting' | 'setSetting'> {
    const db = this.db;
    return {
      getWorkspaceInfo: async () => this.info(),
      getReportColumns: async ({ filter }) => readReportColumns(db, filter),
      listDistricts: async () => {
        const counts = districtReportCounts(db);
        return listDistrictRows(db).map((r) => ({
          id: r.id, name: r.name, kind: r.kind, unit: r.unit, officer: r.officer, areaKm2: r.areaM2 / 1e6,
          reportCount: counts.get(r.id) ?? 0, bbox: r.bbox, labelPoint: labelPoint(r.geometry),
        }));
      },
      getDistrictsGeoJson: async () => districtsToGeoJson(listDistrictRows(db), districtReportCounts(db)) as never,
      startJob: async (req) => {
        switch (req.kind) {
          case 'demo':
            return { jobId: this.startDemoJob(req.seed ?? 1, req.reports) };
        }
      },
      getSetting: async ({ key }) => getSetting(db, key) ?? null,
      setSetting: async ({ key, value }) => {
        setSetting(db, key, value);
        return { ok: true as const };
      },
    };
  }
}

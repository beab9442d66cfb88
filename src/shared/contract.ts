/**
 * The ONE API contract between every front end (renderer over IPC or HTTP, CLI) and the backend.
 * Each method has a zod schema for its input (validated at every transport boundary) and for its
 * output. Methods marked `binary` return raw bytes (Uint8Array) instead of JSON.
 */
import { z } from 'zod';
import { msg, type Msg } from '../core/message';
import { MAX_INPUT_DEPTH, tooDeepPath } from './contract/depth';

export { CalendarDay as IsoDate } from './contract/day';

export { ReportFilterSchema, type ReportFilterInput } from './contract/filter';
import { ReportFilterSchema } from './contract/filter';
import { MsgSchema } from './contract/territory';

const Empty = z.object({}).strict();

export { WorkspaceInfoSchema, type WorkspaceInfo } from './contract/workspace';

const GeoJsonGeometry = z.object({ type: z.string(), coordinates: z.unknown() }).passthrough();
export const FeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({ type: z.literal('Feature'), geometry: GeoJsonGeometry.nullable(), properties: z.record(z.string(), z.unknown()).nullable() }).passthrough(),
  ),
});
export type FeatureCollectionOut = z.infer<typeof FeatureCollectionSchema>;

export const DistrictSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  unit: z.string().nullable(),
  officer: z.string().nullable(),
  areaKm2: z.number(),
  reportCount: z.number().int(),
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** A point inside the polygon for its label. */
  labelPoint: z.tuple([z.number(), z.number()]),
});
export type DistrictSummary = z.infer<typeof DistrictSummarySchema>;

export const BasemapLayer = z.enum(['powiaty', 'wojewodztwa', 'places']);

/** Every kind of long job. Features start their jobs with their own `start…` methods; getJob/cancelJob/listJobs serve all. */
export const JobKind = z.enum(['demo', 'import', 'districts', 'analysis', 'briefing', 'places']);
export const JobRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), seed: z.number().int().min(0).max(2 ** 31).optional(), reports: z.number().int().min(100).max(200_000).optional() }).strict(),
]);
export type JobRequest = z.infer<typeof JobRequestSchema>;

export const JobStateSchema = z.object({
  id: z.string(),
  kind: JobKind,
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** 0..1 */
  progress: z.number(),
  message: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  error: z.string().nullable(),
  /** The error as a message code (a 'busy' workspace, …), for the user's language; absent when there is none. */
  errorMsg: MsgSchema.nullable().optional(),
  result: z.unknown().nullable(),
});
export type JobState = z.infer<typeof JobStateSchema>;

export const JobId = z.object({ jobId: z.string().regex(/^[a-z0-9-]{1,64}$/) }).strict();

import type { MethodDef } from './contract/method';
import { importMethods } from './contract/import';
import { districtMethods } from './contract/districts';
import { analysisMethods } from './contract/analysis';
import { mapMethods } from './contract/map';
import { briefingMethods } from './contract/briefing';
import { territoryMethods } from './contract/territory';
import { workspaceMethods } from './contract/workspace';
import { placesMethods } from './contract/places';
import { provenanceMethods } from './contract/provenance';
import { reportMethods } from './contract/reports';

export type { MethodDef };

/** Methods of the foundation; feature modules in ./contract/ add theirs below. */
const coreMethods = {
  getReportColumns: { input: z.object({ filter: ReportFilterSchema.optional() }).strict(), output: z.instanceof(Uint8Array), binary: true },
  listDistricts: { input: Empty, output: z.array(DistrictSummarySchema) },
  getDistrictsGeoJson: { input: Empty, output: FeatureCollectionSchema },
  getBasemapLayer: { input: z.object({ layer: BasemapLayer }).strict(), output: FeatureCollectionSchema },
  startJob: { input: JobRequestSchema, output: z.object({ jobId: z.string() }) },
  getJob: { input: JobId, output: JobStateSchema },
  cancelJob: { input: JobId, output: z.object({ cancelled: z.boolean() }) },
  listJobs: { input: Empty, output: z.array(JobStateSchema) },
  getSetting: { input: z.object({ key: z.string().regex(/^[a-zA-Z0-9._-]{1,100}$/) }).strict(), output: z.unknown() },
  setSetting: {
    input: z.object({ key: z.string().regex(/^[a-zA-Z0-9._-]{1,100}$/), value: z.unknown() }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
} as const satisfies Record<string, MethodDef>;

export const contract = {
  ...coreMethods,
  ...workspaceMethods,
  ...importMethods,
  ...districtMethods,
  ...analysisMethods,
  ...mapMethods,
  ...briefingMethods,
  ...territoryMethods,
  ...placesMethods,
  ...provenanceMethods,
  ...reportMethods,
} as const satisfies Record<string, MethodDef>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** What every front end sees: one async function per method. */
export type RejonApi = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export function isBinaryMethod(name: MethodName): boolean {
  return (contract[name] as MethodDef).binary === true;
}

/**
 * The backend process as the front end sees it. Desktop (sent by Electron main, which watches the backend
 * process): 'crashed' (it died; calls in flight were rejected; it is being restarted on the same workspace),
 * 'restarted' (it answers again), 'failed' (it died too often: no more restarts). Browser mode (the renderer's
 * own HTTP client): 'lost' (the server stopped answering), 'restored' (it answers again).
 */
export type BackendState = 'crashed' | 'restarted' | 'failed' | 'lost' | 'restored';

/**
 * Events pushed from the backend to front ends (SSE over HTTP, webContents.send over IPC).
 * 'workspace-changed': the data of the open workspace changed (reload it). 'workspace-opened' / 'workspace-closed':
 * another workspace is open now, or none: drop everything shown and load again (getAppState).
 * `serial` counts opens in this backend process, so a front end can tell two opens of the same file apart.
 */
export type RejonEvent =
  | { type: 'job'; job: JobState }
  | { type: 'workspace-changed' }
  | { type: 'workspace-opened'; path: string; name: string; demo: boolean; readOnly: boolean; serial: number }
  | { type: 'workspace-closed'; path: string; serial: number }
  | { type: 'backend'; state: BackendState; exitCode?: number | null; signal?: string | null; restarts?: number }
  /**
   * A native menu item the window handles (desktop only): Help, and the File menu's workspace items whose dialogs
   * live in the window (New asks name and territory; Open and Save a copy go through window.rejon.desktop).
   */
  | { type: 'menu'; command: 'help' | 'new-workspace' | 'open-workspace' | 'open-demo' | 'save-copy' | 'close-workspace' };

/** Error shape on the wire. */
export interface WireError {
  /**
   * 'unavailable': the backend process is not running (crashed, restarting, closed): the call never ran or was cut
   * off; or a remote service the backend asked (a tile server) did not answer (HTTP 503, src/backend/map/tileFetch.ts).
   * 'busy': another writer (a job, another window or process) held the workspace longer than the stated wait; nothing changed.
   */
  code: 'bad-request' | 'not-found' | 'workspace' | 'internal' | 'unauthorized' | 'cancelled' | 'unavailable' | 'busy';
  /** English text for logs and developers; front ends show `msg` translated when it is present. */
  message: string;
  issues?: { path: string; message: string }[];
  /** The error as a message code with parameters (src/core/message.ts), for the user's language. */
  msg?: Msg;
}

export class RejonError extends Error {
  constructor(
    public readonly code: WireError['code'],
    message: string,
    public readonly issues?: WireError['issues'],
    /** What the user reads, in their language (translated by src/shared/i18n). */
    public readonly msg?: Msg,
  ) {
    super(message);
    this.name = 'RejonError';
  }
  toWire(): WireError {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}), ...(this.msg ? { msg: this.msg } : {}) };
  }
}

/** Validate a method's raw input (from IPC or HTTP). Throws RejonError('bad-request') naming the fields. */
export function parseInput<M extends MethodName>(method: M, raw: unknown): z.output<Contract[M]['input']> {
  const deep = tooDeepPath(raw);
  if (deep !== null) {
    throw new RejonError('bad-request', `Invalid input for ${method}: ${deep}: nested deeper than ${MAX_INPUT_DEPTH} levels`, [{ path: deep, message: 'nested too deeply' }], msg('security.request.tooDeep', { field: deep, max: MAX_INPUT_DEPTH }));
  }
  const res = contract[method].input.safeParse(raw ?? {});
  if (!res.success) {
    const issues = res.error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }));
    throw new RejonError('bad-request', `Invalid input for ${method}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return res.data as z.output<Contract[M]['input']>;
}

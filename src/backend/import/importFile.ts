import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  analyzeSample,
  headerSignature,
  validateMapping,
  FIELD_LABELS,
  axisOrderOf,
  type AxisOrder,
  type CoordinateDecision,
  type CoordinateEvidence,
  type ImportOptions,
  type Mapping,
  type MappingPreset,
  type PolygonFeatureCollection,
  type RawRecord,
  type VoivodeshipIndex,
} from '../../core/import';
import { inspectFile, loadVoivodeshipIndex, ImportFileError, type FileInspection } from './readers';
import { readResourceJson, resourcePath } from '../resources';
import { rowBatches, type BatchJob, type RowBatch } from './rowBatches';
import { inlineRequested, startWorker } from '../workers';
import type { ResourceLimits } from 'node:worker_threads';
import { openWorkspace, type Db } from '../store/workspace';
import { beginImmediate, jobWaitMs } from '../store/writeQueue';
import { createImport, createReportUpserter, dropBulkIndexes, finishImport, rebuildBulkIndexes } from '../store/reports';
import { presetByName, presetForSignature, savePreset } from './presets';
import { districtLookup } from '../districts/assignment';
import { msg, type Msg } from '../../core/message';
import { territoryShapes, workspaceAreas } from './coordinateContext';
import { refuseDemoImport } from '../workspace/errors';
import type { ImportProvenanceKind, ProvenanceKind } from '../../core/provenance';
import { rememberedProvenance, rememberProvenance, resolveProvenance } from './provenance';

export interface ImportRequest {
  /** File on disk (a dropped/uploaded file is staged to disk first). */
  path: string;
  /** Name shown in messages and stored as provenance (defaults to the file's base name). */
  displayName?: string;
  /** Explicit column mapping (from the mapping dialog); otherwise a preset or the automatic proposal. */
  mapping?: Mapping;
  options?: ImportOptions;
  /** Use this saved preset. */
  presetName?: string;
  /** Save the mapping used under this name. */
  savePresetAs?: string;
  /** Where the export came from, in words ("eksport KPP Piotrków, styczeń"). */
  provenance?: string;
  /** Kind of source; default: what the preset remembers, else 'other'. */
  provenanceKind?: ImportProvenanceKind;
}

export interface ImportRejection {
  row: number;
  field: string;
  column: string | null;
  reason: string;
  message: string;
  value: string | null;
}

export interface ImportSummary {
  importId: number;
  fileName: string;
  format: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Nothing in the workspace changed (e.g. the same file imported again). */
  nothingChanged: boolean;
  /** An earlier import had a file with the same content hash. */
  sameFileAs: { importId: number; importedAt: number } | null;
  unknownCategories: { name: string; count: number }[];
  /** First rejections (all of them are in the quarantine table). */
  rejections: ImportRejection[];
  mapping: Mapping;
  mappingSource: 'explicit' | 'preset' | 'signature-preset' | 'automatic';
  presetName: string | null;
  coordinateKind: string;
  /** How the coordinate order was decided (decidedBy) and why, as a message code, with the evidence counted. */
  coordinate: { decidedBy: CoordinateDecision['decidedBy']; msg: Msg; evidence: CoordinateEvidence[] };
  warnings: Msg[];
  /** The territory check: null when the workspace has no territory. */
  territory: { action: 'keep' | 'quarantine'; outside: number; msg: Msg } | null;
  rows: number;
  durationMs: number;
  rowsPerSecond: number;
  provenanceKind: ProvenanceKind;
  provenance: string | null;
}

export interface ImportProgress {
  progress(fraction: number, message?: string): void;
  throwIfCancelled(): void;
  /** Cancels waiting for another writer too (a job's signal). */
  signal?: AbortSignal;
}

/** An import that cannot start: the file is unreadable or has no usable columns. */
export class ImportError extends Error {
  constructor(
    message: string,
    /** What the user reads, in their language, when known. */
    readonly msg?: Msg,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/**
 * Refused before anything is written: both X/Y orders give positions in Poland and the evidence does not decide
 * (or contradicts itself). The user chooses (dialog) or gives `--xy` (CLI).
 */
export class CoordinateOrderError extends ImportError {
  constructor(
    readonly fileName: string,
    readonly decision: CoordinateDecision,
  ) {
    super(
      `Cannot import "${fileName}": the X/Y axis order is not decided (${decision.undecidedBecause ?? 'none'}; evidence ${decision.evidence.map((e) => `${e.source} ${e.straight}:${e.swapped}/${e.checked}`).join(', ')}). Choose with --xy easting-northing or --xy northing-easting. Nothing was written.`,
      msg('coords.refuse', { file: fileName }),
    );
    this.name = 'CoordinateOrderError';
  }
}

const MAX_REJECTIONS_IN_SUMMARY = 1000;
const BATCH = 4000;

let voivodeshipIndex: Promise<VoivodeshipIndex> | null = null;
function voivodeships(): Promise<VoivodeshipIndex> {
  voivodeshipIndex ??= loadVoivodeshipIndex(resourcePath('boundaries', 'wojewodztwa-min.geojson'));
  return voivodeshipIndex;
}

export async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export interface ResolvedMapping {
  mapping: Mapping;
  /** The preset's options overlaid with this import's (encoding, delimiter, decimal comma, outside territory…). */
  options: ImportOptions;
  /** This import's own options: its coordinate choice (coordinateKind, axisOrder) is the user's decision. */
  userOptions: ImportOptions;
  source: ImportSummary['mappingSource'];
  preset: MappingPreset | null;
}

/** Choose the mapping: explicit > named preset > preset saved for this header signature > automatic. */
export function resolveMapping(db: Db, inspection: FileInspection, req: Pick<ImportRequest, 'mapping' | 'options' | 'presetName'>): ResolvedMapping {
  const userOptions = req.options ?? {};
  if (req.mapping) return { mapping: req.mapping, options: userOptions, userOptions, source: 'explicit', preset: null };
  if (req.presetName) {
    const p = presetByName(db, req.presetName);
    if (!p) throw new ImportError(`No saved column mapping named "${req.presetName}".`);
    return { mapping: p.mapping, options: { ...p.options, ...userOptions }, userOptions, source: 'preset', preset: p };
  }
  const bySig = presetForSignature(db, headerSignature(inspection.headers));
  if (bySig) return { mapping: bySig.mapping, options: { ...bySig.options, ...userOptions }, userOptions, source: 'signature-preset', preset: bySig };
  return { mapping: inspection.proposal.mapping, options: userOptions, userOptions, source: 'automatic', preset: null };
}

/** The axis order a preset remembers (its axisOrder, or the order of its forced coordinateKind). */
export function presetAxisOrder(p: MappingPreset | null): AxisOrder | undefined {
  if (!p) return undefined;
  return p.options?.axisOrder ?? (p.options?.coordinateKind ? axisOrderOf(p.options.coordinateKind) : undefined);
}

/**
 * The file-level decisions for an import of `inspection` into the workspace: decimal comma and the coordinate
 * kind, with the workspace's territory, beats and reports as evidence for the axis order.
 */
export function analyzeForImport(db: Db, inspection: FileInspection, resolved: ResolvedMapping, vi: VoivodeshipIndex) {
  return analyzeSample(inspection.sample.map((r) => r.record), resolved.mapping, {
    voivodeships: vi,
    coordinateKind: resolved.userOptions.coordinateKind,
    axisOrder: resolved.userOptions.axisOrder,
    presetAxisOrder: presetAxisOrder(resolved.preset),
    presetName: resolved.preset?.name,
    decimalComma: resolved.options.decimalComma,
    declaredCrs: inspection.geometryCrs,
    areas: workspaceAreas(db),
  });
}

/**
 * Heap of the parse worker. A CSV streams: a few batches are alive at a time, so a small heap keeps V8 from growing
 * into hundreds of MB of garbage (1M rows: peak RSS 752 MB -> ~360 MB together with the smaller page cache and the
 * compact id set; `npm run bench -- import`). JSON and XLSX keep V8's defaults: JSON is parsed whole and exceljs
 * holds the shared strings; their size is bounded by the reader limits (src/backend/security/limits.ts).
 */
export function workerLimits(job: Pick<BatchJob, 'readerOptions'>): ResourceLimits | undefined {
  return job.readerOptions.format === 'csv' ? { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 } : undefined;
}

/**
 * Normalised batches of the file: from a worker thread (parsing runs on the other core while this
 * thread writes to SQLite), started from the bundle or the sources (src/backend/workers.ts); inline only
 * when REJON_IMPORT_INLINE=1 asks for it.
 */
export async function* batchSource(job: BatchJob): AsyncGenerator<RowBatch, void, undefined> {
  if (inlineRequested('importWorker')) {
    const vi = await voivodeships();
    yield* rowBatches({ ...job, normalizer: { ...job.normalizer, voivodeships: vi } });
    return;
  }
  const worker = startWorker('importWorker', { resourceLimits: workerLimits(job) });
  const queue: ({ type: 'batch'; batch: RowBatch } | { type: 'end' } | { type: 'error'; message: string; msg?: Msg })[] = [];
  let notify: (() => void) | null = null;
  const push = (m: (typeof queue)[number]) => {
    queue.push(m);
    notify?.();
    notify = null;
  };
  worker.on('message', push);
  worker.on('error', (e) => {
    if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      push({ type: 'error', message: 'A row of the file needs more memory than the import allows (a field of many megabytes?).', msg: msg('security.limit.rowMemory') });
    } else push({ type: 'error', message: e.message });
  });
  worker.on('exit', (code) => { if (code !== 0) push({ type: 'error', message: `import worker stopped (exit ${code})` }); });
  worker.postMessage({ type: 'start', job: { ...job, voivodeships: readResourceJson<PolygonFeatureCollection>('boundaries', 'wojewodztwa-min.geojson') } });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((r) => (notify = r));
      const m = queue.shift()!;
      if (m.type === 'end') return;
      if (m.type === 'error') throw new ImportError(m.message, m.msg);
      worker.postMessage({ type: 'ack' });
      yield m.batch;
    }
  } finally {
    await worker.terminate();
  }
}

/** Settings of the import's own connection, before its transaction begins. */
export function tuneImportConnection(db: Db): void {
  // 32 MB of page cache: a first load appends (rows and the source-id index in file order), and the cache is
  // memory the import holds for its whole run; 256 MB made no measurable difference to the 1M-row bench but a
  // 190 MB difference to its peak memory.
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  // Index builds after a first load may sort on a helper thread.
  db.pragma('threads = 2');
  // This connection only writes rows whose references it made itself in this transaction (the import
  // record, districts looked up under the write lock, history of its own rows), so the per-row
  // foreign-key lookups (three per report) are skipped. Other connections keep the checks.
  db.pragma('foreign_keys = OFF');
}

function wrapFileError(e: unknown): never {
  if (e instanceof ImportFileError) throw new ImportError(e.message, e.msg);
  throw e;
}

/**
 * Import one file into the workspace as ONE transaction on its own connection: every valid row is
 * inserted or updated (upsert by source id, status changes appended to the history), every bad row is
 * kept in quarantine with file, row, field and reason. Cancel, an error or a killed process leave the
 * workspace exactly as before.
 */
export async function importFile(workspacePath: string, req: ImportRequest, ctx?: ImportProgress, nativeBinding?: string): Promise<ImportSummary> {
  const started = performance.now();
  const fileName = req.displayName ?? path.basename(req.path);
  if (!fs.existsSync(req.path)) throw new ImportError(`Cannot read "${fileName}": the file does not exist.`);
  ctx?.progress(0, 'reading');
  const readerOptions = { encoding: req.options?.encoding, delimiter: req.options?.delimiter, sheet: req.options?.sheet };
  const inspection = await inspectFile(req.path, readerOptions).catch(wrapFileError);
  const db = openWorkspace(workspacePath, { nativeBinding });
  try {
    refuseDemoImport(db);
    const resolved = resolveMapping(db, inspection, req);
    const issues = validateMapping(resolved.mapping, inspection.headers);
    if (issues.length > 0) {
      throw new ImportError(
        `Cannot import "${fileName}": no usable columns for ${issues.map((i) => ('field' in i && i.field ? FIELD_LABELS[i.field as keyof typeof FIELD_LABELS] ?? i.field : '') + ' ' + i.message).join('; ')}.`,
      );
    }
    const vi = await voivodeships();
    const analysis = analyzeForImport(db, inspection, resolved, vi);
    if (analysis.coordinates.kind === 'undecided') throw new CoordinateOrderError(fileName, analysis.coordinates);
    if (analysis.decisions.coordinateKind === 'unknown' && inspection.sample.length > 0) {
      throw new ImportError(`Cannot import "${fileName}": none of the ${analysis.withCoordinates} sampled coordinate pairs is a WGS84 or EPSG:2180 position in Poland.`, analysis.coordinates.msg);
    }
    const territory = territoryShapes(db);
    const outsideAction = resolved.options.outsideTerritory ?? 'keep';
    const fileHash = await hashFile(req.path);
    const previous = db.prepare(`SELECT id, imported_at FROM imports WHERE file_hash = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`).get(fileHash) as
      | { id: number; imported_at: number }
      | undefined;
    const provenance = resolveProvenance(req, rememberedProvenance(db, resolved.preset?.name));
    const unknownCategories = new Map<string, number>();
    const rejections: ImportRejection[] = [];
    let rejected = 0;
    let rows = 0;
    const batches = batchSource({
      path: req.path,
      readerOptions: { ...readerOptions, format: inspection.format },
      mapping: resolved.mapping,
      decisions: analysis.decisions,
      normalizer: { dateObjectsAreUtc: inspection.format !== 'xlsx' },
      batchSize: BATCH,
      territory,
      outsideTerritory: outsideAction,
    });

    tuneImportConnection(db);
    // Another process (or window) writing the workspace: wait for it, saying so, up to the stated wait (then 'busy').
    await beginImmediate(db, { waitMs: jobWaitMs(), signal: ctx?.signal, onWaiting: (m) => ctx?.progress(0, m) });
    ctx?.throwIfCancelled();
    try {
      const emptyAtStart = (db.prepare('SELECT EXISTS(SELECT 1 FROM reports) AS e').get() as { e: number }).e === 0;
      // First load into an empty workspace: build the secondary indexes once at the end (a rollback restores them).
      if (emptyAtStart) dropBulkIndexes(db);
      const importId = createImport(db, {
        fileName,
        fileHash,
        sourceKind: inspection.format,
        provenance: provenance.text,
        provenanceKind: provenance.kind,
        mapping: { mapping: resolved.mapping, options: resolved.options, decisions: analysis.decisions, source: resolved.source },
      });
      // Imports from here on record what they change, so they can be undone (backend/import/undo.ts).
      db.prepare(`INSERT OR IGNORE INTO workspace_meta(key, value) VALUES ('undo.tracked-from', ?)`).run(String(importId));
      const upserter = createReportUpserter(db, importId, { emptyAtStart, districtOf: districtLookup(db), deferHistory: true });
      const quarantine = db.prepare(`INSERT INTO quarantine(import_id, file_name, row_number, field, reason, raw_json) VALUES (?, ?, ?, ?, ?, ?)`);
      let outside = 0;
      for await (const b of batches) {
        ctx?.throwIfCancelled();
        for (let k = 0; k < b.n; k++) outside += b.outsideTerritory[k];
        for (const j of b.rejections) {
          if (j.reason === 'outside-territory') outside++;
          rejected++;
          const r: ImportRejection = { row: j.row, field: j.field, column: j.column, reason: j.reason, message: j.message, value: j.value };
          if (rejections.length < MAX_REJECTIONS_IN_SUMMARY) rejections.push(r);
          quarantine.run(importId, fileName, j.row, j.column ?? j.field, `${j.reason}: ${j.message}`, j.record);
        }
        for (let k = 0; k < b.n; k++) {
          if (b.unknownCategory[k]) unknownCategories.set(b.category[k], (unknownCategories.get(b.category[k]) ?? 0) + 1);
        }
        upserter.upsertColumns(b);
        rows = b.rows;
        ctx?.progress(Math.min(0.98, b.bytesRead / (b.totalBytes || 1)), `${rows.toLocaleString('pl-PL')}`);
      }
      upserter.finishHistory();
      if (emptyAtStart) {
        ctx?.progress(0.99, 'indexing');
        rebuildBulkIndexes(db);
      }
      const counts = { ...upserter.counts, rejected };
      finishImport(db, importId, counts);
      if (req.savePresetAs) {
        // The axis order used is saved with the preset: the user saw it (and chose it where nothing decided), and
        // later files with the same header (scheduled imports) get it when nothing else decides.
        const kind = analysis.coordinates.kind;
        const axis = kind !== 'unknown' ? { axisOrder: axisOrderOf(kind) } : {};
        const { coordinateKind: _forced, ...kept } = resolved.options;
        savePreset(db, { name: req.savePresetAs, headerSignature: headerSignature(inspection.headers), mapping: resolved.mapping, options: { ...kept, ...axis } });
      }
      const presetUsed = req.savePresetAs ?? resolved.preset?.name;
      if (presetUsed) rememberProvenance(db, presetUsed, { kind: provenance.kind, text: provenance.text });
      const durationMs = performance.now() - started;
      const summary: ImportSummary = {
        importId,
        fileName,
        format: inspection.format,
        ...counts,
        nothingChanged: counts.inserted === 0 && counts.updated === 0,
        sameFileAs: previous ? { importId: previous.id, importedAt: previous.imported_at } : null,
        unknownCategories: [...unknownCategories].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count),
        rejections,
        mapping: resolved.mapping,
        mappingSource: resolved.source,
        presetName: resolved.preset?.name ?? req.savePresetAs ?? null,
        coordinateKind: analysis.decisions.coordinateKind,
        coordinate: { decidedBy: analysis.coordinates.decidedBy, msg: analysis.coordinates.msg, evidence: analysis.coordinates.evidence },
        warnings: analysis.warnings,
        territory: territory.length === 0 ? null : {
          action: outsideAction,
          outside,
          msg: outside === 0 ? msg('territory.import.allInside') : outsideAction === 'quarantine' ? msg('territory.import.quarantined', { n: outside }) : msg('territory.import.kept', { n: outside }),
        },
        rows,
        durationMs,
        rowsPerSecond: rows / (durationMs / 1000),
        provenanceKind: provenance.kind,
        provenance: provenance.text,
      };
      db.prepare('UPDATE imports SET duration_ms = ?, summary_json = ? WHERE id = ?').run(
        Math.round(durationMs),
        JSON.stringify({ ...summary, rejections: summary.rejections.slice(0, 50) }),
        importId,
      );
      ctx?.throwIfCancelled();
      db.exec('COMMIT');
      ctx?.progress(1, 'done');
      return summary;
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      await batches.return(undefined);
      throw e;
    }
  } finally {
    db.close();
  }
}

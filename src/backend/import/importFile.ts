import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  analyzeSample,
  headerSignature,
  validateMapping,
  FIELD_LABELS,
  describeCoordinateKind,
  parseNumber,
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
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { openWorkspace, type Db } from '../store/workspace';
import { createImport, createReportUpserter, dropBulkIndexes, finishImport, rebuildBulkIndexes } from '../store/reports';
import { presetByName, presetForSignature, savePreset } from './presets';
import { districtLookup } from '../districts/assignment';
import { fromPuwg92 } from '../../core/domain/crs';

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
  /** Where the export came from (public map, police system, …). */
  provenance?: string;
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
  coordinateExplanation: string;
  warnings: string[];
  rows: number;
  durationMs: number;
  rowsPerSecond: number;
}

export interface ImportProgress {
  progress(fraction: number, message?: string): void;
  throwIfCancelled(): void;
}

/** An import that cannot start: the file is unreadable or has no usable columns. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
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
  options: ImportOptions;
  source: ImportSummary['mappingSource'];
  preset: MappingPreset | null;
}

/** Choose the mapping: explicit > named preset > preset saved for this header signature > automatic. */
export function resolveMapping(db: Db, inspection: FileInspection, req: Pick<ImportRequest, 'mapping' | 'options' | 'presetName'>): ResolvedMapping {
  if (req.mapping) return { mapping: req.mapping, options: req.options ?? {}, source: 'explicit', preset: null };
  if (req.presetName) {
    const p = presetByName(db, req.presetName);
    if (!p) throw new ImportError(`No saved column mapping named "${req.presetName}".`);
    return { mapping: p.mapping, options: { ...p.options, ...req.options }, source: 'preset', preset: p };
  }
  const bySig = presetForSignature(db, headerSignature(inspection.headers));
  if (bySig) return { mapping: bySig.mapping, options: { ...bySig.options, ...req.options }, source: 'signature-preset', preset: bySig };
  return { mapping: inspection.proposal.mapping, options: req.options ?? {}, source: 'automatic', preset: null };
}

/**
 * Tie-break for EPSG:2180 files whose axis order the ranges cannot tell: count sample points that
 * fall in the workspace's area (bounding box of its beats and reports, padded ~10 km) read each way.
 */
export function decideByWorkspaceArea(
  db: Db,
  records: readonly RawRecord[],
  mapping: Mapping,
  decimalComma: boolean,
): { kind: 'puwg92' | 'puwg92-swapped'; explanation: string } | null {
  const box = db
    .prepare(
      `SELECT min(a) AS minLon, min(b) AS minLat, max(c) AS maxLon, max(d) AS maxLat FROM (
         SELECT min(lon) AS a, min(lat) AS b, max(lon) AS c, max(lat) AS d FROM reports
         UNION ALL SELECT min(min_lon), min(min_lat), max(max_lon), max(max_lat) FROM districts)`,
    )
    .get() as { minLon: number | null; minLat: number | null; maxLon: number | null; maxLat: number | null };
  if (box.minLon == null || box.minLat == null || box.maxLon == null || box.maxLat == null) return null;
  const pad = 0.15;
  const inside = (lon: number, lat: number) => lon >= box.minLon! - pad && lon <= box.maxLon! + pad && lat >= box.minLat! - pad / 1.6 && lat <= box.maxLat! + pad / 1.6;
  if (!mapping.x || !mapping.y) return null;
  let straight = 0;
  let swapped = 0;
  for (const r of records) {
    const a = parseNumber(r[mapping.x], decimalComma);
    const b = parseNumber(r[mapping.y], decimalComma);
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const [lon1, lat1] = fromPuwg92(a, b);
    const [lon2, lat2] = fromPuwg92(b, a);
    if (inside(lon1, lat1)) straight++;
    if (inside(lon2, lat2)) swapped++;
  }
  if (straight === swapped || Math.max(straight, swapped) < 2 * Math.min(straight, swapped)) return null;
  const kind = straight > swapped ? 'puwg92' : 'puwg92-swapped';
  return {
    kind,
    explanation: `${describeCoordinateKind(kind)}: ${Math.max(straight, swapped)} sampled points fall in this workspace's area read this way, ${Math.min(straight, swapped)} the other way (both orders fit Poland, no TERYT decided).`,
  };
}

const workerBootstrap = fileURLToPath(new URL('./worker-bootstrap.mjs', import.meta.url));

/**
 * Normalised batches of the file: from a worker thread (parsing runs on the other core while this
 * thread writes to SQLite), or inline where no worker can be started (bundled builds, REJON_IMPORT_INLINE=1).
 */
export async function* batchSource(job: BatchJob): AsyncGenerator<RowBatch, void, undefined> {
  if (!fs.existsSync(workerBootstrap) || process.env.REJON_IMPORT_INLINE === '1') {
    const vi = await voivodeships();
    yield* rowBatches({ ...job, normalizer: { ...job.normalizer, voivodeships: vi } });
    return;
  }
  const worker = new Worker(workerBootstrap);
  const queue: ({ type: 'batch'; batch: RowBatch } | { type: 'end' } | { type: 'error'; message: string })[] = [];
  let notify: (() => void) | null = null;
  const push = (m: (typeof queue)[number]) => {
    queue.push(m);
    notify?.();
    notify = null;
  };
  worker.on('message', push);
  worker.on('error', (e) => push({ type: 'error', message: e.message }));
  worker.on('exit', (code) => { if (code !== 0) push({ type: 'error', message: `import worker stopped (exit ${code})` }); });
  worker.postMessage({ type: 'start', job: { ...job, voivodeships: readResourceJson<PolygonFeatureCollection>('boundaries', 'wojewodztwa-min.geojson') } });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((r) => (notify = r));
      const m = queue.shift()!;
      if (m.type === 'end') return;
      if (m.type === 'error') throw new ImportError(m.message);
      worker.postMessage({ type: 'ack' });
      yield m.batch;
    }
  } finally {
    await worker.terminate();
  }
}

/** Settings of the import's own connection, before its transaction begins. */
export function tuneImportConnection(db: Db): void {
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  // Index builds after a first load may sort on a helper thread.
  db.pragma('threads = 2');
  // This connection only writes rows whose references it made itself in this transaction (the import
  // record, districts looked up under the write lock, history of its own rows), so the per-row
  // foreign-key lookups (three per report) are skipped. Other connections keep the checks.
  db.pragma('foreign_keys = OFF');
}

function wrapFileError(e: unknown): never {
  if (e instanceof ImportFileError) throw new ImportError(e.message);
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
    const resolved = resolveMapping(db, inspection, req);
    const issues = validateMapping(resolved.mapping, inspection.headers);
    if (issues.length > 0) {
      throw new ImportError(
        `Cannot import "${fileName}": no usable columns for ${issues.map((i) => ('field' in i && i.field ? FIELD_LABELS[i.field as keyof typeof FIELD_LABELS] ?? i.field : '') + ' ' + i.message).join('; ')}.`,
      );
    }
    const vi = await voivodeships();
    const sampleRecords = inspection.sample.map((r) => r.record);
    let analysis = analyzeSample(sampleRecords, resolved.mapping, {
      voivodeships: vi, coordinateKind: resolved.options.coordinateKind, decimalComma: resolved.options.decimalComma, declaredCrs: inspection.geometryCrs,
    });
    if (analysis.coordinates.decidedBy === 'default') {
      // Both axis orders fit Poland and no TERYT decided: the workspace's own area (its beats and
      // earlier reports) tells where this command's reports are.
      const byContext = decideByWorkspaceArea(db, sampleRecords, resolved.mapping, analysis.decisions.decimalComma);
      if (byContext) {
        analysis = analyzeSample(sampleRecords, resolved.mapping, {
          voivodeships: vi, coordinateKind: byContext.kind, decimalComma: resolved.options.decimalComma, declaredCrs: inspection.geometryCrs,
        });
        analysis.coordinates.explanation = byContext.explanation;
      }
    }
    if (analysis.decisions.coordinateKind === 'unknown' && inspection.sample.length > 0) {
      throw new ImportError(`Cannot import "${fileName}": ${analysis.coordinates.explanation}`);
    }
    const fileHash = await hashFile(req.path);
    const previous = db.prepare(`SELECT id, imported_at FROM imports WHERE file_hash = ? ORDER BY id DESC LIMIT 1`).get(fileHash) as
      | { id: number; imported_at: number }
      | undefined;
    const unknownCategories = new Map<string, number>();
    const rejections: ImportRejection[] = [];
    let rejected = 0;
    let rows = 0;
    const batches = batchSource({
      path: req.path,
      readerOptions,
      mapping: resolved.mapping,
      decisions: analysis.decisions,
      normalizer: { dateObjectsAreUtc: inspection.format !== 'xlsx' },
      batchSize: BATCH,
    });

    tuneImportConnection(db);
    db.exec('BEGIN IMMEDIATE');
    try {
      const emptyAtStart = (db.prepare('SELECT EXISTS(SELECT 1 FROM reports) AS e').get() as { e: number }).e === 0;
      // First load into an empty workspace: build the secondary indexes once at the end (a rollback restores them).
      if (emptyAtStart) dropBulkIndexes(db);
      const importId = createImport(db, {
        fileName,
        fileHash,
        sourceKind: inspection.format,
        provenance: req.provenance ?? null,
        mapping: { mapping: resolved.mapping, options: resolved.options, decisions: analysis.decisions, source: resolved.source },
      });
      const upserter = createReportUpserter(db, importId, { emptyAtStart, districtOf: districtLookup(db), deferHistory: true });
      const quarantine = db.prepare(`INSERT INTO quarantine(import_id, file_name, row_number, field, reason, raw_json) VALUES (?, ?, ?, ?, ?, ?)`);
      for await (const b of batches) {
        ctx?.throwIfCancelled();
        for (const j of b.rejections) {
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
        savePreset(db, { name: req.savePresetAs, headerSignature: headerSignature(inspection.headers), mapping: resolved.mapping, options: resolved.options });
      }
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
        coordinateExplanation: analysis.coordinates.explanation,
        warnings: analysis.warnings,
        rows,
        durationMs,
        rowsPerSecond: rows / (durationMs / 1000),
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

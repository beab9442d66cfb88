/**
 * Reading + normalising a file, producing compact batches: typed arrays for numbers and codes, string
 * arrays for text. Runs in the import worker thread (so parsing and SQLite writes use both cores) or,
 * where no worker can be started, inline.
 */
import {
  createRowNormalizer,
  type FileDecisions,
  type Mapping,
  type NormalizerOptions,
  type RawRecord,
  type RejectionReason,
} from '../../core/import';
import { openReader, type ReaderOptions } from './readers';

export interface RowBatch {
  /** Accepted rows. Null numbers are NaN. */
  n: number;
  rowNumber: Int32Array;
  createdAt: Float64Array;
  eventAt: Float64Array;
  modifiedAt: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  x2180: Float64Array;
  y2180: Float64Array;
  categoryCode: Uint8Array;
  statusCode: Uint8Array;
  sourceId: string[];
  /** Canonical or raw category name. */
  category: string[];
  status: string[];
  teryt: (string | null)[];
  description: (string | null)[];
  unit: (string | null)[];
  beat: (string | null)[];
  officer: (string | null)[];
  unknownCategory: Uint8Array;
  rejections: { row: number; field: string; column: string | null; reason: RejectionReason | 'read-error'; message: string; value: string | null; record: string }[];
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

export interface BatchJob {
  path: string;
  readerOptions: ReaderOptions;
  mapping: Mapping;
  decisions: FileDecisions;
  normalizer: NormalizerOptions;
  batchSize: number;
}

function recordJson(record: RawRecord): string {
  return JSON.stringify(record, (_k, v) => (v instanceof Date ? v.toISOString() : v));
}

/** Read and normalise the whole file as batches. `waitFor` lets the consumer apply back-pressure. */
export async function* rowBatches(job: BatchJob): AsyncGenerator<RowBatch, void, undefined> {
  const normalize = createRowNormalizer(job.mapping, job.decisions, job.normalizer);
  const reader = await openReader(job.path, job.readerOptions);
  let rows = 0;
  try {
    for await (const raw of reader.batches(job.batchSize)) {
      const m = raw.length;
      const b: RowBatch = {
        n: 0,
        rowNumber: new Int32Array(m), createdAt: new Float64Array(m), eventAt: new Float64Array(m), modifiedAt: new Float64Array(m),
        lon: new Float64Array(m), lat: new Float64Array(m), x2180: new Float64Array(m), y2180: new Float64Array(m),
        categoryCode: new Uint8Array(m), statusCode: new Uint8Array(m), unknownCategory: new Uint8Array(m),
        sourceId: [], category: [], status: [], teryt: [], description: [], unit: [], beat: [], officer: [],
        rejections: [], rows: 0, bytesRead: 0, totalBytes: reader.totalBytes,
      };
      for (const row of raw) {
        rows++;
        if (row.issue) {
          b.rejections.push({ row: row.rowNumber, field: 'row', column: row.issue.column, reason: 'read-error', message: row.issue.message, value: null, record: recordJson(row.record) });
          continue;
        }
        const res = normalize(row.record);
        if (!res.ok) {
          const j = res.rejection;
          b.rejections.push({ row: row.rowNumber, field: j.field, column: j.column, reason: j.reason, message: j.message, value: j.value, record: recordJson(row.record) });
          continue;
        }
        const r = res.report;
        const k = b.n++;
        b.rowNumber[k] = row.rowNumber;
        b.createdAt[k] = r.createdAt;
        b.eventAt[k] = r.eventAt ?? NaN;
        b.modifiedAt[k] = r.modifiedAt ?? NaN;
        b.lon[k] = r.lon;
        b.lat[k] = r.lat;
        const rx = r as unknown as { x2180?: number; y2180?: number };
        b.x2180[k] = rx.x2180 ?? NaN;
        b.y2180[k] = rx.y2180 ?? NaN;
        b.categoryCode[k] = r.categoryCode;
        b.statusCode[k] = r.statusCode;
        b.unknownCategory[k] = r.unknownCategory ? 1 : 0;
        b.sourceId.push(r.sourceId);
        b.category.push(r.category);
        b.status.push(r.status);
        b.teryt.push(r.teryt);
        b.description.push(r.description);
        b.unit.push(r.unit);
        b.beat.push(r.beat);
        b.officer.push(r.officer);
      }
      b.rows = rows;
      b.bytesRead = reader.bytesRead();
      yield b;
    }
  } finally {
    await reader.close();
  }
}

/** Typed-array buffers of a batch, to transfer (not copy) between threads. */
export function transferables(b: RowBatch): ArrayBuffer[] {
  return [b.rowNumber, b.createdAt, b.eventAt, b.modifiedAt, b.lon, b.lat, b.x2180, b.y2180, b.categoryCode, b.statusCode, b.unknownCategory].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

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
import { toPuwg92 } from '../../core/domain/crs';
import { buildTerritoryIndex, type TerritoryShape } from '../../core/territory/area';
import { verifiedAtOnFirstSight } from '../../core/domain/statuses';
import { warsawHourWeekday } from '../../core/domain/time';
import { openReader, type ReaderOptions } from './readers';
import type { IncomingColumns } from '../store/reports';

/** Accepted rows as columns (null numbers are NaN; category is the canonical or raw name), plus what was rejected. */
export interface RowBatch extends IncomingColumns {
  outsideTerritory: Uint8Array;
  rowNumber: Int32Array;
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
  /** The workspace's territory (WGS84 parts with their source, for the tolerance); absent = none. */
  territory?: TerritoryShape[];
  /** Rows outside the territory: flagged (default) or rejected into quarantine. */
  outsideTerritory?: 'keep' | 'quarantine';
}

function recordJson(record: RawRecord): string {
  return JSON.stringify(record, (_k, v) => (v instanceof Date ? v.toISOString() : v));
}

/** Read and normalise the whole file as batches. `waitFor` lets the consumer apply back-pressure. */
export async function* rowBatches(job: BatchJob): AsyncGenerator<RowBatch, void, undefined> {
  const normalize = createRowNormalizer(job.mapping, job.decisions, job.normalizer);
  const territory = job.territory && job.territory.length > 0 ? buildTerritoryIndex(job.territory) : null;
  const quarantineOutside = job.outsideTerritory === 'quarantine';
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
        hour: new Uint8Array(m), weekday: new Uint8Array(m), verifiedAt: new Float64Array(m), outsideTerritory: new Uint8Array(m),
        sourceId: [], category: [], status: [], teryt: [], description: [], unit: [], beat: [], officer: [],
        rejections: [], rows: 0, bytesRead: 0, totalBytes: reader.totalBytes,
      };
      for (const row of raw) {
        rows++;
        if (row.issue) {
          b.rejections.push({ row: row.rowNumber, field: 'row', column: row.issue.column, reason: row.issue.reason ?? 'read-error', message: row.issue.message, value: null, record: recordJson(row.record) });
          continue;
        }
        const res = normalize(row.record);
        if (!res.ok) {
          const j = res.rejection;
          b.rejections.push({ row: row.rowNumber, field: j.field, column: j.column, reason: j.reason, message: j.message, value: j.value, record: recordJson(row.record) });
          continue;
        }
        const r = res.report;
        const outside = territory !== null && !territory.contains(r.lon, r.lat, r.x2180, r.y2180);
        if (outside && quarantineOutside) {
          b.rejections.push({
            row: row.rowNumber, field: 'x', column: job.mapping.x ?? null, reason: 'outside-territory',
            message: `point outside the command territory (${r.lat.toFixed(5)} N, ${r.lon.toFixed(5)} E${territory.toleranceM > 0 ? `, more than ${territory.toleranceM} m from its border` : ''})`,
            value: `${r.lat.toFixed(6)} ${r.lon.toFixed(6)}`, record: recordJson(row.record),
          });
          continue;
        }
        const k = b.n++;
        b.outsideTerritory[k] = outside ? 1 : 0;
        b.rowNumber[k] = row.rowNumber;
        b.createdAt[k] = r.createdAt;
        b.eventAt[k] = r.eventAt ?? NaN;
        b.modifiedAt[k] = r.modifiedAt ?? NaN;
        b.lon[k] = r.lon;
        b.lat[k] = r.lat;
        const rx = r as unknown as { x2180?: number; y2180?: number };
        if (rx.x2180 !== undefined && rx.y2180 !== undefined) {
          b.x2180[k] = rx.x2180;
          b.y2180[k] = rx.y2180;
        } else {
          const [x, y] = toPuwg92(r.lon, r.lat);
          b.x2180[k] = x;
          b.y2180[k] = y;
        }
        const [hour, weekday] = warsawHourWeekday(r.createdAt);
        b.hour[k] = hour;
        b.weekday[k] = weekday;
        b.verifiedAt[k] = verifiedAtOnFirstSight(r.statusCode, r.modifiedAt, r.createdAt) ?? NaN;
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
  return [b.rowNumber, b.createdAt, b.eventAt, b.modifiedAt, b.lon, b.lat, b.x2180, b.y2180, b.categoryCode, b.statusCode, b.unknownCategory,
    b.hour, b.weekday, b.verifiedAt, b.outsideTerritory].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

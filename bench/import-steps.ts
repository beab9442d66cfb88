// One measured step of the import benchmark, run in its own process: prints a JSON line.
import fs from 'node:fs';
import Papa from 'papaparse';
import { Transform } from 'node:stream';
import { importFile, tuneImportConnection } from '../src/backend/import/importFile';
import { openWorkspace } from '../src/backend/store/workspace';
import { powiatParts, setTerritory } from '../src/backend/store/territory';
import { createImport, createReportUpserter, dropBulkIndexes, finishImport, rebuildBulkIndexes, type IncomingColumns } from '../src/backend/store/reports';

let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

/** Baseline: papaparse streaming the same file (decoded from windows-1250), counting records. */
async function parse(file: string) {
  const t0 = performance.now();
  const decoder = new TextDecoder('windows-1250');
  const decode = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, decoder.decode(chunk, { stream: true }));
    },
    flush(cb) {
      cb(null, decoder.decode());
    },
  });
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(decode);
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(stream as unknown as File, {
      delimiter: ';',
      chunk: (res: Papa.ParseResult<string[]>) => void (rows += res.data.length),
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
  return { rows: rows - 1, ms: performance.now() - t0 };
}

/**
 * Floor: the SQLite work of a first import alone. The rows of an imported workspace are read into
 * memory as the worker's column batches, then written to a fresh workspace the way importFile does
 * (one transaction, multi-row inserts, history, index build, commit, close). No file, no parsing.
 */
function sqliteOnly(from: string, to: string) {
  const src = openWorkspace(from, { readonly: true });
  const batches: IncomingColumns[] = [];
  const rows = src.prepare(`SELECT source_id, category, category_code, status, status_code, created_at, event_at, modified_at, hour, weekday,
    lon, lat, x2180, y2180, teryt, description, unit, beat, officer, verified_at FROM reports ORDER BY id`).raw(true).all() as unknown[][];
  src.close();
  const B = 4000;
  for (let s = 0; s < rows.length; s += B) {
    const m = Math.min(B, rows.length - s);
    const c: IncomingColumns = {
      n: m, sourceId: [], category: [], categoryCode: new Uint8Array(m), status: [], statusCode: new Uint8Array(m),
      createdAt: new Float64Array(m), eventAt: new Float64Array(m), modifiedAt: new Float64Array(m), hour: new Uint8Array(m),
      weekday: new Uint8Array(m), verifiedAt: new Float64Array(m), lon: new Float64Array(m), lat: new Float64Array(m),
      x2180: new Float64Array(m), y2180: new Float64Array(m), teryt: [], description: [], unit: [], beat: [], officer: [],
    };
    for (let k = 0; k < m; k++) {
      const r = rows[s + k] as [string, string, number, string, number, number, number | null, number | null, number, number,
        number, number, number, number, string | null, string | null, string | null, string | null, string | null, number | null];
      c.sourceId.push(r[0]); c.category.push(r[1]); c.categoryCode[k] = r[2]; c.status.push(r[3]); c.statusCode[k] = r[4];
      c.createdAt[k] = r[5]; c.eventAt[k] = r[6] ?? NaN; c.modifiedAt[k] = r[7] ?? NaN; c.hour[k] = r[8]; c.weekday[k] = r[9];
      c.lon[k] = r[10]; c.lat[k] = r[11]; c.x2180[k] = r[12]; c.y2180[k] = r[13];
      c.teryt.push(r[14]); c.description.push(r[15]); c.unit.push(r[16]); c.beat.push(r[17]); c.officer.push(r[18]); c.verifiedAt[k] = r[19] ?? NaN;
    }
    batches.push(c);
  }
  rows.length = 0;
  openWorkspace(to, { create: true }).close();
  const t0 = performance.now();
  const db = openWorkspace(to);
  tuneImportConnection(db);
  db.exec('BEGIN IMMEDIATE');
  dropBulkIndexes(db);
  const importId = createImport(db, { fileName: 'floor', fileHash: null, sourceKind: 'bench', provenance: null, mapping: null });
  const upserter = createReportUpserter(db, importId, { emptyAtStart: true, deferHistory: true });
  for (const c of batches) upserter.upsertColumns(c);
  const tInsert = performance.now();
  upserter.finishHistory();
  rebuildBulkIndexes(db);
  const tIndex = performance.now();
  finishImport(db, importId, { ...upserter.counts, rejected: 0 });
  db.exec('COMMIT');
  db.close();
  const ms = performance.now() - t0;
  return { rows: upserter.counts.inserted, ms, insertMs: tInsert - t0, historyIndexMs: tIndex - tInsert, commitMs: performance.now() - tIndex };
}

const [mode, file, ws] = process.argv.slice(2);
let result: Record<string, number>;
if (mode === 'parse') {
  result = await parse(file);
} else if (mode === 'sqlite') {
  result = sqliteOnly(file, ws);
} else {
  if (!fs.existsSync(ws)) {
    const db = openWorkspace(ws, { create: true });
    // 'import-territory': the KMP Piotrków territory, so every row goes through the territory test
    if (mode === 'import-territory') setTerritory(db, powiatParts(['powiat piotrkowski', 'powiat Piotrków Trybunalski']));
    db.close();
  }
  // Wall time around the whole call: includes the commit and closing the connection (the WAL checkpoint).
  const t0 = performance.now();
  const s = await importFile(ws, { path: file });
  result = { rows: s.rows, ms: performance.now() - t0, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, outside: s.territory?.outside ?? -1 };
}
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
// The kernel's high-water mark also sees peaks while the event loop is busy (the sampler above cannot run then).
let hwm = 0;
try {
  hwm = Number(/VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
} catch {
  /* not Linux */
}
console.log(JSON.stringify({ ...result, peakRssMb: Math.max(peak, hwm) / 1e6 }));

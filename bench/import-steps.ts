// One measured step of the import benchmark, run in its own process: prints a JSON line.
import fs from 'node:fs';
import Papa from 'papaparse';
import { Transform } from 'node:stream';
import { importFile } from '../src/backend/import/importFile';
import { openWorkspace } from '../src/backend/store/workspace';

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

const [mode, file, ws] = process.argv.slice(2);
let result: Record<string, number>;
if (mode === 'parse') {
  result = await parse(file);
} else {
  if (!fs.existsSync(ws)) openWorkspace(ws, { create: true }).close();
  const s = await importFile(ws, { path: file });
  result = { rows: s.rows, ms: s.durationMs, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected };
}
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ ...result, peakRssMb: peak / 1e6 }));

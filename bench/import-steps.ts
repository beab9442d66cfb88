// One measured step of the import benchmark, run in its own process: prints a JSON line.
import fs from 'node:fs';
import Papa from 'papaparse';
import { importFile } from '../src/backend/import/importFile';
import { openWorkspace } from '../src/backend/store/workspace';

let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

async function parse(file: string) {
  const t0 = performance.now();
  const decoder = new TextDecoder('windows-1250');
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    let buffered = '';
    const parser = (chunk: string, last: boolean) => {
      buffered += chunk;
      // papaparse on complete records: parse what we have except a trailing partial line
      const cut = last ? buffered.length : buffered.lastIndexOf('\r\n');
      if (cut <= 0) return;
      const text = buffered.slice(0, cut);
      buffered = buffered.slice(cut);
      Papa.parse<string[]>(text, { delimiter: ';', step: () => void rows++ });
    };
    stream.on('data', (c) => parser(decoder.decode(c as Buffer, { stream: true }), false));
    stream.on('end', () => {
      parser(decoder.decode(), true);
      resolve();
    });
    stream.on('error', reject);
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

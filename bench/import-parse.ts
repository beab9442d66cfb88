/**
 * Import parse benchmark: 1,000,000-row windows-1250 ';' CSV with EPSG:2180 coordinates (decimal comma),
 * Polish dates, descriptions with Polish letters, quotes, semicolons and line breaks.
 * Measures: bare papaparse streaming parse (same file, same decoding, arrays, no header) in rows/s;
 * Rejon reader + normaliser (inspect sample, analyse, full pass) in rows/s; peak RSS per phase.
 *
 *   node --import tsx bench/import-parse.ts [rows]
 */

import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { CATEGORIES } from '../src/core/domain/categories';
import { STATUSES } from '../src/core/domain/statuses';
import { toPuwg92 } from '../src/core/domain/crs';
import { formatWarsawPolish } from '../src/core/domain/time';
import { analyzeSample, buildVoivodeshipIndex, createRowNormalizer, type PolygonFeatureCollection } from '../src/core/import';
import { inspectFile, openReader } from '../src/backend/import/readers';
import { mulberry32 } from '../src/core/analysis/random';

type Log = (line: string) => void;

const DESCRIPTIONS = [
  'Młodzież spożywa alkohol na ławkach przy placu zabaw, głośno się zachowują',
  'Samochody parkują na chodniku; piesi muszą schodzić na jezdnię',
  'Kierowcy przekraczają prędkość "na prostej" przy szkole',
  'Źle ustawiony znak; wjazd od ul. Słowackiego\nzasłonięty przez gałęzie',
  'Bezpańskie psy przy śmietniku, zaczepiają przechodniów. Zgłaszająca: „pani Zofia”',
  'Dzikie wysypisko za garażami – opony, gruz; ktoś pali śmieci',
  '',
];

function csvField(s: string): string {
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const rng = mulberry32;

/**
 * The benchmark file. With `newer`, the same reports a month later: every status moved on and a later
 * modification time (a re-import then updates every row).
 */
export async function generateBenchCsv(file: string, rows: number, options: { newer?: boolean } = {}): Promise<void> {
  const out = createWriteStream(file);
  const rnd = rng(42);
  const [e0, n0] = toPuwg92(19.703, 51.4053);
  const t0 = Date.UTC(2023, 0, 1);
  const header = 'Nr zgłoszenia;Kategoria;Status;Data utworzenia;Data zdarzenia;Data modyfikacji;X;Y;TERYT;Opis;Jednostka;Rejon;Dzielnicowy\r\n';
  let buf = header;
  const fmt = (x: number) => x.toFixed(2).replace('.', ',');
  for (let i = 0; i < rows; i++) {
    const cat = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)].name;
    const si = Math.floor(rnd() * STATUSES.length);
    const st = STATUSES[options.newer ? (si + 1) % STATUSES.length : si].name;
    const created = t0 + Math.floor(rnd() * 3 * 365 * 86400) * 1000;
    const event = rnd() < 0.5 ? formatWarsawPolish(created - 3600_000) : '';
    const modified = formatWarsawPolish(created + Math.floor(rnd() * 20 * 86400) * 1000 + (options.newer ? 30 * 86_400_000 : 0));
    const e = e0 + (rnd() - 0.5) * 30000;
    const n = n0 + (rnd() - 0.5) * 30000;
    const desc = DESCRIPTIONS[i % DESCRIPTIONS.length];
    buf += `${1000000 + i};${cat};${st};${formatWarsawPolish(created)};${event};${modified};${fmt(e)};${fmt(n)};${rnd() < 0.7 ? '1062011' : '1010052'};${csvField(desc)};KMP Piotrków Trybunalski;Rejon ${1 + (i % 12)};st. sierż. Jan Kowalski\r\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(iconv.encode(buf, 'win1250'))) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(iconv.encode(buf, 'win1250'));
  out.end();
  await once(out, 'finish');
}

function rssMb(): number {
  return process.memoryUsage.rss() / 1048576;
}

async function barePapa(file: string): Promise<{ rows: number; ms: number; peakRss: number }> {
  let peak = rssMb();
  const t = performance.now();
  const decoder = new TextDecoder('windows-1250');
  const decode = new Transform({
    transform(chunk: Buffer, _enc, cb) { cb(null, decoder.decode(chunk, { stream: true })); },
    flush(cb) { cb(null, decoder.decode()); },
  });
  const stream = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(decode);
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[], NodeJS.ReadableStream>(stream as unknown as NodeJS.ReadableStream, {
      delimiter: ';',
      chunk(res: Papa.ParseResult<string[]>) { rows += res.data.length; const r = rssMb(); if (r > peak) peak = r; },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
  return { rows: rows - 1, ms: performance.now() - t, peakRss: peak };
}

function findVoivodeships(): PolygonFeatureCollection | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const p of [path.resolve(here, '../resources/boundaries/wojewodztwa-min.geojson'), path.resolve(here, '../../shared/data/boundaries/wojewodztwa-min.geojson')]) {
    if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')) as PolygonFeatureCollection;
  }
  return undefined;
}

async function rejonImport(file: string, log: Log): Promise<{ rows: number; ok: number; rejected: number; ms: number; peakRss: number }> {
  let peak = rssMb();
  const t = performance.now();
  const fc = findVoivodeships();
  const voivodeships = fc ? buildVoivodeshipIndex(fc) : undefined;
  const info = await inspectFile(file, {}, 2000);
  const mapping = info.proposal.mapping;
  const analysis = analyzeSample(info.sample.map((r) => r.record), mapping, { voivodeships });
  log(`  detected: ${info.csv?.encoding.encoding} '${info.csv?.delimiter}' decimalComma=${analysis.decisions.decimalComma} coords=${analysis.decisions.coordinateKind} (${analysis.coordinates.decidedBy})`);
  const normalize = createRowNormalizer(mapping, analysis.decisions, { voivodeships });
  const reader = await openReader(file);
  let rows = 0, ok = 0, rejected = 0;
  let checksum = 0;
  for await (const batch of reader.batches(1000)) {
    for (let i = 0; i < batch.length; i++) {
      const r = normalize(batch[i].record);
      if (r.ok) { ok++; checksum += r.report.createdAt % 7; } else rejected++;
    }
    rows += batch.length;
    const m = rssMb();
    if (m > peak) peak = m;
  }
  await reader.close();
  if (checksum < 0) log('');
  return { rows, ok, rejected, ms: performance.now() - t, peakRss: peak };
}

export async function benchImportParse(log: Log = console.log, rows = 1_000_000): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rejon-bench-import-'));
  const file = path.join(dir, 'kmzb-1250.csv');
  try {
    let t = performance.now();
    await generateBenchCsv(file, rows);
    const size = (await stat(file)).size;
    log(`import-parse: generated ${rows.toLocaleString('en')} rows, ${(size / 1048576).toFixed(1)} MB windows-1250 in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const base = rssMb();
    log(`  RSS before parsing: ${base.toFixed(0)} MB`);
    // warm-up on both paths is not needed at 1M rows; run the bare parse first
    const bare = await barePapa(file);
    log(`  bare papaparse (stream, decode, arrays): ${bare.rows.toLocaleString('en')} rows in ${(bare.ms / 1000).toFixed(2)} s = ${Math.round(bare.rows / (bare.ms / 1000)).toLocaleString('en')} rows/s, peak RSS ${bare.peakRss.toFixed(0)} MB`);
    t = performance.now();
    const rj = await rejonImport(file, log);
    log(`  Rejon reader+normaliser: ${rj.rows.toLocaleString('en')} rows (${rj.ok.toLocaleString('en')} ok, ${rj.rejected} rejected) in ${(rj.ms / 1000).toFixed(2)} s = ${Math.round(rj.rows / (rj.ms / 1000)).toLocaleString('en')} rows/s, peak RSS ${rj.peakRss.toFixed(0)} MB`);
    log(`  ratio Rejon/bare time: ${(rj.ms / bare.ms).toFixed(2)}x; process maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    return {
      rows,
      fileMb: size / 1048576,
      bareRowsPerSec: bare.rows / (bare.ms / 1000),
      rejonRowsPerSec: rj.rows / (rj.ms / 1000),
      ratio: rj.ms / bare.ms,
      barePeakRssMb: bare.peakRss,
      rejonPeakRssMb: rj.peakRss,
      rejected: rj.rejected,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 1_000_000);
  benchImportParse(console.log, n).catch((e) => { console.error(e); process.exit(1); });
}

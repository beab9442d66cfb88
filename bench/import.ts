/**
 * Import benchmark (issue 3): a 1,000,000-row windows-1250 ';' CSV with EPSG:2180 coordinates,
 * imported into a fresh workspace end to end (read, normalise, upsert, history, quarantine, one
 * transaction), against papaparse parsing the same file alone in the same run.
 * Peak memory is measured in a separate child process per step, so the steps do not pollute each other.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBenchCsv } from './import-parse';

type Log = (line: string) => void;
const here = path.dirname(fileURLToPath(import.meta.url));

function child(script: string, args: string[]): Record<string, number> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], { encoding: 'utf8', cwd: path.join(here, '..') });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

export async function benchImport(log: Log, rows = 1_000_000): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-bench-import-'));
  try {
    const file = path.join(dir, 'export.csv');
    log(`import: generating ${rows.toLocaleString('en')} rows (windows-1250, ';', EPSG:2180)…`);
    await generateBenchCsv(file, rows);
    const mb = fs.statSync(file).size / 1e6;
    log(`import: file ${mb.toFixed(0)} MB`);
    const parse = child('import-steps.ts', ['parse', file]);
    log(`import: papaparse alone            ${(parse.ms / 1000).toFixed(2)} s  ${Math.round(parse.rows / (parse.ms / 1000)).toLocaleString('en')} rows/s  peak RSS ${parse.peakRssMb.toFixed(0)} MB`);
    const imp = child('import-steps.ts', ['import', file, path.join(dir, 'w.sqlite')]);
    log(`import: Rejon import (fresh ws)     ${(imp.ms / 1000).toFixed(2)} s  ${Math.round(imp.rows / (imp.ms / 1000)).toLocaleString('en')} rows/s  peak RSS ${imp.peakRssMb.toFixed(0)} MB  (inserted ${imp.inserted}, rejected ${imp.rejected})`);
    const terr = child('import-steps.ts', ['import-territory', file, path.join(dir, 'wt.sqlite')]);
    log(`import: with a territory (KMP)      ${(terr.ms / 1000).toFixed(2)} s  ${Math.round(terr.rows / (terr.ms / 1000)).toLocaleString('en')} rows/s  peak RSS ${terr.peakRssMb.toFixed(0)} MB  (outside the territory ${terr.outside}; ratio to the fresh import ${(terr.ms / imp.ms).toFixed(2)}x)`);
    const floor = child('import-steps.ts', ['sqlite', path.join(dir, 'w.sqlite'), path.join(dir, 'floor.sqlite')]);
    log(`import: SQLite writes alone (floor) ${(floor.ms / 1000).toFixed(2)} s  ${Math.round(floor.rows / (floor.ms / 1000)).toLocaleString('en')} rows/s  (rows ${(floor.insertMs / 1000).toFixed(2)} s, history + indexes ${(floor.historyIndexMs / 1000).toFixed(2)} s, commit + checkpoint ${(floor.commitMs / 1000).toFixed(2)} s; same rows, no file)`);
    const again = child('import-steps.ts', ['import', file, path.join(dir, 'w.sqlite')]);
    log(`import: same file again (upsert)    ${(again.ms / 1000).toFixed(2)} s  ${Math.round(again.rows / (again.ms / 1000)).toLocaleString('en')} rows/s  (unchanged ${again.unchanged})`);
    // a newer export of the same reports: every row changes status, so every row is updated and its earlier
    // state is recorded for undo (import_changes)
    const newer = path.join(dir, 'export-newer.csv');
    await generateBenchCsv(newer, rows, { newer: true });
    const upd = child('import-steps.ts', ['import', newer, path.join(dir, 'w.sqlite')]);
    log(`import: newer export (all updated)  ${(upd.ms / 1000).toFixed(2)} s  ${Math.round(upd.rows / (upd.ms / 1000)).toLocaleString('en')} rows/s  (updated ${upd.updated}, earlier rows recorded for undo)`);
    const ratio = imp.ms / parse.ms;
    log(`import: ratio import / bare parse = ${ratio.toFixed(2)}x (target <= 2x); import rate ${Math.round(imp.rows / (imp.ms / 1000)).toLocaleString('en')} rows/s (target >= 250,000)`);
    log(`import: ratio import / SQLite floor = ${(imp.ms / floor.ms).toFixed(2)}x; SQLite floor / bare parse = ${(floor.ms / parse.ms).toFixed(2)}x`);
    log(`import: peak RSS of the import (VmHWM, whole process incl. the parse worker) ${imp.peakRssMb.toFixed(0)} MB (target <= 400 MB; papaparse alone ${parse.peakRssMb.toFixed(0)} MB)`);
    return { parseMs: parse.ms, importMs: imp.ms, importTerritoryMs: terr.ms, sqliteFloorMs: floor.ms, reimportMs: again.ms, updateImportMs: upd.ms, ratio, importRowsPerSec: imp.rows / (imp.ms / 1000), peakRssMb: imp.peakRssMb };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

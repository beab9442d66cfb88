/**
 * End-to-end district benchmark on a workspace FILE: 1,000,000 reports (SQLite, WAL) + 200 Voronoi beats around
 * Piotrków Trybunalski. Times the full re-assignment `reassignReports(db)` inside one transaction (read lon/lat
 * columns, flatbush point-in-polygon, UPDATE of every changed row, commit), a one-beat edit through
 * `saveDistrict` (re-assigns only the affected box) and the per-beat statistics over 1M reports.
 *
 *   node --import tsx -e "import('./bench/districtsStore.ts').then(m => m.benchDistrictsStore(console.log))"
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Polygon } from 'geojson';
import { makeVoronoiDistricts } from './districts';
import { reassignReports } from '../src/backend/districts/assignment';
import { districtStats, saveDistrict } from '../src/backend/districts/service';
import { insertDistrict, listDistrictRows } from '../src/backend/store/districts';
import { createImport } from '../src/backend/store/reports';
import { openWorkspace } from '../src/backend/store/workspace';
import { toPuwg92 } from '../src/core/domain/crs';
import { warsawHourWeekday } from '../src/core/domain/time';
import { mulberry32 } from '../src/core/analysis/random';

const rng = mulberry32;

export interface DistrictStoreBenchResult {
  reports: number;
  districts: number;
  loadMs: number;
  fileMb: number;
  reassignFirstMs: number;
  reassignSecondMs: number;
  assigned: number;
  outside: number;
  editMs: number;
  editExamined: number;
  editChanged: number;
  statsMs: number;
}

export async function benchDistrictsStore(log: (msg: string) => void = console.log, N = 1_000_000): Promise<DistrictStoreBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-bench-districts-'));
  const file = path.join(dir, 'bench.sqlite');
  try {
    const db = openWorkspace(file, { create: true });
    const districts = makeVoronoiDistricts(200);
    const t0 = performance.now();
    db.transaction(() => {
      districts.forEach((d, i) => insertDistrict(db, { name: `Rejon ${i + 1}`, geometry: d.geometry }));
      const importId = createImport(db, { fileName: 'bench', fileHash: null, sourceKind: 'bench', provenance: null, mapping: null });
      const ins = db.prepare(`INSERT INTO reports(source_id, category, category_code, status, status_code, created_at, hour, weekday, lon, lat, x2180, y2180, import_id, first_import_id)
        VALUES (?, 'Akty wandalizmu', ?, 'Nowe', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const rand = rng(3);
      const from = Date.UTC(2024, 0, 1), span = 2 * 365 * 86_400_000;
      let b = [Infinity, Infinity, -Infinity, -Infinity];
      for (const d of districts) for (const p of (d.geometry as Polygon).coordinates[0]) b = [Math.min(b[0], p[0]), Math.min(b[1], p[1]), Math.max(b[2], p[0]), Math.max(b[3], p[1])];
      const padX = (b[2] - b[0]) * 0.02, padY = (b[3] - b[1]) * 0.02;
      for (let i = 0; i < N; i++) {
        const lon = b[0] - padX + (b[2] - b[0] + 2 * padX) * rand();
        const lat = b[1] - padY + (b[3] - b[1] + 2 * padY) * rand();
        const t = Math.floor(from + span * rand());
        const [h, w] = warsawHourWeekday(t);
        const [x, y] = toPuwg92(lon, lat);
        ins.run(`B${i}`, 1 + Math.floor(rand() * 24), 1 + Math.floor(rand() * 7), t, h, w, lon, lat, x, y, importId, importId);
      }
    })();
    const loadMs = performance.now() - t0;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fileMb = fs.statSync(file).size / 1e6;

    // 1st: every report gets a beat (1M UPDATEs); 2nd: nothing changes (read + assign + compare only)
    const t1 = performance.now();
    const r1 = db.transaction(() => reassignReports(db))();
    const reassignFirstMs = performance.now() - t1;
    const t2 = performance.now();
    db.transaction(() => reassignReports(db))();
    const reassignSecondMs = performance.now() - t2;

    // one-beat edit: shrink beat 100 towards its centroid by 20 % (re-assigns only its box)
    const row = listDistrictRows(db)[99];
    const ring = (row.geometry as Polygon).coordinates[0];
    const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length, cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    const shrunk: Polygon = { type: 'Polygon', coordinates: [ring.map((p) => [cx + 0.8 * (p[0] - cx), cy + 0.8 * (p[1] - cy)])] };
    const t3 = performance.now();
    const edit = saveDistrict(db, { id: row.id, name: row.name, geometry: shrunk });
    const editMs = performance.now() - t3;

    const t4 = performance.now();
    districtStats(db, { filter: { from: Date.UTC(2025, 0, 1), to: Date.UTC(2026, 0, 1) } });
    const statsMs = performance.now() - t4;
    db.close();

    const r: DistrictStoreBenchResult = {
      reports: N, districts: districts.length, loadMs, fileMb, reassignFirstMs, reassignSecondMs, assigned: r1.assigned, outside: r1.outside,
      editMs, editExamined: edit.examined, editChanged: edit.changed, statsMs,
    };
    log(`districts store: ${N.toLocaleString('en')} reports in a workspace file (${fileMb.toFixed(0)} MB, loaded in ${(loadMs / 1000).toFixed(1)} s) + ${districts.length} beats`);
    log(`  full re-assignment, 1st (all rows updated)  ${(reassignFirstMs / 1000).toFixed(2)} s  (${r1.assigned.toLocaleString('en')} in beats, ${r1.outside.toLocaleString('en')} outside)`);
    log(`  full re-assignment, 2nd (nothing changes)   ${(reassignSecondMs / 1000).toFixed(2)} s`);
    log(`  one-beat edit (saveDistrict)                ${editMs.toFixed(0)} ms (examined ${edit.examined.toLocaleString('en')}, changed ${edit.changed.toLocaleString('en')}, incl. neighbour validation)`);
    log(`  per-beat stats, 1 year of 2                 ${statsMs.toFixed(0)} ms`);
    return r;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Reports out for QGIS/ArcGIS: the GeoPackage is read back by GDAL (ogrinfo / ogr2ogr, the reader QGIS uses):
 * count, SRS EPSG:2180, every point within 1 mm of the stored EPSG:2180 position and, reprojected by PROJ, of the
 * stored WGS84 position; GeoJSON (RFC 7946) and CSV (formula escaping) content; descriptions only on request.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { createImport, createReportUpserter, finishImport } from '../../../../src/backend/store/reports';
import { warsawIso } from '../../../../src/backend/reports/export';
import { warsawDayStart } from '../../../../src/core/domain/time';
import { demoWorkspace } from '../../../helpers/demoWorkspace';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let backend: Backend;
let ws: string;

interface Stored { source_id: string; category: string; status: string; created_at: number; lon: number; lat: number; x2180: number; y2180: number; beat: string | null; description: string | null }

const FILTER = { from: warsawDayStart('2025-01-01'), to: warsawDayStart('2025-07-01'), categories: ['Akty wandalizmu', 'Spożywanie alkoholu w miejscach niedozwolonych', '=HYPERLINK("http://x")'] };

function stored(): Map<string, Stored> {
  const rows = backend.db
    .prepare(
      `SELECT r.source_id, r.category, r.status, r.created_at, r.lon, r.lat, r.x2180, r.y2180, d.name AS beat, r.description
       FROM reports r LEFT JOIN districts d ON d.id = r.district_id
       WHERE r.created_at >= ? AND r.created_at < ? AND r.category IN (?, ?, ?)`,
    )
    .all(FILTER.from, FILTER.to, ...FILTER.categories) as Stored[];
  return new Map(rows.map((r) => [r.source_id, r]));
}

function gdal(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  t = tmpDir('rejon-reports-out-');
  ws = demoWorkspace(t.dir);
  backend = new Backend(ws);
  // one report whose texts look like spreadsheet formulas
  const db = backend.db;
  const importId = createImport(db, { fileName: 'evil.csv', fileHash: null, sourceKind: 'kmzb-csv', provenanceKind: 'kmzb-police', provenance: null, mapping: null });
  const up = createReportUpserter(db, importId);
  up.upsert({
    sourceId: '@EVIL-1', category: '=HYPERLINK("http://x")', status: 'Nowe', createdAt: warsawDayStart('2025-03-10') + 3_600_000, eventAt: null, modifiedAt: null,
    lon: 19.7, lat: 51.4, teryt: null, description: '+48 600 100 200; "cytat"\nlinia',
  });
  finishImport(db, importId, { ...up.counts, rejected: 0 });
});
afterAll(async () => {
  await backend?.close();
  t?.cleanup();
});

describe('reports out', () => {
  it('writes a GeoPackage in EPSG:2180 that GDAL reads: count, SRS and every point within 1 mm', async () => {
    const expected = stored();
    expect(expected.size).toBeGreaterThan(100);
    const file = path.join(t.dir, 'zgloszenia.gpkg');
    fs.writeFileSync(file, await backend.api.exportReports({ filter: FILTER, format: 'gpkg' }));

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(0x47504b47);
    expect(raw.pragma('user_version', { simple: true })).toBe(10200);
    raw.close();

    const info = gdal('ogrinfo', ['-al', '-so', file]);
    expect(info).toContain('using driver `GPKG\' successful');
    expect(info).toMatch(/Geometry: Point/);
    expect(info).toContain(`Feature Count: ${expected.size}`);
    expect(info).toMatch(/ID\["EPSG",2180\]\]\s*$/m);
    expect(info).not.toMatch(/description:/);

    // every feature: coordinates as GDAL reads them (x = easting) against the stored EPSG:2180 position
    const csv = Papa.parse<Record<string, string>>(gdal('ogr2ogr', ['-f', 'CSV', '/vsistdout/', file, '-lco', 'GEOMETRY=AS_XY']), { header: true, skipEmptyLines: true }).data;
    expect(csv).toHaveLength(expected.size);
    for (const f of csv) {
      const s = expected.get(f.source_id)!;
      expect(s, f.source_id).toBeDefined();
      expect(Math.abs(Number(f.X) - s.x2180)).toBeLessThan(0.001);
      expect(Math.abs(Number(f.Y) - s.y2180)).toBeLessThan(0.001);
      expect([f.category, f.status, f.beat, f.created]).toEqual([s.category, s.status, s.beat ?? '', warsawIso(s.created_at)]);
      expect(f.source).toBe(f.source_id === '@EVIL-1' ? 'kmzb-police' : 'demo');
    }
    // PROJ reprojects the file to WGS84 onto the stored longitude/latitude (about 1 cm)
    const wgs = Papa.parse<Record<string, string>>(gdal('ogr2ogr', ['-f', 'CSV', '/vsistdout/', file, '-t_srs', 'EPSG:4326', '-lco', 'GEOMETRY=AS_XY']), { header: true, skipEmptyLines: true }).data;
    for (const f of wgs) {
      const s = expected.get(f.source_id)!;
      expect(Math.abs(Number(f.X) - s.lon)).toBeLessThan(1e-7);
      expect(Math.abs(Number(f.Y) - s.lat)).toBeLessThan(1e-7);
    }
    // with descriptions: the column is there (police-only)
    const withDesc = path.join(t.dir, 'z-opisami.gpkg');
    fs.writeFileSync(withDesc, await backend.api.exportReports({ filter: FILTER, format: 'gpkg', withDescriptions: true }));
    expect(gdal('ogrinfo', ['-al', '-so', withDesc])).toMatch(/description: String/);
    const evil = gdal('ogrinfo', ['-al', '-where', "source_id = '@EVIL-1'", withDesc]);
    expect(evil).toContain('description (String) = +48 600 100 200; "cytat"');
  });

  it('writes RFC 7946 GeoJSON in WGS84 with the report number, Warsaw time with offset and no descriptions by default', async () => {
    const expected = stored();
    const fc = JSON.parse(Buffer.from(await backend.api.exportReports({ filter: FILTER, format: 'geojson' })).toString('utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.crs).toBeUndefined();
    expect(fc.features).toHaveLength(expected.size);
    for (const f of fc.features) {
      const s = expected.get(f.properties.source_id)!;
      expect(f.geometry.type).toBe('Point');
      expect(Math.abs(f.geometry.coordinates[0] - s.lon)).toBeLessThan(1e-8);
      expect(Math.abs(f.geometry.coordinates[1] - s.lat)).toBeLessThan(1e-8);
      expect(f.properties.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+0[12]:00$/);
      expect(Date.parse(f.properties.created)).toBe(s.created_at);
      expect('description' in f.properties).toBe(false);
    }
    expect(warsawIso(Date.UTC(2025, 0, 15, 12, 0, 0))).toBe('2025-01-15T13:00:00+01:00');
    expect(warsawIso(Date.UTC(2025, 6, 15, 12, 0, 0, 250))).toBe('2025-07-15T14:00:00.250+02:00');
  });

  it('writes CSV with the project writer: BOM, ";", formula cells escaped, x/y in EPSG:2180', async () => {
    const expected = stored();
    const text = Buffer.from(await backend.api.exportReports({ filter: FILTER, format: 'csv', withDescriptions: true })).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(Object.keys(rows[0])).toEqual(['source_id', 'category', 'status', 'created', 'lon', 'lat', 'x', 'y', 'beat', 'source', 'description']);
    expect(rows).toHaveLength(expected.size);
    const evil = rows.find((r) => r.source_id === "'@EVIL-1")!;
    expect(evil).toMatchObject({ category: `'=HYPERLINK("http://x")`, description: `'+48 600 100 200; "cytat"\nlinia` });
    const one = rows.find((r) => r.source_id !== "'@EVIL-1")!;
    const s = expected.get(one.source_id)!;
    expect(Math.abs(Number(one.x) - s.x2180)).toBeLessThan(0.001);
    expect(Math.abs(Number(one.y) - s.y2180)).toBeLessThan(0.001);
  });
});

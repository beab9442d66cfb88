import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import { Backend } from '../../../../src/backend/backend';
import { dispatch } from '../../../../src/backend/api/dispatch';
import { reassignReports } from '../../../../src/backend/districts/assignment';
import { listDistrictRows } from '../../../../src/backend/store/districts';
import type { RejonApi } from '../../../../src/shared/contract';
import type { DistrictImportResult } from '../../../../src/shared/contract/districts';
import { createWorkspace, gridBeats, GRID, makeReports, to2180 } from '../../../helpers/districtWorkspace';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let backend: Backend | null = null;

beforeEach(() => {
  t = tmpDir('rejon-districts-');
});
afterEach(async () => {
  await backend?.close();
  backend = null;
  t.cleanup();
});

/** Call through the contract (zod validation as on every transport). */
function call<M extends keyof RejonApi>(method: M, input: Parameters<RejonApi[M]>[0]): ReturnType<RejonApi[M]> {
  return dispatch(backend!.api, method, input) as ReturnType<RejonApi[M]>;
}

function open(reports = 3000, withBeats = false): Backend {
  const file = path.join(t.dir, 'ws.sqlite');
  createWorkspace(file, makeReports({ n: reports, hotBeat: 6, hotShare: 0.3 }), withBeats ? gridBeats() : undefined).close();
  // These tests pass beat files by path, as the CLI does (transports accept only uploads and file grants).
  backend = new Backend(file, { trustedPaths: true });
  return backend;
}

function writeJson(name: string, value: unknown): string {
  const p = path.join(t.dir, name);
  fs.writeFileSync(p, JSON.stringify(value));
  return p;
}

async function runImport(input: Parameters<RejonApi['startDistrictImport']>[0]) {
  const { jobId } = await call('startDistrictImport', input);
  return backend!.jobs.wait(jobId);
}

/** Independent count: turf.booleanPointInPolygon against every stored beat, boundary points excluded. */
function independentCounts(b: Backend): { perBeat: Map<number, number>; outside: number } {
  const rows = listDistrictRows(b.db);
  const reports = b.db.prepare('SELECT lon, lat FROM reports').all() as { lon: number; lat: number }[];
  const perBeat = new Map<number, number>(rows.map((r) => [r.id, 0]));
  let outside = 0;
  for (const r of reports) {
    const hits = rows.filter((d) => turf.booleanPointInPolygon([r.lon, r.lat], d.geometry, { ignoreBoundary: true }));
    if (hits.length === 0) outside++;
    else perBeat.set(hits[0].id, perBeat.get(hits[0].id)! + 1);
  }
  return { perBeat, outside };
}

function storedCounts(b: Backend): { perBeat: Map<number, number>; outside: number } {
  const rows = b.db.prepare('SELECT district_id AS id, count(*) AS n FROM reports GROUP BY district_id').all() as { id: number | null; n: number }[];
  const perBeat = new Map<number, number>(listDistrictRows(b.db).map((r) => [r.id, 0]));
  let outside = 0;
  for (const r of rows) {
    if (r.id == null) outside = r.n;
    else perBeat.set(r.id, r.n);
  }
  return { perBeat, outside };
}

function snapshot(b: Backend): string {
  const d = b.db.prepare('SELECT id, name, officer, unit, geometry_json FROM districts ORDER BY id').all();
  const r = b.db.prepare('SELECT group_concat(coalesce(district_id, -1)) AS a FROM (SELECT district_id FROM reports ORDER BY id)').get();
  return JSON.stringify([d, r]);
}

describe('beat district import', () => {
  it('inspects and imports an EPSG:2180 GeoJSON; per-beat counts match an independent point-in-polygon count', async () => {
    const b = open(3000);
    const file = writeJson('rejony-2180.geojson', to2180(gridBeats()));
    const insp = await call('inspectDistrictFile', { source: { path: file } });
    expect(insp.crs).toBe('EPSG:2180');
    expect(insp.featureCount).toBe(12);
    expect(insp.fields).toEqual(['NAZWA', 'DZIELNICOWY', 'JEDNOSTKA']);
    expect(insp.suggested).toEqual({ nameField: 'NAZWA', officerField: 'DZIELNICOWY', unitField: 'JEDNOSTKA' });
    expect(insp.validation.ok).toBe(true);
    expect(insp.validation.topologyChecked).toBe(true);
    expect(insp.validation.overlaps).toEqual([]);
    expect(insp.validation.gaps).toEqual([]);

    const job = await runImport({ source: { path: file }, nameField: 'NAZWA', officerField: 'DZIELNICOWY', unitField: 'JEDNOSTKA', mode: 'replace' });
    expect(job.state).toBe('done');
    const result = job.result as DistrictImportResult;
    expect(result.districts).toBe(12);
    expect(result.assigned + result.outside).toBe(3000);
    const mine = storedCounts(b);
    const ref = independentCounts(b);
    expect(mine.outside).toBe(ref.outside);
    expect(result.outside).toBe(ref.outside);
    expect([...mine.perBeat.entries()]).toEqual([...ref.perBeat.entries()]);
    expect(ref.outside).toBeGreaterThan(50);
    const list = await call('listDistricts', {});
    expect(list.map((d) => d.name)).toEqual(gridBeats().features.map((f) => f.properties!.NAZWA));
    expect(list[0].officer).toBe('st. asp. Kowalski 1');
    expect(list[0].areaKm2).toBeGreaterThan(7);
    // EPSG:2180 -> WGS84 round trip lands within a millimetre of the original corners
    const corner = (list[0].bbox as number[]).slice(0, 2);
    expect(Math.abs(corner[0] - GRID.lon0)).toBeLessThan(1e-7);
    expect(Math.abs(corner[1] - GRID.lat0)).toBeLessThan(1e-7);
  });

  it('imports a WGS84 GeoJSON in add mode next to existing beats and reports overlaps', async () => {
    const b = open(2000);
    const west = gridBeats();
    west.features = west.features.slice(0, 6);
    expect((await runImport({ source: { path: writeJson('a.geojson', west) }, nameField: 'NAZWA', mode: 'replace' })).state).toBe('done');
    const east = gridBeats();
    east.features = east.features.slice(5); // "Rejon 6" again: duplicate name -> refused
    const failed = await runImport({ source: { path: writeJson('b.geojson', east) }, nameField: 'NAZWA', mode: 'add' });
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/Duplicate district name "Rejon 6"/);
    east.features = east.features.slice(1);
    // one new beat overlapping an existing one
    const overlapping = turf.polygon([[[GRID.lon0 + 0.01, GRID.lat0 + 0.01], [GRID.lon0 + 0.02, GRID.lat0 + 0.01], [GRID.lon0 + 0.02, GRID.lat0 + 0.02], [GRID.lon0 + 0.01, GRID.lat0 + 0.02], [GRID.lon0 + 0.01, GRID.lat0 + 0.01]]], { NAZWA: 'Osiedle' });
    east.features.push(overlapping as never);
    const ok = await runImport({ source: { path: writeJson('c.geojson', east) }, nameField: 'NAZWA', mode: 'add' });
    expect(ok.state).toBe('done');
    const r = ok.result as DistrictImportResult;
    expect(r.districts).toBe(7);
    expect(r.validation.overlaps.length).toBe(1);
    expect(r.validation.overlaps[0].names).toContain('Osiedle');
    expect(r.validation.overlaps[0].areaM2).toBeGreaterThan(500_000);
    expect((await call('listDistricts', {})).length).toBe(13);
    const mine = storedCounts(b);
    const ref = independentCounts(b); // lowest id wins in overlaps, as in assign()
    expect(mine.outside).toBe(ref.outside);
    expect([...mine.perBeat.entries()]).toEqual([...ref.perBeat.entries()]);
  });

  it('a failing import leaves the workspace unchanged', async () => {
    const b = open(1500, true);
    const before = snapshot(b);
    const bad = gridBeats();
    bad.features[3].geometry.coordinates = [[[19.7, 51.4], [19.76, 51.45], [19.76, 51.4], [19.7, 51.43], [19.7, 51.4]]]; // bow tie
    const job = await runImport({ source: { path: writeJson('bad.geojson', bad) }, nameField: 'NAZWA', mode: 'replace' });
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/self-intersect|cross/i);
    expect(snapshot(b)).toBe(before);
    const noField = await runImport({ source: { path: writeJson('ok.geojson', gridBeats()) }, nameField: 'NAME', mode: 'replace' });
    expect(noField.state).toBe('failed');
    expect(noField.error).toMatch(/name field "NAME"/);
    const notFound = await runImport({ source: { path: path.join(t.dir, 'missing.geojson') }, nameField: 'NAZWA', mode: 'replace' });
    expect(notFound.state).toBe('failed');
    expect(snapshot(b)).toBe(before);
    // an error inside the write transaction (a trigger makes the last report update fail) rolls everything back
    b.db.exec(`CREATE TEMP TRIGGER boom BEFORE UPDATE OF district_id ON reports WHEN NEW.id = (SELECT max(id) FROM reports WHERE district_id IS NOT NULL) BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const renamed = gridBeats();
    renamed.features.forEach((f, i) => (f.properties!.NAZWA = `Nowy rejon ${i + 1}`));
    const midway = await runImport({ source: { path: writeJson('ok2.geojson', renamed) }, nameField: 'NAZWA', mode: 'replace' });
    expect(midway.state).toBe('failed');
    expect(midway.error).toMatch(/boom/);
    expect(snapshot(b)).toBe(before);
    b.db.exec('DROP TRIGGER boom');
    // re-importing the same beats keeps their ids and changes no report
    const same = await runImport({ source: { path: writeJson('same.geojson', gridBeats()) }, nameField: 'NAZWA', officerField: 'DZIELNICOWY', unitField: 'JEDNOSTKA', mode: 'replace' });
    expect(same.state).toBe('done');
    expect((same.result as DistrictImportResult).changed).toBe(0);
    expect(snapshot(b)).toBe(before);
    // a file with other names replaces all beats (new ids); counts still match the independent check
    const other = await runImport({ source: { path: writeJson('other.geojson', renamed) }, nameField: 'NAZWA', mode: 'replace' });
    expect(other.state).toBe('done');
    expect(listDistrictRows(b.db).map((r) => r.name)).toEqual(renamed.features.map((f) => f.properties!.NAZWA));
    const mine = storedCounts(b), ref = independentCounts(b);
    expect([...mine.perBeat.entries()]).toEqual([...ref.perBeat.entries()]);
  });

  it('rejects bad input at the contract boundary', async () => {
    open(10);
    await expect(call('startDistrictImport', { source: { path: '' }, nameField: 'NAZWA' } as never)).rejects.toThrow(/Invalid input/);
    await expect(call('saveDistrict', { name: 'X', geometry: { type: 'Polygon', coordinates: [[[19, 51], [19.1, 51]]] } } as never)).rejects.toThrow(/Invalid input/);
    await expect(call('getDistrictStats', { filter: { from: 10, to: 5 } })).rejects.toThrow(/period is empty/);
    await expect(call('deleteDistrict', { id: 999 })).rejects.toThrow(/No beat with id 999/);
  });
});

describe('beat edits', () => {
  it('re-assigns only the reports in the affected area, and ends where a full re-assignment would', async () => {
    const b = open(4000, true);
    const rows = listDistrictRows(b.db);
    const beat1 = rows.find((r) => r.name === 'Rejon 1')!;
    b.db.exec(`CREATE TEMP TABLE touched(id INTEGER); CREATE TEMP TRIGGER track AFTER UPDATE OF district_id ON reports BEGIN INSERT INTO touched VALUES (NEW.id); END`);
    // move the east edge of beat 1 halfway into beat 2
    const g = beat1.geometry as Polygon;
    const [x0, y0] = g.coordinates[0][0];
    const x1 = x0 + 1.5 * GRID.dLon, y1 = y0 + GRID.dLat;
    const res = await call('saveDistrict', { id: beat1.id, name: 'Rejon 1', geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] } });
    expect(res.ids).toEqual([beat1.id]);
    // beat 1 now overlaps beat 2 (reported), reports in the overlap go to the lower id = beat 1
    expect(res.validation.overlaps.length).toBe(1);
    expect(res.validation.overlaps[0].names.sort()).toEqual(['Rejon 1', 'Rejon 2']);
    expect(res.changed).toBeGreaterThan(20);
    expect(res.examined).toBeLessThan(4000 / 4);
    const touched = b.db.prepare('SELECT r.id, r.lon, r.lat FROM touched t JOIN reports r ON r.id = t.id').all() as { lon: number; lat: number }[];
    expect(touched.length).toBe(res.changed);
    for (const p of touched) {
      expect(p.lon).toBeGreaterThanOrEqual(x0 + GRID.dLon - 1e-6);
      expect(p.lon).toBeLessThanOrEqual(x1 + 1e-6);
      expect(p.lat).toBeLessThanOrEqual(y1 + 1e-6);
    }
    const after = snapshot(b);
    b.db.transaction(() => reassignReports(b.db))();
    expect(snapshot(b)).toBe(after);
  });

  it('splits, merges, renames and deletes beats', async () => {
    const b = open(3000, true);
    const id6 = listDistrictRows(b.db).find((r) => r.name === 'Rejon 6')!.id;
    const cx = GRID.lon0 + 1.5 * GRID.dLon;
    const split = await call('splitDistrict', { id: id6, line: { type: 'LineString', coordinates: [[cx, GRID.lat0], [cx, GRID.lat0 + 3 * GRID.dLat]] }, names: ['Rejon 6 zachód', 'Rejon 6 wschód'] });
    expect(split.ids.length).toBe(2);
    expect(split.validation.overlaps).toEqual([]);
    expect(split.validation.gaps).toEqual([]);
    let rows = listDistrictRows(b.db);
    const a = rows.find((r) => r.id === split.ids[0])!, c = rows.find((r) => r.id === split.ids[1])!;
    expect([a.name, c.name]).toEqual(['Rejon 6 zachód', 'Rejon 6 wschód']);
    expect(a.areaM2 + c.areaM2).toBeCloseTo(listDistrictRows(b.db).filter((r) => r.id === a.id || r.id === c.id).reduce((s, r) => s + r.areaM2, 0), 3);
    expect(Math.abs(a.areaM2 - c.areaM2) / a.areaM2).toBeLessThan(0.01);
    let mine = storedCounts(b), ref = independentCounts(b);
    expect([...mine.perBeat.entries()]).toEqual([...ref.perBeat.entries()]);

    await expect(call('splitDistrict', { id: id6, line: { type: 'LineString', coordinates: [[18, 50], [18.1, 50.2]] } })).rejects.toThrow(/does not cut/);

    const merged = await call('mergeDistricts', { ids: [split.ids[0], split.ids[1]], name: 'Rejon 6' });
    expect(merged.ids).toEqual([split.ids[0]]);
    expect(merged.validation.overlaps).toEqual([]);
    rows = listDistrictRows(b.db);
    expect(rows.length).toBe(12);
    mine = storedCounts(b); ref = independentCounts(b);
    expect([...mine.perBeat.entries()]).toEqual([...ref.perBeat.entries()]);

    await call('renameDistrict', { id: merged.ids[0], name: 'Centrum', officer: 'mł. asp. Nowak' });
    expect((await call('listDistricts', {})).find((d) => d.id === merged.ids[0])).toMatchObject({ name: 'Centrum', officer: 'mł. asp. Nowak' });
    await expect(call('renameDistrict', { id: merged.ids[0], name: 'rejon 1' })).rejects.toThrow(/already exists/);

    const inCentrum = storedCounts(b).perBeat.get(merged.ids[0])!;
    const del = await call('deleteDistrict', { id: merged.ids[0] });
    expect(del.changed).toBe(inCentrum);
    expect(del.validation.gaps.length).toBe(1); // the hole it leaves in the grid
    mine = storedCounts(b); ref = independentCounts(b);
    expect(mine.outside).toBe(ref.outside);
  });

  it('refuses a self-intersecting beat', async () => {
    open(100, true);
    await expect(call('saveDistrict', { name: 'Bow', geometry: { type: 'Polygon', coordinates: [[[19.7, 51.4], [19.76, 51.45], [19.76, 51.4], [19.7, 51.43], [19.7, 51.4]]] } })).rejects.toThrow(/not valid/);
  });
});

describe('per-beat statistics', () => {
  it('counts per beat like SQL, flags the hot beat, lists reports outside', async () => {
    const b = open(5000, true);
    const from = Date.UTC(2025, 0, 1), to = Date.UTC(2026, 0, 1);
    const s = await call('getDistrictStats', { filter: { from, to } });
    expect(s.from).toBe(from);
    expect(s.previousTo).toBe(from);
    expect(s.previousFrom).toBe(from - (to - from));
    const sql = b.db.prepare('SELECT district_id AS id, count(*) AS n FROM reports WHERE created_at >= ? AND created_at < ? GROUP BY district_id').all(from, to) as { id: number | null; n: number }[];
    for (const beat of s.beats) expect(beat.count).toBe(sql.find((r) => r.id === beat.id)?.n ?? 0);
    expect(s.outside.count).toBe(sql.find((r) => r.id == null)?.n ?? 0);
    expect(s.total).toBe(sql.reduce((a, r) => a + r.n, 0));
    const hot = s.beats.find((x) => x.name === 'Rejon 6')!;
    expect(hot.significant).toBe(true);
    expect(hot.changePct!).toBeGreaterThan(100);
    expect(hot.ratePerKm2!).toBeCloseTo(hot.count / hot.areaKm2, 9);
    expect(hot.medianVerificationHours).not.toBeNull();
    expect(hot.hourWeekday.flat().reduce((a, v) => a + v, 0)).toBe(hot.count);
    expect(hot.topCategories.length).toBe(5);

    const filtered = await call('getDistrictStats', { filter: { from, to, categories: ['Akty wandalizmu'], hours: [0, 1, 2, 3] } });
    const n = (b.db.prepare(`SELECT count(*) AS n FROM reports WHERE created_at >= ? AND created_at < ? AND category = 'Akty wandalizmu' AND hour IN (0,1,2,3)`).get(from, to) as { n: number }).n;
    expect(filtered.total).toBe(n);

    const outside = await call('listOutsideReports', { filter: { from, to }, limit: 10 });
    expect(outside.total).toBe(s.outside.count);
    expect(outside.rows.length).toBe(10);
    for (const r of outside.rows) expect(r.lon).toBeLessThan(GRID.lon0);
  });

  it('checks TERYT powiat codes against the bundled powiaty (łódzkie only)', async () => {
    const b = open(500, true);
    b.db.prepare(`UPDATE reports SET teryt = '1010011' WHERE id IN (SELECT id FROM reports ORDER BY id LIMIT 1)`).run();
    // a point in the middle of Piotrków Trybunalski (city, 1062) carrying the rural powiat's code
    b.db.prepare(`UPDATE reports SET teryt = '1010011', lon = 19.7030, lat = 51.4053 WHERE id = 2`).run();
    b.db.prepare(`UPDATE reports SET teryt = '1062011', lon = 19.7030, lat = 51.4053 WHERE id = 3`).run();
    b.db.prepare(`UPDATE reports SET teryt = '1465011', lon = 21.0, lat = 52.23 WHERE id = 4`).run(); // Warszawa: not covered
    b.db.prepare(`UPDATE reports SET teryt = '1062011', lon = 21.0, lat = 52.23 WHERE id = 5`).run(); // łódzkie code, point in Warsaw
    const r = await call('getTerytMismatches', {});
    expect(r.coverage.length).toBe(24);
    expect(r.coverage.find((c) => c.code === '1062')!.name).toBe('powiat Piotrków Trybunalski');
    expect(r.coverage.find((c) => c.code === '1010')!.name).toBe('powiat piotrkowski');
    const ids = r.mismatches.map((m) => m.id);
    expect(ids).toContain(2);
    expect(ids).not.toContain(3);
    expect(ids).not.toContain(4);
    expect(ids).toContain(5);
    const m2 = r.mismatches.find((m) => m.id === 2)!;
    expect(m2).toMatchObject({ terytPowiat: '1010', pointPowiat: '1062', pointPowiatName: 'powiat Piotrków Trybunalski', certain: true });
    expect(r.unchecked).toBeGreaterThanOrEqual(1);
    expect(r.checked + r.unchecked + r.withoutTeryt).toBe(r.total);
  });
});

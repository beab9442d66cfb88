import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import * as turf from '@turf/turf';
import { Backend } from '../../../../src/backend/backend';
import { importPlaces, inspectPlacesFile, PlacesImportError } from '../../../../src/backend/places/import';
import { nearestNamed, nearestNamedPlace } from '../../../../src/backend/places/nearest';
import { clearPlaceLayers } from '../../../../src/backend/places/store';
import { MIGRATIONS } from '../../../../src/backend/store/migrations';
import { openWorkspace, type Db } from '../../../../src/backend/store/workspace';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { translate } from '../../../../src/shared/i18n';
import type { PlacesImportResult } from '../../../../src/shared/contract/places';
import { RYNEK, streetsWgs84, to2180 } from '../../../helpers/placesFixtures';
import { tmpDir } from '../../../helpers/tmp';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
let t: ReturnType<typeof tmpDir>;
let n = 0;
beforeAll(() => {
  t = tmpDir('rejon-places-');
});
afterAll(() => t.cleanup());

function write(name: string, content: string | Buffer | object): string {
  const p = path.join(t.dir, name);
  fs.writeFileSync(p, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return p;
}
function freshDb(): Db {
  return openWorkspace(path.join(t.dir, `ws-${++n}.sqlite`), { create: true });
}
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
/** A point `m` metres south of (lon, lat). */
const south = ([lon, lat]: [number, number], m: number): [number, number] => [lon, lat - m / 111_195];

describe('importing streets and places from GeoJSON', () => {
  it('WGS84: stores lines and points, guesses name and kind fields, and names the nearest street or place', async () => {
    const db = freshDb();
    const file = write('ulice.geojson', streetsWgs84());
    const r = await importPlaces(db, file, 'ulice.geojson');
    expect(r).toMatchObject({ format: 'geojson', crs: 'EPSG:4326', nameField: 'name', kindField: 'rodzaj', places: 2, streets: 4, streetNames: 3, rejected: 0, mode: 'replace' });
    expect(count(db, 'streets')).toBe(4);
    expect((db.prepare("SELECT kind FROM places WHERE name = 'Dworzec PKP'").get() as { kind: string }).kind).toBe('dworzec');
    // at the market square: the square itself (Słowackiego is ~111 m north, so no street within 30 m)
    expect(nearestNamed(db, RYNEK[0], RYNEK[1], 500)).toMatchObject({ name: 'Rynek Trybunalski', kind: 'place' });
    // 20 m south of Słowackiego: the street, at a distance an independent geodesic computation agrees with (1 %)
    const q = south([19.697, 51.4063], 20);
    const hit = nearestNamed(db, q[0], q[1], 500)!;
    expect(hit).toMatchObject({ name: 'Słowackiego', kind: 'street' });
    const line = streetsWgs84().features[0].geometry as GeoJSON.LineString;
    const geodesic = turf.pointToLineDistance(q, turf.lineString(line.coordinates), { units: 'meters' });
    expect(hit.distanceM).toBeGreaterThan(geodesic * 0.99);
    expect(hit.distanceM).toBeLessThan(geodesic * 1.01);
    // the nearest point lies on the street's latitude
    expect(hit.lat).toBeCloseTo(51.4063, 5);
    // far from everything
    expect(nearestNamed(db, 19.9, 51.2, 500)).toBeNull();
    db.close();
  });

  it('nearestNamedPlace (for hotspot names) takes EPSG:2180 metres and gives the same answer as nearestNamed', async () => {
    const db = freshDb();
    await importPlaces(db, write('ulice-2180q.geojson', streetsWgs84()), 'ulice-2180q.geojson');
    // at the market square: the place, with its own kind from the data
    const [rx, ry] = toPuwg92(RYNEK[0], RYNEK[1]);
    expect(nearestNamedPlace(db, rx, ry, 500)).toEqual({ name: 'Rynek Trybunalski', kind: 'place', placeKind: 'plac', distanceM: expect.any(Number) });
    expect(nearestNamedPlace(db, rx, ry, 500)!.distanceM).toBeLessThan(0.01);
    // 20 m south of Słowackiego: the street (within 30 m a street wins), same distance as the WGS84 entry point
    const q = south([19.697, 51.4063], 20);
    const [qx, qy] = toPuwg92(q[0], q[1]);
    const viaXy = nearestNamedPlace(db, qx, qy, 500)!;
    const viaLonLat = nearestNamed(db, q[0], q[1], 500)!;
    expect(viaXy).toMatchObject({ name: 'Słowackiego', kind: 'street', placeKind: null });
    expect(viaXy.distanceM).toBeCloseTo(viaLonLat.distanceM, 6);
    expect(viaXy.distanceM).toBeGreaterThan(19);
    expect(viaXy.distanceM).toBeLessThan(21);
    // nothing named within maxM, or no finite point: null
    expect(nearestNamedPlace(db, qx, qy, 10)).toBeNull();
    expect(nearestNamedPlace(db, Number.NaN, qy, 500)).toBeNull();
    db.close();
  });

  it('EPSG:2180 with and without a crs member gives the same streets as WGS84', async () => {
    const results = [];
    for (const [name, content] of [['w.geojson', streetsWgs84()], ['m.geojson', to2180(streetsWgs84(), true)], ['r.geojson', to2180(streetsWgs84(), false)]] as const) {
      const db = freshDb();
      const r = await importPlaces(db, write(name, content), name);
      const q = south([19.705 + 0.0003, 51.405], 0); // ~21 m east of al. Armii Krajowej
      results.push({ crs: r.crs, hit: nearestNamed(db, q[0], q[1], 500)!, xy: (db.prepare('SELECT xy FROM streets ORDER BY id LIMIT 1').get() as { xy: Buffer }).xy });
      db.close();
    }
    expect(results.map((x) => x.crs)).toEqual(['EPSG:4326', 'EPSG:2180', 'EPSG:2180']);
    for (const x of results) {
      expect(x.hit.name).toBe('al. Armii Krajowej');
      expect(x.hit.distanceM).toBeCloseTo(results[0].hit.distanceM, 6);
    }
    // stored EPSG:2180 vertices: the WGS84 file's converted vertices equal the 2180 file's own
    const a = new Float64Array(new Uint8Array(results[0].xy).buffer), b = new Float64Array(new Uint8Array(results[1].xy).buffer);
    expect(a.length).toBe(6);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 6);
    expect(a[0]).toBeCloseTo(toPuwg92(19.695, 51.4063)[0], 6);
  });

  it('skips bad features by number and field, keeps the rest', async () => {
    const db = freshDb();
    const fc = streetsWgs84();
    fc.features.push(
      { type: 'Feature', properties: { name: 'Park' }, geometry: { type: 'Polygon', coordinates: [[[19.7, 51.4], [19.71, 51.4], [19.71, 51.41], [19.7, 51.4]]] } },
      { type: 'Feature', properties: { name: '  ' }, geometry: { type: 'Point', coordinates: [19.7, 51.4] } },
      { type: 'Feature', properties: { name: 'Berlin' }, geometry: { type: 'Point', coordinates: [13.4, 52.5] } },
      { type: 'Feature', properties: { name: 'Kropka' }, geometry: { type: 'LineString', coordinates: [[19.7, 51.4], [19.7, 51.4]] } },
      { type: 'Feature', properties: { name: 'Bez geometrii' }, geometry: null as never },
    );
    const r = await importPlaces(db, write('bad.geojson', fc), 'bad.geojson');
    expect(r.places + r.streets).toBe(6);
    expect(r.rejected).toBe(5);
    expect(r.rejections.map((x) => [x.row, x.field, x.msg.code])).toEqual([
      [6, 'geometry', 'places.reject.geometryType'],
      [7, 'name', 'places.reject.noName'],
      [8, 'geometry', 'places.reject.outsidePoland'],
      [9, 'geometry', 'places.reject.shortLine'],
      [10, 'geometry', 'places.reject.noGeometry'],
    ]);
    expect(translate('pl', r.rejections[0].msg)).toBe('Obiekt 6: geometria Polygon nie jest punktem ani linią.');
    expect(translate('pl', r.rejections[1].msg)).toBe('Wiersz 7: puste pole „name” (nazwa).');
    db.close();
  });

  it('asks for the name field when name-like fields disagree, and uses the one given', async () => {
    const db = freshDb();
    const fc = streetsWgs84('nazwa');
    fc.features.forEach((f, i) => (f.properties!.ulica = `Ulica ${i}`));
    const file = write('amb.geojson', fc);
    const insp = await inspectPlacesFile(db, file, 'amb.geojson');
    expect(insp).toMatchObject({ nameField: null, ambiguous: true, nameCandidates: ['nazwa', 'ulica'], counts: { points: 2, lines: 3, other: 0, rows: 5 } });
    await expect(importPlaces(db, file, 'amb.geojson')).rejects.toMatchObject({ msg: { code: 'places.error.nameFieldAmbiguous' } });
    expect(count(db, 'place_layers')).toBe(0);
    const r = await importPlaces(db, file, 'amb.geojson', { nameField: 'ulica' });
    expect(r.nameField).toBe('ulica');
    expect((db.prepare('SELECT name FROM streets ORDER BY id').all() as { name: string }[]).map((x) => x.name)).toEqual(['Ulica 0', 'Ulica 1', 'Ulica 2', 'Ulica 2']);
    await expect(importPlaces(db, file, 'amb.geojson', { nameField: 'NAZWA' })).rejects.toMatchObject({ msg: { code: 'places.error.nameFieldMissing' } });
    db.close();
  });
});

describe('importing named places from CSV', () => {
  it('reads a windows-1250 Excel CSV with decimal commas; bad rows are named with row and field', async () => {
    const db = freshDb();
    const csv = [
      'Nazwa;Rodzaj;Długość;Szerokość',
      'Rynek Trybunalski;plac;19,7030;51,4053',
      ';szkoła;19,70;51,40',
      'Szkoła Podstawowa nr 2;szkoła;19,6855;abc',
      'Za granicą;inne;30,5;50,45',
      'Zespół Szkół przy al. 3 Maja;szkoła;19,7000;51,4090',
    ].join('\r\n');
    const file = write('miejsca.csv', iconv.encode(csv, 'windows-1250'));
    const r = await importPlaces(db, file, 'miejsca.csv');
    expect(r).toMatchObject({ format: 'csv', crs: 'EPSG:4326', nameField: 'Nazwa', kindField: 'Rodzaj', places: 2, streets: 0, rejected: 3 });
    expect(r.rejections.map((x) => [x.row, x.field])).toEqual([[3, 'Nazwa'], [4, 'Szerokość'], [5, 'Długość/Szerokość']]);
    expect(translate('pl', r.rejections[1].msg)).toBe('Wiersz 4: wartość „abc” w kolumnie „Szerokość” nie jest liczbą.');
    const rows = db.prepare("SELECT name, kind, lon, lat FROM places WHERE source = 'import' ORDER BY id").all();
    expect(rows).toEqual([
      { name: 'Rynek Trybunalski', kind: 'plac', lon: 19.703, lat: 51.4053 },
      { name: 'Zespół Szkół przy al. 3 Maja', kind: 'szkoła', lon: 19.7, lat: 51.409 },
    ]);
    db.close();
  });

  it('refuses EPSG:2180 x/y whose order nothing decides (nothing written), and imports with the order given', async () => {
    const db = freshDb();
    const pts = [['Rynek Trybunalski', 19.703, 51.4053], ['Dworzec PKP', 19.688, 51.41], ['Zalew Bugaj', 19.756, 51.419]] as const;
    // Polish surveying order: X = northing, Y = easting
    const csv = ['nazwa,X,Y', ...pts.map(([nm, lon, lat]) => { const [e, nn] = toPuwg92(lon, lat); return `${nm},${nn.toFixed(2)},${e.toFixed(2)}`; })].join('\n');
    const file = write('xy.csv', csv);
    const insp = await inspectPlacesFile(db, file, 'xy.csv');
    expect(insp.coordinate).toMatchObject({ x: 'X', y: 'Y', decided: false });
    const err = await importPlaces(db, file, 'xy.csv').catch((e) => e);
    expect(err).toBeInstanceOf(PlacesImportError);
    expect(err.msg.code).toBe('places.error.xyUndecided');
    expect(count(db, 'places') + count(db, 'place_layers')).toBe(0);
    const r = await importPlaces(db, file, 'xy.csv', { xy: 'northing-easting' });
    expect(r).toMatchObject({ crs: 'EPSG:2180', places: 3, rejected: 0 });
    expect(translate('pl', r.coordinate!)).toContain('Wybrane przez użytkownika');
    const rows = db.prepare('SELECT name, lon, lat FROM places ORDER BY id').all() as { name: string; lon: number; lat: number }[];
    rows.forEach((row, i) => {
      expect(row.name).toBe(pts[i][0]);
      expect(row.lon).toBeCloseTo(pts[i][1], 6);
      expect(row.lat).toBeCloseTo(pts[i][2], 6);
    });
    db.close();
  });
});

describe('layers, replace/add, clearing and the cached index', () => {
  it('replaces earlier imports (demo places stay), adds on request, clears by layer', async () => {
    const db = freshDb();
    db.prepare("INSERT INTO places(name, kind, lon, lat) VALUES ('Demo', 'square', 19.75, 51.45)").run();
    expect((db.prepare('SELECT source FROM places').get() as { source: string }).source).toBe('demo');
    const a = await importPlaces(db, write('a.geojson', streetsWgs84()), 'a.geojson');
    // the cached index sees the import
    expect(nearestNamed(db, RYNEK[0], RYNEK[1], 100)?.name).toBe('Rynek Trybunalski');
    const b = await importPlaces(db, write('b.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Nowy Rynek' }, geometry: { type: 'Point', coordinates: [19.7031, 51.4053] } }] }), 'b.geojson');
    expect(b.removed).toEqual({ layers: 1, places: 2, streets: 4 });
    expect(count(db, 'place_layers')).toBe(1);
    expect(count(db, 'places')).toBe(2); // demo + Nowy Rynek
    expect(nearestNamed(db, RYNEK[0], RYNEK[1], 100)?.name).toBe('Nowy Rynek');
    const c = await importPlaces(db, write('a.geojson', streetsWgs84()), 'a.geojson', { mode: 'add' });
    expect(c.removed.layers).toBe(0);
    expect(count(db, 'place_layers')).toBe(2);
    expect(clearPlaceLayers(db, { layerId: b.layerId })).toEqual({ layers: 1, places: 1, streets: 0 });
    expect(clearPlaceLayers(db, { demo: true })).toEqual({ layers: 0, places: 1, streets: 0 });
    expect(clearPlaceLayers(db, {})).toEqual({ layers: 1, places: 2, streets: 4 });
    expect(count(db, 'places') + count(db, 'streets') + count(db, 'place_layers')).toBe(0);
    expect(nearestNamed(db, RYNEK[0], RYNEK[1], 100)).toBeNull();
    expect(a.places).toBe(2);
    db.close();
  });

  it('migrates a version-5 workspace: its places become the demo layer', () => {
    const file = path.join(t.dir, 'v5.sqlite');
    const raw = new Database(file);
    for (const m of MIGRATIONS.slice(0, 5)) raw.exec(m);
    raw.pragma('user_version = 5');
    raw.pragma(`application_id = ${0x52454a4e}`);
    raw.prepare("INSERT INTO places(name, kind, lon, lat) VALUES ('Rynek', 'square', 19.703, 51.4053)").run();
    raw.close();
    const db = openWorkspace(file);
    expect(db.prepare('SELECT name, source, layer_id FROM places').all()).toEqual([{ name: 'Rynek', source: 'demo', layer_id: null }]);
    expect(count(db, 'streets')).toBe(0);
    db.close();
  });
});

describe('the places methods of the contract', () => {
  it('imports as a job, lists layers, names a point with a message, serves GeoJSON; a failed job carries its message', async () => {
    const backend = new Backend(path.join(t.dir, `api-${++n}.sqlite`), { create: true, trustedPaths: true });
    try {
      const api = backend.api;
      const file = write('api.geojson', streetsWgs84());
      const insp = await api.inspectPlacesFile({ source: { path: file } });
      expect(insp).toMatchObject({ format: 'geojson', nameField: 'name', crs: 'EPSG:4326', preview: ['Słowackiego', 'al. Armii Krajowej', 'Wojska Polskiego', 'Rynek Trybunalski', 'Dworzec PKP'] });
      const { jobId } = await api.importPlaces({ source: { path: file } });
      const job = await backend.jobs.wait(jobId);
      expect(job.state).toBe('done');
      expect((job.result as PlacesImportResult).streets).toBe(4);
      const layers = await api.listPlaceLayers({});
      expect(layers).toHaveLength(1);
      expect(layers[0]).toMatchObject({ source: 'import', fileName: 'api.geojson', places: 2, streets: 4 });
      expect(layers[0].bbox![0]).toBeCloseTo(19.688, 6);
      const q = south([19.697, 51.4063], 10);
      const near = (await api.nearestNamed({ lon: q[0], lat: q[1], maxM: 300 }))!;
      expect(near).toMatchObject({ name: 'Słowackiego', kind: 'street', msg: { code: 'places.where.street' } });
      expect(translate('pl', near.msg)).toBe('ul. Słowackiego');
      const far = (await api.nearestNamed({ lon: 19.688, lat: 51.4112, maxM: 300 }))!;
      expect(translate('pl', far.msg)).toMatch(/^ok\. \d+ m od: Dworzec PKP$/);
      const geo = await api.getPlacesGeoJson({});
      expect(geo.streets.features).toHaveLength(4);
      expect(geo.places.features.map((f) => f.properties.name)).toEqual(['Rynek Trybunalski', 'Dworzec PKP']);
      // a file with nothing usable: the job fails with a message code
      const bad = write('empty.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'X' }, geometry: { type: 'Point', coordinates: [0, 0] } }] });
      const failed = await backend.jobs.wait((await api.importPlaces({ source: { path: bad }, nameField: 'name' })).jobId);
      expect(failed.state).toBe('failed');
      expect(failed.errorMsg).toMatchObject({ code: 'places.error.nothing', params: { rejected: 1, row: 1, field: 'geometry' } });
      expect((await api.listPlaceLayers({})).length).toBe(1);
      expect(await api.clearPlaces({})).toEqual({ layers: 1, places: 2, streets: 4 });
    } finally {
      await backend.close();
    }
  });
});

describe('rejon places (CLI through backend.api)', () => {
  const rejon = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'rejon.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, REJON_LANG: 'pl' } });
  it('imports, answers nearest, refuses an ambiguous name field (4) and an undecided X/Y order (5)', () => {
    const ws = path.join(t.dir, 'cli.sqlite');
    openWorkspace(ws, { create: true }).close();
    const file = write('cli.geojson', to2180(streetsWgs84(), true));
    const r = rejon(['places', 'import', file, '--workspace', ws, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ places: 2, streets: 4, streetNames: 3, rejected: 0, crs: 'EPSG:2180', nameField: 'name' });
    const q = south([19.697, 51.4063], 15);
    const near = rejon(['places', 'nearest', '--workspace', ws, '--lon', String(q[0]), '--lat', String(q[1])]);
    expect(near.stdout.trim()).toBe('ul. Słowackiego');
    const fc = streetsWgs84('nazwa');
    fc.features.forEach((f, i) => (f.properties!.ulica = `Ulica ${i}`));
    const amb = rejon(['places', 'import', write('cli-amb.geojson', fc), '--workspace', ws, '--json']);
    expect(amb.status).toBe(4);
    expect(amb.stderr).toContain('Wybierz pole z nazwą');
    const ok = rejon(['places', 'import', path.join(t.dir, 'cli-amb.geojson'), '--workspace', ws, '--name-field', 'ulica', '--mode', 'add', '--json']);
    expect(ok.status).toBe(0);
    const csv = write('cli-xy.csv', 'nazwa;X;Y\nRynek;393423,0;548883,0\nDworzec;393950,0;547830,0\n');
    const xy = rejon(['places', 'import', csv, '--workspace', ws, '--json']);
    expect(xy.status).toBe(5);
    expect(xy.stderr).toContain('--xy');
    const list = JSON.parse(rejon(['places', 'list', '--workspace', ws, '--json']).stdout);
    expect(list.map((l: { fileName: string }) => l.fileName)).toEqual(['cli.geojson', 'cli-amb.geojson']);
  }, 300_000);
});

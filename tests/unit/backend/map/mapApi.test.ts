import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { Backend } from '../../../../src/backend/backend';
import { dispatch } from '../../../../src/backend/api/dispatch';
import { basemapRegistry } from '../../../../src/backend/api/mapApi';
import { escapeCsvCell } from '../../../../src/backend/map/csv';
import { fillTileUrl } from '../../../../src/backend/map/basemaps';
import { createImport, createReportUpserter } from '../../../../src/backend/store/reports';
import { insertDistrict } from '../../../../src/backend/store/districts';
import { tmpDir } from '../../../helpers/tmp';
import { solidPng, writeMbtiles, writePmtiles } from './tileFixtures';

let t: ReturnType<typeof tmpDir>;
let backend: Backend;
let tileServer: http.Server;
let tileServerUrl: string;
const tileRequests: string[] = [];

const call = (method: string, input: unknown) => dispatch(backend.api, method, input) as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  t = tmpDir('rejon-map-');
  backend = new Backend(path.join(t.dir, 'w.sqlite'), { create: true });
  const d1 = insertDistrict(backend.db, { name: 'Rejon 1', geometry: { type: 'Polygon', coordinates: [[[19.6, 51.3], [19.7, 51.3], [19.7, 51.4], [19.6, 51.4], [19.6, 51.3]]] } });
  const importId = createImport(backend.db, { fileName: 't.csv', fileHash: null, sourceKind: 'test', provenance: null, mapping: null });
  const up = createReportUpserter(backend.db, importId);
  const base = Date.UTC(2025, 0, 1, 12);
  const cats = ['Żebractwo', 'Akty wandalizmu', 'Nieprawidłowe parkowanie'];
  const statuses = ['Nowe', 'Potwierdzone', 'Niepotwierdzone'];
  for (let i = 0; i < 30; i++) {
    up.upsert({
      sourceId: `R${i}`, category: cats[i % 3], status: statuses[i % 3], createdAt: base + i * 86_400_000, eventAt: null, modifiedAt: null,
      lon: 19.65, lat: 51.35, teryt: null, description: i === 0 ? '=HYPERLINK("http://x")' : i === 1 ? 'opis; "cytat"\nlinia' : `opis ${i}`,
      districtId: i < 10 ? d1 : null,
    });
  }
  tileServer = http.createServer((req, res) => {
    tileRequests.push(req.url ?? '');
    if (req.url === '/tiles/3/4/2.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(solidPng([10, 200, 10]));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => tileServer.listen(0, '127.0.0.1', r));
  tileServerUrl = `http://127.0.0.1:${(tileServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await basemapRegistry(backend).close();
  await backend.close();
  await new Promise((r) => tileServer.close(r));
  t.cleanup();
});

describe('listReports', () => {
  it('pages and sorts, newest first by default', async () => {
    const page = await call('listReports', { limit: 5 });
    expect(page.total).toBe(30);
    expect(page.rows.map((r: { sourceId: string }) => r.sourceId)).toEqual(['R29', 'R28', 'R27', 'R26', 'R25']);
    const asc = await call('listReports', { limit: 3, offset: 2, sort: { by: 'createdAt', dir: 'asc' } });
    expect(asc.rows.map((r: { sourceId: string }) => r.sourceId)).toEqual(['R2', 'R3', 'R4']);
    expect(asc.rows[0].description).toBe('opis 2');
  });

  it('combines ids with a code filter and district 0 = outside', async () => {
    const ids = (await call('listReports', { limit: 1000 })).rows.map((r: { id: number }) => r.id);
    const res = await call('listReports', { ids: ids.slice(0, 15), filter: { categoryCodes: [24] }, limit: 100 });
    expect(res.rows.every((r: { categoryCode: number }) => r.categoryCode === 24)).toBe(true);
    expect(res.total).toBe(5);
    const outside = await call('listReports', { filter: { districtIds: [0] }, limit: 100 });
    expect(outside.total).toBe(20);
    const inside = await call('listReports', { filter: { districtIds: [1] }, limit: 100, sort: { by: 'district', dir: 'asc' } });
    expect(inside.total).toBe(10);
    expect(inside.rows[0].district).toBe('Rejon 1');
    const period = await call('listReports', { filter: { from: Date.UTC(2025, 0, 5), to: Date.UTC(2025, 0, 8) }, limit: 100 });
    expect(period.total).toBe(3);
  });

  it('rejects bad input at the boundary', async () => {
    await expect(call('listReports', { limit: 100_000 })).rejects.toThrow(/limit/);
    await expect(call('listReports', { sort: { by: 'description; DROP TABLE', dir: 'asc' } })).rejects.toThrow(/sort/);
    await expect(call('listReports', { filter: { hours: [25] } })).rejects.toThrow(/hours/);
  });
});

describe('CSV export', () => {
  it('escapes formula cells, quotes delimiters and keeps numbers', () => {
    expect(escapeCsvCell('=1+1')).toBe("'=1+1");
    expect(escapeCsvCell('+48 600')).toBe("'+48 600");
    expect(escapeCsvCell('-x')).toBe("'-x");
    expect(escapeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCsvCell('\tcmd')).toBe("'\tcmd");
    expect(escapeCsvCell('a;b')).toBe('"a;b"');
    expect(escapeCsvCell('=a;"b"')).toBe('"\'=a;""b"""');
    expect(escapeCsvCell(-12.5)).toBe('-12.5');
    expect(escapeCsvCell(null)).toBe('');
  });

  it('exports the selection with a BOM, Polish header and escaped description', async () => {
    const bytes: Uint8Array = await call('exportReportsCsv', { filter: { districtIds: [1] }, sort: { by: 'createdAt', dir: 'asc' } });
    const text = Buffer.from(bytes).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    // no internal row id column: a report is named by its source number (issue 12; the old 'ID' column locked in the row id)
    expect(lines[0]).toBe('Nr zgłoszenia;Data utworzenia;Kategoria;Status;Rejon;Długość geogr.;Szerokość geogr.;Opis');
    expect(lines[1]).toContain(`;"'=HYPERLINK(""http://x"")"`);
    expect(lines[1]).toContain('01.01.2025 13:00');
    expect(lines[1]).toContain('19,650000');
    expect(text).toContain('"opis; ""cytat""\nlinia"');
    const en = Buffer.from(await call('exportReportsCsv', { ids: [3], lang: 'en' })).toString('utf8');
    expect(en).toContain('Illegal parking;Not confirmed');
  });
});

describe('basemap sources served through the backend', () => {
  it('serves an MBTiles raster with the TMS row flip and gunzips vector tiles', async () => {
    const file = path.join(t.dir, 'streets.mbtiles');
    writeMbtiles(file, [{ z: 3, x: 4, y: 2, data: solidPng([200, 0, 0]) }], { name: 't', format: 'png', minzoom: '0', maxzoom: '3', bounds: '19,51,20,52' });
    const entry = await call('saveBasemapSource', { kind: 'mbtiles', id: 'streets', name: 'Ulice', path: file });
    expect(entry.error).toBeNull();
    expect(entry.info).toMatchObject({ type: 'raster', format: 'png', minzoom: 0, maxzoom: 3, bounds: [19, 51, 20, 52] });
    const tile: Uint8Array = await call('getBasemapTile', { sourceId: 'streets', z: 3, x: 4, y: 2 });
    const img = PNG.sync.read(Buffer.from(tile));
    expect([img.data[0], img.data[1], img.data[2]]).toEqual([200, 0, 0]);
    expect((await call('getBasemapTile', { sourceId: 'streets', z: 3, x: 4, y: 5 })).length).toBe(0);

    const vfile = path.join(t.dir, 'vector.mbtiles');
    const pbf = Buffer.from([0x1a, 0x02, 0x78, 0x01]);
    writeMbtiles(vfile, [{ z: 1, x: 1, y: 0, data: zlib.gzipSync(pbf) }], { name: 'v', format: 'pbf', json: JSON.stringify({ vector_layers: [{ id: 'roads' }] }) });
    const v = await call('saveBasemapSource', { kind: 'mbtiles', id: 'vec', name: 'Wektor', path: vfile });
    expect(v.info).toMatchObject({ type: 'vector', format: 'pbf', vectorLayers: [{ id: 'roads' }] });
    expect(Buffer.from(await call('getBasemapTile', { sourceId: 'vec', z: 1, x: 1, y: 0 }))).toEqual(pbf);
  });

  it('serves a PMTiles archive through a Node file source', async () => {
    const file = path.join(t.dir, 'local.pmtiles');
    writePmtiles(
      file,
      [
        { z: 0, x: 0, y: 0, data: solidPng([0, 0, 200]) },
        { z: 2, x: 2, y: 1, data: solidPng([0, 120, 0]) },
      ],
      { tileType: 2, tileCompression: 1, metadata: { attribution: '© test' }, minZoom: 0, maxZoom: 2 },
    );
    const entry = await call('saveBasemapSource', { kind: 'pmtiles', id: 'pm', name: 'PM', path: file });
    expect(entry.error).toBeNull();
    expect(entry.info).toMatchObject({ type: 'raster', format: 'png', minzoom: 0, maxzoom: 2, attribution: '© test' });
    const tile = PNG.sync.read(Buffer.from(await call('getBasemapTile', { sourceId: 'pm', z: 2, x: 2, y: 1 })));
    expect([tile.data[0], tile.data[1], tile.data[2]]).toEqual([0, 120, 0]);
    expect((await call('getBasemapTile', { sourceId: 'pm', z: 2, x: 0, y: 0 })).length).toBe(0);

    const gz = path.join(t.dir, 'vector.pmtiles');
    const pbf = Buffer.from([0x1a, 0x02, 0x78, 0x02]);
    writePmtiles(gz, [{ z: 1, x: 0, y: 1, data: pbf }], { tileType: 1, tileCompression: 2, metadata: { vector_layers: [{ id: 'streets' }] } });
    const v = await call('saveBasemapSource', { kind: 'pmtiles', id: 'pmv', name: 'PMV', path: gz });
    expect(v.info).toMatchObject({ type: 'vector', format: 'pbf', vectorLayers: [{ id: 'streets' }] });
    expect(Buffer.from(await call('getBasemapTile', { sourceId: 'pmv', z: 1, x: 0, y: 1 }))).toEqual(pbf);
  });

  it('fetches online XYZ tiles in the backend, with a cache', async () => {
    await call('saveBasemapSource', { kind: 'xyz', id: 'osm', name: 'OSM', url: `${tileServerUrl}/tiles/{z}/{x}/{y}.png`, maxzoom: 18, attribution: '© OSM' });
    const before = tileRequests.length;
    const a: Uint8Array = await call('getBasemapTile', { sourceId: 'osm', z: 3, x: 4, y: 2 });
    const b: Uint8Array = await call('getBasemapTile', { sourceId: 'osm', z: 3, x: 4, y: 2 });
    expect(PNG.sync.read(Buffer.from(a)).data[1]).toBe(200);
    expect(b).toBe(a);
    expect(tileRequests.length).toBe(before + 1);
    expect((await call('getBasemapTile', { sourceId: 'osm', z: 3, x: 1, y: 1 })).length).toBe(0);
    const list = await call('listBasemapSources', {});
    expect(list.map((e: { source: { id: string } }) => e.source.id)).toEqual(['streets', 'vec', 'pm', 'pmv', 'osm']);
    expect(await call('removeBasemapSource', { id: 'osm' })).toEqual({ removed: true });
    await expect(call('getBasemapTile', { sourceId: 'osm', z: 3, x: 4, y: 2 })).rejects.toThrow(/No basemap source/);
  });

  it('fills WMTS templates and refuses bad sources', async () => {
    expect(fillTileUrl('https://h/wmts?TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}', 5, 17, 11)).toBe('https://h/wmts?TILEMATRIX=5&TILEROW=11&TILECOL=17');
    expect(fillTileUrl('https://h/{z}/{x}/{-y}.png', 3, 1, 1)).toBe('https://h/3/1/6.png');
    await expect(call('saveBasemapSource', { kind: 'xyz', id: 'bad', name: 'B', url: 'file:///etc/passwd?{z}{x}{y}' })).rejects.toThrow(/http/);
    await expect(call('saveBasemapSource', { kind: 'xyz', id: 'bad', name: 'B', url: 'https://h/tiles.png' })).rejects.toThrow(/\{z\}/);
    await expect(call('saveBasemapSource', { kind: 'pmtiles', id: 'nofile', name: 'N', path: path.join(t.dir, 'missing.pmtiles') })).rejects.toThrow(/not found/);
    await expect(call('saveBasemapSource', { kind: 'pmtiles', id: 'rel', name: 'N', path: 'relative.pmtiles' })).rejects.toThrow(/absolute/);
    await expect(call('getBasemapTile', { sourceId: 'pm', z: 2, x: 4, y: 0 })).rejects.toThrow(/out of range/);
    const notArchive = path.join(t.dir, 'junk.pmtiles');
    (await import('node:fs')).writeFileSync(notArchive, 'junk junk junk');
    await expect(call('saveBasemapSource', { kind: 'pmtiles', id: 'junk', name: 'J', path: notArchive })).rejects.toThrow();
  });
});

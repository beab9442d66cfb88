import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { warsawToUtc } from '../../../../src/core/domain/time';
import { detectFormat, ImportFileError, inspectFile, openReader, type TableReader } from '../../../../src/backend/import/readers';
import { analyzeSample, createRowNormalizer, type NormalizedReport, type RawRow } from '../../../../src/core/import';
import { voivodeships } from '../../core/import/helpers';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'rejon-xlsx-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function all(reader: TableReader): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of reader.rows()) out.push(r);
  await reader.close();
  return out;
}

async function importAll(p: string): Promise<NormalizedReport[]> {
  const vi = voivodeships();
  const info = await inspectFile(p);
  const a = analyzeSample(info.sample.map((r) => r.record), info.proposal.mapping, { voivodeships: vi, declaredCrs: info.geometryCrs });
  const n = createRowNormalizer(info.proposal.mapping, a.decisions, { voivodeships: vi });
  const out: NormalizedReport[] = [];
  for (const r of await all(await openReader(p))) {
    const res = n(r.record);
    if (!res.ok) throw new Error(res.rejection.message);
    out.push(res.report);
  }
  return out;
}

async function makeXlsx(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const p = path.join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

describe('XLSX reader', () => {
  it('reads the first sheet: dates, numbers, rich text, formulas; Excel row numbers', async () => {
    const p = await makeXlsx('kmzb.xlsx', (wb) => {
      const ws = wb.addWorksheet('Zgłoszenia');
      ws.addRow(['Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'Data zdarzenia', 'X', 'Y', 'TERYT', 'Opis']);
      ws.addRow([1001, 'Nieprawidłowe parkowanie', 'Nowe', new Date(Date.UTC(2025, 6, 15, 22, 15)), 45853.5, 548883.12, 393423.5, 1062011, { richText: [{ text: 'Auta ' }, { text: 'na chodniku', font: { bold: true } }] }]);
      ws.addRow([]);
      ws.addRow([1002, 'Żebractwo', 'Potwierdzone', new Date(Date.UTC(2025, 0, 2, 8, 0)), null, 548900, 393400, 206011, { formula: '"a"&"b"', result: 'ab' }]);
      ws.getColumn(4).numFmt = 'dd.mm.yyyy hh:mm';
      wb.addWorksheet('Inne').addRow(['a', 'b']);
    });
    const reader = await openReader(p);
    expect(reader.format).toBe('xlsx');
    expect(reader.sheet).toBe('Zgłoszenia');
    expect(reader.headers).toEqual(['Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'Data zdarzenia', 'X', 'Y', 'TERYT', 'Opis']);
    const rows = await all(reader);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 4]);
    expect(rows[0].record['Data utworzenia']).toBeInstanceOf(Date);
    expect(rows[0].record.Opis).toBe('Auta na chodniku');
    expect(rows[1].record.Opis).toBe('ab');
    expect(rows[1].record['Data zdarzenia']).toBeNull();

    const reports = await importAll(p);
    expect(reports[0]).toMatchObject({ sourceId: '1001', createdAt: warsawToUtc(2025, 7, 15, 22, 15), eventAt: warsawToUtc(2025, 7, 15, 12), teryt: '1062011' });
    expect(reports[1]).toMatchObject({ sourceId: '1002', createdAt: warsawToUtc(2025, 1, 2, 8), teryt: '0206011' });
  });

  it('reads a named sheet and names the sheets when it is missing', async () => {
    const p = await makeXlsx('sheets.xlsx', (wb) => {
      wb.addWorksheet('Opis').addRow(['tylko tekst', 'x']);
      const ws = wb.addWorksheet('Dane');
      ws.addRow([]);
      ws.addRow(['ID', 'Typ']);
      ws.addRow([7, 'Żebractwo']);
    });
    const reader = await openReader(p, { sheet: 'Dane' });
    expect(reader.headers).toEqual(['ID', 'Typ']);
    expect(await all(reader)).toEqual([{ rowNumber: 3, record: { ID: 7, Typ: 'Żebractwo' } }]);
    const err = await openReader(p, { sheet: 'Brak' }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect((err as Error).message).toMatch(/"sheets\.xlsx".*no sheet named "Brak".*"Opis", "Dane"/);
  });

  it('a reader closed after a few rows leaves no parked worksheet behind in the temp folder', async () => {
    // exceljs writes the shared strings after the sheets, so the streaming reader parks both sheets in temp files
    const p = await makeXlsx('two-sheets.xlsx', (wb) => {
      for (const name of ['A', 'B']) {
        const ws = wb.addWorksheet(name);
        ws.addRow(['Nr zgłoszenia', 'Kategoria']);
        for (let i = 0; i < 3000; i++) ws.addRow([`${name}${i}`, 'Akty wandalizmu']);
      }
    });
    const parked = async () => (await readdir(tmpdir())).filter((f) => f.startsWith(`tmp-${process.pid}-`)).sort();
    // other test files run in this process before (vitest reuses its workers): only this reader's files count
    const before = await parked();
    const reader = await openReader(p);
    for await (const batch of reader.batches(10)) {
      expect(batch[0].record['Nr zgłoszenia']).toBe('A0');
      break;
    }
    expect((await parked()).length).toBeGreaterThan(before.length); // the sheets are parked while reading
    await reader.close();
    // exceljs deletes a parked sheet asynchronously once it has read it back
    await expect.poll(parked, { timeout: 5000 }).toEqual(before);
  });

  it('empty sheet and broken zip give one clear error', async () => {
    const p = await makeXlsx('empty.xlsx', (wb) => { wb.addWorksheet('A'); });
    await expect(openReader(p)).rejects.toThrow(/"empty\.xlsx"/);
    const broken = path.join(dir, 'broken.xlsx');
    await writeFile(broken, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    await expect(openReader(broken)).rejects.toThrow(/"broken\.xlsx"/);
  });
});

describe('GeoJSON reader', () => {
  it('reads Points, properties become the record, coordinates go to @geometry.x/y', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'a1', geometry: { type: 'Point', coordinates: [19.703, 51.4053] }, properties: { Typ: 'Żebractwo', Status: 'Nowe', 'Data utworzenia': 1752660000000, OBJECTID: 11, extra: { n: 1 } } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[19, 51], [20, 52]] }, properties: { Typ: 'Żebractwo', Status: 'Nowe', 'Data utworzenia': 1752660000000, OBJECTID: 12 } },
      ],
    };
    const p = path.join(dir, 'points.geojson');
    await writeFile(p, JSON.stringify(fc));
    const reader = await openReader(p);
    expect(reader.format).toBe('geojson');
    expect(reader.headers).toEqual(['Typ', 'Status', 'Data utworzenia', 'OBJECTID', 'extra', '@geometry.x', '@geometry.y', '@id']);
    const rows = await all(reader);
    expect(rows[0]).toEqual({ rowNumber: 2, record: { Typ: 'Żebractwo', Status: 'Nowe', 'Data utworzenia': 1752660000000, OBJECTID: 11, extra: '{"n":1}', '@geometry.x': 19.703, '@geometry.y': 51.4053, '@id': 'a1' } });
    expect(rows[1].issue).toEqual({ column: '@geometry.x', message: 'geometry is LineString, not a Point' });
    expect(rows[1].record['@geometry.x']).toBeNull();
  });

  it('GeoJSON in EPSG:2180 (crs member) imports via the geometry columns', async () => {
    const [e, n] = toPuwg92(19.703, 51.4053);
    const fc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2180' } },
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [e, n] }, properties: { OBJECTID: 1, Typ: 'Żebractwo', Status: 'Nowe', 'Data utworzenia': '2025-07-15 10:00' } }],
    };
    const p = path.join(dir, 'puwg.geojson');
    await writeFile(p, JSON.stringify(fc));
    const reader = await openReader(p);
    expect(reader.geometryCrs).toBe('puwg92');
    await reader.close();
    const [r] = await importAll(p);
    expect(r.lon).toBeCloseTo(19.703, 5);
    expect(r.lat).toBeCloseTo(51.4053, 5);
  });
});

describe('Esri JSON reader', () => {
  const attrs = (i: number) => ({ OBJECTID: i, Status: 'Potwierdzone', Typ: 'Nieprawidłowe parkowanie', TERYT: '1062011', 'Data utworzenia': 1752660000000 + i, 'Data zdarzenia': null, 'Data modyfikacji': 1752760000000 });

  it('wkid 2180: geometry x = easting', async () => {
    const [e, n] = toPuwg92(19.703, 51.4053);
    const doc = {
      geometryType: 'esriGeometryPoint',
      spatialReference: { wkid: 2180, latestWkid: 2180 },
      fields: [{ name: 'OBJECTID', type: 'esriFieldTypeOID' }, { name: 'Status' }, { name: 'Typ' }, { name: 'TERYT' }, { name: 'Data utworzenia' }, { name: 'Data zdarzenia' }, { name: 'Data modyfikacji' }],
      features: [{ attributes: attrs(1), geometry: { x: e, y: n } }, { attributes: attrs(2), geometry: { x: e + 10, y: n + 10 } }],
    };
    const p = path.join(dir, 'kmzb.json');
    await writeFile(p, JSON.stringify(doc));
    const reader = await openReader(p);
    expect(reader.format).toBe('esrijson');
    expect(reader.geometryCrs).toBe('puwg92');
    expect(reader.headers).toEqual(['OBJECTID', 'Status', 'Typ', 'TERYT', 'Data utworzenia', 'Data zdarzenia', 'Data modyfikacji', '@geometry.x', '@geometry.y']);
    await reader.close();
    const reports = await importAll(p);
    expect(reports[0]).toMatchObject({ sourceId: '1', category: 'Nieprawidłowe parkowanie', status: 'Potwierdzone', createdAt: 1752660000000 + 1, modifiedAt: 1752760000000 });
    expect(reports[0].lon).toBeCloseTo(19.703, 5);
    expect(reports[0].x2180).toBeCloseTo(e, 6);
  });

  it('wkid 102100 (web mercator) is converted to WGS84', async () => {
    const R = 6378137;
    const x = (R * 19.703 * Math.PI) / 180;
    const y = R * Math.log(Math.tan(Math.PI / 4 + (51.4053 * Math.PI) / 360));
    const p = path.join(dir, 'merc.json');
    await writeFile(p, JSON.stringify({ spatialReference: { wkid: 102100, latestWkid: 3857 }, features: [{ attributes: attrs(5), geometry: { x, y } }] }));
    const reader = await openReader(p);
    expect(reader.geometryCrs).toBe('wgs84');
    const [row] = await all(reader);
    expect(row.record['@geometry.x']).toBeCloseTo(19.703, 8);
    expect(row.record['@geometry.y']).toBeCloseTo(51.4053, 8);
    const [r] = await importAll(p);
    expect(r.lat).toBeCloseTo(51.4053, 8);
  });

  it('unsupported wkid, invalid JSON and non-feature JSON: one error naming the file', async () => {
    const a = path.join(dir, 'utm.json');
    await writeFile(a, JSON.stringify({ spatialReference: { wkid: 32634 }, features: [{ attributes: attrs(1), geometry: { x: 1, y: 2 } }] }));
    await expect(openReader(a)).rejects.toThrow(/"utm\.json".*wkid 32634/);
    const b = path.join(dir, 'bad.json');
    await writeFile(b, '{"features": [');
    await expect(openReader(b)).rejects.toThrow(/"bad\.json".*not valid JSON/);
    const c = path.join(dir, 'other.json');
    await writeFile(c, '{"hello": 1}');
    await expect(openReader(c)).rejects.toThrow(/"other\.json".*features/);
    const d = path.join(dir, 'none.geojson');
    await writeFile(d, '{"type":"FeatureCollection","features":[]}');
    await expect(openReader(d)).rejects.toThrow(/"none\.geojson".*no features/);
  });
});

describe('detectFormat', () => {
  const b = (s: string) => new TextEncoder().encode(s);
  it('sniffs content first, then the extension', () => {
    expect(detectFormat('a.bin', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]))).toBe('xlsx');
    expect(detectFormat('a.txt', b('  {"type":"FeatureCollection","features":[]}'))).toBe('geojson');
    expect(detectFormat('a.json', b('{"displayFieldName":"","spatialReference":{"wkid":2180},"features":[]}'))).toBe('esrijson');
    expect(detectFormat('a.json', b('\ufeff{"features":[{"attributes":{}}]}'))).toBe('esrijson');
    expect(detectFormat('a.csv', b('a;b\n1;2'))).toBe('csv');
    expect(() => detectFormat('a.csv', new Uint8Array())).toThrow(/"a\.csv".*empty/);
    expect(() => detectFormat('a.pdf', b('%PDF-1.7'))).toThrow(/PDF/);
  });
});

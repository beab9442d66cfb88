import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { Backend } from '../../../../src/backend/backend';
import { dispatch } from '../../../../src/backend/api/dispatch';
import { warsawToUtc } from '../../../../src/core/domain/time';
import type { BriefingData } from '../../../../src/shared/contract/briefing';
import { createWorkspace, gridBeats, rng } from '../../../helpers/districtWorkspace';
import { findLeaks, reportTraces, type ReportTrace } from '../../../helpers/leaks';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let backend: Backend;
let traces: ReportTrace[];
const call = <T>(method: string, input: unknown) => dispatch(backend.api, method, input) as Promise<T>;
const request = { from: '2025-03-01', to: '2025-03-31' };
const EVIL_BEAT = '=HYPERLINK("http://example.invalid","klik")';
const EVIL_PLACE = '@SUM(1+1)*cmd|calc';

beforeAll(() => {
  t = tmpDir('rejon-briefing-export-');
  const beats = gridBeats(2, 1);
  beats.features[0].properties!.NAZWA = EVIL_BEAT;
  beats.features[0].properties!.DZIELNICOWY = '+48 600 100 200';
  beats.features[1].properties!.NAZWA = 'Rejon 2 – Śródmieście';
  beats.features[1].properties!.DZIELNICOWY = '-st. asp. Nowak';
  const rand = rng(3);
  const reports = [];
  for (let i = 0; i < 400; i++) {
    const month = i < 200 ? 2 : 3; // February = comparison, March = period
    const hot = i % 3 === 0;
    reports.push({
      sourceId: `9${String(100000 + i)}`, category: hot ? 'Spożywanie alkoholu w miejscach niedozwolonych' : 'Nieprawidłowe parkowanie', status: i % 2 ? 'Potwierdzone' : 'Nowe',
      createdAt: warsawToUtc(2025, month, 1 + Math.floor(rand() * 27), Math.floor(rand() * 24)), eventAt: null, modifiedAt: null,
      lon: hot ? 19.64 + 0.002 * rand() : 19.62 + 0.08 * rand(), lat: hot ? 51.372 + 0.002 * rand() : 51.36 + 0.025 * rand(), teryt: null,
      description: `Opis zgłoszenia numer ${i} – samochody stoją na chodniku przy szkole`,
    });
  }
  const file = path.join(t.dir, 'w.sqlite');
  const db = createWorkspace(file, reports, beats);
  db.prepare('INSERT INTO places(name, kind, lon, lat) VALUES (?, ?, ?, ?)').run(EVIL_PLACE, 'square', 19.641, 51.373);
  db.close();
  backend = new Backend(file);
  traces = reportTraces(file);
});
afterAll(async () => {
  await backend?.close();
  t?.cleanup();
});

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
function parseCsv(b: Uint8Array): string[][] {
  const s = text(b);
  expect(s.startsWith('\uFEFF')).toBe(true);
  expect(s).toContain('\r\n');
  return Papa.parse<string[]>(s.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
}

describe('exportBriefing (police)', () => {
  it('beats CSV: `;`, BOM, numbers with a decimal comma, formula-like text escaped', async () => {
    const d = await call<BriefingData>('getBriefingData', { request });
    const rows = parseCsv(await call<Uint8Array>('exportBriefing', { request, format: 'beats-csv' }));
    expect(rows[0].slice(0, 6)).toEqual(['Rejon', 'Rodzaj', 'Dzielnicowy', 'Jednostka', 'Powierzchnia km²', 'Zgłoszenia']);
    expect(rows).toHaveLength(d.beats.length + 2);
    const evil = rows.find((r) => r[0].includes('HYPERLINK'))!;
    expect(evil[0]).toBe(`'${EVIL_BEAT}`);
    expect(evil[2]).toBe(`'+48 600 100 200`);
    expect(rows.find((r) => r[0].startsWith('Rejon 2'))![2]).toBe(`'-st. asp. Nowak`);
    expect(Number(evil[5])).toBe(d.beats.find((b) => b.name === EVIL_BEAT)!.count);
    for (const r of rows) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r](?![\d,]+$)/); // only plain negative numbers may start with "-"
    const total = rows[rows.length - 1];
    expect(total[0]).toBe('Razem');
    expect(Number(total[5])).toBe(d.total.count);
  });

  it('hotspots CSV and XLSX: location and place escaped, XLSX readable with only string/number cells', async () => {
    const d = await call<BriefingData>('getBriefingData', { request });
    const hotspots = d.beats.flatMap((b) => b.hotspots);
    expect(hotspots.length).toBeGreaterThan(0);
    const rows = parseCsv(await call<Uint8Array>('exportBriefing', { request, format: 'hotspots-csv' }));
    expect(rows).toHaveLength(hotspots.length + 1);
    expect(rows.slice(1).some((r) => r[2].startsWith(`'${EVIL_PLACE}`) && r[3] === `'${EVIL_PLACE}`)).toBe(true);

    const xlsx = await call<Uint8Array>('exportBriefing', { request, format: 'hotspots-xlsx', lang: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Hotspots');
    const header = ws.getRow(4).values as unknown[];
    expect(header.slice(1, 4)).toEqual(['Beat', 'No.', 'Location']);
    let formulas = 0;
    const strings: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas++;
      if (typeof cell.value === 'string') strings.push(cell.value);
    }));
    expect(formulas).toBe(0);
    expect(strings).toContain(`'${EVIL_PLACE}`);
    expect(strings.filter((s) => /^[=+\-@]/.test(s))).toEqual([]);
    expect(ws.rowCount).toBe(4 + hotspots.length);
    const beats = await call<Uint8Array>('exportBriefing', { request, format: 'beats-xlsx' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(beats) as unknown as ArrayBuffer);
    const names = (wb2.worksheets[0].getColumn(1).values as unknown[]).filter((v): v is string => typeof v === 'string');
    expect(names).toContain(`'${EVIL_BEAT}`);
    expect(wb2.worksheets[0].getCell('F5').value).toBe(d.beats[0].count);
  });

  it('hotspots GeoJSON: WGS84 MultiPolygons of the hot cells, one feature per hotspot', async () => {
    const d = await call<BriefingData>('getBriefingData', { request });
    const fc = JSON.parse(text(await call<Uint8Array>('exportBriefing', { request, format: 'hotspots-geojson' }))) as FeatureCollection;
    expect(fc.type).toBe('FeatureCollection');
    const hotspots = d.beats.flatMap((b) => b.hotspots.map((h) => ({ ...h, beat: b.name })));
    expect(fc.features).toHaveLength(hotspots.length);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('MultiPolygon');
      for (const poly of (f.geometry as MultiPolygon).coordinates) {
        for (const ring of poly) {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const [lon, lat] of ring) {
            expect(lon).toBeGreaterThan(14);
            expect(lon).toBeLessThan(24.2);
            expect(lat).toBeGreaterThan(49);
            expect(lat).toBeLessThan(55);
          }
        }
      }
      const h = hotspots.find((x) => x.rank === f.properties!.rank && x.beat === f.properties!.beat)!;
      expect(f.properties!.count).toBe(h.count);
      expect((f.geometry as MultiPolygon).coordinates).toHaveLength(h.cells);
    }
  });
});

describe('exportBriefing (public)', () => {
  const pub = { threshold: 3 };
  it('beats CSV from public data only: labels for hidden counts, no report traces', async () => {
    const bytes = await call<Uint8Array>('exportBriefing', { request, format: 'beats-csv', public: pub });
    const rows = parseCsv(bytes);
    expect(rows[0].slice(0, 4)).toEqual(['Rejon', 'Zgłoszenia', 'Zgłoszenia (okres porównawczy)', 'Zmiana %']);
    for (const r of rows.slice(1)) for (const c of r.slice(1, 3)) expect(c === '<3' || c === '*' || Number(c) >= 3).toBe(true);
    expect(findLeaks(text(bytes), traces)).toEqual([]);
    expect(text(bytes)).not.toMatch(/Opis zgłoszenia|Dzielnicowy|Nowak/);
  });

  it('hexagon GeoJSON and XLSX: grid cells with counts, no points, no report traces', async () => {
    const bytes = await call<Uint8Array>('exportBriefing', { request, format: 'hotspots-geojson', public: pub });
    const fc = JSON.parse(text(bytes)) as FeatureCollection;
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('Polygon');
      expect(Object.keys(f.properties!).sort()).toEqual(expect.arrayContaining(['count', 'districtId', 'id', 'label']));
      if (f.properties!.count !== null) expect(f.properties!.count).toBeGreaterThanOrEqual(3);
    }
    expect(findLeaks(text(bytes), traces).filter((l) => !/itude/.test(l))).toEqual([]);
    const stripped = JSON.stringify({ ...fc, features: fc.features.map((f) => ({ ...f, geometry: null })) });
    expect(findLeaks(stripped, traces)).toEqual([]);

    const xlsx = await call<Uint8Array>('exportBriefing', { request, format: 'hotspots-xlsx', public: pub });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(4 + fc.features.length);
  });

  it('rejects an unknown format and a threshold below 3', async () => {
    await expect(call('exportBriefing', { request, format: 'pdf' })).rejects.toThrow(/format/);
    await expect(call('exportBriefing', { request, format: 'beats-csv', public: { threshold: 1 } })).rejects.toThrow(/threshold/);
  });
});

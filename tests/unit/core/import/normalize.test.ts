import { describe, expect, it } from 'vitest';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { warsawToUtc } from '../../../../src/core/domain/time';
import { analyzeSample, autoMap, createRowNormalizer, formatRejection, type NormalizeResult, type RawRecord } from '../../../../src/core/import';
import { voivodeships } from './helpers';

const HEADERS = ['Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'Data zdarzenia', 'Data modyfikacji', 'X', 'Y', 'TERYT', 'Opis', 'Jednostka', 'Rejon', 'Dzielnicowy'];
const mapping = autoMap(HEADERS).mapping;

function row(over: Partial<Record<string, string | number | Date | null>> = {}): RawRecord {
  return {
    'Nr zgłoszenia': '12345',
    Kategoria: 'Spozywanie alkoholu w miejscach niedozwolonych',
    Status: 'Potwierdzone',
    'Data utworzenia': '15.07.2025 22:15:00',
    'Data zdarzenia': '',
    'Data modyfikacji': '1752660000000',
    X: '548883,00',
    Y: '393423,00',
    TERYT: '1062011',
    Opis: '  Młodzież pije "piwo"; hałas\nco wieczór  ',
    Jednostka: 'KMP Piotrków Trybunalski',
    Rejon: 'Rejon 3',
    Dzielnicowy: 'st. sierż. Jan Kowalski',
    ...over,
  };
}

const vi = voivodeships();
const decisions = { coordinateKind: 'puwg92' as const, decimalComma: true };
const normalize = createRowNormalizer(mapping, decisions, { voivodeships: vi });

function rej(r: NormalizeResult) {
  if (r.ok) throw new Error('expected a rejection');
  return r.rejection;
}
function ok(r: NormalizeResult) {
  if (!r.ok) throw new Error(`unexpected rejection: ${r.rejection.message}`);
  return r.report;
}

describe('createRowNormalizer', () => {
  it('normalises a full Polish row', () => {
    const r = ok(normalize(row()));
    expect(r).toMatchObject({
      sourceId: '12345',
      category: 'Spożywanie alkoholu w miejscach niedozwolonych',
      categoryCode: 17,
      unknownCategory: false,
      status: 'Potwierdzone',
      statusCode: 3,
      createdAt: warsawToUtc(2025, 7, 15, 22, 15),
      eventAt: null,
      modifiedAt: 1752660000000,
      teryt: '1062011',
      description: 'Młodzież pije "piwo"; hałas\nco wieczór',
      unit: 'KMP Piotrków Trybunalski',
      beat: 'Rejon 3',
      officer: 'st. sierż. Jan Kowalski',
      x2180: 548883,
      y2180: 393423,
      warnings: null,
    });
    expect(r.lon).toBeCloseTo(19.703, 3);
    expect(r.lat).toBeCloseTo(51.4053, 3);
  });
  it('keeps unknown categories with a flag', () => {
    const r = ok(normalize(row({ Kategoria: '  Hałas nocny ' })));
    expect(r).toMatchObject({ category: 'Hałas nocny', categoryCode: 0, unknownCategory: true });
  });
  it('rejects unknown and empty statuses naming field and reason', () => {
    const a = rej(normalize(row({ Status: 'Zamknięte' })));
    expect(a).toMatchObject({ field: 'status', column: 'Status', reason: 'unknown-status', value: 'Zamknięte' });
    expect(formatRejection('eksport.csv', 17, a)).toBe('eksport.csv, row 17, column "Status": unknown status "Zamknięte" [status: unknown-status]');
    expect(rej(normalize(row({ Status: ' ' })))).toMatchObject({ field: 'status', reason: 'missing' });
  });
  it('rejects missing id / category / created date', () => {
    expect(rej(normalize(row({ 'Nr zgłoszenia': '' })))).toMatchObject({ field: 'sourceId', reason: 'missing' });
    expect(rej(normalize(row({ Kategoria: null })))).toMatchObject({ field: 'category', reason: 'missing' });
    expect(rej(normalize(row({ 'Data utworzenia': '' })))).toMatchObject({ field: 'createdAt', reason: 'missing' });
  });
  it('rejects invalid created dates with the date reason', () => {
    expect(rej(normalize(row({ 'Data utworzenia': '31.02.2025 10:00' })))).toMatchObject({ field: 'createdAt', column: 'Data utworzenia', reason: 'invalid-calendar-date', value: '31.02.2025 10:00' });
    expect(rej(normalize(row({ 'Data utworzenia': 'wczoraj' })))).toMatchObject({ field: 'createdAt', reason: 'invalid-date' });
    expect(rej(normalize(row({ 'Data utworzenia': '01.01.1970' })))).toMatchObject({ field: 'createdAt', reason: 'date-out-of-range' });
  });
  it('optional dates and TERYT: bad values become warnings, not rejections', () => {
    const r = ok(normalize(row({ 'Data zdarzenia': '30.02.2025', TERYT: 'Piotrków' })));
    expect(r.eventAt).toBeNull();
    expect(r.teryt).toBeNull();
    expect(r.warnings).toEqual([
      { field: 'eventAt', column: 'Data zdarzenia', reason: 'invalid-calendar-date', value: '30.02.2025' },
      { field: 'teryt', column: 'TERYT', reason: 'invalid-teryt', value: 'Piotrków' },
    ]);
    expect(ok(normalize(row())).warnings).toBeNull();
    expect(ok(normalize(row({ TERYT: 206011 }))).teryt).toBe('0206011');
  });
  it('rejects 0/0, non-numbers and points outside Poland with reasons', () => {
    expect(rej(normalize(row({ X: '0', Y: '0' })))).toMatchObject({ field: 'x', reason: 'zero-coordinates' });
    expect(rej(normalize(row({ X: 'abc' })))).toMatchObject({ field: 'x', column: 'X', reason: 'invalid-number', value: 'abc' });
    expect(rej(normalize(row({ Y: '' })))).toMatchObject({ field: 'y', reason: 'missing' });
    const [e, n] = toPuwg92(13.405, 52.52); // Berlin
    const out = rej(normalize(row({ X: String(e), Y: String(n) })));
    expect(out).toMatchObject({ field: 'x', reason: 'outside-poland' });
    expect(out.message).toMatch(/outside Poland/);
    const deg = rej(normalize(row({ X: '19,703', Y: '51,4053' })));
    expect(deg.reason).toBe('outside-poland');
    expect(deg.message).toMatch(/look like WGS84/);
  });
  it('swapped EPSG:2180 and WGS84 decisions', () => {
    const sw = createRowNormalizer(mapping, { coordinateKind: 'puwg92-swapped', decimalComma: true }, { voivodeships: vi });
    const r = ok(sw(row({ X: '393423', Y: '548883' })));
    expect(r.lon).toBeCloseTo(19.703, 3);
    expect(r.x2180).toBe(548883);
    const wgs = createRowNormalizer(mapping, { coordinateKind: 'wgs84-swapped', decimalComma: false });
    const w = ok(wgs(row({ X: '51.4053', Y: '19.703' })));
    expect([w.lon, w.lat]).toEqual([19.703, 51.4053]);
    expect(w.x2180).toBeCloseTo(548883, -1);
  });
  it("unknown CRS rejects every row with reason 'unknown-crs'", () => {
    const u = createRowNormalizer(mapping, { coordinateKind: 'unknown', decimalComma: true });
    expect(rej(u(row()))).toMatchObject({ reason: 'unknown-crs' });
  });
  it('Date objects and Excel serials (XLSX) in date columns', () => {
    const r = ok(normalize(row({ 'Data utworzenia': new Date(Date.UTC(2025, 6, 15, 22, 15)), 'Data modyfikacji': 45853.5 })));
    expect(r.createdAt).toBe(warsawToUtc(2025, 7, 15, 22, 15));
    expect(r.modifiedAt).toBe(warsawToUtc(2025, 7, 15, 12));
  });
  it('unmapped required fields reject as missing', () => {
    const n = createRowNormalizer({ ...mapping, status: undefined }, decisions);
    expect(rej(n(row()))).toMatchObject({ field: 'status', column: null, reason: 'missing' });
  });
});

describe('analyzeSample', () => {
  it('decides decimal comma and swapped EPSG:2180 from a Piotrków sample with TERYT', () => {
    const recs = Array.from({ length: 40 }, (_, i) => {
      const [e, n] = toPuwg92(19.68 + (i % 7) * 0.01, 51.39 + (i % 5) * 0.01);
      return row({ X: n.toFixed(2).replace('.', ','), Y: e.toFixed(2).replace('.', ',') });
    });
    const a = analyzeSample(recs, mapping, { voivodeships: vi });
    expect(a.decisions).toEqual({ coordinateKind: 'puwg92-swapped', decimalComma: true });
    expect(a.coordinates.decidedBy).toBe('teryt');
    expect(a.withCoordinates).toBe(40);
    const n = createRowNormalizer(mapping, a.decisions, { voivodeships: vi });
    const r = ok(n(recs[0]));
    expect(r.lon).toBeCloseTo(19.68, 4);
    expect(r.lat).toBeCloseTo(51.39, 4);
  });
  it('WGS84 lat/lon columns with dots', () => {
    const m = autoMap(['ID', 'Typ', 'Status', 'Data utworzenia', 'lat', 'lon']).mapping;
    const recs = [{ ID: '1', Typ: 'Żebractwo', Status: 'Nowe', 'Data utworzenia': '2025-01-01', lat: '51.4053', lon: '19.703' }];
    const a = analyzeSample(recs, m, { voivodeships: vi });
    expect(a.decisions).toEqual({ coordinateKind: 'wgs84', decimalComma: false });
  });
  it('warns when undecidable, honours overrides', () => {
    const a = analyzeSample([row({ X: 'x', Y: 'y' })], mapping);
    expect(a.decisions.coordinateKind).toBe('unknown');
    expect(a.warnings.length).toBeGreaterThan(0);
    const b = analyzeSample([row()], mapping, { coordinateKind: 'puwg92-swapped', decimalComma: false });
    expect(b.decisions).toEqual({ coordinateKind: 'puwg92-swapped', decimalComma: false });
  });
});

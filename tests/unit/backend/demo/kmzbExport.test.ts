import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { synthesizeDemo } from '../../../../src/backend/demo/synth';
import type { DemoDataset } from '../../../../src/backend/demo/synth';
import { KMZB_EXPORT_HEADER, csvField, writeKmzbExport } from '../../../../src/backend/demo/kmzbExport';
import { fromPuwg92, toPuwg92 } from '../../../../src/core/domain/crs';
import { formatWarsawPolish } from '../../../../src/core/domain/time';
import { tmpDir } from '../../../helpers/tmp';

let data: DemoDataset;
let tmp: { dir: string; cleanup(): void };
let file: string;
let bytes: Buffer;
let text: string;
let rows: string[][];

beforeAll(() => {
  data = synthesizeDemo({ seed: 1 });
  tmp = tmpDir('rejon-kmzb-');
  file = path.join(tmp.dir, 'sub', 'eksport.csv');
  writeKmzbExport(data, file);
  bytes = fs.readFileSync(file);
  text = new TextDecoder('windows-1250').decode(bytes);
  const parsed = Papa.parse<string[]>(text, { delimiter: ';', quoteChar: '"', newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  rows = parsed.data;
});
afterAll(() => tmp.cleanup());

const metres = (lon1: number, lat1: number, lon2: number, lat2: number) => {
  const [x1, y1] = toPuwg92(lon1, lat1);
  const [x2, y2] = toPuwg92(lon2, lat2);
  return Math.hypot(x1 - x2, y1 - y2);
};

describe('writeKmzbExport', () => {
  it('writes windows-1250 without BOM and with CRLF row ends', () => {
    expect(bytes[0]).not.toBe(0xef);
    expect(bytes.includes(0xb3)).toBe(true); // "ł" in windows-1250
    expect(bytes.includes(Buffer.from('ł', 'utf8'))).toBe(false);
    expect(text.startsWith(`${KMZB_EXPORT_HEADER.join(';')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    // Each record ends with CRLF; line breaks inside descriptions are bare LF inside quotes.
    expect(text.split('\r\n').length - 1).toBe(data.reports.length + 1);
    expect(text).not.toMatch(/\uFFFD/);
  });

  it('reads back with papaparse: header, row count and every field', () => {
    expect(rows[0]).toEqual([...KMZB_EXPORT_HEADER]);
    expect(rows.length).toBe(data.reports.length + 1);
    rows.slice(1).forEach((row, i) => {
      const r = data.reports[i];
      expect(row.length).toBe(13);
      expect(row[0]).toBe(r.sourceId);
      expect(row[1]).toBe(r.category);
      expect(row[2]).toBe(r.status);
      expect(row[3]).toBe(formatWarsawPolish(r.createdAt));
      expect(row[4]).toBe(r.eventAt === null ? '' : formatWarsawPolish(r.eventAt));
      expect(row[5]).toBe(formatWarsawPolish(r.modifiedAt));
      expect(row[8]).toBe(r.teryt ?? '');
      expect(row[9]).toBe(r.description);
      expect(row[10]).toBe(r.unit);
      expect(row[11]).toBe(r.beat);
      expect(row[12]).toBe(r.officer);
    });
  });

  it('keeps Polish letters, quotes and multi-line descriptions', () => {
    const body = rows.slice(1);
    expect(body.some((r) => r[1] === 'Spożywanie alkoholu w miejscach niedozwolonych')).toBe(true);
    expect(body.some((r) => r[2] === 'Żart lub pomyłka')).toBe(true);
    const multi = body.find((r) => r[9].includes('\n'));
    expect(multi).toBeDefined();
    expect(body.some((r) => r[9].includes('"') && r[9].includes('ś'))).toBe(true);
    expect(body.some((r) => r[9].includes(';'))).toBe(true);
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}/);
  });

  it('writes EPSG:2180 easting (X) and northing (Y) with a decimal comma, within 1 m', () => {
    for (const [i, row] of rows.slice(1).entries()) {
      expect(row[6]).toMatch(/^\d{6},\d{2}$/);
      expect(row[7]).toMatch(/^\d{6},\d{2}$/);
      const x = Number(row[6].replace(',', '.'));
      const y = Number(row[7].replace(',', '.'));
      expect(x).toBeGreaterThan(450_000); // easting around Piotrków (~549k)
      expect(x).toBeLessThan(620_000);
      expect(y).toBeGreaterThan(330_000); // northing (~393k)
      expect(y).toBeLessThan(460_000);
      const [lon, lat] = fromPuwg92(x, y);
      expect(metres(lon, lat, data.reports[i].lon, data.reports[i].lat)).toBeLessThan(1);
    }
  });

  it('quotes only fields that need it', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });
});

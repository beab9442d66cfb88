import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { ImportFileError, inspectFile, openReader, type TableReader } from '../../../../src/backend/import/readers';
import { analyzeSample, createRowNormalizer, formatRowError, type RawRow } from '../../../../src/core/import';
import { voivodeships } from '../../core/import/helpers';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), 'rejon-csv-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function write(name: string, data: string | Uint8Array): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, data);
  return p;
}
async function all(reader: TableReader): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of reader.rows()) out.push(r);
  await reader.close();
  return out;
}

const POLISH = [
  'Nr zgłoszenia;Kategoria;Status;Data utworzenia;X;Y;TERYT;Opis',
  '1001;Spożywanie alkoholu w miejscach niedozwolonych;Potwierdzone;15.07.2025 22:15;548883,12;393423,5;1062011;"Ławka; źródło ""hałasu""',
  'druga linia opisu"',
  '1002;Nieprawidłowe parkowanie;Nowe;16.07.2025 08:00:30;548900,00;393400,00;1062011;Auta na chodniku',
  '',
  '1003;Żebractwo;Weryfikacja;17.07.2025;548950,00;393500,00;;',
].join('\r\n') + '\r\n';

describe('CSV reader', () => {
  for (const [enc, label] of [['win1250', 'windows-1250'], ['iso-8859-2', 'iso-8859-2'], ['utf8', 'utf-8']] as const) {
    it(`reads a ${label} file with a quoted multi-line field; row numbers as in Excel`, async () => {
      const p = await write(`polish-${enc}.csv`, iconv.encode(POLISH, enc));
      const reader = await openReader(p);
      expect(reader.format).toBe('csv');
      expect(reader.csv).toMatchObject({ delimiter: ';', newline: '\r\n' });
      expect(reader.csv!.encoding.encoding).toBe(label);
      expect(reader.headers).toEqual(['Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'X', 'Y', 'TERYT', 'Opis']);
      const rows = await all(reader);
      expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 5]); // blank line (row 4) skipped but counted
      expect(rows[0].record.Opis).toBe('Ławka; źródło "hałasu"\r\ndruga linia opisu');
      expect(rows[0].record.Kategoria).toBe('Spożywanie alkoholu w miejscach niedozwolonych');
      expect(rows[2].record.Opis).toBe('');
      expect(rows[2].record.Kategoria).toBe('Żebractwo');
    });
  }

  it('reads UTF-8 with BOM, comma delimiter, LF and a short row', async () => {
    const p = await write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ID,Typ,Status\n1,"a, b",Nowe\n2,c\n', 'utf8')]));
    const reader = await openReader(p);
    expect(reader.headers).toEqual(['ID', 'Typ', 'Status']);
    expect(reader.csv!.encoding).toMatchObject({ encoding: 'utf-8', bomLength: 3 });
    const rows = await all(reader);
    expect(rows[0].record).toEqual({ ID: '1', Typ: 'a, b', Status: 'Nowe' });
    expect(rows[1].record).toEqual({ ID: '2', Typ: 'c', Status: null });
  });

  it('honours "sep=" (hidden by Excel, not counted), TAB, duplicate and empty headers', async () => {
    const p = await write('sep.csv', 'sep=\t\nA\tA\t\tB\n1\t2\t3\t4\n');
    const reader = await openReader(p);
    expect(reader.csv).toMatchObject({ delimiter: '\t', fromSepHint: true });
    expect(reader.headers).toEqual(['A', 'A (2)', 'Column 3', 'B']);
    const rows = await all(reader);
    expect(rows).toEqual([{ rowNumber: 2, record: { A: '1', 'A (2)': '2', 'Column 3': '3', B: '4' } }]);
  });

  it('flags rows with more fields than the header', async () => {
    const p = await write('extra.csv', 'a;b\n1;2;3\n4;5;\n');
    const rows = await all(await openReader(p));
    expect(rows[0].issue?.message).toMatch(/3 fields but the header has 2/);
    expect(rows[1].issue).toBeUndefined();
    expect(formatRowError('extra.csv', rows[0].rowNumber, rows[0].issue!.column, rows[0].issue!.message)).toMatch(/^extra\.csv, row 2: /);
  });

  it('streams a multi-chunk windows-1250 file; quoted line breaks across 1 MiB chunk borders', async () => {
    const lines = ['id;opis;x'];
    const n = 40000;
    for (let i = 0; i < n; i++) lines.push(`${i};"Zażółć gęślą jaźń ${i}\nlinia; druga ""${i}""";${i},5`);
    const p = await write('big.csv', iconv.encode(lines.join('\r\n') + '\r\n', 'win1250'));
    const reader = await openReader(p);
    let count = 0;
    let bad = 0;
    for await (const batch of reader.batches(777)) {
      for (const r of batch) {
        const i = count++;
        if (r.rowNumber !== i + 2 || r.record.id !== String(i) || r.record.opis !== `Zażółć gęślą jaźń ${i}\nlinia; druga "${i}"` || r.record.x !== `${i},5`) bad++;
      }
    }
    await reader.close();
    expect(reader.totalBytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(reader.bytesRead()).toBe(reader.totalBytes);
    expect(bad).toBe(0);
    expect(count).toBe(n);
  });

  it('detects windows-1250 when Polish letters only appear after the first 256 KiB', async () => {
    const lines = ['id;opis'];
    for (let i = 0; i < 20000; i++) lines.push(`${i};ascii only text`);
    lines.push('20000;Świętokrzyskie źródło ąę');
    const p = await write('late.csv', iconv.encode(lines.join('\n') + '\n', 'win1250'));
    const rows = await all(await openReader(p));
    expect(rows.at(-1)!.record.opis).toBe('Świętokrzyskie źródło ąę');
  });

  it('forced encoding and delimiter', async () => {
    const p = await write('forced.csv', iconv.encode('a|b\nś|ź\n', 'iso-8859-2'));
    const reader = await openReader(p, { encoding: 'iso-8859-2', delimiter: '|' });
    expect((await all(reader))[0].record).toEqual({ a: 'ś', b: 'ź' });
  });

  it('gives one clear error naming the file for unreadable files', async () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['empty.csv', '', /"empty\.csv".*empty/],
      ['garbage.csv', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /"garbage\.csv".*binary/],
      ['blank.csv', '\n\n\n', /"blank\.csv".*no header/],
      ['onecol.csv', 'just some text\nanother line\n', /"onecol\.csv".*only one column/],
      ['old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /"old\.xls".*\.xls/],
    ];
    for (const [name, data, re] of cases) {
      const p = await write(name, data);
      const err = await openReader(p).then(() => null, (e: unknown) => e);
      expect(err, name).toBeInstanceOf(ImportFileError);
      expect((err as Error).message, name).toMatch(re);
    }
    const missing = await openReader(path.join(dir, 'nope.csv')).then(() => null, (e: unknown) => e);
    expect((missing as Error).message).toMatch(/"nope\.csv"/);
  });

  it('unterminated quote at the end of the file does not hang or lose earlier rows', async () => {
    const p = await write('unterminated.csv', 'a;b\n1;2\n3;"never closed\n4;5\n');
    const rows = await all(await openReader(p));
    expect(rows[0].record).toEqual({ a: '1', b: '2' });
    expect(rows).toHaveLength(2);
    expect(rows[0].issue).toBeUndefined();
    expect(rows[1]).toMatchObject({ rowNumber: 3, issue: { message: expect.stringMatching(/never closed/) } });
  });
});

describe('end to end: inspect -> analyse -> normalise', () => {
  it('imports a Polish windows-1250 export', async () => {
    const p = await write('e2e.csv', iconv.encode(POLISH, 'win1250'));
    const vi = voivodeships();
    const info = await inspectFile(p);
    expect(info.sampleIsWholeFile).toBe(true);
    expect(info.proposal.missingRequired).toEqual([]);
    const analysis = analyzeSample(info.sample.map((r) => r.record), info.proposal.mapping, { voivodeships: vi });
    expect(analysis.decisions).toEqual({ coordinateKind: 'puwg92', decimalComma: true });
    const normalize = createRowNormalizer(info.proposal.mapping, analysis.decisions, { voivodeships: vi });
    const reader = await openReader(p);
    const results = (await all(reader)).map((r) => normalize(r.record));
    expect(results.every((r) => r.ok)).toBe(true);
    const first = results[0].ok ? results[0].report : null;
    expect(first?.description).toBe('Ławka; źródło "hałasu"\r\ndruga linia opisu');
    expect(first?.lat).toBeCloseTo(51.4053, 3);
  });
  it('inspectFile sample limit', async () => {
    const lines = ['id;b'];
    for (let i = 0; i < 50; i++) lines.push(`${i};x`);
    const p = await write('sample.csv', lines.join('\n'));
    const info = await inspectFile(p, {}, 10);
    expect(info.sample).toHaveLength(10);
    expect(info.sampleIsWholeFile).toBe(false);
  });
});

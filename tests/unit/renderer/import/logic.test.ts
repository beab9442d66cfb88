import { describe, expect, it } from 'vitest';
import { decideCoordinateKind } from '../../../../src/core/import/coordinates';
import { msg } from '../../../../src/core/message';
import { translate } from '../../../../src/shared/i18n';
import {
  ProgressTracker,
  bytesToBase64,
  chunkRanges,
  cleanMapping,
  coordinateKindLabel,
  groupRejections,
  mappingProblems,
  parseQuarantineReason,
  parseRawRow,
  previewUsesDecimalComma,
  sameMapping,
  UPLOAD_CHUNK_BYTES,
} from '../../../../src/renderer/import/logic';
import { fmt, importMessages } from '../../../../src/renderer/import/messages';

const HEADERS = ['Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'X', 'Y', 'Opis'];
const FULL = { sourceId: 'Nr zgłoszenia', category: 'Kategoria', status: 'Status', createdAt: 'Data utworzenia', x: 'X', y: 'Y' };

describe('import view logic', () => {
  it('plans upload chunks within the 8 MiB contract limit, offsets contiguous', () => {
    expect(chunkRanges(0)).toEqual([]);
    expect(chunkRanges(10)).toEqual([[0, 10]]);
    const size = 3 * UPLOAD_CHUNK_BYTES + 5;
    const r = chunkRanges(size);
    expect(r).toHaveLength(4);
    for (let i = 1; i < r.length; i++) expect(r[i][0]).toBe(r[i - 1][1]);
    expect(r.at(-1)![1]).toBe(size);
    expect(UPLOAD_CHUNK_BYTES).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  it('base64-encodes bytes like Node does (large inputs too)', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 31) & 255);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array([0xb3, 0xb9]))).toBe(Buffer.from([0xb3, 0xb9]).toString('base64'));
  });

  it('names missing required fields and columns used twice, in Polish and English', () => {
    expect(mappingProblems(FULL, HEADERS, 'pl')).toEqual([]);
    const { status: _s, x: _x, ...missing } = FULL;
    const p = mappingProblems(missing, HEADERS, 'pl');
    expect(p).toHaveLength(1);
    expect(p[0].text).toBe('Brak kolumny dla pól wymaganych: Status, X / długość.');
    const twice = mappingProblems({ ...FULL, description: 'Kategoria' }, HEADERS, 'en');
    expect(twice.map((x) => x.kind)).toEqual(['used-twice']);
    expect(twice[0].text).toContain('Category, Description');
    // a column that is not in the file counts as missing
    expect(mappingProblems({ ...FULL, y: 'Nie ma' }, HEADERS, 'pl')[0].text).toContain('Y / szerokość');
  });

  it('cleans and compares mappings', () => {
    expect(cleanMapping({ ...FULL, teryt: '' })).toEqual(FULL);
    expect(sameMapping(FULL, { ...FULL })).toBe(true);
    expect(sameMapping(FULL, { ...FULL, x: 'Y', y: 'X' })).toBe(false);
  });

  it('groups rejections by reason and field with example rows, largest first', () => {
    const r = (row: number, reason: string, field = 'status') => ({ row, field, column: field, reason, message: 'm', value: String(row) });
    const g = groupRejections([r(2, 'unknown-status'), r(3, 'outside-poland', 'x'), r(4, 'unknown-status'), r(5, 'unknown-status'), r(6, 'unknown-status')], 3);
    expect(g.map((x) => [x.reason, x.count])).toEqual([
      ['unknown-status', 4],
      ['outside-poland', 1],
    ]);
    expect(g[0].examples.map((e) => e.row)).toEqual([2, 4, 5]);
  });

  it('parses quarantine reasons and raw rows', () => {
    expect(parseQuarantineReason('unknown-status: unknown status "X: y"')).toEqual({ code: 'unknown-status', message: 'unknown status "X: y"' });
    expect(parseQuarantineReason('odd')).toEqual({ code: 'odd', message: '' });
    expect(parseRawRow('{"Nr zgłoszenia":"1","X":null}')).toEqual([
      ['Nr zgłoszenia', '1'],
      ['X', ''],
    ]);
    expect(parseRawRow('not json')).toEqual([['', 'not json']]);
    expect(parseRawRow(null)).toEqual([]);
  });

  // Was: explainCoordinates()/translateWarning() rewording the backend's English sentences with regexes. The
  // decision and the warnings are message codes now; this checks them through the one i18n layer instead.
  it('says every coordinate decision of the backend in Polish through the catalogue (nothing left in English)', () => {
    const inPl = (pairs: { a: number; b: number; teryt?: string }[], opts = {}) => translate('pl', decideCoordinateKind(pairs, opts).msg);
    // Piotrków market square read both ways, nothing decides: the user must choose (no "Esri order" default)
    const undecided = decideCoordinateKind([{ a: 393423, b: 548883 }]);
    expect(undecided).toMatchObject({ kind: 'undecided', candidates: ['puwg92', 'puwg92-swapped'] });
    expect(translate('pl', undecided.msg)).toContain('Obie kolejności kolumn X/Y dają położenia w Polsce');
    expect(inPl([{ a: 19.7, b: 51.4 }])).toContain('1 z 1 sprawdzonych par');
    expect(inPl([{ a: 0.5, b: 0.5 }])).toContain('Żadna z 1');
    expect(inPl([{ a: 19.7, b: 51.4 }], { override: 'puwg92' })).toBe('Wybrane przez użytkownika dla tego importu.');
    expect(coordinateKindLabel('puwg92-swapped', 'pl')).toMatch(/^PUWG 1992 \(EPSG:2180\): X = północna/);
    expect(coordinateKindLabel('undecided', 'pl')).toBe('nie rozstrzygnięto kolejności osi X/Y');
    expect(coordinateKindLabel('puwg92', 'en')).toContain('X = easting');
    const teryt = translate('pl', msg('coords.decided.teryt', { n: 43, total: 43, other: 0 }));
    expect(teryt).toContain('43 z 43 wierszy z kodem TERYT');
    for (const code of ['coords.decided.territory', 'coords.decided.beats', 'coords.decided.reports', 'coords.undecided.weak', 'coords.undecided.contradictory']) {
      expect(translate('pl', msg(code, { n: 3, total: 4, other: 0 }))).not.toMatch(/rows|pairs|this way|territory/);
    }
    expect(translate('pl', msg('coords.warn.mixedDecimal', { comma: 3, dot: 2 }))).toBe('Kolumny współrzędnych mieszają przecinki dziesiętne (3) i kropki (2).');
  });

  it('tells the decimal comma from the preview of the X column', () => {
    expect(previewUsesDecimalComma(['X'], [['393423,10'], ['393500,5']], 'X')).toBe(true);
    expect(previewUsesDecimalComma(['X'], [['19.70']], 'X')).toBe(false);
    expect(previewUsesDecimalComma(['X'], [['']], 'X')).toBeNull();
    expect(previewUsesDecimalComma(['X'], [['1,5']], undefined)).toBeNull();
  });

  it('computes rows/s and ETA from job progress (pl-PL row counts with non-breaking spaces)', () => {
    const t = new ProgressTracker();
    t.update(0, 0.1, '10\u00a0000');
    expect(t.rows).toBe(10_000);
    t.update(2000, 0.3, '30\u00a0000');
    expect(t.rate).toBeCloseTo(10_000);
    expect(t.etaSec).toBeCloseTo(7, 5); // 0.2 per 2 s -> 0.7 left = 7 s
    t.update(2500, 0.99, 'indexing');
    expect(t.rows).toBe(30_000);
  });

  it('has every message in both languages and fills placeholders', () => {
    expect(Object.keys(importMessages.en).sort()).toEqual(Object.keys(importMessages.pl).sort());
    for (const lang of ['pl', 'en'] as const) for (const v of Object.values(importMessages[lang])) expect(v.trim()).not.toBe('');
    expect(fmt(importMessages.pl.unreadable, { file: 'a.csv' })).toBe('Nie można odczytać pliku „a.csv”.');
  });
});

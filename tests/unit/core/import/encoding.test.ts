import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { createAdaptiveDecoder, detectEncoding, looksBinary, validateUtf8 } from '../../../../src/core/import';

const TEXT = 'Nr zgłoszenia;Kategoria;Opis\n1;Spożywanie alkoholu w miejscach niedozwolonych;Ścieżka przy źródle, gąszcz; ŹLE oświetlona Ąąś\n';

describe('detectEncoding', () => {
  it('detects windows-1250 from ą ś ź bytes', () => {
    const d = detectEncoding(iconv.encode(TEXT, 'win1250'));
    expect(d.encoding).toBe('windows-1250');
    expect(d.confidence).toBe('high');
  });
  it('detects ISO-8859-2 from ą ś ź bytes', () => {
    const d = detectEncoding(iconv.encode(TEXT, 'iso-8859-2'));
    expect(d.encoding).toBe('iso-8859-2');
    expect(d.confidence).toBe('high');
  });
  it('detects UTF-8 with and without BOM', () => {
    const plain = detectEncoding(Buffer.from(TEXT, 'utf8'));
    expect(plain).toMatchObject({ encoding: 'utf-8', bomLength: 0, confidence: 'certain' });
    const bom = detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]));
    expect(bom).toMatchObject({ encoding: 'utf-8', bomLength: 3, confidence: 'certain' });
  });
  it('detects UTF-16LE with BOM (Excel "Unicode text")', () => {
    const d = detectEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]));
    expect(d.encoding).toBe('utf-16le');
  });
  it('text with only letters shared by both code pages (ę ó ł ń ć ż) defaults to windows-1250', () => {
    const d = detectEncoding(iconv.encode('Żółw łże, ćma nęka', 'win1250'));
    expect(d.encoding).toBe('windows-1250');
  });
  it('tolerates a UTF-8 sequence cut at the end of the sample', () => {
    const b = Buffer.from('Zażółć', 'utf8');
    expect(validateUtf8(b.subarray(0, b.length - 1))).toBe('utf8');
    expect(validateUtf8(b.subarray(0, b.length - 1), 0, false)).toBe('invalid');
    expect(detectEncoding(b.subarray(0, b.length - 1)).encoding).toBe('utf-8');
  });
  it('rejects overlong and surrogate UTF-8', () => {
    expect(validateUtf8(new Uint8Array([0xc0, 0xaf]))).toBe('invalid');
    expect(validateUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe('invalid');
  });
  it('decodes all three encodings back to the same text', () => {
    for (const enc of ['win1250', 'iso-8859-2', 'utf8']) {
      const bytes = iconv.encode(TEXT, enc);
      const d = detectEncoding(bytes);
      expect(new TextDecoder(d.encoding).decode(bytes)).toBe(TEXT);
    }
  });
});

describe('createAdaptiveDecoder', () => {
  it('switches from an ASCII-only guess to windows-1250 when Polish bytes appear later', () => {
    const head = Buffer.from('id;opis\n1;abc\n', 'ascii');
    const tail = iconv.encode('2;Źródło świateł ąę\n', 'win1250');
    const det = detectEncoding(head);
    expect(det.asciiOnly).toBe(true);
    const dec = createAdaptiveDecoder(det);
    const out = dec.decode(head) + dec.decode(tail, true);
    expect(out).toBe('id;opis\n1;abc\n2;Źródło świateł ąę\n');
    expect(dec.encoding).toBe('windows-1250');
  });
  it('decodes a UTF-8 character split across chunks', () => {
    const b = Buffer.from('ąąą', 'utf8');
    const dec = createAdaptiveDecoder(detectEncoding(b));
    expect(dec.decode(b.subarray(0, 3)) + dec.decode(b.subarray(3), true)).toBe('ąąą');
  });
});

describe('looksBinary', () => {
  it('flags NUL bytes and control noise, not text', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]))).toBe(true);
    expect(looksBinary(iconv.encode(TEXT, 'win1250'))).toBe(false);
  });
});

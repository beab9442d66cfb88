import { describe, expect, it } from 'vitest';
import { detectDecimalComma, detectDelimiter, detectNewline, parseSepHint } from '../../../../src/core/import';

describe('detectDelimiter', () => {
  it('detects ; , TAB and |', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5;6\n').delimiter).toBe(';');
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6\n').delimiter).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n').delimiter).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n').delimiter).toBe('|');
  });
  it('is not fooled by commas in text and decimal commas with ;', () => {
    const t = 'Nr;Opis;X\n1;Ławka, kosz, śmieci;548883,5\n2;Psy, koty;548000,1\n3;Nic;1,5\n';
    expect(detectDelimiter(t)).toMatchObject({ delimiter: ';', fields: 3, consistency: 1 });
  });
  it('handles quoted fields holding delimiters, quotes and line breaks', () => {
    const t = 'id,opis,x\n1,"Pierwsza linia;\ndruga, linia ""cytat""",5\n2,"a;b;c;d\n;;;",6\n3,zwykły,7\n';
    expect(detectDelimiter(t, true)).toMatchObject({ delimiter: ',', fields: 3, consistency: 1 });
    const s = 'id;opis;x\n1;"a,b,c\nd,e";5\n2;"x,,,,y";6\n';
    expect(detectDelimiter(s, true)).toMatchObject({ delimiter: ';', fields: 3 });
  });
  it('drops a record cut at the end of a sample', () => {
    const t = 'a;b;c\n1;2;3\n4;5;6\n7;"unterminated, with, commas, ...';
    expect(detectDelimiter(t, false).delimiter).toBe(';');
  });
  it('honours an Excel sep= line', () => {
    expect(parseSepHint('sep=,\r\na,b\n')).toEqual({ delimiter: ',', length: 7 });
    expect(detectDelimiter('sep=|\na;b;c\n1;2;3\n')).toMatchObject({ delimiter: '|', fromHint: true });
    expect(parseSepHint('separator;x\n')).toBeNull();
  });
});

describe('detectNewline', () => {
  it('finds CRLF / LF outside quotes', () => {
    expect(detectNewline('a;"b\nc"\r\n1;2\r\n')).toBe('\r\n');
    expect(detectNewline('a;b\n1;2\n')).toBe('\n');
  });
});

describe('detectDecimalComma', () => {
  it('votes on string values only', () => {
    expect(detectDecimalComma(['548883,12', '393423,5', 'x']).decimalComma).toBe(true);
    expect(detectDecimalComma(['548883.12', '393423.5']).decimalComma).toBe(false);
    expect(detectDecimalComma([548883.12, 393423.5]).decimalComma).toBe(false);
    expect(detectDecimalComma(['548 883,12']).decimalComma).toBe(true);
  });
});

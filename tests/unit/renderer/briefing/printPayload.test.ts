import { describe, expect, it } from 'vitest';
import { decodePrintPayload, encodePrintPayload, readPrintParam } from '../../../../src/renderer/briefing/printPayload';

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64url');

describe('print payload', () => {
  it('reads the print parameter next to the token, in either order', () => {
    expect(readPrintParam('#token=abc_DEF-1&print=eyJ9')).toBe('eyJ9');
    expect(readPrintParam('#print=eyJ9&token=abc')).toBe('eyJ9');
    expect(readPrintParam('#token=abc')).toBeNull();
    expect(readPrintParam('')).toBeNull();
    expect(readPrintParam('#token=abc&print=%%%')).toBe('%%%');
    expect(readPrintParam('#token=abc&reprint=x')).toBeNull();
    // the API client's token regex still finds the token in the same hash
    expect(/(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec('#token=abc_DEF-1&print=eyJ9')?.[1]).toBe('abc_DEF-1');
  });

  it('round-trips a request with Polish text, as the backend encodes it (Node base64url)', () => {
    const p = { request: { from: '2026-01-01', to: '2026-06-30', districtIds: [3, 13], title: 'Odprawa – Łódź, żółć' }, public: { threshold: 5 }, lang: 'en' as const };
    const enc = encodePrintPayload(p);
    expect(enc).toBe(b64url(p));
    expect(enc).not.toMatch(/[+/=]/);
    const d = decodePrintPayload(enc);
    expect(d.request.title).toBe('Odprawa – Łódź, żółć');
    expect(d.public).toEqual({ threshold: 5, hexSize: 500 }); // schema defaults filled
    expect(d.lang).toBe('en');
  });

  it('fills defaults and accepts padded standard base64', () => {
    const d = decodePrintPayload(Buffer.from(JSON.stringify({ request: { from: '2026-01-01', to: '2026-01-31' } })).toString('base64'));
    expect(d.lang).toBe('pl');
    expect(d.public).toBeUndefined();
  });

  it('rejects what is not a valid payload with a message naming the problem', () => {
    expect(() => decodePrintPayload('')).toThrow(/empty/);
    expect(() => decodePrintPayload('%%%')).toThrow(/base64url/);
    expect(() => decodePrintPayload(b64url('{not json'))).toThrow(/cannot be read/);
    expect(() => decodePrintPayload(b64url({ request: { from: '2026-01-01' } }))).toThrow(/request\.to/);
    expect(() => decodePrintPayload(b64url({ request: { from: '2026-01-01', to: '2026-02-01' }, public: { threshold: 2 } }))).toThrow(/public\.threshold/);
    expect(() => decodePrintPayload(b64url({ request: { from: '2026-01-01', to: '2026-02-01' }, lang: 'de' }))).toThrow(/lang/);
    expect(() => decodePrintPayload(b64url({ request: { from: '2026-01-01', to: '2026-02-01', evil: 1 } }))).toThrow(/invalid print payload/);
    expect(() => decodePrintPayload(b64url({ request: { from: '2026-01-01', to: '2026-02-01' }, extra: true }))).toThrow(/invalid print payload/);
  });
});

/**
 * The print document's URL parameter: `#token=TOKEN&print=PAYLOAD` where
 * PAYLOAD = base64url(JSON.stringify({ request, public?, lang })). The backend opens this URL in headless
 * Chromium (or Electron) and prints it to PDF. Pure functions, unit-tested.
 */
import { z } from 'zod';
import { BriefingRequestSchema, PublicOptionsSchema, type BriefingRequest } from '../../shared/contract/briefing';

export const PrintPayloadSchema = z
  .object({
    request: BriefingRequestSchema,
    public: PublicOptionsSchema.optional(),
    lang: z.enum(['pl', 'en']).default('pl'),
  })
  .strict();

export interface PrintPayload {
  request: BriefingRequest;
  public?: { threshold: number; hexSize: number };
  lang: 'pl' | 'en';
}

/** The raw `print=` value of a location hash, or null when there is none. */
export function readPrintParam(hash: string): string | null {
  const m = /(?:^#?|[#&])print=([^&]*)/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1]; // not URI-encoded: decoding the payload itself reports what is wrong
  }
}

function bytesToBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlToBytes(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_+/-]*={0,2}$/.test(s)) throw new Error('the print payload is not base64url');
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const bin = atob(padded);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function encodePrintPayload(p: { request: BriefingRequest; public?: z.input<typeof PublicOptionsSchema>; lang: 'pl' | 'en' }): string {
  return bytesToBase64Url(new TextEncoder().encode(JSON.stringify(p)));
}

/** Decode and validate; throws an Error whose message names what is wrong. */
export function decodePrintPayload(raw: string): PrintPayload {
  if (!raw) throw new Error('the print payload is empty');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64UrlToBytes(raw)));
  } catch (e) {
    throw new Error(`the print payload cannot be read: ${(e as Error).message}`);
  }
  const res = PrintPayloadSchema.safeParse(json);
  if (!res.success) {
    throw new Error(`invalid print payload: ${res.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')}`);
  }
  return res.data as PrintPayload;
}

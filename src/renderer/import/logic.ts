/**
 * Pure helpers of the import view (no React, no DOM): the coordinate kind in words, grouping of rejections, mapping validation in the user's language, progress rate / ETA, sizes.
 */
import { FIELD_LABELS, IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField, type RejectionReason } from '../../core/import/types';
import { FILE_COORDINATE_KINDS, kindKey, type FileCoordinateKind } from '../../core/import/coordinates';
import { translate } from '../../shared/i18n';
import type { Mapping } from '../../core/import/mapping';
import { FIELD_LABELS_EN, REASON_LABELS, fmt, importMessages } from './messages';

export type Lang = 'pl' | 'en';

/** Chunk size for uploadChunk: the contract allows 8 MiB decoded; 4 MiB keeps the progress bar moving. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

export function fieldLabel(field: string, lang: Lang): string {
  if (!(IMPORT_FIELDS as readonly string[]).includes(field)) return field === 'row' ? (lang === 'pl' ? 'cały wiersz' : 'whole row') : field;
  return lang === 'pl' ? FIELD_LABELS[field as ImportField] : FIELD_LABELS_EN[field as ImportField];
}

/** Quote a value the way the language does: „…” in Polish, “…” in English. */
export function quote(s: string, lang: Lang): string {
  return lang === 'pl' ? `„${s}”` : `“${s}”`;
}

export function reasonLabel(reason: string, lang: Lang): string {
  return (REASON_LABELS[lang] as Record<string, string>)[reason] ?? reason;
}

export function isFileCoordinateKind(k: string): k is FileCoordinateKind {
  return (FILE_COORDINATE_KINDS as readonly string[]).includes(k);
}

/**
 * The kind in words, from the one message layer (catalogue coordinates.ts). The backend's decision and its
 * evidence come as message codes too (`inspection.coordinate.msg`, `warnings`): translate them with `tm`; nothing
 * here rewords English sentences any more.
 */
export function coordinateKindLabel(kind: string, lang: Lang): string {
  return translate(lang, 'coords.kind', { kind: isFileCoordinateKind(kind) || kind === 'undecided' ? kindKey(kind as FileCoordinateKind) : 'unknown' });
}

export interface MappingProblem {
  kind: 'missing-required' | 'used-twice';
  text: string;
}

/** Problems that block the start, in the user's language. Empty = OK. */
export function mappingProblems(mapping: Mapping, headers: readonly string[], lang: Lang): MappingProblem[] {
  const t = importMessages[lang];
  const out: MappingProblem[] = [];
  const hs = new Set(headers);
  const missing = REQUIRED_FIELDS.filter((f) => !mapping[f] || !hs.has(mapping[f]!));
  if (missing.length > 0) out.push({ kind: 'missing-required', text: fmt(t.missingRequired, { fields: missing.map((f) => fieldLabel(f, lang)).join(', ') }) });
  const byCol = new Map<string, ImportField[]>();
  for (const f of IMPORT_FIELDS) {
    const c = mapping[f];
    if (!c) continue;
    byCol.set(c, [...(byCol.get(c) ?? []), f]);
  }
  for (const [column, fs] of byCol) {
    if (fs.length > 1) out.push({ kind: 'used-twice', text: fmt(t.usedTwice, { column, fields: fs.map((f) => fieldLabel(f, lang)).join(', ') }) });
  }
  return out;
}

export function sameMapping(a: Mapping, b: Mapping): boolean {
  return IMPORT_FIELDS.every((f) => (a[f] ?? '') === (b[f] ?? ''));
}

/** Drop empty entries so the mapping passes the strict schema (min length 1). */
export function cleanMapping(m: Mapping): Mapping {
  const out: Mapping = {};
  for (const f of IMPORT_FIELDS) if (m[f]) out[f] = m[f];
  return out;
}

export interface Rejection {
  row: number;
  field: string;
  column: string | null;
  reason: string;
  message: string;
  value: string | null;
}

export interface RejectionGroup {
  reason: string;
  field: string;
  column: string | null;
  count: number;
  examples: Rejection[];
}

/** Group rejections by (reason, field), largest group first, with up to `examples` example rows each. */
export function groupRejections(rs: readonly Rejection[], examples = 3): RejectionGroup[] {
  const map = new Map<string, RejectionGroup>();
  for (const r of rs) {
    const key = `${r.reason}\u0001${r.field}`;
    let g = map.get(key);
    if (!g) {
      g = { reason: r.reason, field: r.field, column: r.column, count: 0, examples: [] };
      map.set(key, g);
    }
    g.count++;
    if (g.examples.length < examples) g.examples.push(r);
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Quarantine rows store the reason as "code: English message". */
export function parseQuarantineReason(s: string): { code: RejectionReason | string; message: string } {
  const m = /^([a-z-]+): ([\s\S]*)$/.exec(s);
  return m ? { code: m[1], message: m[2] } : { code: s, message: '' };
}

/** Raw row JSON from quarantine -> [column, value] pairs (tolerant of junk). */
export function parseRawRow(raw: string | null): [string, string][] {
  if (!raw) return [];
  try {
    const o = JSON.parse(raw) as unknown;
    if (o && typeof o === 'object' && !Array.isArray(o)) return Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, v == null ? '' : String(v)]);
    return [['', String(o)]];
  } catch {
    return [['', raw]];
  }
}

/**
 * Rows/s and ETA from job progress samples. The backend reports progress as a byte fraction and the
 * rows read so far as the message (a pl-PL formatted number), e.g. "12 345".
 */
export class ProgressTracker {
  private t0: number | null = null;
  private p0 = 0;
  private rows0 = 0;
  rows = 0;
  rate = 0;
  etaSec: number | null = null;

  update(now: number, fraction: number, message: string): void {
    const digits = message.replace(/[\s\u00a0\u202f.,]/g, '');
    const rows = /^\d+$/.test(digits) ? Number(digits) : null;
    if (rows != null) this.rows = rows;
    if (this.t0 == null) {
      this.t0 = now;
      this.p0 = fraction;
      this.rows0 = this.rows;
      return;
    }
    const dt = (now - this.t0) / 1000;
    if (dt <= 0.2) return;
    this.rate = Math.max(0, (this.rows - this.rows0) / dt);
    const dp = fraction - this.p0;
    this.etaSec = dp > 0.005 && fraction < 1 ? ((1 - fraction) * dt) / dp : null;
  }
}

export function formatDuration(sec: number, lang: Lang): string {
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return lang === 'pl' ? `${s} s` : `${s} s`;
  const m = Math.floor(s / 60);
  const r = s % 60;
  if (m < 60) return `${m} min ${String(r).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatBytes(b: number, lang: Lang): string {
  const nf = new Intl.NumberFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 1 });
  if (b < 1024) return `${b} B`;
  if (b < 1024 * 1024) return `${nf.format(b / 1024)} KiB`;
  if (b < 1024 ** 3) return `${nf.format(b / 1024 ** 2)} MiB`;
  return `${nf.format(b / 1024 ** 3)} GiB`;
}

/** Byte ranges [start, end) of the upload chunks of a file of `size` bytes (an empty file: none). */
export function chunkRanges(size: number, chunk = UPLOAD_CHUNK_BYTES): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < size; s += chunk) out.push([s, Math.min(size, s + chunk)]);
  return out;
}

/** Base64 of bytes (browser: btoa over binary string in slices; no Node Buffer). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) bin += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(bin);
}

/** Decimal-comma hint for the dialog: does the preview of the mapped X column use commas? */
export function previewUsesDecimalComma(headers: readonly string[], preview: readonly (readonly string[])[], column: string | undefined): boolean | null {
  if (!column) return null;
  const i = headers.indexOf(column);
  if (i < 0) return null;
  let comma = 0;
  let dot = 0;
  for (const r of preview) {
    const v = (r[i] ?? '').trim();
    if (/^-?\d+,\d+$/.test(v)) comma++;
    else if (/^-?\d+\.\d+$/.test(v)) dot++;
  }
  if (comma === 0 && dot === 0) return null;
  return comma >= dot;
}

export type Confidence = 'high' | 'mid' | 'low';
export function confidenceLevel(c: number | undefined): Confidence | null {
  if (c == null) return null;
  if (c >= 0.9) return 'high';
  if (c >= 0.6) return 'mid';
  return 'low';
}

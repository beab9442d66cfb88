/**
 * Pure helpers of the import view (no React, no DOM): wording of the backend's coordinate decision,
 * grouping of rejections, mapping validation in the user's language, progress rate / ETA, sizes.
 */
import { FIELD_LABELS, IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField, type RejectionReason } from '../../core/import/types';
import { describeCoordinateKind, FILE_COORDINATE_KINDS, type FileCoordinateKind } from '../../core/import/coordinates';
import type { Mapping } from '../../core/import/mapping';
import { COORD_KIND_LABELS, FIELD_LABELS_EN, REASON_LABELS, fmt, importMessages } from './messages';

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

export function coordinateKindLabel(kind: string, lang: Lang): string {
  if (isFileCoordinateKind(kind)) return COORD_KIND_LABELS[lang][kind];
  return lang === 'pl' ? 'nie rozpoznano układu współrzędnych' : 'coordinate system not recognised';
}

/** Backend's English kind label (describeCoordinateKind) -> kind, to reword explanations. */
function kindFromEnglishLabel(label: string): FileCoordinateKind | null {
  for (const k of FILE_COORDINATE_KINDS) if (describeCoordinateKind(k) === label) return k;
  return null;
}

const LABEL_ALT = FILE_COORDINATE_KINDS.map((k) => describeCoordinateKind(k).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/**
 * The backend explains its coordinate decision in one English sentence built from a fixed set of
 * templates (core/import/coordinates.ts, backend decideByWorkspaceArea). Reword the known ones in
 * Polish; anything else is returned as it is (never hidden).
 */
export function explainCoordinates(explanation: string, lang: Lang, opts: { omitKind?: boolean } = {}): string {
  if (lang === 'en') {
    if (!opts.omitKind) return explanation;
    const m = new RegExp(`^(?:${LABEL_ALT}): (.*)$`).exec(explanation);
    return m ? m[1].charAt(0).toUpperCase() + m[1].slice(1) : explanation;
  }
  const K = (label: string) => {
    const k = kindFromEnglishLabel(label);
    return k ? COORD_KIND_LABELS.pl[k] : label;
  };
  /** [kind label the sentence starts with (or null), rest of the sentence] */
  const rules: [RegExp, (m: RegExpExecArray) => [string | null, string]][] = [
    [new RegExp(`^Set by the user: (${LABEL_ALT})\\.$`), (m) => [null, `Ustawione ręcznie: ${K(m[1])}.`]],
    [/^Point geometry in WGS84 declared by the file\.$/, () => [null, 'Geometria punktów w WGS84 zadeklarowana w pliku.']],
    [/^Point geometry in EPSG:2180 declared by the file \(x = easting\)\.$/, () => [null, 'Geometria punktów w EPSG:2180 zadeklarowana w pliku (x = wschodnia).']],
    [
      /^None of the (\d+) sampled coordinate pairs is a WGS84 or EPSG:2180 position in Poland\.$/,
      (m) => [null, `Żadna z ${m[1]} sprawdzonych par współrzędnych nie jest położeniem w Polsce ani w WGS84, ani w EPSG:2180 — sprawdź kolumny X/Y.`],
    ],
    [new RegExp(`^(${LABEL_ALT}): (\\d+) of (\\d+) sampled pairs\\.$`), (m) => [K(m[1]), `tak odczytano ${m[2]} z ${m[3]} sprawdzonych par.`]],
    [/^Point geometry with EPSG:2180 values \(x = easting by the GeoJSON\/Esri convention\)\.$/, () => [null, 'Geometria punktów z wartościami EPSG:2180 (x = wschodnia, konwencja GeoJSON/Esri).']],
    [
      new RegExp(`^(${LABEL_ALT}): decided by the value ranges \\((\\d+) straight vs (\\d+) swapped unambiguous pairs\\)\\.$`),
      (m) => [K(m[1]), `rozstrzygnięte po zakresach wartości (${m[2]} par pasuje w kolejności X = wschodnia, ${m[3]} w zamienionej).`],
    ],
    [
      new RegExp(`^(${LABEL_ALT}): (\\d+) of (\\d+) rows with TERYT lie in their voivodeship this way \\((\\d+) the other way\\)\\.$`),
      (m) => [K(m[1]), `${m[2]} z ${m[3]} wierszy z kodem TERYT leży tak odczytanych w swoim województwie (${m[4]} przy odwrotnej kolejności osi).`],
    ],
    [
      new RegExp(`^(${LABEL_ALT}): (\\d+) of (\\d+) points fall inside Poland this way \\((\\d+) the other way\\)\\.$`),
      (m) => [K(m[1]), `${m[2]} z ${m[3]} punktów leży tak odczytanych w Polsce (${m[4]} przy odwrotnej kolejności osi).`],
    ],
    [/^EPSG:2180, columns named easting\/northing; both orders fit Poland\.$/, () => [null, 'EPSG:2180, kolumny nazwane easting/northing; obie kolejności osi mieszczą się w Polsce.']],
    [
      /^EPSG:2180, both column orders fit Poland and no TERYT decides: assuming the Esri\/KMZB order x = easting\./,
      () => [null, 'EPSG:2180 — obie kolejności kolumn mieszczą się w Polsce, a TERYT nie rozstrzyga: przyjęto kolejność Esri/KMZB (X = wschodnia). Jeśli punkty trafią w złe miejsce, zmień kolejność osi.'],
    ],
    [
      new RegExp(`^(${LABEL_ALT}): (\\d+) sampled points fall in this workspace's area read this way, (\\d+) the other way`),
      (m) => [K(m[1]), `${m[2]} sprawdzonych punktów leży tak odczytanych w obszarze tego obszaru roboczego (${m[3]} przy odwrotnej kolejności osi).`],
    ],
  ];
  for (const [re, f] of rules) {
    const m = re.exec(explanation);
    if (!m) continue;
    const [kind, body] = f(m);
    if (!kind) return body;
    return opts.omitKind ? body.charAt(0).toUpperCase() + body.slice(1) : `${kind} — ${body}`;
  }
  return explanation;
}

/** Backend warnings (English) in the user's language where the template is known. */
export function translateWarning(w: string, lang: Lang): string {
  if (lang === 'en') return w;
  if (w === 'Coordinate columns are not mapped.') return 'Kolumny współrzędnych nie są przypisane.';
  const m = /^Coordinate columns mix decimal commas \((\d+)\) and dots \((\d+)\)\.$/.exec(w);
  if (m) return `Kolumny współrzędnych mieszają przecinki dziesiętne (${m[1]}) i kropki (${m[2]}).`;
  const ex = explainCoordinates(w, lang);
  return ex;
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

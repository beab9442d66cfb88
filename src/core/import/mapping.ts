/**
 * Column mapping: which source column feeds which import field.
 * Automatic proposal from Polish/English header names (case, diacritics, spacing and punctuation
 * tolerant via foldText), validation, a zod schema and a header signature for saved presets.
 */

import { z } from 'zod';
import { foldText } from '../domain/text';
import { IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField } from './types';

/** field -> source column name (exact header text as the reader returns it). */
export type Mapping = Partial<Record<ImportField, string>>;

export const ImportFieldSchema = z.enum(IMPORT_FIELDS);

export const MappingSchema = z
  .object({
    sourceId: z.string().min(1).optional(),
    category: z.string().min(1).optional(),
    status: z.string().min(1).optional(),
    createdAt: z.string().min(1).optional(),
    eventAt: z.string().min(1).optional(),
    modifiedAt: z.string().min(1).optional(),
    x: z.string().min(1).optional(),
    y: z.string().min(1).optional(),
    teryt: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    unit: z.string().min(1).optional(),
    beat: z.string().min(1).optional(),
    officer: z.string().min(1).optional(),
    timeOfDay: z.string().min(1).optional(),
    weekdays: z.string().min(1).optional(),
  })
  .strict();

/** File-level choices a user may override and a preset may remember. */
export const ImportOptionsSchema = z
  .object({
    /** Force the coordinate interpretation (see FileCoordinateKind). */
    coordinateKind: z.enum(['wgs84', 'wgs84-swapped', 'puwg92', 'puwg92-swapped']).optional(),
    /**
     * Axis order of the X/Y columns (CLI --xy): 'easting-northing' = X holds the easting (or longitude),
     * 'northing-easting' = X holds the northing (or latitude; Polish surveying order). The coordinate system itself
     * still comes from the values. Given for an import it is the user's decision; saved with a preset it is the last
     * evidence, used when the file and the workspace do not decide.
     */
    axisOrder: z.enum(['easting-northing', 'northing-easting']).optional(),
    /** Reports outside the workspace's territory: kept and flagged (default) or quarantined with a reason. */
    outsideTerritory: z.enum(['keep', 'quarantine']).optional(),
    decimalComma: z.boolean().optional(),
    encoding: z.enum(['utf-8', 'windows-1250', 'iso-8859-2', 'utf-16le', 'utf-16be']).optional(),
    delimiter: z.enum([';', ',', '\t', '|']).optional(),
    sheet: z.string().optional(),
  })
  .strict();
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

/** A named preset as the store may save it, keyed by headerSignature(headers). */
export const MappingPresetSchema = z.object({
  name: z.string().min(1),
  headerSignature: z.string().min(1),
  mapping: MappingSchema,
  options: ImportOptionsSchema.default({}),
});
export type MappingPreset = z.infer<typeof MappingPresetSchema>;

/**
 * Synonyms per field, folded (foldText). Earlier entries are stronger. Matching is on the folded header,
 * also with '_' / '-' / '.' treated as spaces (foldText does that) and with spaces removed.
 */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  sourceId: ['nr zgloszenia', 'numer zgloszenia', 'id zgloszenia', 'identyfikator zgloszenia', 'objectid', 'object id', 'id', 'identyfikator', 'nr', 'numer', 'lp zgloszenia', 'report id', 'fid', 'globalid'],
  category: ['kategoria', 'kategoria zagrozenia', 'typ', 'typ zagrozenia', 'rodzaj zagrozenia', 'zagrozenie', 'rodzaj', 'category', 'type', 'threat type'],
  status: ['status', 'status zgloszenia', 'stan', 'stan zgloszenia', 'state'],
  createdAt: ['data utworzenia', 'data zgloszenia', 'data dodania', 'data wprowadzenia', 'data naniesienia', 'utworzono', 'data utworzenia zgloszenia', 'created', 'created at', 'creation date', 'createdat', 'date created', 'data'],
  eventAt: ['data zdarzenia', 'data wystapienia', 'data wystapienia zdarzenia', 'data i godzina zdarzenia', 'event date', 'event at', 'eventat', 'incident date'],
  modifiedAt: ['data modyfikacji', 'data aktualizacji', 'data zmiany', 'data ostatniej modyfikacji', 'zmodyfikowano', 'modified', 'modified at', 'last modified', 'last edited date', 'edit date', 'editdate', 'modifiedat', 'updated at'],
  x: ['x', 'lon', 'lng', 'long', 'longitude', 'dlugosc', 'dlugosc geograficzna', 'wspolrzedna x', 'wsp x', 'easting', 'e', '@geometry x', 'geometry x', 'point x', 'x coord', 'coord x'],
  y: ['y', 'lat', 'latitude', 'szerokosc', 'szerokosc geograficzna', 'wspolrzedna y', 'wsp y', 'northing', 'n', '@geometry y', 'geometry y', 'point y', 'y coord', 'coord y'],
  teryt: ['teryt', 'kod teryt', 'teryt gminy', 'kod gminy', 'gmina teryt', 'terc', 'teryt code'],
  description: ['opis', 'opis zgloszenia', 'opis zagrozenia', 'tresc', 'uwagi', 'komentarz', 'description', 'comment', 'notes'],
  unit: ['jednostka', 'jednostka policji', 'jednostka organizacyjna', 'komenda', 'kpp', 'kmp', 'unit', 'police unit'],
  beat: ['rejon', 'rejon sluzbowy', 'rejon dzielnicowego', 'nr rejonu', 'rejon nr', 'beat', 'beat district', 'district'],
  officer: ['dzielnicowy', 'funkcjonariusz', 'policjant', 'przypisany dzielnicowy', 'officer', 'beat officer'],
  timeOfDay: ['pora dnia', 'pora', 'time of day', 'poradnia'],
  weekdays: ['dni tygodnia', 'dzien tygodnia', 'weekdays', 'weekday', 'day of week', 'dnitygodnia'],
};

/** Fields whose values are written by geometry-aware readers under these synthetic column names. */
export const GEOMETRY_X_COLUMN = '@geometry.x';
export const GEOMETRY_Y_COLUMN = '@geometry.y';
export const FEATURE_ID_COLUMN = '@id';

export interface MappingProposal {
  mapping: Mapping;
  /** 0..1 per mapped field: 1 = exact primary name, ~0.9 = synonym, 0.5-0.7 = partial (word) match. */
  confidence: Partial<Record<ImportField, number>>;
  /** Headers not used by any field. */
  unmapped: string[];
  /** Required fields without a column. */
  missingRequired: ImportField[];
}

/** Generic words that must match exactly, never as part of a longer header. */
const PARTIAL_STOP = new Set(['data', 'typ', 'type', 'stan', 'state', 'numer', 'rodzaj', 'pora', 'long', 'created', 'modified']);

function squash(s: string): string {
  return s.replace(/[ ()]/g, '');
}

function scoreHeader(field: ImportField, folded: string): number {
  const syn = SYNONYMS[field];
  const sq = squash(folded);
  for (let k = 0; k < syn.length; k++) {
    if (folded === syn[k] || sq === squash(syn[k])) return 1 - Math.min(k, 8) * 0.01 - (k === 0 ? 0 : 0.05);
  }
  // partial: header words contain a multi-letter synonym as whole words ("Data utworzenia (UTC)", "Kategoria zgłoszenia")
  const padded = ` ${folded.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim()} `;
  for (let k = 0; k < syn.length; k++) {
    const s = syn[k];
    if (s.length < 3 || PARTIAL_STOP.has(s)) continue;
    if (padded.includes(` ${s} `)) return 0.7 - Math.min(k, 10) * 0.01;
  }
  return 0;
}

/**
 * Propose a mapping for the given headers. Each column feeds at most one field; conflicts are won by
 * the higher score ("Nr zgłoszenia" beats "OBJECTID" beats "ID" for sourceId, "Kategoria" beats "Typ").
 * Geometry columns of GeoJSON / Esri JSON readers ("@geometry.x/y") win x/y outright.
 */
export function autoMap(headers: readonly string[]): MappingProposal {
  const folded = headers.map((h) => foldText(h));
  const cands: { field: ImportField; col: number; score: number }[] = [];
  headers.forEach((h, col) => {
    if (h === GEOMETRY_X_COLUMN) { cands.push({ field: 'x', col, score: 2 }); return; }
    if (h === GEOMETRY_Y_COLUMN) { cands.push({ field: 'y', col, score: 2 }); return; }
    if (h === FEATURE_ID_COLUMN) { cands.push({ field: 'sourceId', col, score: 0.6 }); return; }
    for (const field of IMPORT_FIELDS) {
      const s = scoreHeader(field, folded[col]);
      if (s > 0) cands.push({ field, col, score: s });
    }
  });
  cands.sort((p, q) => q.score - p.score || p.col - q.col);
  const mapping: Mapping = {};
  const confidence: Partial<Record<ImportField, number>> = {};
  const usedCols = new Set<number>();
  for (const c of cands) {
    if (mapping[c.field] !== undefined || usedCols.has(c.col)) continue;
    mapping[c.field] = headers[c.col];
    confidence[c.field] = Math.round(Math.min(1, c.score) * 100) / 100;
    usedCols.add(c.col);
  }
  return {
    mapping,
    confidence,
    unmapped: headers.filter((_, i) => !usedCols.has(i)),
    missingRequired: REQUIRED_FIELDS.filter((f) => mapping[f] === undefined),
  };
}

export interface MappingIssue {
  field: ImportField | null;
  reason: 'missing-required' | 'column-not-found' | 'column-used-twice' | 'invalid-mapping';
  message: string;
}

/** Check a (user-edited) mapping against the file's headers. Empty array = OK. */
export function validateMapping(mapping: unknown, headers: readonly string[]): MappingIssue[] {
  const parsed = MappingSchema.safeParse(mapping);
  if (!parsed.success) {
    return [{ field: null, reason: 'invalid-mapping', message: `Invalid mapping: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }];
  }
  const m = parsed.data as Mapping;
  const issues: MappingIssue[] = [];
  const hs = new Set(headers);
  for (const f of REQUIRED_FIELDS) {
    if (!m[f]) issues.push({ field: f, reason: 'missing-required', message: `Required field "${f}" has no column` });
  }
  const seen = new Map<string, ImportField>();
  for (const f of IMPORT_FIELDS) {
    const col = m[f];
    if (!col) continue;
    if (!hs.has(col)) issues.push({ field: f, reason: 'column-not-found', message: `Column "${col}" (for ${f}) is not in the file` });
    const prev = seen.get(col);
    if (prev) issues.push({ field: f, reason: 'column-used-twice', message: `Column "${col}" is mapped to both ${prev} and ${f}` });
    else seen.set(col, f);
  }
  return issues;
}

/**
 * Signature of a header row for preset lookup: independent of column order, case, diacritics and
 * spacing ("Nr zgłoszenia;Status" == "status,NR ZGLOSZENIA"). Format "h1-<count>-<hex>".
 */
export function headerSignature(headers: readonly string[]): string {
  const keys = headers.map((h) => foldText(h)).filter((h) => h.length > 0).sort();
  const text = keys.join('\u0001');
  // FNV-1a, two independent 32-bit lanes -> 64 bits of hash
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return `h1-${keys.length}-${hex(h1)}${hex(h2)}`;
}

/** Hint about the coordinate column convention derived from the mapped header names. */
export type CoordinateHeaderHint = 'geometry' | 'lonlat' | 'easting-northing' | 'xy' | 'unknown';

export function coordinateHeaderHint(mapping: Mapping): CoordinateHeaderHint {
  const x = mapping.x;
  const y = mapping.y;
  if (!x || !y) return 'unknown';
  if (x === GEOMETRY_X_COLUMN && y === GEOMETRY_Y_COLUMN) return 'geometry';
  const fx = foldText(x);
  const fy = foldText(y);
  const has = (s: string, words: string[]) => words.some((w) => ` ${s} `.includes(` ${w} `) || s.startsWith(w));
  if (has(fx, ['lon', 'lng', 'long', 'longitude', 'dlugosc']) && has(fy, ['lat', 'latitude', 'szerokosc'])) return 'lonlat';
  if (has(fx, ['easting', 'e']) && has(fy, ['northing', 'n'])) return 'easting-northing';
  if (fx.endsWith('x') && fy.endsWith('y')) return 'xy';
  return 'unknown';
}

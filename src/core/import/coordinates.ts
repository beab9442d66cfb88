/**
 * File-level coordinate decisions: WGS84 or EPSG:2180, and the column order.
 * Uses classifyPair / fromPuwg92 from domain/crs; adds the evidence the range test alone cannot give
 * (TERYT voivodeship, voivodeship polygons, header convention).
 */

import { classifyPair, inPolandWgs84 } from '../domain/crs';
import { msg, type Msg } from '../message';
import type { CoordinateHeaderHint } from './mapping';
import type { VoivodeshipIndex } from './voivodeships';

/**
 * How the pair (a, b) = (value of the column mapped to `x`, value of the column mapped to `y`) is read:
 * 'wgs84' a=lon b=lat; 'wgs84-swapped' a=lat b=lon; 'puwg92' a=easting b=northing (Esri / KMZB order);
 * 'puwg92-swapped' a=northing b=easting (Polish surveying X=northing, Y=easting).
 */
export type FileCoordinateKind = 'wgs84' | 'wgs84-swapped' | 'puwg92' | 'puwg92-swapped';
export const FILE_COORDINATE_KINDS: readonly FileCoordinateKind[] = ['wgs84', 'wgs84-swapped', 'puwg92', 'puwg92-swapped'];

export interface CoordinateSample {
  a: number;
  b: number;
  /** TERYT of the row (7-digit commune or any code starting with the 2-digit voivodeship), if any. */
  teryt?: string | null;
}

/** Which column holds the east-west coordinate: X (easting / longitude first) or Y (Polish surveying: X = northing). */
export type AxisOrder = 'easting-northing' | 'northing-easting';
export const AXIS_ORDERS: readonly AxisOrder[] = ['easting-northing', 'northing-easting'];

/** The axis order of a kind ('wgs84' and 'puwg92' are easting-northing: x = longitude / easting). */
export function axisOrderOf(kind: FileCoordinateKind): AxisOrder {
  return kind.endsWith('-swapped') ? 'northing-easting' : 'easting-northing';
}

/** The kind for a coordinate system and an axis order. */
export function kindFor(crs: 'wgs84' | 'puwg92', order: AxisOrder): FileCoordinateKind {
  return order === 'easting-northing' ? crs : crs === 'wgs84' ? 'wgs84-swapped' : 'puwg92-swapped';
}

/** Message-parameter key of a kind (ICU select keys cannot hold '-'): wgs84, wgs84Swapped, puwg92, puwg92Swapped. */
export function kindKey(kind: FileCoordinateKind | 'unknown' | 'undecided'): string {
  return kind.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
}

/** A place the workspace knows (its territory, its beats, near its existing reports) as a point test. */
export interface AreaEvidenceInput {
  source: 'territory' | 'beats' | 'reports';
  contains(lon: number, lat: number): boolean;
}

export interface CoordinateDecisionInput {
  /** Force the interpretation (the user's choice for this import: dialog, CLI). */
  override?: FileCoordinateKind;
  /** The user's axis order for this import (CLI --xy, dialog); the coordinate system still comes from the values. */
  axisOrder?: AxisOrder;
  /** The axis order saved with the mapping preset: the last evidence, used when nothing else decides. */
  presetAxisOrder?: AxisOrder;
  presetName?: string;
  voivodeships?: VoivodeshipIndex;
  /** Header convention of the mapped x/y columns (coordinateHeaderHint). */
  hint?: CoordinateHeaderHint;
  /** CRS declared by the file (GeoJSON crs member, Esri spatialReference), when known. */
  declared?: 'wgs84' | 'puwg92';
  /** The workspace's own places, strongest first: territory, beats, existing reports. */
  areas?: readonly AreaEvidenceInput[];
}

export type EvidenceSource = 'range' | 'polygons' | 'territory' | 'beats' | 'reports' | 'teryt';

/**
 * One piece of evidence about the axis order: how many sampled points support the straight reading
 * (x = easting / longitude) and the swapped one, out of `checked`; and what it says on its own.
 */
export interface CoordinateEvidence {
  source: EvidenceSource;
  straight: number;
  swapped: number;
  checked: number;
  verdict: 'straight' | 'swapped' | 'undecided' | 'none';
}

export interface CoordinateDecision {
  /** 'unknown' when no sample pair is a plausible coordinate in Poland; 'undecided' when the user must choose. */
  kind: FileCoordinateKind | 'unknown' | 'undecided';
  decidedBy: 'override' | 'declared' | 'range' | 'polygons' | 'territory' | 'beats' | 'reports' | 'teryt' | 'header' | 'preset' | 'none';
  /** True when the range test alone could not tell easting/northing apart. */
  ambiguousByRange: boolean;
  /** Votes of classifyPair over the sample. */
  votes: Record<'wgs84' | 'wgs84-swapped' | 'puwg92' | 'puwg92-swapped' | 'puwg92-ambiguous' | 'unknown', number>;
  /** Rows whose TERYT voivodeship matched the point, per interpretation (EPSG:2180 only). */
  teryt?: { straight: number; swapped: number; checked: number };
  /** Rows inside the voivodeship polygons, per interpretation (EPSG:2180 only). */
  polygons?: { straight: number; swapped: number; checked: number };
  /** Every piece of evidence looked at, in the order of strength. */
  evidence: CoordinateEvidence[];
  /** When undecided: the two readings the user chooses from (straight first), and why nothing decided. */
  candidates?: [FileCoordinateKind, FileCoordinateKind];
  undecidedBecause?: 'none' | 'weak' | 'contradictory';
  /** The decision and its evidence as a message code with parameters (src/shared/i18n/catalog/coordinates.ts). */
  msg: Msg;
  /** Notes: the user's or the preset's choice contradicted by the data. */
  warnings: Msg[];
}

/**
 * Thresholds (see decideCoordinateKind). A source DECIDES when the winning reading has at least `minShare` of
 * the checked points (and at least one) and at least WIN_RATIO times the support of the other reading.
 */
export const EVIDENCE_THRESHOLDS = {
  /** Unambiguous range votes: at least 3 pairs (or half of the pairs) fit only the winning order. */
  rangeMinVotes: 3,
  /** In-Poland polygons: the losing order puts at least 5% of the pairs (and at least one) outside Poland. */
  polygonsMinOutsideShare: 0.05,
  /** Territory, beats, existing reports: at least 20% of the sampled points fall there under the winning order. */
  areaMinShare: 0.2,
  /** TERYT: at least half of the rows with a TERYT code lie in their voivodeship under the winning order. */
  terytMinShare: 0.5,
  /** The winner needs at least this many times the other reading's support. */
  winRatio: 3,
} as const;

function verdictOf(straight: number, swapped: number, minCount: number): CoordinateEvidence['verdict'] {
  const win = Math.max(straight, swapped);
  const lose = Math.min(straight, swapped);
  if (win === 0) return 'none';
  if (win >= Math.max(1, minCount) && win >= EVIDENCE_THRESHOLDS.winRatio * lose && straight !== swapped) return straight > swapped ? 'straight' : 'swapped';
  return 'undecided';
}

const KIND_LABEL: Record<FileCoordinateKind, string> = {
  wgs84: 'WGS84 (x = longitude, y = latitude)',
  'wgs84-swapped': 'WGS84 with swapped columns (x = latitude, y = longitude)',
  puwg92: 'EPSG:2180 (x = easting, y = northing; Esri/KMZB order)',
  'puwg92-swapped': 'EPSG:2180 with swapped columns (x = northing, y = easting; Polish surveying order)',
};
/** English label of a kind, for logs and the quarantine's English reason text (users see the catalogue's). */
export function describeCoordinateKind(k: FileCoordinateKind): string {
  return KIND_LABEL[k];
}

/** Voivodeship TERYT prefix of a TERYT code, or null. Accepts 7-digit (and 6-digit: lost leading zero). */
export function terytVoivodeship(t: string | null | undefined): string | null {
  if (!t) return null;
  const s = t.trim();
  if (!/^\d{6,7}(?:\d{0,3})$/.test(s)) return null;
  const full = s.length === 6 ? `0${s}` : s;
  return full.slice(0, 2);
}

/**
 * Decide how to read the coordinate columns of a whole file from a sample of rows. Never guesses: when the
 * evidence does not decide, the result is 'undecided' with the two candidate readings, and the caller asks the
 * user (dialog) or refuses (CLI, naming --xy).
 *
 * Order: the user's choice for this import (override / axisOrder) > CRS declared by the file (point geometry) >
 * value ranges (classifyPair; WGS84 vs EPSG:2180 and pairs that fit one order only; the voivodeship polygons:
 * one order leaves Poland) > the workspace's territory > its beats > its existing reports > TERYT voivodeship >
 * header names (easting/northing) > the axis order saved with the mapping preset.
 * Every source is counted on the same sample; a source decides on its own by EVIDENCE_THRESHOLDS. When two
 * deciding sources disagree the evidence is contradictory and nothing is decided (the user's choice still wins,
 * with a warning). A preset's order contradicted by the data is not used (warning).
 */
export function decideCoordinateKind(samples: readonly CoordinateSample[], input: CoordinateDecisionInput = {}): CoordinateDecision {
  if (!input.override && !input.axisOrder) return decideFromEvidence(samples, input);
  // The user's choice wins; the evidence is still counted, to say when it points the other way.
  const fromData = decideFromEvidence(samples, { ...input, override: undefined, axisOrder: undefined });
  const chosen = decideFromEvidence(samples, input);
  if (chosen.kind === 'unknown' || chosen.kind === 'undecided') return chosen;
  const against = evidenceAgainst(chosen.kind, fromData.evidence);
  return {
    ...chosen,
    evidence: fromData.evidence,
    ambiguousByRange: fromData.ambiguousByRange,
    ...(fromData.teryt ? { teryt: fromData.teryt } : {}),
    ...(fromData.polygons ? { polygons: fromData.polygons } : {}),
    warnings: against
      ? [msg('coords.warn.overrideContradicted', { source: against.source, n: Math.max(against.straight, against.swapped), other: Math.min(against.straight, against.swapped), total: against.checked })]
      : [],
  };
}

function decideFromEvidence(samples: readonly CoordinateSample[], input: CoordinateDecisionInput): CoordinateDecision {
  const votes = { wgs84: 0, 'wgs84-swapped': 0, puwg92: 0, 'puwg92-swapped': 0, 'puwg92-ambiguous': 0, unknown: 0 };
  const kinds = samples.map((s) => classifyPair(s.a, s.b));
  for (const k of kinds) votes[k]++;
  const total = samples.length;
  const base = { votes, ambiguousByRange: false, evidence: [] as CoordinateEvidence[], warnings: [] as Msg[] };
  const geometry = input.hint === 'geometry';
  const overrideKind = input.override;
  if (overrideKind && !input.axisOrder) {
    return { ...base, kind: overrideKind, decidedBy: 'override', msg: msg('coords.decided.override', { kind: kindKey(overrideKind) }) };
  }
  if (input.declared && geometry && !input.axisOrder) {
    return { ...base, kind: input.declared, decidedBy: 'declared', msg: msg('coords.decided.declared', { kind: kindKey(input.declared) }) };
  }
  const wgs = votes.wgs84 + votes['wgs84-swapped'];
  const puwg = votes.puwg92 + votes['puwg92-swapped'] + votes['puwg92-ambiguous'];
  if (wgs === 0 && puwg === 0) {
    return { ...base, kind: 'unknown', decidedBy: 'none', msg: msg('coords.unknown', { total }) };
  }
  const crs: 'wgs84' | 'puwg92' = wgs > puwg ? 'wgs84' : 'puwg92';
  if (input.axisOrder) {
    const kind = kindFor(crs, input.axisOrder);
    return { ...base, kind, decidedBy: 'override', msg: msg('coords.decided.override', { kind: kindKey(kind) }) };
  }
  if (crs === 'wgs84') {
    const ev: CoordinateEvidence = { source: 'range', straight: votes.wgs84, swapped: votes['wgs84-swapped'], checked: wgs, verdict: verdictOf(votes.wgs84, votes['wgs84-swapped'], 1) };
    const evidence = [ev];
    if (ev.verdict === 'straight' || ev.verdict === 'swapped') {
      const kind: FileCoordinateKind = ev.verdict === 'straight' ? 'wgs84' : 'wgs84-swapped';
      return { ...base, evidence, kind, decidedBy: 'range', msg: msg('coords.decided.range', { kind: kindKey(kind), n: Math.max(ev.straight, ev.swapped), total: ev.checked, other: Math.min(ev.straight, ev.swapped) }) };
    }
    return undecided({ ...base, evidence }, crs, 'contradictory', input);
  }
  if (geometry) {
    return { ...base, kind: 'puwg92', decidedBy: 'range', msg: msg('coords.decided.geometry', { kind: kindKey('puwg92') }) };
  }

  // EPSG:2180: which order? Count every source on the pairs that are EPSG:2180 in at least one order.
  const pairs: CoordinateSample[] = [];
  samples.forEach((s, i) => {
    const k = kinds[i];
    if (k === 'puwg92' || k === 'puwg92-swapped' || k === 'puwg92-ambiguous') pairs.push(s);
  });
  const n = pairs.length;
  const T = EVIDENCE_THRESHOLDS;
  const evidence: CoordinateEvidence[] = [];
  evidence.push({
    source: 'range', straight: votes.puwg92, swapped: votes['puwg92-swapped'], checked: n,
    verdict: verdictOf(votes.puwg92, votes['puwg92-swapped'], Math.min(T.rangeMinVotes, Math.ceil(n / 2))),
  });
  const lonA = new Float64Array(n), latA = new Float64Array(n), lonB = new Float64Array(n), latB = new Float64Array(n);
  const ll: [number, number] = [0, 0];
  pairs.forEach((s, i) => {
    puwg92ToWgs84Fast(s.a, s.b, ll); lonA[i] = ll[0]; latA[i] = ll[1];
    puwg92ToWgs84Fast(s.b, s.a, ll); lonB[i] = ll[0]; latB[i] = ll[1];
  });
  // in Poland: the order that puts clearly more points outside Poland loses
  const vi = input.voivodeships;
  let pin1 = 0, pin2 = 0;
  let tStraight = 0, tSwapped = 0, tChecked = 0;
  for (let i = 0; i < n; i++) {
    const v1 = vi ? vi.locate(lonA[i], latA[i]) : null;
    const v2 = vi ? vi.locate(lonB[i], latB[i]) : null;
    if (vi ? vi.classify(lonA[i], latA[i]) !== 'outside' : inPolandWgs84(lonA[i], latA[i])) pin1++;
    if (vi ? vi.classify(lonB[i], latB[i]) !== 'outside' : inPolandWgs84(lonB[i], latB[i])) pin2++;
    const tv = vi ? terytVoivodeship(pairs[i].teryt) : null;
    if (tv) {
      tChecked++;
      if (v1 === tv) tStraight++;
      if (v2 === tv) tSwapped++;
    }
  }
  const out1 = n - pin1, out2 = n - pin2;
  const pv = verdictOf(out2, out1, Math.ceil(T.polygonsMinOutsideShare * n)); // more outside under B -> 'straight'
  evidence.push({ source: 'polygons', straight: pin1, swapped: pin2, checked: n, verdict: pv });
  for (const area of input.areas ?? []) {
    let a = 0, b = 0;
    for (let i = 0; i < n; i++) {
      if (area.contains(lonA[i], latA[i])) a++;
      if (area.contains(lonB[i], latB[i])) b++;
    }
    evidence.push({ source: area.source, straight: a, swapped: b, checked: n, verdict: verdictOf(a, b, Math.ceil(T.areaMinShare * n)) });
  }
  if (vi) evidence.push({ source: 'teryt', straight: tStraight, swapped: tSwapped, checked: tChecked, verdict: verdictOf(tStraight, tSwapped, Math.ceil(T.terytMinShare * tChecked)) });
  const res = {
    ...base,
    evidence,
    ambiguousByRange: votes.puwg92 + votes['puwg92-swapped'] === 0,
    polygons: { straight: pin1, swapped: pin2, checked: n },
    ...(vi ? { teryt: { straight: tStraight, swapped: tSwapped, checked: tChecked } } : {}),
  };
  const deciding = evidence.filter((e) => e.verdict === 'straight' || e.verdict === 'swapped');
  const orders = new Set(deciding.map((e) => e.verdict));
  if (orders.size > 1) return undecided(res, crs, 'contradictory', input);
  if (deciding.length > 0) {
    const first = deciding[0];
    const kind: FileCoordinateKind = first.verdict === 'straight' ? 'puwg92' : 'puwg92-swapped';
    const win = Math.max(first.straight, first.swapped), other = Math.min(first.straight, first.swapped);
    // polygons count points IN Poland; its message gives how many leave Poland the other way
    const params = { kind: kindKey(kind), n: win, total: first.checked, other };
    const warnings: Msg[] = [];
    if (input.presetAxisOrder && input.presetAxisOrder !== axisOrderOf(kind)) {
      warnings.push(msg('coords.warn.presetOverridden', { preset: input.presetName ?? '', source: first.source }));
    }
    return { ...res, warnings, kind, decidedBy: first.source, msg: msg(`coords.decided.${first.source}`, params) };
  }
  if (input.hint === 'easting-northing') {
    return { ...res, kind: 'puwg92', decidedBy: 'header', msg: msg('coords.decided.header', { kind: kindKey('puwg92') }) };
  }
  const weak = evidence.some((e) => e.verdict === 'undecided');
  return undecided(res, crs, weak ? 'weak' : 'none', input);
}

function undecided(
  res: Omit<CoordinateDecision, 'kind' | 'decidedBy' | 'msg'>,
  crs: 'wgs84' | 'puwg92',
  because: 'none' | 'weak' | 'contradictory',
  input: CoordinateDecisionInput,
): CoordinateDecision {
  // The preset's saved order settles weak or missing evidence, never contradicting data.
  if (input.presetAxisOrder && because !== 'contradictory') {
    const kind = kindFor(crs, input.presetAxisOrder);
    return { ...res, kind, decidedBy: 'preset', msg: msg('coords.decided.preset', { kind: kindKey(kind), preset: input.presetName ?? '' }) };
  }
  return {
    ...res,
    kind: 'undecided',
    decidedBy: 'none',
    candidates: [kindFor(crs, 'easting-northing'), kindFor(crs, 'northing-easting')],
    undecidedBecause: because,
    msg: msg(`coords.undecided.${because}`, { crs }),
  };
}

/**
 * Does decisive evidence contradict a kind the user forced? (for a warning next to the user's choice)
 * Returns the first deciding source that points the other way, or null.
 */
export function evidenceAgainst(kind: FileCoordinateKind, evidence: readonly CoordinateEvidence[]): CoordinateEvidence | null {
  const want = axisOrderOf(kind) === 'easting-northing' ? 'straight' : 'swapped';
  return evidence.find((e) => (e.verdict === 'straight' || e.verdict === 'swapped') && e.verdict !== want) ?? null;
}

const R_MERC = 6378137;
/** EPSG:3857 / 102100 metres -> WGS84 lon/lat. */
export function webMercatorToWgs84(x: number, y: number): [number, number] {
  const lon = (x / R_MERC) * (180 / Math.PI);
  const lat = (2 * Math.atan(Math.exp(y / R_MERC)) - Math.PI / 2) * (180 / Math.PI);
  return [lon, lat];
}

// ---------------------------------------------------------------------------------------------
// Fast EPSG:2180 -> WGS84 inverse (Krüger n-series, GRS80, k0 = 0.9993, lon0 = 19°, FE 500000,
// FN -5300000). Same projection as domain/crs EPSG2180 (proj4), ~3x faster; agrees with proj4 to well
// under 1 mm across Poland (tested). Used on the per-row hot path.
const GRS80_A = 6378137;
const GRS80_F = 1 / 298.257222101;
const N_ = GRS80_F / (2 - GRS80_F);
const N2 = N_ * N_, N3 = N2 * N_, N4 = N3 * N_;
const A_RECT = (GRS80_A / (1 + N_)) * (1 + N2 / 4 + N4 / 64);
const K0 = 0.9993;
const FE = 500000;
const FN = -5300000;
const LON0 = (19 * Math.PI) / 180;
const B1 = N_ / 2 - (2 * N2) / 3 + (37 * N3) / 96 - N4 / 360;
const B2 = N2 / 48 + N3 / 15 - (437 * N4) / 1440;
const B3 = (17 * N3) / 480 - (37 * N4) / 840;
const B4 = (4397 * N4) / 161280;
const D1 = 2 * N_ - (2 * N2) / 3 - 2 * N3 + (116 * N4) / 45;
const D2 = (7 * N2) / 3 - (8 * N3) / 5 - (227 * N4) / 45;
const D3 = (56 * N3) / 15 - (136 * N4) / 35;
const D4 = (4279 * N4) / 630;
const RAD2DEG = 180 / Math.PI;

/** EPSG:2180 easting/northing -> WGS84; writes [lon, lat] into `out` (no allocation) and returns it. */
export function puwg92ToWgs84Fast(easting: number, northing: number, out: [number, number] = [0, 0]): [number, number] {
  const xi = (northing - FN) / (K0 * A_RECT);
  const eta = (easting - FE) / (K0 * A_RECT);
  const s2 = Math.sin(2 * xi), c2 = Math.cos(2 * xi);
  const s4 = 2 * s2 * c2, c4 = c2 * c2 - s2 * s2;
  const s6 = s4 * c2 + c4 * s2, c6 = c4 * c2 - s4 * s2;
  const s8 = 2 * s4 * c4, c8 = c4 * c4 - s4 * s4;
  const e2 = Math.exp(2 * eta), ie2 = 1 / e2;
  const ch2 = (e2 + ie2) / 2, sh2 = (e2 - ie2) / 2;
  const ch4 = 2 * ch2 * ch2 - 1, sh4 = 2 * sh2 * ch2;
  const ch6 = ch4 * ch2 + sh4 * sh2, sh6 = sh4 * ch2 + ch4 * sh2;
  const ch8 = 2 * ch4 * ch4 - 1, sh8 = 2 * sh4 * ch4;
  const xip = xi - (B1 * s2 * ch2 + B2 * s4 * ch4 + B3 * s6 * ch6 + B4 * s8 * ch8);
  const etap = eta - (B1 * c2 * sh2 + B2 * c4 * sh4 + B3 * c6 * sh6 + B4 * c8 * sh8);
  const ee = Math.exp(etap), iee = 1 / ee;
  const chE = (ee + iee) / 2, shE = (ee - iee) / 2;
  const chi = Math.asin(Math.sin(xip) / chE);
  const lon = LON0 + Math.atan2(shE, Math.cos(xip));
  const sc2 = Math.sin(2 * chi), cc2 = Math.cos(2 * chi);
  const sc4 = 2 * sc2 * cc2, cc4 = cc2 * cc2 - sc2 * sc2;
  const sc6 = sc4 * cc2 + cc4 * sc2;
  const sc8 = 2 * sc4 * cc4;
  const lat = chi + D1 * sc2 + D2 * sc4 + D3 * sc6 + D4 * sc8;
  out[0] = lon * RAD2DEG;
  out[1] = lat * RAD2DEG;
  return out;
}

/**
 * TERYT plausibility check: does the powiat code of a report's TERYT (first 4 of its 7 digits) agree with the powiat
 * polygon that contains the report's point?
 *
 * Coverage, deliberately limited to what is known for certain: the bundled powiaty (resources/boundaries,
 * PRG simplified, names only, no codes) are mapped to TERYT codes for the 24 powiaty of the Łódź voivodeship
 * (code 10) only, the voivodeship of KMP Piotrków Trybunalski. Land powiaty there are numbered 01-21 in Polish
 * alphabetical order (brzeziński, re-created in 2002, got 21) and the cities with powiat rights 61-63
 * (Łódź, Piotrków Trybunalski, Skierniewice); 1010 = powiat piotrkowski and 1062 = Piotrków Trybunalski are in
 * DOMAIN.md. Codes of the other 356 powiaty are NOT in the project and are not guessed.
 *
 * Consequences: a report is checkable when its TERYT powiat is in łódzkie or its point lies in a łódzkie powiat
 * polygon. Both in łódzkie: compare codes. One in, one out: a mismatch (we know every łódzkie code). Both outside:
 * unchecked. The polygons are heavily simplified (a few hundred metres off near borders), so each mismatch carries
 * the point's distance to its polygon's border and `certain` = farther than 2 km.
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { buildDistrictIndex, locate, polygonsOf, type DistrictGeometry } from '../../core/districts';
import { toPuwg92 } from '../../core/domain/crs';
import type { BeatFilter } from '../../shared/contract/districts';
import { readResourceJson } from '../resources';
import type { Db } from '../store/workspace';
import { beatClause } from '../store/reports';

/** TERYT powiat codes of the Łódź voivodeship, by the name used in powiaty-min.geojson. */
export const LODZKIE_POWIATY: Readonly<Record<string, string>> = {
  'powiat bełchatowski': '1001',
  'powiat kutnowski': '1002',
  'powiat łaski': '1003',
  'powiat łęczycki': '1004',
  'powiat łowicki': '1005',
  'powiat łódzki wschodni': '1006',
  'powiat opoczyński': '1007',
  'powiat pabianicki': '1008',
  'powiat pajęczański': '1009',
  'powiat piotrkowski': '1010',
  'powiat poddębicki': '1011',
  'powiat radomszczański': '1012',
  'powiat rawski': '1013',
  'powiat sieradzki': '1014',
  'powiat skierniewicki': '1015',
  'powiat tomaszowski': '1016',
  'powiat wieluński': '1017',
  'powiat wieruszowski': '1018',
  'powiat zduńskowolski': '1019',
  'powiat zgierski': '1020',
  'powiat brzeziński': '1021',
  'powiat Łódź': '1061',
  'powiat Piotrków Trybunalski': '1062',
  'powiat Skierniewice': '1063',
};

export const TERYT_COVERAGE_NOTE =
  'TERYT codes are known for the 24 powiaty of the Łódź voivodeship (10xx) only; reports whose code and point both lie outside it are not checked. Boundaries are simplified: mismatches within 2 km of a border are marked uncertain.';

const CERTAIN_M = 2000;

interface PowiatIndex {
  index: ReturnType<typeof buildDistrictIndex>;
  /** feature id -> {name, code|null, geometry} */
  byId: Map<number, { name: string; code: string | null; geometry: DistrictGeometry }>;
  nameOfCode: Map<string, string>;
}

let cached: PowiatIndex | null = null;

/** Index of the bundled powiaty with the łódzkie codes attached (a name is only trusted inside woj. łódzkie). */
export function powiatIndex(): PowiatIndex {
  if (cached) return cached;
  const powiaty = readResourceJson<FeatureCollection<Polygon | MultiPolygon, { id: number; nazwa: string }>>('boundaries', 'powiaty-min.geojson');
  const woj = readResourceJson<FeatureCollection<Polygon | MultiPolygon, { id: number; nazwa: string }>>('boundaries', 'wojewodztwa-min.geojson');
  const lodzkie = woj.features.find((f) => f.properties.nazwa === 'łódzkie');
  if (!lodzkie) throw new Error('wojewodztwa-min.geojson has no łódzkie');
  const lodzkieIdx = buildDistrictIndex([{ id: 1, geometry: lodzkie.geometry }]);
  const byId = new Map<number, { name: string; code: string | null; geometry: DistrictGeometry }>();
  const nameOfCode = new Map<string, string>();
  powiaty.features.forEach((f: Feature<Polygon | MultiPolygon, { id: number; nazwa: string }>, i) => {
    const name = f.properties.nazwa;
    let code: string | null = null;
    if (LODZKIE_POWIATY[name]) {
      const p = turf.pointOnFeature(f).geometry.coordinates;
      if (locate(lodzkieIdx, p[0], p[1]) >= 0) code = LODZKIE_POWIATY[name];
    }
    if (code) nameOfCode.set(code, name);
    byId.set(i, { name, code, geometry: f.geometry });
  });
  const missing = Object.values(LODZKIE_POWIATY).filter((c) => !nameOfCode.has(c));
  if (missing.length > 0) throw new Error(`powiaty-min.geojson: łódzkie powiaty not found for codes ${missing.join(', ')}`);
  cached = { index: buildDistrictIndex([...byId.entries()].map(([id, v]) => ({ id, geometry: v.geometry }))), byId, nameOfCode };
  return cached;
}

/** Distance in metres from a point to the boundary of a polygon (EPSG:2180 planar). */
function borderDistanceM(geometry: DistrictGeometry, lon: number, lat: number): number {
  const [px, py] = toPuwg92(lon, lat);
  let best = Infinity;
  for (const poly of polygonsOf(geometry)) {
    for (const ring of poly) {
      let prev = toPuwg92(ring[0][0], ring[0][1]);
      for (let k = 1; k < ring.length; k++) {
        const cur = toPuwg92(ring[k][0], ring[k][1]);
        const dx = cur[0] - prev[0], dy = cur[1] - prev[1];
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - prev[0]) * dx + (py - prev[1]) * dy) / len2)) : 0;
        const ex = prev[0] + t * dx - px, ey = prev[1] + t * dy - py;
        best = Math.min(best, Math.hypot(ex, ey));
        prev = cur;
      }
    }
  }
  return best;
}

export function terytMismatches(db: Db, input: { filter?: BeatFilter; limit: number }) {
  const idx = powiatIndex();
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const f = input.filter;
  if (f?.from != null) { clauses.push('created_at >= ?'); params.push(f.from); }
  if (f?.to != null) { clauses.push('created_at < ?'); params.push(f.to); }
  const inList = (col: string, values: (string | number)[] | undefined) => {
    if (!values || values.length === 0) return;
    clauses.push(`${col} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  inList('category', f?.categories);
  inList('status', f?.statuses);
  inList('category_code', f?.categoryCodes);
  inList('status_code', f?.statusCodes);
  inList('hour', f?.hours);
  inList('weekday', f?.weekdays);
  const beats = beatClause(f?.districtIds);
  if (beats) { clauses.push(beats.sql); params.push(...beats.params); }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  let total = 0, withoutTeryt = 0, checked = 0, unchecked = 0, mismatchCount = 0;
  const mismatches: {
    id: number; sourceId: string; teryt: string; terytPowiat: string; terytPowiatName: string | null; pointPowiat: string | null; pointPowiatName: string | null;
    borderDistanceM: number | null; certain: boolean; lon: number; lat: number; createdAt: number;
  }[] = [];
  const stmt = db.prepare(`SELECT id, source_id, teryt, lon, lat, created_at FROM reports ${where} ORDER BY created_at, id`).raw(true);
  for (const [id, sourceId, teryt, lon, lat, createdAt] of stmt.iterate(...params) as IterableIterator<[number, string, string | null, number, number, number]>) {
    total++;
    const code = (teryt ?? '').replace(/\D/g, '');
    if (code.length < 4) { withoutTeryt++; continue; }
    const tp = code.slice(0, 4);
    const hit = locate(idx.index, lon, lat);
    const poly = hit >= 0 ? idx.byId.get(hit)! : null;
    const pointCode = poly?.code ?? null;
    const terytKnown = idx.nameOfCode.has(tp);
    if (!terytKnown && !pointCode) { unchecked++; continue; }
    checked++;
    if (pointCode === tp) continue;
    mismatchCount++;
    const dist = poly ? borderDistanceM(poly.geometry, lon, lat) : null;
    if (mismatches.length < input.limit) {
      mismatches.push({
        id, sourceId, teryt: code, terytPowiat: tp, terytPowiatName: idx.nameOfCode.get(tp) ?? null,
        pointPowiat: pointCode, pointPowiatName: poly?.name ?? null,
        borderDistanceM: dist, certain: dist != null && dist > CERTAIN_M, lon, lat, createdAt,
      });
    }
  }
  return {
    coverage: [...idx.nameOfCode.entries()].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
    coverageNote: TERYT_COVERAGE_NOTE,
    checked, unchecked, withoutTeryt, total, mismatchCount, mismatches,
  };
}

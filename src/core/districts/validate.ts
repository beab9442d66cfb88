/**
 * Validation of a set of beat-district polygons (WGS84 input).
 *
 * Per district: geometry type, empty geometry, non-finite coordinates, rings with < 4 positions, unclosed rings,
 * zero-area rings, self-intersections (see kinks.ts, with locations), holes not inside their shell, missing and
 * duplicate names (compared folded: case, diacritics, spacing). Holes and multipolygons are fine.
 * Across districts (clipping in EPSG:2180 metres with turf/polyclip): overlaps between beats (pairs with area m²)
 * and gaps = holes of the union of all beats (areas inside the union's outer boundary not covered by any beat).
 * Space between disjoint groups of beats is outside the union, not a gap.
 *
 * Sliver thresholds (defaults, all overridable):
 *  - overlaps smaller than `minOverlapAreaM2` = 1 m² are ignored (digitising noise);
 *  - gaps smaller than `minGapAreaM2` = 100 m², or thinner than `minGapWidthM` = 1 m mean width
 *    (mean width = 2·area/perimeter, a 1 m wide strip along a street), are ignored as slivers.
 * Areas: EPSG:2180 planar m² (see geometry.ts).
 *
 * Cost: structural checks and kinks are O(n log n) (20k-vertex ring: ~75 ms). Overlaps/gaps use turf's polyclip-ts
 * (BigNumber arithmetic): 200 simple Voronoi beats ~0.3 s, but 200 beats with 47k vertices in total ~16 s
 * (618 candidate pairs x ~20 ms + union ~7 s). Run it off the UI thread, or pass skipTopology for a quick check.
 */
import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { fromPuwg92, inPolandWgs84 } from '../domain/crs';
import { foldText } from '../domain/text';
import { areaM2, bboxOf, planarArea, polygonsOf, ringPerimeter, ringSignedArea, type BBox } from './geometry';
import { findKinks } from './kinks';
import { geometryFromPuwg92, geometryToPuwg92 } from './project';
import type { DistrictGeometry } from './types';

export type IssueKind =
  | 'invalid-geometry-type' | 'empty-geometry' | 'non-finite-coordinate' | 'ring-too-short' | 'ring-not-closed'
  | 'zero-area-ring' | 'self-intersection' | 'hole-outside-shell' | 'outside-poland'
  | 'missing-name' | 'duplicate-name' | 'overlap' | 'gap' | 'clipping-failed';

export interface ValidationIssue {
  kind: IssueKind;
  severity: 'error' | 'warning';
  /** Indices into the input array. */
  districts: number[];
  message: string;
  /** WGS84 [lon, lat] of the problem when it has one. */
  location?: [number, number];
  areaM2?: number;
}

export interface DistrictOverlap {
  /** Input indices, a < b. */
  a: number;
  b: number;
  areaM2: number;
  bbox: BBox;
  /** WGS84 geometry of the overlap. */
  geometry: DistrictGeometry;
}

export interface DistrictGap {
  areaM2: number;
  meanWidthM: number;
  /** WGS84 ring of the gap (a hole of the union). */
  ring: Position[];
  /** A WGS84 point inside the gap, for a map marker. */
  location: [number, number];
}

export interface ValidationInput {
  name: string;
  geometry: DistrictGeometry | null | undefined;
}

export interface ValidationOptions {
  minOverlapAreaM2?: number;
  minGapAreaM2?: number;
  minGapWidthM?: number;
  /** Cap on reported self-intersections per district. */
  maxKinksPerDistrict?: number;
  /** Skip the overlap/gap analysis (it is the costly part). */
  skipTopology?: boolean;
}

export interface DistrictValidationResult {
  /** No errors (warnings allowed). */
  ok: boolean;
  issues: ValidationIssue[];
  overlaps: DistrictOverlap[];
  gaps: DistrictGap[];
  /** EPSG:2180 area per input district, m² (NaN when the geometry is unusable). */
  areasM2: number[];
}

export const VALIDATION_DEFAULTS = { minOverlapAreaM2: 1, minGapAreaM2: 100, minGapWidthM: 1, maxKinksPerDistrict: 50 } as const;

function label(name: string, i: number): string {
  return name && name.trim() ? `"${name.trim()}"` : `#${i + 1}`;
}

/** Even-odd point-in-ring for the hole-inside-shell check (planar, input coordinates). */
function inRing(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const yi = ring[i][1], yj = ring[j][1];
    if ((yi > y) !== (yj > y) && x < ((ring[j][0] - ring[i][0]) * (y - yi)) / (yj - yi) + ring[i][0]) inside = !inside;
  }
  return inside;
}

/** Structural checks of one geometry; returns issues and whether the geometry is usable for clipping. */
function checkGeometry(g: DistrictGeometry | null | undefined, i: number, name: string, opts: Required<ValidationOptions>): { issues: ValidationIssue[]; usable: boolean } {
  const issues: ValidationIssue[] = [];
  const who = label(name, i);
  const err = (kind: IssueKind, message: string, location?: [number, number]) => issues.push({ kind, severity: 'error', districts: [i], message, ...(location ? { location } : {}) });
  if (!g) { err('empty-geometry', `District ${who} has no geometry`); return { issues, usable: false }; }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    err('invalid-geometry-type', `District ${who} has geometry type ${(g as { type: string }).type}, expected Polygon or MultiPolygon`);
    return { issues, usable: false };
  }
  const polys = polygonsOf(g);
  if (!Array.isArray(polys) || polys.length === 0 || polys.every((p) => !p || p.length === 0)) {
    err('empty-geometry', `District ${who} has an empty geometry`);
    return { issues, usable: false };
  }
  let usable = true;
  let outside = 0, total = 0;
  polys.forEach((poly, pi) => {
    if (!poly || poly.length === 0) { err('empty-geometry', `District ${who}: part ${pi + 1} is empty`); usable = false; return; }
    poly.forEach((ring, ri) => {
      const what = `${ri === 0 ? 'outer ring' : `hole ${ri}`}${polys.length > 1 ? ` of part ${pi + 1}` : ''}`;
      if (!Array.isArray(ring) || ring.some((p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) {
        err('non-finite-coordinate', `District ${who}: ${what} has missing or non-numeric coordinates`);
        usable = false;
        return;
      }
      for (const p of ring) { total++; if (!inPolandWgs84(p[0], p[1])) outside++; }
      const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;
      const closed = ring.length > 0 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
      if (ring.length < 4 || distinct < 3) {
        err('ring-too-short', `District ${who}: ${what} has ${distinct} distinct positions (needs at least 3 plus the closing one)`, ring[0] ? [ring[0][0], ring[0][1]] : undefined);
        usable = false;
        return;
      }
      if (!closed) {
        issues.push({ kind: 'ring-not-closed', severity: 'warning', districts: [i], message: `District ${who}: ${what} is not closed (closed automatically)`, location: [ring[0][0], ring[0][1]] });
      }
      if (ringSignedArea(ring) === 0) {
        err('zero-area-ring', `District ${who}: ${what} has zero area`, [ring[0][0], ring[0][1]]);
        usable = false;
      }
      if (ri > 0 && poly[0] && poly[0].length >= 4) {
        const shell = poly[0];
        const bad = ring.find((p) => !inRing(shell, p[0], p[1]) && !shell.some((q) => q[0] === p[0] && q[1] === p[1]));
        if (bad) err('hole-outside-shell', `District ${who}: ${what} is not inside its outer ring`, [bad[0], bad[1]]);
      }
    });
  });
  if (total > 0 && outside > 0) {
    issues.push({ kind: 'outside-poland', severity: 'warning', districts: [i], message: `District ${who}: ${outside} of ${total} vertices lie outside Poland (wrong coordinate system?)` });
  }
  if (usable) {
    const kinks = findKinks(g, opts.maxKinksPerDistrict);
    for (const k of kinks) {
      const what = k.kind === 'crossing' ? 'edges cross' : k.kind === 'self-touch' ? 'ring touches itself' : 'edges overlap along a stretch';
      err('self-intersection', `District ${who}: self-intersection (${what}) at ${k.location[1].toFixed(6)} N ${k.location[0].toFixed(6)} E`, k.location);
    }
    if (kinks.length > 0) usable = false;
  }
  return { issues, usable };
}

type PlanarGeom = Polygon | MultiPolygon;

function feature(g: PlanarGeom): Feature<PlanarGeom> {
  return { type: 'Feature', properties: {}, geometry: g };
}

/** Close rings so the clipper gets valid GeoJSON. */
function closeRings<G extends DistrictGeometry>(g: G): G {
  const close = (r: Position[]) => (r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r : [...r, r[0]]);
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(close) } as G;
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(close)) } as G;
}

/** A point inside a planar polygon ring (EPSG:2180), returned in WGS84. */
function interiorPoint(ring: Position[]): [number, number] {
  try {
    const p = turf.pointOnFeature(turf.polygon([ring])).geometry.coordinates;
    return fromPuwg92(p[0], p[1]);
  } catch {
    return fromPuwg92(ring[0][0], ring[0][1]);
  }
}

/**
 * Validate a set of district polygons (WGS84). Use `featureCollectionToWgs84` first for files that may be in
 * EPSG:2180. Indices in the result refer to the input array.
 */
export function validateDistricts(districts: readonly ValidationInput[], options: ValidationOptions = {}): DistrictValidationResult {
  const opts: Required<ValidationOptions> = { ...VALIDATION_DEFAULTS, skipTopology: false, ...options };
  const issues: ValidationIssue[] = [];
  const usable: boolean[] = [];
  const areasM2: number[] = [];
  districts.forEach((d, i) => {
    const r = checkGeometry(d.geometry, i, d.name, opts);
    issues.push(...r.issues);
    usable.push(r.usable);
    areasM2.push(r.usable && d.geometry ? areaM2(closeRings(d.geometry)) : NaN);
  });

  // Names
  const byName = new Map<string, number[]>();
  districts.forEach((d, i) => {
    const key = foldText(String(d.name ?? ''));
    if (!key) {
      issues.push({ kind: 'missing-name', severity: 'error', districts: [i], message: `District #${i + 1} has no name` });
      return;
    }
    const list = byName.get(key) ?? [];
    list.push(i);
    byName.set(key, list);
  });
  for (const list of byName.values()) {
    if (list.length > 1) {
      issues.push({ kind: 'duplicate-name', severity: 'error', districts: list, message: `Duplicate district name ${label(districts[list[0]].name, list[0])} (${list.length} districts: ${list.map((i) => `#${i + 1}`).join(', ')})` });
    }
  }

  const overlaps: DistrictOverlap[] = [];
  const gaps: DistrictGap[] = [];
  if (!opts.skipTopology) {
    const idx: number[] = [];
    const planar: PlanarGeom[] = [];
    districts.forEach((d, i) => {
      if (usable[i] && d.geometry) { idx.push(i); planar.push(geometryToPuwg92(closeRings(d.geometry))); }
    });
    const skippedCount = districts.length - idx.length;
    if (skippedCount > 0 && districts.length > 1) {
      issues.push({ kind: 'clipping-failed', severity: 'warning', districts: districts.map((_, i) => i).filter((i) => !usable[i]), message: `${skippedCount} district(s) with geometry errors were left out of the overlap and gap analysis` });
    }
    if (planar.length > 1) {
      // Overlaps: candidate pairs from a bbox index.
      const tree = new Flatbush(planar.length);
      const boxes = planar.map((g) => bboxOf(g));
      for (const b of boxes) tree.add(b[0], b[1], b[2], b[3]);
      tree.finish();
      for (let k = 0; k < planar.length; k++) {
        const b = boxes[k];
        for (const m of tree.search(b[0], b[1], b[2], b[3])) {
          if (m <= k) continue;
          let inter: Feature<PlanarGeom> | null = null;
          try {
            inter = turf.intersect(turf.featureCollection([feature(planar[k]), feature(planar[m])])) as Feature<PlanarGeom> | null;
          } catch (e) {
            issues.push({ kind: 'clipping-failed', severity: 'warning', districts: [idx[k], idx[m]], message: `Overlap check of ${label(districts[idx[k]].name, idx[k])} and ${label(districts[idx[m]].name, idx[m])} failed: ${(e as Error).message}` });
            continue;
          }
          if (!inter) continue;
          const area = planarArea(inter.geometry);
          if (area < opts.minOverlapAreaM2) continue;
          const geometry = geometryFromPuwg92(inter.geometry);
          const a = idx[k], bIdx = idx[m];
          const firstRing = polygonsOf(inter.geometry)[0][0];
          overlaps.push({ a, b: bIdx, areaM2: area, bbox: bboxOf(geometry), geometry });
          issues.push({ kind: 'overlap', severity: 'warning', districts: [a, bIdx], areaM2: area, location: interiorPoint(firstRing), message: `Districts ${label(districts[a].name, a)} and ${label(districts[bIdx].name, bIdx)} overlap by ${formatArea(area)}` });
        }
      }
    }
    if (planar.length > 0) {
      // Gaps: holes of the union.
      let union: PlanarGeom | null = null;
      try {
        union = planar.length === 1 ? planar[0] : (turf.union(turf.featureCollection(planar.map(feature))) as Feature<PlanarGeom> | null)?.geometry ?? null;
      } catch (e) {
        issues.push({ kind: 'clipping-failed', severity: 'warning', districts: idx, message: `Union of districts failed, gaps not checked: ${(e as Error).message}` });
      }
      if (union) {
        for (const poly of polygonsOf(union)) {
          for (let r = 1; r < poly.length; r++) {
            const ring = poly[r];
            const area = Math.abs(ringSignedArea(ring));
            const meanWidthM = (2 * area) / ringPerimeter(ring);
            if (area < opts.minGapAreaM2 || meanWidthM < opts.minGapWidthM) continue;
            const location = interiorPoint(ring);
            gaps.push({ areaM2: area, meanWidthM, ring: ring.map((p) => fromPuwg92(p[0], p[1])), location });
            issues.push({ kind: 'gap', severity: 'warning', districts: [], areaM2: area, location, message: `Area of ${formatArea(area)} inside the beats' outer boundary is not covered by any district (near ${location[1].toFixed(5)} N ${location[0].toFixed(5)} E)` });
          }
        }
      }
    }
  }
  overlaps.sort((x, y) => x.a - y.a || x.b - y.b);
  gaps.sort((x, y) => y.areaM2 - x.areaM2);
  return { ok: !issues.some((i) => i.severity === 'error'), issues, overlaps, gaps, areasM2 };
}

function formatArea(m2: number): string {
  return m2 >= 1e5 ? `${(m2 / 1e6).toFixed(3)} km²` : `${Math.round(m2)} m²`;
}

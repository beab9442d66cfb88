/**
 * Point -> district assignment: the static index lives in ./pointIndex (re-exported here); this file adds the area
 * affected by an edit (affectedBy).
 */
import { difference, featureCollection } from '@turf/turf';
import { bboxOf, type BBox } from './geometry';
import { buildDistrictIndex, locateSlot, type DistrictIndex } from './pointIndex';
import type { DistrictGeometry } from './types';

export * from './pointIndex';

export interface AffectedArea {
  /** WGS84 box to pre-select reports (e.g. from the SQLite R*Tree); null when nothing can change. */
  bbox: BBox | null;
  /**
   * Exact predicate: true when the point is inside exactly one of old/new geometry (the symmetric difference),
   * evaluated with the same boundary rule as assign(). Only such points can change district.
   */
  contains(lon: number, lat: number): boolean;
  /** Vectorised `contains` over columns. */
  mask(lon: Float64Array | ArrayLike<number>, lat: Float64Array | ArrayLike<number>): Uint8Array;
}

/**
 * Area whose reports may change district when one district's geometry changes from `oldGeom` to `newGeom`
 * (null for a created / deleted district). Reports inside both or neither keep their assignment (inside both, the
 * district keeps winning or losing the same ties). Re-assign the reports selected by bbox + contains() with the
 * NEW full index: `assign(newIndex, lon, lat)`.
 * The bbox is the bbox of the symmetric difference when it can be computed (turf.difference), else the bbox of both.
 */
export function affectedBy(oldGeom: DistrictGeometry | null | undefined, newGeom: DistrictGeometry | null | undefined): AffectedArea {
  const oldIdx = oldGeom ? buildDistrictIndex([{ id: 0, geometry: oldGeom }]) : null;
  const newIdx = newGeom ? buildDistrictIndex([{ id: 0, geometry: newGeom }]) : null;
  const contains = (lon: number, lat: number): boolean => {
    const a = oldIdx ? locateSlot(oldIdx, lon, lat) >= 0 : false;
    const b = newIdx ? locateSlot(newIdx, lon, lat) >= 0 : false;
    return a !== b;
  };
  const mask = (lon: ArrayLike<number>, lat: ArrayLike<number>): Uint8Array => {
    const m = new Uint8Array(lon.length);
    for (let i = 0; i < lon.length; i++) m[i] = contains(lon[i], lat[i]) ? 1 : 0;
    return m;
  };
  const bbox = affectedBox(oldGeom ?? null, newGeom ?? null, oldIdx, newIdx);
  return { bbox, contains, mask };
}

function unionBox(a: BBox | null, b: BBox | null): BBox | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

function affectedBox(oldGeom: DistrictGeometry | null, newGeom: DistrictGeometry | null, oldIdx: DistrictIndex | null, newIdx: DistrictIndex | null): BBox | null {
  if (!oldGeom && !newGeom) return null;
  if (!oldGeom || !newGeom) return oldIdx?.bbox ?? newIdx?.bbox ?? null;
  if (JSON.stringify(oldGeom.coordinates) === JSON.stringify(newGeom.coordinates)) return null;
  const fallback = unionBox(oldIdx?.bbox ?? null, newIdx?.bbox ?? null);
  try {
    const pieces = [symmetricPiece(oldGeom, newGeom), symmetricPiece(newGeom, oldGeom)];
    let box: BBox | null = null;
    for (const p of pieces) if (p) box = unionBox(box, bboxOf(p));
    if (!box) return null;
    // pad: the clipper and the crossing test may disagree by rounding right at the edges
    const e = 1e-9;
    return [box[0] - e, box[1] - e, box[2] + e, box[3] + e];
  } catch {
    return fallback;
  }
}

function symmetricPiece(a: DistrictGeometry, b: DistrictGeometry): DistrictGeometry | null {
  const f = difference(featureCollection([
    { type: 'Feature', properties: {}, geometry: a },
    { type: 'Feature', properties: {}, geometry: b },
  ]));
  return f ? f.geometry : null;
}

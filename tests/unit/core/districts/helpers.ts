import type { Polygon, Position } from 'geojson';
import { fromPuwg92 } from '../../../../src/core/domain/crs';
import { mulberry32 } from '../../../../src/core/analysis/random';

/** Piotrków Trybunalski market square in EPSG:2180. */
export const E0 = 548883;
export const N0 = 393423;

/** Axis-aligned rectangle in EPSG:2180 metres (offsets from E0/N0), counter-clockwise, as WGS84 ring. */
export function rect2180(x0: number, y0: number, x1: number, y1: number): Position[] {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map(([x, y]) => fromPuwg92(E0 + x, N0 + y));
}

export function ring2180(points: [number, number][]): Position[] {
  const r = points.map(([x, y]) => fromPuwg92(E0 + x, N0 + y));
  r.push(r[0]);
  return r;
}

export function poly(...rings: Position[][]): Polygon {
  return { type: 'Polygon', coordinates: rings };
}

export const rng = mulberry32;

/**
 * Client-side hexagon counts in metres: each point's cell is computed once per dataset (Int32 index
 * into a dense cell list), so re-counting after a filter change is one typed-array pass.
 */
import type { ReportColumns } from '../../shared/columns';
import { localProjection } from './compute';

export interface HexGrid {
  sizeM: number;
  /** Cell of each point (index into cells). */
  cellOf: Int32Array;
  /** Cell centres, lon/lat interleaved. */
  centers: Float64Array;
  /** Hexagon outlines (7 points closed) in lon/lat per cell. */
  polygons: [number, number][][];
  cellCount: number;
}

/** Pointy-top hexagons of circumradius `sizeM` metres. */
export function buildHexGrid(cols: ReportColumns, sizeM: number): HexGrid {
  const n = cols.count;
  const lon0 = n ? cols.position[0] : 19.7;
  const lat0 = n ? cols.position[1] : 51.4;
  const pr = localProjection(lon0, lat0);
  const w = Math.sqrt(3) * sizeM;
  const h = 1.5 * sizeM;
  const cellOf = new Int32Array(n);
  const keys = new Map<number, number>();
  const qr: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = pr.x(cols.position[2 * i]);
    const y = pr.y(cols.position[2 * i + 1]);
    // axial coordinates, cube rounding
    const q = ((Math.sqrt(3) / 3) * x - y / 3) / sizeM;
    const r = ((2 / 3) * y) / sizeM;
    let rx = Math.round(q), rz = Math.round(r);
    const ry = Math.round(-q - r);
    const dx = Math.abs(rx - q), dy = Math.abs(ry - (-q - r)), dz = Math.abs(rz - r);
    if (dx > dy && dx > dz) rx = -ry - rz;
    else if (!(dy > dz)) rz = -rx - ry;
    const key = (rx + 100_000) * 200_000 + (rz + 100_000);
    let c = keys.get(key);
    if (c === undefined) {
      c = qr.length / 2;
      keys.set(key, c);
      qr.push(rx, rz);
    }
    cellOf[i] = c;
  }
  const cellCount = qr.length / 2;
  const centers = new Float64Array(cellCount * 2);
  const polygons: [number, number][][] = [];
  for (let c = 0; c < cellCount; c++) {
    const q = qr[2 * c], r = qr[2 * c + 1];
    const cx = w * (q + r / 2);
    const cy = h * r;
    centers[2 * c] = pr.lon(cx);
    centers[2 * c + 1] = pr.lat(cy);
    const ring: [number, number][] = [];
    for (let k = 0; k <= 6; k++) {
      const a = (Math.PI / 180) * (60 * (k % 6) - 30);
      ring.push([pr.lon(cx + sizeM * Math.cos(a)), pr.lat(cy + sizeM * Math.sin(a))]);
    }
    polygons.push(ring);
  }
  return { sizeM, cellOf, centers, polygons, cellCount };
}

/** Counts per cell of the points passing the mask. */
export function hexCounts(grid: HexGrid, mask: Uint8Array, out?: Uint32Array): Uint32Array {
  const counts = out && out.length === grid.cellCount ? out.fill(0) : new Uint32Array(grid.cellCount);
  const cellOf = grid.cellOf;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) counts[cellOf[i]]++;
  return counts;
}

/**
 * Voivodeship lookup for the import: "is this point in Poland?" and "which voivodeship (TERYT 2-digit)?".
 * Core does not read files: pass the parsed FeatureCollection (e.g. shared/data/boundaries/
 * wojewodztwa-min.geojson, properties {nazwa}) to buildVoivodeshipIndex once per import.
 *
 * Speed: a raster of ~1 km cells is built once (~20 ms). Cells away from every boundary answer in O(1);
 * cells touched by a boundary fall back to exact point-in-polygon on the candidate polygons.
 * Tolerance: the bundled polygons are heavily simplified, so a point outside every polygon but within
 * ~toleranceKm (default 2 km) of one counts as 'near' (in Poland, voivodeship unknown).
 */

import { foldText } from '../domain/text';

/** Name (folded) -> TERYT voivodeship code. */
export const VOIVODESHIP_TERYT: Readonly<Record<string, string>> = {
  dolnoslaskie: '02',
  'kujawsko pomorskie': '04',
  lubelskie: '06',
  lubuskie: '08',
  lodzkie: '10',
  malopolskie: '12',
  mazowieckie: '14',
  opolskie: '16',
  podkarpackie: '18',
  podlaskie: '20',
  pomorskie: '22',
  slaskie: '24',
  swietokrzyskie: '26',
  'warminsko mazurskie': '28',
  wielkopolskie: '30',
  zachodniopomorskie: '32',
};

/** Minimal GeoJSON shapes accepted (compatible with @types/geojson FeatureCollection). */
export interface PolygonFeatureCollection {
  type: 'FeatureCollection';
  features: readonly {
    properties?: Record<string, unknown> | null;
    geometry: { type: string; coordinates?: unknown } | null;
  }[];
}

export type Location = 'inside' | 'near' | 'outside';

export interface VoivodeshipIndex {
  /** TERYT 2-digit code of the voivodeship containing the point, or null. */
  locate(lon: number, lat: number): string | null;
  /** 'inside' a polygon, 'near' one (within tolerance), or 'outside' Poland. */
  classify(lon: number, lat: number): Location;
  /** The codes present in the collection. */
  readonly codes: readonly string[];
}

function terytOf(props: Record<string, unknown> | null | undefined): string | null {
  if (!props) return null;
  for (const k of ['teryt', 'TERYT', 'JPT_KOD_JE', 'kod', 'code']) {
    const v = props[k];
    if (v !== undefined && v !== null && /^\d{1,2}$/.test(String(v))) return String(v).padStart(2, '0');
  }
  for (const k of ['nazwa', 'name', 'NAZWA', 'JPT_NAZWA_', 'woj', 'wojewodztwo']) {
    const v = props[k];
    if (typeof v === 'string') {
      const code = VOIVODESHIP_TERYT[foldText(v).replace(/^wojewodztwo /, '')];
      if (code) return code;
    }
  }
  return null;
}

interface Poly {
  code: string;
  /** rings as flat [lon0, lat0, lon1, lat1, ...]; first ring outer, others holes (even-odd anyway) */
  rings: Float64Array[];
  minX: number; minY: number; maxX: number; maxY: number;
}

function pointInPoly(p: Poly, x: number, y: number): boolean {
  if (x < p.minX || x > p.maxX || y < p.minY || y > p.maxY) return false;
  let inside = false;
  for (const r of p.rings) {
    const n = r.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const yi = r[i + 1];
      const yj = r[j + 1];
      if (yi > y !== yj > y) {
        const xi = r[i];
        const xj = r[j];
        if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

const CELL_LAT = 0.01; // ~1.1 km
const CELL_LON = 0.015; // ~1.0 km at 52°N

export function buildVoivodeshipIndex(fc: PolygonFeatureCollection, toleranceKm = 2): VoivodeshipIndex {
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error('voivodeships: not a FeatureCollection');
  const polys: Poly[] = [];
  for (const f of fc.features) {
    const code = terytOf(f.properties);
    if (!code || !f.geometry) continue;
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates as number[][][]] : g.type === 'MultiPolygon' ? (g.coordinates as number[][][][]) : [];
    for (const poly of polygons) {
      const rings = poly.map((ring) => {
        const a = new Float64Array(ring.length * 2);
        ring.forEach((pt, i) => { a[2 * i] = pt[0]; a[2 * i + 1] = pt[1]; });
        return a;
      });
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      const outer = rings[0];
      for (let i = 0; i < outer.length; i += 2) {
        minX = Math.min(minX, outer[i]); maxX = Math.max(maxX, outer[i]);
        minY = Math.min(minY, outer[i + 1]); maxY = Math.max(maxY, outer[i + 1]);
      }
      polys.push({ code, rings, minX, minY, maxX, maxY });
    }
  }
  if (polys.length === 0) throw new Error('voivodeships: no polygon with a recognisable voivodeship name or TERYT code');

  const pad = 0.1;
  const x0 = Math.min(...polys.map((p) => p.minX)) - pad;
  const y0 = Math.min(...polys.map((p) => p.minY)) - pad;
  const x1 = Math.max(...polys.map((p) => p.maxX)) + pad;
  const y1 = Math.max(...polys.map((p) => p.maxY)) + pad;
  const W = Math.ceil((x1 - x0) / CELL_LON);
  const H = Math.ceil((y1 - y0) / CELL_LAT);
  // cell value: 0 outside, k+1 = polygon k contains the cell centre
  const cls = new Uint16Array(W * H);
  const boundary = new Uint8Array(W * H);

  // 1. scanline fill of cell centres
  const xs: number[] = [];
  for (let j = 0; j < H; j++) {
    const cy = y0 + (j + 0.5) * CELL_LAT;
    for (let k = 0; k < polys.length; k++) {
      const p = polys[k];
      if (cy < p.minY || cy > p.maxY) continue;
      xs.length = 0;
      for (const r of p.rings) {
        const n = r.length;
        for (let i = 0, q = n - 2; i < n; q = i, i += 2) {
          const yi = r[i + 1], yq = r[q + 1];
          if (yi > cy !== yq > cy) xs.push(((r[q] - r[i]) * (cy - yi)) / (yq - yi) + r[i]);
        }
      }
      xs.sort((a, b) => a - b);
      for (let t = 0; t + 1 < xs.length; t += 2) {
        const iStart = Math.max(0, Math.ceil((xs[t] - x0) / CELL_LON - 0.5));
        const iEnd = Math.min(W - 1, Math.floor((xs[t + 1] - x0) / CELL_LON - 0.5));
        for (let i = iStart; i <= iEnd; i++) cls[j * W + i] = k + 1;
      }
    }
  }
  // 2. mark cells crossed by an edge (plus their neighbours, to be safe against corner cuts)
  const mark = (i: number, j: number) => {
    for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
      const ii = i + di, jj = j + dj;
      if (ii >= 0 && ii < W && jj >= 0 && jj < H) boundary[jj * W + ii] = 1;
    }
  };
  for (const p of polys) for (const r of p.rings) {
    const n = r.length;
    for (let i = 0, q = n - 2; i < n; q = i, i += 2) {
      const ax = r[q], ay = r[q + 1], bx = r[i], by = r[i + 1];
      const steps = Math.max(1, Math.ceil(Math.max(Math.abs(bx - ax) / CELL_LON, Math.abs(by - ay) / CELL_LAT) * 2));
      for (let s = 0; s <= steps; s++) {
        const x = ax + ((bx - ax) * s) / steps, y = ay + ((by - ay) * s) / steps;
        mark(Math.floor((x - x0) / CELL_LON), Math.floor((y - y0) / CELL_LAT));
      }
    }
  }
  // 3. "near" mask: dilation of (inside or boundary) by the tolerance, separable max filter
  const near = new Uint8Array(W * H);
  for (let c = 0; c < W * H; c++) near[c] = cls[c] !== 0 || boundary[c] ? 1 : 0;
  const rx = Math.ceil(toleranceKm / (CELL_LON * 68)); // ~68 km per degree of longitude at 52°N
  const ry = Math.ceil(toleranceKm / (CELL_LAT * 111.2));
  const tmp = new Uint8Array(W * H);
  for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) {
    let v = 0;
    for (let d = -rx; d <= rx && !v; d++) { const ii = i + d; if (ii >= 0 && ii < W) v = near[j * W + ii]; }
    tmp[j * W + i] = v;
  }
  for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) {
    let v = 0;
    for (let d = -ry; d <= ry && !v; d++) { const jj = j + d; if (jj >= 0 && jj < H) v = tmp[jj * W + i]; }
    near[j * W + i] = v;
  }

  function exact(lon: number, lat: number): number {
    for (let k = 0; k < polys.length; k++) if (pointInPoly(polys[k], lon, lat)) return k + 1;
    return 0;
  }
  function cellOf(lon: number, lat: number): number {
    if (!(lon >= x0 && lon < x1 && lat >= y0 && lat < y1)) return -1;
    const i = Math.floor((lon - x0) / CELL_LON);
    const j = Math.floor((lat - y0) / CELL_LAT);
    if (i >= W || j >= H) return -1;
    return j * W + i;
  }
  function lookup(lon: number, lat: number): number {
    const c = cellOf(lon, lat);
    if (c < 0) return 0;
    return boundary[c] ? exact(lon, lat) : cls[c];
  }
  return {
    codes: [...new Set(polys.map((p) => p.code))].sort(),
    locate(lon, lat) {
      const k = lookup(lon, lat);
      return k ? polys[k - 1].code : null;
    },
    classify(lon, lat) {
      const c = cellOf(lon, lat);
      if (c < 0) return 'outside';
      const k = boundary[c] ? exact(lon, lat) : cls[c];
      if (k) return 'inside';
      return near[c] ? 'near' : 'outside';
    },
  };
}

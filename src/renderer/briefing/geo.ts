/**
 * Map geometry for the SVG maps of the print pages and slides: a local Web-Mercator projection fitted to
 * a bounding box, SVG paths from GeoJSON, a scale bar in metres and greedy label placement.
 * Pure functions, unit-tested.
 */
import type { Geometry, Position } from 'geojson';

export type BBox = [number, number, number, number];

const R = 6_378_137;
const RAD = Math.PI / 180;

export function mercator(lon: number, lat: number): [number, number] {
  const la = Math.max(-85, Math.min(85, lat));
  return [R * lon * RAD, R * Math.log(Math.tan(Math.PI / 4 + (la * RAD) / 2))];
}

export interface Projection {
  width: number;
  height: number;
  /** Screen units (SVG px) per Web-Mercator metre. */
  scale: number;
  /** Ground metres per screen unit at the centre latitude. */
  metresPerUnit: number;
  /** The WGS84 box actually shown (the fitted box grown to the aspect of the frame). */
  bbox: BBox;
  project(lon: number, lat: number): [number, number];
}

/**
 * Fit `bbox` ([minLon, minLat, maxLon, maxLat]) into width × height with `padding` units on every side.
 * The box keeps its shape (one scale for x and y) and is centred.
 */
export function fitProjection(bbox: BBox, width: number, height: number, padding = 0): Projection {
  let [x0, y0] = mercator(bbox[0], bbox[1]);
  let [x1, y1] = mercator(bbox[2], bbox[3]);
  // a degenerate box (one point) still gets a sensible scale: 1 km across
  if (x1 - x0 < 1) {
    x0 -= 500;
    x1 += 500;
  }
  if (y1 - y0 < 1) {
    y0 -= 500;
    y1 += 500;
  }
  const w = Math.max(1, width - 2 * padding);
  const h = Math.max(1, height - 2 * padding);
  const scale = Math.min(w / (x1 - x0), h / (y1 - y0));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const centreLat = (Math.atan(Math.exp(cy / R)) * 2 - Math.PI / 2) / RAD;
  const project = (lon: number, lat: number): [number, number] => {
    const [mx, my] = mercator(lon, lat);
    return [width / 2 + (mx - cx) * scale, height / 2 - (my - cy) * scale];
  };
  const inv = (px: number, py: number): [number, number] => {
    const mx = cx + (px - width / 2) / scale;
    const my = cy - (py - height / 2) / scale;
    return [mx / R / RAD, (Math.atan(Math.exp(my / R)) * 2 - Math.PI / 2) / RAD];
  };
  const [a, b] = [inv(0, height), inv(width, 0)];
  return { width, height, scale, metresPerUnit: Math.cos(centreLat * RAD) / scale, bbox: [a[0], a[1], b[0], b[1]], project };
}

export interface ScaleBar {
  metres: number;
  /** Length in screen units. */
  length: number;
  label: string;
}

/** The longest "nice" distance (1, 2, 5 × 10^k metres) whose bar fits in maxLength screen units. */
export function scaleBar(metresPerUnit: number, maxLength: number): ScaleBar {
  const maxMetres = metresPerUnit * maxLength;
  let metres = 1;
  if (maxMetres >= 1) {
    const k = Math.floor(Math.log10(maxMetres));
    const base = 10 ** k;
    metres = [5, 2, 1].map((f) => f * base).find((m) => m <= maxMetres) ?? base;
  }
  const label = metres >= 1000 ? `${String(metres / 1000).replace('.', ',')} km` : `${metres} m`;
  return { metres, length: metres / metresPerUnit, label };
}

function ringPath(ring: Position[], p: Projection): string {
  let d = '';
  let lastX = NaN;
  let lastY = NaN;
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = p.project(ring[i][0], ring[i][1]);
    const rx = Math.round(x * 10) / 10;
    const ry = Math.round(y * 10) / 10;
    if (rx === lastX && ry === lastY) continue;
    d += `${i === 0 ? 'M' : 'L'}${rx} ${ry}`;
    lastX = rx;
    lastY = ry;
  }
  return d;
}

/** SVG path data of a (Multi)Polygon / (Multi)LineString; '' for other geometries. */
export function geometryPath(g: Geometry | null | undefined, p: Projection): string {
  if (!g) return '';
  switch (g.type) {
    case 'Polygon':
      return g.coordinates.map((r) => ringPath(r, p) + 'Z').join('');
    case 'MultiPolygon':
      return g.coordinates.map((poly) => poly.map((r) => ringPath(r, p) + 'Z').join('')).join('');
    case 'LineString':
      return ringPath(g.coordinates, p);
    case 'MultiLineString':
      return g.coordinates.map((l) => ringPath(l, p)).join('');
    case 'GeometryCollection':
      return g.geometries.map((x) => geometryPath(x, p)).join('');
    default:
      return '';
  }
}

function eachPosition(g: Geometry | null | undefined, f: (p: Position) => void): void {
  if (!g) return;
  switch (g.type) {
    case 'Point':
      f(g.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach(f);
      break;
    case 'Polygon':
    case 'MultiLineString':
      g.coordinates.forEach((r) => r.forEach(f));
      break;
    case 'MultiPolygon':
      g.coordinates.forEach((poly) => poly.forEach((r) => r.forEach(f)));
      break;
    case 'GeometryCollection':
      g.geometries.forEach((x) => eachPosition(x, f));
      break;
  }
}

export function geometryBBox(g: Geometry | null | undefined): BBox | null {
  let b: BBox | null = null;
  eachPosition(g, ([x, y]) => {
    if (!b) b = [x, y, x, y];
    else b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  });
  return b;
}

export function unionBBox(boxes: (BBox | null | undefined)[]): BBox | null {
  let b: BBox | null = null;
  for (const x of boxes) {
    if (!x) continue;
    b = b ? [Math.min(b[0], x[0]), Math.min(b[1], x[1]), Math.max(b[2], x[2]), Math.max(b[3], x[3])] : [...x];
  }
  return b;
}

export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** Vertex-average centroid of the outer ring(s), good enough for a label anchor of a hexagon. */
export function ringCentroid(g: Geometry | null | undefined): [number, number] | null {
  let sx = 0;
  let sy = 0;
  let n = 0;
  const ring = g?.type === 'Polygon' ? g.coordinates[0] : g?.type === 'MultiPolygon' ? g.coordinates[0]?.[0] : null;
  if (!ring) return null;
  const pts = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring;
  for (const [x, y] of pts) {
    sx += x;
    sy += y;
    n++;
  }
  return n ? [sx / n, sy / n] : null;
}

export interface LabelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

let measureCtx: CanvasRenderingContext2D | null | undefined;
const widthCache = new Map<string, number>();

/**
 * Width of a text in DejaVu Sans (the font of the print pages): measured with a 2D canvas where one exists,
 * else estimated at 0.62 em per character (DejaVu Sans is wide).
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  if (measureCtx === undefined) {
    try {
      measureCtx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    } catch {
      measureCtx = null;
    }
  }
  if (!measureCtx) return text.length * fontSize * 0.62;
  const key = `${bold ? 'b' : 'n'}|${text}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    measureCtx.font = `${bold ? 'bold ' : ''}100px "DejaVu Sans", sans-serif`;
    w = measureCtx.measureText(text).width / 100;
    if (widthCache.size > 20_000) widthCache.clear();
    widthCache.set(key, w);
  }
  return w * fontSize;
}

/** The text cut with "…" to fit maxWidth. */
export function truncate(s: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(s, fontSize, bold) <= maxWidth) return s;
  let n = s.length - 1;
  while (n > 3 && textWidth(s.slice(0, n).trimEnd() + '…', fontSize, bold) > maxWidth) n--;
  return s.slice(0, n).trimEnd() + '…';
}

/** Text box of a label (baseline at y). */
export function textBox(text: string, x: number, y: number, fontSize: number, anchor: 'start' | 'middle' = 'start', bold = false): LabelBox {
  const w = textWidth(text, fontSize, bold);
  return { x: anchor === 'middle' ? x - w / 2 : x, y: y - fontSize, w, h: fontSize * 1.25 };
}

function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y;
}

/**
 * Greedy label placement: keeps labels in priority order while they stay inside the frame and do not
 * overlap the labels already kept or the `blocked` boxes. Returns the indices kept.
 */
export function placeLabels(boxes: LabelBox[], frame: { width: number; height: number }, blocked: LabelBox[] = []): number[] {
  const kept: LabelBox[] = [...blocked];
  const out: number[] = [];
  boxes.forEach((b, i) => {
    if (b.x < 0 || b.y < 0 || b.x + b.w > frame.width || b.y + b.h > frame.height) return;
    if (kept.some((k) => overlaps(k, b))) return;
    kept.push(b);
    out.push(i);
  });
  return out;
}

/** Class breaks for a count legend: up to `classes` "nice" upper bounds covering 1..max. */
export function countBreaks(max: number, classes = 5): number[] {
  if (!(max > 0)) return [1];
  if (max <= classes) return Array.from({ length: Math.max(1, Math.ceil(max)) }, (_, i) => i + 1);
  const nice = (v: number) => {
    const k = 10 ** Math.floor(Math.log10(v));
    return ([1, 2, 2.5, 5, 10].map((f) => f * k).find((c) => c >= v) ?? 10 * k);
  };
  const step = nice(max / classes);
  const out: number[] = [];
  for (let b = step; out.length < classes; b += step) {
    out.push(Math.round(b));
    if (b >= max) break;
  }
  out[out.length - 1] = Math.max(out[out.length - 1], Math.ceil(max));
  return [...new Set(out)];
}

/** Short label of a beat for a map: "3" for "Rejon 3 – Dworzec", "KP w Sulejowie" for "Komisariat Policji w Sulejowie". */
export function shortBeatLabel(name: string): string {
  const m = /^rejon\s+(\S+?)(?:\s|$|[–-])/i.exec(name.trim() + ' ');
  if (m) return m[1];
  return name.replace(/^Komisariat Policji/i, 'KP').replace(/^Posterunek Policji/i, 'PP').replace(/^Komenda Miejska Policji/i, 'KMP');
}

/** Area-weighted centroid of the largest outer ring (falls inside for the usual compact beats). */
export function labelPoint(g: Geometry | null | undefined): [number, number] | null {
  if (!g) return null;
  const rings = g.type === 'Polygon' ? [g.coordinates[0]] : g.type === 'MultiPolygon' ? g.coordinates.map((p) => p[0]) : [];
  let best: { a: number; x: number; y: number } | null = null;
  for (const r of rings) {
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const f = r[j][0] * r[i][1] - r[i][0] * r[j][1];
      a += f;
      cx += (r[j][0] + r[i][0]) * f;
      cy += (r[j][1] + r[i][1]) * f;
    }
    if (Math.abs(a) < 1e-12) continue;
    const c = { a: Math.abs(a), x: cx / (3 * a), y: cy / (3 * a) };
    if (!best || c.a > best.a) best = c;
  }
  return best ? [best.x, best.y] : ringCentroid(g);
}

/**
 * What the workspace knows about where its reports are, as evidence for the X/Y axis order of a file
 * (core decideCoordinateKind): its territory (with the powiat tolerance), its beats, and the places of its
 * existing reports (2 km cells around a random sample of them). Plus the preview of both readings for the
 * mapping dialog.
 */
import { locate } from '../../core/districts/assign';
import { toPuwg92 } from '../../core/domain/crs';
import { puwg92ToWgs84Fast, type AreaEvidenceInput, type FileCoordinateKind, type Mapping, type RawRecord } from '../../core/import';
import { parseNumber } from '../../core/import/values';
import { districtIndexOf } from '../districts/assignment';
import { bundledPowiaty, getTerritory, territoryIndexOf } from '../store/territory';
import { buildDistrictIndex } from '../../core/districts/assign';
import type { Db } from '../store/workspace';

/** Cell size (m) of the "near existing reports" test; a point counts when its cell or a neighbour holds a report. */
export const REPORT_CELL_M = 2000;
/** Existing reports sampled (by random row id) for that test. */
const REPORT_SAMPLE = 5000;

function reportCells(db: Db): Set<number> | null {
  const r = db.prepare('SELECT count(*) AS n, max(id) AS m FROM reports').get() as { n: number; m: number | null };
  if (r.n === 0 || r.m == null) return null;
  const cells = new Set<number>();
  const add = (x: number, y: number) => cells.add(Math.floor(x / REPORT_CELL_M) * 100_000 + Math.floor(y / REPORT_CELL_M));
  if (r.n <= REPORT_SAMPLE) {
    for (const [x, y] of db.prepare('SELECT x2180, y2180 FROM reports').raw(true).iterate() as IterableIterator<[number, number]>) add(x, y);
  } else {
    const one = db.prepare('SELECT x2180, y2180 FROM reports WHERE id >= ? ORDER BY id LIMIT 1').raw(true);
    let s = 0x9e3779b9;
    for (let k = 0; k < REPORT_SAMPLE; k++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const row = one.get(1 + (s % r.m)) as [number, number] | undefined;
      if (row) add(row[0], row[1]);
    }
  }
  return cells;
}

/** The workspace's places as point tests, strongest first (absent ones are left out). */
export function workspaceAreas(db: Db): AreaEvidenceInput[] {
  const out: AreaEvidenceInput[] = [];
  const territory = territoryIndexOf(db);
  if (territory) out.push({ source: 'territory', contains: (lon, lat) => territory.contains(lon, lat) });
  const beats = districtIndexOf(db);
  if (beats) out.push({ source: 'beats', contains: (lon, lat) => locate(beats, lon, lat) >= 0 });
  const cells = reportCells(db);
  if (cells) {
    out.push({
      source: 'reports',
      contains: (lon, lat) => {
        const [x, y] = toPuwg92(lon, lat);
        const cx = Math.floor(x / REPORT_CELL_M), cy = Math.floor(y / REPORT_CELL_M);
        for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) if (cells.has((cx + dx) * 100_000 + cy + dy)) return true;
        return false;
      },
    });
  }
  return out;
}

export interface ReadingPreview {
  kind: FileCoordinateKind;
  /** Sampled points read this way, WGS84 [lon, lat]. */
  points: [number, number][];
  /** [minLon, minLat, maxLon, maxLat] of the points (null when none). */
  bbox: [number, number, number, number] | null;
  /** Powiaty holding most of the points (bundled PRG names), with counts. */
  powiaty: { name: string; count: number }[];
  /** Points inside the territory (null without one). */
  inTerritory: number | null;
}

const PREVIEW_POINTS = 300;

/**
 * Both readings of the sampled X/Y pairs, for the mapping dialog's preview map: where each puts the points
 * (which powiaty, how many inside the territory). Only for EPSG:2180 or WGS84 candidates.
 */
export function readingPreviews(db: Db, records: readonly RawRecord[], mapping: Mapping, decimalComma: boolean, kinds: readonly FileCoordinateKind[]): ReadingPreview[] {
  const pairs: [number, number][] = [];
  if (mapping.x && mapping.y) {
    const step = Math.max(1, Math.floor(records.length / PREVIEW_POINTS));
    for (let i = 0; i < records.length && pairs.length < PREVIEW_POINTS; i += step) {
      const a = parseNumber(records[i][mapping.x], decimalComma);
      const b = parseNumber(records[i][mapping.y], decimalComma);
      if (Number.isFinite(a) && Number.isFinite(b) && !(a === 0 && b === 0)) pairs.push([a, b]);
    }
  }
  const territory = territoryIndexOf(db);
  const powiaty = bundledPowiaty();
  const pIndex = buildDistrictIndex(powiaty.map((p, i) => ({ id: i, geometry: p.geometry })));
  const ll: [number, number] = [0, 0];
  return kinds.map((kind) => {
    const points: [number, number][] = pairs.map(([a, b]) => {
      switch (kind) {
        case 'wgs84': return [a, b];
        case 'wgs84-swapped': return [b, a];
        case 'puwg92': puwg92ToWgs84Fast(a, b, ll); return [ll[0], ll[1]];
        default: puwg92ToWgs84Fast(b, a, ll); return [ll[0], ll[1]];
      }
    });
    const ok = points.filter(([lon, lat]) => Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180);
    let bbox: ReadingPreview['bbox'] = null;
    const counts = new Map<number, number>();
    let inT = 0;
    for (const [lon, lat] of ok) {
      bbox = bbox ? [Math.min(bbox[0], lon), Math.min(bbox[1], lat), Math.max(bbox[2], lon), Math.max(bbox[3], lat)] : [lon, lat, lon, lat];
      const p = locate(pIndex, lon, lat);
      if (p >= 0) counts.set(p, (counts.get(p) ?? 0) + 1);
      if (territory?.contains(lon, lat)) inT++;
    }
    const top = [...counts].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([i, count]) => ({ name: powiaty[i].name, count }));
    return { kind, points: ok, bbox, powiaty: top, inTerritory: territory ? inT : null };
  });
}

/** Territory parts for the import worker (geometry and source: the tolerance depends on it). */
export function territoryShapes(db: Db): { geometry: ReturnType<typeof getTerritory>[number]['geometry']; source: string }[] {
  return getTerritory(db).map((p) => ({ geometry: p.geometry, source: p.source }));
}

/**
 * Test workspaces for the beat-district feature, written through the store API (independent of the demo generator):
 * a grid of rectangular beats around Piotrków Trybunalski (shared edges, no gaps) and random reports over two
 * years, a few of them outside all beats, with status histories.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { CATEGORIES } from '../../src/core/domain/categories';
import { STATUSES } from '../../src/core/domain/statuses';
import { toPuwg92 } from '../../src/core/domain/crs';
import { warsawToUtc } from '../../src/core/domain/time';
import { reassignReports } from '../../src/backend/districts/assignment';
import { insertDistrict } from '../../src/backend/store/districts';
import { createImport, createReportUpserter, finishImport, type IncomingReport } from '../../src/backend/store/reports';
import { openWorkspace, type Db } from '../../src/backend/store/workspace';
import { mulberry32 } from '../../src/core/analysis/random';

export const rng = mulberry32;

/** Grid origin (south-west corner) and cell size in degrees. */
export const GRID = { lon0: 19.62, lat0: 51.36, dLon: 0.04, dLat: 0.025, cols: 4, rows: 3 } as const;

/** cols × rows rectangular beats "Rejon 1".. with exactly shared edges (same float values on both sides). */
export function gridBeats(cols: number = GRID.cols, rows: number = GRID.rows): FeatureCollection<Polygon> {
  const xs = Array.from({ length: cols + 1 }, (_, i) => Number((GRID.lon0 + i * GRID.dLon).toFixed(6)));
  const ys = Array.from({ length: rows + 1 }, (_, j) => Number((GRID.lat0 + j * GRID.dLat).toFixed(6)));
  const features: Feature<Polygon>[] = [];
  let k = 0;
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      k++;
      features.push({
        type: 'Feature',
        properties: { NAZWA: `Rejon ${k}`, DZIELNICOWY: `st. asp. Kowalski ${k}`, JEDNOSTKA: k <= 6 ? 'KMP Piotrków Tryb. – I Komisariat' : 'KMP Piotrków Tryb. – II Komisariat' },
        geometry: { type: 'Polygon', coordinates: [[[xs[i], ys[j]], [xs[i + 1], ys[j]], [xs[i + 1], ys[j + 1]], [xs[i], ys[j + 1]], [xs[i], ys[j]]]] },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** The same collection in EPSG:2180 metres with a `crs` member, as exported from Polish GIS. */
export function to2180(fc: FeatureCollection<Polygon>, withCrsMember = true): object {
  return {
    type: 'FeatureCollection',
    ...(withCrsMember ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2180' } } } : {}),
    features: fc.features.map((f) => ({ ...f, geometry: { type: 'Polygon', coordinates: f.geometry.coordinates.map((r) => r.map(([x, y]) => toPuwg92(x, y))) } })),
  };
}

export interface ReportSpec {
  n: number;
  seed?: number;
  /** UTC ms range of creation times. */
  from?: number;
  to?: number;
  /** Share of reports placed outside the grid. */
  outsideShare?: number;
  /** A "hot" beat (1-based grid index) that gets `hotShare` of the reports in the second half of the range. */
  hotBeat?: number;
  hotShare?: number;
}

export function makeReports(spec: ReportSpec): IncomingReport[] {
  const rand = rng(spec.seed ?? 7);
  const from = spec.from ?? warsawToUtc(2024, 1, 1);
  const to = spec.to ?? warsawToUtc(2026, 1, 1);
  const mid = (from + to) / 2;
  const W = GRID.cols * GRID.dLon, H = GRID.rows * GRID.dLat;
  const out: IncomingReport[] = [];
  for (let i = 0; i < spec.n; i++) {
    const createdAt = Math.floor(from + (to - from) * rand());
    let lon: number, lat: number;
    const r = rand();
    if (r < (spec.outsideShare ?? 0.03)) {
      lon = GRID.lon0 - 0.02 - 0.05 * rand();
      lat = GRID.lat0 + H * rand();
    } else if (spec.hotBeat && createdAt > mid && rand() < (spec.hotShare ?? 0.3)) {
      const b = spec.hotBeat - 1;
      lon = GRID.lon0 + (b % GRID.cols) * GRID.dLon + GRID.dLon * (0.05 + 0.9 * rand());
      lat = GRID.lat0 + Math.floor(b / GRID.cols) * GRID.dLat + GRID.dLat * (0.05 + 0.9 * rand());
    } else {
      lon = GRID.lon0 + W * rand();
      lat = GRID.lat0 + H * rand();
    }
    const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)].name;
    const statusIdx = Math.floor(rand() * STATUSES.length);
    const status = STATUSES[statusIdx].name;
    const history = [{ status: 'Nowe', changedAt: createdAt }];
    if (statusIdx >= 2) history.push({ status, changedAt: createdAt + Math.floor(3_600_000 * (1 + 200 * rand())) });
    else if (statusIdx === 1) history.push({ status, changedAt: createdAt + 3_600_000 });
    out.push({
      sourceId: `T-${spec.seed ?? 7}-${i}`, category, status, createdAt, eventAt: null, modifiedAt: history[history.length - 1].changedAt,
      lon, lat, teryt: rand() < 0.5 ? '1062011' : '1010000', description: null, history,
    });
  }
  return out;
}

/** Create a workspace with the given reports (no beats unless `beats` is given; then reports are assigned). */
export function createWorkspace(file: string, reports: IncomingReport[], beats?: FeatureCollection<Polygon>): Db {
  const db = openWorkspace(file, { create: true });
  db.transaction(() => {
    if (beats) for (const f of beats.features) insertDistrict(db, { name: String(f.properties!.NAZWA), officer: String(f.properties!.DZIELNICOWY), unit: String(f.properties!.JEDNOSTKA), geometry: f.geometry });
    const importId = createImport(db, { fileName: 'test', fileHash: null, sourceKind: 'test', provenance: 'unit test', mapping: null });
    const up = createReportUpserter(db, importId, { emptyAtStart: true });
    for (const r of reports) up.upsert(r);
    finishImport(db, importId, { ...up.counts, rejected: 0 });
    if (beats) reassignReports(db);
  })();
  return db;
}

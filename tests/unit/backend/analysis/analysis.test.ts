import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Backend } from '../../../../src/backend/backend';
import { loadAnalysisInput } from '../../../../src/backend/analysis/runAnalysis';
import { dbscan } from '../../../../src/core/analysis';
import { tmpDir } from '../../../helpers/tmp';
import { demoWorkspace } from '../../../helpers/demoWorkspace';

let t: ReturnType<typeof tmpDir>;
let ws: string;
let backend: Backend;

beforeAll(() => {
  t = tmpDir('rejon-analysis-');
  ws = demoWorkspace(t.dir);
  backend = new Backend(ws);
});
afterAll(async () => {
  await backend.close();
  t.cleanup();
});

async function run(request: Record<string, unknown>, filter = {}) {
  const { jobId } = await backend.api.runAnalysis({ request: request as never, filter });
  const job = await backend.jobs.wait(jobId);
  expect(job.error).toBeNull();
  expect(job.state).toBe('done');
  return backend.api.getAnalysis({ id: (job.result as { analysisId: number }).analysisId });
}

const inPiotrkowArea = ([lon, lat]: number[]) => lon > 19.3 && lon < 20.2 && lat > 51.0 && lat < 51.8;

describe('analyses through the contract', () => {
  it('Gi* on hexagons: stored with its parameters, WGS84 cells, hot spots where the demo has them', async () => {
    const a = await run({ method: 'gistar', cellSize: 300 });
    expect(a.params.cellSize).toBe(300);
    expect(typeof a.params.distanceBand).toBe('number');
    expect(a.params.reportCount).toBe(5000);
    const cells = (a.result as { cells: { features: { geometry: { coordinates: number[][][] }; properties: { bin: number; count: number; z: number } }[] } }).cells.features;
    expect(cells.length).toBeGreaterThan(30);
    expect(cells.every((f) => f.geometry.coordinates[0].every(inPiotrkowArea))).toBe(true);
    const hot = cells.filter((f) => f.properties.bin === 3);
    expect(hot.length).toBeGreaterThan(0);
    // the market square (Rynek Trybunalski) is a demo hotspot: a 99% hot cell lies within 600 m of it
    const near = hot.some((f) => {
      const [lon, lat] = f.geometry.coordinates[0][0];
      return Math.hypot((lon - 19.703) * 69_600, (lat - 51.4053) * 111_200) < 600;
    });
    expect(near).toBe(true);
    // re-opened from the list
    const list = await backend.api.listAnalyses({});
    expect(list.some((l) => l.id === a.id)).toBe(true);
  });

  it('DBSCAN result equals the engine run on the same filtered reports', async () => {
    const filter = { categories: ['Spożywanie alkoholu w miejscach niedozwolonych'] };
    const a = await run({ method: 'dbscan', eps: 80, minPoints: 6 }, filter);
    const input = loadAnalysisInput(backend.db, filter);
    const direct = dbscan({ x: input.x, y: input.y }, { eps: 80, minPoints: 6 });
    const res = a.result as { labels: number[]; reportIds: number[]; clusters: { features: unknown[] } };
    expect(res.reportIds).toEqual(Array.from(input.ids));
    expect(res.labels).toEqual(Array.from(direct.labels));
    expect(res.clusters.features).toHaveLength(direct.clusters.length);
    expect(a.summary.noise).toBe(direct.counts.noise);
  });

  it('KDE grid in reports per km² with a stated legend; emerging hot spots by month', async () => {
    const k = await run({ method: 'kde', cells: 120 });
    const kr = k.result as { unit: string; legend: { breaks: number[]; labels: string[] }; values: number[]; grid: { cols: number; rows: number } };
    expect(kr.unit).toBe('reports/km²');
    expect(kr.values).toHaveLength(kr.grid.cols * kr.grid.rows);
    expect(kr.legend.breaks.length).toBeGreaterThan(2);
    const e = await run({ method: 'emerging', step: 'month', cellSize: 500 });
    expect(e.summary.steps).toBeGreaterThanOrEqual(24);
    const patterns = (e.result as { cells: { features: { properties: { patternNamePl: string } }[] } }).cells.features.map((f) => f.properties.patternNamePl);
    expect(new Set(patterns).size).toBeGreaterThan(1);
  });

  it('refuses an empty filter result with a clear message, and cancel stops a running analysis', async () => {
    const { jobId } = await backend.api.runAnalysis({ request: { method: 'kde' } as never, filter: { from: 0, to: 1 } });
    const j = await backend.jobs.wait(jobId);
    expect(j.state).toBe('failed');
    expect(j.error).toMatch(/No reports match/);
    const { jobId: slow } = await backend.api.runAnalysis({ request: { method: 'knox', iterations: 9999 } as never, filter: {} });
    await new Promise((r) => setTimeout(r, 300));
    await backend.api.cancelJob({ jobId: slow });
    const c = await backend.jobs.wait(slow);
    expect(c.state).toBe('cancelled');
  });
});

describe('rejon hotspots CLI', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [path.resolve(__dirname, '../../../../bin/rejon.mjs'), ...args], { encoding: 'utf8' });
  it('prints clusters as JSON and writes WGS84 GeoJSON', () => {
    const gj = path.join(t.dir, 'h.geojson');
    const r = cli(['hotspots', '--workspace', ws, '--method', 'gistar', '--cell-size', '400', '--from', '2026-01-01', '--to', '2026-06-30', '--json', '--geojson', gj]);
    expect(r.status).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.method).toBe('gistar');
    expect(body.cells[0]).toEqual(expect.objectContaining({ count: expect.any(Number), z: expect.any(Number), p: expect.any(Number), bin: expect.any(Number) }));
    const fc = JSON.parse(fs.readFileSync(gj, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(body.cells.length);
    const bad = cli(['hotspots', '--workspace', ws, '--method', 'gistar', '--from', '2026-13-01']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from');
  }, 180_000);
});

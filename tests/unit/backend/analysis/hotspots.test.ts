import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Backend } from '../../../../src/backend/backend';
import { findHotspots, loadAnalysisInput } from '../../../../src/backend/analysis/runAnalysis';
import { beatCentroids, computeAnalysis } from '../../../../src/backend/analysis/compute';
import { openWorkspace } from '../../../../src/backend/store/workspace';
import { namePlace } from '../../../../src/backend/analysis/places';
import { importPlaces } from '../../../../src/backend/places/import';
import { getTerritory, setTerritory } from '../../../../src/backend/store/territory';
import { emergingHotSpots, hotSpotsForFeatures, stepIndex, utcMonthEdges } from '../../../../src/core/analysis';
import { areaM2, geometryToPuwg92 } from '../../../../src/core/districts';
import { warsawToUtc } from '../../../../src/core/domain/time';
import { translate } from '../../../../src/shared/i18n';
import type { StoredHotspot } from '../../../../src/shared/contract/analysis';
import { tmpDir } from '../../../helpers/tmp';
import { demoWorkspace } from '../../../helpers/demoWorkspace';
import { metres, PLANTED, plantedWorkspace } from '../../../helpers/plantedWorkspace';

// whole-demo analyses through jobs and the CLI: minutes on a loaded 2-core machine
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let t: ReturnType<typeof tmpDir>;
let demo: string;
let planted: string;
let backend: Backend;

beforeAll(() => {
  t = tmpDir('rejon-hotspots-');
  demo = demoWorkspace(t.dir);
  planted = plantedWorkspace(path.join(t.dir, 'planted.sqlite'), { blurM: 200 });
  backend = new Backend(demo);
});
afterAll(async () => {
  await backend.close();
  t.cleanup();
});

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.resolve(__dirname, '../../../../bin/rejon.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 170_000 });

async function run(request: Record<string, unknown>, filter = {}) {
  const { jobId } = await backend.api.runAnalysis({ request: request as never, filter });
  const job = await backend.jobs.wait(jobId);
  expect(job.error).toBeNull();
  return backend.api.getAnalysis({ id: (job.result as { analysisId: number }).analysisId });
}

describe('rejon hotspots --method gistar (default place rule) on a command with a city, villages and planted micro-places', () => {
  it('ranks the planted places as the top hotspots, each within 120 m; no hotspot or hot cell without reports; place, hours and since filled', () => {
    const r = cli(['hotspots', '--workspace', planted, '--method', 'gistar', '--json'], { REJON_LANG: 'pl' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const body = JSON.parse(r.stdout) as {
      parameters: { rule: string; statement: string; ranking: string; rankingStatistic: string; minReports: number };
      hotspots: (Record<string, unknown> & { rank: number; lon: number; lat: number; reports: number; confirmed: number; place: string; hours: string; since: string; score: number })[];
      cells: { bin: number; count: number; hotspot: number }[];
    };
    expect(body.parameters.rule).toBe('place');
    expect(body.parameters.minReports).toBe(5);
    expect(body.parameters.statement).toMatch(/^Reguła miejsc: pola o powierzchni kwadratu o boku 100 m/);
    expect(body.parameters.ranking).toContain('iloraz wiarygodności Poissona');
    const top = body.hotspots.slice(0, PLANTED.length);
    for (const p of PLANTED) {
      const d = top.map((h) => metres([h.lon, h.lat], [p.lon, p.lat]));
      expect(Math.min(...d), p.name).toBeLessThanOrEqual(120);
    }
    body.hotspots.forEach((h, i) => {
      expect(h.rank).toBe(i + 1);
      expect(h.reports).toBeGreaterThanOrEqual(5);
      if (i > 0) expect(h.score).toBeLessThanOrEqual(body.hotspots[i - 1].score);
      expect(typeof h.place).toBe('string');
      expect(h.hours).toMatch(/^\d\d:00–\d\d:00$|^rozproszone w ciągu doby$/);
      expect(h.since).toMatch(/^\d{4}-\d{2}$/);
    });
    // the planted reports are confirmed and spread over the day
    const village = top.find((h) => metres([h.lon, h.lat], [PLANTED[3].lon, PLANTED[3].lat]) <= 120)!;
    expect(village.confirmed).toBeGreaterThanOrEqual(PLANTED[3].reports * 0.8);
    expect(village.hours).toBe('rozproszone w ciągu doby');
    expect(village.since).toBe('2024-11'); // planted uniformly over the whole period: hot from the start
    expect(body.cells.every((c) => !(c.bin > 0) || c.count > 0)).toBe(true);
    expect(body.cells.filter((c) => c.bin > 0).every((c) => c.hotspot > 0)).toBe(true);
  }, 180_000);
});

describe('the ranked list through the contract', () => {
  it('findHotspots (the one definition for briefings) gives the same ranked list as a stored analysis', async () => {
    const filter = { from: warsawToUtc(2026, 8, 3), to: warsawToUtc(2026, 11, 1) };
    const a = await run({ method: 'gistar' }, filter);
    const stored = a.result.hotspots as StoredHotspot[];
    const direct = findHotspots(backend.db, filter);
    expect(direct.hotspots.map((h) => [h.rank, h.lon, h.lat, h.reports, h.place?.name])).toEqual(stored.map((h) => [h.rank, h.lon, h.lat, h.reports, h.place?.name]));
    expect(stored.length).toBeGreaterThan(0);
    // report ids of a hotspot are real reports of the filter
    const ids = new Set(Array.from(loadAnalysisInput(backend.db, filter).ids));
    for (const h of stored) for (const id of h.reportIds) expect(ids.has(id)).toBe(true);
    // hot cells on the map belong to listed hotspots; no empty hot cell (the old default had 848 of 1,031 here)
    const cells = (a.result.cells as { features: { properties: { bin: number; count: number; hotspot: number } }[] }).features;
    expect(cells.filter((f) => f.properties.bin > 0 && f.properties.count === 0)).toHaveLength(0);
    const isa = await run({ method: 'gistar', band: 'auto-isa' }, filter);
    expect(isa.params.distanceBandRule).toBe('isa-peak');
    expect(isa.params.distanceBand as number).toBeGreaterThan(2000); // the ArcGIS setting stays available as it was
    expect(a.params.distanceBand as number).toBeLessThanOrEqual(250);
  });

  it('names a point by the nearest named place, else by its beat, else by coordinates', () => {
    const db = backend.db;
    const rynek = namePlace(db, 19.703, 51.4053);
    expect(rynek).toMatchObject({ name: 'Rynek Trybunalski', distanceM: 0, label: { code: 'hotspots.place.at' } });
    expect(rynek.beat).toMatch(/^Rejon 1/);
    const near = namePlace(db, 19.703, 51.4083); // 330 m north
    expect(near.label.code).toBe('hotspots.place.near');
    expect(translate('pl', near.label)).toMatch(/^.+ \(ok\. \d+ m\)$/);
    const field = namePlace(db, 19.98, 51.21); // rural, far from any named place
    expect(field.name).toBeNull();
    expect(['hotspots.place.beat', 'hotspots.place.nearKm']).toContain(field.label.code);
    expect(namePlace(db, 18.0, 50.0).label.code).toBe('hotspots.place.coords');
  });

  it('names a point by an imported street when one runs within reach (the places/streets lookup behind namePlace)', async () => {
    const file = path.join(t.dir, 'named.sqlite');
    fs.copyFileSync(demo, file);
    const db = openWorkspace(file);
    try {
      const before = namePlace(db, 19.98, 51.21);
      expect(before.name).toBeNull();
      // a street 40 m north of the rural point, running east-west
      const dLat = 40 / 111_200;
      const streets = path.join(t.dir, 'ulica.geojson');
      fs.writeFileSync(streets, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { nazwa: 'ul. Polna' }, geometry: { type: 'LineString', coordinates: [[19.975, 51.21 + dLat], [19.985, 51.21 + dLat]] } }] }));
      await importPlaces(db, streets, 'ulica.geojson');
      const after = namePlace(db, 19.98, 51.21);
      expect(after).toMatchObject({ name: 'ul. Polna', kind: 'street', label: { code: 'hotspots.place.at' } });
      expect(Math.abs(after.distanceM! - 40)).toBeLessThan(2);
      // the demo's named places still win where they are nearer
      expect(namePlace(db, 19.703, 51.4053).name).toBe('Rynek Trybunalski');
    } finally {
      db.close();
    }
  });
});

describe('Gi* by beats on area centroids', () => {
  it('centroids equal GDAL’s ST_Centroid (independent); the old vertex mean was 80 m to km off; z as computed on those centroids', async () => {
    const input = loadAnalysisInput(backend.db, {});
    const { cx, cy } = beatCentroids(input.districts);
    const fc = {
      type: 'FeatureCollection',
      features: input.districts.map((d, k) => ({ type: 'Feature', properties: { k }, geometry: geometryToPuwg92(d.geometry) })),
    };
    const src = path.join(t.dir, 'beats2180.geojson');
    fs.writeFileSync(src, JSON.stringify(fc));
    const ogr = spawnSync('ogr2ogr', ['-f', 'CSV', '/vsistdout/', src, '-dialect', 'sqlite', '-sql', 'SELECT k, ST_X(ST_Centroid(geometry)) AS x, ST_Y(ST_Centroid(geometry)) AS y FROM beats2180'], { encoding: 'utf8' });
    expect(ogr.status, ogr.stderr).toBe(0);
    const rows = ogr.stdout.trim().split('\n').slice(1).map((l) => l.replace(/"/g, '').split(',').map(Number));
    expect(rows).toHaveLength(input.districts.length);
    const offsets: number[] = [];
    for (const [k, x, y] of rows) {
      expect(Math.abs(cx[k] - x)).toBeLessThan(1e-3);
      expect(Math.abs(cy[k] - y)).toBeLessThan(1e-3);
      const g = geometryToPuwg92(input.districts[k].geometry);
      const ring = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]) as number[][];
      const mx = ring.reduce((s, p) => s + p[0], 0) / ring.length, my = ring.reduce((s, p) => s + p[1], 0) / ring.length;
      offsets.push(Math.hypot(mx - x, my - y));
    }
    expect(Math.max(...offsets)).toBeGreaterThan(500);
    // the stored analysis uses exactly these centroids
    const a = await run({ method: 'gistar', aggregation: 'beats' });
    const values = new Float64Array(input.districts.length);
    const idx = new Map(input.districts.map((d, i) => [d.id, i]));
    for (const d of input.districtIds) if (idx.has(d)) values[idx.get(d)!]++;
    const ref = hotSpotsForFeatures({ values, cx: Float64Array.from(rows.map((r) => r[1])), cy: Float64Array.from(rows.map((r) => r[2])) }, { minFeatures: 8 });
    const stored = (a.result.cells as { features: { properties: { districtId: number; z: number } }[] }).features;
    stored.forEach((f, k) => expect(f.properties.z).toBeCloseTo(ref.z[k], 5));
    expect(a.params.distanceBand).toBeCloseTo(ref.params.distanceBand, 6);
  });
});

describe('emerging hot spots in Warsaw calendar steps', () => {
  it('months start at Warsaw midnight on the 1st; a 1-report UTC "month" no longer turns Persistent into Intensifying; hot since and share of steps hot per cell', async () => {
    const a = await run({ method: 'emerging', step: 'month' });
    const edges = a.params.stepEdges as number[];
    expect(edges[0]).toBe(warsawToUtc(2024, 11, 1));
    expect(edges[1]).toBe(warsawToUtc(2024, 12, 1));
    expect(edges[edges.length - 1]).toBe(warsawToUtc(2026, 11, 1));
    expect(a.summary.steps).toBe(24);
    expect(a.params.excludedSteps).toEqual([]);
    const feats = (a.result.cells as { features: { properties: { pattern: number; hotSince: string | null; hotShare: number; lastBin: number } }[] }).features;
    for (const f of feats) {
      expect(f.properties.hotShare).toBeGreaterThanOrEqual(0);
      expect(f.properties.hotShare).toBeLessThanOrEqual(1);
      if (f.properties.lastBin > 0) expect(f.properties.hotSince).toMatch(/^\d{4}-\d{2}$/);
      else expect(f.properties.hotSince).toBeNull();
      if (f.properties.pattern === 4) expect(f.properties.hotShare).toBeGreaterThanOrEqual(0.9); // persistent
    }
    // the same cube cut at UTC midnight: the first "month" holds one report (31 Oct 23:xx UTC = 1 Nov Warsaw)
    const input = loadAnalysisInput(backend.db, {});
    let t0 = Infinity, t1 = -Infinity;
    for (const x of input.times) { if (x < t0) t0 = x; if (x > t1) t1 = x; }
    const utc = utcMonthEdges(t0, t1 + 1);
    const us = stepIndex(input.times, utc);
    expect(us.filter((s) => s === 0).length).toBeLessThan(5);
    const opts = { cellSize: a.params.cellSize as number, distanceBand: a.params.distanceBand as number };
    const byUtc = emergingHotSpots({ x: input.x, y: input.y, step: us, steps: utc.length - 1 }, opts);
    const byWarsaw = emergingHotSpots({ x: input.x, y: input.y, step: stepIndex(input.times, Float64Array.from(edges)), steps: edges.length - 1 }, opts);
    expect(byWarsaw.patternCounts['Persistent Hot Spot']).toBeGreaterThan(byUtc.patternCounts['Persistent Hot Spot'] + 30);
  });

  it('a period starting mid-month leaves the partial first month out (or analyses it when asked)', async () => {
    const filter = { from: warsawToUtc(2026, 3, 15), to: warsawToUtc(2026, 11, 1) };
    const a = await run({ method: 'emerging', step: 'month' }, filter);
    expect(a.params.excludedSteps).toEqual(['first']);
    expect((a.params.stepEdges as number[])[0]).toBe(warsawToUtc(2026, 4, 1));
    expect(a.summary.steps).toBe(7);
    const b = await run({ method: 'emerging', step: 'month', partialSteps: 'include' }, filter);
    expect(b.params.excludedSteps).toEqual([]);
    expect(b.summary.steps).toBe(8);
    const w = await run({ method: 'emerging', step: 'week' }, filter);
    for (const e of w.params.stepEdges as number[]) expect(new Date(e + 2 * 3_600_000).getUTCDay() === 1 || new Date(e + 3_600_000).getUTCDay() === 1).toBe(true);
  });
});

describe('validation: hit rate and PAI at equal area shares', () => {
  it('Gi*, KDE, DBSCAN and the naive map side by side; A = the beats (union), or the territory when the workspace has one', async () => {
    const a = await run({ method: 'quality' });
    const rows = a.result.rows as { method: string; share: number; hitRate: number; pai: number; areaShare: number; n: number; N: number; filled: boolean }[];
    expect(new Set(rows.map((r) => r.method))).toEqual(new Set(['gistar', 'gistar-isa', 'kde', 'dbscan', 'counts']));
    const db = backend.db;
    const input = loadAnalysisInput(db, {});
    // the demo has a territory (its powiaty): A is the territory's EPSG:2180 area
    const territory = getTerritory(db);
    expect(territory.length).toBeGreaterThan(0);
    const territorySum = territory.reduce((s, p) => s + p.areaM2, 0);
    expect(a.params.studyAreaSource).toBe('territory');
    expect(Math.abs((a.params.studyAreaM2 as number) - territorySum) / territorySum).toBeLessThan(1e-9);
    expect(a.params.testTo).toBe(warsawToUtc(2026, 11, 1));
    expect(a.params.testFrom).toBe(warsawToUtc(2026, 10, 2)); // 30 Warsaw days, across the end of DST
    expect(a.params.trainFrom).toBe(warsawToUtc(2026, 7, 4));
    for (const r of rows) {
      expect(r.hitRate).toBeGreaterThanOrEqual(0);
      expect(r.hitRate).toBeLessThanOrEqual(1);
      expect(r.hitRate).toBeCloseTo(r.n / r.N, 3);
      if (r.areaShare > 0) expect(r.pai).toBeCloseTo(r.hitRate / r.areaShare, 0);
      expect(r.areaShare).toBeLessThanOrEqual(r.share + 1e-9);
    }
    // every map beats chance at 1 % of the area (PAI > 1)
    for (const r of rows.filter((x) => x.share === 0.01)) expect(r.pai).toBeGreaterThan(1);
    // without a territory A is the union of the beats; they tile without overlaps, so the union's area is the sum
    // of the beats' EPSG:2180 areas
    const beatSum = input.districts.reduce((s, d) => s + areaM2(d.geometry), 0);
    db.prepare('DELETE FROM territory').run();
    try {
      const input2 = loadAnalysisInput(db, {});
      const p = computeAnalysis({ method: 'quality', shares: [0.01] } as never, input2);
      expect(p.params.studyAreaSource).toBe('beats');
      expect(Math.abs((p.params.studyAreaM2 as number) - beatSum) / beatSum).toBeLessThan(1e-4);
    } finally {
      setTerritory(db, territory.map(({ name, source, geometry }) => ({ name, source, geometry })));
    }
  });

  it('rejon hotspots --method quality and --method knox print their tables as JSON', () => {
    const q = cli(['hotspots', '--workspace', demo, '--method', 'quality', '--shares', '0.01', '--json'], { REJON_LANG: 'en' });
    expect(q.status, q.stderr).toBe(0);
    const qb = JSON.parse(q.stdout) as { rows: { method: string; hitRate: number; pai: number }[]; definitions: string };
    expect(qb.rows).toHaveLength(5);
    expect(qb.definitions).toMatch(/^Map accuracy: .*PAI = hit rate \/ area share \(a\/A\)/);
    const k = cli(['hotspots', '--workspace', demo, '--method', 'knox', '--iterations', '49', '--distance-bands', '0,100,200', '--time-bands', '0,7,14', '--json']);
    expect(k.status, k.stderr).toBe(0);
    const kb = JSON.parse(k.stdout) as { table: { distanceFromM: number; distanceToM: number; daysFrom: number; daysTo: number; observed: number; expected: number; p: number }[] };
    expect(kb.table).toHaveLength(4);
    expect(kb.table[0]).toMatchObject({ distanceFromM: 0, distanceToM: 100, daysFrom: 0, daysTo: 7 });
    for (const row of kb.table) {
      expect(row.p).toBeGreaterThan(0);
      expect(row.p).toBeLessThanOrEqual(1);
      expect(row.observed).toBeGreaterThanOrEqual(0);
    }
    const bad = cli(['hotspots', '--workspace', demo, '--method', 'knox', '--time-bands', '7,0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--time-bands');
  }, 180_000);
});

describe('an engine refusal in the user\'s language', () => {
  it('rejon hotspots says why it cannot run and what to do, in Polish or English, exit 1', () => {
    const args = ['hotspots', '--workspace', demo, '--method', 'emerging', '--from', '2026-10-01', '--to', '2026-10-03'];
    const pl = cli(args, { REJON_LANG: 'pl' });
    expect(pl.status).toBe(1);
    expect(pl.stderr.trim()).toBe('rejon: Okres filtra obejmuje mniej niż 2 kroki czasu — wydłuż okres albo wybierz krok „tydzień”.');
    const en = cli(args, { REJON_LANG: 'en' });
    expect(en.status).toBe(1);
    expect(en.stderr).toContain('fewer than 2 time steps');
  }, 60_000);
});

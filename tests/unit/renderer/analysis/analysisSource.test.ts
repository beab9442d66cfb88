import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { loadAnalysisInput } from '../../../../src/backend/analysis/runAnalysis';
import { toAnalysisView, shownIds, type StoredAnalysis } from '../../../../src/renderer/map/analysisSource';
import {
  analysisLegends, analysisPick, analysisTooltip, EMERGING_CATEGORIES, kdeClassOf, kdePixels,
  type DbscanResultView, type EmergingResultView, type GiResultView, type KdeResultView,
} from '../../../../src/renderer/map/analysisLayers';
import { categoryByCode } from '../../../../src/core/domain/categories';
import { describeStoredParams, explainAnalysisError } from '../../../../src/renderer/analysis/logic';
import { tmpDir } from '../../../helpers/tmp';
import { demoWorkspace } from '../../../helpers/demoWorkspace';

let t: ReturnType<typeof tmpDir>;
let backend: Backend;

beforeAll(() => {
  t = tmpDir('rejon-analysis-view-');
  backend = new Backend(demoWorkspace(t.dir));
});
afterAll(async () => {
  await backend.close();
  t.cleanup();
});

/** Run through the contract (job) and read the stored result back, as the renderer does. */
async function runStored(request: Record<string, unknown>, filter = {}): Promise<StoredAnalysis> {
  const { jobId } = await backend.api.runAnalysis({ request: request as never, filter });
  const job = await backend.jobs.wait(jobId);
  expect(job.error).toBeNull();
  return backend.api.getAnalysis({ id: (job.result as { analysisId: number }).analysisId });
}
async function runFailing(request: Record<string, unknown>, filter = {}): Promise<string> {
  const { jobId } = await backend.api.runAnalysis({ request: request as never, filter });
  const job = await backend.jobs.wait(jobId);
  expect(job.state).toBe('failed');
  return job.error ?? '';
}

const inArea = ([lon, lat]: [number, number]) => lon > 19.3 && lon < 20.2 && lat > 51.0 && lat < 52.3;
const closed = (r: [number, number][]) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1];

describe('stored analyses → map views', () => {
  it('Gi* on hexagons: only significant cells, bins and counts as stored, parameters for the legend', async () => {
    const a = await runStored({ method: 'gistar' });
    const v = toAnalysisView(a) as GiResultView;
    expect(v.kind).toBe('gistar');
    expect(v.analysisId).toBe(a.id);
    expect(v.aggregation).toBe('hex');
    expect(v.reportCount).toBe(5000);
    expect(v.cellSizeM).toBe(a.params.cellSize);
    expect(v.distanceBandM).toBe(a.params.distanceBand);
    expect(v.fdr).toBe(true);
    const s = a.summary as Record<string, number>;
    expect(v.cellsAnalysed).toBe(s.cells);
    expect(v.hot).toEqual([s.hot90, s.hot95, s.hot99]);
    expect(v.cold).toEqual([s.cold90, s.cold95, s.cold99]);
    // only what the map draws is kept
    expect(v.cells.length).toBe(s.hot90 + s.hot95 + s.hot99 + s.cold90 + s.cold95 + s.cold99);
    expect(v.cells.every((c) => c.bin !== 0)).toBe(true);
    expect(v.cells.some((c) => c.bin === 3)).toBe(true);
    for (const c of v.cells) {
      expect(c.polygon.length).toBe(7); // hexagon, closed ring
      expect(closed(c.polygon)).toBe(true);
      expect(c.polygon.every(inArea)).toBe(true);
      expect(c.neighbours).toBeGreaterThanOrEqual(1);
      expect(c.p).toBeGreaterThanOrEqual(0);
      expect(c.p).toBeLessThanOrEqual(1);
      expect(Math.sign(c.z)).toBe(Math.sign(c.bin));
    }
    // the strongest cell matches the stored feature
    const stored = (a.result as { cells: { features: { properties: { bin: number; z: number; count: number; neighbours: number } }[] } }).cells.features;
    const best = v.cells.reduce((m, c) => (c.z > m.z ? c : m));
    const bestStored = stored.reduce((m, f) => (f.properties.z > m.properties.z ? f : m)).properties;
    expect(best.count).toBe(bestStored.count);
    expect(best.neighbours).toBe(bestStored.neighbours);

    const [legend] = analysisLegends([v], 'pl');
    expect(legend.id).toBe('gistar');
    expect(legend.title).toContain(`${v.cellSizeM} m`);
    expect(legend.title).toContain('pasmo');
    expect(legend.unit).toContain('FDR');
    expect(legend.kind).toBe('classes');
    const pick = analysisPick('gistar-0', best, 'pl')!;
    expect(pick.label).toMatch(/^Gorące pole 99%/);
    expect(pick.details).toContain(`${best.count} zgł.`);
    expect(pick.details).toContain(`${best.neighbours} pól`);
    expect(pick.polygon).toBe(best.polygon);
    expect(analysisTooltip('gistar-0', best, 'en')![0]).toMatch(/^Hot spot 99%/);
  });

  it('Gi* on beats keeps beat names; square cells are squares', async () => {
    const beats = toAnalysisView(await runStored({ method: 'gistar', aggregation: 'beats' })) as GiResultView;
    expect(beats.aggregation).toBe('beats');
    expect(beats.cellSizeM).toBeNull();
    expect(beats.cellsAnalysed).toBe(19);
    expect(analysisLegends([beats], 'en')[0].title).toMatch(/beats, band [\d,]+ m/);
    const sq = toAnalysisView(await runStored({ method: 'gistar', aggregation: 'square', cellSize: 400 })) as GiResultView;
    expect(sq.aggregation).toBe('square');
    expect(sq.cellSizeM).toBe(400);
    expect(sq.cells.length).toBeGreaterThan(0);
    expect(sq.cells.every((c) => c.polygon.length === 5)).toBe(true);
  });

  it('DBSCAN: hulls, member ids per cluster (drill-down), dominant category and dates', async () => {
    const filter = { categories: ['Spożywanie alkoholu w miejscach niedozwolonych'] };
    const a = await runStored({ method: 'dbscan', eps: 80, minPoints: 6 }, filter);
    const v = toAnalysisView(a) as DbscanResultView;
    const s = a.summary as Record<string, number>;
    expect(v.kind).toBe('dbscan');
    expect(v.epsM).toBe(80);
    expect(v.minPts).toBe(6);
    expect(v.timeWindowDays).toBeNull();
    expect(v.clusters.length).toBe(s.clusters);
    expect(v.noise).toBe(s.noise);
    expect(v.clusters.length).toBeGreaterThan(0);
    const input = loadAnalysisInput(backend.db, filter);
    const all = new Set(Array.from(input.ids));
    let members = 0;
    for (const c of v.clusters) {
      expect(c.ids!.length).toBe(c.size);
      expect(c.core + c.border).toBe(c.size);
      expect(c.ids!.every((id) => all.has(id))).toBe(true);
      expect(closed(c.hull)).toBe(true);
      expect(inArea(c.centroid)).toBe(true);
      expect(c.dominantCategory).toBe('Spożywanie alkoholu w miejscach niedozwolonych');
      expect(c.dominantCategoryCount).toBe(c.size);
      expect(c.firstTime!).toBeLessThanOrEqual(c.lastTime!);
      members += c.size;
    }
    expect(members + v.noise).toBe(input.ids.length);
    const pick = analysisPick('dbscan-0', v.clusters[0], 'en')!;
    expect(pick.ids).toBe(v.clusters[0].ids);
    expect(pick.details).toContain(`most frequent category: ${categoryByCode(v.clusters[0].dominantCategoryCode!)!.nameEn} (`);
    expect(analysisPick('dbscan-0', v.clusters[0], 'pl')!.details).toContain('Spożywanie alkoholu');
    const legend = analysisLegends([v], 'pl')[0];
    expect(legend.title).toContain('ε = 80 m, min. 6');
    expect(legend.note).toContain(`${v.clusters.length} skupisk`);
  });

  it('DBSCAN with a time window records the window in days', async () => {
    const v = toAnalysisView(await runStored({ method: 'dbscan', eps: 150, minPoints: 4, timeWindowDays: 14 })) as DbscanResultView;
    expect(v.timeWindowDays).toBe(14);
    expect(analysisLegends([v], 'pl')[0].title).toContain('okno 14 dni');
  });

  it('KDE: grid on its four corners, values in reports/km², fixed class breaks from the stored legend', async () => {
    const a = await runStored({ method: 'kde', cells: 120 });
    const v = toAnalysisView(a) as KdeResultView;
    const r = a.result as { grid: { cols: number; rows: number; cellSize: number }; legend: { breaks: number[] } };
    expect(v.kind).toBe('kde');
    expect(v.cols).toBe(r.grid.cols);
    expect(v.rows).toBe(r.grid.rows);
    expect(Math.max(v.cols, v.rows)).toBe(120);
    expect(v.values.length).toBe(v.cols * v.rows);
    expect(v.breaks).toEqual(r.legend.breaks);
    expect(v.bandwidthM).toBe(a.params.radius);
    expect(v.cellSizeM).toBeCloseTo(r.grid.cellSize, 6);
    const [sw, nw, ne, se] = v.corners;
    expect(nw[1]).toBeGreaterThan(sw[1]);
    expect(ne[0]).toBeGreaterThan(nw[0]);
    expect(se[1]).toBeLessThan(ne[1]);
    // the grid covers the reports: the densest cell (row 0 = north) lies at the demo's market square
    let best = 0;
    for (let i = 1; i < v.values.length; i++) if (v.values[i] > v.values[best]) best = i;
    const fx = ((best % v.cols) + 0.5) / v.cols, fy = (Math.floor(best / v.cols) + 0.5) / v.rows;
    const lon = nw[0] + fx * (ne[0] - nw[0]) + fy * (sw[0] - nw[0]);
    const lat = nw[1] + fx * (ne[1] - nw[1]) + fy * (sw[1] - nw[1]);
    expect(Math.hypot((lon - 19.703) * 69_600, (lat - 51.4053) * 111_200)).toBeLessThan(1500);
    // pixels: transparent below the first break, opaque above, one colour per class
    const px = kdePixels(v);
    let coloured = 0;
    for (let i = 0; i < v.values.length; i++) {
      const k = kdeClassOf(v.breaks, v.values[i]);
      expect(px[i * 4 + 3] > 0).toBe(k >= 0);
      if (k >= 0) coloured++;
    }
    expect(coloured).toBeGreaterThan(0);
    const legend = analysisLegends([v], 'pl')[0];
    expect(legend.unit).toBe('zgł./km²');
    expect(legend.kind === 'classes' && legend.items.length).toBe(v.breaks.length);
  });

  it('emerging hot spots: the 17 categories in the engine order, trend statistics kept', async () => {
    const a = await runStored({ method: 'emerging', step: 'month' });
    const v = toAnalysisView(a) as EmergingResultView;
    expect(v.kind).toBe('emerging');
    expect(v.timeStep).toBe('month');
    expect(v.steps).toBe(a.params.steps);
    expect(v.cells.length).toBeGreaterThan(0);
    const stored = (a.result as { cells: { features: { properties: { pattern: number; patternName: string } }[] } }).cells.features;
    expect(v.cellsAnalysed).toBe(stored.length);
    // category ids agree with the engine's pattern names
    for (const f of stored) expect(EMERGING_CATEGORIES[f.properties.pattern].en.toLowerCase()).toBe(f.properties.patternName.toLowerCase());
    const patterns = (a.summary as { patterns: Record<string, number> }).patterns;
    const withPattern = Object.entries(patterns).filter(([k]) => !/no pattern/i.test(k)).reduce((s, [, n]) => s + n, 0);
    expect(v.cells.length).toBe(withPattern);
    expect(v.cells.every((c) => c.category !== 'none' && c.trendP >= 0 && c.trendP <= 1)).toBe(true);
    const legend = analysisLegends([v], 'pl')[0];
    expect(legend.title).toContain('krok: miesiąc');
    expect(legend.kind === 'classes' && legend.items.every((i) => /\(\d+\)$/.test(i.label))).toBe(true);
    expect(analysisPick('emerging-0', v.cells[0], 'pl')!.details).toContain('Manna-Kendalla');
  });

  it('Gi* with the place rule: the ranked hotspots parsed from the stored result, damaged entries skipped; older analyses read as ArcGIS settings', async () => {
    const a = await runStored({ method: 'gistar' });
    expect(a.params.rule).toBe('place');
    const v = toAnalysisView(a) as GiResultView;
    expect(v.rule).toBe('place');
    const stored = (a.result as { hotspots: { rank: number; reports: number }[] }).hotspots;
    expect(stored.length).toBeGreaterThan(0);
    expect(v.hotspots.map((h) => h.rank)).toEqual(stored.map((h) => h.rank).sort((x, y) => x - y));
    expect(v.hotspots.map((h) => h.rank)).toEqual(v.hotspots.map((_, i) => i + 1));
    for (const h of v.hotspots) {
      expect(h.reports).toBeGreaterThanOrEqual(a.params.minReports as number);
      expect(inArea([h.lon, h.lat])).toBe(true);
    }
    // hot cells are tied to their hotspot
    expect(v.cells.some((c) => c.hotspot != null && c.hotspot > 0)).toBe(true);
    // damaged entries are skipped, the rest kept and sorted by rank
    const [first, second] = stored;
    const damaged = toAnalysisView({
      ...a, result: { ...a.result, hotspots: [second, null, { ...first, lon: 'x' }, { rank: 9 }, first, 'x'] },
    }) as GiResultView;
    expect(damaged.hotspots.map((h) => h.rank)).toEqual([first.rank, second.rank]);
    expect((toAnalysisView({ ...a, result: { ...a.result, hotspots: 'x' } }) as GiResultView).hotspots).toEqual([]);
    // an analysis stored before the place rule (no rule, no hotspots) used the ArcGIS settings
    const { rule: _rule, ...oldParams } = a.params;
    const old = toAnalysisView({ ...a, params: oldParams, result: { cells: a.result.cells } }) as GiResultView;
    expect(old.rule).toBe('auto-isa');
    expect(old.hotspots).toEqual([]);
    expect(analysisLegends([old], 'pl')[0].note).toContain('ArcGIS');
    // damaged per-stratum bands do not break the one-line description
    const line = describeStoredParams('gistar', a.request, { ...a.params, bands: [null, { stratum: 'city', distanceBand: 'x' }, { stratum: 'city', distanceBand: 150 }, { stratum: 'rural', distanceBand: 400 }] }, 'pl');
    expect(line).toContain('pasmo 150 m (miasto) / 400 m (teren wiejski)');
  });

  it('methods without a map layer and damaged results give no view', async () => {
    const a = await runStored({ method: 'gistar', cellSize: 500 });
    expect(toAnalysisView({ ...a, method: 'knox' })).toBeNull();
    expect(toAnalysisView({ ...a, method: 'kde', result: { grid: { cols: 2, rows: 2 }, values: [1] } })).toBeNull();
    const broken = toAnalysisView({ ...a, result: { cells: { features: [{ geometry: { type: 'Point', coordinates: [1, 2] }, properties: { bin: 3 } }, null] } } }) as GiResultView;
    expect(broken.cells).toEqual([]);
    expect(shownIds({ shown: [3, 'x', -1, 4.5, 7] })).toEqual([3, 7]);
    expect(shownIds(null)).toEqual([]);
  });

  it('engine refusals become clear messages', async () => {
    // 14 reports of one category in a month: too few hexagons for Gi* with the ArcGIS settings (the place rule
    // analyses 100 m cells over the whole study area and needs only its minimum of reports per hotspot)
    const few = await runFailing({ method: 'gistar', band: 'auto-isa' }, { categories: ['Dzikie wysypiska śmieci'], from: Date.UTC(2026, 9, 1) });
    expect(explainAnalysisError(few)).toMatchObject({ key: 'err_tooFewCells' });
    expect(explainAnalysisError(few).params!.min).toBe(30);
    // fewer reports than a hotspot needs: the place rule refuses with a clear message
    const tiny = await runFailing({ method: 'gistar', minReports: 5 }, { categories: ['Dzikie wysypiska śmieci'], from: 1_792_100_000_000, to: 1_792_200_000_000 }); // 2 reports
    expect(explainAnalysisError(tiny).key).toBe('err_tooFewReports');
    const none = await runFailing({ method: 'dbscan' }, { from: Date.UTC(2035, 0, 1) });
    expect(explainAnalysisError(none).key).toBe('err_noReports');
    const oneStep = await runFailing({ method: 'emerging', step: 'month' }, { from: Date.UTC(2026, 9, 3), to: Date.UTC(2026, 9, 10) });
    expect(['err_tooFewSteps', 'err_tooFewBins']).toContain(explainAnalysisError(oneStep).key);
    expect(explainAnalysisError('All values are identical (zero variance): hot spot analysis cannot be computed.').key).toBe('err_noVariance');
    expect(explainAnalysisError('The grid would have 30000000 cells (limit 20000000); choose a larger cell size.')).toMatchObject({ key: 'err_gridTooLarge', params: { cells: 30000000, limit: 20000000 } });
    expect(explainAnalysisError('something else').key).toBe('err_other');
  });
});

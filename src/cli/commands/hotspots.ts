import fs from 'node:fs';
import path from 'node:path';
import { categoryByCode } from '../../core/domain/categories';
import type { AnalysisRequest, StoredHotspot } from '../../shared/contract/analysis';
import { hotspotHoursMsg, hotspotRankingMsg, hotspotRuleText, hotspotSinceMsg } from '../../shared/hotspotText';
import { langFromEnv, translate, type Lang } from '../../shared/i18n';
import type { Msg } from '../../core/message';
import { int, one, parseArgs, UsageError } from '../args';
import { FILTER_OPTIONS, parseFilterArgs } from '../filterArgs';
import { out } from '../output';
import { CliFailure } from '../workspaceArg';
import { analysisErrorMsg } from '../../shared/analysisErrors';

export const usage = `hotspots --workspace W --method gistar|dbscan|kde|emerging|knox|quality [options] [--from D --to D]
         [--category C]... [--status S]... [--json] [--geojson FILE] [--name N]
         Run an analysis on the filtered reports, store it in the workspace and print it.
         gistar   [--band place|auto-isa|METRES] [--cell-size M] [--aggregation hex|square|beats]
                  [--min-reports N] [--reference-radius M] [--no-fdr]
                  Default "place" rule: place-scale cells and band, every cell compared with the cells of the
                  same kind of beat within 1 km; hotspots = adjacent hot cells holding at least N (5) reports,
                  ranked by how far their core exceeds what their surroundings explain. --band auto-isa: the
                  ArcGIS "optimized" settings (incremental spatial autocorrelation band, one global reference).
                  JSON: "hotspots": [{rank, lon, lat, reports, confirmed, place, hours, since, …}], "parameters".
         dbscan   [--eps M] [--min-points N] [--time-window DAYS]
         kde      [--radius M]
         emerging [--step week|month] [--partial-steps exclude|include] [--cell-size M] [--distance M]
                  Steps are Warsaw calendar months (1st, 00:00) or weeks (Monday 00:00); partial first/last
                  steps are left out unless --partial-steps include.
         knox     [--distance-bands 0,100,200,400,800] [--time-bands 0,7,14,28,56] [--iterations 999] [--seed 1]
                  Near-repeat test: observed/expected pairs per distance (m) × time (days) band, Monte-Carlo p.
         quality  [--train-days 90] [--test-days 30] [--shares 0.001,0.01,0.05] [--cell-size 100]
                  Validation: hit rate and PAI of Gi* (place rule and ArcGIS settings), KDE, DBSCAN and last
                  period's counts at the same area shares; the test period ends with the data (or --to).
         --geojson writes the cells/clusters as WGS84 GeoJSON. Texts follow REJON_LANG / LANG (pl|en).`;

function num(args: ReturnType<typeof parseArgs>, name: string, min: number, max: number): number | undefined {
  const v = one(args, name);
  if (v === undefined) return undefined;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${v}"`);
  return n;
}

function list(args: ReturnType<typeof parseArgs>, name: string, min: number, max: number): number[] | undefined {
  const v = one(args, name);
  if (v === undefined) return undefined;
  const items = v.split(/[;,\s]+/).filter(Boolean).map(Number);
  if (items.length < 1 || items.some((x) => !Number.isFinite(x) || x < min || x > max)) throw new UsageError(`--${name} must be numbers from ${min} to ${max} separated by commas, got "${v}"`);
  for (let i = 1; i < items.length; i++) if (!(items[i] > items[i - 1])) throw new UsageError(`--${name} must be increasing, got "${v}"`);
  return items;
}

/** One hotspot as the CLI prints it: the stored fields with place, hours and since in words. */
export function hotspotJson(h: StoredHotspot, lang: Lang): Record<string, unknown> {
  const tr = (m: Msg | null) => (m ? translate(lang, m) : null);
  return {
    rank: h.rank, lon: h.lon, lat: h.lat, reports: h.reports, confirmed: h.confirmed,
    place: h.place ? translate(lang, h.place.label as Msg) : null,
    placeName: h.place?.name ?? null, placeDistanceM: h.place?.distanceM ?? null,
    beat: h.beat, districtId: h.districtId, stratum: h.stratum,
    hours: tr(hotspotHoursMsg(h)),
    hoursFrom: h.hours?.from ?? null, hoursTo: h.hours?.to ?? null, hoursShare: h.hours?.share ?? null, hoursConcentrated: h.hours?.concentrated ?? null,
    since: h.since, sinceFromStart: h.sinceFromStart, until: h.until, sinceText: tr(hotspotSinceMsg(h)),
    score: h.score, coreReports: h.core.reports, coreExpected: h.core.expected, coreRadiusM: h.core.radiusM, excessRatio: h.core.ratio,
    confidence: h.confidence, cells: h.cells, areaM2: h.areaM2,
    topCategories: h.topCategories.map((c) => ({ category: lang === 'pl' ? c.name : (categoryByCode(c.code)?.nameEn ?? c.name), count: c.count })),
  };
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: [
      'workspace', 'method', 'cell-size', 'distance', 'band', 'aggregation', 'min-reports', 'reference-radius', 'eps', 'min-points', 'time-window', 'radius', 'step',
      'partial-steps', 'distance-bands', 'time-bands', 'iterations', 'seed', 'train-days', 'test-days', 'shares', 'geojson', 'name', ...FILTER_OPTIONS,
    ],
    flags: ['json', 'no-fdr'],
  });
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError('hotspots needs --workspace FILE');
  const method = one(args, 'method') ?? 'gistar';
  const filter = parseFilterArgs(args);
  const lang = langFromEnv(process.env);
  let request: AnalysisRequest;
  switch (method) {
    case 'gistar': {
      const aggregation = (one(args, 'aggregation') ?? 'hex') as 'hex' | 'square' | 'beats';
      if (!['hex', 'square', 'beats'].includes(aggregation)) throw new UsageError('--aggregation must be hex, square or beats');
      const bandArg = one(args, 'band');
      let band: 'place' | 'auto-isa' = 'place';
      let distanceBand = num(args, 'distance', 10, 100_000);
      if (bandArg === 'auto-isa' || bandArg === 'place') band = bandArg;
      else if (bandArg !== undefined) {
        const b = Number(bandArg.replace(',', '.'));
        if (!Number.isFinite(b) || b < 10 || b > 100_000) throw new UsageError(`--band must be place, auto-isa or metres from 10 to 100000, got "${bandArg}"`);
        if (distanceBand !== undefined) throw new UsageError('give --band METRES or --distance, not both');
        distanceBand = b;
      }
      request = {
        method, aggregation, band, cellSize: num(args, 'cell-size', 10, 10_000), distanceBand,
        referenceRadius: num(args, 'reference-radius', 200, 20_000), minReports: int(args, 'min-reports', 1, 10_000) ?? 5, fdr: !args.flags.has('no-fdr'),
      };
      break;
    }
    case 'dbscan':
      request = { method, eps: num(args, 'eps', 1, 10_000) ?? 100, minPoints: int(args, 'min-points', 2, 10_000) ?? 5, timeWindowDays: num(args, 'time-window', 0.01, 3650) };
      break;
    case 'kde':
      request = { method, radius: num(args, 'radius', 10, 50_000) };
      break;
    case 'emerging': {
      const step = (one(args, 'step') ?? 'month') as 'week' | 'month';
      if (step !== 'week' && step !== 'month') throw new UsageError('--step must be week or month');
      const partialSteps = (one(args, 'partial-steps') ?? 'exclude') as 'exclude' | 'include';
      if (partialSteps !== 'exclude' && partialSteps !== 'include') throw new UsageError('--partial-steps must be exclude or include');
      request = { method, step, partialSteps, cellSize: num(args, 'cell-size', 10, 10_000), distanceBand: num(args, 'distance', 10, 100_000) };
      break;
    }
    case 'knox': {
      const distanceEdges = list(args, 'distance-bands', 0, 100_000);
      const timeEdgesDays = list(args, 'time-bands', 0, 3650);
      if (distanceEdges && distanceEdges.length < 2) throw new UsageError('--distance-bands needs at least 2 edges');
      if (timeEdgesDays && timeEdgesDays.length < 2) throw new UsageError('--time-bands needs at least 2 edges');
      request = { method, distanceEdges, timeEdgesDays, iterations: int(args, 'iterations', 19, 9999), seed: int(args, 'seed', 0, 2 ** 31) };
      break;
    }
    case 'quality': {
      const shares = list(args, 'shares', 0.0001, 0.5);
      request = { method, trainDays: int(args, 'train-days', 7, 3650), testDays: int(args, 'test-days', 1, 3650), shares, cellSize: num(args, 'cell-size', 25, 2_000) };
      break;
    }
    default:
      throw new UsageError(`--method must be gistar, dbscan, kde, emerging, knox or quality, got "${method}"`);
  }
  const geojsonPath = one(args, 'geojson');
  if (geojsonPath && !fs.existsSync(path.dirname(path.resolve(geojsonPath)))) throw new UsageError(`folder of --geojson does not exist: ${path.dirname(path.resolve(geojsonPath))}`);
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const { Backend } = await import('../../backend/backend');
  const backend = new Backend(workspace);
  try {
    const { jobId } = await backend.api.runAnalysis({ request, filter, name: one(args, 'name') });
    const job = await backend.jobs.wait(jobId);
    // an engine refusal in the user's language, with what to do (src/shared/analysisErrors.ts)
    if (job.state !== 'done') throw new CliFailure(job.errorMsg ?? analysisErrorMsg(job.error ?? `analysis ${job.state}`), 1);
    const stored = await backend.api.getAnalysis({ id: (job.result as { analysisId: number }).analysisId });
    const r = stored.result as Record<string, unknown>;
    const collection = (r.cells ?? r.clusters) as { type: 'FeatureCollection'; features: { properties: Record<string, unknown> }[] } | undefined;
    if (geojsonPath) {
      const fc = collection ?? { type: 'FeatureCollection', features: [] };
      fs.writeFileSync(geojsonPath, JSON.stringify({ ...fc, properties: { method: stored.method, params: stored.params, summary: stored.summary } }));
    }
    const hotspots = Array.isArray(r.hotspots) ? (r.hotspots as StoredHotspot[]) : null;
    if (args.flags.has('json')) {
      const items = collection ? collection.features.map((f) => f.properties) : undefined;
      const body: Record<string, unknown> = { analysisId: stored.id, method: stored.method, params: stored.params, summary: stored.summary };
      if (stored.method === 'gistar') {
        body.parameters = {
          ...stored.params, rule: stored.params.rule, statement: hotspotRuleText(lang, stored.params), ranking: translate(lang, hotspotRankingMsg(stored.params)),
          rankingStatistic: 'core-poisson-llr',
        };
        body.hotspots = (hotspots ?? []).map((h) => hotspotJson(h, lang));
        body.cells = items;
      } else if (stored.method === 'emerging') body.cells = items;
      else if (stored.method === 'dbscan') body.clusters = items;
      else if (stored.method === 'kde') body.grid = { grid: r.grid, corners: r.corners, unit: r.unit, legend: r.legend };
      else if (stored.method === 'knox') {
        const d = r.params as { distanceEdges: number[] } | undefined;
        const dE = d?.distanceEdges ?? (stored.params.distanceEdges as number[]);
        const tE = (r.timeEdgesDays ?? stored.params.timeEdgesDays) as number[];
        const o = r.observed as number[][], e = r.expected as number[][], ratio = r.ratio as number[][], p = r.p as number[][];
        body.table = o.flatMap((row, a) => row.map((_, b) => ({
          distanceFromM: dE[a], distanceToM: dE[a + 1], daysFrom: tE[b], daysTo: tE[b + 1], observed: o[a][b], expected: Math.round(e[a][b] * 100) / 100,
          ratio: Number.isFinite(ratio[a][b]) ? Math.round(ratio[a][b] * 100) / 100 : null, p: p[a][b],
        })));
      } else if (stored.method === 'quality') {
        body.rows = r.rows;
        body.failures = r.failures;
        body.definitions = translate(lang, r.definitions as Msg);
      }
      out(JSON.stringify(body));
    } else {
      out(`analysis #${stored.id} (${stored.method}) on ${String(stored.params.reportCount)} reports`);
      for (const [k, v] of Object.entries(stored.summary)) out(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
      if (stored.method === 'gistar') {
        out(`  ${hotspotRuleText(lang, stored.params)}`);
        for (const h of (hotspots ?? []).slice(0, 20)) {
          const j = hotspotJson(h, lang);
          out(`  #${h.rank} ${String(j.place)} · ${h.reports} · ${String(j.hours ?? '')} · ${String(j.sinceText ?? '')}`);
        }
      }
      if (stored.method === 'quality') {
        for (const row of r.rows as { method: string; share: number; hitRate: number | null; pai: number | null; areaShare: number }[]) {
          out(`  ${row.method.padEnd(11)} ${(row.share * 100).toFixed(1).padStart(5)}%  hit ${row.hitRate == null ? '–' : (row.hitRate * 100).toFixed(1) + '%'}  PAI ${row.pai ?? '–'}`);
        }
      }
      if (geojsonPath) out(`GeoJSON written: ${path.resolve(geojsonPath)}`);
    }
  } finally {
    await backend.close();
  }
  return 0;
}

import fs from 'node:fs';
import path from 'node:path';
import { openWorkspace } from '../../backend/store/workspace';
import type { AnalysisRequest } from '../../shared/contract/analysis';
import { int, one, parseArgs, UsageError } from '../args';
import { FILTER_OPTIONS, parseFilterArgs } from '../filterArgs';
import { out } from '../output';

export const usage = `hotspots --workspace W --method gistar|dbscan|kde|emerging [--cell-size M] [--distance M]
         [--aggregation hex|square|beats] [--eps M --min-points N] [--time-window DAYS] [--radius M]
         [--step week|month] [--from D --to D] [--category C]... [--status S]... [--json] [--geojson FILE]
         Run a hotspot analysis on the filtered reports, store it in the workspace and print it
         (cells or clusters with their fields); --geojson writes the cells/clusters as WGS84 GeoJSON.`;

function num(args: ReturnType<typeof parseArgs>, name: string, min: number, max: number): number | undefined {
  const v = one(args, name);
  if (v === undefined) return undefined;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${v}"`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ['workspace', 'method', 'cell-size', 'distance', 'aggregation', 'eps', 'min-points', 'time-window', 'radius', 'step', 'geojson', 'name', ...FILTER_OPTIONS],
    flags: ['json'],
  });
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError('hotspots needs --workspace FILE');
  const method = one(args, 'method') ?? 'gistar';
  const filter = parseFilterArgs(args);
  let request: AnalysisRequest;
  switch (method) {
    case 'gistar': {
      const aggregation = (one(args, 'aggregation') ?? 'hex') as 'hex' | 'square' | 'beats';
      if (!['hex', 'square', 'beats'].includes(aggregation)) throw new UsageError('--aggregation must be hex, square or beats');
      request = { method, aggregation, cellSize: num(args, 'cell-size', 10, 10_000), distanceBand: num(args, 'distance', 10, 100_000) };
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
      request = { method, step, cellSize: num(args, 'cell-size', 10, 10_000), distanceBand: num(args, 'distance', 10, 100_000) };
      break;
    }
    default:
      throw new UsageError(`--method must be gistar, dbscan, kde or emerging, got "${method}"`);
  }
  const geojsonPath = one(args, 'geojson');
  if (geojsonPath && !fs.existsSync(path.dirname(path.resolve(geojsonPath)))) throw new UsageError(`folder of --geojson does not exist: ${path.dirname(path.resolve(geojsonPath))}`);
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const { runAndStoreAnalysis } = await import('../../backend/analysis/runAnalysis');
  const db = openWorkspace(workspace);
  try {
    const stored = await runAndStoreAnalysis(db, request, filter, one(args, 'name'));
    const r = stored.result as Record<string, unknown>;
    const collection = (r.cells ?? r.clusters) as { type: 'FeatureCollection'; features: { properties: Record<string, unknown> }[] } | undefined;
    if (geojsonPath) {
      const fc = collection ?? { type: 'FeatureCollection', features: [] };
      fs.writeFileSync(geojsonPath, JSON.stringify({ ...fc, properties: { method: stored.method, params: stored.params, summary: stored.summary } }));
    }
    if (args.flags.has('json')) {
      const items = collection ? collection.features.map((f) => f.properties) : undefined;
      const body: Record<string, unknown> = { analysisId: stored.id, method: stored.method, params: stored.params, summary: stored.summary };
      if (stored.method === 'gistar' || stored.method === 'emerging') body.cells = items;
      else if (stored.method === 'dbscan') body.clusters = items;
      else if (stored.method === 'kde') body.grid = { grid: r.grid, corners: r.corners, unit: r.unit, legend: r.legend };
      out(JSON.stringify(body));
    } else {
      out(`analysis #${stored.id} (${stored.method}) on ${String(stored.params.reportCount)} reports`);
      for (const [k, v] of Object.entries(stored.summary)) out(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
      if (geojsonPath) out(`GeoJSON written: ${path.resolve(geojsonPath)}`);
    }
  } finally {
    db.close();
  }
  return 0;
}

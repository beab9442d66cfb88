/**
 * Analysis engine benchmark (issue 5): synthetic clustered reports around Piotrków Trybunalski (EPSG:2180,
 * E 548883 N 393423): 35 % diffuse background (Gaussian, sigma 10 km) and 65 % in 60 dense clusters
 * (sigma 80-500 m), times spread over one year, 24 category codes.
 *
 *   node --import tsx -e "import('./bench/analysis.ts').then(m=>m.benchAnalysis(console.log))"
 *
 * Prints DBSCAN at 100k and 1M, DBSCAN vs turf.clustersDbscan on the same 50k points (turf is O(n^2) here, ~20 s),
 * optimized Gi* for 1M reports into >= 20k hexagons and quartic KDE of 1M points on a 500 x 500 grid.
 */
import * as turf from '@turf/turf';
import type { Feature, Point } from 'geojson';
import { dbscan, POINT_CORE, POINT_NOISE } from '../src/core/analysis/dbscan';
import { optimizedHotSpots } from '../src/core/analysis/hotspot';
import { placeGiStar } from '../src/core/analysis/place';
import { placeHotspotAnalysis } from '../src/core/analysis/hotspotList';
import { localG } from '../src/core/analysis/getis';
import { aggregateToGrid } from '../src/core/analysis/grid';
import { selectCells } from '../src/core/analysis/hotspot';
import { cellCentres } from '../src/core/analysis/grid';
import { kernelDensity, densityLegend } from '../src/core/analysis/kde';
import { mulberry32 } from '../src/core/analysis/random';

const E0 = 548883;
const N0 = 393423;

export interface SyntheticPoints {
  x: Float64Array;
  y: Float64Array;
  times: Float64Array;
  categories: Uint8Array;
}

export function syntheticPoints(n: number, seed = 42): SyntheticPoints {
  const rng = mulberry32(seed);
  const gauss = () => {
    let u = 0;
    while (u === 0) u = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  };
  const K = 60;
  const ccx: number[] = [], ccy: number[] = [], cs: number[] = [], cw: number[] = [];
  for (let k = 0; k < K; k++) {
    ccx.push(E0 + gauss() * 6000);
    ccy.push(N0 + gauss() * 6000);
    cs.push(80 + rng() * 420);
    cw.push(0.2 + rng());
  }
  const wsum = cw.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const w of cw) { acc += w / wsum; cum.push(acc); }
  const x = new Float64Array(n), y = new Float64Array(n), times = new Float64Array(n), categories = new Uint8Array(n);
  const t0 = Date.UTC(2024, 0, 1), year = 366 * 86_400_000;
  for (let i = 0; i < n; i++) {
    if (rng() < 0.35) {
      x[i] = E0 + gauss() * 10_000;
      y[i] = N0 + gauss() * 10_000;
      categories[i] = Math.floor(rng() * 24);
    } else {
      const u = rng();
      let k = 0;
      while (k < K - 1 && cum[k] < u) k++;
      x[i] = ccx[k] + gauss() * cs[k];
      y[i] = ccy[k] + gauss() * cs[k];
      categories[i] = rng() < 0.6 ? k % 24 : Math.floor(rng() * 24);
    }
    // round to 0.1 m as real coordinates are
    x[i] = Math.round(x[i] * 10) / 10;
    y[i] = Math.round(y[i] * 10) / 10;
    times[i] = t0 + Math.floor(rng() * year);
  }
  return { x, y, times, categories };
}

function subset(p: SyntheticPoints, n: number): SyntheticPoints {
  return { x: p.x.slice(0, n), y: p.y.slice(0, n), times: p.times.slice(0, n), categories: p.categories.slice(0, n) };
}

function ms(t0: number): number {
  return Math.round(performance.now() - t0);
}

/** eps scaled with density so that the clustering looks alike at every n (25 m at 1M points). */
export function benchEps(n: number): number {
  return Math.round(25 * Math.sqrt(1_000_000 / n));
}

export async function benchAnalysis(log: (line: string) => void): Promise<void> {
  log('Analysis engine benchmark (synthetic reports around Piotrków Trybunalski, EPSG:2180)');
  const all = syntheticPoints(1_000_000);
  const minPoints = 10;

  // DBSCAN 100k and 1M
  for (const n of [100_000, 1_000_000]) {
    const p = n === all.x.length ? all : subset(all, n);
    const eps = benchEps(n);
    const t0 = performance.now();
    const r = dbscan(p, { eps, minPoints });
    log(`DBSCAN n=${n.toLocaleString('en')} eps=${eps} m minPoints=${minPoints}: ${ms(t0)} ms — ${r.counts.clusters} clusters, core ${r.counts.core}, border ${r.counts.border}, noise ${r.counts.noise}`);
    const t1 = performance.now();
    const rt = dbscan(p, { eps, minPoints, timeWindowMs: 30 * 86_400_000 }, {});
    log(`  space-time variant (±30 days): ${ms(t1)} ms — ${rt.counts.clusters} clusters, noise ${rt.counts.noise}`);
  }

  // DBSCAN vs turf at 50k
  {
    const n = 50_000;
    const p = subset(all, n);
    const eps = benchEps(n);
    // Local equirectangular mapping at the equator so that turf's haversine distance equals the planar distance
    // to ~1e-6 relative (an apples-to-apples comparison of the algorithms, not of the metrics).
    const degPerM = 180 / (Math.PI * 6371008.8);
    const feats: Feature<Point>[] = new Array(n);
    for (let i = 0; i < n; i++) feats[i] = turf.point([(p.x[i] - E0) * degPerM, (p.y[i] - N0) * degPerM]);
    const fc = turf.featureCollection(feats);
    const t0 = performance.now();
    const ours = dbscan(p, { eps, minPoints });
    const oursMs = performance.now() - t0;
    const t1 = performance.now();
    const theirs = turf.clustersDbscan(fc, eps / 1000, { units: 'kilometers', minPoints, mutate: true });
    const turfMs = performance.now() - t1;
    let noiseDiff = 0, coreMissing = 0, turfCoreThatAreBorder = 0, membershipDiff = 0;
    for (let i = 0; i < n; i++) {
      const props = theirs.features[i].properties as { dbscan?: string; cluster?: number };
      const tNoise = props.dbscan === 'noise';
      if (tNoise !== (ours.pointKind[i] === POINT_NOISE)) noiseDiff++;
      if (ours.pointKind[i] === POINT_CORE && props.dbscan !== 'core') coreMissing++;
      if (ours.pointKind[i] !== POINT_CORE && props.dbscan === 'core') turfCoreThatAreBorder++;
    }
    // partition of core points: same clusters up to renumbering
    const map = new Map<number, number>();
    const back = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (ours.pointKind[i] !== POINT_CORE) continue;
      const tc = (theirs.features[i].properties as { cluster?: number }).cluster ?? -1;
      const oc = ours.labels[i];
      if (!map.has(oc)) map.set(oc, tc);
      if (!back.has(tc)) back.set(tc, oc);
      if (map.get(oc) !== tc || back.get(tc) !== oc) membershipDiff++;
    }
    log(`DBSCAN vs turf.clustersDbscan, n=50,000 eps=${eps} m minPoints=${minPoints}: ours ${oursMs.toFixed(1)} ms, turf ${Math.round(turfMs)} ms, speed-up ${(turfMs / oursMs).toFixed(0)}x (target >= 100x)`);
    log(`  noise sets identical: ${noiseDiff === 0} (${noiseDiff} differ); our core points all turf "core": ${coreMissing === 0}; core-point partition identical: ${membershipDiff === 0}; border points turf labels "core": ${turfCoreThatAreBorder} of ${ours.counts.border}`);
  }

  // Gi* 1M into >= 20k hexagons
  {
    const t0 = performance.now();
    const r = optimizedHotSpots(all, { grid: 'hex-pointy' });
    const giMs = ms(t0);
    log(`Optimized Gi* n=1,000,000 (auto cell size + incremental spatial autocorrelation): ${giMs} ms (target < 2000) — ${r.summary.features} hexagons analysed (side ${r.params.cellSize} m, ${r.params.cellSizeRule}), band ${r.params.distanceBand.toFixed(0)} m (${r.params.distanceBandRule}), hot 99/95/90 %: ${r.summary.hot.slice().reverse().join('/')}, cold: ${r.summary.cold.slice().reverse().join('/')}`);
    // Fixed parameters: aggregation + Gi* only
    const t1 = performance.now();
    const agg = aggregateToGrid(all.x, all.y, 'hex-pointy', r.params.cellSize!);
    const cells = selectCells(agg.spec, agg.counts, 'hull', all);
    const counts = new Float64Array(cells.length);
    for (let k = 0; k < cells.length; k++) counts[k] = agg.counts[cells[k]];
    const c = cellCentres(agg.spec, cells);
    const aggMs = ms(t1);
    const t2 = performance.now();
    localG(counts, c.x, c.y, { distanceBand: r.params.distanceBand, star: true });
    log(`  with fixed cell size and band: aggregation ${aggMs} ms + Gi* ${ms(t2)} ms for ${cells.length} hexagons`);

    // The default since issue 13: place-scale Gi* against each cell's surroundings, plus the ranked hotspot list
    // (centres, surroundings, hours and since with their Monte-Carlo tests). Baseline: the optimized run above.
    for (const n of [100_000, 1_000_000]) {
      const p = n === all.x.length ? all : subset(all, n);
      const tb = performance.now();
      const base = n === all.x.length ? giMs : (() => { const t = performance.now(); optimizedHotSpots(p, { grid: 'hex-pointy' }); return ms(t); })();
      const tg = performance.now();
      const g = placeGiStar(p, undefined, {});
      const gMs = ms(tg);
      const tl = performance.now();
      const full = placeHotspotAnalysis(p, undefined, {});
      const fullMs = ms(tl);
      void tb;
      log(`Place-scale Gi* (default rule) n=${n.toLocaleString('en')}: test ${gMs} ms, with the ranked list ${fullMs} ms (${(fullMs / base).toFixed(1)}x the optimized run: ${base} ms) — ${g.gi.cells.length} cells (square ${g.params.squareSide} m), band ${g.params.distanceBand.toFixed(0)} m, ${g.gi.tested} tested, ${full.list.hotspots.length} hotspots`);
    }
  }

  // KDE 1M on 500 x 500
  {
    const t0 = performance.now();
    const r = kernelDensity(all, { cells: 500 });
    const kdeMs = ms(t0);
    const legend = densityLegend(r.values);
    log(`KDE quartic n=1,000,000 on ${r.grid.cols}x${r.grid.rows} grid (cell ${r.grid.cellSize.toFixed(0)} m), default radius ${r.params.radius.toFixed(0)} m: ${kdeMs} ms (target < 2000); max ${r.max.toFixed(0)} reports/km²; legend ${legend.breaks.join(' / ')} reports/km²`);
    const t1 = performance.now();
    const r2 = kernelDensity(all, { cells: 500, radius: r.params.radius * 4 });
    log(`  same with 4x radius (${r2.params.radius.toFixed(0)} m): ${ms(t1)} ms`);
  }
}

/**
 * District engine benchmark: 200 Voronoi beats over ~40 x 40 km around Piotrków Trybunalski and 1,000,000 random
 * points. Times index build + assignment, compares with a naive turf.booleanPointInPolygon loop over all polygons on
 * a 20k subsample (ratio and extrapolation to 1M) and checks that both assignments agree on the subsample.
 *
 *   node --import tsx -e "import('./bench/districts.ts').then(m => m.benchDistricts(console.log))"
 */
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import { fromPuwg92, toPuwg92 } from '../src/core/domain/crs';
import { assign, buildDistrictIndex } from '../src/core/districts/assign';
import { computeDistrictStats } from '../src/core/districts/stats';
import { validateDistricts } from '../src/core/districts/validate';
import type { DistrictShape } from '../src/core/districts/types';
import { mulberry32 } from '../src/core/analysis/random';

const rng = mulberry32;

export interface DistrictBenchResult {
  districts: number;
  points: number;
  buildMs: number;
  assignMs: number;
  pointsPerSecond: number;
  naiveSample: number;
  naiveSampleMs: number;
  naiveExtrapolatedMs: number;
  speedup: number;
  mismatches: number;
  outside: number;
  validateMs: number;
  statsMs: number;
}

export function makeVoronoiDistricts(n = 200, sizeM = 40_000, seed = 1): DistrictShape[] {
  const [e0, n0] = toPuwg92(19.703, 51.4053);
  const half = sizeM / 2;
  const rand = rng(seed);
  const seeds = turf.featureCollection(Array.from({ length: n }, () => turf.point([e0 - half + sizeM * rand(), n0 - half + sizeM * rand()])));
  const cells = turf.voronoi(seeds, { bbox: [e0 - half, n0 - half, e0 + half, n0 + half] });
  const out: DistrictShape[] = [];
  cells.features.forEach((f, i) => {
    if (!f) return;
    const g = f.geometry as Polygon;
    out.push({ id: i + 1, geometry: { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map((p) => fromPuwg92(p[0], p[1]))) } });
  });
  return out;
}

export async function benchDistricts(log: (msg: string) => void = console.log): Promise<DistrictBenchResult> {
  const districts = makeVoronoiDistricts(200);
  const N = 1_000_000;
  const t0 = performance.now();
  const index = buildDistrictIndex(districts);
  const buildMs = performance.now() - t0;
  const b = index.bbox!;
  const padX = (b[2] - b[0]) * 0.02, padY = (b[3] - b[1]) * 0.02;
  const rand = rng(2);
  const lon = new Float64Array(N), lat = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    lon[i] = b[0] - padX + (b[2] - b[0] + 2 * padX) * rand();
    lat[i] = b[1] - padY + (b[3] - b[1] + 2 * padY) * rand();
  }
  assign(index, lon.subarray(0, 10_000), lat.subarray(0, 10_000)); // warm-up
  const t1 = performance.now();
  const ids = assign(index, lon, lat);
  const assignMs = performance.now() - t1;
  let outside = 0;
  for (let i = 0; i < N; i++) if (ids[i] < 0) outside++;

  // naive reference: turf.booleanPointInPolygon over every polygon, lowest id wins
  const S = 20_000;
  const sorted = [...districts].sort((x, y) => x.id - y.id);
  const t2 = performance.now();
  let mismatches = 0;
  for (let i = 0; i < S; i++) {
    const pt = [lon[i], lat[i]];
    let id = -1;
    for (const d of sorted) if (turf.booleanPointInPolygon(pt, d.geometry)) { id = d.id; break; }
    if (id !== ids[i]) mismatches++;
  }
  const naiveSampleMs = performance.now() - t2;
  // the naive loop stops at the first hit: that is its best case, so the extrapolation is conservative
  const naiveExtrapolatedMs = (naiveSampleMs * N) / S;

  const t3 = performance.now();
  const validation = validateDistricts(districts.map((d) => ({ name: `Rejon ${d.id}`, geometry: d.geometry })));
  const validateMs = performance.now() - t3;

  const from = Date.UTC(2024, 0, 1), to = Date.UTC(2024, 6, 1);
  const createdAt = Float64Array.from({ length: N }, () => from - (to - from) + 2 * (to - from) * rand());
  const categoryCode = Uint8Array.from({ length: N }, () => 1 + Math.floor(rand() * 24));
  const statusCode = Uint8Array.from({ length: N }, () => 1 + Math.floor(rand() * 7));
  const verifiedAt = Float64Array.from(createdAt, (t, i) => (i % 2 ? t + rand() * 7 * 86_400_000 : NaN));
  const t4 = performance.now();
  computeDistrictStats({ districtId: ids, createdAt, categoryCode, statusCode, verifiedAt }, districts.map((d) => ({ id: d.id, areaKm2: 8 })), { from, to });
  const statsMs = performance.now() - t4;

  const r: DistrictBenchResult = {
    districts: districts.length, points: N, buildMs, assignMs, pointsPerSecond: N / (assignMs / 1000),
    naiveSample: S, naiveSampleMs, naiveExtrapolatedMs, speedup: naiveExtrapolatedMs / assignMs, mismatches, outside, validateMs, statsMs,
  };
  log(`districts: ${r.districts} Voronoi beats (~40x40 km around Piotrków), ${r.points.toLocaleString('en')} points (${outside.toLocaleString('en')} outside)`);
  log(`  index build        ${buildMs.toFixed(1)} ms`);
  log(`  assign 1M points   ${assignMs.toFixed(0)} ms (${(r.pointsPerSecond / 1e6).toFixed(2)} M points/s)`);
  log(`  naive turf loop    ${naiveSampleMs.toFixed(0)} ms for ${S.toLocaleString('en')} points -> ~${(naiveExtrapolatedMs / 1000).toFixed(1)} s for 1M (x${r.speedup.toFixed(0)} slower)`);
  log(`  agreement          ${mismatches === 0 ? 'identical' : `${mismatches} MISMATCHES`} on the ${S.toLocaleString('en')}-point subsample`);
  log(`  validate 200 beats ${validateMs.toFixed(0)} ms (${validation.overlaps.length} overlaps, ${validation.gaps.length} gaps, ok=${validation.ok})`);
  log(`  stats 1M reports   ${statsMs.toFixed(0)} ms`);
  return r;
}

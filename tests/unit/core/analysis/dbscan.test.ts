import * as turf from '@turf/turf';
import type { Feature, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { dbscan, POINT_BORDER, POINT_CORE, POINT_NOISE } from '../../../../src/core/analysis/dbscan';
import { mulberry32 } from '../../../../src/core/analysis/random';
import { inConvexRing } from '../../../../src/core/analysis/hull';

/** Clustered random data in EPSG:2180-like metres with some exact duplicates. */
function makeData(n: number, seed: number, spread = 2000) {
  const rng = mulberry32(seed);
  const g = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const centres = Array.from({ length: 6 }, () => [548883 + (rng() - 0.5) * spread, 393423 + (rng() - 0.5) * spread]);
  const x = new Float64Array(n), y = new Float64Array(n), times = new Float64Array(n), categories = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (i > 0 && rng() < 0.03) { // duplicate an earlier location
      const j = Math.floor(rng() * i);
      x[i] = x[j]; y[i] = y[j];
    } else if (rng() < 0.4) {
      x[i] = 548883 + (rng() - 0.5) * spread * 1.5;
      y[i] = 393423 + (rng() - 0.5) * spread * 1.5;
    } else {
      const c = centres[Math.floor(rng() * centres.length)];
      x[i] = c[0] + g() * 60;
      y[i] = c[1] + g() * 60;
    }
    times[i] = Date.UTC(2024, 0, 1) + Math.floor(rng() * 90) * 86_400_000;
    categories[i] = Math.floor(rng() * 4);
  }
  return { x, y, times, categories };
}

/** Textbook DBSCAN (Ester et al. 1996) with O(n^2) neighbour lists, scikit-learn's index-order expansion. */
function bruteDbscan(x: Float64Array, y: Float64Array, eps: number, minPts: number, times?: Float64Array, win = Infinity) {
  const n = x.length;
  const nbrs: number[][] = [];
  for (let i = 0; i < n; i++) {
    const l: number[] = [];
    for (let j = 0; j < n; j++) {
      const d2 = (x[i] - x[j]) ** 2 + (y[i] - y[j]) ** 2;
      if (d2 <= eps * eps && (!times || i === j || Math.abs(times[i] - times[j]) <= win)) l.push(j);
    }
    nbrs.push(l);
  }
  const core = nbrs.map((l) => l.length >= minPts);
  const labels = new Array<number>(n).fill(-1);
  let c = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    labels[i] = c;
    const queue = [i];
    while (queue.length) {
      const p = queue.shift()!;
      for (const q of nbrs[p]) {
        if (labels[q] === -1) {
          labels[q] = c;
          if (core[q]) queue.push(q);
        }
      }
    }
    c++;
  }
  return { labels, core, nbrs, clusters: c };
}

describe('dbscan', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equals textbook DBSCAN on random clustered data (seed ${seed})`, () => {
      const d = makeData(900, seed);
      const eps = 25 + seed * 5;
      const minPts = 3 + seed;
      const r = dbscan(d, { eps, minPoints: minPts });
      const b = bruteDbscan(d.x, d.y, eps, minPts);
      // exact: core flags, noise set, number of clusters and labels (same index-order numbering as scikit-learn)
      for (let i = 0; i < d.x.length; i++) {
        expect(r.pointKind[i] === POINT_CORE).toBe(b.core[i]);
        expect(r.labels[i] === -1).toBe(b.labels[i] === -1);
        expect(r.labels[i]).toBe(b.labels[i]);
        if (r.pointKind[i] === POINT_BORDER) {
          // a border point must have a core neighbour in its own cluster, and its cluster is the lowest such
          const cores = b.nbrs[i].filter((j) => b.core[j]).map((j) => b.labels[j]);
          expect(cores).toContain(r.labels[i]);
          expect(r.labels[i]).toBe(Math.min(...cores));
        }
      }
      expect(r.counts.clusters).toBe(b.clusters);
      expect(r.counts.core + r.counts.border + r.counts.noise).toBe(d.x.length);
      expect(r.counts.core).toBeGreaterThan(50);
      expect(r.counts.noise).toBeGreaterThan(20);
    });
  }

  it('space-time variant equals the brute force with a time window', () => {
    const d = makeData(800, 11);
    const win = 10 * 86_400_000;
    const r = dbscan(d, { eps: 40, minPoints: 4, timeWindowMs: win });
    const b = bruteDbscan(d.x, d.y, 40, 4, d.times, win);
    for (let i = 0; i < d.x.length; i++) {
      expect(r.pointKind[i] === POINT_CORE).toBe(b.core[i]);
      expect(r.labels[i]).toBe(b.labels[i]);
    }
    // the window must matter on this data
    const spatial = dbscan(d, { eps: 40, minPoints: 4 });
    expect(spatial.counts.noise).toBeLessThan(r.counts.noise);
    expect(r.params.timeWindowMs).toBe(win);
  });

  it('minPoints counts the point itself (scikit-learn semantics)', () => {
    const x = new Float64Array([0, 10, 1000]);
    const y = new Float64Array([0, 0, 0]);
    const r2 = dbscan({ x, y }, { eps: 10, minPoints: 2 });
    expect(Array.from(r2.pointKind)).toEqual([POINT_CORE, POINT_CORE, POINT_NOISE]);
    const r3 = dbscan({ x, y }, { eps: 10, minPoints: 3 });
    expect(Array.from(r3.labels)).toEqual([-1, -1, -1]);
    const r1 = dbscan({ x, y }, { eps: 10, minPoints: 1 });
    expect(Array.from(r1.labels)).toEqual([0, 0, 1]);
  });

  it('cluster summaries: hull contains members, centroid, times, dominant category', () => {
    const d = makeData(700, 21);
    const r = dbscan(d, { eps: 35, minPoints: 5 });
    expect(r.clusters.length).toBe(r.counts.clusters);
    for (const c of r.clusters) {
      const members = [];
      for (let i = 0; i < d.x.length; i++) if (r.labels[i] === c.id) members.push(i);
      expect(c.size).toBe(members.length);
      let sx = 0, sy = 0, t0 = Infinity, t1 = -Infinity;
      const cat = new Map<number, number>();
      for (const i of members) {
        sx += d.x[i]; sy += d.y[i];
        t0 = Math.min(t0, d.times[i]); t1 = Math.max(t1, d.times[i]);
        cat.set(d.categories[i], (cat.get(d.categories[i]) ?? 0) + 1);
        if (c.hull.length >= 3) {
          // inside or on the boundary (cross products >= 0 up to rounding at 1e-6 m^2 scale)
          const h = c.hull;
          const onOrIn = h.every((a, k) => {
            const b = h[(k + 1) % h.length];
            return (b[0] - a[0]) * (d.y[i] - a[1]) - (b[1] - a[1]) * (d.x[i] - a[0]) >= -1e-6;
          });
          expect(onOrIn || inConvexRing(h, d.x[i], d.y[i])).toBe(true);
        }
      }
      expect(c.centroid[0]).toBeCloseTo(sx / members.length, 6);
      expect(c.centroid[1]).toBeCloseTo(sy / members.length, 6);
      expect(c.firstTime).toBe(t0);
      expect(c.lastTime).toBe(t1);
      const best = Math.max(...cat.values());
      expect(c.dominantCategoryCount).toBe(best);
      expect(cat.get(c.dominantCategory!)).toBe(best);
      expect(c.dominantCategory).toBe(Math.min(...[...cat].filter(([, v]) => v === best).map(([k]) => k)));
      // hull vertices are member points
      for (const [hx, hy] of c.hull) expect(members.some((i) => d.x[i] === hx && d.y[i] === hy)).toBe(true);
    }
  });

  it('agrees with turf.clustersDbscan on core/noise partition (turf labels some border points "core")', () => {
    // turf measures haversine distances on lon/lat. Map metres to degrees at the equator so the metrics agree to
    // ~1e-6, and reject any point set with a pair distance within 1e-4 relative of eps (ambiguous either way).
    const R = 6371008.8;
    const degPerM = 180 / (Math.PI * R);
    let checkedBorderAsCore = 0;
    for (const seed of [7, 8, 9]) {
      const eps = 30;
      let d = makeData(400, seed, 1200);
      // drop points creating ambiguous pairs
      const keep: number[] = [];
      for (let i = 0; i < d.x.length; i++) {
        let ok = true;
        for (const j of keep) {
          const dist = Math.hypot(d.x[i] - d.x[j], d.y[i] - d.y[j]);
          if (Math.abs(dist - eps) < eps * 1e-4) { ok = false; break; }
        }
        if (ok) keep.push(i);
      }
      d = { x: Float64Array.from(keep, (i) => d.x[i]), y: Float64Array.from(keep, (i) => d.y[i]), times: d.times, categories: d.categories };
      const x0 = 548883, y0 = 393423;
      const feats: Feature<Point>[] = Array.from(d.x, (_, i) => turf.point([(d.x[i] - x0) * degPerM, (d.y[i] - y0) * degPerM]));
      const t = turf.clustersDbscan(turf.featureCollection(feats), eps / 1000, { units: 'kilometers', minPoints: 4 });
      const r = dbscan({ x: d.x, y: d.y }, { eps, minPoints: 4 });
      const o2t = new Map<number, number>();
      const t2o = new Map<number, number>();
      for (let i = 0; i < d.x.length; i++) {
        const p = t.features[i].properties as { dbscan: string; cluster?: number };
        // noise sets identical
        expect(p.dbscan === 'noise').toBe(r.pointKind[i] === POINT_NOISE);
        if (r.pointKind[i] === POINT_CORE) {
          expect(p.dbscan).toBe('core');
          // partition of core points identical up to renumbering (bijection)
          const tc = p.cluster!;
          if (!o2t.has(r.labels[i])) o2t.set(r.labels[i], tc);
          if (!t2o.has(tc)) t2o.set(tc, r.labels[i]);
          expect(o2t.get(r.labels[i])).toBe(tc);
          expect(t2o.get(tc)).toBe(r.labels[i]);
        } else if (r.pointKind[i] === POINT_BORDER && p.dbscan === 'core') {
          checkedBorderAsCore++; // documented turf deviation
        }
      }
    }
    // turf's deviation is real on this data: border points reached during expansion are labelled "core"
    expect(checkedBorderAsCore).toBeGreaterThan(0);
  });

  it('reports progress and honours an aborted signal', () => {
    const d = makeData(5000, 3);
    const seen: number[] = [];
    dbscan(d, { eps: 30, minPoints: 5 }, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen[seen.length - 1]).toBe(1);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1]);
    const ac = new AbortController();
    ac.abort();
    expect(() => dbscan(d, { eps: 30, minPoints: 5 }, { signal: ac.signal })).toThrowError(expect.objectContaining({ name: 'AbortError' }));
    // abort from inside the progress callback (the only way a synchronous run can be cancelled mid-way)
    const ac2 = new AbortController();
    let err: unknown;
    try {
      dbscan(d, { eps: 30, minPoints: 5 }, { signal: ac2.signal, onProgress: (f) => { if (f > 0.3) ac2.abort(); } });
    } catch (e) { err = e; }
    expect((err as Error).name).toBe('AbortError');
  });

  it('validates its parameters', () => {
    const x = new Float64Array([0, 1]), y = new Float64Array([0, 1]);
    expect(() => dbscan({ x, y }, { eps: 0, minPoints: 2 })).toThrow(/eps/);
    expect(() => dbscan({ x, y }, { eps: 1, minPoints: 0 })).toThrow(/minPoints/);
    expect(() => dbscan({ x, y }, { eps: 1, minPoints: 2, timeWindowMs: 5 })).toThrow(/times/);
    expect(() => dbscan({ x, y: new Float64Array(3) }, { eps: 1, minPoints: 2 })).toThrow(/elements/);
  });
});

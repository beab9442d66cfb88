import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Feature, Polygon } from 'geojson';
import { Backend } from '../../../../src/backend/backend';
import { dispatch } from '../../../../src/backend/api/dispatch';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { warsawToUtc } from '../../../../src/core/domain/time';
import { feasibleRanges, type CellState } from '../../../../src/core/briefing/suppression';
import type { BriefingData, PublicBriefingData, PublicCount } from '../../../../src/shared/contract/briefing';
import { demoWorkspace } from '../../../helpers/demoWorkspace';
import { createWorkspace, gridBeats } from '../../../helpers/districtWorkspace';
import { findLeaks, reportTraces, type ReportTrace } from '../../../helpers/leaks';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let backend: Backend;
let ws: string;
let traces: ReportTrace[];
const call = <T>(method: string, input: unknown) => dispatch(backend.api, method, input) as Promise<T>;

beforeAll(() => {
  t = tmpDir('rejon-public-');
  ws = demoWorkspace(t.dir);
  backend = new Backend(ws);
  traces = reportTraces(ws);
});
afterAll(async () => {
  await backend?.close();
  t?.cleanup();
});

/** Every key that may appear anywhere in public data: anything else is a construction error. */
const ALLOWED_KEYS = new Set([
  'kind', 'title', 'threshold', 'hexSize', 'generatedAt', 'dataDate', 'sourceNote', 'period', 'comparison', 'from', 'to', 'categories',
  'total', 'count', 'previousCount', 'changePct', 'value', 'label', 'suppressed', 'beats', 'id', 'name', 'bbox', 'hourBands', 'months', 'month',
  'beatsGeoJson', 'hexGeoJson', 'type', 'features', 'geometry', 'coordinates', 'properties', 'districtId',
  // issue 12: the kinds of source of the reports counted ('kmzb-police', 'demo', …): strings, no counts, no file names
  'sources',
]);

function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.add(k); keysOf(x, out); }
  return out;
}

function counts(d: PublicBriefingData): PublicCount[] {
  const all: PublicCount[] = [d.total.count, d.total.previousCount];
  for (const b of d.beats) all.push(b.count, b.previousCount, ...b.categories.map((c) => c.count), ...b.hourBands, ...b.months.map((m) => m.count));
  for (const f of d.hexGeoJson.features) all.push({ value: f.properties!.count, label: f.properties!.label });
  return all;
}

/** A regular hexagon of side `size` m in EPSG:2180 (up to the 6-decimal rounding of its WGS84 vertices). */
function isGridHexagon(f: Feature, size: number): boolean {
  if (f.geometry.type !== 'Polygon') return false;
  const ring = (f.geometry as Polygon).coordinates[0].map(([lon, lat]) => toPuwg92(lon, lat));
  if (ring.length !== 7) return false;
  for (let k = 0; k < 6; k++) if (Math.abs(Math.hypot(ring[k + 1][0] - ring[k][0], ring[k + 1][1] - ring[k][1]) - size) > 0.5) return false;
  return true;
}

/** The output without what is verified to be geometry of beats and grid cells, and without the generation time. */
function stripVerified(d: PublicBriefingData, beatGeometry: Map<number, unknown>): string {
  const copy = structuredClone(d) as Omit<PublicBriefingData, 'generatedAt'> & { generatedAt?: number };
  delete copy.generatedAt;
  for (const f of copy.beatsGeoJson.features) {
    expect(f.geometry).toEqual(beatGeometry.get(f.properties!.id));
    (f as { geometry: unknown }).geometry = null;
  }
  for (const f of copy.hexGeoJson.features) {
    expect(isGridHexagon(f, d.hexSize)).toBe(true);
    (f as { geometry: unknown }).geometry = null;
  }
  for (const b of copy.beats) (b as { bbox: unknown }).bbox = null;
  return JSON.stringify(copy);
}

const REQUESTS = [
  { name: 'whole command, one month', request: { from: '2025-03-01', to: '2025-03-31' }, options: {} },
  { name: 'whole command, half a year, 250 m hexagons', request: { from: '2025-01-01', to: '2025-06-30' }, options: { hexSize: 250 } },
  { name: 'two beats, one week, threshold 5', request: { from: '2025-05-05', to: '2025-05-11', districtIds: [1, 2] }, options: { threshold: 5 } },
  { name: 'one rural beat, a quarter', request: { from: '2025-04-01', to: '2025-06-30', districtIds: [17] }, options: {} },
];

describe('getPublicBriefingData on the demo workspace', () => {
  it('the leak detector finds planted report traces (and the demo has them to find)', () => {
    const r = traces.find((x) => (x.description ?? '').length >= 40)!;
    expect(r).toBeDefined();
    expect(findLeaks(JSON.stringify({ a: [1, 2], b: `x ${r.sourceId} y` }), traces)).toEqual([`source id ${r.sourceId}`]);
    expect(findLeaks(`[3,${r.lon.toFixed(5)}]`, traces).some((l) => l.startsWith('longitude'))).toBe(true);
    expect(findLeaks(`szer. ${r.lat.toFixed(4).replace('.', ',')} N`, traces).some((l) => l.startsWith('latitude'))).toBe(true);
    expect(findLeaks(`opis: ${r.description!.slice(0, 35)}`, traces).some((l) => l.startsWith('description'))).toBe(true);
  });

  for (const { name, request, options } of REQUESTS) {
    it(`${name}: aggregates only, small counts hidden, no report traces`, async () => {
      const d = await call<PublicBriefingData>('getPublicBriefingData', { request, options });
      const police = await call<BriefingData>('getBriefingData', { request });
      const threshold = d.threshold;
      expect(threshold).toBeGreaterThanOrEqual(3);
      // 1. shape: nothing but the allowed fields, no points
      for (const k of keysOf(d)) expect(ALLOWED_KEYS.has(k), `unexpected field "${k}"`).toBe(true);
      expect(JSON.stringify(d)).not.toMatch(/"Point"|"MultiPoint"|"LineString"/);
      expect(d.dataDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // 2. every shown count is at least the threshold; hidden ones are labelled
      for (const c of counts(d)) {
        if (c.value === null) expect([`<${threshold}`, '*']).toContain(c.label);
        else {
          expect(c.value).toBeGreaterThanOrEqual(threshold);
          expect(c.label).toBe(String(c.value));
        }
      }
      // 3. shown numbers are the police numbers; every public output of the period is a view of the whole
      // command's one protected table (fixed published geography): same cells, same labels, same total
      expect(d.beats.map((b) => b.id)).toEqual(police.beats.map((b) => b.id));
      const whole = await call<PublicBriefingData>('getPublicBriefingData', { request: { ...request, districtIds: undefined }, options });
      const policeWhole = await call<BriefingData>('getBriefingData', { request: { ...request, districtIds: undefined } });
      expect(d.total).toEqual(whole.total);
      for (const b of d.beats) expect(b).toEqual(whole.beats.find((x) => x.id === b.id));
      d.beats.forEach((b, k) => {
        const p = police.beats[k];
        if (b.count.value !== null) expect(b.count.value).toBe(p.count);
        else if (b.count.suppressed === 'small') expect(p.count).toBeLessThan(threshold);
        else expect(p.count).toBeGreaterThanOrEqual(threshold);
        if (b.previousCount.value !== null) expect(b.previousCount.value).toBe(p.previousCount);
        if (b.count.value === null) expect(b.categories).toEqual([]);
      });
      // the public total is the whole command's beats (the old assertion compared it with the scope's own total:
      // that total was what let two overlapping outputs be subtracted, issue 14 point 7)
      if (d.total.count.value !== null) expect(d.total.count.value).toBe(policeWhole.beats.reduce((a, b) => a + b.count, 0));
      // 4. no small beat count can be worked out from the total
      if (whole.total.count.value !== null) {
        const cells: CellState[] = whole.beats.map((b, k) => ({ value: policeWhole.beats[k].count, suppressed: b.count.suppressed ?? null }));
        const ranges = feasibleRanges(cells, { lo: whole.total.count.value, hi: whole.total.count.value }, threshold);
        cells.forEach((c, k) => { if (c.suppressed === 'small') expect(ranges[k].hi - ranges[k].lo).toBeGreaterThanOrEqual(1); });
      }
      // 5. hexagons: non-empty grid cells only, each counted in the right place
      const hexTotal = d.hexGeoJson.features.reduce((a, f) => a + (f.properties!.count ?? 0), 0);
      expect(hexTotal).toBeLessThanOrEqual(police.total.count);
      // 6. no source id, description fragment or coordinate of any report
      const full = JSON.stringify(d);
      expect(findLeaks(full, traces).filter((l) => !/itude/.test(l))).toEqual([]);
      const geometry = new Map(police.beatsGeoJson.features.map((f) => [f.properties!.id as number, f.geometry]));
      expect(findLeaks(stripVerified(d, geometry), traces)).toEqual([]);
    });
  }

  it('hexagon counts add up to the reports in each hexagon (checked against the EPSG:2180 positions)', async () => {
    const d = await call<PublicBriefingData>('getPublicBriefingData', { request: { from: '2025-01-01', to: '2025-12-31' }, options: { hexSize: 500 } });
    const rows = backend.db.prepare('SELECT x2180 AS x, y2180 AS y FROM reports WHERE created_at >= ? AND created_at < ? AND district_id IS NOT NULL').all(warsawToUtc(2025, 1, 1), warsawToUtc(2026, 1, 1)) as { x: number; y: number }[];
    const shown = d.hexGeoJson.features.filter((f) => f.properties!.count !== null);
    expect(shown.length).toBeGreaterThan(10);
    for (const f of shown.slice(0, 25)) {
      const ring = (f.geometry as Polygon).coordinates[0].map(([lon, lat]) => toPuwg92(lon, lat));
      const cx = ring.slice(0, 6).reduce((a, p) => a + p[0], 0) / 6;
      const cy = ring.slice(0, 6).reduce((a, p) => a + p[1], 0) / 6;
      // inside a pointy-top hexagon of side s centred at (cx, cy)
      const s = d.hexSize;
      const inside = rows.filter(({ x, y }) => {
        const dx = Math.abs(x - cx), dy = Math.abs(y - cy);
        return dx <= (Math.sqrt(3) / 2) * s && dy <= s - dx / Math.sqrt(3);
      }).length;
      expect(Math.abs(inside - f.properties!.count)).toBeLessThanOrEqual(1); // boundary ties after vertex rounding
    }
  });

  it('rejects a threshold below 3 and a hexagon smaller than 250 m at the contract boundary', async () => {
    await expect(call('getPublicBriefingData', { request: { from: '2025-01-01', to: '2025-01-31' }, options: { threshold: 2 } })).rejects.toThrow(/threshold/);
    await expect(call('getPublicBriefingData', { request: { from: '2025-01-01', to: '2025-01-31' }, options: { hexSize: 100 } })).rejects.toThrow(/hexSize/);
    await expect(call('getPublicBriefingData', { request: { from: '2025-01-01', to: '2025-01-31', districtIds: [999] } })).rejects.toThrow(/Unknown beat/);
  });
});

describe('complementary suppression on small crafted workspaces', () => {
  let t2: ReturnType<typeof tmpDir>;
  beforeAll(() => { t2 = tmpDir('rejon-public-craft-'); });
  afterAll(() => t2.cleanup());

  /** Two beats side by side (grid 2 × 1); reports at the given positions inside beat 1 or 2, in March 2025. */
  async function craft(name: string, points: { beat: 1 | 2; dx: number; dy: number; n: number }[], options = {}, districtIds?: number[], extra: Record<string, unknown> = {}): Promise<PublicBriefingData> {
    const beats = gridBeats(2, 1);
    let i = 0;
    const reports = points.flatMap((p) =>
      Array.from({ length: p.n }, () => ({
        sourceId: `C-${i}`, category: 'Nieprawidłowe parkowanie', status: 'Nowe', createdAt: warsawToUtc(2025, 3, 10, 12) + i++ * 60_000, eventAt: null, modifiedAt: null,
        lon: 19.62 + (p.beat - 1) * 0.04 + p.dx, lat: 51.36 + p.dy, teryt: null, description: `opis ${i}`,
      })),
    );
    const file = path.join(t2.dir, `${name}.sqlite`);
    createWorkspace(file, reports, beats).close();
    const b = new Backend(file);
    try {
      return await dispatch(b.api, 'getPublicBriefingData', { request: { from: '2025-03-01', to: '2025-03-31', ...(districtIds ? { districtIds } : {}), ...extra }, options }) as PublicBriefingData;
    } finally {
      await b.close();
    }
  }

  it('one small beat next to a published total: the other beat is hidden as well, and neither is on the map', async () => {
    const d = await craft('one-small', [{ beat: 1, dx: 0.02, dy: 0.012, n: 2 }, { beat: 2, dx: 0.02, dy: 0.012, n: 10 }]);
    expect(d.total.count).toEqual({ value: 12, label: '12' });
    expect(d.beats.map((b) => b.count.label)).toEqual(['<3', '*']);
    expect(d.beats[1].categories).toEqual([]);
    expect(d.beats[1].hourBands.every((c) => c.value === null)).toBe(true);
    expect(d.hexGeoJson.features).toEqual([]);
    expect(d.beatsGeoJson.features.map((f) => f.properties!.count)).toEqual([null, null]);
  });

  it('a hexagon of 2 next to one of 8 in a beat of 10: the 8 is hidden too', async () => {
    const d = await craft('hex-pair', [{ beat: 1, dx: 0.01, dy: 0.012, n: 8 }, { beat: 1, dx: 0.03, dy: 0.012, n: 2 }, { beat: 2, dx: 0.02, dy: 0.012, n: 9 }], { hexSize: 500 });
    const beat1 = d.hexGeoJson.features.filter((f) => f.properties!.districtId === d.beats[0].id).map((f) => f.properties!.label).sort();
    expect(beat1).toEqual(['*', '<3']);
    const beat2 = d.hexGeoJson.features.filter((f) => f.properties!.districtId === d.beats[1].id).map((f) => f.properties!.label);
    expect(beat2).toEqual(['9']);
  });

  it('two hexagons of 2 making a beat of 4 cannot be protected: they are left off the map', async () => {
    const d = await craft('hex-stuck', [{ beat: 1, dx: 0.01, dy: 0.012, n: 2 }, { beat: 1, dx: 0.03, dy: 0.012, n: 2 }, { beat: 2, dx: 0.02, dy: 0.012, n: 9 }], { hexSize: 500 });
    expect(d.beats.map((b) => b.count.label)).toEqual(['4', '9']);
    expect(d.hexGeoJson.features.map((f) => f.properties!.label)).toEqual(['9']);
  });

  it('differencing attack: outputs for overlapping scopes of one period publish one table, so [1, 2] minus [2] recovers nothing', async () => {
    // beat 1 holds 1 report, beat 2 holds 49: before, scope [1, 2] published 50 and scope [2] published 49
    const pts = [{ beat: 1 as const, dx: 0.02, dy: 0.012, n: 1 }, { beat: 2 as const, dx: 0.01, dy: 0.012, n: 25 }, { beat: 2 as const, dx: 0.03, dy: 0.012, n: 24 }];
    const both = await craft('diff-both', pts, {}, [1, 2]);
    const two = await craft('diff-two', pts, {}, [2]);
    const one = await craft('diff-one', pts, {}, [1]);
    const all = await craft('diff-all', pts, {});
    // every output: the same total, and the same label for the same beat
    for (const d of [both, two, one]) {
      expect(d.total).toEqual(all.total);
      for (const b of d.beats) expect(b).toEqual(all.beats.find((x) => x.id === b.id));
    }
    expect(two.beats.map((b) => b.id)).toEqual([all.beats[1].id]);
    // the attack: every published number of every output, per cell, is one value; beat 1 is never exact
    const published = new Map<string, Set<string>>();
    const add = (k: string, label: string) => { if (!published.has(k)) published.set(k, new Set()); published.get(k)!.add(label); };
    for (const d of [both, two, one, all]) {
      add('total', d.total.count.label);
      for (const b of d.beats) add(`beat ${b.id}`, b.count.label);
      for (const f of d.hexGeoJson.features) add(`hex ${JSON.stringify(f.geometry)}`, String(f.properties!.label));
    }
    for (const labels of published.values()) expect(labels.size).toBe(1);
    expect([...published.get(`beat ${all.beats[0].id}`)!]).toEqual(['<3']);
    // with beat 1 hidden as small, the total and beat 2 cannot both be exact (else 50 - 49 = 1)
    const t = all.total.count.value, b2 = all.beats[1].count.value;
    expect(t !== null && b2 !== null).toBe(false);
  });

  it('public outputs refuse a category or status filter, naming why', async () => {
    await expect(craft('filtered', [{ beat: 1, dx: 0.02, dy: 0.012, n: 5 }], {}, undefined, { categories: ['Nieprawidłowe parkowanie'] })).rejects.toMatchObject({ msg: { code: 'public.noFilter' } });
    await expect(craft('filtered2', [{ beat: 1, dx: 0.02, dy: 0.012, n: 5 }], {}, undefined, { statuses: ['Nowe'] })).rejects.toMatchObject({ msg: { code: 'public.noFilter' } });
  });

  it('hour bands: a single band of 3 with three empty ones is hidden as a whole', async () => {
    const d = await craft('bands', [{ beat: 1, dx: 0.02, dy: 0.012, n: 3 }, { beat: 2, dx: 0.02, dy: 0.012, n: 9 }]);
    // all reports of beat 1 at noon: bands 0,0,3,0 → 3 is the count, so the empty bands would follow
    expect(d.beats[0].count.label).toBe('3');
    expect(d.beats[0].hourBands.map((c) => c.label)).toEqual(['*', '*', '*', '*']);
    expect(d.beats[0].months.map((m) => m.count.label)).toEqual(['3']);
  });
});

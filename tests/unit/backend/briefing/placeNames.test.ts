/**
 * Briefing hotspots are named by the one lookup the analyses use (backend/analysis/places.ts): imported street
 * centrelines as well as named places, in the briefing's language. Before, briefings had their own lookup over
 * the places table only (streets ignored) and built a Polish "(ok. … m)" into the text of English briefings too.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { exportBriefing } from '../../../../src/backend/briefing/exports';
import { fromPuwg92, toPuwg92 } from '../../../../src/core/domain/crs';
import { translate } from '../../../../src/shared/i18n';
import type { BriefingHotspot } from '../../../../src/shared/contract/briefing';
import { findHotspots } from '../../../../src/backend/analysis/runAnalysis';
import { warsawDayStart } from '../../../../src/core/domain/time';
import { demoWorkspace } from '../../../helpers/demoWorkspace';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let backend: Backend;
const request = { from: '2025-01-01', to: '2025-06-30' };

beforeAll(() => {
  t = tmpDir('rejon-briefing-names-');
  const ws = demoWorkspace(t.dir);
  const raw = new Database(ws);
  raw.prepare(`DELETE FROM workspace_meta WHERE key = 'demo'`).run(); // a command's workspace with the demo's data
  raw.close();
  backend = new Backend(ws, { trustedPaths: true });
}, 120_000);
afterAll(async () => {
  await backend?.close();
  t?.cleanup();
});

const firstHotspot = (beats: { hotspots: BriefingHotspot[] }[]) => beats.flatMap((b) => b.hotspots)[0];

describe('briefing hotspots are the analyses\' ranked hotspots', () => {
  it('the same places, counts and order as findHotspots for the beats in scope; no beat is one big hotspot', async () => {
    const req = { from: '2026-08-01', to: '2026-10-31' };
    const d = await backend.api.getBriefingData({ request: req });
    const found = findHotspots(backend.db, { from: warsawDayStart('2026-08-01'), to: warsawDayStart('2026-11-01') });
    let listed = 0;
    for (const b of d.beats) {
      const own = found.hotspots.filter((h) => h.districtId === b.id);
      expect(b.hotspots.map((h) => [h.rank, h.lon, h.lat, h.count, h.confidence])).toEqual(own.map((h, i) => [i + 1, h.lon, h.lat, h.reports, h.confidence]));
      listed += own.length;
      // the old briefing Gi* made Rejon 1 one hotspot of 132 of its 136 reports
      if (b.count >= 50) for (const h of b.hotspots) expect(h.count / b.count, b.name).toBeLessThan(0.5);
    }
    expect(listed).toBeGreaterThan(1);
    expect(d.method.rule?.rule).toBe('place');
  });
});

describe('briefing hotspot names', () => {
  it('a street imported through a hotspot names it, in Polish and English, in the data and the exports', async () => {
    const before = firstHotspot((await backend.api.getBriefingData({ request })).beats);
    expect(before, 'the demo has hotspots in the first half of 2025').toBeDefined();
    expect(before.location.code).toMatch(/^hotspots\.place\./);
    // a 100 m street centreline through the hotspot's centre
    const [x, y] = toPuwg92(before.lon, before.lat);
    const street = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'Próbna' }, geometry: { type: 'LineString', coordinates: [fromPuwg92(x - 50, y), fromPuwg92(x + 50, y)] } }],
    };
    const file = path.join(t.dir, 'ulice.geojson');
    fs.writeFileSync(file, JSON.stringify(street));
    const job = await backend.jobs.wait((await backend.api.importPlaces({ source: { path: file }, mode: 'add' })).jobId);
    expect(job.state).toBe('done');

    const d = await backend.api.getBriefingData({ request });
    const after = firstHotspot(d.beats);
    expect([after.lon, after.lat]).toEqual([before.lon, before.lat]); // the same hotspot: names do not move it
    expect(after.location).toEqual({ code: 'hotspots.place.at', params: { name: 'Próbna' } });
    expect(after.placeName).toBe('Próbna');
    expect(after.placeDistanceM).toBeLessThanOrEqual(1);
    expect(translate('pl', after.location)).toBe('Próbna');
    // the summary's "largest" names it when it is the largest hotspot; either way no Polish "ok." in English text
    const csvEn = Buffer.from(await exportBriefing(backend.db, backend.workspacePath, { request, format: 'hotspots-csv', lang: 'en' })).toString('utf8');
    expect(csvEn).toContain('Próbna');
    expect(csvEn).not.toMatch(/\(ok\. /);
  });
});

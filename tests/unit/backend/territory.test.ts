/**
 * The command's territory (issue 12): the point test with the powiat tolerance, re-flagging every report when the
 * territory changes (one transaction), the contract methods, the study area, and "whole command" in per-beat
 * statistics and the police briefing counting every report (outside the beats too, outside the territory apart).
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import { Backend } from '../../../src/backend/backend';
import { dispatch } from '../../../src/backend/api/dispatch';
import { districtStats } from '../../../src/backend/districts/service';
import { buildBriefingData } from '../../../src/backend/briefing/data';
import { powiatParts, replaceTerritory, setTerritory } from '../../../src/backend/store/territory';
import { studyArea, studyAreaM2, studyAreaPolygons2180 } from '../../../src/backend/store/studyArea';
import { openWorkspace } from '../../../src/backend/store/workspace';
import { filterToSql } from '../../../src/backend/store/reports';
import { buildTerritoryIndex, POWIAT_TOLERANCE_M } from '../../../src/core/territory/area';
import { fromPuwg92, toPuwg92 } from '../../../src/core/domain/crs';
import { areaM2 } from '../../../src/core/districts/geometry';
import { translate } from '../../../src/shared/i18n';
import type { RejonApi } from '../../../src/shared/contract';
import { RejonError } from '../../../src/shared/contract';
import { createWorkspace, gridBeats, GRID, makeReports } from '../../helpers/districtWorkspace';
import { writeKmzbCsv } from '../../helpers/kmzbCsv';
import { importFile } from '../../../src/backend/import/importFile';
import { tmpDir } from '../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let backend: Backend | null = null;
beforeEach(() => {
  t = tmpDir('rejon-territory-');
});
afterEach(async () => {
  await backend?.close();
  backend = null;
  t.cleanup();
});

function call<M extends keyof RejonApi>(method: M, input: Parameters<RejonApi[M]>[0]): ReturnType<RejonApi[M]> {
  return dispatch(backend!.api, method, input) as ReturnType<RejonApi[M]>;
}

/** A point `d` metres outward from the middle of the outer ring's longest edge (EPSG:2180). */
function outward(g: Polygon, d: number): [number, number] {
  const ring = g.coordinates[0].map((p) => toPuwg92(p[0], p[1]));
  let best = 0, len = 0;
  for (let i = 1; i < ring.length; i++) {
    const l = Math.hypot(ring[i][0] - ring[i - 1][0], ring[i][1] - ring[i - 1][1]);
    if (l > len) { len = l; best = i; }
  }
  const [a, b] = [ring[best - 1], ring[best]];
  const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
  let nx = (b[1] - a[1]) / len, ny = -(b[0] - a[0]) / len;
  // make the normal point away from the polygon
  const [lon, lat] = fromPuwg92(mx + nx * 10, my + ny * 10);
  if (turf.booleanPointInPolygon([lon, lat], g)) { nx = -nx; ny = -ny; }
  return fromPuwg92(mx + nx * d, my + ny * d);
}

describe('territory point test', () => {
  const [powiat, city] = powiatParts(['powiat piotrkowski', 'powiat Piotrków Trybunalski']);
  it('a simplified PRG powiat counts points up to 3 km outside its border as inside; a drawn one does not', () => {
    const g = city.geometry as Polygon;
    const idx = buildTerritoryIndex([{ geometry: g, source: 'powiat' }])!;
    expect(idx.toleranceM).toBe(POWIAT_TOLERANCE_M);
    expect(idx.contains(19.703, 51.4053)).toBe(true); // market square
    for (const d of [1, 300, 2900]) expect(idx.contains(...outward(g, d)), `${d} m`).toBe(true);
    for (const d of [3100, 8000]) expect(idx.contains(...outward(g, d)), `${d} m`).toBe(false);
    const drawn = buildTerritoryIndex([{ geometry: g, source: 'drawn' }])!;
    expect(drawn.contains(19.703, 51.4053)).toBe(true);
    expect(drawn.contains(...outward(g, 5))).toBe(false);
    // the masks say the same as contains
    const pts = [[19.703, 51.4053], outward(g, 2000), outward(g, 5000)];
    expect(Array.from(idx.outsideMask(pts.map((p) => p[0]), pts.map((p) => p[1])))).toEqual([0, 0, 1]);
  });
  it('the city + powiat union has no hole (the city fills the powiat\'s ring)', () => {
    const idx = buildTerritoryIndex([{ geometry: powiat.geometry, source: 'powiat' }, { geometry: city.geometry, source: 'powiat' }])!;
    expect(idx.contains(19.703, 51.4053)).toBe(true);
    const alone = buildTerritoryIndex([{ geometry: powiat.geometry, source: 'drawn' }])!;
    expect(alone.contains(19.703, 51.4053)).toBe(false); // the city is a hole of powiat piotrkowski
  });
});

describe('territory in the workspace', () => {
  it('every change re-flags all reports in one transaction; the flag drives the one filter', () => {
    const file = path.join(t.dir, 'ws.sqlite');
    const db = createWorkspace(file, makeReports({ n: 2000, outsideShare: 0.1 }), gridBeats());
    // a drawn territory: the western half of the beat grid
    const half: Polygon = { type: 'Polygon', coordinates: [[[GRID.lon0, GRID.lat0], [GRID.lon0 + 2 * GRID.dLon, GRID.lat0], [GRID.lon0 + 2 * GRID.dLon, GRID.lat0 + 3 * GRID.dLat], [GRID.lon0, GRID.lat0 + 3 * GRID.dLat], [GRID.lon0, GRID.lat0]]] };
    const r = replaceTerritory(db, [{ name: 'zachód', source: 'drawn', geometry: half }]);
    const pts = db.prepare('SELECT lon, lat, outside_territory AS o FROM reports').all() as { lon: number; lat: number; o: number }[];
    const independent = pts.filter((p) => !turf.booleanPointInPolygon([p.lon, p.lat], half, { ignoreBoundary: false })).length;
    expect(r.outside).toBe(independent);
    expect(pts.filter((p) => p.o === 1).length).toBe(independent);
    expect(independent).toBeGreaterThan(500);
    const n = (f: Parameters<typeof filterToSql>[0]) => {
      const q = filterToSql(f);
      return (db.prepare(`SELECT count(*) AS n FROM reports ${q.where}`).get(...q.params) as { n: number }).n;
    };
    expect(n({ territory: 'outside' })).toBe(independent);
    expect(n({ territory: 'inside' })).toBe(2000 - independent);
    // the PRG city county with its 3 km tolerance: outside = outside the polygon AND farther than 3 km from its
    // border (planar EPSG:2180 distance, computed here independently)
    const cityPart = powiatParts(['powiat Piotrków Trybunalski'])[0];
    const ring = (cityPart.geometry as Polygon).coordinates[0].map((q) => toPuwg92(q[0], q[1]));
    const far = (lon: number, lat: number) => {
      const [x, y] = toPuwg92(lon, lat);
      let m = Infinity;
      for (let i = 1; i < ring.length; i++) {
        const [a, b] = [ring[i - 1], ring[i]];
        const dx = b[0] - a[0], dy = b[1] - a[1];
        const k = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
        m = Math.min(m, Math.hypot(x - a[0] - k * dx, y - a[1] - k * dy));
      }
      return m > POWIAT_TOLERANCE_M;
    };
    const expected = pts.filter((q) => !turf.booleanPointInPolygon([q.lon, q.lat], cityPart.geometry) && far(q.lon, q.lat)).length;
    expect(expected).toBeGreaterThan(0);
    expect(replaceTerritory(db, [cityPart]).outside).toBe(expected);
    expect(replaceTerritory(db, []).outside).toBe(0);
    expect(n({ territory: 'outside' })).toBe(0);
    db.close();
  });

  it('contract: from counties (unknown name: message with the closest names), from beats, clear; study area', async () => {
    const file = path.join(t.dir, 'ws.sqlite');
    createWorkspace(file, makeReports({ n: 500 }), gridBeats()).close();
    backend = new Backend(file);
    expect(await call('getTerritory', {})).toMatchObject({ parts: [], areaKm2: null, outside: 0, reports: 500 });
    const err = await call('setTerritoryFromPowiaty', { names: ['powiat piotrkowksi'] }).catch((e: RejonError) => e);
    expect(err).toBeInstanceOf(RejonError);
    expect((err as RejonError).msg?.code).toBe('territory.unknownPowiat');
    expect(translate('pl', (err as RejonError).msg!)).toContain('powiat piotrkowski');
    const p = await call('setTerritoryFromPowiaty', { names: ['powiat piotrkowski', 'Piotrków Trybunalski'] });
    expect(p.parts.map((x) => [x.name, x.source, x.toleranceM])).toEqual([['powiat piotrkowski', 'powiat', 3000], ['powiat Piotrków Trybunalski', 'powiat', 3000]]);
    expect(p.areaKm2!).toBeGreaterThan(1400);
    expect(p.areaKm2!).toBeLessThan(1550);
    expect(studyArea(backend.db)).toMatchObject({ source: 'territory' });
    expect(studyAreaM2(backend.db)! / 1e6).toBeCloseTo(p.areaKm2!, 6);
    const b = await call('setTerritoryFromBeats', {});
    expect(b.parts).toHaveLength(1);
    expect(b.parts[0]).toMatchObject({ source: 'beats', toleranceM: 0 });
    const gridArea = areaM2({ type: 'Polygon', coordinates: [[[GRID.lon0, GRID.lat0], [GRID.lon0 + 4 * GRID.dLon, GRID.lat0], [GRID.lon0 + 4 * GRID.dLon, GRID.lat0 + 3 * GRID.dLat], [GRID.lon0, GRID.lat0 + 3 * GRID.dLat], [GRID.lon0, GRID.lat0]]] });
    expect(b.areaKm2! * 1e6).toBeCloseTo(gridArea, -3);
    // reports outside the beats are outside a territory made of them
    const outsideBeats = (backend.db.prepare('SELECT count(*) AS n FROM reports WHERE district_id IS NULL').get() as { n: number }).n;
    expect(b.outside).toBe(outsideBeats);
    const c = await call('clearTerritory', {});
    expect(c).toMatchObject({ parts: [], outside: 0 });
    // without a territory the study area is the union of the beats
    expect(studyArea(backend.db)).toMatchObject({ source: 'beats' });
    expect(studyAreaM2(backend.db)!).toBeCloseTo(gridArea, -3);
    expect(studyAreaPolygons2180(backend.db)![0][0][0][0]).toBeGreaterThan(500_000); // metres, not degrees
    expect((await call('listPowiatNames', {})).length).toBe(380);
  });
});

describe('"whole command" counts every report', () => {
  it('per-beat statistics: whole = beats + outside all beats (inside the territory); outside the territory apart', () => {
    const file = path.join(t.dir, 'ws.sqlite');
    const db = createWorkspace(file, makeReports({ n: 3000, outsideShare: 0.08 }), gridBeats());
    const filter = { from: Date.UTC(2024, 0, 1), to: Date.UTC(2026, 0, 1) };
    const all = (db.prepare('SELECT count(*) AS n FROM reports WHERE created_at >= ? AND created_at < ?').get(filter.from, filter.to) as { n: number }).n;
    const noBeat = (db.prepare('SELECT count(*) AS n FROM reports WHERE district_id IS NULL AND created_at >= ? AND created_at < ?').get(filter.from, filter.to) as { n: number }).n;
    expect(noBeat).toBeGreaterThan(100);
    let s = districtStats(db, { filter });
    expect(s.whole.count).toBe(all);
    expect(s.outside.count).toBe(noBeat);
    expect(s.beats.reduce((a, b) => a + b.count, 0) + s.outside.count).toBe(all);
    expect(s.outsideTerritory).toBeNull();
    expect(s.total).toBe(all);
    expect(s.areaSource).toBe('beats');
    expect(s.whole.ratePerKm2!).toBeCloseTo(all / (studyAreaM2(db)! / 1e6), 6);

    // a territory that leaves out the eastern quarter of the grid and the reports west of it
    const part: Polygon = { type: 'Polygon', coordinates: [[[GRID.lon0, GRID.lat0], [GRID.lon0 + 3 * GRID.dLon, GRID.lat0], [GRID.lon0 + 3 * GRID.dLon, GRID.lat0 + 3 * GRID.dLat], [GRID.lon0, GRID.lat0 + 3 * GRID.dLat], [GRID.lon0, GRID.lat0]]] };
    setTerritory(db, [{ name: 'teren', source: 'drawn', geometry: part }]);
    const outT = (db.prepare('SELECT count(*) AS n FROM reports WHERE outside_territory = 1 AND created_at >= ? AND created_at < ?').get(filter.from, filter.to) as { n: number }).n;
    expect(outT).toBeGreaterThan(100);
    s = districtStats(db, { filter });
    expect(s.outsideTerritory!.count).toBe(outT);
    expect(s.whole.count).toBe(all - outT);
    expect(s.whole.count + s.outsideTerritory!.count).toBe(s.total);
    expect(s.beats.reduce((a, b) => a + b.count, 0) + s.outside.count).toBe(s.whole.count);
    expect(s.areaSource).toBe('territory');
    expect(s.whole.ratePerKm2!).toBeCloseTo(s.whole.count / (areaM2(part) / 1e6), 6);
    // the filter's territory field
    expect(districtStats(db, { filter: { ...filter, territory: 'outside' } }).outsideTerritory!.count).toBe(outT);
    expect(districtStats(db, { filter: { ...filter, territory: 'outside' } }).whole.count).toBe(0);
    db.close();
  });

  it('police briefing for the whole command: reports outside all beats are counted and stated, outside the territory apart', () => {
    const file = path.join(t.dir, 'ws.sqlite');
    const db = createWorkspace(file, makeReports({ n: 3000, outsideShare: 0.08 }), gridBeats());
    const req = { from: '2024-01-01', to: '2025-12-31' };
    const fromMs = Date.UTC(2023, 11, 31, 23), toMs = Date.UTC(2025, 11, 31, 23);
    const count = (where: string) => (db.prepare(`SELECT count(*) AS n FROM reports WHERE created_at >= ? AND created_at < ? ${where}`).get(fromMs, toMs) as { n: number }).n;
    let d = buildBriefingData(db, file, req);
    expect(d.scope).toBe('command');
    expect(d.total.count).toBe(count(''));
    expect(d.total.outsideBeats!.count).toBe(count('AND district_id IS NULL'));
    expect(d.total.outsideBeats!.count).toBeGreaterThan(100);
    expect(d.beats.reduce((a, b) => a + b.count, 0) + d.total.outsideBeats!.count).toBe(d.total.count);
    expect(d.total.outsideTerritory).toBeNull();
    expect(d.total.areaSource).toBe('beats');
    const part: Polygon = { type: 'Polygon', coordinates: [[[GRID.lon0, GRID.lat0], [GRID.lon0 + 3 * GRID.dLon, GRID.lat0], [GRID.lon0 + 3 * GRID.dLon, GRID.lat0 + 3 * GRID.dLat], [GRID.lon0, GRID.lat0 + 3 * GRID.dLat], [GRID.lon0, GRID.lat0]]] };
    setTerritory(db, [{ name: 'teren', source: 'drawn', geometry: part }]);
    d = buildBriefingData(db, file, req);
    expect(d.total.count).toBe(count('AND outside_territory = 0'));
    expect(d.total.outsideTerritory!.count).toBe(count('AND outside_territory = 1'));
    expect(d.total.outsideBeats!.count).toBe(count('AND outside_territory = 0 AND district_id IS NULL'));
    expect(d.total.areaKm2).toBeCloseTo(areaM2(part) / 1e6, 6);
    expect(d.total.areaSource).toBe('territory');
    // selected beats: their own reports and area, no whole-command lines
    const ids = [d.beats[0].id, d.beats[1].id];
    const sel = buildBriefingData(db, file, { ...req, districtIds: ids });
    expect(sel.total.count).toBe(count(`AND outside_territory = 0 AND district_id IN (${ids.join(',')})`));
    expect(sel.total.outsideBeats).toBeNull();
    expect(sel.total.areaSource).toBe('selected-beats');
    db.close();
  });
});

describe('import: reports outside the territory', () => {
  it('are kept and flagged (default) or quarantined with a reason, as the user chooses; the summary says which', async () => {
    const rows = [
      ...Array.from({ length: 8 }, (_, i) => ({ id: `IN-${i}`, category: 'Akty wandalizmu', status: 'Nowe', created: '01.03.2025 10:00', lon: 19.69 + i * 0.003, lat: 51.40 + i * 0.002, teryt: '1062011' })),
      { id: 'OUT-1', category: 'Akty wandalizmu', status: 'Nowe', created: '01.03.2025 10:00', lon: 19.25, lat: 51.75, teryt: '1062011' },
      { id: 'OUT-2', category: 'Akty wandalizmu', status: 'Nowe', created: '01.03.2025 10:00', lon: 20.2, lat: 51.1, teryt: '1062011' },
    ];
    const csv = path.join(t.dir, 'e.csv');
    writeKmzbCsv(csv, rows);
    const make = (name: string) => {
      const ws = path.join(t.dir, name);
      const db = openWorkspace(ws, { create: true });
      setTerritory(db, powiatParts(['powiat Piotrków Trybunalski']));
      db.close();
      return ws;
    };
    const keep = make('keep.sqlite');
    const k = await importFile(keep, { path: csv });
    expect(k).toMatchObject({ inserted: 10, rejected: 0, territory: { action: 'keep', outside: 2, msg: { code: 'territory.import.kept', params: { n: 2 } } } });
    const db = openWorkspace(keep, { readonly: true });
    expect(db.prepare('SELECT source_id FROM reports WHERE outside_territory = 1 ORDER BY source_id').all()).toEqual([{ source_id: 'OUT-1' }, { source_id: 'OUT-2' }]);
    db.close();
    const q = make('quarantine.sqlite');
    const s = await importFile(q, { path: csv, options: { outsideTerritory: 'quarantine' } });
    expect(s).toMatchObject({ inserted: 8, rejected: 2, territory: { action: 'quarantine', outside: 2, msg: { code: 'territory.import.quarantined', params: { n: 2 } } } });
    expect(s.rejections.map((r) => r.reason)).toEqual(['outside-territory', 'outside-territory']);
    const db2 = openWorkspace(q, { readonly: true });
    expect((db2.prepare("SELECT count(*) AS n FROM quarantine WHERE reason LIKE 'outside-territory:%'").get() as { n: number }).n).toBe(2);
    db2.close();
    expect(translate('pl', s.territory!.msg)).toBe('2 zgłoszenia leżą poza terenem komendy: odłożone do kwarantanny.');
  }, 120_000);
});

describe('workspace file', () => {
  it('opening an old territory-less workspace keeps every report inside (flag 0)', () => {
    const file = path.join(t.dir, 'ws.sqlite');
    createWorkspace(file, makeReports({ n: 50 })).close();
    const db = openWorkspace(file, { readonly: true });
    expect((db.prepare('SELECT max(outside_territory) AS m FROM reports').get() as { m: number }).m).toBe(0);
    db.close();
  });
});

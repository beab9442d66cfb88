import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import * as turf from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { DEMO_FROM, DEMO_TO, FIRST_SOURCE_ID, synthesizeDemo } from '../../../../src/backend/demo/synth';
import type { DemoDataset, DemoReport } from '../../../../src/backend/demo/synth';
import { CATEGORIES } from '../../../../src/core/domain/categories';
import { STATUSES, statusGroupOf } from '../../../../src/core/domain/statuses';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { warsawHourWeekday, warsawParts, warsawToUtc } from '../../../../src/core/domain/time';

const DAY = 86_400_000;
let data: DemoDataset;
let coldMs = 0;

beforeAll(() => {
  const t0 = performance.now();
  data = synthesizeDemo();
  coldMs = performance.now() - t0;
});

const byCategory = (name: string): DemoReport[] => data.reports.filter((r) => r.category === name);
const share = (rs: DemoReport[], pred: (r: DemoReport) => boolean) => rs.filter(pred).length / rs.length;
const hourHistogram = (rs: DemoReport[]) => {
  const h = new Array<number>(24).fill(0);
  for (const r of rs) h[warsawHourWeekday(r.createdAt)[0]]++;
  return h;
};
const argmax = (v: number[]) => v.indexOf(Math.max(...v));
const distM = (lon1: number, lat1: number, lon2: number, lat2: number) => {
  const [x1, y1] = toPuwg92(lon1, lat1);
  const [x2, y2] = toPuwg92(lon2, lat2);
  return Math.hypot(x1 - x2, y1 - y2);
};

describe('synthesizeDemo: determinism and size', () => {
  it('is byte-identical for the same seed and differs for another seed', () => {
    const a = JSON.stringify(data);
    expect(JSON.stringify(synthesizeDemo({ seed: 1 }))).toBe(a);
    const other = synthesizeDemo({ seed: 2 });
    expect(JSON.stringify(other.reports)).not.toBe(JSON.stringify(data.reports));
    expect(JSON.stringify(other.districts)).toBe(JSON.stringify(data.districts));
  });

  it('accepts the boundaries as a parameter (same result as the bundled default)', () => {
    const fc = JSON.parse(fs.readFileSync(new URL('../../../../resources/boundaries/powiaty-min.geojson', import.meta.url), 'utf8')) as FeatureCollection;
    expect(JSON.stringify(synthesizeDemo({ seed: 1, reports: 300, boundaries: fc }))).toBe(JSON.stringify(synthesizeDemo({ seed: 1, reports: 300 })));
  });

  it('produces ~5,000 reports by default and the requested number otherwise, fast', () => {
    expect(data.seed).toBe(1);
    expect(data.reports.length).toBe(5000);
    expect(synthesizeDemo({ seed: 7, reports: 1234 }).reports.length).toBe(1234);
    // ~0.4 s cold (incl. the one-off beat geometry) and ~0.15 s warm on an idle 2-core machine; the cold
    // bound is loose because test files run in parallel on shared CI machines.
    expect(coldMs).toBeLessThan(6000);
    const t0 = performance.now();
    synthesizeDemo({ seed: 3 });
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('covers two years from 2024-11-01 to 2026-11-01 Warsaw time', () => {
    expect(data.from).toBe(warsawToUtc(2024, 11, 1));
    expect(data.to).toBe(warsawToUtc(2026, 11, 1));
    expect(DEMO_FROM).toBe(data.from);
    expect(DEMO_TO).toBe(data.to);
    for (const r of data.reports) {
      expect(r.createdAt).toBeGreaterThanOrEqual(data.from);
      expect(r.createdAt).toBeLessThan(data.to);
      expect(r.modifiedAt).toBeLessThanOrEqual(data.to + 21 * DAY);
    }
    // Both years are populated roughly equally.
    const year2 = share(data.reports, (r) => r.createdAt >= warsawToUtc(2025, 11, 1));
    expect(year2).toBeGreaterThan(0.45);
    expect(year2).toBeLessThan(0.6);
  });
});

describe('synthesizeDemo: categories and statuses', () => {
  it('uses all 24 categories with their exact names', () => {
    const names = new Set(data.reports.map((r) => r.category));
    expect(names.size).toBe(24);
    for (const c of CATEGORIES) expect(names.has(c.name)).toBe(true);
  });

  it('has speeding, parking and drinking as the top 3 with 60-70% of all reports', () => {
    const counts = new Map<string, number>();
    for (const r of data.reports) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
    expect(top.map(([n]) => n).sort()).toEqual(
      ['Nieprawidłowe parkowanie', 'Przekraczanie dozwolonej prędkości', 'Spożywanie alkoholu w miejscach niedozwolonych'].sort(),
    );
    const s = top.reduce((a, [, n]) => a + n, 0) / data.reports.length;
    expect(s).toBeGreaterThanOrEqual(0.6);
    expect(s).toBeLessThanOrEqual(0.7);
  });

  it('uses all 7 statuses with plausible shares', () => {
    const names = new Set(data.reports.map((r) => r.status));
    for (const s of STATUSES) expect(names.has(s.name)).toBe(true);
    expect(names.size).toBe(7);
    const confirmed = share(data.reports, (r) => statusGroupOf(r.status) === 'confirmed');
    const notConfirmed = share(data.reports, (r) => r.status === 'Niepotwierdzone');
    const joke = share(data.reports, (r) => r.status === 'Żart lub pomyłka');
    const open = share(data.reports, (r) => statusGroupOf(r.status) === 'open');
    expect(confirmed).toBeGreaterThan(0.45);
    expect(confirmed).toBeLessThan(0.58);
    expect(notConfirmed).toBeGreaterThan(0.3);
    expect(notConfirmed).toBeLessThan(0.42);
    expect(joke).toBeGreaterThan(0.025);
    expect(joke).toBeLessThan(0.055);
    expect(open).toBeLessThan(0.12);
    // Referrals outside the Police are typical for infrastructure and dumps, rare for speeding.
    const referred = (cat: string) => share(byCategory(cat), (r) => r.status === 'Potwierdzone (przekazane poza Policję)');
    expect(referred('Dzikie wysypiska śmieci')).toBeGreaterThan(0.3);
    expect(referred('Niewłaściwa infrastruktura drogowa')).toBeGreaterThan(0.3);
    expect(referred('Przekraczanie dozwolonej prędkości')).toBeLessThan(0.05);
  });

  it('keeps the newest reports open and the old ones mostly final', () => {
    const recent = data.reports.filter((r) => r.createdAt >= data.to - 14 * DAY);
    const old = data.reports.filter((r) => r.createdAt < data.to - 90 * DAY);
    expect(recent.length).toBeGreaterThan(50);
    expect(share(recent, (r) => statusGroupOf(r.status) === 'open')).toBeGreaterThan(0.6);
    expect(share(old, (r) => statusGroupOf(r.status) === 'open')).toBeLessThan(0.08);
    expect(data.reports.filter((r) => r.status === 'Nowe').every((r) => r.createdAt > data.to - 14 * DAY)).toBe(true);
  });

  it('has complete, ordered histories following the KMZB flow', () => {
    const allowed: Record<string, string[]> = {
      Nowe: ['Weryfikacja'],
      Weryfikacja: ['Potwierdzone', 'Niepotwierdzone', 'Żart lub pomyłka'],
      Potwierdzone: ['Potwierdzone (wyeliminowane)', 'Potwierdzone (przekazane poza Policję)'],
    };
    for (const r of data.reports) {
      const h = r.history;
      expect(h[0]).toEqual({ status: 'Nowe', changedAt: r.createdAt });
      expect(h[h.length - 1]).toEqual({ status: r.status, changedAt: r.modifiedAt });
      for (let i = 1; i < h.length; i++) {
        expect(h[i].changedAt).toBeGreaterThan(h[i - 1].changedAt);
        expect(allowed[h[i - 1].status]).toContain(h[i].status);
      }
      expect(r.modifiedAt).toBeLessThanOrEqual(data.to);
    }
    // Verification normally within 3 days; the final status days to weeks later.
    const verif = data.reports.filter((r) => r.history.length > 1).map((r) => r.history[1].changedAt - r.createdAt);
    expect(verif.filter((d) => d <= 3 * DAY).length / verif.length).toBeGreaterThan(0.85);
    const finals = data.reports.filter((r) => r.history.length > 2).map((r) => (r.history[2].changedAt - r.history[1].changedAt) / DAY).sort((a, b) => a - b);
    const median = finals[Math.floor(finals.length / 2)];
    expect(median).toBeGreaterThan(3);
    expect(median).toBeLessThan(21);
  });
});

describe('synthesizeDemo: fields', () => {
  // Issue 12 changed the id FORMAT (the point of this test): synthetic ids carry the DEMO- prefix so they can never be
  // taken for, or collide with, KMZB numbers; the number after it keeps the KMZB-like properties checked here.
  it('has unique source ids "DEMO-nnnnnn", increasing with creation time, not contiguous', () => {
    for (const r of data.reports) expect(r.sourceId).toMatch(/^DEMO-\d{6,}$/);
    const ids = data.reports.map((r) => Number(r.sourceId.slice('DEMO-'.length)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(FIRST_SOURCE_ID);
    for (let i = 1; i < ids.length; i++) {
      expect(ids[i]).toBeGreaterThan(ids[i - 1]);
      expect(data.reports[i].createdAt).toBeGreaterThanOrEqual(data.reports[i - 1].createdAt);
    }
    expect(ids[ids.length - 1] - ids[0]).toBeGreaterThan(ids.length * 10);
  });

  it('fills TERYT per commune with ~10% empty and eventAt for ~40%', () => {
    const kinds = new Map(data.districts.map((d) => [d.name, d.kind]));
    for (const r of data.reports) {
      if (r.teryt === null) continue;
      if (kinds.get(r.beat) === 'city') expect(r.teryt).toBe('1062011');
      else expect(r.teryt).toMatch(/^1010(0[1-9]|1[01])[23]$/);
    }
    const empty = share(data.reports, (r) => r.teryt === null);
    expect(empty).toBeGreaterThan(0.07);
    expect(empty).toBeLessThan(0.13);
    expect(new Set(data.reports.map((r) => r.teryt).filter((t) => t && t.startsWith('1010'))).size).toBe(11);
    const withEvent = data.reports.filter((r) => r.eventAt !== null);
    expect(withEvent.length / data.reports.length).toBeGreaterThan(0.33);
    expect(withEvent.length / data.reports.length).toBeLessThan(0.47);
    for (const r of withEvent) {
      expect(r.eventAt!).toBeLessThan(r.createdAt);
      expect(r.createdAt - r.eventAt!).toBeLessThan(7 * DAY);
    }
  });

  it('writes Polish descriptions with quotes, semicolons and line breaks (≤ 500 chars)', () => {
    const d = data.reports.map((r) => r.description);
    expect(d.every((t) => t.length > 10 && t.length <= 500)).toBe(true);
    expect(d.filter((t) => /[ąćęłńóśźż]/i.test(t)).length).toBeGreaterThan(d.length * 0.8);
    expect(d.some((t) => t.includes('"'))).toBe(true);
    expect(d.some((t) => t.includes(';'))).toBe(true);
    expect(d.some((t) => t.includes('\n'))).toBe(true);
    expect(d.some((t) => /\{|\}/.test(t))).toBe(false);
  });
});

describe('synthesizeDemo: geography', () => {
  it('has ~12 city beats and 6-8 rural station areas with units and officers', () => {
    const city = data.districts.filter((d) => d.kind === 'city');
    const rural = data.districts.filter((d) => d.kind === 'rural');
    expect(city.length).toBeGreaterThanOrEqual(10);
    expect(city.length).toBeLessThanOrEqual(14);
    expect(rural.length).toBeGreaterThanOrEqual(6);
    expect(rural.length).toBeLessThanOrEqual(8);
    expect(new Set(data.districts.map((d) => d.name)).size).toBe(data.districts.length);
    for (const d of city) expect(d.unit).toBe('KMP Piotrków Trybunalski – Wydział Prewencji');
    for (const d of data.districts) expect(d.officer).toMatch(/^(mł\. |st\. )?(asp|sierż)\.( sztab\.)? [A-ZŁŚŻ]/);
    const gminy = rural.flatMap((d) => d.gminy ?? []);
    expect(gminy.sort()).toEqual(['Aleksandrów', 'Czarnocin', 'Gorzkowice', 'Grabica', 'Łęki Szlacheckie', 'Moszczenica', 'Ręczno', 'Rozprza', 'Sulejów', 'Wola Krzysztoporska', 'Wolbórz'].sort());
  });

  it('tiles the city and the powiat without gaps or overlaps', () => {
    const fc = JSON.parse(fs.readFileSync(new URL('../../../../resources/boundaries/powiaty-min.geojson', import.meta.url), 'utf8')) as FeatureCollection;
    const area = (name: string) => turf.area(fc.features.find((f) => (f.properties as { nazwa: string }).nazwa === name)!);
    const cityArea = area('powiat Piotrków Trybunalski');
    const powiatArea = area('powiat piotrkowski');
    const ds = data.districts;
    for (let i = 0; i < ds.length; i++) {
      for (let j = i + 1; j < ds.length; j++) {
        const x = turf.intersect(turf.featureCollection([turf.feature(ds[i].geometry), turf.feature(ds[j].geometry)]));
        expect(x ? turf.area(x) : 0, `${ds[i].name} × ${ds[j].name}`).toBeLessThan(1);
      }
    }
    const sum = ds.reduce((a, d) => a + turf.area(d.geometry), 0);
    const union = turf.union(turf.featureCollection(ds.map((d) => turf.feature(d.geometry))))!;
    expect(Math.abs(turf.area(union) - sum) / sum).toBeLessThan(0.001);
    expect(Math.abs(sum - (cityArea + powiatArea)) / sum).toBeLessThan(0.001);
    const citySum = ds.filter((d) => d.kind === 'city').reduce((a, d) => a + turf.area(d.geometry), 0);
    expect(Math.abs(citySum - cityArea) / cityArea).toBeLessThan(0.001);
    // The union has no holes left (the city hole of the powiat is filled by the beats).
    const g = union.geometry;
    expect(g.type).toBe('Polygon');
    expect(g.type === 'Polygon' ? g.coordinates.length : -1).toBe(1);
  });

  it('puts every report inside exactly one district, the one named in its beat', () => {
    const ds = data.districts;
    for (const r of data.reports) {
      const inside = ds.filter((d) => turf.booleanPointInPolygon([r.lon, r.lat], d.geometry));
      expect(inside.map((d) => d.name)).toEqual([r.beat]);
      expect(inside[0].unit).toBe(r.unit);
      expect(inside[0].officer).toBe(r.officer);
    }
    const cityShare = share(data.reports, (r) => ds.find((d) => d.name === r.beat)!.kind === 'city');
    expect(cityShare).toBeGreaterThan(0.62);
    expect(cityShare).toBeLessThan(0.78);
  });

  it('has named places inside the area and the market square at the DOMAIN check point', () => {
    const city = data.districts.filter((d) => d.kind === 'city');
    const rynek = data.places.find((p) => p.name === 'Rynek Trybunalski')!;
    const [e, n] = toPuwg92(rynek.lon, rynek.lat);
    expect(Math.abs(e - 548883)).toBeLessThan(50);
    expect(Math.abs(n - 393423)).toBeLessThan(50);
    for (const name of ['Zamek Królewski', 'Podzamcze', 'ul. Wojska Polskiego', 'Dworzec PKP', 'Park Poniatowskiego', 'Zalew Bugaj', 'Las Lasockiego', 'Osiedle Wyzwolenia']) {
      const p = data.places.find((x) => x.name === name);
      expect(p, name).toBeDefined();
      expect(city.some((d) => turf.booleanPointInPolygon([p!.lon, p!.lat], d.geometry)), name).toBe(true);
    }
    for (const p of data.places) expect(data.districts.some((d) => turf.booleanPointInPolygon([p.lon, p.lat], d.geometry)), p.name).toBe(true);
    expect(data.places.filter((p) => p.kind === 'village').length).toBeGreaterThanOrEqual(11);
    expect(data.roads.map((r) => r.ref).filter(Boolean)).toEqual(expect.arrayContaining(['A1', 'S8', 'DK12', 'DK74', 'DK91']));
  });

  it('samples road categories along roads and public-order ones at hotspots', () => {
    const roadLines = data.roads.map((r) => turf.lineString(r.coordinates));
    const nearRoad = (r: DemoReport, m: number) => roadLines.some((l) => turf.pointToLineDistance([r.lon, r.lat], l, { units: 'meters' }) < m);
    const speeding = byCategory('Przekraczanie dozwolonej prędkości');
    expect(share(speeding, (r) => nearRoad(r, 100))).toBeGreaterThan(0.6);
    const rynek = data.places.find((p) => p.name === 'Rynek Trybunalski')!;
    const drinking = byCategory('Spożywanie alkoholu w miejscach niedozwolonych');
    expect(share(drinking, (r) => distM(r.lon, r.lat, rynek.lon, rynek.lat) < 400)).toBeGreaterThan(0.1);
  });
});

describe('synthesizeDemo: time profiles and trends', () => {
  it('drinking peaks in the evening and on Friday/Saturday', () => {
    const drinking = byCategory('Spożywanie alkoholu w miejscach niedozwolonych');
    const h = hourHistogram(drinking);
    expect(argmax(h)).toBeGreaterThanOrEqual(18);
    expect(argmax(h)).toBeLessThanOrEqual(23);
    const evening = h.slice(18, 24).reduce((a, b) => a + b, 0);
    const morning = h.slice(6, 12).reduce((a, b) => a + b, 0);
    expect(evening).toBeGreaterThan(3 * morning);
    const wd = new Array<number>(7).fill(0);
    for (const r of drinking) wd[warsawHourWeekday(r.createdAt)[1]]++;
    expect(wd[4] + wd[5]).toBeGreaterThan(1.6 * (wd[0] + wd[1]));
  });

  it('parking is a daytime problem, youth groups gather 16-22, speeding has commute peaks', () => {
    const parking = hourHistogram(byCategory('Nieprawidłowe parkowanie'));
    expect(argmax(parking)).toBeGreaterThanOrEqual(8);
    expect(argmax(parking)).toBeLessThanOrEqual(17);
    const youth = hourHistogram(byCategory('Grupowanie się małoletnich zagrożonych demoralizacją'));
    expect(youth.slice(16, 23).reduce((a, b) => a + b, 0) / youth.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.5);
    const speed = hourHistogram(byCategory('Przekraczanie dozwolonej prędkości'));
    expect(speed[7] + speed[8]).toBeGreaterThan(speed[3] + speed[4] + speed[11]);
  });

  it('grass burning is a March-April problem and water places a summer one', () => {
    const month = (r: DemoReport) => warsawParts(r.createdAt).month;
    expect(share(byCategory('Wypalanie traw'), (r) => month(r) === 3 || month(r) === 4)).toBeGreaterThan(0.5);
    expect(share(byCategory('Miejsca niebezpieczne na wodach'), (r) => month(r) >= 6 && month(r) <= 8)).toBeGreaterThan(0.5);
    expect(share(byCategory('Osoba bezdomna wymagająca pomocy'), (r) => [11, 12, 1, 2].includes(month(r)))).toBeGreaterThan(0.5);
  });

  it('has an emerging hotspot (skatepark, second year only) and a worsening one (Park Poniatowskiego)', () => {
    const skate = data.places.find((p) => p.name === 'Skatepark na os. Wierzeje')!;
    const year2 = warsawToUtc(2025, 11, 1);
    const near = data.reports.filter((r) => distM(r.lon, r.lat, skate.lon, skate.lat) < 120);
    const y1 = near.filter((r) => r.createdAt < year2).length;
    const y2 = near.length - y1;
    expect(y2).toBeGreaterThan(20);
    expect(y2).toBeGreaterThan(4 * Math.max(1, y1));

    const park = data.places.find((p) => p.name === 'Park Poniatowskiego')!;
    const drink = byCategory('Spożywanie alkoholu w miejscach niedozwolonych').filter((r) => distM(r.lon, r.lat, park.lon, park.lat) < 250);
    const last = drink.filter((r) => r.createdAt >= warsawToUtc(2026, 5, 1)).length;
    const yearBefore = drink.filter((r) => r.createdAt >= warsawToUtc(2025, 5, 1) && r.createdAt < warsawToUtc(2025, 11, 1)).length;
    expect(last).toBeGreaterThan(1.5 * yearBefore);
  });
});

/**
 * A command with a city, villages and PLANTED micro-places, for the place-scale hotspot tests (issue 13).
 *
 * Background: the seed-1 demo (KMP Piotrków Trybunalski: 12 city beats, 7 rural station areas, ~5,000 reports
 * over two years along roads, around estates, schools, stations and village seats). `blurM` > 0 moves every
 * background report by a Gaussian of that standard deviation: the city stays dense, villages and roads stay,
 * but the demo's own sharp anchors (σ 80–130 m) are smoothed away, so the planted places are the only
 * micro-places. Planted: reports spread uniformly in a 50 m disc around each place and uniformly over the
 * period (or the given window), in the city and in villages.
 */
import { synthesizeDemo, type DemoDataset, type DemoReport } from '../../src/backend/demo/synth';
import { writeDemo } from '../../src/backend/demo/writeDemo';
import { openWorkspace } from '../../src/backend/store/workspace';
import { mulberry32 } from '../../src/core/analysis/random';
import { buildDistrictIndex, locate } from '../../src/core/districts';
import { fromPuwg92, toPuwg92 } from '../../src/core/domain/crs';

export interface Planted {
  name: string;
  lon: number;
  lat: number;
  reports: number;
  region: 'city' | 'rural';
}

/** Four micro-places: two in the city (one 350 m from the market square), two by villages. */
export const PLANTED: Planted[] = [
  { name: 'city-centre', lon: 19.7085, lat: 51.4085, reports: 15, region: 'city' },
  { name: 'city-estate', lon: 19.6755, lat: 51.4195, reports: 22, region: 'city' },
  { name: 'village-srock', lon: 19.779, lat: 51.472, reports: 30, region: 'rural' },
  { name: 'village-grabica', lon: 19.536, lat: 51.478, reports: 40, region: 'rural' },
];

export interface PlantedOptions {
  blurM?: number;
  seed?: number;
  /** Keep only background reports in [from, to) and plant within it (default: the whole demo period). */
  from?: number;
  to?: number;
  planted?: Planted[];
}

export function plantedDataset(opts: PlantedOptions = {}): DemoDataset {
  const demo = synthesizeDemo({ seed: 1 });
  const rng = mulberry32(opts.seed ?? 11);
  const gauss = () => {
    let u = 0;
    while (u === 0) u = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  };
  const index = buildDistrictIndex(demo.districts.map((d, i) => ({ id: i + 1, geometry: d.geometry })));
  const beatOf = (lon: number, lat: number) => {
    const id = locate(index, lon, lat);
    return id > 0 ? demo.districts[id - 1] : null;
  };
  const from = opts.from ?? demo.from, to = opts.to ?? demo.to;
  const blur = opts.blurM ?? 0;
  const reports: DemoReport[] = [];
  for (const r of demo.reports) {
    if (r.createdAt < from || r.createdAt >= to) continue;
    if (blur <= 0) { reports.push(r); continue; }
    const [x, y] = toPuwg92(r.lon, r.lat);
    const [lon, lat] = fromPuwg92(x + blur * gauss(), y + blur * gauss());
    const beat = beatOf(lon, lat);
    reports.push({ ...r, lon, lat, beat: beat?.name ?? '', unit: beat?.unit ?? r.unit, officer: beat?.officer ?? r.officer });
  }
  let id = 9_000_000;
  for (const p of opts.planted ?? PLANTED) {
    const [px, py] = toPuwg92(p.lon, p.lat);
    const beat = beatOf(p.lon, p.lat);
    for (let k = 0; k < p.reports; k++) {
      const a = rng() * 2 * Math.PI, rr = 50 * Math.sqrt(rng());
      const [lon, lat] = fromPuwg92(px + rr * Math.cos(a), py + rr * Math.sin(a));
      const createdAt = Math.floor(from + rng() * (to - from - 60_000));
      reports.push({
        sourceId: String(id++), category: 'Spożywanie alkoholu w miejscach niedozwolonych', status: 'Potwierdzone', createdAt, eventAt: null,
        modifiedAt: createdAt + 86_400_000, lon, lat, teryt: null, description: 'planted', unit: beat?.unit ?? '', beat: beat?.name ?? '', officer: beat?.officer ?? '',
        history: [{ status: 'Nowe', changedAt: createdAt }, { status: 'Potwierdzone', changedAt: createdAt + 86_400_000 }],
      });
    }
  }
  reports.sort((a, b) => a.createdAt - b.createdAt);
  return { ...demo, reports };
}

/** Write the planted dataset into a new workspace file. */
export function plantedWorkspace(file: string, opts: PlantedOptions = {}): string {
  const db = openWorkspace(file, { create: true });
  try {
    writeDemo(db, plantedDataset(opts));
  } finally {
    db.close();
  }
  return file;
}

/** Distance in metres between two WGS84 points (EPSG:2180 planar). */
export function metres(a: [number, number], b: [number, number]): number {
  const [ax, ay] = toPuwg92(a[0], a[1]);
  const [bx, by] = toPuwg92(b[0], b[1]);
  return Math.hypot(ax - bx, ay - by);
}

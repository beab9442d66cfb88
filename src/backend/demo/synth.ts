/**
 * Deterministic synthetic demo dataset for KMP Piotrków Trybunalski (the city + powiat piotrkowski):
 * beat districts and rural station areas tiling the area, named places, main roads, and ~5,000 KMZB-like
 * reports over two years with a local category mix, hotspots, seasonality, hour/weekday profiles and
 * realistic status histories. Same seed => identical output (no clock, no Math.random).
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { readResourceJson } from '../resources';
import { warsawParts, warsawToUtc } from '../../core/domain/time';
import { Cdf, apportion, mulberry32 } from './synth/rng';
import type { Rng } from './synth/rng';
import {
  buildGeography, districtIndexOf, fromPuwg92, gminaOf, metricLine, pointAlong, regionOf, toPuwg92,
} from './synth/geo';
import type { Geography, MetricLine } from './synth/geo';
import { ALL_PLACES, CITY_PLACES, CITY_TERYT, RAILWAY, ROADS } from './synth/places';
import type { Anchor, PlaceKind, Region, RoadSpec } from './synth/places';
import { CATEGORY_MIX } from './synth/sources';
import type { CategorySpec, SourceSpec, Where } from './synth/sources';
import { describe } from './synth/texts';

export interface DemoDistrict {
  name: string;
  kind: 'city' | 'rural';
  unit: string;
  officer: string;
  /** WGS84. */
  geometry: Polygon | MultiPolygon;
  /** Rural station areas: the gminy they serve. */
  gminy?: string[];
}

export interface DemoPlace {
  name: string;
  kind: PlaceKind;
  lon: number;
  lat: number;
}

export interface DemoRoad {
  name: string;
  ref?: string;
  /** WGS84 polyline. */
  coordinates: [number, number][];
}

export interface DemoStatusChange {
  status: string;
  changedAt: number;
}

export interface DemoReport {
  sourceId: string;
  category: string;
  status: string;
  createdAt: number;
  eventAt: number | null;
  modifiedAt: number;
  lon: number;
  lat: number;
  /** 7-digit gmina code; null for the ~10% of reports that carry none (as in real data). */
  teryt: string | null;
  description: string;
  unit: string;
  beat: string;
  officer: string;
  /** Starts with 'Nowe' at createdAt, ends with the current status at modifiedAt. */
  history: DemoStatusChange[];
}

export interface DemoDataset {
  seed: number;
  /** Period start (inclusive), UTC ms: 2024-11-01 00:00 Europe/Warsaw. */
  from: number;
  /** Period end (exclusive), UTC ms: 2026-11-01 00:00 Europe/Warsaw; also the time of the status snapshot. */
  to: number;
  districts: DemoDistrict[];
  places: DemoPlace[];
  roads: DemoRoad[];
  reports: DemoReport[];
}

export interface SynthOptions {
  seed?: number;
  /** Number of reports (default 5,000). */
  reports?: number;
  /** PRG powiaty FeatureCollection; defaults to resources/boundaries/powiaty-min.geojson. */
  boundaries?: FeatureCollection;
}

export const DEMO_FROM = warsawToUtc(2024, 11, 1);
export const DEMO_TO = warsawToUtc(2026, 11, 1);
/**
 * Source ids of synthetic reports: the prefix makes them unmistakable and keeps them from ever colliding with a
 * KMZB number (digits only); the number after it increases with creation time and is not contiguous, like KMZB's.
 */
export const DEMO_ID_PREFIX = 'DEMO-';
/** Number of the first synthetic report. */
export const FIRST_SOURCE_ID = 1;

/** "DEMO-000123" for 123 (at least six digits). */
export function demoSourceId(n: number): string {
  return `${DEMO_ID_PREFIX}${String(n).padStart(6, '0')}`;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

const geographyCache = new WeakMap<FeatureCollection, Geography>();

export function loadDemoBoundaries(): FeatureCollection {
  return readResourceJson<FeatureCollection>('boundaries', 'powiaty-min.geojson');
}

export function demoGeography(boundaries: FeatureCollection = loadDemoBoundaries()): Geography {
  let g = geographyCache.get(boundaries);
  if (!g) {
    g = buildGeography(boundaries);
    geographyCache.set(boundaries, g);
  }
  return g;
}

interface Day {
  y: number;
  m: number;
  d: number;
  weekday: number;
}

function periodDays(): Day[] {
  const days: Day[] = [];
  for (let i = 0; ; i++) {
    const dt = new Date(Date.UTC(2024, 10, 1 + i));
    if (dt.getUTCFullYear() === 2026 && dt.getUTCMonth() === 10) break;
    days.push({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate(), weekday: (dt.getUTCDay() + 6) % 7 });
  }
  return days;
}

function dayIndex(days: Day[], y: number, m: number, d: number): number {
  return days.findIndex((x) => x.y === y && x.m === m && x.d === d);
}

interface PreparedSource {
  spec: SourceSpec;
  cat: CategorySpec;
  days: Cdf;
  hours: Cdf;
}

interface Located {
  lon: number;
  lat: number;
  at: string;
  district: number;
  region: Region;
  /** On a motorway/expressway. */
  express: boolean;
}

class Sampler {
  private readonly places = new Map<string, Anchor>();
  private readonly roadLines: { spec: RoadSpec; line: MetricLine }[];
  private readonly rail: MetricLine;

  constructor(private readonly geo: Geography, private readonly rng: Rng) {
    for (const p of ALL_PLACES) this.places.set(p.name, p);
    this.roadLines = ROADS.map((spec) => ({ spec, line: metricLine(spec.coordinates) }));
    this.rail = metricLine(RAILWAY);
  }

  private anchorsFor(where: { kind: PlaceKind | PlaceKind[]; region?: Region }): Anchor[] {
    const kinds = Array.isArray(where.kind) ? where.kind : [where.kind];
    const list = ALL_PLACES.filter((p) => kinds.includes(p.kind) && (!where.region || p.region === where.region));
    if (list.length === 0) throw new Error(`no places of kind ${kinds.join('/')}`);
    return list;
  }

  private jitter(lon: number, lat: number, sigma: number): [number, number] {
    const [x, y] = toPuwg92(lon, lat);
    return fromPuwg92(x + this.rng.normal() * sigma, y + this.rng.normal() * sigma);
  }

  private nearestCityPlace(lon: number, lat: number): Anchor {
    let best = CITY_PLACES[0];
    let bestD = Infinity;
    const k = Math.cos((lat * Math.PI) / 180);
    for (const p of CITY_PLACES) {
      const d = ((p.lon - lon) * k) ** 2 + (p.lat - lat) ** 2;
      if (d < bestD) { bestD = d; best = p; }
    }
    return best;
  }

  private areaPhrase(lon: number, lat: number, region: Region): string {
    if (region === 'city') return this.nearestCityPlace(lon, lat).at;
    const g = gminaOf(this.geo, lon, lat);
    return g ? `w gminie ${g.name}` : 'na terenie powiatu piotrkowskiego';
  }

  private uniformIn(region: Region): [number, number] {
    const b = region === 'city' ? this.geo.cityBbox : this.geo.powiatBbox;
    return [this.rng.uniform(b[0], b[2]), this.rng.uniform(b[1], b[3])];
  }

  /** One candidate point for a sampler spec (not yet checked against the area). */
  private candidate(where: Where): { lon: number; lat: number; at?: string; region?: Region; express?: boolean } {
    const rng = this.rng;
    if ('place' in where) {
      const p = this.places.get(where.place);
      if (!p) throw new Error(`unknown place ${where.place}`);
      const [lon, lat] = this.jitter(p.lon, p.lat, where.sigma);
      return { lon, lat, at: p.at, region: p.region };
    }
    if ('kind' in where) {
      const p = rng.pick(this.anchorsFor(where));
      const [lon, lat] = this.jitter(p.lon, p.lat, where.sigma);
      return { lon, lat, at: p.at, region: p.region };
    }
    if ('roads' in where || 'roadKinds' in where) {
      const lines = 'roads' in where
        ? this.roadLines.filter((r) => where.roads.includes(r.spec.ref ?? '') || where.roads.includes(r.spec.name))
        : this.roadLines.filter((r) => where.roadKinds.includes(r.spec.kind));
      if (lines.length === 0) throw new Error('no roads match a sampler');
      const r = lines[rng.weighted(lines.map((l) => l.line.length))];
      const [x, y] = pointAlong(r.line, rng.uniform(0, r.line.length));
      const s = where.sigma ?? 15;
      const [lon, lat] = fromPuwg92(x + rng.normal() * s, y + rng.normal() * s);
      return { lon, lat, at: r.spec.at, region: where.region, express: r.spec.kind === 'express' };
    }
    if ('rail' in where) {
      const [x, y] = pointAlong(this.rail, rng.uniform(0, this.rail.length));
      const s = where.sigma ?? 15;
      const [lon, lat] = fromPuwg92(x + rng.normal() * s, y + rng.normal() * s);
      return { lon, lat, region: where.region };
    }
    const [lon, lat] = this.uniformIn(where.area);
    return { lon, lat, region: where.area };
  }

  /** A point inside exactly one district (and inside the wanted region), with its description phrase. */
  locate(where: Where): Located {
    for (let attempt = 0; attempt < 500; attempt++) {
      const c = this.candidate(where);
      const region = regionOf(this.geo, c.lon, c.lat);
      if (!region || (c.region && region !== c.region)) continue;
      const district = districtIndexOf(this.geo, c.lon, c.lat);
      if (district < 0) continue;
      return { lon: c.lon, lat: c.lat, at: c.at ?? this.areaPhrase(c.lon, c.lat, region), district, region, express: c.express ?? false };
    }
    throw new Error(`could not place a point for ${JSON.stringify(where)}`);
  }
}

/** Move a status-change time into working hours (07:00-20:00 Warsaw), mostly on working days; never backwards. */
function officeTime(t: number, rng: Rng): number {
  let p = warsawParts(t);
  let out = t;
  if (p.hour < 7) out = warsawToUtc(p.year, p.month, p.day, 7, rng.int(0, 89), rng.int(0, 59));
  else if (p.hour >= 20) out = warsawToUtc(p.year, p.month, p.day + 1, 7, rng.int(0, 89), rng.int(0, 59));
  p = warsawParts(out);
  if (p.weekday >= 5 && rng.chance(0.7)) {
    out = warsawToUtc(p.year, p.month, p.day + (7 - p.weekday), 7, rng.int(0, 180), rng.int(0, 59));
  }
  return Math.max(out, t);
}

function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

/** Status history following the KMZB flow, cut at the snapshot time. */
function statusHistory(createdAt: number, cat: CategorySpec, snapshot: number, rng: Rng): DemoStatusChange[] {
  const hist: DemoStatusChange[] = [{ status: 'Nowe', changedAt: createdAt }];
  let t = createdAt;
  const step = (status: string, at: number): boolean => {
    const next = Math.max(at, t + 60_000);
    if (next >= snapshot) return false;
    t = next;
    hist.push({ status, changedAt: t });
    return true;
  };
  // The coordinator takes the report into verification, normally within 3 days.
  const u = rng.next();
  const dv = u < 0.6 ? rng.uniform(0.3, 20) * HOUR : u < 0.93 ? rng.uniform(20, 72) * HOUR : rng.uniform(3, 8) * DAY;
  if (!step('Weryfikacja', officeTime(createdAt + dv, rng))) return hist;
  // A few stay in verification (backlog, waiting for another institution).
  if (rng.chance(0.045)) return hist;
  const df = Math.max(3 * HOUR, logNormal(rng, 8 * DAY, 0.75));
  const r = rng.next();
  if (r < cat.joke) {
    step('Żart lub pomyłka', officeTime(t + df * 0.5, rng));
    return hist;
  }
  if (r >= cat.joke + cat.confirm) {
    step('Niepotwierdzone', officeTime(t + df, rng));
    return hist;
  }
  if (!step('Potwierdzone', officeTime(t + df, rng))) return hist;
  if (rng.chance(cat.transfer)) {
    step('Potwierdzone (przekazane poza Policję)', officeTime(t + rng.uniform(0.5, 6) * DAY, rng));
  } else if (rng.chance(cat.eliminate)) {
    step('Potwierdzone (wyeliminowane)', officeTime(t + Math.max(2 * DAY, logNormal(rng, 21 * DAY, 0.6)), rng));
  }
  return hist;
}

function eventTime(createdAt: number, rng: Rng): number | null {
  if (!rng.chance(0.4)) return null;
  const u = rng.next();
  const delay = u < 0.55 ? rng.uniform(5 / 60, 3) * HOUR : u < 0.85 ? rng.uniform(3, 36) * HOUR : rng.uniform(1.5, 6) * DAY;
  return Math.floor((createdAt - delay) / 60_000) * 60_000;
}

export function synthesizeDemo(options: SynthOptions = {}): DemoDataset {
  const seed = options.seed ?? 1;
  const total = Math.max(0, Math.round(options.reports ?? 5000));
  const geo = demoGeography(options.boundaries ?? loadDemoBoundaries());
  const rng = mulberry32(seed);
  const days = periodDays();
  const secondYear = dayIndex(days, 2025, 11, 1);
  const riseStart = dayIndex(days, 2026, 5, 1);
  const snapshot = DEMO_TO;

  const prepared: PreparedSource[][] = CATEGORY_MIX.map((cat) =>
    cat.sources.map((spec) => {
      const month = spec.month ?? cat.month;
      const weekday = spec.weekday ?? cat.weekday;
      const w = days.map((day, i) => {
        if (spec.secondYearOnly && i < secondYear) return 0;
        let v = month[day.m - 1] * weekday[day.weekday];
        if (spec.rise && i >= riseStart) v *= 1 + ((spec.rise - 1) * (i - riseStart + 1)) / (days.length - riseStart);
        return v;
      });
      return { spec, cat, days: new Cdf(w), hours: new Cdf(spec.hour ?? cat.hour) };
    }),
  );

  const sampler = new Sampler(geo, rng);
  const catCounts = apportion(total, CATEGORY_MIX.map((c) => c.share));
  const drafts: (Omit<DemoReport, 'sourceId'> & { order: number })[] = [];
  CATEGORY_MIX.forEach((cat, ci) => {
    const srcCounts = apportion(catCounts[ci], cat.sources.map((s) => s.w));
    prepared[ci].forEach((src, si) => {
      for (let k = 0; k < srcCounts[si]; k++) {
        const day = days[src.days.sample(rng)];
        const hour = src.hours.sample(rng);
        const createdAt = warsawToUtc(day.y, day.m, day.d, hour, rng.int(0, 59), rng.int(0, 59));
        const loc = sampler.locate(src.spec.where);
        const district = geo.districts[loc.district];
        const history = statusHistory(createdAt, cat, snapshot, rng);
        const last = history[history.length - 1];
        let teryt: string | null = loc.region === 'city' ? CITY_TERYT : (gminaOf(geo, loc.lon, loc.lat)?.teryt ?? null);
        if (rng.chance(0.1)) teryt = null;
        drafts.push({
          order: drafts.length,
          category: cat.category,
          status: last.status,
          createdAt,
          eventAt: eventTime(createdAt, rng),
          modifiedAt: last.changedAt,
          lon: round7(loc.lon),
          lat: round7(loc.lat),
          teryt,
          description: describe(cat.category, loc.at, warsawParts(createdAt).hour, rng, loc.express),
          unit: district.unit,
          beat: district.name,
          officer: district.officer,
          history,
        });
      }
    });
  });
  drafts.sort((a, b) => a.createdAt - b.createdAt || a.order - b.order);
  let id = FIRST_SOURCE_ID;
  const reports: DemoReport[] = drafts.map(({ order: _order, ...r }, i) => {
    if (i > 0) id += 1 + Math.floor(rng.next() * 260);
    return { sourceId: demoSourceId(id), ...r };
  });

  return {
    seed,
    from: DEMO_FROM,
    to: DEMO_TO,
    districts: geo.districts.map((d) => ({
      name: d.name, kind: d.kind, unit: d.unit, officer: d.officer, geometry: d.geometry, ...(d.gminy ? { gminy: d.gminy } : {}),
    })),
    places: ALL_PLACES.map((p) => ({ name: p.name, kind: p.kind, lon: p.lon, lat: p.lat })),
    roads: ROADS.map((r) => ({ name: r.name, ...(r.ref ? { ref: r.ref } : {}), coordinates: r.coordinates.map(([x, y]) => [x, y] as [number, number]) })),
    reports,
  };
}

/** ~1 cm precision, as stored by KMZB-like exports. */
function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

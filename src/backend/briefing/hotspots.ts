/**
 * Adapter between the analysis engine (core/analysis Gi*) and briefings: runs an optimized hot spot analysis on
 * hexagons with the beats OF THE SAME KIND as the study area (city beats with city beats, rural station areas with
 * rural ones: a one-beat briefing still compares its cells with the rest of the command, but a town centre is not
 * measured against empty fields, which would make every city cell "hot"), then groups the hot cells (Gi* bin > 0, FDR-corrected, 90/95/99 %) into hotspots:
 * edge-connected hot cells inside the same beat. Each hotspot gets its reports' counts, dominant categories,
 * confirmed share and time pattern, and a location from the nearest named street or place (the one lookup).
 */
import type { Feature, FeatureCollection } from 'geojson';
import { autoCellSize, cellIndexOf, cellPolygon, cellSpacing, inMultiPolygon, optimizedHotSpots, type HotSpotResult } from '../../core/analysis';
import { geometryToPuwg92 } from '../../core/districts';
import { categoryByCode } from '../../core/domain/categories';
import { fromPuwg92 } from '../../core/domain/crs';
import { msg, type Msg } from '../../core/message';
import { hoursLabel, timePattern } from '../../core/briefing/summary';
import { STATUSES } from '../../core/domain/statuses';
import type { BriefingHotspot } from '../../shared/contract/briefing';
import type { DistrictRow } from '../store/districts';

export interface HotspotInput {
  x: Float64Array;
  y: Float64Array;
  category: Uint8Array;
  status: Uint8Array;
  hour: Uint8Array;
  weekday: Uint8Array;
  districtId: Int32Array;
}

export interface HotspotOutput {
  byBeat: Map<number, BriefingHotspot[]>;
  cells: FeatureCollection;
  method: { cellSize: number | null; distanceBand: number | null; fdr: boolean; notes: Msg[] };
  /** False when no Gi* analysis could be run (too few reports or an engine refusal). */
  analysed: boolean;
}

const CONFIRMED = new Set(STATUSES.filter((s) => s.group === 'confirmed').map((s) => s.code));
/** Hexagon side bounds for briefing maps: readable at beat scale, not finer than the data supports. */
const MIN_CELL = 120;
/** Fewest reports of its own beat a hotspot holds (stated in the method notes); the analyses' default too. */
export const MIN_HOTSPOT_REPORTS = 5;
const MAX_CELL = 400;

function polygonsOf(b: DistrictRow): number[][][][] {
  const g = geometryToPuwg92(b.geometry);
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
}

/** Names a WGS84 point: the one lookup behind every place name (backend/analysis/places.ts `placeNamer`). */
export type PlaceNamer = (lon: number, lat: number) => { name: string | null; distanceM: number | null; label: Msg };

export function computeHotspots(input: HotspotInput, beats: DistrictRow[], allBeats: DistrictRow[], name: PlaceNamer): HotspotOutput {
  const kinds = [...new Set(beats.map((b) => b.kind))];
  if (kinds.length === 0) return computeHotspotsIn(input, beats, allBeats, name);
  const parts = kinds.map((kind) => {
    const study = allBeats.filter((b) => b.kind === kind);
    const ids = new Set(study.map((b) => b.id));
    const pick: number[] = [];
    for (let i = 0; i < input.x.length; i++) if (ids.has(input.districtId[i])) pick.push(i);
    const sub = <T extends Float64Array | Uint8Array | Int32Array>(a: T): T => {
      const out = new (a.constructor as { new (n: number): T })(pick.length);
      for (let j = 0; j < pick.length; j++) out[j] = a[pick[j]];
      return out;
    };
    const subInput: HotspotInput = {
      x: sub(input.x), y: sub(input.y), category: sub(input.category), status: sub(input.status), hour: sub(input.hour), weekday: sub(input.weekday), districtId: sub(input.districtId),
    };
    return computeHotspotsIn(subInput, beats.filter((b) => b.kind === kind), study, name);
  });
  if (parts.length === 1) return parts[0];
  const byBeat = new Map<number, BriefingHotspot[]>();
  for (const p of parts) for (const [k, v] of p.byBeat) byBeat.set(k, v);
  const notes = [...new Map(parts.flatMap((p) => p.method.notes).map((m) => [JSON.stringify(m), m])).values()];
  return {
    byBeat,
    cells: { type: 'FeatureCollection', features: parts.flatMap((p) => p.cells.features) },
    // several study areas: cell size and band differ per kind; the first is stated, the note says so
    method: { ...parts[0].method, notes: [...notes, msg('briefing.method.separateKinds', { kinds: kinds.join('|') })] },
    analysed: parts.some((p) => p.analysed),
  };
}

function computeHotspotsIn(input: HotspotInput, beats: DistrictRow[], allBeats: DistrictRow[], name: PlaceNamer): HotspotOutput {
  const empty: HotspotOutput = { byBeat: new Map(), cells: { type: 'FeatureCollection', features: [] }, method: { cellSize: null, distanceBand: null, fdr: true, notes: [] }, analysed: false };
  const n = input.x.length;
  if (n < 10 || allBeats.length === 0) return { ...empty, method: { ...empty.method, notes: [msg('briefing.method.tooFewForGi')] } };
  const area = allBeats.flatMap(polygonsOf);
  let result: HotSpotResult;
  try {
    // The engine's automatic cell size (mean nearest-neighbour rule), clamped to a range readable at beat scale.
    const probe = autoCellSize(input.x, input.y, 'hex-pointy').cellSize;
    const cellSize = Math.min(MAX_CELL, Math.max(MIN_CELL, probe));
    result = optimizedHotSpots({ x: input.x, y: input.y }, { grid: 'hex-pointy', cellSize, studyArea: area, cells: 'studyArea', fdr: true });
  } catch (e) {
    return { ...empty, method: { ...empty.method, notes: [msg('briefing.method.giFailed', { reason: (e as Error).message })] } };
  }
  const grid = result.grid!;
  const spacing = cellSpacing(grid);
  const inScope = new Set(beats.map((b) => b.id));
  const beatPolys = allBeats.map((b) => ({ id: b.id, polys: polygonsOf(b) }));
  // hot cells and their beat (by centre; the beat of most of its reports when the centre falls outside all beats)
  const hot = new Map<number, { k: number; bin: number; beat: number }>();
  for (let k = 0; k < result.cells.length; k++) {
    if (result.bins[k] <= 0) continue;
    const cx = result.cx[k], cy = result.cy[k];
    const beat = beatPolys.find((b) => inMultiPolygon(b.polys, cx, cy))?.id ?? -1;
    hot.set(result.cells[k], { k, bin: result.bins[k], beat });
  }
  // reports per hot cell
  const cellReports = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = cellIndexOf(grid, input.x[i], input.y[i]);
    if (c < 0 || !hot.has(c)) continue;
    let arr = cellReports.get(c);
    if (!arr) cellReports.set(c, (arr = []));
    arr.push(i);
  }
  for (const [c, h] of hot) {
    if (h.beat >= 0) continue;
    const counts = new Map<number, number>();
    for (const i of cellReports.get(c) ?? []) counts.set(input.districtId[i], (counts.get(input.districtId[i]) ?? 0) + 1);
    h.beat = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1;
  }
  // connected components of hot cells within a beat
  const zoneOf = new Map<number, number>();
  const zones: { beat: number; cells: number[] }[] = [];
  const hotList = [...hot.keys()];
  for (const c of hotList) {
    if (zoneOf.has(c)) continue;
    const beat = hot.get(c)!.beat;
    const zone = { beat, cells: [] as number[] };
    const z = zones.push(zone) - 1;
    const stack = [c];
    zoneOf.set(c, z);
    while (stack.length) {
      const cur = stack.pop()!;
      zone.cells.push(cur);
      const a = hot.get(cur)!;
      for (const other of hotList) {
        if (zoneOf.has(other)) continue;
        const b = hot.get(other)!;
        if (b.beat !== beat) continue;
        if (Math.hypot(result.cx[a.k] - result.cx[b.k], result.cy[a.k] - result.cy[b.k]) <= spacing * 1.01) {
          zoneOf.set(other, z);
          stack.push(other);
        }
      }
    }
  }
  const byBeat = new Map<number, BriefingHotspot[]>();
  const zoneRank = new Map<number, number>();
  zones.forEach((zone, z) => {
    if (!inScope.has(zone.beat)) return;
    // only the beat's own reports: a cell straddling a border also holds the neighbour's
    const idx = zone.cells.flatMap((c) => cellReports.get(c) ?? []).filter((i) => input.districtId[i] === zone.beat);
    // a hot zone with fewer than the stated minimum of its own reports (hot mostly through its neighbours, or one
    // or two reports in a quiet area) stays on the map as significant cells but is not listed or counted as a
    // hotspot: the same minimum as the analyses' place rule (core/analysis/place.ts)
    if (idx.length < MIN_HOTSPOT_REPORTS) return;
    const cats = new Map<number, number>();
    const hw = Array.from({ length: 7 }, () => new Array(24).fill(0));
    let conf = 0;
    for (const i of idx) {
      cats.set(input.category[i], (cats.get(input.category[i]) ?? 0) + 1);
      hw[input.weekday[i]][input.hour[i]]++;
      if (CONFIRMED.has(input.status[i])) conf++;
    }
    let sx = 0, sy = 0, sw = 0, maxBin = 0;
    for (const c of zone.cells) {
      const h = hot.get(c)!;
      const w = Math.max(1, result.counts[h.k]);
      sx += result.cx[h.k] * w; sy += result.cy[h.k] * w; sw += w;
      maxBin = Math.max(maxBin, h.bin);
    }
    const [lon, lat] = fromPuwg92(sx / sw, sy / sw);
    const place = name(lon, lat);
    const t = timePattern(hw);
    const list = byBeat.get(zone.beat) ?? [];
    list.push({
      rank: 0, districtId: zone.beat, location: place.label, placeName: place.name, placeDistanceM: place.distanceM, lon, lat,
      cells: zone.cells.length, count: idx.length, confidence: maxBin === 3 ? 99 : maxBin === 2 ? 95 : 90,
      dominantCategories: [...cats.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 3)
        .map(([code, count]) => ({ name: categoryByCode(code)?.name ?? 'Inna kategoria', count })),
      confirmedShare: idx.length ? conf / idx.length : null,
      hours: hoursLabel(hw),
      peakHours: t.peak,
    });
    (list[list.length - 1] as BriefingHotspot & { zone?: number }).zone = z;
    byBeat.set(zone.beat, list);
  });
  for (const list of byBeat.values()) {
    list.sort((a, b) => b.count - a.count || b.confidence - a.confidence);
    list.forEach((h, i) => {
      h.rank = i + 1;
      const withZone = h as BriefingHotspot & { zone?: number };
      zoneRank.set(withZone.zone!, i + 1);
      delete withZone.zone;
    });
  }
  const features: Feature[] = [];
  for (const [c, h] of hot) {
    if (!inScope.has(h.beat)) continue;
    const ring = cellPolygon(grid, c).map(([x, y]) => fromPuwg92(x, y).map((v) => Math.round(v * 1e6) / 1e6));
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { districtId: h.beat, hotspot: zoneRank.get(zoneOf.get(c)!) ?? 0, bin: h.bin, count: result.counts[h.k] },
    });
  }
  return {
    byBeat,
    cells: { type: 'FeatureCollection', features },
    method: { cellSize: grid.size, distanceBand: Math.round(result.params.distanceBand), fdr: result.params.fdr, notes: [msg('briefing.method.minHotspot', { n: MIN_HOTSPOT_REPORTS })] },
    analysed: true,
  };
}

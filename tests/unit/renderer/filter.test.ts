import { describe, expect, it } from 'vitest';
import { allocateReportColumns } from '../../../src/shared/columns';
import { warsawToUtc } from '../../../src/core/domain/time';
import {
  ALL_CATEGORY_CODES, EMPTY_FILTER, categoryCodesOfGroup, describeFilter, halfYearPresets, hourRuns, isEmptyFilter, normalizeFilter, presetPeriod,
  previousPeriod, toMapFilter, toReportFilter, toggleIn, type FilterState,
} from '../../../src/renderer/data/filter';
import { buildLookups, evaluate, indexOfId, niceCeil, polygonSelection, selectionStats, timeHistogram } from '../../../src/renderer/data/compute';
import { buildHexGrid, hexCounts } from '../../../src/renderer/data/hexbin';
import { normalizeLayers } from '../../../src/renderer/map/layerConfig';
import { KERNEL_INTEGRAL_PER_R2, radiusPixelsFor } from '../../../src/renderer/map/fixedHeatmapLayer';

const ctx = (lang: 'pl' | 'en') => ({ lang, districtName: (id: number) => `Rejon ${id}`, formatDate: (ms: number) => new Date(ms).toISOString().slice(0, 10) });

function columns(n: number) {
  const { columns } = allocateReportColumns(n);
  for (let i = 0; i < n; i++) {
    columns.id[i] = i + 1;
    columns.position[2 * i] = 19.7 + (i % 10) * 0.001;
    columns.position[2 * i + 1] = 51.4 + Math.floor(i / 10) * 0.001;
    columns.time[i] = Date.UTC(2025, 0, 1) / 1000 + i * 3600;
    columns.category[i] = (i % 24) + 1;
    columns.status[i] = (i % 7) + 1;
    columns.hour[i] = i % 24;
    columns.weekday[i] = Math.floor(i / 24) % 7;
    columns.district[i] = i % 3;
  }
  return columns;
}

describe('filter state', () => {
  it('presets relative to the last report and half-year periods', () => {
    const last = Date.UTC(2025, 5, 15, 10); // 15 Jun 2025 12:00 Warsaw
    expect(presetPeriod('last7', last)).toEqual({ from: warsawToUtc(2025, 6, 9), to: warsawToUtc(2025, 6, 16) });
    expect(presetPeriod('last30', last).from).toBe(warsawToUtc(2025, 5, 17));
    expect(presetPeriod('h1-2025', last)).toEqual({ from: warsawToUtc(2025, 1, 1), to: warsawToUtc(2025, 7, 1) });
    expect(presetPeriod('h2-2024', last)).toEqual({ from: warsawToUtc(2024, 7, 1), to: warsawToUtc(2025, 1, 1) });
    expect(halfYearPresets(Date.UTC(2024, 8, 1), last).map((h) => h.id)).toEqual(['h1-2025', 'h2-2024']);
  });

  it('compares with the previous half-year or the previous period of equal length', () => {
    expect(previousPeriod(warsawToUtc(2025, 1, 1), warsawToUtc(2025, 7, 1))).toEqual({ from: warsawToUtc(2024, 7, 1), to: warsawToUtc(2025, 1, 1) });
    expect(previousPeriod(warsawToUtc(2025, 7, 1), warsawToUtc(2026, 1, 1))).toEqual({ from: warsawToUtc(2025, 1, 1), to: warsawToUtc(2025, 7, 1) });
    expect(previousPeriod(1000, 3000)).toEqual({ from: -1000, to: 1000 });
  });

  it('toggles sets and collapses a full set to "all"', () => {
    const road = categoryCodesOfGroup('road');
    const off = toggleIn(null, road, false, ALL_CATEGORY_CODES)!;
    expect(off.some((c) => road.includes(c))).toBe(false);
    expect(toggleIn(off, road, true, ALL_CATEGORY_CODES)).toBeNull();
    expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
  });

  it('sanitises stored filters', () => {
    expect(normalizeFilter({ hours: [25, 3, 3, 'x'], from: 'no', compare: 1 })).toEqual({ ...EMPTY_FILTER, hours: [3] });
    expect(normalizeFilter(null)).toEqual(EMPTY_FILTER);
    expect(normalizeLayers({ heat: { radiusM: 1e9, visible: false }, basemap: { sourceId: '../x' } }).heat).toMatchObject({ radiusM: 5000, visible: false });
    expect(normalizeLayers({ basemap: { sourceId: '../x' } }).basemap.sourceId).toBeNull();
  });

  it('describes the filter in Polish and English', () => {
    const f: FilterState = { ...EMPTY_FILTER, from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 0, 31), categories: categoryCodesOfGroup('road'), statuses: [3, 4, 6], districts: [1, 2], hours: [22, 23, 0, 1, 2], weekdays: [5, 6], compare: true };
    const pl = describeFilter(f, ctx('pl'));
    expect(pl).toContain('Od 2025-01-01 do 2025-01-30 (30 dni)');
    expect(pl).toContain('kategorie: drogowe');
    expect(pl).toContain('statusy: potwierdzone');
    expect(pl).toContain('rejony: Rejon 1, Rejon 2');
    expect(pl).toContain('godziny 22:00–02:59');
    expect(pl).toContain('dni: sb, nd');
    expect(pl).toContain('porównanie z poprzednim okresem');
    const en = describeFilter({ ...f, categories: [16, 9, 1, 2] }, ctx('en'));
    expect(en).toContain('categories: Speeding, Illegal parking, Vandalism and 1 more');
    expect(describeFilter({ ...EMPTY_FILTER, categories: ALL_CATEGORY_CODES.filter((c) => !categoryCodesOfGroup('road').includes(c)) }, ctx('pl'))).toBe('Kategorie: wszystkie oprócz drogowe');
    expect(describeFilter(EMPTY_FILTER, ctx('pl'))).toBe('Wszystkie zgłoszenia, bez filtrów');
    expect(hourRuns([0, 1, 5, 23])).toEqual([[5, 5], [23, 1]]);
  });

  it('maps to the backend filters (codes and names)', () => {
    const f: FilterState = { ...EMPTY_FILTER, categories: [24], statuses: [1], districts: [0, 4] };
    expect(toMapFilter(f)).toEqual({ categoryCodes: [24], statusCodes: [1], districtIds: [0, 4] });
    // 0 = outside all beats is kept: dropping it (the old assertion) turned 'only outside beats' into 'all reports'
    expect(toReportFilter(f)).toEqual({ categories: ['Żebractwo'], statuses: ['Nowe'], districtIds: [0, 4] });
    expect(toReportFilter({ ...EMPTY_FILTER, districts: [0] })).toEqual({ districtIds: [0] });
  });
});

describe('typed-array filtering', () => {
  const cols = columns(2400);
  it('counts the filter with breakdowns and the comparison period', () => {
    const f: FilterState = { ...EMPTY_FILTER, from: Date.UTC(2025, 0, 11), to: Date.UTC(2025, 0, 21), categories: [1, 2, 3], compare: true };
    const ev = evaluate(cols, f, buildLookups(f, 2), previousPeriod(f.from!, f.to!));
    // 240 hours in the window, 3 of 24 categories
    expect(ev.count).toBe(30);
    expect(ev.previous).toBe(30);
    expect(ev.byCategory[1] + ev.byCategory[2] + ev.byCategory[3]).toBe(30);
    let m = 0;
    for (const v of ev.mask) m += v;
    expect(m).toBe(30);
    const all = evaluate(cols, EMPTY_FILTER, buildLookups(EMPTY_FILTER, 2), null);
    expect(all.count).toBe(2400);
    expect(all.byDistrict[0] + all.byDistrict[1] + all.byDistrict[2]).toBe(2400);
    const night = { ...EMPTY_FILTER, hours: [22, 23, 0], districts: [1] };
    expect(evaluate(cols, night, buildLookups(night, 2), null).count).toBe(100);
  });

  it('bins the timeline and computes drill-down statistics', () => {
    const lk = buildLookups(EMPTY_FILTER, 2);
    const h = timeHistogram(cols, lk, Date.UTC(2025, 0, 1) / 1000, 86400, 100);
    expect(h[0]).toBe(24);
    expect(h.reduce((a, b) => a + b, 0)).toBe(2400);
    const sel = polygonSelection(cols, [[[19.6995, 51.3995], [19.7025, 51.3995], [19.7025, 51.4025], [19.6995, 51.4025], [19.6995, 51.3995]]]);
    const st = selectionStats(cols, EMPTY_FILTER, lk, sel, { startSec: Uint32Array.from([Date.UTC(2025, 0, 1) / 1000, Date.UTC(2025, 1, 1) / 1000, Date.UTC(2025, 3, 1) / 1000]) }, null);
    expect(st.count).toBe(9); // 3 x 3 grid points
    expect(st.hourWeekday.reduce((a, b) => a + b, 0)).toBe(9);
    expect(st.byMonth[0]).toBe(9);
    expect(indexOfId(cols, 777)).toBe(776);
    expect(indexOfId(cols, 99999)).toBe(-1);
  });

  it('aggregates hexagons once and recounts with a mask', () => {
    const grid = buildHexGrid(cols, 150);
    const all = hexCounts(grid, new Uint8Array(cols.count).fill(1));
    expect(all.reduce((a, b) => a + b, 0)).toBe(2400);
    expect(grid.polygons[0]).toHaveLength(7);
    const half = new Uint8Array(cols.count);
    half.fill(1, 0, 1200);
    expect(hexCounts(grid, half).reduce((a, b) => a + b, 0)).toBe(1200);
  });

  it('keeps the heat legend arithmetic explicit', () => {
    expect(KERNEL_INTEGRAL_PER_R2).toBeCloseTo(0.5908, 3);
    // 400 m at zoom 12, latitude 51.4: ~11.9 m per pixel
    expect(radiusPixelsFor(400, 12, 51.4)).toBeCloseTo(33.4, 0);
    expect(niceCeil(373)).toBe(500);
    expect(niceCeil(0.3)).toBe(0.5);
  });
});

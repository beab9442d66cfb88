import { describe, expect, it } from 'vitest';
import { autoCellSize, defaultSearchRadius, placeCellSize } from '../../../../src/core/analysis';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { describeFilter, toReportFilter, EMPTY_FILTER, type FilterState } from '../../../../src/renderer/data/filter';
import { autoPreview, buildQualityRequest, buildRequest, DEFAULT_FORM, describeStoredParams, fromReportFilter, parseNumber, summaryMessage } from '../../../../src/renderer/analysis/logic';
import { analysisMessages } from '../../../../src/renderer/analysis/messages';

describe('analysis panel logic', () => {
  it('parses Polish and English decimals; empty means automatic', () => {
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber(' 1 000 ')).toBe(1000);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('-5')).toBeNaN();
  });

  it('builds contract requests: automatic values left out, defaults filled, limits checked', () => {
    // the place rule and its minimum of reports per hotspot are stated in every Gi* request (issue 13)
    expect(buildRequest(DEFAULT_FORM)).toEqual({ request: { method: 'gistar', aggregation: 'hex', band: 'place', fdr: true, minReports: 5 } });
    expect(buildRequest({ ...DEFAULT_FORM, cellSize: '250', distanceBand: '1200,5' })).toEqual({ request: { method: 'gistar', aggregation: 'hex', band: 'place', fdr: true, minReports: 5, cellSize: 250, distanceBand: 1200.5 } });
    expect(buildRequest({ ...DEFAULT_FORM, band: 'auto-isa', minReports: '3' })).toEqual({ request: { method: 'gistar', aggregation: 'hex', band: 'auto-isa', fdr: true, minReports: 3 } });
    expect(buildRequest({ ...DEFAULT_FORM, minReports: '0' })).toMatchObject({ problem: { field: 'minReports' } });
    // beats: the cell size does not apply
    expect(buildRequest({ ...DEFAULT_FORM, aggregation: 'beats', cellSize: '5' })).toEqual({ request: { method: 'gistar', aggregation: 'beats', band: 'place', fdr: true, minReports: 5 } });
    expect(buildQualityRequest(DEFAULT_FORM)).toEqual({ request: { method: 'quality', trainDays: 90, testDays: 30 } });
    expect(buildQualityRequest({ ...DEFAULT_FORM, trainDays: '3' })).toMatchObject({ problem: { field: 'trainDays' } });
    expect(buildRequest({ ...DEFAULT_FORM, cellSize: '5' })).toMatchObject({ problem: { key: 'invalidNumber', field: 'cellSize', params: { min: 10, max: 10_000 } } });
    expect(buildRequest({ ...DEFAULT_FORM, method: 'dbscan' })).toEqual({ request: { method: 'dbscan', eps: 100, minPoints: 5 } });
    expect(buildRequest({ ...DEFAULT_FORM, method: 'dbscan', timeWindow: true, timeWindowDays: '3' })).toEqual({ request: { method: 'dbscan', eps: 100, minPoints: 5, timeWindowDays: 3 } });
    expect(buildRequest({ ...DEFAULT_FORM, method: 'dbscan', minPoints: '2.5' })).toMatchObject({ problem: { field: 'minPoints' } });
    expect(buildRequest({ ...DEFAULT_FORM, method: 'dbscan', timeWindow: true, timeWindowDays: '' })).toMatchObject({ problem: { field: 'timeWindowDays' } });
    expect(buildRequest({ ...DEFAULT_FORM, method: 'kde', radius: '400' })).toEqual({ request: { method: 'kde', cells: 300, radius: 400 } });
    expect(buildRequest({ ...DEFAULT_FORM, method: 'emerging', step: 'week' })).toEqual({ request: { method: 'emerging', step: 'week' } });
  });

  it('previews the automatic cell size and KDE radius by the engine rules', () => {
    const lon = [19.70, 19.71, 19.72, 19.705, 19.715, 19.69, 19.73, 19.70, 19.74, 19.68];
    const lat = [51.40, 51.41, 51.405, 51.42, 51.395, 51.41, 51.40, 51.43, 51.415, 51.40];
    const x = new Float64Array(lon.length), y = new Float64Array(lon.length);
    lon.forEach((l, i) => ([x[i], y[i]] = toPuwg92(l, lat[i])));
    // Gi*: the place rule by default, the ArcGIS rule with band 'auto-isa'
    expect(autoPreview({ x, y }, 'gistar', 'hex').cellSize).toBe(placeCellSize(x, y, 'hex-pointy').cellSize);
    expect(autoPreview({ x, y }, 'gistar', 'square').cellSize).toBe(placeCellSize(x, y, 'square').cellSize);
    expect(autoPreview({ x, y }, 'gistar', 'hex', 'auto-isa').cellSize).toBe(autoCellSize(x, y, 'hex-pointy', { maxCells: 50_000 }).cellSize);
    expect(autoPreview({ x, y }, 'gistar', 'square', 'auto-isa').cellSize).toBe(autoCellSize(x, y, 'square', { maxCells: 50_000 }).cellSize);
    expect(autoPreview({ x, y }, 'emerging', 'hex').cellSize).toBe(autoCellSize(x, y, 'hex-pointy', { maxCells: 20_000 }).cellSize);
    expect(autoPreview({ x, y }, 'kde', 'hex').radius).toBe(defaultSearchRadius(x, y).radius);
    expect(autoPreview({ x, y }, 'gistar', 'beats')).toEqual({});
    expect(autoPreview({ x: new Float64Array(1), y: new Float64Array(1) }, 'kde', 'hex')).toEqual({});
  });

  it('describes a stored filter in the same words as the map', () => {
    const f: FilterState = { ...EMPTY_FILTER, from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1), categories: [1, 2], statuses: null, hours: [22, 23, 0], weekdays: [5, 6] };
    const back = fromReportFilter(toReportFilter(f));
    const ctx = { lang: 'pl' as const, districtName: (id: number) => `R${id}`, formatDate: (ms: number) => new Date(ms).toISOString().slice(0, 10) };
    expect(describeFilter(back, ctx)).toBe(describeFilter({ ...f, hours: [0, 22, 23] }, ctx));
    expect(describeFilter(fromReportFilter({}), ctx)).toBe('Wszystkie zgłoszenia, bez filtrów');
  });

  it('describes the parameters actually used, with the automatic rules', () => {
    const gi = describeStoredParams('gistar', { aggregation: 'hex' }, { aggregation: 'hex-pointy', cellSize: 130, cellSizeRule: 'max-cells', distanceBand: 610.7, distanceBandRule: 'kth-neighbour', fdr: true }, 'pl');
    expect(gi).toBe('sześciokąty 130 m (auto: limit liczby pól), pasmo 611 m (auto: śr. odl. do k-tego sąsiada), FDR');
    expect(describeStoredParams('dbscan', { eps: 100 }, { eps: 100, minPoints: 5, timeWindowMs: 7 * 86_400_000 }, 'en')).toBe('ε = 100 m, min 5, window 7 days');
    expect(describeStoredParams('kde', {}, { radius: 664.9, radiusRule: 'arcgis-default', grid: { cols: 218, rows: 300, cellSize: 193.6 } }, 'pl')).toBe('promień 665 m (auto: reguła ArcGIS), siatka 218 × 300, 194 m');
    expect(summaryMessage('gistar', { cells: 100, hot99: 3, hot95: 2, hot90: 1, cold99: 0, cold95: 0, cold90: 1 })).toEqual({ key: 'res_gistar', params: { sig: 7, cells: 100, hot99: 3, cold99: 0 } });
    expect(summaryMessage('emerging', { cells: 50, patterns: { 'No Pattern Detected': 45, 'New Hot Spot': 5 } })!.params.withPattern).toBe(5);
  });

  it('has every message in both languages', () => {
    expect(Object.keys(analysisMessages.en).sort()).toEqual(Object.keys(analysisMessages.pl).sort());
    for (const v of Object.values(analysisMessages.en)) expect(v.length).toBeGreaterThan(0);
  });
});

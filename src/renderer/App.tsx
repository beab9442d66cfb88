import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { PickingInfo } from '@deck.gl/core';
import { getClient } from './api/client';
import { useI18n } from './i18n/i18n';
import { MapView, type MapClick } from './map/MapView';
import { buildGpuData, buildReportLayers, gpuFilterProps, isPointsLayerId, pointZoomScale, SAMPLED_POINTS_ID, withDistrictPass, HEAT_COLORS, HEX_COLORS, STATUS_COLORS } from './map/reportLayers';
import { DEFAULT_LAYERS, normalizeLayers, type LayerConfig } from './map/layerConfig';
import { analysisLegends, analysisPick, buildAnalysisLayers, type AnalysisView, type HotspotView } from './map/analysisLayers';
import { loadAnalysisViews } from './map/analysisSource';
import { registerBasemapProtocol } from './map/basemapProtocol';
import type { LegendSpec } from './map/legends';
import { decodeReportColumns, type ReportColumns } from '../shared/columns';
import type { DistrictSummary, FeatureCollectionOut, JobState, WorkspaceInfo } from '../shared/contract';
import type { TerritoryResult } from '../shared/contract/territory';
import type { BasemapEntry } from '../shared/contract/map';
import { CATEGORIES, categoryByCode } from '../core/domain/categories';
import { STATUS_GROUPS, statusByCode } from '../core/domain/statuses';
import { formatWarsaw, warsawParts, warsawToUtc } from '../core/domain/time';
import { EMPTY_FILTER, describeFilter, isEmptyFilter, normalizeFilter, previousPeriod, toReportFilter, warsawDayStart, type FilterState } from './data/filter';
import {
  buildLookups, districtSelection, evaluate, idSelection, indexOfId, maxDistrictId, niceCeil, polygonSelection, referenceDensity, robustBounds, selectionStats, timeExtent,
  timeHistogram, type Evaluation,
} from './data/compute';
import { buildHexGrid, hexCounts } from './data/hexbin';
import { StatusBar } from './components/StatusBar';
import { LayerPanel } from './components/LayerPanel';
import { FilterPanel } from './components/FilterPanel';
import { Timeline, type PlayMode } from './components/Timeline';
import { Legends } from './components/Legends';
import { DrillDownPanel, type DrillSelection } from './components/DrillDownPanel';
import { BasemapDialog } from './components/BasemapDialog';
import { PlacesDialog } from './components/PlacesDialog';
import { HelpDialog } from './components/HelpDialog';
import { ReportDetailPanel } from './reports/ReportDetailPanel';
import { ReportsExportDialog } from './reports/ReportsExportDialog';
import { ImportView } from './import/ImportView';
import { DistrictsView } from './districts/DistrictsView';
import { BriefingView } from './briefing/BriefingView';
import { AnalysisPanel } from './analysis/AnalysisPanel';
import { DEFAULT_LAYOUT, layoutAfterLoad, normalizeLayout, usePersistedSetting, type Layout } from './settings';
import { perf } from './perf';
import { binnedHeatPoints, buildHeatBins } from './data/heatBins';
import { padBounds, samplePoints } from './data/pointLod';
import { heatRaster } from './data/heatRaster';
import { isSoftwareWebGl } from './map/webgl';
import { exportMapPng, type OverlayLike } from './briefing/exportPng';
import { saveBytes } from './briefing/download';
import { DemoImportNotice } from './workspace/DemoImportNotice';
import { fromReportFilter } from './data/analysisFilter';

interface Data {
  info: WorkspaceInfo;
  columns: ReportColumns;
  districts: DistrictSummary[];
  districtsGeo: FeatureCollectionOut;
  territory: TerritoryResult | null;
}

/** Dots drawn per frame on software WebGL: ~20 µs each in SwiftShader here (8,000: ~200 ms frames, 2,000: ~120 ms). */
const SOFTWARE_POINT_BUDGET = 4000;
/** Up to this many reports software WebGL draws them all (~20 µs each: ≤ ~0.4 s for a filter change). */
const SOFTWARE_FULL_DRAW_MAX = 20_000;
const CLICKABLE = ['points', SAMPLED_POINTS_ID, 'hex', 'gistar-0', 'gistar-1', 'emerging-0', 'emerging-1', 'dbscan-0', 'dbscan-1'];

export interface AppProps {
  /** The open workspace's name and menu in the header (src/renderer/workspace/WorkspaceSwitcher). */
  switcher?: ReactNode;
}

/** The main app on the open workspace. Root mounts a new App for every workspace opened (no stale data). */
export function App({ switcher }: AppProps = {}) {
  const { t, lang, setLang, n, tm } = useI18n();
  const client = getClient();
  const [data, setData] = useState<Data | null>(null);
  const [boundaries, setBoundaries] = useState<{ wojewodztwa: FeatureCollectionOut | null; powiaty: FeatureCollectionOut | null }>({ wojewodztwa: null, powiaty: null });
  const [job, setJob] = useState<JobState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mapIdle, setMapIdle] = useState(false);
  const [settingsLoaded, setSettingsLoaded] = useState(false);
  const [filter, setFilterState] = useState<FilterState>(EMPTY_FILTER);
  const [layers, setLayers] = useState<LayerConfig>(DEFAULT_LAYERS);
  const [layout, setLayout] = useState<Layout>(DEFAULT_LAYOUT);
  const [zoom, setZoom] = useState(10);
  const softwareGl = useMemo(() => isSoftwareWebGl(), []);
  const [view, setView] = useState<{ bounds: [number, number, number, number]; zoom: number } | null>(null);
  const [playing, setPlaying] = useState(false);
  const [hover, setHover] = useState<PickingInfo | null>(null);
  const [highlightIds, setHighlightIds] = useState<number[]>([]);
  // `filter`: the analysis's own filter when the selection is an analysis object (its counts are the analysis's)
  const [drill, setDrill] = useState<{ sel: DrillSelection; mask: Uint8Array; filter?: FilterState } | null>(null);
  const [basemaps, setBasemaps] = useState<BasemapEntry[]>([]);
  const [dialog, setDialog] = useState<'help' | 'basemaps' | 'places' | 'export' | null>(null);
  const [placesGeo, setPlacesGeo] = useState<{ streets: FeatureCollectionOut; places: FeatureCollectionOut } | null>(null);
  /** Row id of the report whose detail panel is open. */
  const [detailId, setDetailId] = useState<number | null>(null);
  /** Source numbers of hovered reports (row id -> "Nr zgłoszenia"), fetched on hover, dropped on reload. */
  const sourceIds = useRef(new Map<number, string>());
  const [hoverSource, setHoverSource] = useState<{ id: number; sourceId: string } | null>(null);
  const [analysis, setAnalysis] = useState<AnalysisView[]>([]);
  const [analysisOpen, setAnalysisOpen] = useState(false);
  const [mapInstance, setMapInstance] = useState<MapLibreMap | null>(null);
  const overlayRef = useRef<OverlayLike | null>(null);
  const exportPng = useCallback(async (dpi: number) => {
    if (!mapInstance) return;
    try {
      const blob = await exportMapPng(mapInstance, dpi, overlayRef.current);
      saveBytes(blob, `rejon-mapa-${new Date().toISOString().slice(0, 10)}-${dpi}dpi.png`, 'image/png');
    } catch (e) {
      setError(`PNG: ${(e as Error).message}`);
    }
  }, [mapInstance]);

  /** Every filter change goes through here: marks the input for the frame-time measurement. */
  const setFilter = useCallback((next: FilterState | ((f: FilterState) => FilterState)) => {
    perf.markInput();
    setFilterState(next);
  }, []);

  const refreshBasemaps = useCallback(() => {
    void client.api.listBasemapSources({}).then(setBasemaps).catch(() => undefined);
  }, [client]);

  const settingsAppliedRef = useRef(false);
  const load = useCallback(async () => {
    try {
      void client.api.getPlacesGeoJson({}).then((g) => setPlacesGeo(g as never)).catch(() => setPlacesGeo(null));
      const [info, bytes, districts, districtsGeo, savedFilter, savedLayers, savedLayout, territory] = await Promise.all([
        client.api.getWorkspaceInfo({}),
        client.api.getReportColumns({}),
        client.api.listDistricts({}),
        client.api.getDistrictsGeoJson({}),
        client.api.getSetting({ key: 'map.filter' }),
        client.api.getSetting({ key: 'map.layers' }),
        client.api.getSetting({ key: 'map.layout' }),
        client.api.getTerritory({}).catch(() => null),
      ]);
      setMapIdle(false);
      sourceIds.current.clear(); // row ids may name other reports after an undo
      setHoverSource(null);
      setDetailId(null);
      // saved view settings are applied on the first load only: a reload after a data change must not put back
      // a view, filter or layout the user has changed since (the layout is saved with a 1 s delay)
      if (!settingsAppliedRef.current) {
        settingsAppliedRef.current = true;
        setFilterState(normalizeFilter(savedFilter));
        setLayers(normalizeLayers(savedLayers));
        setLayout((cur) => layoutAfterLoad(normalizeLayout(savedLayout), cur));
      }
      setData({ info, columns: decodeReportColumns(bytes), districts, districtsGeo, territory });
      setSettingsLoaded(true);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [client]);

  useEffect(() => {
    registerBasemapProtocol(client);
    void load();
    refreshBasemaps();
    void loadAnalysisViews(client).then(setAnalysis).catch(() => undefined);
    void Promise.all([client.api.getBasemapLayer({ layer: 'wojewodztwa' }), client.api.getBasemapLayer({ layer: 'powiaty' })])
      .then(([wojewodztwa, powiaty]) => setBoundaries({ wojewodztwa, powiaty }))
      .catch((e: Error) => setError(e.message));
    void client.api.listJobs({}).then((jobs) => setJob(jobs.find((j) => j.state === 'running') ?? null));
    return client.onEvent((e) => {
      if (e.type === 'job') setJob(e.job.state === 'running' ? e.job : null);
      if (e.type === 'job' && e.job.state === 'failed' && e.job.kind !== 'analysis') setError(`${t('jobFailed')}: ${e.job.error}`);
      if (e.type === 'workspace-changed') void load();
      if (e.type === 'menu' && e.command === 'help') setDialog('help');
    });
  }, [client, load, refreshBasemaps, t]);

  usePersistedSetting(client, 'map.filter', filter, settingsLoaded && !playing);
  usePersistedSetting(client, 'map.layers', layers, settingsLoaded);
  usePersistedSetting(client, 'map.layout', layout, settingsLoaded, 1000);

  // ---- per-dataset preparation (once per load) ----
  const cols = data?.columns ?? null;
  const prep = useMemo(() => {
    if (!cols) return null;
    const [t0, t1] = timeExtent(cols);
    const dayStart = Math.floor(warsawDayStart(t0 * 1000) / 1000);
    const spanDays = Math.ceil((t1 - dayStart + 1) / 86400);
    const binSec = spanDays > 400 ? 7 * 86400 : 86400;
    const bins = Math.max(1, Math.ceil((t1 + 1 - dayStart) / binSec));
    // month starts (Warsaw) for trends
    const p0 = warsawParts(t0 * 1000);
    const p1 = warsawParts(t1 * 1000);
    const monthStarts: number[] = [];
    const monthLabels: string[] = [];
    for (let y = p0.year, m = p0.month; y < p1.year || (y === p1.year && m <= p1.month + 1); m === 12 ? (y++, (m = 1)) : m++) {
      monthStarts.push(Math.floor(warsawToUtc(y, m, 1) / 1000));
      monthLabels.push(`${String(m).padStart(2, '0')}.${String(y).slice(2)}`);
    }
    monthLabels.pop();
    return {
      gpu: buildGpuData(cols, dayStart),
      maxDistrict: maxDistrictId(cols),
      histStart: dayStart,
      binSec,
      bins,
      monthStarts: Uint32Array.from(monthStarts),
      monthLabels,
      refDensity: referenceDensity(cols),
    };
  }, [cols]);

  // ---- the filter, evaluated on the CPU (counts, heat weights, hexagons) ----
  const lookups = useMemo(() => (prep ? buildLookups(filter, prep.maxDistrict) : null), [prep, filter]);
  const previous = filter.compare && filter.from != null && filter.to != null ? previousPeriod(filter.from, filter.to) : null;
  const evalBuf = useRef<Evaluation | undefined>(undefined);
  const evaluation = useMemo(() => {
    if (!cols || !lookups) return null;
    const t0 = performance.now();
    // fresh object each time so React sees the change; the mask buffer is reused
    const ev = { ...evaluate(cols, filter, lookups, previous, evalBuf.current) };
    evalBuf.current = ev;
    perf.cpu(performance.now() - t0);
    return ev;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cols, lookups, filter.from, filter.to, previous?.from, previous?.to]);

  const nonTimeKey = JSON.stringify([filter.categories, filter.statuses, filter.districts, filter.hours, filter.weekdays, filter.territory]);
  const histogram = useMemo(
    () => (cols && lookups && prep ? timeHistogram(cols, lookups, prep.histStart, prep.binSec, prep.bins) : new Uint32Array(0)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cols, prep, nonTimeKey],
  );
  const filterValues = useMemo(
    () => (prep && lookups ? (filter.districts || filter.territory ? withDistrictPass(prep.gpu, lookups.district, lookups.outside) : prep.gpu.filterValues) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [prep, JSON.stringify(filter.districts), filter.territory],
  );
  // heat: reports binned to cells of a quarter of the kernel radius, one weighted point per occupied cell
  const heatBins = useMemo(() => (cols && layers.heat.visible ? buildHeatBins(cols.position, layers.heat.radiusM / 4) : null), [cols, layers.heat.visible, layers.heat.radiusM]);
  const weights = useMemo(() => {
    if (!evaluation || !cols || !heatBins) return null;
    const w = new Float32Array(evaluation.mask.length);
    for (let i = 0; i < w.length; i++) w[i] = evaluation.mask[i];
    return binnedHeatPoints(heatBins, cols.position, w);
  }, [evaluation, cols, heatBins]);
  const heatMax = layers.heat.maxDensity ?? prep?.refDensity ?? 100;
  // software WebGL with more reports than it can draw: points thinned, heat as one CPU-computed image
  const lod = softwareGl && cols != null && cols.count > SOFTWARE_FULL_DRAW_MAX;
  const heatImage = useMemo(() => {
    if (!lod || !weights || !layers.heat.visible) return null;
    const r = heatRaster(weights, layers.heat.radiusM, [heatMax / 40, heatMax], HEAT_COLORS);
    return r ? { image: new ImageData(r.rgba, r.width, r.height), bounds: r.bounds } : null;
  }, [lod, weights, layers.heat.visible, layers.heat.radiusM, heatMax]);
  // Software-rendered WebGL cannot draw a million instances per frame: draw what passes the filter in
  // (and around) the view, thinned to a budget (data/pointLod). With a GPU every point is drawn.
  const pointSample = useMemo(() => {
    if (!cols || !evaluation || !view || !layers.points.visible || !lod) return null;
    const cellPx = 2 * layers.points.radiusPx * pointZoomScale(view.zoom);
    return samplePoints(cols.position, evaluation.mask, padBounds(view.bounds, 0.15), view.zoom, cellPx, SOFTWARE_POINT_BUDGET);
  }, [cols, evaluation, view, layers.points.visible, layers.points.radiusPx, lod]);
  /** A pick on the points layer as a report index (the sample's pick indices are sample positions). */
  const reportPick = useCallback(
    (p: PickingInfo | null): PickingInfo | null => (p && p.layer?.id === SAMPLED_POINTS_ID ? { ...p, index: pointSample?.index[p.index] ?? -1 } : p),
    [pointSample],
  );
  const hexGrid = useMemo(() => (cols && layers.hex.visible ? buildHexGrid(cols, layers.hex.sizeM) : null), [cols, layers.hex.visible, layers.hex.sizeM]);
  const hexRef = useMemo(() => {
    if (!hexGrid) return 1;
    let m = 0;
    const all = hexCounts(hexGrid, new Uint8Array(hexGrid.cellOf.length).fill(1));
    const sorted = Array.from(all).sort((a, b) => a - b);
    m = sorted[Math.floor(sorted.length * 0.98)] ?? 1;
    return niceCeil(m);
  }, [hexGrid]);
  const hex = useMemo(() => {
    if (!hexGrid || !evaluation) return null;
    return { grid: hexGrid, counts: hexCounts(hexGrid, evaluation.mask), max: layers.hex.maxCount ?? hexRef };
  }, [hexGrid, evaluation, layers.hex.maxCount, hexRef]);

  // ---- drill-down ----
  const drillFilter = drill?.filter ?? filter;
  const stats = useMemo(() => {
    if (!drill || !cols || !lookups || !prep) return null;
    if (drill.filter) return selectionStats(cols, drill.filter, buildLookups(drill.filter, prep.maxDistrict), drill.mask, { startSec: prep.monthStarts }, null);
    return selectionStats(cols, filter, lookups, drill.mask, { startSec: prep.monthStarts }, previous);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drill, cols, lookups, filter.from, filter.to, previous?.from, previous?.to]);
  const drillIds = useMemo(() => (stats && cols ? Uint32Array.from(stats.indices, (i) => cols.id[i]) : new Uint32Array(0)), [stats, cols]);
  const highlightIdx = useMemo(() => (cols ? Uint32Array.from(highlightIds.map((id) => indexOfId(cols, id)).filter((i) => i >= 0)) : new Uint32Array(0)), [cols, highlightIds]);
  const periodMonths = useMemo((): [number, number] => {
    if (!prep) return [0, 0];
    const ms = prep.monthStarts;
    const find = (sec: number) => {
      let k = 0;
      while (k + 1 < ms.length && ms[k + 1] <= sec) k++;
      return k;
    };
    return [drillFilter.from != null ? find(drillFilter.from / 1000) : 0, drillFilter.to != null ? find(drillFilter.to / 1000 - 1) : ms.length];
  }, [prep, drillFilter.from, drillFilter.to]);

  const openDistrict = useCallback((id: number) => {
    if (!cols || !data) return;
    const d = data.districts.find((x) => x.id === id);
    const details = d ? [d.unit, d.officer ? `${t('officer')}: ${d.officer}` : null, `${t('area')}: ${d.areaKm2.toFixed(1)} km²`].filter(Boolean).join(' · ') : undefined;
    setDrill({ sel: { key: `beat-${id}`, kind: 'beat', title: `${t('beat')}: ${d?.name ?? id}`, details }, mask: districtSelection(cols, id) });
  }, [cols, data, t]);

  const districtName = useCallback((id: number) => (id === 0 ? t('outsideBeats') : data?.districts.find((d) => d.id === id)?.name ?? `#${id}`), [data, t]);
  const onMapClick = useCallback((c: MapClick) => {
    if (!cols) return;
    const pick = reportPick(c.pick);
    if (pick?.layer) {
      const id = pick.layer.id;
      if (isPointsLayerId(id) && pick.index >= 0) {
        setHighlightIds([cols.id[pick.index]]);
        setDetailId(cols.id[pick.index]);
        return;
      }
      if (id === 'hex' && pick.object) {
        const o = pick.object as { polygon: [number, number][]; count: number; index: number };
        setDrill({ sel: { key: `hex-${o.index}-${layers.hex.sizeM}`, kind: 'cell', title: `${t('cell')} (${layers.hex.sizeM} m)` }, mask: polygonSelection(cols, [o.polygon]) });
        return;
      }
      const a = analysisPick(id, pick.object, lang);
      if (a) {
        const mask = a.ids ? idSelection(cols, a.ids) : a.polygon ? polygonSelection(cols, [a.polygon]) : null;
        // counted under the analysis's filter, not the current one (issue 15), and said so
        const view = analysis[Number(id.split('-').pop())];
        const af = fromReportFilter(view?.filter);
        const note = tm('ux.drill.analysisFilter', { filter: describeFilter(af, { lang, districtName, formatDate: (ms) => formatWarsaw(ms, false) }) });
        if (mask) setDrill({ sel: { key: `${id}-${pick.index}`, kind: id.startsWith('dbscan') ? 'cluster' : 'cell', title: a.label, details: [a.details, note].filter(Boolean).join(' · ') }, mask, filter: af });
        return;
      }
    }
    if (c.districtId != null) openDistrict(c.districtId);
  }, [cols, lang, layers.hex.sizeM, openDistrict, reportPick, t, tm, analysis, districtName]);

  // ---- layers ----
  // a shown KDE result replaces the heat layer (two density surfaces on different scales would contradict)
  const kdeShown = layers.analysis.visible && analysis.some((v) => v.kind === 'kde');
  const deckLayers = useMemo(() => {
    const base = buildReportLayers({
      gpu: prep?.gpu ?? null,
      filterValues,
      filter,
      weights,
      config: kdeShown ? { ...layers, heat: { ...layers.heat, visible: false } } : layers,
      zoom,
      heatDensityMax: heatMax,
      hex,
      districts: layers.districts.visible ? data?.districts ?? [] : [],
      districtCounts: evaluation?.byDistrict ?? null,
      pointSample,
      softwareGl,
      heatImage,
      highlight: highlightIdx,
      hoverIndex: isPointsLayerId(hover?.layer?.id) ? hover!.index : -1,
      version: evaluation?.count ?? 0,
    });
    const an = layers.analysis.visible ? buildAnalysisLayers(analysis, lang, layers.analysis.opacity) : [];
    // analysis areas below points and labels; analysis labels (cluster numbers) on top
    const anLabel = (l: { id: string }) => l.id.includes('-labels-');
    const under = (l: { id: string }) => l.id === 'hex' || l.id === 'heat' || l.id === 'heat-raster';
    return [...base.filter(under), ...an.filter((l) => !anLabel(l)), ...base.filter((l) => !under(l)), ...an.filter(anLabel)];
  }, [prep, filterValues, filter, weights, layers, kdeShown, zoom, heatMax, hex, data, evaluation, pointSample, softwareGl, heatImage, highlightIdx, hover, analysis, lang]);

  const legends = useMemo((): LegendSpec[] => {
    const pl = lang === 'pl';
    const out: LegendSpec[] = [];
    if (layers.heat.visible && !kdeShown)
      out.push({ id: 'heat', title: `${t('legendHeat')}, r = ${layers.heat.radiusM} m`, unit: t('unitDensity'), kind: 'ramp', colors: HEAT_COLORS, min: Math.round((heatMax / 40) * 100) / 100, max: heatMax, note: t('legendHeatNote') });
    if (layers.hex.visible && hex)
      out.push({ id: 'hex', title: `${t('legendHex')} (${layers.hex.sizeM} m)`, unit: t('unitReports'), kind: 'ramp', colors: HEX_COLORS, min: 1, max: hex.max });
    if (layers.points.visible) {
      if (layers.points.colorBy === 'status')
        out.push({ id: 'points', title: t('legendPoints'), unit: t('byStatus'), kind: 'classes', items: STATUS_GROUPS.map((g) => ({ color: STATUS_COLORS[g.id], label: pl ? g.name : g.nameEn })) });
      else {
        const present = CATEGORIES.filter((c) => (evaluation?.byCategory[c.code] ?? 0) > 0).slice(0, 12);
        out.push({ id: 'points', title: t('legendPoints'), unit: t('byCategory'), kind: 'classes', items: present.map((c) => ({ color: c.color, label: pl ? c.name : c.nameEn })) });
      }
      if (pointSample && pointSample.cellPx > 0) {
        out[out.length - 1].note = t('legendPointsThinned')
          .replace('{shown}', n(pointSample.index.length))
          .replace('{inView}', n(pointSample.inView))
          .replace('{cell}', String(Math.round(pointSample.cellPx)))
          .replace('{max}', n(pointSample.count.reduce((a, b) => Math.max(a, b), 0)));
      }
    }
    if (layers.districts.visible) out.push({ id: 'beats', title: t('legendBeats'), unit: t('unitReports'), kind: 'classes', items: [{ color: [43, 76, 126], label: t('legendBeatsNote') }] });
    if (layers.analysis.visible)
      out.push(...analysisLegends(analysis, lang).map((l, i) => (kdeShown && layers.heat.visible && analysis[i]?.kind === 'kde' ? { ...l, note: [l.note, tm('ux.kde.replacesHeat')].filter(Boolean).join(' · ') } : l)));
    return out;
  }, [layers, lang, t, tm, n, heatMax, hex, evaluation, analysis, pointSample, kdeShown]);

  const fitBounds = useMemo<LngLatBoundsLike | null>(() => {
    if (!data) return [[14.1, 49.0], [24.2, 54.9]];
    // Open where the reports are: the 2–98 % range of their positions (a few outlying rural reports do not
    // zoom the city out of sight); without reports, the beats; without beats, Poland.
    const robust = robustBounds(data.columns.position);
    if (robust) return robust;
    if (data.districts.length === 0) return [[14.1, 49.0], [24.2, 54.9]];
    const b = data.districts.reduce((acc, d) => [Math.min(acc[0], d.bbox[0]), Math.min(acc[1], d.bbox[1]), Math.max(acc[2], d.bbox[2]), Math.max(acc[3], d.bbox[3])], [180, 90, -180, -90]);
    return [[b[0], b[1]], [b[2], b[3]]];
  }, [data]);

  const basemapEntry = basemaps.find((b) => b.source.id === layers.basemap.sourceId && b.info) ?? null;
  const territoryGeo = useMemo<FeatureCollectionOut | null>(
    () => (data?.territory && data.territory.parts.length > 0
      ? { type: 'FeatureCollection', features: data.territory.parts.map((p) => ({ type: 'Feature' as const, geometry: p.geometry as never, properties: { name: p.name, source: p.source } })) }
      : null),
    [data?.territory],
  );
  const ready = data != null && boundaries.powiaty != null && mapIdle && job == null && settingsLoaded;

  const reportFilter = useMemo(() => toReportFilter(filter), [filter]);
  /** A hotspot chosen in the ranked list: frame its reports (at least ~300 m around its centre) and open them. */
  const openHotspot = useCallback((h: HotspotView) => {
    if (!cols) return;
    const mask = idSelection(cols, h.reportIds);
    let minX = h.lon, minY = h.lat, maxX = h.lon, maxY = h.lat;
    for (let i = 0; i < cols.count; i++) {
      if (!mask[i]) continue;
      const x = cols.position[2 * i], y = cols.position[2 * i + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const dLon = 0.0045, dLat = 0.0027; // ~300 m
    mapInstance?.fitBounds([[Math.min(minX, h.lon - dLon), Math.min(minY, h.lat - dLat)], [Math.max(maxX, h.lon + dLon), Math.max(maxY, h.lat + dLat)]], { padding: 60, duration: 300, maxZoom: 16 });
    const place = h.place ? tm(h.place.label) : (h.beat ?? '');
    setDrill({ sel: { key: `hotspot-${h.rank}-${h.lon}-${h.lat}`, kind: 'cluster', title: tm('hotspots.panel.list.drill', { rank: h.rank, place }) }, mask });
  }, [cols, mapInstance, tm]);

  const zoomToDistrict = useCallback((id: number) => {
    const d = data?.districts.find((x) => x.id === id);
    if (d && mapInstance) mapInstance.fitBounds([[d.bbox[0], d.bbox[1]], [d.bbox[2], d.bbox[3]]], { padding: 60, duration: 300 });
    openDistrict(id);
  }, [data, mapInstance, openDistrict]);

  const summary = describeFilter(filter, { lang, districtName, formatDate: (ms) => formatWarsaw(ms, false) });

  // ---- keyboard shortcuts ----
  const keyState = useRef({ playing, layout, dialog, drill, lang, detailId });
  keyState.current = { playing, layout, dialog, drill, lang, detailId };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)) {
        if (e.key === 'Escape') el.blur();
        return;
      }
      const s = keyState.current;
      const k = e.key;
      if (k === 'Escape') {
        if (s.dialog) setDialog(null);
        else if (s.detailId != null) setDetailId(null);
        else if (s.drill) setDrill(null);
        else setHighlightIds([]);
      } else if (k === '?') setDialog((d) => (d === 'help' ? null : 'help'));
      else if (k === 'l' || k === 'L') setLayout((l) => ({ ...l, layersOpen: !l.layersOpen }));
      else if (k === 'f' || k === 'F') setLayout((l) => ({ ...l, filtersOpen: !l.filtersOpen }));
      else if (k === 't' || k === 'T') setLayout((l) => ({ ...l, timelineOpen: !l.timelineOpen }));
      else if (k === 'b' || k === 'B') setDialog((d) => (d === 'basemaps' ? null : 'basemaps'));
      else if (k === 'j' || k === 'J') setLang(s.lang === 'pl' ? 'en' : 'pl');
      else if (k === 'a' || k === 'A') setAnalysisOpen((o) => !o);
      else if (k === ' ') {
        e.preventDefault();
        setPlaying((p) => !p);
      } else return;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setLang]);

  const hoverIdx = isPointsLayerId(hover?.layer?.id) && cols ? hover!.index : -1;
  const hoverId = hoverIdx >= 0 && cols ? cols.id[hoverIdx] : -1;
  useEffect(() => {
    if (hoverId < 0) return;
    const known = sourceIds.current.get(hoverId);
    if (known !== undefined) {
      setHoverSource({ id: hoverId, sourceId: known });
      return;
    }
    const timer = window.setTimeout(() => {
      void client.api
        .listReports({ ids: [hoverId], limit: 1 })
        .then((r) => {
          const sid = r.rows[0]?.sourceId;
          if (sid === undefined) return;
          sourceIds.current.set(hoverId, sid);
          setHoverSource({ id: hoverId, sourceId: sid });
        })
        .catch(() => undefined);
    }, 40);
    return () => window.clearTimeout(timer);
  }, [hoverId, client]);
  const shown = evaluation ? (isEmptyFilter(filter) ? data!.info.reports : evaluation.count) : null;
  const info = data?.info;

  return (
    <div className="app" data-ready={ready ? 'true' : 'false'}>
      <header className="topbar">
        <div className="brand">
          <strong>{t('appTitle')}</strong>
          <span className="subtitle">{t('subtitle')}</span>
          {switcher ?? (info?.demo && <span className="badge demo">{t('demoBadge')}</span>)}
        </div>
        <nav className="views">
          {(['map', 'import', 'districts', 'briefing'] as const).map((v) => (
            <button key={v} className={layout.view === v ? 'on' : ''} data-testid={`view-${v}-tab`} onClick={() => setLayout((l) => ({ ...l, view: v }))}>
              {t(({ map: 'viewMap', import: 'viewImport', districts: 'viewDistricts', briefing: 'viewBriefing' } as const)[v])}
            </button>
          ))}
        </nav>
        <div className="spacer" />
        <button className="topbtn" data-testid="toggle-filters" onClick={() => setLayout((l) => ({ ...l, filtersOpen: !l.filtersOpen }))} title="F">{t('filters')}</button>
        <button className="topbtn" data-testid="toggle-layers" onClick={() => setLayout((l) => ({ ...l, layersOpen: !l.layersOpen }))} title="L">{t('layers')}</button>
        <button className="topbtn" data-testid="toggle-analysis" onClick={() => setAnalysisOpen((o) => !o)} title="A">{t('analyses')}</button>
        <button className="topbtn" data-testid="reports-export-open" onClick={() => setDialog('export')} disabled={!data}>{tm('provenance.ui.export')}</button>
        <button className="topbtn" data-testid="help-button" onClick={() => setDialog('help')} title="?">?</button>
        <label className="lang">
          {t('language')}{' '}
          <select data-testid="language" value={lang} onChange={(e) => setLang(e.target.value as 'pl' | 'en')}>
            <option value="pl">Polski</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main className={`main${layout.filtersOpen || layout.view === 'districts' ? ' with-filters' : ''}${drill ? ' with-drill' : ''}`}>
        {layout.view === 'districts' && (
          <div className="sidebar districts-side">
            <DistrictsView
              filter={reportFilter}
              selectedDistrictId={drill?.sel.kind === 'beat' ? Number(drill.sel.key.slice(5)) : null}
              onSelectDistrict={(id) => (id == null ? setDrill(null) : zoomToDistrict(id))}
              onChanged={() => void load()}
              map={mapInstance}
              onImportBlocked={info?.demo ? () => setLayout((l) => ({ ...l, view: 'import' })) : undefined}
            />
          </div>
        )}
        {layout.view !== 'districts' && layout.filtersOpen && data && info?.firstReportAt != null && info.lastReportAt != null && (
          <div className="sidebar">
            <FilterPanel filter={filter} onChange={setFilter} firstReportAt={info.firstReportAt} lastReportAt={info.lastReportAt} districts={data.districts} evaluation={evaluation} hasTerritory={(data.territory?.parts.length ?? 0) > 0} />
          </div>
        )}
        <div className="center">
          <div className="map-area">
            <MapView
              layers={deckLayers}
              boundaries={boundaries}
              districts={data?.districtsGeo ?? null}
              territory={territoryGeo}
              showTerritory={layers.territory.visible}
              places={placesGeo}
              showPlaces={layers.places.visible}
              showDistricts={layers.districts.visible}
              showBoundaries={layers.boundaries.visible}
              fitBounds={fitBounds}
              basemap={basemapEntry ? { entry: basemapEntry, opacity: layers.basemap.opacity } : null}
              clickableLayers={CLICKABLE}
              initialView={layout.mapView}
              onIdle={() => setMapIdle(true)}
              onMap={(m, o) => { setMapInstance(m); overlayRef.current = o ?? null; }}
              onClick={onMapClick}
              onHover={(p) => setHover(reportPick(p))}
              onBounds={(bounds, z) => setView({ bounds, zoom: z })}
              onZoom={setZoom}
              onViewChange={(v) => setLayout((l) => ({ ...l, mapView: v }))}
            />
            <div className="filter-summary" data-testid="filter-summary">
              <span className="label">{t('filterNow')}:</span> {summary}
              {evaluation && (
                <span className="summary-count">
                  {' '}— <strong data-testid="shown-count" data-count={evaluation.count}>{n(evaluation.count)}</strong>
                  {evaluation.previous != null && (
                    <span data-testid="previous-count" data-count={evaluation.previous}>
                      {' '}({t('previousPeriod')}: {n(evaluation.previous)}
                      {evaluation.previous > 0 ? `, ${evaluation.count >= evaluation.previous ? '+' : ''}${Math.round(((evaluation.count - evaluation.previous) / evaluation.previous) * 100)}%` : ''})
                    </span>
                  )}
                </span>
              )}
            </div>
            {layout.layersOpen && (
              <LayerPanel config={layers} onChange={setLayers} basemaps={basemaps} onOpenBasemaps={() => setDialog('basemaps')} analysisCount={analysis.length} heatDensityMax={prep?.refDensity ?? 100} hexMax={hexRef} onExportPng={mapInstance ? exportPng : undefined} hasTerritory={(data?.territory?.parts.length ?? 0) > 0}
                placesCount={placesGeo ? { places: placesGeo.places.features.length, streets: placesGeo.streets.features.length } : null} onOpenPlaces={() => setDialog('places')} />
            )}
            <Legends specs={legends} />
            <AnalysisPanel open={analysisOpen} onClose={() => setAnalysisOpen(false)} filter={filter} districts={data?.districts ?? []} views={analysis} onViews={setAnalysis} hover={hover} columns={cols} mask={evaluation?.mask ?? null} layerVisible={layers.analysis.visible} onHotspot={openHotspot} />
            {hover && hoverIdx >= 0 && cols && (
              <div className="tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }} data-testid="tooltip" data-report-id={hoverId}
                data-source-id={hoverSource?.id === hoverId ? hoverSource.sourceId : ''}>
                <div>
                  <strong data-testid="tooltip-number">{hoverSource?.id === hoverId ? tm('provenance.ui.reportNoShort', { id: hoverSource.sourceId }) : tm('provenance.ui.loading')}</strong>
                  {' · '}{formatWarsaw(cols.time[hoverIdx] * 1000)}
                </div>
                <div>{(lang === 'pl' ? categoryByCode(cols.category[hoverIdx])?.name : categoryByCode(cols.category[hoverIdx])?.nameEn) ?? '?'}</div>
                <div className="muted">{(lang === 'pl' ? statusByCode(cols.status[hoverIdx])?.name : statusByCode(cols.status[hoverIdx])?.nameEn) ?? '?'}</div>
              </div>
            )}
            {job && job.kind !== 'analysis' && (
              <div className="job" data-testid="job">
                <div>{job.kind === 'demo' ? t('generatingDemo') : job.kind} – {Math.round(job.progress * 100)}%</div>
                <progress max={1} value={job.progress} />
                <button onClick={() => void client.api.cancelJob({ jobId: job.id })}>{t('cancel')}</button>
              </div>
            )}
            {detailId != null && <ReportDetailPanel id={detailId} onClose={() => setDetailId(null)} />}
            {error && <div className="error" role="alert">{t('error')}: {error}</div>}
            <div className="attribution">{[t('attribution'), basemapEntry?.info?.attribution].filter(Boolean).join(' · ')}</div>
          </div>
          {layout.timelineOpen && prep && histogram.length > 0 && (
            <Timeline
              histogram={histogram}
              count={evaluation?.count ?? null}
              startSec={prep.histStart}
              binSec={prep.binSec}
              from={filter.from}
              to={filter.to}
              onWindow={(from, to) => setFilter((f) => ({ ...f, from, to }))}
              playing={playing}
              onPlaying={setPlaying}
              mode={layout.playMode as PlayMode}
              onMode={(m) => setLayout((l) => ({ ...l, playMode: m }))}
            />
          )}
        </div>
        {drill && stats && prep && (
          <DrillDownPanel
            key={drill.sel.key}
            selection={drill.sel}
            stats={stats}
            ids={drillIds}
            monthLabels={prep.monthLabels}
            periodMonths={periodMonths}
            highlightedIds={new Set(highlightIds)}
            onHighlight={setHighlightIds}
            onOpenReport={setDetailId}
            onClose={() => setDrill(null)}
          />
        )}
        {(layout.view === 'import' || layout.view === 'briefing') && (
          <div className="view-overlay">
            {layout.view === 'import' &&
              (info?.demo ? (
                // demo and real data never mix: the demo takes no imports, a real workspace is offered instead
                <DemoImportNotice onClose={() => setLayout((l) => ({ ...l, view: 'map' }))} />
              ) : (
                <ImportView onImported={() => void load()} onClose={() => setLayout((l) => ({ ...l, view: 'map' }))} />
              ))}
            {layout.view === 'briefing' && (
              <BriefingView filter={reportFilter} selectedDistrictIds={drill?.sel.kind === 'beat' ? [Number(drill.sel.key.slice(5))] : filter.districts?.filter((d) => d > 0) ?? []} onClose={() => setLayout((l) => ({ ...l, view: 'map' }))} />
            )}
          </div>
        )}
      </main>
      <StatusBar info={info ?? null} shown={shown} />
      {dialog === 'help' && <HelpDialog onClose={() => setDialog(null)} />}
      {dialog === 'places' && <PlacesDialog onClose={() => setDialog(null)} onChanged={() => void client.api.getPlacesGeoJson({}).then((g) => setPlacesGeo(g as never)).catch(() => undefined)} />}
      {dialog === 'export' && (
        <ReportsExportDialog
          // the map's filter; 0 in districts = outside all beats (the backend reads it the same way)
          filter={{ ...reportFilter, ...(filter.districts ? { districtIds: [...filter.districts] } : {}) }}
          count={evaluation?.count ?? data?.info.reports ?? 0}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'basemaps' && (
        <BasemapDialog entries={basemaps} onChanged={refreshBasemaps} onClose={() => setDialog(null)} onUse={(id) => setLayers((l) => ({ ...l, basemap: { ...l.basemap, sourceId: id } }))} />
      )}
    </div>
  );
}

export { gpuFilterProps };

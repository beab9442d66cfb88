/**
 * Deck.gl layers, legends, picks and tooltips for analysis results (Gi* hot/cold cells, DBSCAN clusters,
 * KDE grid, emerging hot spots). The builders take the small VIEW shapes defined here;
 * `analysisSource.ts` is the one place that adapts stored results of the analysis engine to them.
 */
import { BitmapLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import { categoryByCode } from '../../core/domain/categories';
import { formatWarsaw } from '../../core/domain/time';
import { msg, type Msg } from '../../core/message';
import { translate } from '../../shared/i18n';
import type { StoredHotspot } from '../../shared/contract/analysis';
import { hotspotHoursMsg, hotspotSinceMsg } from '../../shared/hotspotText';
import type { LegendSpec } from './legends';
import type { ReportFilterInput } from '../../shared/contract';

type Ring = [number, number][];

/** What every view carries about the stored analysis it shows. */
interface ViewBase {
  /** Id of the stored analysis (saved_analyses). */
  analysisId: number;
  name: string;
  createdAt: number;
  /** Reports the analysis ran on (its filter). */
  reportCount: number;
  /** The filter the analysis was run with (a drill-down of its cells counts under it). */
  filter?: ReportFilterInput;
}

export type GiBin = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/** Gi* bins: ±3/±2/±1 = 99/95/90 % confidence (FDR-corrected when `fdr`), 0 = not significant. */
export interface GiCellView {
  polygon: Ring;
  bin: GiBin;
  z: number;
  p: number;
  /** Reports in the cell (in the analysis' filter). */
  count: number;
  /** Features within the distance band, the cell itself included. */
  neighbours: number;
  /** Beat name when aggregated to beats. */
  name?: string;
  /** Report ids in the cell, when the engine gives them (drill-down uses the polygon otherwise). */
  ids?: number[];
  /** Rank of the hotspot the cell belongs to (0 / absent: none). */
  hotspot?: number;
}

/** One ranked hotspot (src/shared/contract/analysis.ts HotspotSchema), as the panel and the map show it. */
export type HotspotView = Omit<StoredHotspot, 'place'> & { place: { name: string | null; label: Msg } | null };

export interface GiResultView extends ViewBase {
  kind: 'gistar';
  /** 'place' (default rule), 'auto-isa' (ArcGIS settings) or 'beats'. */
  rule: 'place' | 'auto-isa' | 'beats';
  /** Parameters actually used (the legend states the rule from them). */
  params: Record<string, unknown>;
  /** Ranked hotspots, best first. */
  hotspots: HotspotView[];
  aggregation: 'hex' | 'square' | 'beats';
  /** Only the significant cells (bin ≠ 0) are kept: they are what the map draws. */
  cells: GiCellView[];
  /** Hexagon side / square side in metres; null for beats. */
  cellSizeM: number | null;
  cellSizeRule: string | null;
  distanceBandM: number;
  distanceBandRule: string;
  fdr: boolean;
  /** Analysed cells (significant or not). */
  cellsAnalysed: number;
  hot: [number, number, number];
  cold: [number, number, number];
}

export interface ClusterView {
  id: number;
  /** Convex hull, lon/lat. */
  hull: Ring;
  centroid: [number, number];
  size: number;
  core: number;
  border: number;
  /** Most frequent category (Polish name as stored) and its code and count. */
  dominantCategory: string | null;
  dominantCategoryCode: number | null;
  dominantCategoryCount: number;
  /** UTC ms of the earliest / latest report. */
  firstTime: number | null;
  lastTime: number | null;
  /** Member report ids (core and border). */
  ids?: number[];
}
export interface DbscanResultView extends ViewBase {
  kind: 'dbscan';
  clusters: ClusterView[];
  noise: number;
  core: number;
  border: number;
  epsM: number;
  minPts: number;
  /** Space-time variant: neighbours also within this many days; null = purely spatial. */
  timeWindowDays: number | null;
}

/** Density grid (reports per km²), row 0 = north, placed on the map by its four WGS84 corners. */
export interface KdeResultView extends ViewBase {
  kind: 'kde';
  /** [[sw], [nw], [ne], [se]] lon/lat: the EPSG:2180 rectangle is a slightly rotated quad in WGS84. */
  corners: [[number, number], [number, number], [number, number], [number, number]];
  cols: number;
  rows: number;
  values: Float32Array | number[];
  /** Fixed class breaks in reports/km², stored with the result (not screen-dependent); below the first: transparent. */
  breaks: number[];
  breaksRule: string;
  bandwidthM: number;
  bandwidthRule: string;
  cellSizeM: number;
  max: number;
}

/**
 * The 17 ArcGIS emerging hot spot categories, in the engine's code order (0 none, 1..8 hot, 9..16 cold).
 * Colours: hot patterns in reds, oranges, yellows and browns, cold ones in blues, teal, purple and grey. Checked
 * (tests/unit/renderer/analysis/emergingColours.test.ts) with the Machado et al. (2009) deuteranopia simulation:
 * every pair differs by CIE76 ΔE ≥ 13 with normal and with deuteranopic vision, every hot colour differs from
 * every cold one by ΔE ≥ 25 for deuteranopes. Light colours (new, sporadic) are drawn with a dark outline.
 */
export const EMERGING_CATEGORIES = [
  { id: 'none', pl: 'Brak wzorca', en: 'No pattern detected', color: [235, 235, 235] },
  { id: 'new-hot', pl: 'Nowy gorący', en: 'New hot spot', color: [254, 224, 144] },
  { id: 'consecutive-hot', pl: 'Kolejny gorący', en: 'Consecutive hot spot', color: [253, 141, 60] },
  { id: 'intensifying-hot', pl: 'Nasilający się gorący', en: 'Intensifying hot spot', color: [215, 25, 28] },
  { id: 'persistent-hot', pl: 'Trwały gorący', en: 'Persistent hot spot', color: [103, 0, 13] },
  { id: 'diminishing-hot', pl: 'Słabnący gorący', en: 'Diminishing hot spot', color: [244, 165, 130] },
  { id: 'sporadic-hot', pl: 'Sporadyczny gorący', en: 'Sporadic hot spot', color: [255, 255, 191] },
  { id: 'oscillating-hot', pl: 'Oscylujący gorący', en: 'Oscillating hot spot', color: [140, 45, 4] },
  { id: 'historical-hot', pl: 'Historyczny gorący', en: 'Historical hot spot', color: [140, 109, 49] },
  { id: 'new-cold', pl: 'Nowy zimny', en: 'New cold spot', color: [171, 217, 233] },
  { id: 'consecutive-cold', pl: 'Kolejny zimny', en: 'Consecutive cold spot', color: [116, 169, 207] },
  { id: 'intensifying-cold', pl: 'Nasilający się zimny', en: 'Intensifying cold spot', color: [5, 112, 176] },
  { id: 'persistent-cold', pl: 'Trwały zimny', en: 'Persistent cold spot', color: [3, 43, 97] },
  { id: 'diminishing-cold', pl: 'Słabnący zimny', en: 'Diminishing cold spot', color: [102, 194, 164] },
  { id: 'sporadic-cold', pl: 'Sporadyczny zimny', en: 'Sporadic cold spot', color: [230, 240, 250] },
  { id: 'oscillating-cold', pl: 'Oscylujący zimny', en: 'Oscillating cold spot', color: [84, 39, 143] },
  { id: 'historical-cold', pl: 'Historyczny zimny', en: 'Historical cold spot', color: [120, 130, 140] },
] as const;
export type EmergingCategoryId = (typeof EMERGING_CATEGORIES)[number]['id'];

export interface EmergingCellView {
  polygon: Ring;
  category: EmergingCategoryId;
  /** Mann-Kendall trend of the cell's Gi* z series. */
  trendZ: number;
  trendP: number;
  /** Reports in the cell over all time steps. */
  count: number;
  /** Gi* bin (-3..3) of the last time step. */
  lastBin: number;
  /** First step ("YYYY-MM" or the Monday "YYYY-MM-DD") of the current run of hot steps, null when not hot now. */
  hotSince: string | null;
  /** Share of the steps in which the cell was a significant hot spot. */
  hotShare: number;
  ids?: number[];
}
export interface EmergingResultView extends ViewBase {
  kind: 'emerging';
  /** Only cells with a pattern (category ≠ none) are kept. */
  cells: EmergingCellView[];
  timeStep: 'week' | 'month';
  steps: number;
  /** First and last step ("YYYY-MM" / Monday "YYYY-MM-DD", Warsaw calendar) and how many partial steps were left out. */
  firstStep: string | null;
  lastStep: string | null;
  excludedSteps: number;
  cellSizeM: number;
  distanceBandM: number;
  cellsAnalysed: number;
}

export type AnalysisView = GiResultView | DbscanResultView | KdeResultView | EmergingResultView;

/** Hot (red) / cold (blue) bins, as in ArcGIS Hot Spot Analysis. */
export const GI_COLORS: Record<number, [number, number, number]> = {
  3: [215, 48, 39],
  2: [252, 141, 89],
  1: [254, 224, 144],
  0: [240, 240, 240],
  [-1]: [224, 243, 248],
  [-2]: [145, 191, 219],
  [-3]: [69, 117, 180],
};

export const KDE_COLORS: [number, number, number][] = [
  [255, 255, 204],
  [199, 233, 180],
  [127, 205, 187],
  [65, 182, 196],
  [44, 127, 184],
  [37, 52, 148],
];

export const CLUSTER_COLOR: [number, number, number] = [110, 0, 140];

/** Colours of the KDE classes: the darkest end of the ramp, one per break. */
export function kdeClassColors(classes: number): [number, number, number][] {
  return KDE_COLORS.slice(Math.max(0, KDE_COLORS.length - classes));
}

/** Class of a density value: -1 below the first break, else k with breaks[k] <= v < breaks[k + 1]. */
export function kdeClassOf(breaks: number[], v: number): number {
  if (!(v >= breaks[0])) return -1;
  let k = 0;
  while (k + 1 < breaks.length && v >= breaks[k + 1]) k++;
  return k;
}

/** RGBA pixels of the KDE grid on its fixed classes (transparent below the first break). */
export function kdePixels(r: Pick<KdeResultView, 'cols' | 'rows' | 'values' | 'breaks'>): Uint8ClampedArray {
  const data = new Uint8ClampedArray(r.cols * r.rows * 4);
  const colors = kdeClassColors(r.breaks.length);
  for (let i = 0; i < r.cols * r.rows; i++) {
    const k = kdeClassOf(r.breaks, r.values[i]);
    if (k < 0) continue;
    const c = colors[k];
    data[i * 4] = c[0];
    data[i * 4 + 1] = c[1];
    data[i * 4 + 2] = c[2];
    data[i * 4 + 3] = 190;
  }
  return data;
}

const kdeImages = new WeakMap<KdeResultView, ImageData>();
function kdeImage(r: KdeResultView): ImageData {
  let img = kdeImages.get(r);
  if (!img) {
    img = new ImageData(kdePixels(r) as Uint8ClampedArray<ArrayBuffer>, r.cols, r.rows);
    kdeImages.set(r, img);
  }
  return img;
}

/** A picked analysis object, for the drill-down. */
export interface AnalysisPick {
  label: string;
  /** One more line for the drill-down header (statistics of the object in the analysis). */
  details?: string;
  polygon: Ring | null;
  ids: number[] | null;
}

const collisionFilter = new CollisionFilterExtension();
const emergingColor = new Map(EMERGING_CATEGORIES.map((c) => [c.id, c.color as readonly number[]]));
const EMERGING_LIGHT = new Set<EmergingCategoryId>(['new-hot', 'sporadic-hot', 'diminishing-hot', 'new-cold', 'sporadic-cold']);

export function buildAnalysisLayers(views: AnalysisView[], lang: 'pl' | 'en', opacity: number): Layer[] {
  const layers: Layer[] = [];
  views.forEach((v, n) => {
    if (v.kind === 'gistar') {
      layers.push(
        new PolygonLayer<GiCellView>({
          id: `gistar-${n}`,
          // views hold significant cells only; passing the same array keeps deck.gl from re-tessellating on every rebuild
          data: v.cells,
          getPolygon: (c) => c.polygon,
          getFillColor: (c) => [...GI_COLORS[c.bin], 200],
          getLineColor: [255, 255, 255, 180],
          lineWidthMinPixels: 0.5,
          opacity,
          pickable: true,
        }),
      );
      if (v.hotspots.length > 0) {
        // ranked hotspots: a ring and the rank at every zoom (place-scale cells are tiny at command scale); not
        // pickable, so the cells below keep their tooltip and drill-down
        layers.push(
          new ScatterplotLayer<HotspotView>({
            id: `gistar-hotspots-${n}`,
            data: v.hotspots,
            getPosition: (h) => [h.lon, h.lat],
            getRadius: 60,
            radiusMinPixels: 9,
            radiusMaxPixels: 30,
            stroked: true,
            filled: false,
            getLineColor: [...GI_COLORS[3], 255],
            lineWidthMinPixels: 2.5,
            opacity: Math.max(opacity, 0.6),
            pickable: false,
          }),
          new TextLayer<HotspotView>({
            id: `gistar-hotspot-labels-${n}`,
            data: v.hotspots,
            getPosition: (h) => [h.lon, h.lat],
            getText: (h) => String(h.rank),
            getSize: 14,
            fontWeight: 700,
            sizeMinPixels: 11,
            getPixelOffset: [0, -22],
            getColor: [120, 10, 10, 255],
            outlineWidth: 4,
            outlineColor: [255, 255, 255, 235],
            fontSettings: { sdf: true },
            fontFamily: 'DejaVu Sans, Arial, sans-serif',
            characterSet: 'auto',
            pickable: false,
          }),
        );
      }
    } else if (v.kind === 'emerging') {
      layers.push(
        new PolygonLayer<EmergingCellView>({
          id: `emerging-${n}`,
          data: v.cells,
          getPolygon: (c) => c.polygon,
          getFillColor: (c) => [...((emergingColor.get(c.category) ?? [200, 200, 200]) as [number, number, number]), 215],
          // the light patterns (new, sporadic) need an outline on a light basemap
          getLineColor: (c) => (EMERGING_LIGHT.has(c.category) ? [70, 70, 70, 200] : [255, 255, 255, 160]),
          lineWidthMinPixels: 0.7,
          opacity,
          pickable: true,
        }),
      );
    } else if (v.kind === 'kde') {
      layers.push(new BitmapLayer({ id: `kde-${n}`, image: kdeImage(v) as never, bounds: v.corners, opacity, pickable: false }));
    } else if (v.kind === 'dbscan') {
      layers.push(
        new PolygonLayer<ClusterView>({
          id: `dbscan-${n}`,
          data: v.clusters,
          getPolygon: (c) => c.hull,
          getFillColor: [128, 0, 160, 60],
          getLineColor: [...CLUSTER_COLOR, 255],
          lineWidthMinPixels: 2.5,
          stroked: true,
          opacity,
          pickable: true,
        }),
        new TextLayer<ClusterView, CollisionFilterExtensionProps<ClusterView>>({
          id: `dbscan-labels-${n}`,
          data: v.clusters,
          getPosition: (c) => c.centroid,
          getText: (c) => `#${c.id} (${c.size})`,
          getSize: 13,
          fontWeight: 700,
          sizeMinPixels: 10,
          // labels that would overlap are hidden (on the GPU, at every zoom); bigger clusters win
          extensions: [collisionFilter],
          collisionEnabled: true,
          collisionGroup: `dbscan-labels-${n}`,
          getCollisionPriority: (c) => Math.min(1000, c.size),
          collisionTestProps: { sizeScale: 1.6 },
          getColor: [75, 0, 105, 255],
          outlineWidth: 4,
          outlineColor: [255, 255, 255, 230],
          fontSettings: { sdf: true },
          fontFamily: 'DejaVu Sans, Arial, sans-serif',
          characterSet: 'auto',
        }),
      );
    }
  });
  void lang;
  return layers;
}

const fmtNum = (v: number, lang: 'pl' | 'en', digits = 2) => v.toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: digits });
/** "p = 0,0123" or "p < 0,0001". */
const fmtP = (p: number, lang: 'pl' | 'en') => (p < 0.0001 ? `p < ${lang === 'pl' ? '0,0001' : '0.0001'}` : `p = ${fmtNum(p, lang, 4)}`);
const day = (ms: number | null) => (ms == null ? '?' : formatWarsaw(ms, false));
const conf = (bin: number) => ({ 3: 99, 2: 95, 1: 90 })[Math.abs(bin) as 1 | 2 | 3];

/** Category name in the UI language (the stored name is Polish). */
function categoryName(code: number | null, stored: string | null, lang: 'pl' | 'en'): string {
  const c = code != null ? categoryByCode(code) : undefined;
  return (c ? (lang === 'pl' ? c.name : c.nameEn) : stored) ?? '?';
}

/** What a click on an analysis layer selects for the drill-down. */
export function analysisPick(layerId: string, object: unknown, lang: 'pl' | 'en'): AnalysisPick | null {
  const pl = lang === 'pl';
  if (!object) return null;
  if (layerId.startsWith('gistar-')) {
    const c = object as GiCellView;
    const kind = c.bin > 0 ? (pl ? 'Gorące pole' : 'Hot spot') : c.bin < 0 ? (pl ? 'Zimne pole' : 'Cold spot') : pl ? 'Pole nieistotne' : 'Not significant';
    const where = c.name ? ` – ${c.name}` : '';
    const member = c.hotspot ? ` · ${translate(lang, msg('hotspots.cell.member', { rank: c.hotspot }))}` : '';
    return {
      label: `${kind}${c.bin !== 0 ? ` ${conf(c.bin)}%` : ''}${where}`,
      details: (pl
        ? `Gi*: z = ${fmtNum(c.z, lang)}, ${fmtP(c.p, lang)}, ${c.count} zgł. w polu w filtrze analizy, ${c.neighbours} pól w paśmie sąsiedztwa`
        : `Gi*: z = ${fmtNum(c.z, lang)}, ${fmtP(c.p, lang)}, ${c.count} reports in the cell in the analysis filter, ${c.neighbours} cells within the distance band`) + member,
      polygon: c.polygon,
      ids: c.ids ?? null,
    };
  }
  if (layerId.startsWith('emerging-')) {
    const c = object as EmergingCellView;
    const cat = EMERGING_CATEGORIES.find((x) => x.id === c.category);
    return {
      label: cat ? cat[lang] : c.category,
      details: (pl
        ? `Trend Manna-Kendalla: z = ${fmtNum(c.trendZ, lang)}, ${fmtP(c.trendP, lang)} · ${c.count} zgł. w polu w filtrze analizy`
        : `Mann-Kendall trend: z = ${fmtNum(c.trendZ, lang)}, ${fmtP(c.trendP, lang)} · ${c.count} reports in the cell in the analysis filter`)
        + ` · ${translate(lang, c.hotSince ? msg('hotspots.emerging.hotSince', { step: c.hotSince, share: Math.round(c.hotShare * 100) }) : msg('hotspots.emerging.hotShare', { share: Math.round(c.hotShare * 100) }))}`,
      polygon: c.polygon,
      ids: c.ids ?? null,
    };
  }
  if (layerId.startsWith('dbscan-')) {
    const c = object as ClusterView;
    const dom = c.dominantCategory != null ? `${categoryName(c.dominantCategoryCode, c.dominantCategory, lang)} (${c.dominantCategoryCount})` : '?';
    return {
      label: `${pl ? 'Skupisko' : 'Cluster'} #${c.id}`,
      details: pl
        ? `DBSCAN: ${c.size} zgł. (${c.core} rdzeniowych, ${c.border} brzegowych) · najczęstsza kategoria: ${dom} · ${day(c.firstTime)} – ${day(c.lastTime)}`
        : `DBSCAN: ${c.size} reports (${c.core} core, ${c.border} border) · most frequent category: ${dom} · ${day(c.firstTime)} – ${day(c.lastTime)}`,
      polygon: c.hull,
      ids: c.ids ?? null,
    };
  }
  return null;
}

/** Tooltip lines for an analysis object under the pointer (null when the layer is not an analysis layer). */
export function analysisTooltip(layerId: string, object: unknown, lang: 'pl' | 'en'): string[] | null {
  const p = analysisPick(layerId, object, lang);
  if (!p) return null;
  return [p.label, ...(p.details ? p.details.split(' · ') : [])];
}

const RULES: Record<string, { pl: string; en: string }> = {
  user: { pl: 'podane', en: 'given' },
  'mean-nn': { pl: 'auto: śr. odl. do najbliższego sąsiada', en: 'auto: mean nearest-neighbour distance' },
  'max-cells': { pl: 'auto: limit liczby pól', en: 'auto: cell-count cap' },
  'isa-peak': { pl: 'auto: szczyt autokorelacji (Moran I)', en: 'auto: peak of spatial autocorrelation (Moran I)' },
  'kth-neighbour': { pl: 'auto: śr. odl. do k-tego sąsiada', en: 'auto: mean k-th neighbour distance' },
  'arcgis-default': { pl: 'auto: reguła ArcGIS', en: 'auto: ArcGIS rule' },
  'median-nn': { pl: 'auto: mediana odl. do najbliższego zgłoszenia', en: 'auto: median nearest-report distance' },
  'min-place': { pl: 'auto: skala miejsca, najmniej 100 m', en: 'auto: place scale, at least 100 m' },
  'max-place': { pl: 'auto: skala miejsca, najwyżej', en: 'auto: place scale, at most' },
  'kth-median': { pl: 'auto: mediana odl. do k-tego zgłoszenia', en: 'auto: median k-th report distance' },
  'volume-contours': { pl: 'klasy: obszary z 50/75/90/95/99 % zgłoszeń', en: 'classes: areas holding 50/75/90/95/99 % of reports' },
  fixed: { pl: 'klasy stałe', en: 'fixed classes' },
};
export function ruleName(rule: string | null | undefined, lang: 'pl' | 'en'): string {
  if (!rule) return '';
  return RULES[rule]?.[lang] ?? rule;
}

const m = (v: number) => `${Math.round(v).toLocaleString('pl-PL')} m`;

/** The parameters of a view in one line (legend titles, lists). */
export function describeViewParams(v: AnalysisView, lang: 'pl' | 'en'): string {
  const pl = lang === 'pl';
  if (v.kind === 'gistar') {
    const agg = v.aggregation === 'beats' ? (pl ? 'rejony' : 'beats') : v.aggregation === 'square' ? (pl ? 'kwadraty' : 'squares') : pl ? 'sześciokąty' : 'hexagons';
    const size = v.cellSizeM != null ? ` ${m(v.cellSizeM)}` : '';
    const rule = v.rule === 'auto-isa' ? (pl ? ', ustawienia ArcGIS' : ', ArcGIS settings') : '';
    return `${agg}${size}, ${pl ? 'pasmo' : 'band'} ${m(v.distanceBandM)}${v.fdr ? ', FDR' : ''}${rule}`;
  }
  if (v.kind === 'dbscan') {
    const tw = v.timeWindowDays != null ? (pl ? `, okno ${fmtNum(v.timeWindowDays, lang)} dni` : `, window ${fmtNum(v.timeWindowDays, lang)} days`) : '';
    return `ε = ${m(v.epsM)}, min${pl ? '.' : ''} ${v.minPts}${tw}`;
  }
  if (v.kind === 'kde') return pl ? `jądro kwartyczne, promień ${m(v.bandwidthM)}, siatka ${m(v.cellSizeM)}` : `quartic kernel, radius ${m(v.bandwidthM)}, grid ${m(v.cellSizeM)}`;
  return pl
    ? `krok: ${v.timeStep === 'week' ? 'tydzień' : 'miesiąc'} (${v.steps}), sześciokąty ${m(v.cellSizeM)}, pasmo ${m(v.distanceBandM)}`
    : `step: ${v.timeStep} (${v.steps}), hexagons ${m(v.cellSizeM)}, band ${m(v.distanceBandM)}`;
}

export function analysisLegends(views: AnalysisView[], lang: 'pl' | 'en'): LegendSpec[] {
  const pl = lang === 'pl';
  const int = (x: number) => x.toLocaleString(pl ? 'pl-PL' : 'en-GB');
  const made = (v: AnalysisView) => `${v.name} · ${formatWarsaw(v.createdAt)} · ${int(v.reportCount)} ${pl ? 'zgł.' : 'reports'}`;
  return views.map((v, n): LegendSpec => {
    const id = `${v.kind}${n === 0 ? '' : `-${n}`}`;
    if (v.kind === 'gistar') {
      const sig = v.hot[0] + v.hot[1] + v.hot[2] + v.cold[0] + v.cold[1] + v.cold[2];
      const minReports = typeof v.params.minReports === 'number' ? v.params.minReports : 5;
      const rule = translate(lang, v.rule === 'auto-isa' ? msg('hotspots.legend.isa') : v.rule === 'beats' ? msg('hotspots.legend.beats') : msg('hotspots.legend.place', {
        reference: typeof v.params.referenceRadius === 'number' ? Math.round(v.params.referenceRadius) : 1000,
      }));
      return {
        id,
        title: `${pl ? 'Gi* – gorące i zimne pola' : 'Gi* hot and cold spots'} (${describeViewParams(v, lang)})`,
        unit: pl ? `ufność${v.fdr ? ', korekta FDR' : ''}` : `confidence${v.fdr ? ', FDR-corrected' : ''}`,
        kind: 'classes',
        items: [
          ...[3, 2, 1, -1, -2, -3].map((b) => {
            const k = b > 0 ? v.hot[b - 1] : v.cold[-b - 1];
            return { color: GI_COLORS[b], label: `${b > 0 ? (pl ? 'gorące' : 'hot') : pl ? 'zimne' : 'cold'} ${conf(b)}% (${k})` };
          }),
          { color: [...GI_COLORS[3]] as [number, number, number], label: translate(lang, msg('hotspots.legend.marker', { count: v.hotspots.length, min: minReports })) },
        ],
        note: `${rule} ${pl ? `${int(sig)} z ${int(v.cellsAnalysed)} pól istotnych; nieistotne nie są rysowane` : `${int(sig)} of ${int(v.cellsAnalysed)} cells significant; others not drawn`} · ${made(v)}`,
      };
    }
    if (v.kind === 'emerging') {
      const counts = new Map<string, number>();
      for (const c of v.cells) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
      return {
        id,
        title: `${pl ? 'Wyłaniające się gorące pola' : 'Emerging hot spots'} (${describeViewParams(v, lang)})`,
        unit: pl ? 'kategoria trendu (pola)' : 'trend category (cells)',
        kind: 'classes',
        items: EMERGING_CATEGORIES.filter((c) => counts.has(c.id)).map((c) => ({ color: [...c.color] as [number, number, number], label: `${c[lang]} (${counts.get(c.id)})` })),
        note: `${pl ? `${int(v.cells.length)} z ${int(v.cellsAnalysed)} pól ze wzorcem` : `${int(v.cells.length)} of ${int(v.cellsAnalysed)} cells with a pattern`}. ${translate(lang, msg('hotspots.legend.emerging', { first: v.firstStep ?? '?', last: v.lastStep ?? '?', excluded: v.excludedSteps }))} · ${made(v)}`,
      };
    }
    if (v.kind === 'kde') {
      const colors = kdeClassColors(v.breaks.length);
      const f = (x: number) => fmtNum(x, lang, x < 1 ? 2 : x < 10 ? 1 : 0);
      return {
        id,
        title: `${pl ? 'Gęstość jądrowa' : 'Kernel density'} (${describeViewParams(v, lang)})`,
        unit: pl ? 'zgł./km²' : 'reports/km²',
        kind: 'classes',
        items: v.breaks.map((b, k) => ({ color: colors[k], label: k + 1 < v.breaks.length ? `${f(b)}–${f(v.breaks[k + 1])}` : `≥ ${f(b)}` })),
        note: `${pl ? `stała skala zapisana z wynikiem; maks. ${f(v.max)}` : `fixed scale stored with the result; max ${f(v.max)}`} · ${made(v)}`,
      };
    }
    return {
      id,
      title: `${pl ? 'Skupiska DBSCAN' : 'DBSCAN clusters'} (${describeViewParams(v, lang)})`,
      unit: pl ? 'zgłoszenia' : 'reports',
      kind: 'classes',
      items: [{ color: CLUSTER_COLOR, label: pl ? `obrys skupiska: #nr (liczba zgłoszeń)` : `cluster hull: #id (report count)` }],
      note: `${pl ? `${int(v.clusters.length)} skupisk, ${int(v.noise)} punktów szumu` : `${int(v.clusters.length)} clusters, ${int(v.noise)} noise points`} · ${made(v)}`,
    };
  });
}

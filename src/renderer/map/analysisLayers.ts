/**
 * Deck.gl layers and legends for analysis results (Gi* hot/cold cells, DBSCAN clusters, KDE grid,
 * emerging hot spots). The analysis engine (src/core/analysis, issue 5) was still being written when
 * this was built, so these builders take small VIEW shapes defined here; `analysisSource.ts` is the one
 * place that adapts the engine's results (and its API method) to them.
 */
import { BitmapLayer, PolygonLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { LegendSpec } from './legends';

type Ring = [number, number][];

/** Gi* bins: ±3/±2/±1 = 99/95/90 % confidence (FDR-corrected), 0 = not significant. */
export interface GiCellView {
  polygon: Ring;
  bin: -3 | -2 | -1 | 0 | 1 | 2 | 3;
  z: number;
  count: number;
  /** Report ids in the cell, when the engine gives them (drill-down uses the polygon otherwise). */
  ids?: number[];
}
export interface GiResultView {
  kind: 'gistar';
  cells: GiCellView[];
  cellSizeM: number;
  distanceBandM: number;
}

export interface ClusterView {
  id: number;
  /** Convex (or concave) hull, lon/lat. */
  hull: Ring;
  centroid: [number, number];
  size: number;
  ids?: number[];
}
export interface DbscanResultView {
  kind: 'dbscan';
  clusters: ClusterView[];
  noise: number;
  epsM: number;
  minPts: number;
}

/** Regular lon/lat grid of densities (reports per km²), row 0 = north. */
export interface KdeResultView {
  kind: 'kde';
  bounds: [number, number, number, number];
  cols: number;
  rows: number;
  values: Float32Array | number[];
  /** Fixed legend maximum (reports per km²); values above saturate. */
  domainMax: number;
  bandwidthM: number;
}

/** The 17 ArcGIS emerging hot spot categories (hot 1..8, cold 9..16, 0 = no pattern). */
export const EMERGING_CATEGORIES = [
  { id: 'none', pl: 'Brak wzorca', en: 'No pattern detected', color: [235, 235, 235] },
  { id: 'new-hot', pl: 'Nowy gorący', en: 'New hot spot', color: [255, 180, 180] },
  { id: 'consecutive-hot', pl: 'Kolejny gorący', en: 'Consecutive hot spot', color: [250, 140, 140] },
  { id: 'intensifying-hot', pl: 'Narastający gorący', en: 'Intensifying hot spot', color: [220, 40, 40] },
  { id: 'persistent-hot', pl: 'Trwały gorący', en: 'Persistent hot spot', color: [180, 20, 30] },
  { id: 'diminishing-hot', pl: 'Słabnący gorący', en: 'Diminishing hot spot', color: [240, 110, 80] },
  { id: 'sporadic-hot', pl: 'Sporadyczny gorący', en: 'Sporadic hot spot', color: [250, 200, 120] },
  { id: 'oscillating-hot', pl: 'Oscylujący gorący', en: 'Oscillating hot spot', color: [230, 150, 60] },
  { id: 'historical-hot', pl: 'Historyczny gorący', en: 'Historical hot spot', color: [200, 160, 140] },
  { id: 'new-cold', pl: 'Nowy zimny', en: 'New cold spot', color: [180, 200, 255] },
  { id: 'consecutive-cold', pl: 'Kolejny zimny', en: 'Consecutive cold spot', color: [140, 170, 250] },
  { id: 'intensifying-cold', pl: 'Narastający zimny', en: 'Intensifying cold spot', color: [40, 80, 220] },
  { id: 'persistent-cold', pl: 'Trwały zimny', en: 'Persistent cold spot', color: [20, 40, 160] },
  { id: 'diminishing-cold', pl: 'Słabnący zimny', en: 'Diminishing cold spot', color: [90, 140, 230] },
  { id: 'sporadic-cold', pl: 'Sporadyczny zimny', en: 'Sporadic cold spot', color: [150, 200, 230] },
  { id: 'oscillating-cold', pl: 'Oscylujący zimny', en: 'Oscillating cold spot', color: [80, 170, 200] },
  { id: 'historical-cold', pl: 'Historyczny zimny', en: 'Historical cold spot', color: [150, 160, 200] },
] as const;
export type EmergingCategoryId = (typeof EMERGING_CATEGORIES)[number]['id'];

export interface EmergingCellView {
  polygon: Ring;
  category: EmergingCategoryId;
  ids?: number[];
}
export interface EmergingResultView {
  kind: 'emerging';
  cells: EmergingCellView[];
  timeStep: string;
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

/** A picked analysis object, for the drill-down. */
export interface AnalysisPick {
  label: string;
  polygon: Ring | null;
  ids: number[] | null;
}

const emergingColor = new Map(EMERGING_CATEGORIES.map((c) => [c.id, c.color as readonly number[]]));

/** Pixels of the KDE grid on a fixed colour scale (transparent below 2 % of the maximum). */
export function kdeImage(r: KdeResultView): ImageData {
  const img = new ImageData(r.cols, r.rows);
  for (let i = 0; i < r.cols * r.rows; i++) {
    const v = r.values[i] / r.domainMax;
    if (!(v > 0.02)) continue;
    const k = Math.min(KDE_COLORS.length - 1, Math.floor(Math.min(1, v) * KDE_COLORS.length));
    img.data.set([...KDE_COLORS[k], 200], i * 4);
  }
  return img;
}

export function buildAnalysisLayers(views: AnalysisView[], lang: 'pl' | 'en', opacity: number): Layer[] {
  const layers: Layer[] = [];
  views.forEach((v, n) => {
    if (v.kind === 'gistar') {
      layers.push(
        new PolygonLayer<GiCellView>({
          id: `gistar-${n}`,
          data: v.cells.filter((c) => c.bin !== 0),
          getPolygon: (c) => c.polygon,
          getFillColor: (c) => [...GI_COLORS[c.bin], 200],
          getLineColor: [255, 255, 255, 180],
          lineWidthMinPixels: 0.5,
          opacity,
          pickable: true,
        }),
      );
    } else if (v.kind === 'emerging') {
      layers.push(
        new PolygonLayer<EmergingCellView>({
          id: `emerging-${n}`,
          data: v.cells.filter((c) => c.category !== 'none'),
          getPolygon: (c) => c.polygon,
          getFillColor: (c) => [...((emergingColor.get(c.category) ?? [200, 200, 200]) as [number, number, number]), 210],
          getLineColor: [255, 255, 255, 180],
          lineWidthMinPixels: 0.5,
          opacity,
          pickable: true,
        }),
      );
    } else if (v.kind === 'kde') {
      const [w, s, e, nn] = v.bounds;
      layers.push(new BitmapLayer({ id: `kde-${n}`, image: kdeImage(v) as never, bounds: [w, s, e, nn], opacity, pickable: false }));
    } else if (v.kind === 'dbscan') {
      layers.push(
        new PolygonLayer<ClusterView>({
          id: `dbscan-${n}`,
          data: v.clusters,
          getPolygon: (c) => c.hull,
          getFillColor: [128, 0, 160, 45],
          getLineColor: [110, 0, 140, 255],
          lineWidthMinPixels: 2,
          stroked: true,
          opacity,
          pickable: true,
        }),
        new TextLayer<ClusterView>({
          id: `dbscan-labels-${n}`,
          data: v.clusters,
          getPosition: (c) => c.centroid,
          getText: (c) => `#${c.id} (${c.size})`,
          getSize: 12,
          getColor: [90, 0, 120, 255],
          outlineWidth: 3,
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

/** What a click on an analysis layer selects for the drill-down. */
export function analysisPick(layerId: string, object: unknown, lang: 'pl' | 'en'): AnalysisPick | null {
  const pl = lang === 'pl';
  if (layerId.startsWith('gistar-')) {
    const c = object as GiCellView;
    const conf = { 3: 99, 2: 95, 1: 90 }[Math.abs(c.bin) as 1 | 2 | 3];
    return { label: `${c.bin > 0 ? (pl ? 'Gorące pole' : 'Hot spot') : pl ? 'Zimne pole' : 'Cold spot'} (${conf}%, z = ${c.z.toFixed(2)})`, polygon: c.polygon, ids: c.ids ?? null };
  }
  if (layerId.startsWith('emerging-')) {
    const c = object as EmergingCellView;
    const cat = EMERGING_CATEGORIES.find((x) => x.id === c.category);
    return { label: cat ? cat[lang] : c.category, polygon: c.polygon, ids: c.ids ?? null };
  }
  if (layerId.startsWith('dbscan-')) {
    const c = object as ClusterView;
    return { label: `${pl ? 'Skupisko' : 'Cluster'} #${c.id}`, polygon: c.hull, ids: c.ids ?? null };
  }
  return null;
}

export function analysisLegends(views: AnalysisView[], lang: 'pl' | 'en'): LegendSpec[] {
  const pl = lang === 'pl';
  return views.map((v): LegendSpec => {
    if (v.kind === 'gistar')
      return {
        id: 'gistar',
        title: pl ? `Gi* – gorące i zimne pola (komórka ${Math.round(v.cellSizeM)} m)` : `Gi* hot and cold spots (${Math.round(v.cellSizeM)} m cells)`,
        unit: pl ? 'ufność (FDR)' : 'confidence (FDR)',
        kind: 'classes',
        items: [3, 2, 1, -1, -2, -3].map((b) => ({ color: GI_COLORS[b], label: `${b > 0 ? (pl ? 'gorące' : 'hot') : pl ? 'zimne' : 'cold'} ${{ 3: 99, 2: 95, 1: 90 }[Math.abs(b) as 1 | 2 | 3]}%` })),
      };
    if (v.kind === 'emerging')
      return {
        id: 'emerging',
        title: pl ? `Wyłaniające się gorące pola (krok: ${v.timeStep})` : `Emerging hot spots (step: ${v.timeStep})`,
        unit: pl ? 'kategoria trendu' : 'trend category',
        kind: 'classes',
        items: EMERGING_CATEGORIES.filter((c) => c.id !== 'none' && v.cells.some((x) => x.category === c.id)).map((c) => ({ color: [...c.color] as [number, number, number], label: c[lang] })),
      };
    if (v.kind === 'kde')
      return {
        id: 'kde',
        title: pl ? `Gęstość jądrowa (promień ${Math.round(v.bandwidthM)} m)` : `Kernel density (radius ${Math.round(v.bandwidthM)} m)`,
        unit: pl ? 'zgł./km²' : 'reports/km²',
        kind: 'ramp',
        colors: KDE_COLORS,
        min: 0,
        max: v.domainMax,
      };
    return {
      id: 'dbscan',
      title: pl ? `Skupiska DBSCAN (ε = ${Math.round(v.epsM)} m, min. ${v.minPts})` : `DBSCAN clusters (ε = ${Math.round(v.epsM)} m, min ${v.minPts})`,
      unit: pl ? `${v.clusters.length} skupisk, ${v.noise} punktów szumu` : `${v.clusters.length} clusters, ${v.noise} noise points`,
      kind: 'classes',
      items: [{ color: [110, 0, 140], label: pl ? 'obrys skupiska (liczba zgłoszeń)' : 'cluster hull (report count)' }],
    };
  });
}

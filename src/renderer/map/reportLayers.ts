import { BitmapLayer, ScatterplotLayer, TextLayer, PolygonLayer } from '@deck.gl/layers';
import { DataFilterExtension } from '@deck.gl/extensions';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { CATEGORIES } from '../../core/domain/categories';
import { STATUSES } from '../../core/domain/statuses';
import type { ReportColumns } from '../../shared/columns';
import type { DistrictSummary } from '../../shared/contract';
import { ALL_CATEGORY_CODES, ALL_HOURS, ALL_STATUS_CODES, ALL_WEEKDAYS, type FilterState } from '../data/filter';
import type { HexGrid } from '../data/hexbin';
import { FixedDensityHeatmapLayer, radiusPixelsFor } from './fixedHeatmapLayer';
import { sampleColors, thinnedRadiusScale, type PointSample } from '../data/pointLod';
import type { LayerConfig } from './layerConfig';

/**
 * DataFilterExtension whose category keys ARE the values (0..31). deck.gl normally assigns keys in
 * order of first appearance through a per-object transform, which binary attributes bypass; with
 * identity keys the GPU filter works on typed arrays directly.
 */
class CodeFilterExtension extends DataFilterExtension {
  static override extensionName = 'CodeFilterExtension';
  override _getCategoryKey(category: number): number {
    return category;
  }
}


/** One extension instance: deck.gl compares extensions by reference. */
export const GPU_FILTER = new CodeFilterExtension({ filterSize: 2, categorySize: 4 });

/** Per-dataset GPU attributes; built once when the data arrives. */
export interface GpuData {
  cols: ReportColumns;
  /** time origin of the filter values, UTC seconds */
  baseSec: number;
  /** [minutes since base, district passes (0/1)] interleaved */
  filterValues: Float32Array;
  /** [category, status, weekday, hour] interleaved */
  filterCategories: Uint32Array;
  categoryColors: Uint8Array;
  statusColors: Uint8Array;
  /** Heat weights: 1 where the report passes the filter (CPU mask) */
  weights: Float32Array;
}

export const STATUS_COLORS: Record<string, [number, number, number]> = {
  open: [240, 160, 20],
  confirmed: [200, 30, 40],
  rejected: [120, 130, 140],
};

function colorTable(kind: 'category' | 'status'): Uint8Array {
  const t = new Uint8Array(256 * 3).fill(128);
  if (kind === 'category') for (const c of CATEGORIES) t.set(c.color, c.code * 3);
  else for (const s of STATUSES) t.set(STATUS_COLORS[s.group], s.code * 3);
  return t;
}

function colorsOf(cols: ReportColumns, kind: 'category' | 'status'): Uint8Array {
  const table = colorTable(kind);
  const src = kind === 'category' ? cols.category : cols.status;
  const out = new Uint8Array(cols.count * 4);
  for (let i = 0; i < cols.count; i++) {
    const k = src[i] * 3;
    out[4 * i] = table[k];
    out[4 * i + 1] = table[k + 1];
    out[4 * i + 2] = table[k + 2];
    out[4 * i + 3] = 255;
  }
  return out;
}

export function buildGpuData(cols: ReportColumns, baseSec: number): GpuData {
  const n = cols.count;
  const filterValues = new Float32Array(n * 2);
  const filterCategories = new Uint32Array(n * 4);
  for (let i = 0; i < n; i++) {
    filterValues[2 * i] = (cols.time[i] - baseSec) / 60;
    filterValues[2 * i + 1] = 1;
    filterCategories[4 * i] = cols.category[i] & 31;
    filterCategories[4 * i + 1] = cols.status[i] & 31;
    filterCategories[4 * i + 2] = cols.weekday[i];
    filterCategories[4 * i + 3] = cols.hour[i];
  }
  return {
    cols, baseSec, filterValues, filterCategories,
    categoryColors: colorsOf(cols, 'category'), statusColors: colorsOf(cols, 'status'),
    weights: new Float32Array(n).fill(1),
  };
}

/**
 * Update the pass column of the filter values (only when the beat or territory filter changes): 1 when the report's
 * beat passes and it lies inside / outside the territory as asked (outside: -1 all, 0 inside only, 1 outside only).
 * Returns a new array so deck re-uploads it.
 */
export function withDistrictPass(g: GpuData, districtLookup: Uint8Array | null, outside: -1 | 0 | 1 = -1): Float32Array {
  const n = g.cols.count;
  const out = new Float32Array(g.filterValues);
  const nd = districtLookup ? districtLookup.length : 0;
  const flags = g.cols.flags;
  for (let i = 0; i < n; i++) {
    const d = g.cols.district[i];
    const beat = districtLookup === null ? 1 : d < nd ? districtLookup[d] : 0;
    out[2 * i + 1] = beat && (outside < 0 || (flags[i] & 1) === outside) ? 1 : 0;
  }
  return out;
}

export function gpuFilterProps(f: FilterState, baseSec: number) {
  const lo = f.from == null ? -1e9 : (f.from / 1000 - baseSec) / 60;
  // the filter range is inclusive: stop just before the exclusive end (values are whole seconds / 60)
  const hi = f.to == null ? 1e9 : (f.to / 1000 - baseSec) / 60 - 1 / 120;
  return {
    filterRange: [[lo, hi], [0.5, 1.5]] as [number, number][],
    filterCategories: [
      (f.categories ?? ALL_CATEGORY_CODES).filter((c) => c < 32),
      (f.statuses ?? ALL_STATUS_CODES).filter((c) => c < 32),
      f.weekdays ?? ALL_WEEKDAYS,
      f.hours ?? ALL_HOURS,
    ] as number[][],
  };
}

export const HEAT_COLORS: [number, number, number][] = [
  [255, 255, 178],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

/** Sequential blues for hexagon counts (fixed domain). */
export const HEX_COLORS: [number, number, number][] = [
  [222, 235, 247],
  [198, 219, 239],
  [158, 202, 225],
  [107, 174, 214],
  [49, 130, 189],
  [8, 81, 156],
];

export function hexColor(count: number, max: number): [number, number, number, number] {
  if (count <= 0) return [0, 0, 0, 0];
  const k = Math.min(HEX_COLORS.length - 1, Math.floor((count / max) * HEX_COLORS.length));
  return [...HEX_COLORS[Math.max(0, k)], 255];
}

/** Layer id of the thinned points (software WebGL); the full layer is 'points'. */
export const SAMPLED_POINTS_ID = 'points-sampled';

/** A pick on either points layer. */
export function isPointsLayerId(id: string | undefined): boolean {
  return id === 'points' || id === SAMPLED_POINTS_ID;
}

export interface BuildInput {
  gpu: GpuData | null;
  /** district-pass filter values for the current beat filter */
  filterValues: Float32Array | null;
  filter: FilterState;
  /** heat input: one weighted point per occupied heat cell for the current CPU mask (see data/heatBins) */
  weights: { length: number; position: Float32Array; weight: Float32Array } | null;
  config: LayerConfig;
  zoom: number;
  heatDensityMax: number;
  hex: { grid: HexGrid; counts: Uint32Array; max: number } | null;
  districts: DistrictSummary[];
  districtCounts: Uint32Array | null;
  /** WebGL is software-rendered: the heat layer uses a smaller weight texture (each texel costs CPU time). */
  softwareGl?: boolean;
  /** The heat layer as a CPU-computed image (software WebGL with many reports, data/heatRaster) instead of deck's heatmap. */
  heatImage?: { image: ImageData; bounds: [number, number, number, number] } | null;
  /** Software-rendered WebGL with more reports than it can draw: the points to draw instead of all (data/pointLod). */
  pointSample?: PointSample | null;
  highlight: Uint32Array;
  hoverIndex: number;
  version: number;
}

export interface HexDatum {
  index: number;
  polygon: [number, number][];
  count: number;
}

export function buildReportLayers(input: BuildInput): Layer[] {
  const { gpu, config } = input;
  const layers: Layer[] = [];
  if (gpu && gpu.cols.count > 0) {
    const cols = gpu.cols;
    if (config.hex.visible && input.hex) {
      const { grid, counts, max } = input.hex;
      const data: HexDatum[] = [];
      for (let c = 0; c < grid.cellCount; c++) if (counts[c] > 0) data.push({ index: c, polygon: grid.polygons[c], count: counts[c] });
      layers.push(
        new PolygonLayer<HexDatum>({
          id: 'hex',
          data,
          getPolygon: (d) => d.polygon,
          getFillColor: (d) => hexColor(d.count, max),
          getLineColor: [255, 255, 255, 160],
          lineWidthMinPixels: 0.5,
          stroked: true,
          opacity: config.hex.opacity,
          pickable: true,
          updateTriggers: { getFillColor: [max] },
        }),
      );
    }
    if (config.heat.visible && input.heatImage) {
      layers.push(new BitmapLayer({ id: 'heat-raster', image: input.heatImage.image as never, bounds: input.heatImage.bounds, opacity: config.heat.opacity, pickable: false }));
    } else if (config.heat.visible && input.weights) {
      const lat = cols.position[1];
      layers.push(
        new FixedDensityHeatmapLayer({
          id: 'heat',
          data: { length: input.weights.length, attributes: { getPosition: { value: input.weights.position, size: 2 }, getWeight: { value: input.weights.weight, size: 1 } } } as never,
          radiusPixels: radiusPixelsFor(config.heat.radiusM, input.zoom, lat),
          densityDomain: [input.heatDensityMax / 40, input.heatDensityMax],
          intensity: 1,
          colorRange: HEAT_COLORS,
          aggregation: 'SUM',
          opacity: config.heat.opacity,
          debounceTimeout: 0,
          // deck's default 2048² float texture is redrawn and reduced on every update: ~1 s per frame in
          // SwiftShader; 512² (one texel ≈ 60 m across a 30 km command) keeps a 400 m kernel smooth
          weightsTextureSize: input.softwareGl ? 512 : 2048,
        } as never),
      );
    }
    if (config.points.visible && input.pointSample) {
      // already filtered and thinned on the CPU: no GPU filter; pick indices are sample indices. Its own id:
      // deck.gl cannot take the filter extension off a layer it already has.
      const colors = config.points.colorBy === 'status' ? gpu.statusColors : gpu.categoryColors;
      const sample = input.pointSample;
      const base = config.points.radiusPx * pointZoomScale(input.zoom);
      const radius = new Float32Array(sample.index.length);
      let most = 1;
      for (let k = 0; k < sample.count.length; k++) most = Math.max(most, sample.count[k]);
      for (let k = 0; k < radius.length; k++) radius[k] = base * thinnedRadiusScale(sample.count[k], most);
      layers.push(
        new ScatterplotLayer({
          id: SAMPLED_POINTS_ID,
          data: {
            length: sample.index.length,
            attributes: {
              getPosition: { value: sample.position, size: 2 },
              getFillColor: { value: sampleColors(colors, sample), size: 4, normalized: true },
              getRadius: { value: radius, size: 1 },
            },
          } as never,
          radiusUnits: 'pixels',
          radiusMinPixels: 1,
          stroked: false,
          opacity: config.points.opacity,
          pickable: true,
        } as never),
      );
    } else if (config.points.visible && input.filterValues) {
      const colors = config.points.colorBy === 'status' ? gpu.statusColors : gpu.categoryColors;
      layers.push(
        new ScatterplotLayer({
          id: 'points',
          data: {
            length: cols.count,
            attributes: {
              getPosition: { value: cols.position, size: 2 },
              getFillColor: { value: colors, size: 4, normalized: true },
              getFilterValue: { value: input.filterValues, size: 2 },
              getFilterCategory: { value: gpu.filterCategories, size: 4 },
            },
          } as never,
          radiusUnits: 'pixels',
          // at overview zooms points shrink so the heat between them stays readable
          getRadius: config.points.radiusPx * pointZoomScale(input.zoom),
          radiusMinPixels: 1,
          stroked: false,
          opacity: config.points.opacity,
          pickable: true,
          extensions: [GPU_FILTER],
          ...gpuFilterProps(input.filter, gpu.baseSec),
        } as never),
      );
    }
    const hl = input.highlight;
    const hover = input.hoverIndex;
    if (hl.length > 0 || hover >= 0) {
      const idx = hover >= 0 ? [...hl, hover] : [...hl];
      layers.push(
        new ScatterplotLayer<number>({
          id: 'highlight',
          data: idx,
          getPosition: (i) => [cols.position[2 * i], cols.position[2 * i + 1]],
          getRadius: (i) => (i === hover ? 9 : 7),
          radiusUnits: 'pixels',
          getFillColor: [255, 255, 255, 40],
          getLineColor: (i) => (i === hover ? [0, 0, 0, 255] : [0, 200, 255, 255]),
          lineWidthUnits: 'pixels',
          getLineWidth: 2.5,
          stroked: true,
          updateTriggers: { getRadius: [hover], getLineColor: [hover] },
        }),
      );
    }
  }
  if (config.districts.visible && config.districts.labels && input.districts.length > 0) {
    const counts = input.districtCounts;
    const text = (d: DistrictSummary) => (config.districts.counts && counts ? `${d.name}\n${counts[d.id] ?? 0}` : d.name);
    // city beats are small: labels that would overlap at this zoom are left out, busiest beats win
    const shown = declutterLabels(input.districts, Math.round(input.zoom * 4) / 4, text, (d) => d.reportCount);
    layers.push(
      new TextLayer<DistrictSummary>({
        id: 'district-labels',
        data: shown,
        getPosition: (d) => d.labelPoint,
        getText: text,
        getSize: 12,
        getColor: [25, 45, 80, 255],
        fontFamily: 'DejaVu Sans, Arial, sans-serif',
        fontWeight: 600,
        characterSet: 'auto',
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
        sizeMinPixels: 9,
        lineHeight: 1.1,
        billboard: true,
        updateTriggers: { getText: [input.version, config.districts.counts] },
      }),
    );
  }
  return layers;
}

export type { PickingInfo };

/** Point size factor by zoom: 0.4 at city-overview zoom 11 and below, full size from zoom 14. */
export function pointZoomScale(zoom: number): number {
  return Math.min(1, Math.max(0.4, 0.4 + ((zoom - 11) * 0.6) / 3));
}

/**
 * Labels that fit without overlapping at a zoom level, greedily by priority (Web Mercator pixel boxes of
 * roughly 7 px per character and 14 px per line, centred on the label point, with a 4 px margin).
 */
export function declutterLabels<T extends { labelPoint: [number, number] }>(
  items: readonly T[],
  zoom: number,
  text: (d: T) => string,
  priority: (d: T) => number,
): T[] {
  const scale = 512 * 2 ** zoom;
  const boxes: [number, number, number, number][] = [];
  const out: T[] = [];
  for (const d of [...items].sort((a, b) => priority(b) - priority(a))) {
    const [lon, lat] = d.labelPoint;
    const x = ((lon + 180) / 360) * scale;
    const s = Math.sin((lat * Math.PI) / 180);
    const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
    const lines = text(d).split('\n');
    const hw = (Math.max(...lines.map((l) => l.length)) * 7) / 2 + 4;
    const hh = (lines.length * 14) / 2 + 4;
    const box: [number, number, number, number] = [x - hw, y - hh, x + hw, y + hh];
    if (boxes.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
    boxes.push(box);
    out.push(d);
  }
  return out;
}

import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { CATEGORIES } from '../../core/domain/categories';
import type { ReportColumns } from '../../shared/columns';
import type { DistrictSummary } from '../../shared/contract';

/** Per-point RGBA colours by category, computed once per dataset (typed array, not objects). */
export function categoryColors(cols: ReportColumns): Uint8Array {
  const table = new Uint8Array(256 * 3).fill(128);
  for (const c of CATEGORIES) table.set(c.color, c.code * 3);
  const out = new Uint8Array(cols.count * 4);
  for (let i = 0; i < cols.count; i++) {
    const k = cols.category[i] * 3;
    out[4 * i] = table[k];
    out[4 * i + 1] = table[k + 1];
    out[4 * i + 2] = table[k + 2];
    out[4 * i + 3] = 210;
  }
  return out;
}

export const HEAT_COLORS: [number, number, number][] = [
  [255, 255, 178],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

export interface LayerToggles {
  points: boolean;
  heat: boolean;
  districts: boolean;
}

export function buildReportLayers(cols: ReportColumns | null, colors: Uint8Array | null, districts: DistrictSummary[], toggles: LayerToggles): Layer[] {
  const layers: Layer[] = [];
  if (cols && cols.count > 0) {
    const data = { length: cols.count, attributes: { getPosition: { value: cols.position, size: 2 } } };
    if (toggles.heat) {
      layers.push(
        new HeatmapLayer({
          id: 'heat',
          data: data as never,
          radiusPixels: 28,
          intensity: 1,
          threshold: 0.04,
          colorRange: HEAT_COLORS,
          getWeight: 1,
          opacity: 0.75,
        }),
      );
    }
    if (toggles.points && colors) {
      layers.push(
        new ScatterplotLayer({
          id: 'points',
          data: { length: cols.count, attributes: { getPosition: { value: cols.position, size: 2 }, getFillColor: { value: colors, size: 4, normalized: true } } } as never,
          radiusUnits: 'meters',
          getRadius: 12,
          radiusMinPixels: 1.2,
          radiusMaxPixels: 6,
          stroked: false,
        }),
      );
    }
  }
  if (toggles.districts && districts.length > 0) {
    layers.push(
      new TextLayer<DistrictSummary>({
        id: 'district-labels',
        data: districts,
        getPosition: (d) => d.labelPoint,
        getText: (d) => d.name,
        getSize: 12,
        getColor: [25, 45, 80, 255],
        fontFamily: 'DejaVu Sans, Arial, sans-serif',
        fontWeight: 600,
        characterSet: 'auto',
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 220],
        fontSettings: { sdf: true },
        sizeMinPixels: 9,
        billboard: true,
      }),
    );
  }
  return layers;
}

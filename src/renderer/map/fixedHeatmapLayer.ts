import { HeatmapLayer, type HeatmapLayerProps } from '@deck.gl/aggregation-layers';

/**
 * Integral of deck.gl's heatmap kernel over its disk, in units of radius²: the kernel is
 * exp(-u²/0.05555) / (√π · 0.166666) with u = distance / radius (weights-fs.glsl), so
 * ∫ K dA = π R² · 0.05555 · (1 − e^(−1/0.05555)) / 0.2954 ≈ 0.5908 R².
 */
export const KERNEL_INTEGRAL_PER_R2 = (Math.PI * 0.05555 * (1 - Math.exp(-1 / 0.05555))) / (1.77245385 * 0.166666);

/**
 * A HeatmapLayer whose colours mean a FIXED density in reports per km², whatever the zoom or pan:
 * a uniform density ρ (per m²) gives a weight-texture value ρ · 0.5908 · R², R the kernel radius in
 * metres (radiusPixels × metres per pixel). deck.gl's own colorDomain is rescaled per texel and its
 * automatic domain follows the viewport; here the domain is set in those texture units after deck
 * prepares its weight map.
 */
export class FixedDensityHeatmapLayer<D = unknown> extends HeatmapLayer<D, { densityDomain: [number, number] }> {
  static override layerName = 'FixedDensityHeatmapLayer';

  override _updateWeightmap(): void {
    super._updateWeightmap();
    const { densityDomain, radiusPixels } = this.props as unknown as { densityDomain: [number, number]; radiusPixels: number };
    const viewport = this.context.viewport as unknown as { zoom: number; latitude: number };
    // ground size of a screen pixel in Web Mercator at the view's latitude (as the shader's project_pixel_size)
    const radiusM = radiusPixels * metersPerPixelAt(viewport.zoom, viewport.latitude);
    const state = this.state as unknown as { colorDomain: number[]; weightsScale: number };
    const k = KERNEL_INTEGRAL_PER_R2 * radiusM * radiusM * state.weightsScale * 1e-6; // per km² → texture value
    state.colorDomain = [densityDomain[0] * k, densityDomain[1] * k];
  }
}

export type FixedDensityHeatmapLayerProps<D> = HeatmapLayerProps<D> & { densityDomain: [number, number] };

export function metersPerPixelAt(zoom: number, latitude: number): number {
  return (40_075_016.686 * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** Kernel radius in screen pixels for a ground radius at a zoom level (deck's limit is 1..100). */
export function radiusPixelsFor(radiusM: number, zoom: number, latitude: number): number {
  return Math.min(100, Math.max(1, radiusM / metersPerPixelAt(zoom, latitude)));
}

import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ReportFilterInput } from '../../shared/contract';

/**
 * Beat districts view: beat list sorted by any statistic, import of beat files, drawing and editing.
 * Mounted by App (side panel); placeholder until the districts feature fills it in.
 */
export interface DistrictsViewProps {
  /** The current filter (stats are computed for it). */
  filter: ReportFilterInput;
  selectedDistrictId: number | null;
  /** Select a beat: App zooms to it and opens its drill-down panel. */
  onSelectDistrict(id: number | null): void;
  /** Beats were imported or edited: App reloads districts and report columns. */
  onChanged(): void;
  /** The map, for drawing and editing beats (null until it has loaded). */
  map: MapLibreMap | null;
}

export function DistrictsView(_props: DistrictsViewProps) {
  return null;
}

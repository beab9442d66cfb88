import type { StyleSpecification } from 'maplibre-gl';

/**
 * The offline basemap: no tiles, no network, no token. Bundled administrative boundaries
 * (voivodeships, powiaty from PRG) and the workspace's beat districts, added as GeoJSON sources.
 */
export function offlineStyle(): StyleSpecification {
  const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };
  return {
    version: 8,
    sources: { wojewodztwa: empty, powiaty: empty, districts: empty, territory: empty },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef0ea' } },
      { id: 'powiaty-fill', type: 'fill', source: 'powiaty', paint: { 'fill-color': '#f8f8f4', 'fill-opacity': 1 } },
      { id: 'powiaty-line', type: 'line', source: 'powiaty', paint: { 'line-color': '#b9b9ad', 'line-width': 0.8 } },
      { id: 'wojewodztwa-line', type: 'line', source: 'wojewodztwa', paint: { 'line-color': '#8a8a7a', 'line-width': 1.6 } },
      {
        id: 'districts-fill',
        type: 'fill',
        source: 'districts',
        paint: { 'fill-color': ['case', ['==', ['get', 'kind'], 'city'], '#dfe7f2', '#e8efe0'], 'fill-opacity': 0.55 },
      },
      { id: 'districts-line', type: 'line', source: 'districts', paint: { 'line-color': '#2b4c7e', 'line-width': 1.6, 'line-opacity': 0.9 } },
      // the command's territory: a dark dashed outline over everything else of the basemap
      { id: 'territory-line', type: 'line', source: 'territory', paint: { 'line-color': '#1b1b1b', 'line-width': 2.4, 'line-dasharray': [3, 1.5], 'line-opacity': 0.85 } },
    ],
  };
}

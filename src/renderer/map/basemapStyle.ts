import type { StyleSpecification } from 'maplibre-gl';
import { LABEL_FONT } from './vectorStyles';

/**
 * The offline basemap: no tiles, no network, no token. Bundled administrative boundaries
 * (voivodeships, powiaty from PRG), the workspace's beat districts and its named streets and places, added as
 * GeoJSON sources. Labels use local fonts (no `glyphs` URL: MapLibre draws the glyphs itself).
 */
/** The carriageway of imported streets, and the halo of their names. */
const STREET_FILL = '#fffdf6';

export function offlineStyle(): StyleSpecification {
  const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };
  return {
    version: 8,
    sources: { wojewodztwa: empty, powiaty: empty, districts: empty, territory: empty, streets: empty, places: empty },
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
      // streets and places the user imported (and the demo's places): streets drawn as roads (a grey casing, from z14
      // a light carriageway wide enough to hold the name), small dots for places, names from z13 / z11. The name sits
      // on the carriageway with a halo of the carriageway's colour, so nothing shows through the gaps between words
      // (a thin line under a name peeked out between words as "al.·Armii·Krajowej").
      {
        id: 'streets-casing', type: 'line', source: 'streets', minzoom: 11, layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#a59c89', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.6, 13, 1.4, 14, 3, 15, 6, 16, 11, 17, 17, 18, 26] },
      },
      {
        id: 'streets-line', type: 'line', source: 'streets', minzoom: 13.5, layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': STREET_FILL, 'line-width': ['interpolate', ['linear'], ['zoom'], 13.5, 0.5, 14, 1.5, 15, 4.2, 16, 8.8, 17, 14.6, 18, 23.4] },
      },
      { id: 'places-circle', type: 'circle', source: 'places', minzoom: 11, paint: { 'circle-radius': 3, 'circle-color': '#5b5446', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
      {
        id: 'streets-label', type: 'symbol', source: 'streets', minzoom: 13,
        layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10.5, 17, 13], 'text-max-angle': 30, 'symbol-spacing': 300 },
        paint: { 'text-color': '#3f3a31', 'text-halo-color': STREET_FILL, 'text-halo-width': 1.6 },
      },
      {
        id: 'places-label', type: 'symbol', source: 'places', minzoom: 11,
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': ['interpolate', ['linear'], ['zoom'], 11, 10.5, 16, 13], 'text-offset': [0, 0.7], 'text-anchor': 'top', 'text-max-width': 9, 'text-optional': true },
        paint: { 'text-color': '#26231d', 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.6 },
      },
    ],
  };
}

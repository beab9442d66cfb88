/**
 * Street-map styles for local vector archives (issue 13, point 6): one compact hand-written style per schema,
 * chosen from the archive's `vector_layers` metadata, with a neutral generic style for anything else.
 *
 * - OpenMapTiles (OpenMapTiles / MapTiler / Planetiler "openmaptiles" profile): transportation, transportation_name,
 *   building, water, waterway, landuse, landcover, park, place.
 * - Protomaps basemap (v3 `pmap:kind` and v4 `kind`): earth, water, landuse, landcover, roads, buildings, places.
 *
 * Colours are restrained (greys, off-whites, pale water and green) so the analysis layers drawn over the map stay
 * readable. Labels (street names, places) are drawn by MapLibre from local fonts: the style has no `glyphs` URL,
 * so MapLibre 5.11+ rasterises the glyphs itself with the text-font names as CSS font families (plus sans-serif).
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';

export type VectorSchema = 'openmaptiles' | 'protomaps' | 'generic';

/** The archive's schema from the ids of its vector layers. */
export function detectVectorSchema(vectorLayers: readonly { id: string }[]): VectorSchema {
  const ids = new Set(vectorLayers.map((l) => l.id));
  const any = (names: string[]) => names.some((n) => ids.has(n));
  if (ids.has('transportation') && any(['transportation_name', 'water', 'building', 'place', 'landuse'])) return 'openmaptiles';
  if (ids.has('roads') && any(['earth', 'water', 'buildings', 'places', 'landuse'])) return 'protomaps';
  return 'generic';
}

/** Local fonts (no glyph server): CSS families tried in order, then sans-serif. DejaVu ships with Debian. */
export const LABEL_FONT = ['DejaVu Sans', 'Noto Sans', 'Arial'];
export const LABEL_FONT_BOLD = ['DejaVu Sans Bold', 'Noto Sans Bold', 'Arial Bold'];
/** Polish name first, then the default and Latin-script names. */
export const NAME: ExpressionSpecification = ['coalesce', ['get', 'name:pl'], ['get', 'name'], ['get', 'name:latin'], ['get', 'name_int'], ''];

const C = {
  land: '#f3f1ea',
  residential: '#ece9e1',
  green: '#dde8d0',
  wood: '#d3e2c6',
  water: '#b9d3e8',
  waterLine: '#9cbfdc',
  building: '#dcd6cc',
  buildingLine: '#cbc3b5',
  casing: '#b9b0a0',
  minorCasing: '#d0c9bc',
  major: '#f6e3b0',
  motorway: '#efcf8c',
  road: '#ffffff',
  path: '#a99f8e',
  rail: '#9f998f',
  text: '#3f3a31',
  placeText: '#26231d',
  halo: 'rgba(255,255,255,0.92)',
};

const zoomWidth = (stops: [number, number][]): ExpressionSpecification => ['interpolate', ['exponential', 1.5], ['zoom'], ...stops.flat()] as ExpressionSpecification;
const isLine: FilterSpecification = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const isPolygon: FilterSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const isPoint: FilterSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];

function lineLayer(id: string, source: string, sourceLayer: string, filter: ExpressionSpecification, color: string, width: [number, number][], opacity: number, dash?: number[]): LayerSpecification {
  return {
    id, type: 'line', source, 'source-layer': sourceLayer, filter: ['all', isLine, filter] as FilterSpecification,
    layout: { 'line-cap': dash ? 'butt' : 'round', 'line-join': 'round' },
    paint: { 'line-color': color, 'line-width': zoomWidth(width), 'line-opacity': opacity, ...(dash ? { 'line-dasharray': dash } : {}) },
  };
}

export interface SchemaStyle {
  /** Area, line and road layers: drawn under the beats and boundaries. */
  layers: LayerSpecification[];
  /** Street names and place labels: drawn on top of every line. */
  labels: LayerSpecification[];
}

/** Street names along the lines (symbol-placement line), from z13. */
function streetLabels(id: string, source: string, sourceLayer: string, filter: FilterSpecification, opacity: number): LayerSpecification {
  return {
    id, type: 'symbol', source, 'source-layer': sourceLayer, minzoom: 13, filter,
    layout: {
      'symbol-placement': 'line', 'text-field': NAME, 'text-font': LABEL_FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10, 16, 12.5, 18, 14],
      'text-max-angle': 30, 'text-padding': 2, 'symbol-spacing': 280,
    },
    paint: { 'text-color': C.text, 'text-halo-color': C.halo, 'text-halo-width': 1.6, 'text-opacity': opacity },
  };
}

function placeLabels(id: string, source: string, sourceLayer: string, bigFilter: ExpressionSpecification, opacity: number): LayerSpecification {
  return {
    id, type: 'symbol', source, 'source-layer': sourceLayer, filter: isPoint,
    layout: {
      'text-field': NAME,
      'text-font': ['case', bigFilter, ['literal', LABEL_FONT_BOLD], ['literal', LABEL_FONT]],
      'text-size': ['interpolate', ['linear'], ['zoom'], 8, ['case', bigFilter, 12, 9.5], 14, ['case', bigFilter, 17, 12], 16, ['case', bigFilter, 18, 13.5]],
      'text-max-width': 8, 'text-padding': 4,
    },
    paint: { 'text-color': C.placeText, 'text-halo-color': C.halo, 'text-halo-width': 1.8, 'text-opacity': opacity },
  };
}

/** OpenMapTiles schema (https://openmaptiles.org/schema/). */
export function openMapTilesStyle(source: string, opacity: number): SchemaStyle {
  const o = (v: number) => v * opacity;
  const cls = (...values: string[]): ExpressionSpecification => ['match', ['get', 'class'], values, true, false];
  const motorway = cls('motorway', 'trunk');
  const major = cls('primary', 'secondary', 'tertiary');
  const minor = cls('minor', 'service', 'residential', 'unclassified', 'living_street', 'street');
  const path = cls('path', 'track', 'pedestrian', 'footway', 'cycleway', 'steps', 'bridleway');
  const rail = cls('rail', 'transit');
  const road = (id: string, filter: ExpressionSpecification, color: string, width: [number, number][], dash?: number[]): LayerSpecification =>
    lineLayer(id, source, 'transportation', filter, color, width, opacity, dash);
  return {
    layers: [
      { id: 'basemap-omt-landcover', type: 'fill', source, 'source-layer': 'landcover', filter: isPolygon, paint: { 'fill-color': ['match', ['get', 'class'], ['wood', 'forest'], C.wood, C.green], 'fill-opacity': o(0.7) } },
      { id: 'basemap-omt-landuse', type: 'fill', source, 'source-layer': 'landuse', filter: isPolygon, paint: { 'fill-color': ['match', ['get', 'class'], ['park', 'cemetery', 'grass', 'recreation_ground', 'pitch'], C.green, C.residential], 'fill-opacity': o(0.8) } },
      { id: 'basemap-omt-park', type: 'fill', source, 'source-layer': 'park', filter: isPolygon, paint: { 'fill-color': C.green, 'fill-opacity': o(0.8) } },
      { id: 'basemap-omt-water', type: 'fill', source, 'source-layer': 'water', filter: isPolygon, paint: { 'fill-color': C.water, 'fill-opacity': opacity } },
      { id: 'basemap-omt-waterway', type: 'line', source, 'source-layer': 'waterway', filter: isLine, paint: { 'line-color': C.waterLine, 'line-width': zoomWidth([[10, 0.6], [16, 3]]), 'line-opacity': opacity } },
      { id: 'basemap-omt-building', type: 'fill', source, 'source-layer': 'building', minzoom: 13, filter: isPolygon, paint: { 'fill-color': C.building, 'fill-outline-color': C.buildingLine, 'fill-opacity': o(0.9) } },
      road('basemap-omt-path', path, C.path, [[14, 0.6], [18, 1.6]], [2, 1.5]),
      road('basemap-omt-rail', rail, C.rail, [[12, 0.8], [18, 2]], [3, 2]),
      road('basemap-omt-minor-casing', minor, C.minorCasing, [[12, 0.8], [14, 3], [18, 16]]),
      road('basemap-omt-major-casing', ['any', major, motorway] as ExpressionSpecification, C.casing, [[8, 1], [12, 3], [14, 6], [18, 24]]),
      road('basemap-omt-minor', minor, C.road, [[12, 0.4], [14, 2], [18, 13]]),
      road('basemap-omt-major', major, C.major, [[8, 0.6], [12, 2], [14, 4.5], [18, 20]]),
      road('basemap-omt-motorway', motorway, C.motorway, [[6, 0.6], [12, 2.4], [14, 5], [18, 20]]),
    ],
    labels: [
      streetLabels('basemap-omt-street-names', source, 'transportation_name', isLine, opacity),
      placeLabels('basemap-omt-places', source, 'place', ['match', ['get', 'class'], ['city', 'town'], true, false], opacity),
    ],
  };
}

/** Protomaps basemap schema (https://docs.protomaps.com/basemaps/layers), v4 `kind` with v3 `pmap:kind` as fallback. */
export function protomapsStyle(source: string, opacity: number): SchemaStyle {
  const o = (v: number) => v * opacity;
  const kind: ExpressionSpecification = ['coalesce', ['get', 'kind'], ['get', 'pmap:kind'], ''];
  const is = (...values: string[]): ExpressionSpecification => ['match', kind, values, true, false];
  const road = (id: string, filter: ExpressionSpecification, color: string, width: [number, number][], dash?: number[]): LayerSpecification =>
    lineLayer(id, source, 'roads', filter, color, width, opacity, dash);
  const highway = is('highway');
  const major = is('major_road', 'medium_road');
  const minor = is('minor_road', 'other');
  return {
    layers: [
      { id: 'basemap-pm-earth', type: 'fill', source, 'source-layer': 'earth', filter: isPolygon, paint: { 'fill-color': C.land, 'fill-opacity': o(0.9) } },
      { id: 'basemap-pm-landcover', type: 'fill', source, 'source-layer': 'landcover', filter: isPolygon, paint: { 'fill-color': C.wood, 'fill-opacity': o(0.6) } },
      {
        id: 'basemap-pm-landuse', type: 'fill', source, 'source-layer': 'landuse', filter: isPolygon,
        paint: { 'fill-color': ['match', kind, ['park', 'forest', 'wood', 'grass', 'cemetery', 'nature_reserve', 'garden', 'playground', 'pitch'], C.green, C.residential], 'fill-opacity': o(0.8) },
      },
      { id: 'basemap-pm-water', type: 'fill', source, 'source-layer': 'water', filter: isPolygon, paint: { 'fill-color': C.water, 'fill-opacity': opacity } },
      { id: 'basemap-pm-water-lines', type: 'line', source, 'source-layer': 'water', filter: isLine, paint: { 'line-color': C.waterLine, 'line-width': zoomWidth([[10, 0.6], [16, 3]]), 'line-opacity': opacity } },
      { id: 'basemap-pm-buildings', type: 'fill', source, 'source-layer': 'buildings', minzoom: 13, filter: isPolygon, paint: { 'fill-color': C.building, 'fill-outline-color': C.buildingLine, 'fill-opacity': o(0.9) } },
      road('basemap-pm-path', is('path'), C.path, [[14, 0.6], [18, 1.6]], [2, 1.5]),
      road('basemap-pm-rail', is('rail'), C.rail, [[12, 0.8], [18, 2]], [3, 2]),
      road('basemap-pm-minor-casing', minor, C.minorCasing, [[12, 0.8], [14, 3], [18, 16]]),
      road('basemap-pm-major-casing', ['any', major, highway] as ExpressionSpecification, C.casing, [[8, 1], [12, 3], [14, 6], [18, 24]]),
      road('basemap-pm-minor', minor, C.road, [[12, 0.4], [14, 2], [18, 13]]),
      road('basemap-pm-major', major, C.major, [[8, 0.6], [12, 2], [14, 4.5], [18, 20]]),
      road('basemap-pm-highway', highway, C.motorway, [[6, 0.6], [12, 2.4], [14, 5], [18, 20]]),
    ],
    labels: [
      streetLabels('basemap-pm-street-names', source, 'roads', ['all', isLine, ['!', is('rail')]] as FilterSpecification, opacity),
      placeLabels('basemap-pm-places', source, 'places', ['match', kind, ['locality', 'country', 'region'], true, false], opacity),
    ],
  };
}

/** Anything else: a neutral style per vector layer (areas, lines; roads by their layer name). */
export function genericVectorStyle(source: string, vectorLayers: readonly { id: string }[], opacity: number): SchemaStyle {
  const layers: LayerSpecification[] = [];
  const casings: LayerSpecification[] = [];
  for (const vl of vectorLayers.slice(0, 40)) {
    const road = /road|street|transport|highway|ulic/i.test(vl.id);
    const water = /water|river|wod/i.test(vl.id);
    layers.push(
      {
        id: `basemap-${vl.id}-fill`, type: 'fill', source, 'source-layer': vl.id, filter: isPolygon,
        paint: { 'fill-color': water ? C.water : '#e4e2da', 'fill-opacity': 0.6 * opacity },
      },
      {
        id: `basemap-${vl.id}-line`, type: 'line', source, 'source-layer': vl.id, filter: isLine,
        paint: { 'line-color': road ? C.road : water ? C.waterLine : '#c2beb2', 'line-width': road ? ['interpolate', ['linear'], ['zoom'], 10, 0.6, 16, 5] : 0.8, 'line-opacity': opacity },
      },
    );
    if (road)
      casings.push({
        id: `basemap-${vl.id}-casing`, type: 'line', source, 'source-layer': vl.id, filter: isLine,
        paint: { 'line-color': C.casing, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.2, 16, 7], 'line-opacity': opacity },
      });
  }
  return { layers: [...casings, ...layers], labels: [] };
}

/** The style of a vector archive: by its schema, else generic. */
export function vectorArchiveStyle(source: string, vectorLayers: readonly { id: string }[], opacity: number): SchemaStyle & { schema: VectorSchema } {
  const schema = detectVectorSchema(vectorLayers);
  const style = schema === 'openmaptiles' ? openMapTilesStyle(source, opacity) : schema === 'protomaps' ? protomapsStyle(source, opacity) : genericVectorStyle(source, vectorLayers, opacity);
  return { ...style, schema };
}

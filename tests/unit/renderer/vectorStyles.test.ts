import { describe, expect, it } from 'vitest';
import { featureFilter, validateStyleMin, type FilterSpecification, type LayerSpecification, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { detectVectorSchema, vectorArchiveStyle } from '../../../src/renderer/map/vectorStyles';
import { offlineStyle } from '../../../src/renderer/map/basemapStyle';
import { BASEMAP_PRESETS } from '../../../src/shared/basemapPresets';
import { BasemapSourceSchema } from '../../../src/shared/contract/map';
import { fillTileUrl } from '../../../src/backend/map/basemaps';

/** vector_layers of real archives: OpenMapTiles (planetiler/openmaptiles), Protomaps basemap v4 and v3. */
const OMT = ['aerodrome_label', 'aeroway', 'boundary', 'building', 'housenumber', 'landcover', 'landuse', 'mountain_peak', 'park', 'place', 'poi', 'transportation', 'transportation_name', 'water', 'water_name', 'waterway'].map((id) => ({ id }));
const PM4 = ['boundaries', 'buildings', 'earth', 'landcover', 'landuse', 'places', 'pois', 'roads', 'water'].map((id) => ({ id }));
const PM3 = ['earth', 'natural', 'land', 'water', 'physical_line', 'buildings', 'physical_point', 'places', 'roads', 'transit', 'pois', 'boundaries', 'mask'].map((id) => ({ id }));

function fullStyle(layers: LayerSpecification[]): StyleSpecification {
  return { version: 8, sources: { basemap: { type: 'vector', tiles: ['rejon://tiles/x/{z}/{x}/{y}'], minzoom: 0, maxzoom: 14 } }, layers };
}

/** Does a feature of a source layer (geometry type 1 point, 2 line, 3 polygon) pass the layer's filter? */
function shows(layer: LayerSpecification, sourceLayer: string, type: 1 | 2 | 3, properties: Record<string, unknown>): boolean {
  if (!('source-layer' in layer) || layer['source-layer'] !== sourceLayer) return false;
  const f = featureFilter(('filter' in layer ? layer.filter : undefined) as FilterSpecification | undefined, 'test');
  return f.filter({ zoom: 15 }, { type, properties, id: 0, geometry: [] } as never);
}
const layersShowing = (layers: LayerSpecification[], sourceLayer: string, type: 1 | 2 | 3, properties: Record<string, unknown>) =>
  layers.filter((l) => shows(l, sourceLayer, type, properties)).map((l) => l.id);

describe('vector archive schema and style', () => {
  it('detects OpenMapTiles, Protomaps (v3 and v4) and falls back to generic', () => {
    expect(detectVectorSchema(OMT)).toBe('openmaptiles');
    expect(detectVectorSchema([{ id: 'transportation' }, { id: 'transportation_name' }])).toBe('openmaptiles');
    expect(detectVectorSchema(PM4)).toBe('protomaps');
    expect(detectVectorSchema(PM3)).toBe('protomaps');
    expect(detectVectorSchema([{ id: 'roads' }])).toBe('generic');
    expect(detectVectorSchema([{ id: 'ulice' }, { id: 'budynki' }])).toBe('generic');
    expect(detectVectorSchema([])).toBe('generic');
  });

  it('writes valid MapLibre styles without a glyphs URL, labels in the label group', () => {
    for (const [layers, schema] of [[OMT, 'openmaptiles'], [PM4, 'protomaps'], [[{ id: 'ulice' }], 'generic']] as const) {
      const s = vectorArchiveStyle('basemap', layers, 0.8);
      expect(s.schema).toBe(schema);
      const style = fullStyle([...s.layers, ...s.labels]);
      expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
      expect('glyphs' in style).toBe(false);
      // every layer reads a source layer the archive has
      const ids = new Set(layers.map((l) => l.id));
      for (const l of [...s.layers, ...s.labels]) expect(ids.has((l as { 'source-layer': string })['source-layer']), l.id).toBe(true);
      expect(s.labels.every((l) => l.type === 'symbol')).toBe(true);
      expect(s.layers.every((l) => l.type !== 'symbol')).toBe(true);
    }
    // the offline style (with the imported streets and places layers) is valid too
    expect(validateStyleMin(offlineStyle()).map((e) => e.message)).toEqual([]);
  });

  it('OpenMapTiles: roads by class, street names along lines, place labels; Polish name first', () => {
    const s = vectorArchiveStyle('basemap', OMT, 1);
    expect(layersShowing(s.layers, 'transportation', 2, { class: 'minor' })).toEqual(['basemap-omt-minor-casing', 'basemap-omt-minor']);
    expect(layersShowing(s.layers, 'transportation', 2, { class: 'primary' })).toEqual(['basemap-omt-major-casing', 'basemap-omt-major']);
    expect(layersShowing(s.layers, 'transportation', 2, { class: 'motorway' })).toEqual(['basemap-omt-major-casing', 'basemap-omt-motorway']);
    expect(layersShowing(s.layers, 'transportation', 2, { class: 'rail' })).toEqual(['basemap-omt-rail']);
    expect(layersShowing(s.layers, 'building', 3, {})).toEqual(['basemap-omt-building']);
    expect(layersShowing(s.layers, 'water', 3, {})).toEqual(['basemap-omt-water']);
    expect(layersShowing(s.labels, 'transportation_name', 2, { name: 'Słowackiego', class: 'minor' })).toEqual(['basemap-omt-street-names']);
    expect(layersShowing(s.labels, 'place', 1, { name: 'Piotrków Trybunalski', class: 'town' })).toEqual(['basemap-omt-places']);
    const names = s.labels.find((l) => l.id === 'basemap-omt-street-names') as { layout: Record<string, unknown> };
    expect(names.layout['symbol-placement']).toBe('line');
    expect(names.layout['text-field']).toEqual(['coalesce', ['get', 'name:pl'], ['get', 'name'], ['get', 'name:latin'], ['get', 'name_int'], '']);
  });

  it('Protomaps: v4 kind and v3 pmap:kind select the same road layers', () => {
    const s = vectorArchiveStyle('basemap', PM4, 1);
    expect(layersShowing(s.layers, 'roads', 2, { kind: 'minor_road' })).toEqual(['basemap-pm-minor-casing', 'basemap-pm-minor']);
    expect(layersShowing(s.layers, 'roads', 2, { 'pmap:kind': 'minor_road' })).toEqual(['basemap-pm-minor-casing', 'basemap-pm-minor']);
    expect(layersShowing(s.layers, 'roads', 2, { kind: 'highway' })).toEqual(['basemap-pm-major-casing', 'basemap-pm-highway']);
    expect(layersShowing(s.labels, 'roads', 2, { kind: 'minor_road', name: 'Słowackiego' })).toEqual(['basemap-pm-street-names']);
    expect(layersShowing(s.labels, 'roads', 2, { kind: 'rail', name: 'linia 1' })).toEqual([]);
    expect(layersShowing(s.labels, 'places', 1, { kind: 'locality', name: 'Piotrków' })).toEqual(['basemap-pm-places']);
    expect(layersShowing(s.layers, 'earth', 3, {})).toEqual(['basemap-pm-earth']);
  });

  it('opacity scales the basemap so analysis layers stay readable', () => {
    const half = vectorArchiveStyle('basemap', OMT, 0.5);
    const water = half.layers.find((l) => l.id === 'basemap-omt-water') as { paint: Record<string, unknown> };
    expect(water.paint['fill-opacity']).toBe(0.5);
    const labels = half.labels[0] as { paint: Record<string, unknown> };
    expect(labels.paint['text-opacity']).toBe(0.5);
  });
});

describe('online basemap presets', () => {
  it('are valid saved sources in Web Mercator matrix sets with attribution', () => {
    expect(BASEMAP_PRESETS.map((p) => p.id)).toEqual(['gugik-orto', 'gugik-bdot10k', 'osm']);
    for (const p of BASEMAP_PRESETS) {
      const src = BasemapSourceSchema.parse({ ...p.source, name: 'x' });
      expect(src.id).toBe(p.id);
      expect(src.attribution.length).toBeGreaterThan(5);
      if (src.kind === 'wmts') expect(src.url).toContain('TILEMATRIXSET=EPSG:3857');
    }
    // the tile of Piotrków's market square at z15: x 18177, y 10911 (Web Mercator, computed independently with Python's math), filled into the WMTS template
    const z = 15, lon = 19.703, lat = 51.4053;
    const x = Math.floor(((lon + 180) / 360) * 2 ** z);
    const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
    expect([x, y]).toEqual([18177, 10911]);
    expect(fillTileUrl(BASEMAP_PRESETS[0].source.url, z, x, y)).toBe(
      'https://mapy.geoportal.gov.pl/wss/service/PZGIK/ORTO/WMTS/StandardResolution?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=ORTOFOTOMAPA&STYLE=default&FORMAT=image/jpeg&TILEMATRIXSET=EPSG:3857&TILEMATRIX=EPSG:3857:15&TILEROW=10911&TILECOL=18177',
    );
    expect(fillTileUrl(BASEMAP_PRESETS[2].source.url, z, x, y)).toBe('https://tile.openstreetmap.org/15/18177/10911.png');
  });
});

/**
 * Online basemap presets the user may switch on (issue 13, point 6). Off by default: nothing is fetched until the
 * user switches one on, which saves it as an ordinary basemap source (contract saveBasemapSource) — the backend
 * fetches only saved sources.
 *
 * MapLibre draws Web Mercator (EPSG:3857) tiles only, so a WMTS preset must use a Web Mercator tile matrix set:
 * - GUGiK ortofotomapa (PZGIK/ORTO/WMTS/StandardResolution): matrix set "EPSG:3857", matrices "EPSG:3857:<z>".
 * - GUGiK BDOT10k visualisation (WMTS/guest/wmts/BDOT10k): matrix set "EPSG:3857" like the orthophoto service.
 * - The GUGiK topographic map (TOPO) and the general-geographic map (G2_MOBILE_500) publish EPSG:2180 / EPSG:4326
 *   matrix sets only and cannot be drawn by MapLibre: they are not offered.
 * - OpenStreetMap's standard tiles: XYZ; the OSMF tile usage policy allows light use only (identifying User-Agent,
 *   which the backend sends; no bulk or offline prefetching), attribution "© OpenStreetMap contributors".
 * Names and notes are message codes (catalogue places.ts, `basemap.preset.*`).
 */
import type { BasemapSourceInput } from './contract/map';

export interface BasemapPreset {
  id: string;
  /** Message codes of the name and of the note shown next to the switch. */
  nameCode: string;
  noteCode: string;
  /** The source saved when the user switches the preset on (its name is the translated nameCode). */
  source: Omit<Extract<BasemapSourceInput, { kind: 'xyz' | 'wmts' }>, 'name'>;
}

const GUGIK_WMTS = (base: string, layer: string, format: 'image/jpeg' | 'image/png') =>
  `${base}?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&FORMAT=${format}` +
  '&TILEMATRIXSET=EPSG:3857&TILEMATRIX=EPSG:3857:{TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}';

export const BASEMAP_PRESETS: readonly BasemapPreset[] = [
  {
    id: 'gugik-orto',
    nameCode: 'basemap.preset.orto.name',
    noteCode: 'basemap.preset.orto.note',
    source: {
      kind: 'wmts', id: 'gugik-orto',
      url: GUGIK_WMTS('https://mapy.geoportal.gov.pl/wss/service/PZGIK/ORTO/WMTS/StandardResolution', 'ORTOFOTOMAPA', 'image/jpeg'),
      minzoom: 6, maxzoom: 19, tileSize: 256, attribution: 'Ortofotomapa © GUGiK (geoportal.gov.pl)',
    },
  },
  {
    id: 'gugik-bdot10k',
    nameCode: 'basemap.preset.bdot.name',
    noteCode: 'basemap.preset.bdot.note',
    source: {
      kind: 'wmts', id: 'gugik-bdot10k',
      url: GUGIK_WMTS('https://mapy.geoportal.gov.pl/wss/service/WMTS/guest/wmts/BDOT10k', 'BDOT10k', 'image/png'),
      minzoom: 6, maxzoom: 18, tileSize: 256, attribution: 'BDOT10k © GUGiK (geoportal.gov.pl)',
    },
  },
  {
    id: 'osm',
    nameCode: 'basemap.preset.osm.name',
    noteCode: 'basemap.preset.osm.note',
    source: {
      kind: 'xyz', id: 'osm', url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      minzoom: 0, maxzoom: 19, tileSize: 256, attribution: '© OpenStreetMap contributors (ODbL)',
    },
  },
];

/**
 * Basemap tiles come THROUGH THE BACKEND: MapLibre asks for `rejon://tiles/<source>/<z>/<x>/<y>` and
 * this protocol handler calls the contract method getBasemapTile. The renderer never fetches tile URLs.
 */
import { addProtocol, type StyleSpecification, type LayerSpecification, type SourceSpecification } from 'maplibre-gl';
import type { Client } from '../api/client';
import type { BasemapEntry } from '../../shared/contract/map';

/** 1×1 transparent PNG for raster tiles the source does not have (keeps MapLibre from logging decode errors). */
const EMPTY_PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

let registered = false;
const rasterSources = new Set<string>();

export function registerBasemapProtocol(client: Client): void {
  if (registered) return;
  registered = true;
  addProtocol('rejon', async (params) => {
    const m = /^rejon:\/\/tiles\/([a-z0-9_-]+)\/(\d+)\/(\d+)\/(\d+)/.exec(params.url);
    if (!m) throw new Error(`bad rejon URL ${params.url}`);
    const [sourceId, z, x, y] = [m[1], Number(m[2]), Number(m[3]), Number(m[4])];
    const bytes = await client.api.getBasemapTile({ sourceId, z, x, y });
    const data = bytes.length === 0 && rasterSources.has(sourceId) ? EMPTY_PNG : bytes;
    return { data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
  });
}

export const BASEMAP_SOURCE = 'basemap';

/** Source and layers for a configured basemap; inserted between the background fill and the boundary lines. */
export function basemapStyleParts(entry: BasemapEntry, opacity: number): { source: SourceSpecification; layers: LayerSpecification[] } | null {
  const info = entry.info;
  if (!info) return null;
  const tiles = [`rejon://tiles/${entry.source.id}/{z}/{x}/{y}`];
  const common = { tiles, minzoom: info.minzoom, maxzoom: info.maxzoom, attribution: info.attribution, ...(info.bounds ? { bounds: info.bounds } : {}) };
  if (info.type === 'raster') {
    rasterSources.add(entry.source.id);
    return {
      source: { type: 'raster', tileSize: info.tileSize, ...common },
      layers: [{ id: 'basemap-raster', type: 'raster', source: BASEMAP_SOURCE, paint: { 'raster-opacity': opacity } }],
    };
  }
  // Vector archive without a style of its own: a neutral generic style per vector layer.
  const layers: LayerSpecification[] = [];
  for (const vl of info.vectorLayers.slice(0, 40)) {
    const road = /road|street|transport|highway|ulic/i.test(vl.id);
    const water = /water|river|wod/i.test(vl.id);
    layers.push(
      {
        id: `basemap-${vl.id}-fill`, type: 'fill', source: BASEMAP_SOURCE, 'source-layer': vl.id,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': water ? '#b9d3e8' : '#e4e2da', 'fill-opacity': 0.6 * opacity },
      },
      {
        id: `basemap-${vl.id}-line`, type: 'line', source: BASEMAP_SOURCE, 'source-layer': vl.id,
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': road ? '#ffffff' : water ? '#8fb5d6' : '#c2beb2', 'line-width': road ? ['interpolate', ['linear'], ['zoom'], 10, 0.6, 16, 5] : 0.8, 'line-opacity': opacity },
      },
    );
    if (road)
      layers.unshift({
        id: `basemap-${vl.id}-casing`, type: 'line', source: BASEMAP_SOURCE, 'source-layer': vl.id,
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': '#b8b2a2', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.2, 16, 7], 'line-opacity': opacity },
      });
  }
  return { source: { type: 'vector', ...common }, layers };
}

export type { StyleSpecification };

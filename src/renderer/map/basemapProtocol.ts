/**
 * Basemap tiles come THROUGH THE BACKEND: MapLibre asks for `rejon://tiles/<source>/<z>/<x>/<y>` and
 * this protocol handler calls the contract method getBasemapTile. The renderer never fetches tile URLs.
 */
import { addProtocol, type StyleSpecification, type LayerSpecification, type SourceSpecification } from 'maplibre-gl';
import type { Client } from '../api/client';
import type { BasemapEntry } from '../../shared/contract/map';
import { vectorArchiveStyle, type VectorSchema } from './vectorStyles';

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

/**
 * Source and layers for a configured basemap. `layers` go between the land fill and the boundary lines; `labels`
 * (street names, places of a vector archive) on top of every line. Vector archives get a street-map style for
 * their schema (OpenMapTiles, Protomaps) or a neutral generic one (./vectorStyles).
 */
export function basemapStyleParts(
  entry: BasemapEntry,
  opacity: number,
): { source: SourceSpecification; layers: LayerSpecification[]; labels: LayerSpecification[]; schema: VectorSchema | 'raster' } | null {
  const info = entry.info;
  if (!info) return null;
  const tiles = [`rejon://tiles/${entry.source.id}/{z}/{x}/{y}`];
  const common = { tiles, minzoom: info.minzoom, maxzoom: info.maxzoom, attribution: info.attribution, ...(info.bounds ? { bounds: info.bounds } : {}) };
  if (info.type === 'raster') {
    rasterSources.add(entry.source.id);
    return {
      source: { type: 'raster', tileSize: info.tileSize, ...common },
      layers: [{ id: 'basemap-raster', type: 'raster', source: BASEMAP_SOURCE, paint: { 'raster-opacity': opacity } }],
      labels: [],
      schema: 'raster',
    };
  }
  const style = vectorArchiveStyle(BASEMAP_SOURCE, info.vectorLayers, opacity);
  return { source: { type: 'vector', ...common }, layers: style.layers, labels: style.labels, schema: style.schema };
}

export type { StyleSpecification };

/**
 * Small street-map vector archives built by the tests themselves: a few named streets, buildings, a pond and place
 * points around Piotrków Trybunalski's market square, encoded as Mapbox Vector Tiles (geojson-vt + vt-pbf, the
 * encoders MapLibre itself uses) in the OpenMapTiles schema (.mbtiles, gzipped tiles, TMS rows) or the Protomaps
 * basemap schema (.pmtiles v3).
 */
import zlib from 'node:zlib';
import type { Feature, FeatureCollection } from 'geojson';
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { writeMbtiles, writePmtiles } from '../unit/backend/map/tileFixtures';

/** The area covered: around Rynek Trybunalski (19.703 E, 51.4053 N). */
export const AREA = { west: 19.692, south: 51.399, east: 19.714, north: 51.411 } as const;
export const CENTER: [number, number] = [19.703, 51.4053];

/** Street name → centreline (WGS84). The names are what the e2e test looks for on the map. */
export const STREETS: { name: string; cls: 'minor' | 'primary'; coords: [number, number][] }[] = [
  { name: 'Słowackiego', cls: 'primary', coords: [[19.692, 51.4068], [19.700, 51.4066], [19.714, 51.4064]] },
  { name: 'Rycerska', cls: 'minor', coords: [[19.6995, 51.3995], [19.7000, 51.4060], [19.7003, 51.4100]] },
  { name: 'Grodzka', cls: 'minor', coords: [[19.7060, 51.3995], [19.7058, 51.4050], [19.7055, 51.4105]] },
  { name: 'Sieradzka', cls: 'minor', coords: [[19.692, 51.4030], [19.703, 51.4035], [19.714, 51.4038]] },
];

const line = (props: Record<string, unknown>, coords: [number, number][]): Feature => ({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: coords } });
const point = (props: Record<string, unknown>, c: [number, number]): Feature => ({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: c } });
const box = (props: Record<string, unknown>, w: number, s: number, e: number, n: number): Feature => ({
  type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
});

function buildings(): Feature[] {
  const out: Feature[] = [];
  for (let i = 0; i < 10; i++) for (let j = 0; j < 6; j++) {
    const w = 19.6935 + i * 0.0021, s = 51.4005 + j * 0.0017;
    if (Math.abs(w - 19.7) < 0.0006 || Math.abs(w - 19.7058) < 0.0006) continue; // keep the streets free
    out.push(box({}, w, s, w + 0.0011, s + 0.0007));
  }
  return out;
}

/** OpenMapTiles layers. */
export function omtLayers(): Record<string, FeatureCollection> {
  const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
  return {
    transportation: fc(STREETS.map((s) => line({ class: s.cls }, s.coords))),
    transportation_name: fc(STREETS.map((s) => line({ class: s.cls, name: s.name, 'name:latin': s.name }, s.coords))),
    building: fc(buildings()),
    water: fc([box({ class: 'lake' }, 19.7085, 51.4072, 19.7125, 51.4092)]),
    landuse: fc([box({ class: 'residential' }, AREA.west, AREA.south, AREA.east, AREA.north)]),
    place: fc([point({ class: 'town', name: 'Piotrków Trybunalski' }, [19.7025, 51.4085]), point({ class: 'suburb', name: 'Stare Miasto' }, [19.7018, 51.4047])]),
  };
}

/** Protomaps basemap (v4) layers. */
export function protomapsLayers(): Record<string, FeatureCollection> {
  const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
  return {
    earth: fc([box({ kind: 'earth' }, AREA.west - 0.01, AREA.south - 0.01, AREA.east + 0.01, AREA.north + 0.01)]),
    roads: fc(STREETS.map((s) => line({ kind: s.cls === 'primary' ? 'major_road' : 'minor_road', name: s.name }, s.coords))),
    buildings: fc(buildings()),
    water: fc([box({ kind: 'water' }, 19.7085, 51.4072, 19.7125, 51.4092)]),
    places: fc([point({ kind: 'locality', name: 'Piotrków Trybunalski' }, [19.7025, 51.4085])]),
  };
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

/** Every tile of zooms minZoom..maxZoom over AREA, as MVT bytes (layers without features in a tile are left out). */
export function encodeTiles(layers: Record<string, FeatureCollection>, minZoom: number, maxZoom: number): { z: number; x: number; y: number; data: Buffer }[] {
  const out: { z: number; x: number; y: number; data: Buffer }[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    for (let x = lon2x(AREA.west, z); x <= lon2x(AREA.east, z); x++) {
      for (let y = lat2y(AREA.north, z); y <= lat2y(AREA.south, z); y++) {
        const tiles: Record<string, ReturnType<typeof geoJSONToTile>> = {};
        for (const [name, fc] of Object.entries(layers)) {
          const t = geoJSONToTile(fc, z, x, y, { extent: 4096, clip: true, buffer: 64 });
          if (t && t.features.length > 0) tiles[name] = t;
        }
        if (Object.keys(tiles).length === 0) continue;
        out.push({ z, x, y, data: Buffer.from(fromGeojsonVt(tiles as never, { version: 2, extent: 4096 })) });
      }
    }
  }
  return out;
}

/** An OpenMapTiles-schema .mbtiles (gzipped tiles, as planetiler/tilemaker write them). */
export function writeOmtMbtiles(file: string, minZoom = 12, maxZoom = 15): number {
  const layers = omtLayers();
  const tiles = encodeTiles(layers, minZoom, maxZoom).map((t) => ({ ...t, data: zlib.gzipSync(t.data) }));
  writeMbtiles(file, tiles, {
    name: 'test OMT', format: 'pbf', minzoom: String(minZoom), maxzoom: String(maxZoom),
    bounds: `${AREA.west},${AREA.south},${AREA.east},${AREA.north}`, attribution: '© test data (OpenMapTiles schema)',
    json: JSON.stringify({ vector_layers: Object.keys(layers).map((id) => ({ id, fields: {} })) }),
  });
  return tiles.length;
}

/** A Protomaps-schema .pmtiles v3 (gzipped tiles). */
export function writeProtomapsPmtiles(file: string, minZoom = 12, maxZoom = 15): number {
  const layers = protomapsLayers();
  const tiles = encodeTiles(layers, minZoom, maxZoom);
  writePmtiles(file, tiles, { tileType: 1, tileCompression: 2, minZoom, maxZoom, metadata: { vector_layers: Object.keys(layers).map((id) => ({ id, fields: {} })), attribution: '© test data (Protomaps schema)' } });
  return tiles.length;
}

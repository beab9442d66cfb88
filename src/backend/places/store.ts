/**
 * Named places and street centrelines of a workspace (migration 6): layers imported by the user (`place_layers`,
 * `streets`, `places` with source 'import') and the demo's places (source 'demo', no layer).
 */
import type { Db } from '../store/workspace';

export interface PlaceLayerRow {
  id: number;
  fileName: string;
  format: string;
  crs: string;
  nameField: string;
  importedAt: number;
  places: number;
  streets: number;
  rejected: number;
  /** [minLon, minLat, maxLon, maxLat] or null when empty. */
  bbox: [number, number, number, number] | null;
}

export function listPlaceLayerRows(db: Db): PlaceLayerRow[] {
  const rows = db.prepare('SELECT * FROM place_layers ORDER BY id').all() as {
    id: number; file_name: string; format: string; crs: string; name_field: string; imported_at: number; places: number; streets: number; rejected: number;
    min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null;
  }[];
  return rows.map((r) => ({
    id: r.id, fileName: r.file_name, format: r.format, crs: r.crs, nameField: r.name_field, importedAt: r.imported_at,
    places: r.places, streets: r.streets, rejected: r.rejected,
    bbox: r.min_lon != null && r.min_lat != null && r.max_lon != null && r.max_lat != null ? [r.min_lon, r.min_lat, r.max_lon, r.max_lat] : null,
  }));
}

export function demoPlaceCount(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM places WHERE source = 'demo'").get() as { n: number }).n;
}

/** Float64 little-endian bytes of a vertex array (the `streets.xy` column). */
export function xyToBlob(xy: Float64Array): Buffer {
  const out = Buffer.alloc(xy.length * 8);
  for (let i = 0; i < xy.length; i++) out.writeDoubleLE(xy[i], i * 8);
  return out;
}

export function blobToXy(b: Buffer): Float64Array {
  const n = b.length >> 3;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = b.readDoubleLE(i * 8);
  return out;
}

/**
 * Remove, in one transaction: the imported layer `layerId`; without it, every imported layer unless `demo` is
 * set; with `demo`, the demo's places. Returns what was removed.
 */
export function clearPlaceLayers(db: Db, opts: { layerId?: number; demo?: boolean }): { layers: number; places: number; streets: number } {
  const run = db.transaction(() => {
    const ids =
      opts.layerId != null
        ? (db.prepare('SELECT id FROM place_layers WHERE id = ?').all(opts.layerId) as { id: number }[]).map((r) => r.id)
        : opts.demo
          ? []
          : (db.prepare('SELECT id FROM place_layers').all() as { id: number }[]).map((r) => r.id);
    let places = 0, streets = 0;
    for (const id of ids) {
      places += db.prepare('DELETE FROM places WHERE layer_id = ?').run(id).changes;
      streets += db.prepare('DELETE FROM streets WHERE layer_id = ?').run(id).changes;
      db.prepare('DELETE FROM place_layers WHERE id = ?').run(id);
    }
    if (opts.demo) places += db.prepare("DELETE FROM places WHERE source = 'demo'").run().changes;
    return { layers: ids.length, places, streets };
  });
  return run();
}

/** Every named line and point, for the map: WGS84 GeoJSON. */
export function placesGeoJson(db: Db): {
  streets: { type: 'FeatureCollection'; features: { type: 'Feature'; geometry: { type: 'LineString'; coordinates: number[][] }; properties: { name: string; layer: number } }[] };
  places: { type: 'FeatureCollection'; features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: number[] }; properties: { name: string; kind: string; source: string } }[] };
} {
  const streets = (db.prepare('SELECT name, layer_id, geometry_json FROM streets ORDER BY id').raw(true).all() as [string, number, string][]).map(([name, layer, g]) => ({
    type: 'Feature' as const,
    geometry: { type: 'LineString' as const, coordinates: JSON.parse(g) as number[][] },
    properties: { name, layer },
  }));
  const places = (db.prepare('SELECT name, kind, source, lon, lat FROM places ORDER BY id').raw(true).all() as [string, string, string, number, number][]).map(
    ([name, kind, source, lon, lat]) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties: { name, kind, source } }),
  );
  return { streets: { type: 'FeatureCollection', features: streets }, places: { type: 'FeatureCollection', features: places } };
}

/**
 * A cheap signature of the named data (counts and largest ids of places and streets): it changes with every
 * insert or delete, so a cached index can tell it is stale even when another code path (the demo) wrote places.
 */
export function placesSignature(db: Db): string {
  const r = db
    .prepare('SELECT (SELECT count(*) FROM places) AS pn, (SELECT coalesce(max(id), 0) FROM places) AS pm, (SELECT count(*) FROM streets) AS sn, (SELECT coalesce(max(id), 0) FROM streets) AS sm')
    .get() as { pn: number; pm: number; sn: number; sm: number };
  return `${r.pn}:${r.pm}:${r.sn}:${r.sm}`;
}

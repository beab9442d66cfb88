// Minimal typings for shpjs 6 (the package ships none).
declare module 'shpjs' {
  import type { FeatureCollection, Geometry } from 'geojson';
  /** Parse .shp bytes; `prj` (WKT) reprojects to WGS84 with proj4 when given. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView | DataView, prj?: string | false): Geometry[];
  /** Parse .dbf bytes; `cpg` names the encoding (e.g. "UTF-8", "1250"). */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView | DataView, cpg?: string): Record<string, unknown>[];
  export function parseZip(buffer: ArrayBuffer | ArrayBufferView, whiteList?: string[]): Promise<FeatureCollection | FeatureCollection[]>;
  export function combine(parts: [Geometry[], Record<string, unknown>[]?]): FeatureCollection;
  const getShapefile: (base: unknown, whiteList?: string[]) => Promise<FeatureCollection | FeatureCollection[]>;
  export default getShapefile;
}

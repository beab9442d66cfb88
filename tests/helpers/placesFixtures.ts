/**
 * Street and place files for the places feature, written by the tests themselves: a few named streets around
 * Piotrków Trybunalski's market square (WGS84 lon/lat), the same lines in EPSG:2180, named places as CSV, and a
 * synthetic city-size street grid for timing.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { toPuwg92 } from '../../src/core/domain/crs';

/** Rynek Trybunalski (DOMAIN.md check point). */
export const RYNEK: [number, number] = [19.703, 51.4053];

/** Lines in WGS84: two streets (one as a MultiLineString), a square as a point, a station. */
export function streetsWgs84(nameField = 'name'): FeatureCollection {
  const line = (name: string, coords: [number, number][]): Feature => ({ type: 'Feature', properties: { [nameField]: name, id: name.length }, geometry: { type: 'LineString', coordinates: coords } });
  return {
    type: 'FeatureCollection',
    features: [
      // east-west through the market square's latitude, 0.001° north of it (≈ 111 m)
      line('Słowackiego', [[19.695, 51.4063], [19.700, 51.4063], [19.710, 51.4063]]),
      // north-south 0.002° east of the square (≈ 139 m)
      line('al. Armii Krajowej', [[19.705, 51.400], [19.705, 51.410]]),
      {
        type: 'Feature', properties: { [nameField]: 'Wojska Polskiego', id: 3 },
        geometry: { type: 'MultiLineString', coordinates: [[[19.690, 51.395], [19.700, 51.395]], [[19.700, 51.395], [19.700, 51.390]]] },
      },
      { type: 'Feature', properties: { [nameField]: 'Rynek Trybunalski', id: 4, rodzaj: 'plac' }, geometry: { type: 'Point', coordinates: RYNEK } },
      { type: 'Feature', properties: { [nameField]: 'Dworzec PKP', id: 5, rodzaj: 'dworzec' }, geometry: { type: 'Point', coordinates: [19.688, 51.41] } },
    ],
  };
}

/** The same collection in EPSG:2180 metres (easting, northing), optionally with a `crs` member. */
export function to2180(fc: FeatureCollection, withCrsMember: boolean): object {
  const conv = (p: number[]) => toPuwg92(p[0], p[1]);
  return {
    type: 'FeatureCollection',
    ...(withCrsMember ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2180' } } } : {}),
    features: fc.features.map((f) => {
      const g = f.geometry;
      const geometry =
        g.type === 'Point' ? { type: 'Point', coordinates: conv(g.coordinates) }
        : g.type === 'LineString' ? { type: 'LineString', coordinates: g.coordinates.map(conv) }
        : g.type === 'MultiLineString' ? { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(conv)) }
        : g;
      return { ...f, geometry };
    }),
  };
}

/** A synthetic city street grid: `n` × `n` streets (east-west and north-south), each cut into `parts` features with `vertices` vertices. */
export function streetGrid(n: number, parts: number, vertices: number): FeatureCollection<LineString | Point> {
  const features: Feature<LineString | Point>[] = [];
  const [lon0, lat0] = [19.62, 51.36];
  const span = 0.16;
  for (let i = 0; i < n; i++) {
    for (const dir of ['ew', 'ns'] as const) {
      const name = dir === 'ew' ? `Ulica Równoleżnikowa ${i + 1}` : `Ulica Południkowa ${i + 1}`;
      for (let p = 0; p < parts; p++) {
        const coords: [number, number][] = [];
        for (let v = 0; v < vertices; v++) {
          const t = (p + v / (vertices - 1)) / parts;
          const along = span * t;
          const across = (span * (i + 0.5)) / n + 0.00003 * Math.sin(v);
          coords.push(dir === 'ew' ? [lon0 + along, lat0 + across] : [lon0 + across, lat0 + along]);
        }
        features.push({ type: 'Feature', properties: { NAZWA_ULICY: name }, geometry: { type: 'LineString', coordinates: coords } });
      }
    }
  }
  return { type: 'FeatureCollection', features };
}

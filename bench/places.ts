/**
 * Places benchmark (issue 13, point 6): import of a city-size street file (GeoJSON, ~12,000 line features,
 * ~240,000 vertices, about the OSM street network of a city like Łódź) into a fresh workspace, against reading and
 * parsing the same file alone (JSON.parse); and nearest-street lookups per 1,000 queries with the static index
 * against a brute-force scan over every segment (both answers compared).
 *
 *   node --import tsx -e "import('./bench/places.ts').then(m => m.benchPlaces(console.log))"
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importPlaces } from '../src/backend/places/import';
import { namedIndexOf, nearestNamed } from '../src/backend/places/nearest';
import { openWorkspace } from '../src/backend/store/workspace';
import { toPuwg92 } from '../src/core/domain/crs';
import { nearestStreet, pointSegmentDistance } from '../src/core/places/nearest';
import { mulberry32 } from '../src/core/analysis/random';
import { streetGrid } from '../tests/helpers/placesFixtures';

export async function benchPlaces(log: (msg: string) => void = console.log): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-bench-places-'));
  try {
    const fc = streetGrid(150, 40, 20);
    const file = path.join(dir, 'ulice.geojson');
    fs.writeFileSync(file, JSON.stringify(fc));
    const mb = fs.statSync(file).size / 1024 ** 2;
    const vertices = fc.features.reduce((a, f) => a + (f.geometry.type === 'LineString' ? f.geometry.coordinates.length : 1), 0);
    let t = performance.now();
    JSON.parse(fs.readFileSync(file, 'utf8'));
    const parseMs = performance.now() - t;
    const db = openWorkspace(path.join(dir, 'ws.sqlite'), { create: true });
    t = performance.now();
    const r = await importPlaces(db, file, 'ulice.geojson');
    const importMs = performance.now() - t;
    log(`import: ${fc.features.length.toLocaleString('en')} street features, ${vertices.toLocaleString('en')} vertices, ${mb.toFixed(1)} MB GeoJSON -> ${r.streets} lines, ${r.streetNames} names in ${importMs.toFixed(0)} ms (${Math.round(vertices / (importMs / 1000)).toLocaleString('en')} vertices/s); baseline JSON.parse of the file alone ${parseMs.toFixed(0)} ms (import = ${(importMs / parseMs).toFixed(1)}x parse)`);

    t = performance.now();
    const index = namedIndexOf(db);
    const buildMs = performance.now() - t;
    // queries over the street grid's extent (19.62..19.78 E, 51.36..51.52 N)
    const rand = mulberry32(13);
    const Q = 10_000;
    const qs = Array.from({ length: Q }, () => [19.62 + 0.16 * rand(), 51.36 + 0.16 * rand()] as [number, number]);
    t = performance.now();
    let named = 0;
    for (const [lon, lat] of qs) if (nearestNamed(db, lon, lat, 500)) named++;
    const lookupMs = performance.now() - t;
    // the core index alone (no projection, no cache check)
    const xy = qs.map(([lon, lat]) => toPuwg92(lon, lat));
    t = performance.now();
    for (const [x, y] of xy) nearestStreet(index, x, y, 500);
    const coreMs = performance.now() - t;
    // brute force on a subsample
    const B = 200;
    t = performance.now();
    let mismatches = 0;
    for (let q = 0; q < B; q++) {
      const [x, y] = xy[q];
      let best = Infinity;
      for (let i = 0; i < index.segments; i++) {
        const d = pointSegmentDistance(x, y, index.sx0[i], index.sy0[i], index.sx1[i], index.sy1[i]).d;
        if (d < best) best = d;
      }
      const got = nearestStreet(index, x, y, Infinity)!;
      if (Math.abs(got.distanceM - best) > 1e-6) mismatches++;
    }
    const bruteMs = ((performance.now() - t) / B) * 1000;
    log(
      `nearest named: index build ${buildMs.toFixed(0)} ms (${index.segments.toLocaleString('en')} segments); ` +
        `${(lookupMs / (Q / 1000)).toFixed(1)} ms per 1,000 backend lookups (WGS84 in, projection + cached index, ${named} of ${Q} named within 500 m), ` +
        `${(coreMs / (Q / 1000)).toFixed(1)} ms per 1,000 core index queries; baseline brute-force scan ${bruteMs.toFixed(0)} ms per 1,000 ` +
        `(${(bruteMs / (coreMs / (Q / 1000))).toFixed(0)}x slower); ${mismatches} of ${B} answers differ from the scan`,
    );
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { afterAll, describe, expect, it } from 'vitest';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { areaM2 } from '../../../../src/core/districts/geometry';
import { validateDistricts } from '../../../../src/core/districts/validate';
import { dbfEncoding, isPuwg92Prj, readDistrictFile, toDistricts } from '../../../../src/backend/districts/readers';
import { orient, PRJ_CS2000_7, PRJ_CS92, PRJ_WGS84, writeDbf, writeShp, writeZip, type Shape } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'rejon-districts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: Buffer | string) => { const p = join(dir, name); writeFileSync(p, data); return p; };

const [E0, N0] = toPuwg92(19.703, 51.4053);
/** Rectangle in EPSG:2180 metres relative to Piotrków. */
const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [[E0 + x0, N0 + y0], [E0 + x1, N0 + y0], [E0 + x1, N0 + y1], [E0 + x0, N0 + y1], [E0 + x0, N0 + y0]];

// three beats: A plain 1x1 km, B with a 200x200 m hole, C two parts (1 km² + 0.25 km²)
const shapes2180: Shape[] = [
  [orient(rect(0, 0, 1000, 1000), true)],
  [orient(rect(1000, 0, 2000, 1000), true), orient(rect(1400, 400, 1600, 600), false)],
  [orient(rect(2000, 0, 3000, 1000), true), orient(rect(4000, 0, 4500, 500), true)],
];
const expectedAreas = [1e6, 1e6 - 4e4, 1e6 + 2.5e5];
const fields = [{ name: 'NAZWA', type: 'C' as const, length: 30 }, { name: 'DZIELNICOW', type: 'C' as const, length: 30 }, { name: 'NR', type: 'N' as const, length: 4 }];
const rows = [['Rejon 1 Śródmieście', 'asp. Łukasz Żółć', 1], ['Rejon 2 Wierzeje', 'sierż. Anna Kowalska', 2], ['Rejon 3 Moszczenica', '', 3]];

function checkThree(features: { geometry: Parameters<typeof areaM2>[0] }[]) {
  expect(features).toHaveLength(3);
  features.forEach((f, i) => expect(areaM2(f.geometry)).toBeCloseTo(expectedAreas[i], 0));
  expect(features[1].geometry.type).toBe('Polygon');
  expect(features[2].geometry.type).toBe('MultiPolygon');
}

describe('readDistrictFile: zipped Shapefile', () => {
  it('EPSG:2180 .prj, windows-1250 DBF without .cpg (language driver byte), deflated entries', async () => {
    const { shp, shx } = writeShp(shapes2180);
    const zip = writeZip([
      { name: 'rejony/REJONY.SHP', data: shp, deflate: true },
      { name: 'rejony/REJONY.SHX', data: shx },
      { name: 'rejony/REJONY.DBF', data: writeDbf(fields, rows, 'windows-1250', 0xc8), deflate: true },
      { name: 'rejony/REJONY.PRJ', data: PRJ_CS92 },
    ]);
    const r = await readDistrictFile(file('rejony.zip', zip));
    expect(r.format).toBe('shapefile');
    expect(r.crs).toBe('EPSG:2180');
    expect(r.crsSource).toBe('prj');
    expect(r.fields).toEqual(['NAZWA', 'DZIELNICOW', 'NR']);
    checkThree(r.features);
    expect(r.features[0].properties).toMatchObject({ NAZWA: 'Rejon 1 Śródmieście', DZIELNICOW: 'asp. Łukasz Żółć', NR: 1 });
    const [lon, lat] = r.features[0].geometry.coordinates[0][0] as number[];
    expect(lon).toBeCloseTo(19.703, 6);
    expect(lat).toBeCloseTo(51.4053, 6);
    const drafts = toDistricts(r.features, { nameField: 'NAZWA', officerField: 'DZIELNICOW', unitField: 'NR' });
    expect(drafts.map((d) => [d.name, d.officer, d.unit])).toEqual([['Rejon 1 Śródmieście', 'asp. Łukasz Żółć', '1'], ['Rejon 2 Wierzeje', 'sierż. Anna Kowalska', '2'], ['Rejon 3 Moszczenica', null, '3']]);
    expect(validateDistricts(drafts).ok).toBe(true);
  });

  it('WGS84 .prj with a UTF-8 .cpg', async () => {
    const wgs: Shape[] = shapes2180.map((s) => s.map((r) => r.map(([e, n]) => proj4('+proj=tmerc +lat_0=0 +lon_0=19 +k=0.9993 +x_0=500000 +y_0=-5300000 +ellps=GRS80 +units=m', 'EPSG:4326', [e, n]) as [number, number])));
    const { shp } = writeShp(wgs);
    const zip = writeZip([
      { name: 'r.shp', data: shp }, { name: 'r.dbf', data: writeDbf(fields, rows, 'utf-8') }, { name: 'r.prj', data: PRJ_WGS84 }, { name: 'r.cpg', data: 'UTF-8' },
    ]);
    const r = await readDistrictFile(file('wgs.zip', zip));
    expect(r.crs).toBe('EPSG:4326');
    checkThree(r.features);
    expect(r.features[0].properties!.DZIELNICOW).toBe('asp. Łukasz Żółć');
  });

  it('other projected .prj (PUWG 2000 zone 7) is reprojected with proj4', async () => {
    const def = '+proj=tmerc +lat_0=0 +lon_0=21 +k=0.999923 +x_0=7500000 +y_0=0 +ellps=GRS80 +units=m';
    const back = '+proj=tmerc +lat_0=0 +lon_0=19 +k=0.9993 +x_0=500000 +y_0=-5300000 +ellps=GRS80 +units=m';
    const s2000: Shape[] = shapes2180.map((s) => s.map((r) => r.map((p) => proj4(back, def, p) as [number, number])));
    const zip = writeZip([{ name: 'r.shp', data: writeShp(s2000).shp }, { name: 'r.dbf', data: writeDbf(fields, rows) }, { name: 'r.prj', data: PRJ_CS2000_7 }]);
    const r = await readDistrictFile(file('cs2000.zip', zip));
    expect(r.crs).toBe('ETRS_1989_Poland_CS2000_Zone_7');
    // straight edges in another projection: areas agree to ~1e-4
    r.features.forEach((f, i) => expect(Math.abs(areaM2(f.geometry) / expectedAreas[i] - 1)).toBeLessThan(1e-4));
  });

  it('no .prj: detects EPSG:2180 by range; bare .shp with sibling files', async () => {
    const { shp, shx } = writeShp(shapes2180);
    const zip = writeZip([{ name: 'r.shp', data: shp }, { name: 'r.dbf', data: writeDbf(fields, rows) }]);
    const r = await readDistrictFile(file('noprj.zip', zip));
    expect(r.crs).toBe('EPSG:2180');
    expect(r.crsSource).toBe('range');
    expect(r.warnings.join()).toMatch(/no \.prj/);
    checkThree(r.features);
    file('bare.shp', shp); file('bare.shx', shx); file('bare.dbf', writeDbf(fields, rows, 'windows-1250')); file('bare.prj', PRJ_CS92);
    const b = await readDistrictFile(join(dir, 'bare.shp'));
    expect(b.crs).toBe('EPSG:2180');
    checkThree(b.features);
    expect(b.features[0].properties!.NAZWA).toBe('Rejon 1 Śródmieście'); // windows-1250 detected without .cpg/LDID
  });

  it('recognises PUWG 1992 .prj variants and DBF encodings', () => {
    expect(isPuwg92Prj(PRJ_CS92)).toBe(true);
    expect(isPuwg92Prj('PROJCS["ETRS89 / Poland CS92",GEOGCS["ETRS89"],AUTHORITY["EPSG","2180"]]')).toBe(true);
    expect(isPuwg92Prj(PRJ_CS2000_7)).toBe(false);
    expect(isPuwg92Prj(PRJ_WGS84)).toBe(false);
    expect(dbfEncoding(Buffer.alloc(40), '1250')).toBe('windows-1250');
    expect(dbfEncoding(Buffer.alloc(40), 'UTF-8')).toBe('UTF-8');
  });

  it('clear errors naming the file', async () => {
    await expect(readDistrictFile(join(dir, 'missing.zip'))).rejects.toThrow(/missing\.zip: file not found/);
    await expect(readDistrictFile(file('empty.zip', writeZip([{ name: 'readme.txt', data: 'x' }])))).rejects.toThrow(/empty\.zip: the ZIP holds no \.shp/);
    await expect(readDistrictFile(file('junk.zip', Buffer.from('not a zip at all')))).rejects.toThrow(/junk\.zip: not a ZIP/);
    const truncated = writeShp(shapes2180).shp.subarray(0, 150);
    await expect(readDistrictFile(file('trunc.zip', writeZip([{ name: 'a.shp', data: truncated }])))).rejects.toThrow(/trunc\.zip/);
  });
});

describe('readDistrictFile: GeoJSON', () => {
  const fc = (coords: (r: [number, number][]) => number[][], crs?: string) => JSON.stringify({
    type: 'FeatureCollection',
    ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
    features: shapes2180.map((s, i) => ({
      type: 'Feature',
      properties: { nazwa: `Rejon ${i + 1}`, kierownik: i === 0 ? 'A' : null },
      geometry: s.length === 2 && i === 2
        ? { type: 'MultiPolygon', coordinates: s.map((r) => [coords(r)]) }
        : { type: 'Polygon', coordinates: s.map(coords) },
    })),
  });
  const toWgs = (r: [number, number][]) => r.map((p) => proj4('+proj=tmerc +lat_0=0 +lon_0=19 +k=0.9993 +x_0=500000 +y_0=-5300000 +ellps=GRS80 +units=m', 'EPSG:4326', p));

  it('WGS84 (with BOM), EPSG:2180 by range and by crs member', async () => {
    const a = await readDistrictFile(file('a.geojson', '\uFEFF' + fc(toWgs)));
    expect(a.crs).toBe('EPSG:4326');
    expect(a.fields).toEqual(['nazwa', 'kierownik']);
    checkThree(a.features);
    const b = await readDistrictFile(file('b.json', fc((r) => r)));
    expect(b.crs).toBe('EPSG:2180');
    expect(b.crsSource).toBe('range');
    checkThree(b.features);
    const c = await readDistrictFile(file('c.geojson', fc((r) => r, 'urn:ogc:def:crs:EPSG::2180')));
    expect(c.crsSource).toBe('crs-member');
    checkThree(c.features);
  });

  it('skips non-polygon features, errors on files without polygons or invalid JSON', async () => {
    const mixed = JSON.parse(fc(toWgs));
    mixed.features.push({ type: 'Feature', properties: { nazwa: 'punkt' }, geometry: { type: 'Point', coordinates: [19.7, 51.4] } });
    const r = await readDistrictFile(file('mixed.geojson', JSON.stringify(mixed)));
    expect(r.features).toHaveLength(3);
    expect(r.skipped).toEqual([{ index: 3, reason: 'geometry type Point is not a polygon' }]);
    await expect(readDistrictFile(file('pts.geojson', JSON.stringify({ type: 'FeatureCollection', features: [mixed.features[3]] })))).rejects.toThrow(/pts\.geojson: no polygon features/);
    await expect(readDistrictFile(file('bad.geojson', '{"type": "FeatureCollection", '))).rejects.toThrow(/bad\.geojson: not valid JSON/);
    await expect(readDistrictFile(file('odd.json', '{"foo": 1}'))).rejects.toThrow(/odd\.json: not a GeoJSON/);
  });

  it('toDistricts: unknown name field is an error, missing names become empty', async () => {
    const a = await readDistrictFile(file('t.geojson', fc(toWgs)));
    expect(() => toDistricts(a.features, { nameField: 'NAME' })).toThrow(/"NAME" is not present.*nazwa, kierownik/);
    const d = toDistricts(a.features, { nameField: 'kierownik' });
    expect(d.map((x) => x.name)).toEqual(['A', '', '']);
  });
});

describe('readDistrictFile: KML / KMZ', () => {
  const ring = (r: [number, number][]) => r.map((p) => { const [lon, lat] = proj4('+proj=tmerc +lat_0=0 +lon_0=19 +k=0.9993 +x_0=500000 +y_0=-5300000 +ellps=GRS80 +units=m', 'EPSG:4326', p); return `${lon},${lat},0`; }).join(' ');
  const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Rejony</name>
<Placemark><name>Rejon 1 Śródmieście</name><ExtendedData><Data name="dzielnicowy"><value>asp. Łukasz Żółć</value></Data></ExtendedData>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>${ring(shapes2180[0][0])}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
<Placemark><name>Rejon 2</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring(shapes2180[1][0])}</coordinates></LinearRing></outerBoundaryIs>
  <innerBoundaryIs><LinearRing><coordinates>${ring(shapes2180[1][1])}</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
<Placemark><name>Rejon 3</name><MultiGeometry>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>${ring(shapes2180[2][0])}</coordinates></LinearRing></outerBoundaryIs></Polygon>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>${ring(shapes2180[2][1])}</coordinates></LinearRing></outerBoundaryIs></Polygon>
</MultiGeometry></Placemark>
<Placemark><name>Komisariat</name><Point><coordinates>19.7,51.4,0</coordinates></Point></Placemark>
</Document></kml>`;

  it('reads polygons, holes and MultiGeometry, strips altitude, keeps names and ExtendedData', async () => {
    const r = await readDistrictFile(file('rejony.kml', kml));
    expect(r.format).toBe('kml');
    expect(r.crs).toBe('EPSG:4326');
    checkThree(r.features);
    expect(r.features[0].geometry.coordinates[0][0]).toHaveLength(2);
    expect(r.fields).toEqual(expect.arrayContaining(['name', 'dzielnicowy']));
    expect(r.skipped).toHaveLength(1);
    const d = toDistricts(r.features, { nameField: 'name', officerField: 'dzielnicowy' });
    expect(d[0]).toMatchObject({ name: 'Rejon 1 Śródmieście', officer: 'asp. Łukasz Żółć' });
  });

  it('reads KMZ and reports broken XML', async () => {
    const r = await readDistrictFile(file('rejony.kmz', writeZip([{ name: 'doc.kml', data: kml, deflate: true }])));
    expect(r.format).toBe('kmz');
    checkThree(r.features);
    await expect(readDistrictFile(file('broken.kml', '<kml><Document><Placemark>'))).rejects.toThrow(/broken\.kml/);
  });
});

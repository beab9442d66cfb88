/**
 * Issue 14 point 3: bounded resources on every input. Decompression bombs built here with node:zlib (a ~1 MB ZIP
 * expanding to GBs; archives that lie about their sizes), read by the real readers in a child process whose peak
 * resident memory (VmHWM) is measured: each must be refused with a message naming the limit, and refusing it must
 * not cost the memory the bomb asks for. Before this work the same files took a child to >4 GB (zipped Shapefile),
 * 2.1 GB (KMZ) and 675 MB (XLSX).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDistrictFile } from '../../../../src/backend/districts/readers';
import { inspectFile } from '../../../../src/backend/import/readers';
import { jsonTooDeep } from '../../../../src/backend/security/limits';
import { bombEntry, storedEntry, xlsxParts, zipOf } from '../../../helpers/zipBomb';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
beforeAll(() => {
  t = tmpDir('rejon-limits-');
});
afterAll(() => t.cleanup());

interface Probe { ok: boolean; error?: string; msg?: { code: string; params?: Record<string, unknown> } | null; vmHwmMb: number }

function probe(kind: 'district' | 'import', file: string): Probe {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/readProbe.ts'), kind, file], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Probe;
}

const SST_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>';
const SHEET = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Y</t></is></c></row></sheetData></worksheet>';
/** Peak memory allowed for refusing a bomb: Node + tsx + the reader modules take ~100 MB here. */
const MAX_MB = 250;

describe('decompression bombs are refused before they expand', () => {
  const cases: { name: string; kind: 'district' | 'import'; build: () => Buffer; code: string }[] = [
    {
      name: 'rejony.zip', kind: 'district', code: 'security.limit.zipSize',
      build: () => zipOf([bombEntry('rejony.shp', 2048), bombEntry('rejony.dbf', 1024), storedEntry('rejony.prj', 'GEOGCS["x"]')]),
    },
    { name: 'klamca.zip', kind: 'district', code: 'security.limit.zipCorrupt', build: () => zipOf([bombEntry('rejony.shp', 2048, { declared: 1000 }), storedEntry('rejony.prj', 'x')]) },
    {
      name: 'rejony.kmz', kind: 'district', code: 'security.limit.zipSize',
      build: () => zipOf([bombEntry('doc.kml', 1024, { prefix: '<kml><Document><Placemark><name>', suffix: '</name></Placemark></Document></kml>' })]),
    },
    {
      name: 'bomba.xlsx', kind: 'import', code: 'security.limit.zipSize',
      build: () => zipOf([...xlsxParts(), storedEntry('xl/worksheets/sheet1.xml', SHEET), bombEntry('xl/sharedStrings.xml', 600, { fill: 0x61, prefix: SST_HEAD, suffix: '</t></si></sst>' })]),
    },
    {
      name: 'klamca.xlsx', kind: 'import', code: 'security.limit.zipCorrupt',
      build: () => zipOf([...xlsxParts(), storedEntry('xl/worksheets/sheet1.xml', SHEET), bombEntry('xl/sharedStrings.xml', 600, { declared: 2000, fill: 0x61, prefix: SST_HEAD, suffix: '</t></si></sst>' })]),
    },
    {
      name: 'arkusz.xlsx', kind: 'import', code: 'security.limit.zipRatio',
      build: () => zipOf([...xlsxParts(), bombEntry('xl/worksheets/sheet1.xml', 200, { prefix: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>', suffix: '</t></is></c></row></sheetData></worksheet>' })]),
    },
  ];
  for (const c of cases) {
    it(`${c.name}: refused with ${c.code}, peak memory below ${MAX_MB} MB`, () => {
      const file = path.join(t.dir, c.name);
      fs.writeFileSync(file, c.build());
      expect(fs.statSync(file).size).toBeLessThan(4 * 1024 * 1024);
      const r = probe(c.kind, file);
      expect(r.ok).toBe(false);
      expect(r.msg?.code).toBe(c.code);
      expect(r.error).toContain(c.name);
      expect(r.vmHwmMb).toBeLessThan(MAX_MB);
    }, 180_000);
  }

  it('an archive with too many entries is refused by its directory alone', async () => {
    const entries = Array.from({ length: 1500 }, (_, i) => storedEntry(`x/${i}.txt`, 'x'));
    const file = path.join(t.dir, 'wiele.zip');
    fs.writeFileSync(file, zipOf(entries));
    await expect(readDistrictFile(file)).rejects.toMatchObject({ msg: { code: 'security.limit.zipEntries', params: { max: 1000 } } });
  });
});

describe('JSON depth and size', () => {
  const deep = (n: number) => '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":' + '['.repeat(n) + ']'.repeat(n) + '},"geometry":null}]}';

  it('a deeply nested GeoJSON gives a clear limit error, not "Maximum call stack size exceeded"', async () => {
    const file = path.join(t.dir, 'gleboki.geojson');
    fs.writeFileSync(file, deep(200_000));
    await expect(readDistrictFile(file)).rejects.toMatchObject({ msg: { code: 'security.limit.jsonDepth', params: { max: 64 } } });
    const imp = path.join(t.dir, 'gleboki.json');
    fs.writeFileSync(imp, deep(200_000).replace('"a":', '"Nr":1,"a":'));
    await expect(inspectFile(imp)).rejects.toMatchObject({ msg: { code: 'security.limit.jsonDepth', params: { max: 64 } } });
    // ordinary nesting (GeoJSON polygons, nested properties) passes
    expect(jsonTooDeep(deep(20))).toBe(false);
    expect(jsonTooDeep('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"[["}')).toBe(false);
  });

  it('a JSON report file above the JSON limit is refused by its size, before it is read', async () => {
    const file = path.join(t.dir, 'duzy.geojson');
    fs.writeFileSync(file, '{"type":"FeatureCollection","features":[');
    fs.truncateSync(file, 65 * 1024 * 1024);
    await expect(inspectFile(file)).rejects.toMatchObject({ msg: { code: 'security.limit.fileSize', params: { mb: 64 } } });
  });

  it('a beat file with more features than the limit is refused', async () => {
    const features = Array.from({ length: 10_001 }, (_, i) => {
      const x = 19.6 + (i % 100) * 0.001;
      const y = 51.3 + Math.floor(i / 100) * 0.001;
      return { type: 'Feature', properties: { NAZWA: `R${i}` }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.0009, y], [x + 0.0009, y + 0.0009], [x, y + 0.0009], [x, y]]] } };
    });
    const file = path.join(t.dir, 'wiele.geojson');
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    await expect(readDistrictFile(file)).rejects.toMatchObject({ msg: { code: 'security.limit.features', params: { max: 10_000 } } });
  });
});

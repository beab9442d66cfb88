/**
 * Issue 12 acceptance, reproduced with the real CLI on real files: a windows-1250 ';' police export with
 * "X";"Y" = northing;easting (EPSG:2180, Polish surveying order) and NO TERYT column.
 * (a) into a workspace whose territory is powiat piotrkowski + powiat Piotrków Trybunalski: every valid report
 *     lands within 1 m of its true position (lon/lat and x2180/y2180 read back), and beats given in EPSG:2180 then
 *     hold exactly the right reports;
 * (b) into a workspace without territory, beats or reports: refused (exit != 0, names --xy, nothing written:
 *     the workspace file's bytes and its tables are unchanged);
 * (c) the same with --xy northing-easting: imported correctly.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../../src/backend/store/workspace';
import { powiatParts, setTerritory } from '../../../../src/backend/store/territory';
import { buildDistrictIndex, locate } from '../../../../src/core/districts/assign';
import { fromPuwg92, toPuwg92 } from '../../../../src/core/domain/crs';
import { mulberry32 } from '../../../../src/core/analysis/random';
import { tmpDir } from '../../../helpers/tmp';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
function rejon(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'rejon.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Truth { id: string; e: number; n: number }
let t: ReturnType<typeof tmpDir>;
let csv: string;
let truth: Truth[];
const BAD = 3;

/** Points inside the simplified city and powiat (rejection sampling in EPSG:2180 metres). */
function truePoints(): Truth[] {
  const parts = powiatParts(['powiat piotrkowski', 'powiat Piotrków Trybunalski']);
  const idx = buildDistrictIndex(parts.map((p, i) => ({ id: i, geometry: p.geometry })));
  const rnd = mulberry32(7);
  const out: Truth[] = [];
  // market square first (DOMAIN.md check point), then 150 in the city and 250 in the rural powiat
  out.push({ id: 'K-0', e: 548883, n: 393423 });
  const want = [150, 250];
  const boxes = [[540000, 386000, 556000, 398000], [515000, 355000, 585000, 435000]];
  for (let part = 1; part >= 0; part--) {
    const [x0, y0, x1, y1] = boxes[part];
    let k = 0;
    while (k < want[part]) {
      const e = x0 + rnd() * (x1 - x0), n = y0 + rnd() * (y1 - y0);
      const [lon, lat] = fromPuwg92(e, n);
      const at = locate(idx, lon, lat);
      if (at !== part) continue;
      out.push({ id: `K-${out.length}`, e: Math.round(e * 100) / 100, n: Math.round(n * 100) / 100 });
      k++;
    }
  }
  return out;
}

function writeExport(file: string, rows: Truth[]): void {
  const cats = ['Nieprawidłowe parkowanie', 'Spożywanie alkoholu w miejscach niedozwolonych', 'Przekraczanie dozwolonej prędkości', 'Akty wandalizmu'];
  const lines = ['"Nr zgłoszenia";"Kategoria";"Status";"Data utworzenia";"X";"Y";"Opis"'];
  const c = (v: number) => v.toFixed(2).replace('.', ',');
  rows.forEach((r, i) => {
    lines.push([`"${r.id}"`, `"${cats[i % cats.length]}"`, '"Nowe"', `"${String(1 + (i % 28)).padStart(2, '0')}.03.2025 1${i % 10}:15:00"`, `"${c(r.n)}"`, `"${c(r.e)}"`, '"opis; zażółć"'].join(';'));
  });
  // invalid rows: not a number, 0/0, outside Poland
  lines.push('"BAD-1";"Akty wandalizmu";"Nowe";"01.03.2025 10:00:00";"abc";"548883,00";""');
  lines.push('"BAD-2";"Akty wandalizmu";"Nowe";"01.03.2025 10:00:00";"0";"0";""');
  lines.push('"BAD-3";"Akty wandalizmu";"Nowe";"01.03.2025 10:00:00";"9000000,00";"9000000,00";""');
  fs.writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1250'));
}

function emptyWorkspace(name: string): string {
  const ws = path.join(t.dir, name);
  openWorkspace(ws, { create: true }).close();
  return ws;
}

function metres(a: [number, number], b: [number, number]): number {
  const [e1, n1] = toPuwg92(a[0], a[1]);
  const [e2, n2] = toPuwg92(b[0], b[1]);
  return Math.hypot(e1 - e2, n1 - n2);
}

function checkPositions(ws: string): void {
  const db = openWorkspace(ws, { readonly: true });
  const rows = db.prepare('SELECT source_id, lon, lat, x2180, y2180 FROM reports').all() as { source_id: string; lon: number; lat: number; x2180: number; y2180: number }[];
  db.close();
  expect(rows.length).toBe(truth.length);
  const byId = new Map(rows.map((r) => [r.source_id, r]));
  let worst = 0;
  for (const p of truth) {
    const r = byId.get(p.id)!;
    expect(r, p.id).toBeDefined();
    worst = Math.max(worst, Math.hypot(r.x2180 - p.e, r.y2180 - p.n), metres([r.lon, r.lat], fromPuwg92(p.e, p.n)));
  }
  expect(worst).toBeLessThan(1);
  // the market square check point of DOMAIN.md: 51.4053 N 19.7030 E
  const k0 = byId.get('K-0')!;
  expect(metres([k0.lon, k0.lat], [19.703, 51.4053])).toBeLessThan(5);
}

beforeAll(() => {
  t = tmpDir('rejon-axis-');
  truth = truePoints();
  csv = path.join(t.dir, 'eksport-kmp-piotrkow.csv');
  writeExport(csv, truth);
});
afterAll(() => t?.cleanup());

describe('X = northing, Y = easting, no TERYT (issue 12 acceptance)', () => {
  it('(a) with the KMP Piotrków territory: every valid report within 1 m, EPSG:2180 beats hold exactly the right reports', () => {
    const ws = emptyWorkspace('kmp.sqlite');
    const db = openWorkspace(ws);
    setTerritory(db, powiatParts(['powiat piotrkowski', 'powiat Piotrków Trybunalski']));
    db.close();
    const r = rejon(['import', csv, '--workspace', ws, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ inserted: truth.length, rejected: BAD });
    expect(out.files[0]).toMatchObject({ coordinateKind: 'puwg92-swapped', coordinateDecidedBy: 'territory', outsideTerritory: 0 });
    checkPositions(ws);

    // beats in EPSG:2180: a 3 x 3 grid of 4 km squares over the city (straight edges in metres)
    const x0 = 541000, y0 = 385000, s = 4000;
    const features = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      const [a, b] = [x0 + i * s, y0 + j * s];
      features.push({ type: 'Feature', properties: { NAZWA: `R${i}${j}` }, geometry: { type: 'Polygon', coordinates: [[[a, b], [a + s, b], [a + s, b + s], [a, b + s], [a, b]]] } });
    }
    const beats = path.join(t.dir, 'rejony-2180.geojson');
    fs.writeFileSync(beats, JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2180' } }, features }));
    const d = rejon(['districts', 'import', beats, '--workspace', ws, '--name-field', 'NAZWA', '--json']);
    expect(d.status).toBe(0);
    const w = openWorkspace(ws, { readonly: true });
    const got = new Map((w.prepare('SELECT r.source_id AS id, d.name AS beat FROM reports r LEFT JOIN districts d ON d.id = r.district_id').all() as { id: string; beat: string | null }[]).map((x) => [x.id, x.beat]));
    w.close();
    let inBeats = 0;
    for (const p of truth) {
      const i = Math.floor((p.e - x0) / s), j = Math.floor((p.n - y0) / s);
      const want = i >= 0 && i < 3 && j >= 0 && j < 3 ? `R${i}${j}` : null;
      if (want) inBeats++;
      expect(got.get(p.id), p.id).toBe(want);
    }
    expect(inBeats).toBeGreaterThan(100);
  }, 120_000);

  it('(b) without territory, beats or reports: refused, --xy named, nothing written', () => {
    const ws = emptyWorkspace('empty.sqlite');
    const before = createHash('sha256').update(fs.readFileSync(ws)).digest('hex');
    for (const env of [{ REJON_LANG: 'en' }, { REJON_LANG: 'pl' }]) {
      const r = rejon(['import', csv, '--workspace', ws], env);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('--xy');
      expect(r.stderr).toContain('easting-northing');
      expect(r.stderr).toContain('northing-easting');
      expect(r.stderr).toContain('eksport-kmp-piotrkow.csv');
    }
    expect(rejon(['import', csv, '--workspace', ws], { REJON_LANG: 'pl' }).stderr).toContain('Nic nie zapisano');
    expect(createHash('sha256').update(fs.readFileSync(ws)).digest('hex')).toBe(before);
    const db = openWorkspace(ws, { readonly: true });
    expect(db.prepare('SELECT (SELECT count(*) FROM imports) + (SELECT count(*) FROM reports) + (SELECT count(*) FROM quarantine) AS n').get()).toEqual({ n: 0 });
    db.close();
  }, 120_000);

  it('(c) with --xy northing-easting: imported correctly; --xy easting-northing puts it 200 km away and says the data disagree', () => {
    const ws = emptyWorkspace('xy.sqlite');
    const r = rejon(['import', csv, '--workspace', ws, '--xy', 'northing-easting', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ coordinateKind: 'puwg92-swapped', coordinateDecidedBy: 'override' });
    checkPositions(ws);
    expect(rejon(['import', csv, '--workspace', ws, '--xy', 'sideways']).status).toBe(2);
    // with a territory the wrong --xy is still the user's decision, but the summary warns and flags every report
    const ws2 = emptyWorkspace('wrong.sqlite');
    const db = openWorkspace(ws2);
    setTerritory(db, powiatParts(['powiat piotrkowski', 'powiat Piotrków Trybunalski']));
    db.close();
    const w = rejon(['import', csv, '--workspace', ws2, '--xy', 'easting-northing'], { REJON_LANG: 'en' });
    expect(w.status).toBe(0);
    expect(w.stdout).toContain('contradicts the data');
    expect(w.stdout).toContain(`${truth.length} reports lie outside the command territory`);
  }, 120_000);
});

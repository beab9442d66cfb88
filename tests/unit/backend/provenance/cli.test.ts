/**
 * The command line of provenance, undo and reports out, through the real `rejon` binary: --source recorded and
 * remembered with the preset, `imports`, `undo-import` (and its refusal), `reports` in three formats with filters.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../../src/backend/store/workspace';
import { insertDistrict } from '../../../../src/backend/store/districts';
import { writeKmzbCsv, syntheticRows } from '../../../helpers/kmzbCsv';
import { tmpDir } from '../../../helpers/tmp';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
let t: ReturnType<typeof tmpDir>;
let ws: string;

function rejon(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'rejon.mjs'), ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, REJON_LANG: 'en', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const q = (sql: string, ...p: unknown[]) => {
  const db = openWorkspace(ws, { readonly: true });
  try {
    return db.prepare(sql).get(...p) as Record<string, number>;
  } finally {
    db.close();
  }
};

beforeAll(() => {
  t = tmpDir('rejon-prov-cli-');
  ws = path.join(t.dir, 'w.sqlite');
  const db = openWorkspace(ws, { create: true });
  insertDistrict(db, { name: 'Rejon 1 – Centrum', geometry: { type: 'Polygon', coordinates: [[[19.6, 51.36], [19.7, 51.36], [19.7, 51.45], [19.6, 51.45], [19.6, 51.36]]] } });
  insertDistrict(db, { name: 'Rejon 2 – Wschód', geometry: { type: 'Polygon', coordinates: [[[19.7, 51.36], [19.8, 51.36], [19.8, 51.45], [19.7, 51.45], [19.7, 51.36]]] } });
  db.close();
  writeKmzbCsv(path.join(t.dir, 'a.csv'), syntheticRows(60, 0));
  writeKmzbCsv(path.join(t.dir, 'b.csv'), [...syntheticRows(10, 60), ...[...syntheticRows(5, 0)].map((r) => ({ ...r, status: 'Niepotwierdzone', modified: '01.01.2026 10:00:00' }))]);
});
afterAll(() => t?.cleanup());

describe('rejon import --source, imports, undo-import', () => {
  it('records the source, remembers it with the preset, lists the history and undoes the newest import', () => {
    const badSource = rejon(['import', path.join(t.dir, 'a.csv'), '--workspace', ws, '--source', 'mapa']);
    expect(badSource.status).toBe(2);
    expect(badSource.stderr).toMatch(/--source must be kmzb-police, kmzb-public, other/);
    const a = rejon(['import', path.join(t.dir, 'a.csv'), '--workspace', ws, '--source', 'kmzb-police', '--provenance', 'KPP Piotrków, eksport 01/2026', '--save-preset', 'KPP', '--json']);
    expect(a.status, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).files[0]).toMatchObject({ inserted: 60, source: 'kmzb-police', provenance: 'KPP Piotrków, eksport 01/2026' });
    // same header: the preset applies by itself and brings its source
    const b = rejon(['import', path.join(t.dir, 'b.csv'), '--workspace', ws]);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toContain('source: KMZB, police export – KPP Piotrków, eksport 01/2026');
    expect(b.stdout).toContain('inserted 10, updated 5');

    const list = JSON.parse(rejon(['imports', '--workspace', ws, '--json']).stdout);
    expect(list.map((i: { id: number; provenanceKind: string; undoable: boolean; undoneAt: number | null }) => [i.id, i.provenanceKind, i.undoable, i.undoneAt])).toEqual([
      [2, 'kmzb-police', true, null],
      [1, 'kmzb-police', true, null],
    ]);
    const listPl = rejon(['imports', '--workspace', ws], { REJON_LANG: 'pl' }).stdout;
    expect(listPl).toMatch(/#1 .* a\.csv {2}\[kmzb-police: KMZB, eksport policyjny – KPP Piotrków, eksport 01\/2026\]/);
    // the history in the user's language (it printed English words whatever the language)
    expect(listPl).toContain('dodane 60, zaktualizowane 0, bez zmian 0, odrzucone 0; można cofnąć');
    expect(listPl).not.toMatch(/inserted|can be undone/);
    expect(rejon(['imports', '--workspace', ws], { REJON_LANG: 'en' }).stdout).toContain('inserted 60, updated 0, unchanged 0, rejected 0; can be undone');

    // import 1 is blocked by import 2 (it changed 5 of its reports): exit 4, nothing written
    const refused = rejon(['undo-import', '1', '--workspace', ws], { REJON_LANG: 'pl' });
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(/Importu nr 1 \(„a\.csv”\) nie można cofnąć, bo późniejsze importy zmieniły te same zgłoszenia: #2 \(b\.csv, /);
    expect(fs.existsSync(path.join(t.dir, 'backups'))).toBe(false);

    const before = q('SELECT count(*) AS n FROM reports').n;
    const undo = rejon(['undo-import', '2', '--workspace', ws]);
    expect(undo.status, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/^Undid import no\. 2 \("b\.csv"\): removed 10 reports, restored 5 reports, removed \d+ status history entries and 0 quarantine rows\. Backup copy: .*backups\/w\.sqlite\.\d{8}-\d{6}-\d{3}Z\.before-undo\.sqlite$/m);
    expect(q('SELECT count(*) AS n FROM reports').n).toBe(before - 10);
    expect(q(`SELECT count(*) AS n FROM reports WHERE status = 'Niepotwierdzone'`).n).toBe(0);
    const again = rejon(['undo-import', '2', '--workspace', ws]);
    expect(again.status).toBe(4);
    expect(again.stderr).toMatch(/Import no\. 2 \("b\.csv"\) was already undone on \d{4}-\d\d-\d\d \d\d:\d\d\./);
    expect(rejon(['undo-import', '99', '--workspace', ws]).stderr).toMatch(/There is no import no\. 99\./);
    expect(rejon(['undo-import', '--workspace', ws]).status).toBe(2);
  }, 600_000);
});

describe('rejon reports', () => {
  it('writes the filtered reports as GeoJSON, CSV and GeoPackage; refuses an unknown extension', () => {
    const out = path.join(t.dir, 'rejon1.geojson');
    const r = rejon(['reports', '--workspace', ws, '--district', 'rejon 1', '--from', '2025-01-01', '--to', '2025-06-30', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*rejon1\.geojson \(geojson, [\d,]+ B\) in [\d.]+ s\.$/m);
    const fc = JSON.parse(fs.readFileSync(out, 'utf8'));
    const n = q(`SELECT count(*) AS n FROM reports r JOIN districts d ON d.id = r.district_id WHERE d.name LIKE 'Rejon 1%' AND created_at >= ? AND created_at < ?`,
      Date.UTC(2024, 11, 31, 23), Date.UTC(2025, 5, 30, 22)).n;
    expect(n).toBeGreaterThan(5);
    expect(fc.features).toHaveLength(n);
    expect(fc.features.every((f: { properties: { beat: string } }) => f.properties.beat === 'Rejon 1 – Centrum')).toBe(true);
    expect(fc.features.some((f: { properties: Record<string, unknown> }) => 'description' in f.properties)).toBe(false);

    const csv = path.join(t.dir, 'all.csv');
    expect(rejon(['reports', '--workspace', ws, '--out', csv, '--with-descriptions']).status).toBe(0);
    expect(fs.readFileSync(csv, 'utf8').split('\r\n')[0]).toBe('\uFEFFsource_id;category;status;created;lon;lat;x;y;beat;source;description');

    const gpkg = path.join(t.dir, 'all.gpkg');
    expect(rejon(['reports', '--workspace', ws, '--out', gpkg, '--status', 'Nowe']).status).toBe(0);
    const info = spawnSync('ogrinfo', ['-al', '-so', gpkg], { encoding: 'utf8' }).stdout;
    expect(info).toContain(`Feature Count: ${q(`SELECT count(*) AS n FROM reports WHERE status = 'Nowe'`).n}`);

    const bad = rejon(['reports', '--workspace', ws, '--out', path.join(t.dir, 'x.shp')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Unknown file format "x.shp": use a .gpkg, .geojson or .csv name.');
    expect(rejon(['reports', '--workspace', ws, '--out', path.join(t.dir, 'x.csv'), '--district', 'Rejon 9']).stderr).toMatch(/unknown beat "Rejon 9"/);
  }, 600_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { importFile, ImportError } from '../../../../src/backend/import/importFile';
import { openWorkspace } from '../../../../src/backend/store/workspace';
import { insertDistrict } from '../../../../src/backend/store/districts';
import { toPuwg92 } from '../../../../src/core/domain/crs';
import { tmpDir } from '../../../helpers/tmp';
import { syntheticRows, writeKmzbCsv } from '../../../helpers/kmzbCsv';

let cleanup = () => {};
afterEach(() => cleanup());

function setup() {
  const t = tmpDir('rejon-import-');
  cleanup = t.cleanup;
  const ws = path.join(t.dir, 'w.sqlite');
  openWorkspace(ws, { create: true }).close();
  return { dir: t.dir, ws };
}

const count = (ws: string, sql: string) => {
  const db = openWorkspace(ws, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('importFile', () => {
  it('imports a swapped-axis windows-1250 export exactly, then updates statuses without duplicating', async () => {
    const { dir, ws } = setup();
    // The workspace already knows its area (one beat around Piotrków): it decides the axis order,
    // since both orders of these EPSG:2180 values fit Poland and the rows carry no TERYT.
    const w = openWorkspace(ws);
    insertDistrict(w, { name: 'Rejon 1', geometry: { type: 'Polygon', coordinates: [[[19.6, 51.35], [19.8, 51.35], [19.8, 51.45], [19.6, 51.45], [19.6, 51.35]]] } });
    w.close();
    const f1 = path.join(dir, 'export-2025-06.csv');
    writeKmzbCsv(f1, [
      { id: 'A1', category: 'Spozywanie alkoholu w miejscach niedozwolonych', status: 'Nowe', created: '14.06.2025 22:05:00', lon: 19.703, lat: 51.4053, description: 'Grupa osób; "piwo"\nna ławce' },
      { id: 'A2', category: 'Przekroczenie dozwolonej prędkości', status: 'Weryfikacja', created: '2025-06-15 07:30', lon: 19.69, lat: 51.41 },
      { id: 'A3', category: 'Nowa kategoria testowa', status: 'Nowe', created: '15.06.2025 10:00', lon: 19.7, lat: 51.4 },
      { id: 'A4', category: 'Akty wandalizmu', status: 'Nowe', created: '31.06.2025 10:00', lon: 19.7, lat: 51.4 },
      { id: 'A5', category: 'Akty wandalizmu', status: 'Cokolwiek', created: '15.06.2025 10:00', lon: 19.7, lat: 51.4 },
    ]);
    const s1 = await importFile(ws, { path: f1 });
    // was: coordinateExplanation matching the English "…fall in this workspace's area…" sentence; the decision is a
    // message code with the counts now (beats decide: no territory, no TERYT on these rows)
    expect(s1.coordinate).toMatchObject({ decidedBy: 'beats', msg: { code: 'coords.decided.beats', params: { n: 5, total: 5, other: 0 } } });
    expect(s1).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: 2, coordinateKind: 'puwg92-swapped' });
    expect(s1.unknownCategories).toEqual([{ name: 'Nowa kategoria testowa', count: 1 }]);
    expect(s1.rejections.map((r) => [r.row, r.column, r.reason])).toEqual([
      [5, 'Data utworzenia', 'invalid-calendar-date'],
      [6, 'Status', 'unknown-status'],
    ]);
    const db = openWorkspace(ws, { readonly: true });
    const a1 = db.prepare(`SELECT * FROM reports WHERE source_id = 'A1'`).get() as Record<string, number | string>;
    expect(a1.category).toBe('Spożywanie alkoholu w miejscach niedozwolonych');
    expect(a1.created_at).toBe(Date.UTC(2025, 5, 14, 20, 5));
    expect(a1.hour).toBe(22);
    expect(a1.description).toBe('Grupa osób; "piwo"\nna ławce');
    const [e, n] = toPuwg92(19.703, 51.4053);
    const [e2, n2] = toPuwg92(a1.lon as number, a1.lat as number);
    expect(Math.hypot(e - e2, n - n2)).toBeLessThan(1);
    expect(db.prepare(`SELECT category FROM reports WHERE source_id = 'A2'`).get()).toEqual({ category: 'Przekraczanie dozwolonej prędkości' });
    const q = db.prepare('SELECT row_number, field, reason, file_name FROM quarantine ORDER BY row_number').all();
    expect(q).toEqual([
      { row_number: 5, field: 'Data utworzenia', reason: expect.stringContaining('invalid-calendar-date'), file_name: 'export-2025-06.csv' },
      { row_number: 6, field: 'Status', reason: expect.stringContaining('unknown-status'), file_name: 'export-2025-06.csv' },
    ]);
    db.close();

    // the same file again: nothing changes
    const again = await importFile(ws, { path: f1 });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, nothingChanged: true });
    expect(again.sameFileAs?.importId).toBe(s1.importId);
    expect(count(ws, 'SELECT count(*) AS n FROM reports')).toBe(3);

    // a newer export: A1 confirmed, A2 rejected, new A6
    const f2 = path.join(dir, 'export-2025-07.csv');
    writeKmzbCsv(f2, [
      { id: 'A1', category: 'Spożywanie alkoholu w miejscach niedozwolonych', status: 'Potwierdzone', created: '14.06.2025 22:05:00', modified: '20.06.2025 09:00:00', lon: 19.703, lat: 51.4053, description: 'Grupa osób; "piwo"\nna ławce' },
      { id: 'A2', category: 'Przekroczenie dozwolonej prędkości', status: 'Niepotwierdzone', created: '2025-06-15 07:30', modified: '21.06.2025 12:00', lon: 19.69, lat: 51.41 },
      { id: 'A6', category: 'Żebractwo', status: 'Nowe', created: '01.07.2025 12:00', lon: 19.71, lat: 51.4 },
    ]);
    const s2 = await importFile(ws, { path: f2 });
    expect(s2).toMatchObject({ inserted: 1, updated: 2, unchanged: 0, rejected: 0 });
    expect(count(ws, 'SELECT count(*) AS n FROM reports')).toBe(4);
    const db2 = openWorkspace(ws, { readonly: true });
    const hist = db2.prepare(`SELECT h.status FROM report_status_history h JOIN reports r ON r.id = h.report_id WHERE r.source_id = 'A1' ORDER BY h.id`).all();
    expect(hist).toEqual([{ status: 'Nowe' }, { status: 'Potwierdzone' }]);
    expect(db2.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 3 });
    db2.close();
  });

  it('a first import with an id repeated in the file keeps one report: the later status, both in the history, its beat', async () => {
    const { dir, ws } = setup();
    const w = openWorkspace(ws);
    const beat = insertDistrict(w, { name: 'Rejon 1', geometry: { type: 'Polygon', coordinates: [[[19.6, 51.35], [19.8, 51.35], [19.8, 51.45], [19.6, 51.45], [19.6, 51.35]]] } });
    w.close();
    const f = path.join(dir, 'repeated.csv');
    writeKmzbCsv(f, [
      ...syntheticRows(40),
      { id: 'R1', category: 'Akty wandalizmu', status: 'Nowe', created: '01.03.2025 10:00', lon: 19.7, lat: 51.4 },
      ...syntheticRows(40, 100),
      { id: 'R1', category: 'Akty wandalizmu', status: 'Potwierdzone', created: '01.03.2025 10:00', modified: '03.03.2025 08:00', lon: 19.7, lat: 51.4 },
    ]);
    const s = await importFile(ws, { path: f });
    expect(s).toMatchObject({ inserted: 81, updated: 1, rejected: 0 });
    const db = openWorkspace(ws, { readonly: true });
    const r1 = db.prepare(`SELECT id, status, status_code, verified_at, district_id FROM reports WHERE source_id = 'R1'`).all() as {
      id: number; status: string; verified_at: number; district_id: number;
    }[];
    expect(r1).toHaveLength(1);
    expect(r1[0]).toMatchObject({ status: 'Potwierdzone', verified_at: Date.UTC(2025, 2, 3, 7, 0), district_id: beat });
    const hist = db.prepare('SELECT status FROM report_status_history WHERE report_id = ? ORDER BY id').all(r1[0].id);
    expect(hist).toEqual([{ status: 'Nowe' }, { status: 'Potwierdzone' }]);
    expect((db.prepare('SELECT count(*) AS n FROM report_status_history').get() as { n: number }).n).toBe(82);
    db.close();
  });

  it('the worker-thread and the inline pipeline store exactly the same data', async () => {
    const { dir } = setup();
    const f = path.join(dir, 'mixed.csv');
    writeKmzbCsv(f, [...syntheticRows(3000), { id: 'X1', category: 'Akty wandalizmu', status: '???', created: '01.01.2025 10:00', lon: 19.7, lat: 51.4 }]);
    const dump = async (inline: boolean) => {
      const ws = path.join(dir, `${inline ? 'inline' : 'worker'}.sqlite`);
      openWorkspace(ws, { create: true }).close();
      if (inline) process.env.REJON_IMPORT_INLINE = '1';
      try {
        const s = await importFile(ws, { path: f });
        expect(s).toMatchObject({ inserted: 3000, rejected: 1 });
      } finally {
        delete process.env.REJON_IMPORT_INLINE;
      }
      const db = openWorkspace(ws, { readonly: true });
      const rows = db.prepare('SELECT source_id, category, status, created_at, lon, lat, x2180, y2180, hour, weekday, teryt, description FROM reports ORDER BY source_id').all();
      const q = db.prepare('SELECT row_number, field, reason, raw_json FROM quarantine').all();
      const h = db.prepare('SELECT report_id, status, changed_at FROM report_status_history ORDER BY id').all();
      db.close();
      return createHash('sha256').update(JSON.stringify([rows, q, h])).digest('hex');
    };
    expect(await dump(false)).toBe(await dump(true));
  });

  it('gives one clear error for a file it cannot read, and changes nothing', async () => {
    const { dir, ws } = setup();
    const bin = path.join(dir, 'photo.csv');
    fs.writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff)));
    await expect(importFile(ws, { path: bin })).rejects.toThrow(/photo\.csv/);
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    await expect(importFile(ws, { path: empty })).rejects.toBeInstanceOf(ImportError);
    const nocols = path.join(dir, 'nocols.csv');
    fs.writeFileSync(nocols, 'a;b;c\n1;2;3\n');
    await expect(importFile(ws, { path: nocols })).rejects.toThrow(/nocols\.csv/);
    expect(count(ws, 'SELECT count(*) AS n FROM imports')).toBe(0);
  });

  it('cancel rolls the whole import back', async () => {
    const { dir, ws } = setup();
    const f = path.join(dir, 'big.csv');
    writeKmzbCsv(f, syntheticRows(30_000));
    let calls = 0;
    await expect(
      importFile(ws, { path: f }, {
        progress: () => {},
        throwIfCancelled: () => {
          if (++calls > 3) {
            const e = new Error('cancelled');
            e.name = 'AbortError';
            throw e;
          }
        },
      }),
    ).rejects.toThrow(/cancelled/);
    expect(count(ws, 'SELECT count(*) AS n FROM reports')).toBe(0);
    expect(count(ws, 'SELECT count(*) AS n FROM imports')).toBe(0);
  });

  it('a killed import process leaves the workspace exactly as before', async () => {
    const { dir, ws } = setup();
    // some data before
    const small = path.join(dir, 'small.csv');
    writeKmzbCsv(small, syntheticRows(500, 900_000));
    await importFile(ws, { path: small });
    const snapshot = () => {
      const db = openWorkspace(ws, { readonly: true });
      const rows = db.prepare('SELECT source_id, status, lon, lat FROM reports ORDER BY source_id').all();
      const imports = db.prepare('SELECT count(*) AS n FROM imports').get();
      const ok = db.pragma('integrity_check', { simple: true });
      db.close();
      return { hash: createHash('sha256').update(JSON.stringify(rows)).digest('hex'), imports, ok };
    };
    const before = snapshot();
    const big = path.join(dir, 'big.csv');
    writeKmzbCsv(big, syntheticRows(400_000));
    const root = path.resolve(__dirname, '../../../..');
    const child = spawn(process.execPath, [path.join(root, 'bin', 'rejon.mjs'), 'import', big, '--workspace', ws], { stdio: ['ignore', 'pipe', 'pipe'] });
    // wait until the import is writing (the WAL grows), then kill -9
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const wal = ws + '-wal';
      if (fs.existsSync(wal) && fs.statSync(wal).size > 2_000_000) break;
    }
    expect(child.exitCode).toBeNull(); // still importing when killed
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const after = snapshot();
    expect(after).toEqual(before);
    expect(after.ok).toBe('ok');
  }, 120_000);
});

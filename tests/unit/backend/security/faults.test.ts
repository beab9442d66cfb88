/**
 * Issue 14 point 8: faults handled with clear messages. Each probe of the issue as a test: a read-only workspace
 * (read-only bind mount or immutable file where the test may, else file mode 0444 in a 0555 folder), a UTF-8 file
 * with one bad byte, `,=` / tab-`=` inside CSV export cells, `0000-01-01` and deep nesting over HTTP, and symlinks
 * out of the static folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { importFile } from '../../../../src/backend/import/importFile';
import { startHttpServer, type RunningServer } from '../../../../src/backend/server/httpServer';
import { createImport, createReportUpserter } from '../../../../src/backend/store/reports';
import { openWorkspace, WorkspaceError } from '../../../../src/backend/store/workspace';
import { detectEncoding } from '../../../../src/core/import/encoding';
import { escapeCsvCell, toCsv } from '../../../../src/core/export/csv';
import { safeText } from '../../../../src/backend/briefing/exports';
import { tmpDir } from '../../../helpers/tmp';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
let t: ReturnType<typeof tmpDir>;
beforeAll(() => {
  t = tmpDir('rejon-faults-');
});
afterAll(() => t.cleanup());

function request(port: number, token: string, method: string, input: unknown): Promise<{ status: number; body: { result?: unknown; error?: { code: string; message: string; issues?: { path: string }[]; msg?: { code: string; params?: Record<string, unknown> } } } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/call/${method}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(typeof input === 'string' ? input : JSON.stringify(input));
  });
}

function get(port: number, p: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

function seedWorkspace(file: string, journal: 'WAL' | 'DELETE'): void {
  const db = openWorkspace(file, { create: true });
  const importId = createImport(db, { fileName: 't.csv', fileHash: null, sourceKind: 'test', provenance: null, mapping: null });
  const up = createReportUpserter(db, importId);
  for (let i = 0; i < 20; i++) {
    up.upsert({ sourceId: `R${i}`, category: 'Żebractwo', status: 'Potwierdzone', createdAt: Date.UTC(2024, 0, 2 + i, 10), eventAt: null, modifiedAt: null, lon: 19.703 + i * 1e-3, lat: 51.4053, teryt: '1062011', description: `opis ${i}` });
  }
  if (journal === 'DELETE') db.pragma('journal_mode = DELETE');
  db.close();
}

/** Make `dir` (and the files in it) read-only the strongest way this process may; returns the undo. */
function makeReadOnly(dir: string): { how: string; undo(): void } {
  const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
  if (process.getuid?.() === 0) {
    try {
      execFileSync('mount', ['--bind', '-o', 'ro', dir, dir], { stdio: 'ignore' });
      return { how: 'read-only bind mount', undo: () => execFileSync('umount', [dir], { stdio: 'ignore' }) };
    } catch {
      /* no mount privilege (container): try immutable files */
    }
    try {
      execFileSync('chattr', ['+i', ...files, dir], { stdio: 'ignore' });
      return { how: 'immutable file and folder', undo: () => execFileSync('chattr', ['-i', ...files, dir], { stdio: 'ignore' }) };
    } catch {
      /* fall through */
    }
  }
  for (const f of files) fs.chmodSync(f, 0o444);
  fs.chmodSync(dir, 0o555);
  return {
    how: 'mode 0444 in a 0555 folder',
    undo: () => {
      fs.chmodSync(dir, 0o755);
      for (const f of files) fs.chmodSync(f, 0o644);
    },
  };
}

describe('read-only workspaces open read-only for reading', () => {
  for (const journal of ['DELETE', 'WAL'] as const) {
    it(`${journal} journal: info and briefing read it, serve answers writes with a clear message`, async () => {
      const dir = path.join(t.dir, `ro-${journal}`);
      fs.mkdirSync(dir);
      const ws = path.join(dir, 'w.sqlite');
      seedWorkspace(ws, journal);
      const before = fs.readFileSync(ws);
      const ro = makeReadOnly(dir);
      try {
        const info = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'rejon.mjs'), 'info', '--workspace', ws, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
        expect(info.status, `${ro.how}: ${info.stderr}`).toBe(0);
        expect(JSON.parse(info.stdout).reports).toBe(20);
        const out = path.join(t.dir, `briefing-${journal}.csv`);
        const brief = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'rejon.mjs'), 'briefing', '--workspace', ws, '--from', '2024-01-01', '--to', '2024-01-31', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
        expect(brief.status, `${ro.how}: ${brief.stderr}`).toBe(0);
        expect(fs.readFileSync(out, 'utf8')).toMatch(/^\uFEFFRejon;/);

        // serve: a Backend falls back to a read-only open for a file it cannot write
        const backend = new Backend(ws);
        const server = await startHttpServer({ backend, staticDir: t.dir });
        try {
          const infoRes = await request(server.port, server.token, 'getWorkspaceInfo', {});
          expect(infoRes.body.result).toMatchObject({ reports: 20, readOnly: true });
          const list = await request(server.port, server.token, 'listReports', {});
          expect((list.body.result as { total: number }).total).toBe(20);
          const write = await request(server.port, server.token, 'setSetting', { key: 'x', value: 1 });
          expect(write.status).toBe(409);
          expect(write.body.error?.msg?.code).toBe('workspace.error.read-only-write');
          const up = await request(server.port, server.token, 'uploadChunk', { name: 'a.csv', offset: 0, data: Buffer.from('a;b\n1;2\n').toString('base64') });
          const imp = await request(server.port, server.token, 'startImport', { source: { uploadId: (up.body.result as { uploadId: string }).uploadId } });
          expect(imp.status).toBe(409);
          expect(imp.body.error?.msg?.code).toBe('workspace.error.read-only-write');
        } finally {
          await server.close();
          await backend.close();
        }
      } finally {
        ro.undo();
      }
      expect(fs.readFileSync(ws).equals(before)).toBe(true);
    }, 180_000);
  }

  it('an older workspace on read-only media is refused with a clear reason, not a write error', () => {
    const dir = path.join(t.dir, 'ro-old');
    fs.mkdirSync(dir);
    const ws = path.join(dir, 'w.sqlite');
    seedWorkspace(ws, 'DELETE');
    const db = openWorkspace(ws);
    db.pragma('user_version = 4');
    db.close();
    const ro = makeReadOnly(dir);
    try {
      let err: unknown;
      try {
        new Backend(ws);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(WorkspaceError);
      expect((err as WorkspaceError).code).toBe('read-only');
      expect((err as WorkspaceError).msg.code).toBe('workspace.error.read-only-old');
    } finally {
      ro.undo();
    }
  });
});

describe('mixed or invalid encodings are found per row', () => {
  it('a UTF-8 file with one bad byte keeps its Polish letters and quarantines only that row, with the reason', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Z${i};Spożywanie alkoholu w miejscach niedozwolonych;Nowe;0${1 + (i % 9)}.03.2024 10:00;19,70${i % 10};51,40${i % 10};Łódź – ławka przy żłobku nr ${i}`);
    const head = Buffer.from('Nr zgłoszenia;Kategoria;Status;Data utworzenia;Długość;Szerokość;Opis\r\n' + rows.slice(0, 17).join('\r\n') + '\r\n', 'utf8');
    const bad = Buffer.concat([Buffer.from('Z99;Żebractwo;Nowe;05.03.2024 10:00;19,71;51,41;zła bajta: ', 'utf8'), Buffer.from([0xe6]), Buffer.from(' koniec\r\n', 'utf8')]);
    const tail = Buffer.from(rows.slice(17).join('\r\n') + '\r\n', 'utf8');
    const file = path.join(t.dir, 'utf8-jeden-bajt.csv');
    fs.writeFileSync(file, Buffer.concat([head, bad, tail]));
    expect(detectEncoding(fs.readFileSync(file))).toMatchObject({ encoding: 'utf-8', invalidUtf8: 1 });

    const ws = path.join(t.dir, 'enc.sqlite');
    openWorkspace(ws, { create: true }).close();
    const s = await importFile(ws, { path: file });
    expect(s.inserted).toBe(30);
    expect(s.rejected).toBe(1);
    expect(s.rejections[0]).toMatchObject({ row: 19, reason: 'invalid-encoding', column: 'Opis' });
    const db = openWorkspace(ws, { readonly: true });
    try {
      const descs = db.prepare('SELECT description FROM reports ORDER BY source_id').all() as { description: string }[];
      expect(descs.every((d) => d.description.startsWith('Łódź – ławka przy żłobku'))).toBe(true);
      const q = db.prepare('SELECT reason FROM quarantine').all() as { reason: string }[];
      expect(q).toEqual([{ reason: expect.stringMatching(/^invalid-encoding: /) }]);
    } finally {
      db.close();
    }
  });

  it('a windows-1250 file is still read as windows-1250', () => {
    const bytes = iconv.encode('Nr;Opis\r\n1;Łódź, żółć, ślęża, źdźbło\r\n2;Gęślą jaźń\r\n', 'windows-1250');
    expect(detectEncoding(bytes).encoding).toBe('windows-1250');
  });
});

describe('formula escaping covers every cell start and every separator (OWASP CSV injection)', () => {
  it('escapes cell starts and formulas after , ; TAB CR LF inside cells, and quotes such cells', () => {
    for (const [input, out] of [
      ['=1+1', "'=1+1"],
      ['+48 600', "'+48 600"],
      ['-x', "'-x"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tcmd', "'\tcmd"],
      ['\r=cmd', "\"'\r'=cmd\""],
      ['ul. Długa 5,=HYPERLINK("http://x")', '"ul. Długa 5,\'=HYPERLINK(""http://x"")"'],
      ['a\t=cmd|\' /C calc\'!A0', "a\t'=cmd|' /C calc'!A0"],
      ['a;+1', '"a;\'+1"'],
      ['linia\n@x', '"linia\n\'@x"'],
      ['zwykły, tekst', '"zwykły, tekst"'],
    ] as const) {
      expect(escapeCsvCell(input), JSON.stringify(input)).toBe(out);
    }
    expect(escapeCsvCell(-12.5)).toBe('-12.5');
    expect(safeText('x,=1')).toBe("x,'=1");
  });

  it('no cell of an export starts a formula, whatever delimiter the spreadsheet splits on', () => {
    const hostile = ['=cmd', 'a,=HYPERLINK("http://evil")', 'b\t=1+1', 'c;@SUM(A1)', 'd\r\n+1', 'e,-2+3'];
    const csv = toCsv(['Opis'], hostile.map((h) => [h]));
    for (const delimiter of [';', ',', '\t']) {
      const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: true }).data;
      for (const row of parsed) for (const cell of row) expect(cell, `${JSON.stringify(cell)} with ${JSON.stringify(delimiter)}`).not.toMatch(/^[=+\-@]/);
    }
  });
});

describe('requests: out-of-range dates, deep nesting, symlinks', () => {
  let backend: Backend;
  let server: RunningServer;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = path.join(t.dir, 'static');
    fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Rejon</title>');
    fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(t.dir, 'outside-secret.txt'), 'SECRET OUTSIDE');
    fs.mkdirSync(path.join(t.dir, 'outside-dir'));
    fs.writeFileSync(path.join(t.dir, 'outside-dir', 'x.js'), 'SECRET DIR');
    fs.symlinkSync(path.join(t.dir, 'outside-secret.txt'), path.join(staticDir, 'leak.txt'));
    fs.symlinkSync(path.join(t.dir, 'outside-dir'), path.join(staticDir, 'linked'));
    fs.symlinkSync(path.join(staticDir, 'assets', 'app.js'), path.join(staticDir, 'alias.js'));
    const ws = path.join(t.dir, 'req.sqlite');
    seedWorkspace(ws, 'WAL');
    backend = new Backend(ws);
    server = await startHttpServer({ backend, staticDir });
  });
  afterAll(async () => {
    await server.close();
    await backend.close();
  });

  it('dates outside the calendar or the supported years are a 400 naming the field', async () => {
    for (const [from, to, field] of [
      ['0000-01-01', '2024-01-31', 'request.from'],
      ['2024-01-01', '9999-12-31', 'request.to'],
      ['2024-02-30', '2024-03-31', 'request.from'],
      ['1900-01-01', '1900-01-31', 'request.from'],
    ]) {
      for (const method of ['getBriefingData', 'getPublicBriefingData']) {
        const r = await request(server.port, server.token, method, { request: { from, to } });
        expect(r.status, `${method} ${from}..${to}`).toBe(400);
        expect(r.body.error?.issues?.map((i) => i.path)).toContain(field);
      }
    }
    const ok = await request(server.port, server.token, 'getBriefingData', { request: { from: '2024-01-01', to: '2024-01-31' } });
    expect(ok.status).toBe(200);
  });

  it('deep nesting is a 400 naming the field, not "Maximum call stack size exceeded"', async () => {
    const n = 100_000;
    const body = `{"key":"x","value":${'['.repeat(n)}${']'.repeat(n)}}`;
    const r = await request(server.port, server.token, 'setSetting', body);
    expect(r.status).toBe(400);
    expect(r.body.error?.msg).toEqual({ code: 'security.request.tooDeep', params: { field: 'value.0.0.0.0.0.…', max: 64 } });
    expect(r.body.error?.message).not.toMatch(/call stack/);
    const deepFilter = await request(server.port, server.token, 'listReports', JSON.parse(`{"filter":{"categoryCodes":${'['.repeat(80)}${']'.repeat(80)}}}`));
    expect(deepFilter.status).toBe(400);
    expect(deepFilter.body.error?.issues?.[0].path).toMatch(/^filter\.categoryCodes/);
    // ordinary nesting passes
    expect((await request(server.port, server.token, 'setSetting', { key: 'y', value: { a: [{ b: [1, 2] }] } })).status).toBe(200);
  });

  it('the static server refuses symlinks that lead out of its folder', async () => {
    expect((await get(server.port, '/leak.txt')).status).toBe(404);
    const viaDir = await get(server.port, '/linked/x.js');
    expect(viaDir.status).toBe(404);
    expect(viaDir.body).not.toContain('SECRET');
    expect((await get(server.port, '/alias.js')).body).toBe('console.log(1)');
    expect((await get(server.port, '/assets/app.js')).status).toBe(200);
    expect((await get(server.port, '/some/route')).body).toContain('<title>Rejon</title>');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { Backend } from '../../../../src/backend/backend';
import { resolveBeats } from '../../../../src/cli/commands/briefing';
import { listDistrictRows } from '../../../../src/backend/store/districts';
import { latestFullPeriod } from '../../../../src/core/briefing/periods';
import { warsawParts } from '../../../../src/core/domain/time';
import type { BriefingData } from '../../../../src/shared/contract/briefing';
import { demoWorkspace } from '../../../helpers/demoWorkspace';
import { writePrintStub } from '../../../helpers/printStub';
import { tmpDir } from '../../../helpers/tmp';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
let t: ReturnType<typeof tmpDir>;
let ws: string;
let stub: string;

function rejon(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'rejon.mjs'), 'briefing', ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, REJON_RENDERER_DIR: stub, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  t = tmpDir('rejon-briefing-cli-');
  ws = demoWorkspace(t.dir);
  stub = writePrintStub(path.join(t.dir, 'stub'));
});
afterAll(() => t.cleanup());

describe('rejon briefing: argument errors exit non-zero with a clear message', () => {
  const base = () => ['--workspace', ws, '--from', '2025-01-01', '--to', '2025-03-31'];
  const cases: [string, () => string[], number, RegExp][] = [
    ['missing --out', () => base(), 2, /needs --out FILE/],
    ['bad date', () => ['--workspace', ws, '--from', '2025-02-30', '--to', '2025-03-31', '--out', path.join(t.dir, 'x.pdf')], 2, /--from must be a date YYYY-MM-DD, got "2025-02-30"/],
    ['from after to', () => ['--workspace', ws, '--from', '2025-04-01', '--to', '2025-03-31', '--out', path.join(t.dir, 'x.pdf')], 2, /--from \(2025-04-01\) is after --to \(2025-03-31\)/],
    ['only --from', () => ['--workspace', ws, '--from', '2025-04-01', '--out', path.join(t.dir, 'x.pdf')], 2, /give both --from and --to/],
    ['unknown beat (lists the beats)', () => [...base(), '--district', 'Rejon 99', '--out', path.join(t.dir, 'x.pdf')], 2, /unknown beat "Rejon 99"\. Beats in this workspace:\n {2}Rejon 1 – Stare Miasto\n[\s\S]*Posterunek Policji w Moszczenicy/],
    ['ambiguous beat', () => [...base(), '--district', 'posterunek', '--out', path.join(t.dir, 'x.pdf')], 2, /ambiguous/],
    ['folder of --out missing', () => [...base(), '--out', path.join(t.dir, 'nope', 'x.pdf')], 2, /folder of --out does not exist/],
    ['--out is a folder', () => [...base(), '--out', t.dir, '--format', 'pdf'], 2, /--out is a folder/],
    ['unknown format', () => [...base(), '--out', path.join(t.dir, 'x.docx')], 2, /cannot tell the format/],
    ['threshold without --public', () => [...base(), '--threshold', '5', '--out', path.join(t.dir, 'x.pdf')], 2, /apply only to --public/],
    ['threshold below 3', () => [...base(), '--public', '--threshold', '2', '--out', path.join(t.dir, 'x.pdf')], 2, /--threshold must be between 3 and 100/],
    ['bad --lang', () => [...base(), '--lang', 'de', '--out', path.join(t.dir, 'x.pdf')], 2, /--lang must be pl or en/],
    ['unknown template', () => [...base(), '--template', 'Nie ma', '--out', path.join(t.dir, 'x.pdf')], 2, /no briefing template "Nie ma"/],
    ['unknown category', () => [...base(), '--category', 'Latające talerze', '--out', path.join(t.dir, 'x.pdf')], 2, /unknown category/],
    ['missing workspace', () => ['--workspace', path.join(t.dir, 'none.sqlite'), '--from', '2025-01-01', '--to', '2025-01-31', '--out', path.join(t.dir, 'x.pdf')], 3, /does not exist/],
  ];
  for (const [name, args, code, message] of cases) {
    it(name, () => {
      const r = rejon(args());
      expect(r.status).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(fs.existsSync(path.join(t.dir, 'x.pdf'))).toBe(false);
    }, 60_000);
  }
});

describe('rejon briefing: output', () => {
  it('resolves beat names tolerantly', async () => {
    const b = new Backend(ws);
    try {
      const rows = listDistrictRows(b.db);
      const id = (n: string) => rows.find((r) => r.name === n)!.id;
      expect(resolveBeats(['rejon 3', 'REJON 8 – osiedle lodzka', 'łękach'], rows)).toEqual([id('Rejon 3 – Dworzec'), id('Rejon 8 – Osiedle Łódzka'), id('Posterunek Policji w Łękach Szlacheckich')]);
      expect(resolveBeats(['Rejon 1'], rows)).toEqual([id('Rejon 1 – Stare Miasto')]); // not Rejon 10–12
    } finally {
      await b.close();
    }
  });

  it('writes the beats CSV with the numbers of getBriefingData', async () => {
    const out = path.join(t.dir, 'beats.csv');
    const r = rejon(['--workspace', ws, '--district', 'rejon 1', '--district', 'REJON 3 dworzec', '--from', '2025-01-01', '--to', '2025-06-30', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Briefing 2025-01-01 – 2025-06-30 \(Rejon 1 – Stare Miasto, Rejon 3 – Dworzec\) written: .*beats\.csv/);
    const rows = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    const b = new Backend(ws);
    try {
      const d = (await b.api.getBriefingData({ request: { from: '2025-01-01', to: '2025-06-30', districtIds: [1, 3] } })) as BriefingData;
      expect(rows.slice(1, -1).map((x) => [x[0], Number(x[5])])).toEqual(d.beats.map((x) => [x.name, x.count]));
    } finally {
      await b.close();
    }
  }, 60_000);

  it('applies a template: its beats, public mode and period kind (latest complete month of the data)', async () => {
    const b = new Backend(ws);
    let expected: { from: string; to: string };
    try {
      await b.api.saveBriefingTemplate({ template: { name: 'Konsultacje – Stare Miasto', scope: 'beats', districtIds: [1], periodKind: 'month', public: true, threshold: 4 } });
      const info = await b.api.getWorkspaceInfo({});
      const p = warsawParts(info.lastReportAt!);
      expected = latestFullPeriod('month', `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`);
    } finally {
      await b.close();
    }
    const out = path.join(t.dir, 'public.csv');
    const r = rejon(['--workspace', ws, '--template', 'konsultacje – stare miasto', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Public briefing ${expected.from} – ${expected.to} (Rejon 1 – Stare Miasto)`);
    const rows = Papa.parse<string[]>(fs.readFileSync(out, 'utf8').slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0][0]).toBe('Rejon');
    expect(rows[1][0]).toBe('Rejon 1 – Stare Miasto');
    for (const c of rows[1].slice(1, 3)) expect(c === '<4' || c === '*' || Number(c) >= 4).toBe(true);
  }, 60_000);

  it('writes a PDF (stub print page) and a public GeoJSON of hexagons', () => {
    const pdf = path.join(t.dir, 'odprawa.pdf');
    const r = rejon(['--workspace', ws, '--district', 'Rejon 2', '--from', '2025-01-01', '--to', '2025-06-30', '--out', pdf]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout).toContain('Rejon 2 – Podzamcze');
    const gj = path.join(t.dir, 'hex.geojson');
    const g = rejon(['--workspace', ws, '--from', '2025-01-01', '--to', '2025-06-30', '--public', '--hex-size', '750', '--out', gj]);
    expect(g.status).toBe(0);
    const fc = JSON.parse(fs.readFileSync(gj, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.hexSize).toBe(750);
    expect(fc.features.every((f: { geometry: { type: string } }) => f.geometry.type === 'Polygon')).toBe(true);
  }, 120_000);
});

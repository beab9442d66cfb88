/**
 * The command line's workspace commands (issue 12), spawned as a user runs them: `rejon new` (name, territory,
 * unknown powiat, existing file), `rejon info` through the contract (also on a read-only file), imports into a
 * missing file (the message names `rejon new`, no file created) and into the demo (refused, exit 3).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { SCHEMA_VERSION } from '../../../src/backend/store/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpDir } from '../../helpers/tmp';
import { syntheticRows, writeKmzbCsv } from '../../helpers/kmzbCsv';
import { gridBeats } from '../../helpers/districtWorkspace';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

let t: ReturnType<typeof tmpDir>;
let home: string;

function rejon(args: string[], opts: { lang?: 'pl' | 'en'; uid?: number } = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'rejon.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, REJON_HOME: home, REJON_LANG: opts.lang ?? 'en', ...(opts.uid != null ? { HOME: t.dir } : {}) },
    ...(opts.uid != null ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let csv: string;
let beats: string;
beforeAll(() => {
  t = tmpDir('rejon-cli-ws-');
  home = path.join(t.dir, 'home');
  csv = path.join(t.dir, 'eksport.csv');
  writeKmzbCsv(csv, syntheticRows(25));
  beats = path.join(t.dir, 'rejony.geojson');
  fs.writeFileSync(beats, JSON.stringify(gridBeats()));
});
afterAll(() => t.cleanup());

// each case spawns the CLI a few times (seconds each on a busy machine)
describe('rejon new / info', { timeout: 180_000 }, () => {
  it('creates an empty workspace with a name and a territory; info reads it through the contract', () => {
    const file = path.join(t.dir, 'kmp.sqlite');
    const r = rejon(['new', file, '--name', 'KMP Piotrków Trybunalski', '--territory', 'powiat piotrkowski', '--territory', 'Piotrków Trybunalski', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ path: file, name: 'KMP Piotrków Trybunalski', reports: 0, demo: false });
    const info = rejon(['info', '--workspace', file, '--json']);
    expect(info.status).toBe(0);
    const j = JSON.parse(info.stdout);
    // the keys scripts already read, plus name, territory and the demo flag
    expect(j).toMatchObject({ reports: 0, districts: 0, schemaVersion: SCHEMA_VERSION, name: 'KMP Piotrków Trybunalski', territory: ['powiat piotrkowski', 'powiat Piotrków Trybunalski'], demo: false });
    const text = rejon(['info', '--workspace', file], { lang: 'pl' });
    expect(text.stdout).toContain('KMP Piotrków Trybunalski');
    expect(text.stdout).toContain('obszar działania: powiat piotrkowski, powiat Piotrków Trybunalski');
    // nothing else was written: no temp file, no recent list (the CLI keeps no app state)
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith('.') || f.startsWith('kmp'))).toEqual(['kmp.sqlite']);
    expect(fs.existsSync(home)).toBe(false);
  });

  it('an unknown powiat: the closest names, exit 2, no file', () => {
    const file = path.join(t.dir, 'x.sqlite');
    const r = rejon(['new', file, '--name', 'KPP', '--territory', 'powiat piotrkowsky']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('“powiat piotrkowsky” is not a county (powiat) name. Closest names: powiat piotrkowski');
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(t.dir).filter((f) => f.includes('x.sqlite'))).toEqual([]);
    const pl = rejon(['new', file, '--name', 'KPP', '--territory', 'Tomaszowski'], { lang: 'pl' });
    expect(pl.status).toBe(2);
    expect(pl.stderr).toContain('Nazwę „Tomaszowski” nosi kilka powiatów: powiat tomaszowski (lubelskie), powiat tomaszowski (łódzkie)');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('never overwrites, and asks for what is missing', () => {
    const file = path.join(t.dir, 'notatki.sqlite');
    fs.writeFileSync(file, 'moje notatki');
    const r = rejon(['new', file, '--name', 'A']);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('already exists');
    expect(fs.readFileSync(file, 'utf8')).toBe('moje notatki');
    expect(rejon(['new', path.join(t.dir, 'b.sqlite')]).status).toBe(2);
    expect(rejon(['new', '--name', 'B']).status).toBe(2);
    expect(fs.existsSync(path.join(t.dir, 'b.sqlite'))).toBe(false);
  });

  it('info on a foreign or newer file: one message, exit 3, the file untouched', () => {
    const file = path.join(t.dir, 'obcy.sqlite');
    fs.writeFileSync(file, 'SQLite format 3\u0000' + 'x'.repeat(4000));
    const before = sha(file);
    const r = rejon(['info', '--workspace', file, '--json']);
    expect(r.status).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(file);
    expect(sha(file)).toBe(before);
  });
});

describe('imports need a real, existing workspace', { timeout: 180_000 }, () => {
  it('into a missing file: the message names rejon new, exit 3, no file created', () => {
    const missing = path.join(t.dir, 'brak.sqlite');
    for (const args of [['import', csv, '--workspace', missing], ['districts', 'import', beats, '--workspace', missing, '--name-field', 'NAZWA']]) {
      const r = rejon(args);
      expect(r.status, args.join(' ')).toBe(3);
      expect(r.stderr).toContain(`workspace ${missing} does not exist`);
      expect(r.stderr).toContain(`rejon new ${missing} --name`);
      expect(fs.existsSync(missing)).toBe(false);
    }
    expect(rejon(['import', csv, '--workspace', missing], { lang: 'pl' }).stderr).toContain('Utwórz go najpierw: rejon new');
  });

  it('into the demo: refused, exit 3, the demo untouched', () => {
    const demo = path.join(t.dir, 'demo.sqlite');
    expect(rejon(['demo', '--workspace', demo, '--reports', '300']).status).toBe(0);
    const before = sha(demo);
    for (const args of [['import', csv, '--workspace', demo], ['districts', 'import', beats, '--workspace', demo, '--name-field', 'NAZWA']]) {
      const r = rejon(args);
      expect(r.status, args.join(' ')).toBe(3);
      expect(r.stderr).toContain('is the demo workspace (synthetic data): import refused');
      expect(r.stderr).toContain('rejon new');
    }
    expect(rejon(['import', csv, '--workspace', demo], { lang: 'pl' }).stderr).toContain('to obszar demonstracyjny (dane syntetyczne): import odrzucony');
    expect(sha(demo)).toBe(before);
    const info = JSON.parse(rejon(['info', '--workspace', demo, '--json']).stdout);
    expect(info).toMatchObject({ demo: true, reports: 300 });
  });

  it('into a workspace made with rejon new: imported, and the file is left as one file', () => {
    const file = path.join(t.dir, 'kpp.sqlite');
    expect(rejon(['new', file, '--name', 'KPP Test']).status).toBe(0);
    const r = rejon(['import', csv, '--workspace', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).inserted).toBe(25);
    expect(JSON.parse(rejon(['info', '--workspace', file, '--json']).stdout).reports).toBe(25);
    expect(fs.readdirSync(t.dir).filter((f) => f.startsWith('kpp'))).toEqual(['kpp.sqlite']);
  });
});

// Root writes read-only files anyway: the read-only case runs the CLI as another user (nobody).
const canSwitchUser = typeof process.getuid === 'function' && process.getuid() === 0;
describe.runIf(canSwitchUser)('a read-only workspace', { timeout: 180_000 }, () => {
  it('info reads it; an import is refused with one message; the file is untouched', () => {
    // outside the run's private temp folder (0700, tests/globalSetup.ts): user nobody must reach the file
    const outer = fs.mkdtempSync(path.join(fs.existsSync('/tmp') ? '/tmp' : os.tmpdir(), 'rejon-ro-'));
    const dir = path.join(outer, 'ro');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'kmp.sqlite');
    expect(rejon(['new', file, '--name', 'KMP RO', '--territory', 'powiat piotrkowski']).status).toBe(0);
    expect(rejon(['import', csv, '--workspace', file]).status).toBe(0);
    fs.chmodSync(outer, 0o755);
    fs.chmodSync(file, 0o444);
    fs.chmodSync(dir, 0o555);
    const before = sha(file);
    try {
      const info = rejon(['info', '--workspace', file, '--json'], { uid: 65534 });
      expect(info.stderr).toBe('');
      expect(info.status).toBe(0);
      expect(JSON.parse(info.stdout)).toMatchObject({ name: 'KMP RO', reports: 25, readOnly: true });
      const imp = rejon(['import', csv, '--workspace', file], { uid: 65534 });
      expect(imp.status).toBe(3);
      expect(imp.stderr).toContain('cannot be written (the file or its folder is read-only)');
      expect(imp.stderr.trim().split('\n')).toHaveLength(1);
      expect(sha(file)).toBe(before);
      expect(fs.readdirSync(dir)).toEqual(['kmp.sqlite']);
    } finally {
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(file, 0o644);
      fs.rmSync(outer, { recursive: true, force: true });
    }
  });
});

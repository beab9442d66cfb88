/**
 * The desktop's native workspace dialogs (electron/workspaceDialogs.ts): the options per platform and language,
 * where each dialog starts, and the whole round trip with a real Backend and real SQLite files: only the system's
 * dialog is played by the test (it answers with the path a user would choose). Also the second-start decision.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { Backend } from '../../../src/backend/backend';
import { dispatch, toWireError } from '../../../src/backend/api/dispatch';
import { translate } from '../../../src/shared/i18n';
import type { AppState } from '../../../src/shared/contract/workspace';
import {
  backendCall, dialogDefaultPath, openDialogOptions, runWorkspaceDialog, saveDialogOptions, secondInstanceAction, withWorkspaceExtension, type WorkspaceDialogDeps,
} from '../../../electron/workspaceDialogs';
import type { CallReply } from '../../../electron/backendSupervisor';
import { tmpDir } from '../../helpers/tmp';

const state = (over: Partial<Pick<AppState, 'dataDir' | 'workspace'>> = {}) => ({ dataDir: '/home/anna/.local/share/Rejon', workspace: null, ...over });
const info = (p: string) => ({ path: p, name: 'KMP', schemaVersion: 6, reports: 0, districts: 0, imports: 0, firstReportAt: null, lastReportAt: null, demo: false, territory: [], readOnly: false, createdAt: null });

describe('native dialog options', () => {
  it('Open: workspace files first (.sqlite .rejon .db), then all files; Polish button and title by default', () => {
    const o = openDialogOptions({ lang: 'pl', platform: 'linux' }, '/dane');
    expect(o).toEqual({
      title: 'Otwórz obszar roboczy Rejonu', defaultPath: '/dane', buttonLabel: 'Otwórz',
      filters: [{ name: 'Obszar roboczy Rejonu', extensions: ['sqlite', 'rejon', 'db'] }, { name: 'Wszystkie pliki', extensions: ['*'] }],
      properties: ['openFile'],
    });
    const en = openDialogOptions({ lang: 'en', platform: 'linux' }, '/dane');
    expect([en.title, en.buttonLabel, en.filters![0].name, en.filters![1].name]).toEqual(['Open a Rejon workspace', 'Open', 'Rejon workspace', 'All files']);
  });

  it('per platform: macOS shows the text as message (no title bar), Windows keeps police file names out of its recent list', () => {
    expect(openDialogOptions({ lang: 'pl', platform: 'darwin' }, '/d').message).toBe('Otwórz obszar roboczy Rejonu');
    expect(openDialogOptions({ lang: 'pl', platform: 'linux' }, '/d').message).toBeUndefined();
    expect(openDialogOptions({ lang: 'pl', platform: 'win32' }, 'C:\\d').properties).toEqual(['openFile', 'dontAddToRecent']);
    expect(saveDialogOptions('new', { lang: 'pl', platform: 'win32' }, 'C:\\d\\a.sqlite').properties).toEqual(['createDirectory', 'dontAddToRecent']);
    expect(saveDialogOptions('copy', { lang: 'en', platform: 'darwin' }, '/d/a.sqlite').message).toBe('Save a copy of the workspace');
  });

  it('Save (new, copy): .sqlite only, folders can be made, no "replace?" (the backend never overwrites)', () => {
    const n = saveDialogOptions('new', { lang: 'pl', platform: 'linux' }, '/d/kmp.sqlite');
    expect(n).toEqual({
      title: 'Gdzie zapisać nowy obszar roboczy', defaultPath: '/d/kmp.sqlite', buttonLabel: 'Utwórz',
      filters: [{ name: 'Obszar roboczy Rejonu', extensions: ['sqlite'] }], properties: ['createDirectory'],
    });
    expect(n.properties).not.toContain('showOverwriteConfirmation');
    const c = saveDialogOptions('copy', { lang: 'pl', platform: 'linux' }, '/d/kmp-kopia.sqlite');
    expect([c.title, c.buttonLabel]).toEqual(['Zapisz kopię obszaru roboczego', 'Zapisz kopię']);
  });

  it('where each dialog starts', () => {
    const env = { lang: 'pl' as const, platform: 'linux' as const };
    expect(dialogDefaultPath({ kind: 'open' }, state(), env, '2026-12-04')).toBe('/home/anna/.local/share/Rejon');
    expect(dialogDefaultPath({ kind: 'open' }, state({ workspace: info('/dane/kmp/kmp.sqlite') }), env, '2026-12-04')).toBe('/dane/kmp');
    expect(dialogDefaultPath({ kind: 'new', name: 'KMP Piotrków Trybunalski' }, state(), env, '2026-12-04')).toBe('/home/anna/.local/share/Rejon/kmp-piotrkow-trybunalski.sqlite');
    expect(dialogDefaultPath({ kind: 'copy' }, state({ workspace: info('/dane/kmp.sqlite') }), env, '2026-12-04')).toBe('/dane/kmp-kopia-2026-12-04.sqlite');
    expect(dialogDefaultPath({ kind: 'copy' }, state({ workspace: info('/dane/kmp.sqlite') }), { ...env, lang: 'en' }, '2026-12-04')).toBe('/dane/kmp-copy-2026-12-04.sqlite');
    const win = { lang: 'pl' as const, platform: 'win32' as const };
    expect(dialogDefaultPath({ kind: 'new', name: 'KPP Łęczyca' }, state({ dataDir: 'C:\\Users\\anna\\AppData\\Roaming\\Rejon' }), win, '2026-12-04')).toBe('C:\\Users\\anna\\AppData\\Roaming\\Rejon\\kpp-leczyca.sqlite');
    expect(dialogDefaultPath({ kind: 'copy' }, state({ workspace: info('D:\\Dane\\kpp.rejon') }), win, '2026-12-04')).toBe('D:\\Dane\\kpp-kopia-2026-12-04.sqlite');
  });

  it('a name typed without an ending gets .sqlite (GTK does not add it); workspace endings are kept', () => {
    expect(withWorkspaceExtension('/d/kmp')).toBe('/d/kmp.sqlite');
    expect(withWorkspaceExtension('/d/kmp.2025')).toBe('/d/kmp.2025.sqlite');
    expect(withWorkspaceExtension('/d/kmp.SQLITE')).toBe('/d/kmp.SQLITE');
    expect(withWorkspaceExtension('/d/kmp.rejon')).toBe('/d/kmp.rejon');
    expect(backendCall({ kind: 'new', name: 'KMP', territory: ['powiat piotrkowski'] }, '/d/k.sqlite')).toEqual(['createWorkspace', { path: '/d/k.sqlite', name: 'KMP', territory: ['powiat piotrkowski'] }]);
    expect(backendCall({ kind: 'open' }, '/d/k.sqlite')).toEqual(['openWorkspace', { path: '/d/k.sqlite' }]);
    expect(backendCall({ kind: 'copy' }, '/d/c.sqlite')).toEqual(['saveWorkspaceCopy', { path: '/d/c.sqlite' }]);
  });
});

describe('the dialogs with a real backend (only the system dialog is played)', () => {
  let t: ReturnType<typeof tmpDir>;
  let home: string;
  let work: string;
  let backend: Backend;
  let answer: string | null;
  let shown: { open: OpenDialogOptions[]; save: SaveDialogOptions[] };
  let deps: WorkspaceDialogDeps;

  beforeEach(() => {
    t = tmpDir('rejon-dialogs-');
    home = path.join(t.dir, 'home');
    work = path.join(t.dir, 'dane');
    fs.mkdirSync(work);
    backend = new Backend(null, { dataDir: home, recent: true });
    shown = { open: [], save: [] };
    answer = null;
    const call = async (method: string, input: unknown): Promise<CallReply> => {
      try {
        return { ok: true, result: await dispatch(backend.api, method, input) };
      } catch (e) {
        return { ok: false, error: toWireError(e) };
      }
    };
    deps = {
      lang: 'pl', platform: 'linux', call, today: () => '2026-12-04',
      showOpen: async (o) => (shown.open.push(o), answer ? { canceled: false, filePaths: [answer] } : { canceled: true, filePaths: [] }),
      showSave: async (o) => (shown.save.push(o), answer ? { canceled: false, filePath: answer } : { canceled: true }),
    };
  });

  afterEach(async () => {
    await backend.close();
    t.cleanup();
  });

  it('New: the Save dialog suggests the name in the data folder; the chosen path (ending added) becomes the workspace', async () => {
    answer = path.join(work, 'piotrkow');
    const r = await runWorkspaceDialog({ kind: 'new', name: 'KMP Piotrków Trybunalski', territory: ['powiat piotrkowski', 'powiat Piotrków Trybunalski'] }, deps);
    expect(shown.save[0].defaultPath).toBe(path.join(home, 'kmp-piotrkow-trybunalski.sqlite'));
    expect(r).toMatchObject({ ok: true, result: { canceled: false, kind: 'new', path: path.join(work, 'piotrkow.sqlite') } });
    expect(fs.existsSync(path.join(work, 'piotrkow.sqlite'))).toBe(true);
    const info = backend.appState().workspace!;
    expect([info.path, info.name, info.territory]).toEqual([path.join(work, 'piotrkow.sqlite'), 'KMP Piotrków Trybunalski', ['powiat piotrkowski', 'powiat Piotrków Trybunalski']]);
  });

  it('cancelled: nothing happens, nothing is written', async () => {
    answer = null;
    expect(await runWorkspaceDialog({ kind: 'new', name: 'KMP' }, deps)).toEqual({ ok: true, result: { canceled: true } });
    expect(await runWorkspaceDialog({ kind: 'open' }, deps)).toEqual({ ok: true, result: { canceled: true } });
    expect(fs.readdirSync(work)).toEqual([]);
    expect(backend.hasWorkspace).toBe(false);
  });

  it('Save a copy next to the open file, then Open it; the Open dialog starts in the open workspace folder', async () => {
    answer = path.join(work, 'kmp.sqlite');
    await runWorkspaceDialog({ kind: 'new', name: 'KMP' }, deps);
    answer = path.join(work, 'kmp-kopia.sqlite');
    const c = await runWorkspaceDialog({ kind: 'copy' }, deps);
    expect(shown.save[1].defaultPath).toBe(path.join(work, 'kmp-kopia-2026-12-04.sqlite'));
    expect(c).toMatchObject({ ok: true, result: { canceled: false, kind: 'copy', path: answer } });
    expect((c as { result: { bytes: number } }).result.bytes).toBe(fs.statSync(answer).size);
    expect(backend.appState().workspace!.path).toBe(path.join(work, 'kmp.sqlite')); // the open one stays open
    const o = await runWorkspaceDialog({ kind: 'open' }, deps);
    expect(shown.open[0].defaultPath).toBe(work);
    expect(o).toMatchObject({ ok: true, result: { canceled: false, kind: 'open', path: answer, workspace: { name: 'KMP' } } });
    expect(backend.appState().workspace!.path).toBe(answer);
  });

  it('refusals come back as the backend error with its message (existing file, not a workspace, unknown powiat)', async () => {
    answer = path.join(work, 'kmp.sqlite');
    await runWorkspaceDialog({ kind: 'new', name: 'KMP' }, deps);
    const before = fs.readFileSync(answer);
    const exists = await runWorkspaceDialog({ kind: 'new', name: 'Inna' }, deps);
    expect(exists.ok).toBe(false);
    expect(fs.readFileSync(answer).equals(before)).toBe(true);
    fs.writeFileSync(path.join(work, 'notatki.db'), 'to nie jest baza');
    answer = path.join(work, 'notatki.db');
    const foreign = await runWorkspaceDialog({ kind: 'open' }, deps);
    expect(foreign.ok).toBe(false);
    if (!foreign.ok) expect(translate('pl', foreign.error.msg!)).not.toMatch(/^workspace\./);
    expect(backend.appState().workspace!.path).toBe(path.join(work, 'kmp.sqlite'));
    answer = path.join(work, 'x.sqlite');
    const unknown = await runWorkspaceDialog({ kind: 'new', name: 'X', territory: ['powiat nieistniejący'] }, deps);
    expect(unknown.ok).toBe(false);
    expect(fs.existsSync(answer)).toBe(false);
  });

  it('a request the window may not make is refused before any dialog: no path, no unknown kind', async () => {
    for (const bad of [{ kind: 'open', path: '/etc/passwd' }, { kind: 'new', name: 'X', path: '/tmp/x.sqlite' }, { kind: 'delete' }, { kind: 'new', name: '  ' }, null]) {
      const r = await runWorkspaceDialog(bad, deps);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad-request');
    }
    expect(shown.open.length + shown.save.length).toBe(0);
  });
});

describe('a second start', () => {
  it('opens the workspace it names through the backend, unless it is the open one; restarts a backend that refused its own', () => {
    expect(secondInstanceAction(null, '/d/a.sqlite', 'ready', 'linux')).toBe('none');
    expect(secondInstanceAction('/d/a.sqlite', '/d/a.sqlite', 'ready', 'linux')).toBe('none');
    expect(secondInstanceAction('/d/./a.sqlite', '/d/a.sqlite', 'ready', 'linux')).toBe('none');
    expect(secondInstanceAction('/d/A.sqlite', '/d/a.sqlite', 'ready', 'linux')).toBe('open'); // Linux names differ by case
    expect(secondInstanceAction('C:\\Dane\\A.sqlite', 'c:\\dane\\a.sqlite', 'ready', 'win32')).toBe('none');
    expect(secondInstanceAction('/d/b.sqlite', '/d/a.sqlite', 'ready', 'linux')).toBe('open');
    expect(secondInstanceAction('/d/b.sqlite', null, 'ready', 'linux')).toBe('open');
    expect(secondInstanceAction('/d/b.sqlite', null, 'starting', 'linux')).toBe('open'); // the call waits for the backend
    expect(secondInstanceAction('/d/b.sqlite', null, 'restarting', 'linux')).toBe('open');
    expect(secondInstanceAction('/d/b.sqlite', '/d/a.sqlite', 'fatal', 'linux')).toBe('restart');
    expect(secondInstanceAction('/d/b.sqlite', '/d/a.sqlite', 'closing', 'linux')).toBe('none');
  });
});

/**
 * The desktop's native workspace dialogs with the real renderer in its desktop mode (issue 12 pt 1, issue 16 pt 4),
 * without an Electron binary: the page gets the bridge the preload would give it (`window.rejon` with `api`,
 * `onEvent` and `desktop.workspaceDialog`), carried to the real backend (`rejon serve` from the build) over HTTP,
 * and `desktop.workspaceDialog` runs main's own handler (electron/workspaceDialogs.ts runWorkspaceDialog) in the test
 * process. Only the system's Open/Save dialog is played by the test: it answers with the path a user would pick.
 *
 * Checked: New asks name and territory in the window, then the Save dialog (suggested file name in the data
 * folder; cancel keeps the form); Save a copy and Open go straight to the system dialog (no server-side browser);
 * a refused file says why; the window itself never sends a workspace path to the backend.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { launchChromium, rejon, saveScreenshot, serve, type Served } from './harness';
import { tmpDir } from '../helpers/tmp';
import { METHOD_NAMES, type WireError } from '../../src/shared/contract';
import type { CallReply } from '../../electron/backendSupervisor';
import { runWorkspaceDialog } from '../../electron/workspaceDialogs';

const VIEWPORT = { width: 1366, height: 768 };
let t: ReturnType<typeof tmpDir>;
let home: string;
let data: string;
let served: Served;
let browser: Browser;

/** What the system dialog answers next (null: the user cancels), and what it was shown. */
let answer: string | null = null;
const shownOpen: OpenDialogOptions[] = [];
const shownSave: SaveDialogOptions[] = [];

async function callHttp(method: string, input: unknown): Promise<CallReply> {
  const res = await fetch(`${served.url}api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: unknown; error?: WireError };
  return res.ok ? { ok: true, result: body.result } : { ok: false, error: body.error! };
}

beforeAll(async () => {
  t = tmpDir('rejon-e2e-desktop-dialogs-');
  home = path.join(t.dir, 'home');
  data = path.join(t.dir, 'dane');
  fs.mkdirSync(home);
  fs.mkdirSync(data);
  fs.writeFileSync(path.join(home, 'recent.json'), JSON.stringify({ version: 1, entries: [] })); // not a first start
  served = await serve(null, { home, allowDirs: [data] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  t?.cleanup();
});

/** The page as the desktop window: the preload's bridge, over HTTP to the real backend; dialogs by main's handler. */
async function desktopPage(): Promise<{ page: Page; pageCalls: () => Promise<{ method: string; input: unknown }[]> }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.exposeFunction('__mainWorkspaceDialog', (request: unknown) =>
    runWorkspaceDialog(request, {
      lang: 'pl',
      platform: 'linux',
      call: callHttp,
      today: () => new Date().toISOString().slice(0, 10),
      showOpen: async (o) => (shownOpen.push(o), answer ? { canceled: false, filePaths: [answer] } : { canceled: true, filePaths: [] }),
      showSave: async (o) => (shownSave.push(o), answer ? { canceled: false, filePath: answer } : { canceled: true }),
    }),
  );
  await page.addInitScript(
    ({ token, methods }) => {
      const w = window as unknown as Record<string, unknown>;
      const calls: { method: string; input: unknown }[] = [];
      w.__pageCalls = calls;
      const api: Record<string, (input: unknown) => Promise<unknown>> = {};
      for (const m of methods) {
        api[m] = async (input) => {
          calls.push({ method: m, input });
          const res = await fetch(`/api/call/${m}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input ?? {}) });
          if (!res.ok) return { ok: false, error: ((await res.json()) as { error: unknown }).error };
          if ((res.headers.get('content-type') ?? '').startsWith('application/json')) return { ok: true, result: ((await res.json()) as { result: unknown }).result };
          return { ok: true, result: new Uint8Array(await res.arrayBuffer()) };
        };
      }
      const listeners = new Set<(e: unknown) => void>();
      let source: EventSource | null = null;
      w.rejon = Object.freeze({
        api: Object.freeze(api),
        onEvent(listener: (e: unknown) => void) {
          source ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
          source.onmessage = (m) => listeners.forEach((l) => l(JSON.parse(m.data)));
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        desktop: Object.freeze({ workspaceDialog: (request: unknown) => (w.__mainWorkspaceDialog as (r: unknown) => Promise<unknown>)(request) }),
      });
    },
    { token: served.token, methods: [...METHOD_NAMES] },
  );
  await page.goto(served.url);
  return { page, pageCalls: () => page.evaluate(() => (window as unknown as { __pageCalls: { method: string; input: unknown }[] }).__pageCalls) };
}

async function appReady(page: Page) {
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 120_000 });
}

const openPath = (page: Page) => page.getByTestId('workspace-switcher').getAttribute('title');

describe('native workspace dialogs in the desktop window', () => {
  it('New (name and territory, then Save dialog), Save a copy, Open and a refusal, all through main', async () => {
    const { page, pageCalls } = await desktopPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.waitForSelector('[data-testid="start-screen"][data-start-ready="true"]', { timeout: 60_000 });

    // 1. New: the window asks name and territory; no server-side folder picker; the file is asked natively on Create
    await page.getByTestId('start-new').click();
    await page.getByTestId('new-workspace').waitFor();
    expect(await page.getByTestId('new-change-folder').count()).toBe(0);
    expect(await page.getByTestId('file-browser').count()).toBe(0);
    await page.getByTestId('new-name').fill('KMP Piotrków Trybunalski');
    await page.getByTestId('territory-search').fill('piotrk');
    await expect.poll(() => page.getByTestId('powiat-option').count(), { timeout: 30_000 }).toBe(2);
    await page.getByTestId('powiat-option').nth(0).check();
    await page.getByTestId('powiat-option').nth(1).check();
    expect(await page.getByTestId('new-native-hint').innerText()).toContain('kmp-piotrkow-trybunalski.sqlite');
    expect(await page.getByTestId('new-create').innerText()).toBe('Utwórz…');
    saveScreenshot('desktop-dialogs-1-new.png', await page.screenshot());

    // the user cancels the Save dialog: the form stays as filled, nothing is written
    answer = null;
    await page.getByTestId('new-create').click();
    await expect.poll(() => shownSave.length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('new-create').isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('new-name').inputValue()).toBe('KMP Piotrków Trybunalski');
    expect(await page.getByTestId('territory-chip').count()).toBe(2);
    expect(fs.readdirSync(data)).toEqual([]);
    expect(shownSave[0]).toMatchObject({ defaultPath: path.join(home, 'kmp-piotrkow-trybunalski.sqlite'), buttonLabel: 'Utwórz', filters: [{ extensions: ['sqlite'] }] });

    // now a name typed without an ending in another folder: created there as .sqlite, with the name and territory
    answer = path.join(data, 'piotrkow');
    await page.getByTestId('new-create').click();
    await appReady(page);
    const target = path.join(data, 'piotrkow.sqlite');
    expect(await page.getByTestId('workspace-title').innerText()).toBe('KMP Piotrków Trybunalski');
    expect(await openPath(page)).toBe(target);
    expect(JSON.parse(rejon(['info', '--workspace', target, '--json']).stdout)).toMatchObject({ name: 'KMP Piotrków Trybunalski', territory: ['powiat piotrkowski', 'powiat Piotrków Trybunalski'] });

    // 2. Save a copy: straight to the Save dialog (next to the open file), no window dialog; a notice names the copy
    const copy = path.join(data, 'kopia-na-odprawe.sqlite');
    answer = copy;
    await page.getByTestId('workspace-switcher').click();
    await page.getByTestId('menu-copy').click();
    await page.getByTestId('workspace-notice').waitFor();
    expect(await page.getByTestId('save-copy').count()).toBe(0);
    expect(shownSave[2].defaultPath).toBe(path.join(data, `piotrkow-kopia-${new Date().toISOString().slice(0, 10)}.sqlite`));
    expect(await page.getByTestId('workspace-notice').innerText()).toContain(copy);
    expect(await page.getByTestId('workspace-notice').getAttribute('data-error')).toBe('false');
    expect(JSON.parse(rejon(['info', '--workspace', copy, '--json']).stdout).name).toBe('KMP Piotrków Trybunalski');
    saveScreenshot('desktop-dialogs-2-copied.png', await page.screenshot());

    // 3. Close, then Open the copy from the start screen: the Open dialog starts in the data folder
    await page.getByTestId('workspace-switcher').click();
    await page.getByTestId('menu-close').click();
    await page.waitForSelector('[data-testid="start-screen"][data-start-ready="true"]');
    await page.getByTestId('start-open').click();
    await appReady(page);
    expect(await page.getByTestId('open-workspace').count()).toBe(0);
    expect(shownOpen[0]).toMatchObject({ defaultPath: home, properties: ['openFile'] });
    expect(await openPath(page)).toBe(copy);

    // 4. a file that is not a workspace: refused with the backend's message in Polish, the copy stays open
    const notes = path.join(data, 'notatki.db');
    fs.writeFileSync(notes, 'to nie jest obszar roboczy');
    answer = notes;
    await page.getByTestId('workspace-switcher').click();
    await page.getByTestId('menu-open').click();
    await page.getByTestId('workspace-notice').waitFor();
    await expect.poll(() => page.getByTestId('workspace-notice').innerText(), { timeout: 30_000 }).not.toContain(copy);
    const refusal = await page.getByTestId('workspace-notice').innerText();
    expect(await page.getByTestId('workspace-notice').getAttribute('data-error')).toBe('true');
    expect(refusal).toContain('nie jest obszarem roboczym');
    expect(refusal).not.toMatch(/workspace\.|not a|database/i);
    expect(shownOpen[1].defaultPath).toBe(data); // the open workspace's folder
    expect(await openPath(page)).toBe(copy);
    expect(fs.readFileSync(notes, 'utf8')).toBe('to nie jest obszar roboczy');
    saveScreenshot('desktop-dialogs-3-refused.png', await page.screenshot());

    // the window itself never named a workspace file to the backend: main did, with what the dialog returned
    const calls = await pageCalls();
    expect(calls.filter((c) => ['openWorkspace', 'createWorkspace', 'saveWorkspaceCopy', 'browseFiles'].includes(c.method)), 'workspace paths sent by the window').toEqual([]);
    expect(errors, 'page errors').toEqual([]);
    await page.close();
  });
});

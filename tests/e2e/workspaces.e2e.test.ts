/**
 * Workspaces end to end (issue 12): `rejon serve` without a workspace on a data folder that has been used before
 * (so the start screen shows), the real renderer in headless Chromium. Create a command's workspace with a
 * territory from the start screen, import a KMZB export into it, switch to the demo (generated on first use, as a
 * job with progress) and back: each time the app shows the data of the workspace that is open. The demo offers a
 * real workspace instead of an import. Screenshots at 1366×768.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, rejon, saveScreenshot, serve, type Served } from './harness';
import { tmpDir } from '../helpers/tmp';
import { syntheticRows, writeKmzbCsv } from '../helpers/kmzbCsv';
import workspaceCatalog from '../../src/shared/i18n/catalog/workspace';

const VIEWPORT = { width: 1366, height: 768 };
const ROWS = 60;
let t: ReturnType<typeof tmpDir>;
let home: string;
let data: string;
let csv: string;
let served: Served;
let browser: Browser;

beforeAll(async () => {
  t = tmpDir('rejon-e2e-workspaces-');
  home = path.join(t.dir, 'home');
  data = path.join(t.dir, 'dane');
  fs.mkdirSync(home);
  fs.mkdirSync(data);
  // Rejon has run here before and nothing is open now: the start screen (not the first start's demo)
  fs.writeFileSync(path.join(home, 'recent.json'), JSON.stringify({ version: 1, entries: [] }));
  csv = path.join(data, 'eksport-kmp.csv');
  writeKmzbCsv(csv, syntheticRows(ROWS, 700));
  served = await serve(null, { home, allowDirs: [data] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  t?.cleanup();
});

async function appReady(page: Page) {
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 120_000 });
}

async function shown(page: Page) {
  return {
    name: await page.getByTestId('workspace-title').innerText(),
    reports: Number(await page.getByTestId('report-count').getAttribute('data-total')),
    districts: Number(await page.getByTestId('district-count').innerText()),
    demo: await page.getByTestId('demo-badge').count(),
  };
}

/** English strings of the workspace UI that must not appear in the Polish UI. */
const ENGLISH = Object.entries(workspaceCatalog.en)
  .filter(([k, v]) => k.startsWith('workspace.ui.') && v !== workspaceCatalog.pl[k as keyof typeof workspaceCatalog.pl] && v.length > 4 && !v.includes('{'))
  .map(([, v]) => v);

function expectNoEnglish(text: string) {
  for (const s of ENGLISH) expect(text.includes(s), `English "${s}" in the Polish UI`).toBe(false);
}

describe('workspaces in the browser', () => {
  it('start screen → new workspace with territory → import → demo and back, the right data each time', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.openUrl);

    // 1. the start screen: nothing open, nothing recent
    await page.waitForSelector('[data-testid="start-screen"][data-start-ready="true"]', { timeout: 60_000 });
    expect(await page.getByTestId('recent-list').count()).toBe(0);
    expectNoEnglish(await page.innerText('body'));
    saveScreenshot('workspace-1-start.png', await page.screenshot());

    // 2. a new workspace: name, two powiaty found by search, a folder from the server-side picker
    await page.getByTestId('start-new').click();
    const dialog = page.getByTestId('new-workspace');
    await dialog.waitFor();
    await page.getByTestId('new-name').fill('KMP Piotrków Trybunalski');
    await page.getByTestId('territory-search').fill('piotrk');
    const options = page.getByTestId('powiat-option');
    await expect.poll(() => options.count()).toBe(2);
    expect((await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).sort()).toEqual(['powiat Piotrków Trybunalski', 'powiat piotrkowski']);
    await options.nth(0).check();
    await options.nth(1).check();
    // all 380 powiaty are searchable; the ten shared names carry their voivodeship
    await page.getByTestId('territory-search').fill('tomaszowski');
    expect(await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual(['powiat tomaszowski (lubelskie)', 'powiat tomaszowski (łódzkie)']);
    await page.getByTestId('territory-search').fill('');
    expect(await options.count()).toBe(380);
    expect(await page.getByTestId('territory-chip').count()).toBe(2);
    // the picker opens in the data folder; above it: the data folder and the allowed folder, nothing else
    await page.getByTestId('new-change-folder').click();
    await expect.poll(() => page.getByTestId('browse-dir').innerText()).toBe(fs.realpathSync(home));
    await page.getByTestId('browse-up').click();
    const folders = page.getByTestId('browse-folder');
    await expect.poll(() => folders.count()).toBe(2);
    expect(await folders.evaluateAll((els) => els.map((e) => e.getAttribute('data-path')))).toEqual([fs.realpathSync(home), fs.realpathSync(data)]);
    await page.locator(`[data-testid="browse-folder"][data-path="${fs.realpathSync(data)}"]`).click();
    await expect.poll(() => page.getByTestId('browse-dir').innerText()).toBe(fs.realpathSync(data));
    await page.getByTestId('browse-choose').click();
    const target = path.join(fs.realpathSync(data), 'kmp-piotrkow-trybunalski.sqlite');
    expect(await page.getByTestId('new-target').innerText()).toBe(target);
    expectNoEnglish(await page.innerText('body'));
    saveScreenshot('workspace-2-new.png', await page.screenshot());
    await page.getByTestId('new-create').click();
    await appReady(page);
    expect(await shown(page)).toEqual({ name: 'KMP Piotrków Trybunalski', reports: 0, districts: 0, demo: 0 });
    const created = JSON.parse(rejon(['info', '--workspace', target, '--json']).stdout);
    expect(created).toMatchObject({ name: 'KMP Piotrków Trybunalski', demo: false, territory: ['powiat piotrkowski', 'powiat Piotrków Trybunalski'] });

    // 3. import the export into it
    await page.getByTestId('view-import-tab').click();
    await page.getByTestId('import-file-input').setInputFiles(csv);
    await page.getByTestId('import-mapping').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 });
    expect(Number(await page.getByTestId('summary-inserted').getAttribute('data-count'))).toBe(ROWS);
    await page.getByTestId('import-done').click();
    await page.getByTestId('view-map-tab').click();
    await expect.poll(async () => (await shown(page)).reports, { timeout: 30_000 }).toBe(ROWS);
    await appReady(page);
    saveScreenshot('workspace-3-imported.png', await page.screenshot());

    // 4. the demo: from the switcher's start screen, generated on first use with progress
    await page.getByTestId('workspace-switcher').click();
    await page.getByTestId('workspace-menu').waitFor();
    expectNoEnglish(await page.innerText('body'));
    saveScreenshot('workspace-4-switcher.png', await page.screenshot());
    await page.getByTestId('menu-start').click();
    await page.waitForSelector('[data-testid="start-screen"][data-start-ready="true"]');
    await page.getByTestId('start-back').waitFor();
    const row = page.locator(`[data-testid="recent-row"][data-path="${target}"]`);
    expect(await row.getByTestId('recent-reports').innerText()).toBe(String(ROWS));
    await page.getByTestId('start-demo').click();
    await page.getByTestId('demo-progress').waitFor({ timeout: 30_000 });
    saveScreenshot('workspace-5-demo-generating.png', await page.screenshot());
    await appReady(page);
    const demo = await shown(page);
    expect(demo.demo).toBe(1);
    expect(demo.name).toBe('Demo – KMP Piotrków Trybunalski');
    expect(demo.reports).toBeGreaterThan(4000);
    expect(demo.districts).toBeGreaterThan(10);
    const demoInfo = JSON.parse(rejon(['info', '--workspace', path.join(home, 'demo.sqlite'), '--json']).stdout);
    expect(demo.reports).toBe(demoInfo.reports);
    expect(demoInfo.demo).toBe(true);
    saveScreenshot('workspace-6-demo.png', await page.screenshot());

    // the demo takes no imports: a real workspace is offered instead
    await page.getByTestId('view-import-tab').click();
    await page.getByTestId('demo-import-notice').waitFor();
    expect(await page.getByTestId('import-file-input').count()).toBe(0);
    expectNoEnglish(await page.innerText('body'));
    saveScreenshot('workspace-7-demo-import-offer.png', await page.screenshot());
    await page.getByTestId('view-map-tab').click();

    // 5. back to the command's workspace from the switcher's recent list: its data, not the demo's
    await page.getByTestId('workspace-switcher').click();
    await page.locator(`[data-testid="menu-recent"][data-path="${target}"]`).click();
    await expect.poll(async () => (await shown(page).catch(() => null))?.name, { timeout: 60_000 }).toBe('KMP Piotrków Trybunalski');
    await appReady(page);
    expect(await shown(page)).toEqual({ name: 'KMP Piotrków Trybunalski', reports: ROWS, districts: 0, demo: 0 });
    expect(Number(await page.getByTestId('shown-count').getAttribute('data-count'))).toBe(ROWS);
    saveScreenshot('workspace-8-back.png', await page.screenshot());

    // 6. a copy, then close: the start screen lists both workspaces with counts
    await page.getByTestId('workspace-switcher').click();
    await page.getByTestId('menu-copy').click();
    await page.getByTestId('save-copy').waitFor();
    await page.getByTestId('copy-save').click();
    await page.getByTestId('workspace-notice').waitFor();
    const copies = fs.readdirSync(data).filter((f) => f.includes('-kopia-'));
    expect(copies).toHaveLength(1);
    expect(JSON.parse(rejon(['info', '--workspace', path.join(data, copies[0]), '--json']).stdout).reports).toBe(ROWS);
    await page.getByTestId('workspace-switcher').click();
    await page.getByTestId('menu-close').click();
    await page.waitForSelector('[data-testid="start-screen"][data-start-ready="true"]');
    await expect.poll(() => page.getByTestId('recent-row').count()).toBe(2);
    const names = await page.getByTestId('recent-name').allInnerTexts();
    expect(names).toEqual(['KMP Piotrków Trybunalski', 'Demo – KMP Piotrków Trybunalski']);
    expect(await page.getByTestId('start-back').count()).toBe(0);
    expectNoEnglish(await page.innerText('body'));
    saveScreenshot('workspace-9-recent.png', await page.screenshot());

    // 7. open the copy through the server-side file browser
    await page.getByTestId('start-open').click();
    await page.getByTestId('open-workspace').waitFor();
    await expect.poll(() => page.getByTestId('browse-dir').innerText()).toBe(fs.realpathSync(home));
    await page.getByTestId('browse-up').click();
    await page.locator(`[data-testid="browse-folder"][data-path="${fs.realpathSync(data)}"]`).click();
    saveScreenshot('workspace-10-open.png', await page.screenshot());
    await page.locator(`[data-testid="browse-file"][data-path="${path.join(fs.realpathSync(data), copies[0])}"]`).dblclick();
    await appReady(page);
    expect(await shown(page)).toEqual({ name: 'KMP Piotrków Trybunalski', reports: ROWS, districts: 0, demo: 0 });

    // 8. undo the import in the workspace reached by switching: the confirmation names the counts, the backup goes
    // next to this file, the other workspace keeps its reports
    const copyFile = path.join(fs.realpathSync(data), copies[0]);
    await page.getByTestId('view-import-tab').click();
    await page.getByTestId('import-tab-history').click();
    await page.getByTestId('history-row').first().getByTestId('history-undo').click();
    await page.getByTestId('undo-dialog').waitFor();
    expect(await page.getByTestId('undo-counts').getAttribute('data-remove')).toBe(String(ROWS));
    expect(await page.getByTestId('undo-dialog').innerText()).toContain(path.join(fs.realpathSync(data), 'backups'));
    saveScreenshot('workspace-11-undo-confirm.png', await page.screenshot());
    await page.getByTestId('undo-confirm').click();
    await page.getByTestId('undo-done').waitFor({ timeout: 60_000 });
    const backup = (await page.getByTestId('undo-done').innerText()).split(/Kopia zapasowa: /)[1].trim();
    expect(path.dirname(backup)).toBe(path.join(fs.realpathSync(data), 'backups'));
    expect(path.basename(backup).startsWith(`${copies[0]}.`)).toBe(true);
    await page.getByTestId('undo-close').click();
    await expect.poll(async () => (await shown(page)).reports, { timeout: 60_000 }).toBe(0);
    expect(JSON.parse(rejon(['info', '--workspace', copyFile, '--json']).stdout).reports).toBe(0);
    expect(JSON.parse(rejon(['info', '--workspace', target, '--json']).stdout).reports).toBe(ROWS);
    saveScreenshot('workspace-12-undone.png', await page.screenshot());

    expect(errors).toEqual([]);
    await page.close();
  }, 420_000); // the whole flow in one test (create, import, demo generation, switches, copy, undo) on a shared 2-core machine
});

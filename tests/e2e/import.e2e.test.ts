/**
 * Import UI end to end: the real backend (`rejon serve` on a new, empty workspace of a command) and the real
 * renderer in headless Chromium. A windows-1250 KMZB-style CSV with bad rows goes through the file
 * input, the mapping dialog, the import, the summary and the quarantine; importing it again says
 * "nothing changed"; an unreadable file gets one message naming it; a cancelled import leaves the
 * workspace unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, rejon, saveScreenshot, serve, type Served } from './harness';
import { tmpDir } from '../helpers/tmp';
import { syntheticRows, writeKmzbCsv, type CsvRow } from '../helpers/kmzbCsv';

let t: ReturnType<typeof tmpDir>;
let served: Served;
let browser: Browser;
let ws: string;
let csvFile: string;
const GOOD = 40;

function info(): { reports: number } {
  return JSON.parse(rejon(['info', '--workspace', ws, '--json']).stdout);
}

beforeAll(async () => {
  t = tmpDir('rejon-e2e-import-');
  // A real command's workspace: the demo takes no imports since issue 12 (demo and real data never mix).
  ws = path.join(t.dir, 'kmp-piotrkow.sqlite');
  rejon(['new', ws, '--name', 'KMP Piotrków Trybunalski', '--territory', 'powiat piotrkowski', '--territory', 'powiat Piotrków Trybunalski']);
  const rows: CsvRow[] = [...syntheticRows(GOOD, 500)];
  const base = rows[0];
  // one unknown category (kept, not dropped) and three bad rows (quarantined with a reason)
  rows.push({ ...base, id: '2990001', category: 'Hałas z budowy nocą' });
  rows.push({ ...base, id: '2990002', status: 'Status nieistniejący' });
  rows.push({ ...base, id: '2990003', created: '31.02.2025 10:00:00' });
  rows.push({ ...base, id: '2990004', lon: 30.5, lat: 50.45 }); // Kyiv: outside Poland
  csvFile = path.join(t.dir, 'eksport-kpp-piotrków.csv');
  writeKmzbCsv(csvFile, rows);
  served = await serve(ws);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  t?.cleanup();
});

async function openImport(page: Page) {
  await page.goto(served.openUrl);
  // the import view does not need the map to be ready, only the app shell
  await page.getByTestId('view-import-tab').click({ timeout: 60_000 });
  await page.getByTestId('import-view').waitFor();
}

/** Screenshot of the whole import view: the view scrolls inside the app, so grow the viewport to fit it. */
async function shotAll(page: Page, name: string) {
  const vp = page.viewportSize()!;
  const h = await page.getByTestId('import-view').evaluate((el) => el.scrollHeight);
  await page.setViewportSize({ width: vp.width, height: Math.min(4000, Math.max(vp.height, h + 44 + 28 + 4)) });
  saveScreenshot(name, await page.screenshot());
  await page.setViewportSize(vp);
}

async function counts(page: Page) {
  const get = async (k: string) => Number(await page.getByTestId(`summary-${k}`).getAttribute('data-count'));
  return { inserted: await get('inserted'), updated: await get('updated'), unchanged: await get('unchanged'), rejected: await get('rejected') };
}

describe('import UI against the real backend', () => {
  it('imports a windows-1250 CSV with bad rows, shows summary and quarantine, and "nothing changed" on re-import', async () => {
    const before = info().reports;
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openImport(page);
    saveScreenshot('import-1-dropzone.png', await page.screenshot());

    await page.getByTestId('import-file-input').setInputFiles(csvFile);
    const dialog = page.getByTestId('import-mapping');
    await dialog.waitFor({ timeout: 60_000 });

    // detected columns, decoded from windows-1250 (Polish letters intact)
    const headers = await page.getByTestId('preview-header').evaluateAll((els) => els.map((e) => e.getAttribute('data-column')));
    expect(headers).toEqual(['Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'Data modyfikacji', 'X', 'Y', 'TERYT', 'Opis']);
    expect(await page.getByTestId('map-sourceId').inputValue()).toBe('Nr zgłoszenia');
    expect(await page.getByTestId('map-createdAt').inputValue()).toBe('Data utworzenia');
    expect(await page.getByTestId('import-encoding').locator('option').first().textContent()).toContain('windows-1250');
    // X = northing, Y = easting (Polish surveying order) is recognised and said in words
    expect(await page.getByTestId('import-coord-kind').getAttribute('data-kind')).toBe('puwg92-swapped');
    expect(await page.getByTestId('import-coordinates').innerText()).toContain('PUWG 1992');
    expect(await page.getByTestId('import-preview').locator('tbody tr').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('import-start').isEnabled()).toBe(true);
    await shotAll(page, 'import-2-mapping.png');

    // validation: unmapping a required field blocks the start and says which one
    await page.getByTestId('map-status').selectOption('');
    await expect.poll(() => page.getByTestId('import-problems').innerText()).toContain('Status');
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await page.getByTestId('map-status').selectOption('Status');
    expect(await page.getByTestId('import-start').isEnabled()).toBe(true);

    await page.getByTestId('import-provenance').fill('eksport z systemu KMZB, KPP Piotrków Trybunalski (test e2e)');
    await page.getByTestId('import-save-preset').check();
    await page.getByTestId('import-preset-name').fill('KMZB KPP – eksport policyjny');
    await page.getByTestId('import-provenance').press('Enter'); // Enter confirms

    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 });
    const first = await counts(page);
    expect(first).toEqual({ inserted: GOOD + 1, updated: 0, unchanged: 0, rejected: 3 });
    // what the UI says is what is in the workspace file
    expect(info().reports - before).toBe(first.inserted);
    expect(await page.getByTestId('summary-unknown-categories').innerText()).toContain('Hałas z budowy nocą');
    const groups = await page.getByTestId('reason-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')).sort());
    expect(groups).toEqual(['invalid-calendar-date', 'outside-poland', 'unknown-status']);
    expect(await page.getByTestId('summary-rejections').innerText()).toContain('nieznany status');
    expect(await page.getByTestId('summary-nothing-changed').count()).toBe(0);
    await shotAll(page, 'import-3-summary.png');

    // quarantine: the bad rows with their reasons, raw row expandable
    await page.getByTestId('summary-open-quarantine').click();
    await page.getByTestId('quarantine-table').waitFor();
    const qrows = page.getByTestId('quarantine-row');
    expect(await qrows.count()).toBe(3);
    const reasons = await qrows.evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')).sort());
    expect(reasons).toEqual(['invalid-calendar-date', 'outside-poland', 'unknown-status']);
    const qtext = await page.getByTestId('quarantine-table').innerText();
    expect(qtext).toContain('eksport-kpp-piotrków.csv');
    expect(qtext).toContain('punkt poza Polską');
    await page.getByTestId('quarantine-raw-toggle').first().click();
    expect(await page.getByTestId('quarantine-raw').innerText()).toContain('Nr zgłoszenia');
    // export downloads a CSV
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('quarantine-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^kwarantanna-import-\d+\.csv$/);
    const dl = fs.readFileSync((await download.path())!, 'utf8');
    expect(dl.split('\r\n').filter(Boolean)).toHaveLength(4);
    await shotAll(page, 'import-4-quarantine.png');

    // history lists the import with its provenance
    await page.getByTestId('import-tab-history').click();
    expect(await page.getByTestId('import-history').innerText()).toContain('KPP Piotrków Trybunalski (test e2e)');

    // the same file again: the saved preset is applied automatically, nothing changes
    await page.getByTestId('import-tab-import').click();
    await page.getByTestId('import-file-input').setInputFiles(csvFile);
    await dialog.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-preset-auto').innerText()).toContain('KMZB KPP – eksport policyjny');
    saveScreenshot('import-5-mapping-preset.png', await page.screenshot());
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 });
    await page.getByTestId('summary-nothing-changed').waitFor();
    expect(await page.getByTestId('summary-nothing-changed').innerText()).toContain('Nic się nie zmieniło');
    const second = await counts(page);
    expect(second).toEqual({ inserted: 0, updated: 0, unchanged: GOOD + 1, rejected: 3 });
    expect(info().reports - before).toBe(first.inserted);
    await shotAll(page, 'import-6-nothing-changed.png');

    // English
    await page.getByTestId('language').selectOption('en');
    await page.waitForFunction(() => document.body.innerText.includes('Nothing changed'));
    await shotAll(page, 'import-7-english.png');
    await page.getByTestId('language').selectOption('pl');

    // Esc closes the view
    await page.getByTestId('import-done').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('import-view').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names the file in one message when it cannot be read', async () => {
    const bad = path.join(t.dir, 'uszkodzony-raport.xlsx');
    fs.writeFileSync(bad, Buffer.from('to nie jest arkusz XLSX, tylko tekst\u0000\u0001\u0002', 'utf8'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openImport(page);
    await page.getByTestId('import-file-input').setInputFiles(bad);
    await page.getByTestId('import-error').waitFor({ timeout: 60_000 });
    const title = await page.getByTestId('import-error-title').innerText();
    expect(title).toBe('Nie można odczytać pliku „uszkodzony-raport.xlsx”.');
    expect(await page.getByRole('alert').count()).toBe(1);
    saveScreenshot('import-8-unreadable.png', await page.screenshot());
    await page.close();
  });

  it('cancels a running import and leaves the workspace unchanged', async () => {
    const big = path.join(t.dir, 'duzy-eksport.csv');
    writeKmzbCsv(big, syntheticRows(400_000, 10_000));
    const before = info().reports;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openImport(page);
    await page.getByTestId('import-file-input').setInputFiles(big);
    await page.getByTestId('import-mapping').waitFor({ timeout: 120_000 });
    await page.getByTestId('import-start').click();
    const cancel = page.getByTestId('import-cancel');
    await expect.poll(() => cancel.isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('import-rows').waitFor({ timeout: 30_000 });
    // The cancel must reach a running import. On a loaded machine the import (seconds) could otherwise finish while
    // the screenshot and the click are made (seen once in CI): the server is frozen (SIGSTOP) from the first rows to
    // the click, so the cancel is waiting when it runs again, however slow this machine is.
    const pid = served.process.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      saveScreenshot('import-9-progress.png', await page.screenshot());
      await cancel.click();
      await page.waitForTimeout(300); // the cancel request is on its way (the server answers it when it runs again)
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const resumed = Date.now();
    const outcome = page.getByTestId('import-cancelled').or(page.getByTestId('import-summary')).or(page.getByTestId('import-error'));
    await outcome.first().waitFor({ timeout: 60_000 });
    expect(await outcome.first().getAttribute('data-testid')).toBe('import-cancelled');
    // For the closing note: before the import wrote on its own thread, this took 12 s on a loaded machine.
    console.log(`[import] cancelled on screen ${Date.now() - resumed} ms after the server ran again`);
    expect(await page.getByTestId('import-cancelled').innerText()).toContain('nie został zmieniony');
    await page.getByTestId('import-cancelled-reports').waitFor();
    expect(Number(await page.getByTestId('import-cancelled-reports').getAttribute('data-count'))).toBe(before);
    expect(info().reports).toBe(before);
    saveScreenshot('import-10-cancelled.png', await page.screenshot());
    await page.close();
  });
  it('says so when a cancel comes after the import has finished: the data is in, and how to remove it', async () => {
    const small = path.join(t.dir, 'maly-eksport.csv');
    writeKmzbCsv(small, syntheticRows(30, 900_000));
    const before = info().reports;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The window hears of the job's end only when the test lets it: no job events (the event stream is never
    // answered, from the start), and its polls are held below.
    await page.route('**/api/events**', () => { /* never answered: no events, no error */ });
    await openImport(page);
    await page.getByTestId('import-file-input').setInputFiles(small);
    await page.getByTestId('import-mapping').waitFor({ timeout: 60_000 });
    const held: (() => Promise<void>)[] = [];
    await page.route('**/api/call/getJob', (route) => { held.push(() => route.continue()); });
    await page.getByTestId('import-start').click();
    const cancel = page.getByTestId('import-cancel');
    await expect.poll(() => cancel.isEnabled(), { timeout: 30_000 }).toBe(true);
    const call = async (method: string, input: unknown) => {
      const r = await fetch(`${served.url}api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` }, body: JSON.stringify(input) });
      return ((await r.json()) as { result: { id: string; kind: string; state: string }[] }).result;
    };
    await expect.poll(async () => (await call('listJobs', {})).filter((j) => j.kind === 'import' && j.state === 'running').length, { timeout: 60_000 }).toBe(0);
    await cancel.click(); // too late: the import has committed
    await page.unroute('**/api/call/getJob');
    for (const go of held.splice(0)) await go();
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-cancel-too-late').innerText()).toContain('zakończył się, zanim można go było anulować');
    expect(info().reports).toBe(before + 30);
    saveScreenshot('import-11-cancel-too-late.png', await page.screenshot());
    await page.close();
  });
});

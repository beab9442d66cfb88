/**
 * Issue 14 end to end (real `rejon serve`, real renderer in headless Chromium): a police export uploaded through the
 * import view is staged in a private folder only while it is needed (gone after the import, gone when a refused
 * file's error is shown); a decompression bomb is refused with the limit named in Polish; the beat import dialog
 * sends the file again for a second attempt after a failed import (the failed import deleted its upload) and
 * discards its upload when closed. Nothing of Rejon's stays in the temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, rejon, saveScreenshot, serve, type Served } from './harness';
import { tmpDir } from '../helpers/tmp';
import { syntheticRows, writeKmzbCsv } from '../helpers/kmzbCsv';
import { bombEntry, storedEntry, xlsxParts, zipOf } from '../helpers/zipBomb';

let t: ReturnType<typeof tmpDir>;
let served: Served;
let browser: Browser;

beforeAll(async () => {
  t = tmpDir('rejon-e2e-security-');
  // A real command's workspace (the demo takes no imports since issue 12) with two beats, for the beat dialog test.
  const ws = path.join(t.dir, 'kmp.sqlite');
  rejon(['new', ws, '--name', 'KMP Piotrków Trybunalski', '--territory', 'powiat Piotrków Trybunalski']);
  const square = (x: number, y: number) => [[[x, y], [x + 0.02, y], [x + 0.02, y + 0.02], [x, y + 0.02], [x, y]]];
  const seed = path.join(t.dir, 'rejony-start.geojson');
  fs.writeFileSync(seed, JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { NAZWA: 'Rejon 1' }, geometry: { type: 'Polygon', coordinates: square(19.66, 51.39) } },
      { type: 'Feature', properties: { NAZWA: 'Rejon 2' }, geometry: { type: 'Polygon', coordinates: square(19.69, 51.39) } },
    ],
  }));
  rejon(['districts', 'import', seed, '--workspace', ws, '--name-field', 'NAZWA']);
  served = await serve(ws);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  t?.cleanup();
});

/** Staging folders of the served backend (named by its pid) and the files in them. */
function staged(): string[] {
  const prefix = `rejon-uploads-${served.process.pid}-`;
  return fs
    .readdirSync(os.tmpdir())
    .filter((n) => n.startsWith(prefix))
    .flatMap((n) => {
      try {
        return fs.readdirSync(path.join(os.tmpdir(), n)).map((f) => path.join(n, f));
      } catch {
        return [];
      }
    });
}

async function api(method: string, input: unknown): Promise<unknown> {
  const r = await fetch(`${served.url}api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` }, body: JSON.stringify(input) });
  return ((await r.json()) as { result: unknown }).result;
}

async function open(page: Page, tab: 'import' | 'districts') {
  await page.goto(served.openUrl);
  await page.getByTestId(`view-${tab}-tab`).click({ timeout: 60_000 });
}

describe('personal data and hostile files in the UI', () => {
  it('a report import leaves no staged copy; a zip bomb is refused naming the limit, and is not kept either', async () => {
    const csv = path.join(t.dir, 'eksport-policja.csv');
    writeKmzbCsv(csv, syntheticRows(30, 700));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await open(page, 'import');
    await page.getByTestId('import-file-input').setInputFiles(csv);
    await page.getByTestId('import-mapping').waitFor({ timeout: 120_000 });
    expect(staged()).toHaveLength(1); // staged while the mapping dialog is open
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 });
    await expect.poll(() => staged(), { timeout: 10_000 }).toEqual([]);

    const sheet = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>';
    const bomb = path.join(t.dir, 'raport-bomba.xlsx');
    fs.writeFileSync(bomb, zipOf([...xlsxParts(), storedEntry('xl/worksheets/sheet1.xml', sheet), bombEntry('xl/sharedStrings.xml', 600, { fill: 0x61, prefix: '<sst><si><t>', suffix: '</t></si></sst>' })]));
    await page.getByTestId('import-file-input').setInputFiles(bomb);
    await page.getByTestId('import-error').waitFor({ timeout: 120_000 });
    const detail = await page.getByTestId('import-error').innerText();
    expect(detail).toContain('Archiwum po rozpakowaniu przekracza limit 256 MB.');
    saveScreenshot('security-1-bomb-refused.png', await page.screenshot());
    await expect.poll(() => staged(), { timeout: 10_000 }).toEqual([]);
    await page.close();
  }, 400_000);

  it('the beat import dialog uploads again after a failed import and discards its upload when closed', async () => {
    const beats = path.join(t.dir, 'rejony.geojson');
    fs.writeFileSync(beats, JSON.stringify(await api('getDistrictsGeoJson', {})));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await open(page, 'districts');
    await page.getByTestId('beats-import').click({ timeout: 120_000 });
    const dialog = page.getByTestId('district-import-dialog');
    await dialog.getByTestId('district-file').setInputFiles(beats);
    await dialog.getByTestId('validation-ok').waitFor({ timeout: 120_000 });
    expect(staged()).toHaveLength(1);
    // "add" the same beats again: they overlap the existing ones, the import fails and deletes its upload
    await dialog.getByTestId('import-mode').selectOption('add');
    await dialog.getByTestId('district-import-run').click();
    await dialog.getByRole('alert').waitFor({ timeout: 120_000 });
    await expect.poll(() => staged(), { timeout: 10_000 }).toEqual([]);
    saveScreenshot('security-2-beats-failed.png', await page.screenshot());
    // a second attempt ("replace") sends the file again and succeeds
    await dialog.getByTestId('import-mode').selectOption('replace');
    await dialog.getByTestId('district-import-run').click();
    await dialog.getByTestId('district-import-result').waitFor({ timeout: 120_000 });
    await expect.poll(() => staged(), { timeout: 10_000 }).toEqual([]);
    await dialog.locator('.dv-actions button').last().click();

    // choose a file, then close the dialog without importing: the upload is discarded
    await page.getByTestId('beats-import').click();
    await page.getByTestId('district-import-dialog').getByTestId('district-file').setInputFiles(beats);
    await page.getByTestId('district-import-dialog').getByTestId('validation-ok').waitFor({ timeout: 120_000 });
    expect(staged()).toHaveLength(1);
    await page.getByTestId('district-import-dialog').locator('.dv-actions button').last().click();
    await expect.poll(() => staged(), { timeout: 10_000 }).toEqual([]);
    await page.close();
  }, 600_000);
});

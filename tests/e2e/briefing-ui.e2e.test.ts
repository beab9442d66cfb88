/**
 * Briefing UI end to end: the real backend (`rejon serve` on a copy of the demo workspace) and the real
 * renderer in headless Chromium. The composer previews the print pages; presentation mode shows public
 * slides navigated with the keyboard, each with the PUBLIC badge and none with a report's source id,
 * description or officer; the print document (`#token=…&print=…`) renders police and public pages and
 * reports a bad payload.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { countPixels, demoWorkspaceCopy, distinctColours, launchChromium, saveScreenshot, serve, type Served } from './harness';
import { tmpDir } from '../helpers/tmp';
import { spawnSync } from 'node:child_process';

/** Text of a PDF (poppler's pdftotext, installed by the test set-up). */
function pdfToText(pdf: Buffer): string {
  return spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' }).stdout;
}

let t: ReturnType<typeof tmpDir>;
let served: Served;
let browser: Browser;
let secrets: { sourceIds: Set<string>; descriptions: string[]; officers: string[] };
/** Two beats: a city beat and a rural station (ids of the demo workspace). */
const BEATS = [3, 13];

beforeAll(async () => {
  t = tmpDir('rejon-e2e-briefing-ui-');
  const ws = demoWorkspaceCopy(t.dir);
  const db = new Database(ws, { readonly: true });
  const rows = db.prepare('SELECT source_id, description, officer FROM reports').all() as { source_id: string; description: string | null; officer: string | null }[];
  db.close();
  secrets = {
    sourceIds: new Set(rows.map((r) => r.source_id)),
    descriptions: [...new Set(rows.map((r) => r.description).filter((d): d is string => !!d && d.length >= 12))],
    officers: [...new Set(rows.map((r) => r.officer).filter((o): o is string => !!o))],
  };
  expect(secrets.sourceIds.size).toBeGreaterThan(1000);
  expect(secrets.descriptions.length).toBeGreaterThan(5);
  served = await serve(ws);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  t?.cleanup();
});

function printUrl(payload: unknown): string {
  return `${served.url}#token=${served.token}&print=${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
}

/** Pages whose content does not fit their A4 box (it would be cut off in the PDF). */
async function overflowingPages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.print-page')]
      .filter((p) => {
        const box = p.getBoundingClientRect();
        // SVG content is clipped to its map frame: check the <svg> boxes, not what they clip
        return [...p.querySelectorAll<HTMLElement>('*')].filter((c) => c.tagName === 'svg' || !c.closest('svg')).some((c) => {
          const r = c.getBoundingClientRect();
          return r.height > 0 && (r.bottom > box.bottom + 1 || r.right > box.right + 1);
        });
      })
      .map((p) => `${p.dataset.page}${p.dataset.beat ? `-${p.dataset.beat}` : ''}`),
  );
}

/**
 * No report source id, description or officer name anywhere in the text. Demo ids are "DEMO-nnnnnn" since issue 12
 * (the id format changed, so the check looks for the prefixed form as well as bare numbers, and for the number of
 * any id on its own).
 */
function expectNoReportData(text: string) {
  const numbers = new Set([...secrets.sourceIds].map((id) => id.replace(/^DEMO-/, '')));
  for (const m of text.matchAll(/DEMO-\d+|\d{5,}/g)) {
    expect(secrets.sourceIds.has(m[0]), `source id ${m[0]} in public text`).toBe(false);
    expect(numbers.has(m[0]), `source id number ${m[0]} in public text`).toBe(false);
  }
  for (const d of secrets.descriptions) expect(text.includes(d.slice(0, 40)), `description "${d.slice(0, 40)}" in public text`).toBe(false);
  for (const o of secrets.officers) expect(text.includes(o), `officer "${o}" in public text`).toBe(false);
}

async function openComposer(page: Page) {
  await page.goto(served.openUrl);
  await page.getByTestId('view-briefing-tab').click({ timeout: 60_000 });
  await page.getByTestId('briefing-form').waitFor({ timeout: 30_000 });
  await page.getByTestId('scope-beats').check();
  for (const id of BEATS) await page.getByTestId(`scope-beat-${id}`).check();
  // the latest complete half-year of the demo data, as the composer proposes it
  await page.getByTestId('period-select').selectOption('half-year');
}

describe('briefing composer and presentation', () => {
  it('previews the print pages of the chosen beats', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openComposer(page);
    await page.getByTestId('briefing-title').fill('Odprawa – test e2e Łódź żółć');
    await page.getByTestId('briefing-preview').click();
    const pages = page.getByTestId('briefing-pages');
    await pages.locator('.print-page').first().waitFor({ timeout: 120_000 });
    // title + overview + 2 pages per beat
    await expect.poll(() => pages.locator('.print-page').count()).toBe(2 + 2 * BEATS.length);
    expect(await page.getByTestId('doc-title').textContent()).toBe('Odprawa – test e2e Łódź żółć');
    // each beat has a vector map with its outline, hot cells or at least context beats, and a scale bar
    for (const id of BEATS) {
      const map = page.getByTestId(`beat-map-${id}`);
      expect(await map.locator('path').count()).toBeGreaterThan(5);
      expect(await map.getByTestId('scale-label').textContent()).toMatch(/^\d+(,\d+)? k?m$/);
      expect(await page.getByTestId(`summary-${id}`).textContent()).toMatch(/zgłosze/);
    }
    const kpi = await page.getByTestId(`kpis-${BEATS[0]}`).getByTestId('kpi-count').textContent();
    expect(Number(kpi?.replace(/\s/g, ''))).toBeGreaterThan(0);
    await page.getByTestId('briefing-pages').evaluate((el) => el.scrollTo(0, 0));
    saveScreenshot('briefing-preview.png', await page.screenshot());
    // the map page, full resolution
    const mapPage = pages.locator(`.print-page[data-page="beat-map"][data-beat="${BEATS[0]}"]`);
    await mapPage.scrollIntoViewIfNeeded();
    const shot = await mapPage.screenshot();
    saveScreenshot('briefing-preview-beat.png', shot);
    expect(distinctColours(shot)).toBeGreaterThan(40);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves, applies and deletes a template in the workspace; downloads the PDF and a CSV export', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await openComposer(page);
    await page.getByTestId('period-select').selectOption('quarter');
    await page.getByTestId('section-matrix').uncheck();
    await page.getByTestId('template-name').fill('Kwartał – dwa rejony');
    await page.getByTestId('template-save').click();
    await expect.poll(() => page.getByTestId('briefing-message').textContent()).toMatch(/Zapisano szablon/);
    // back to another state, then apply the template
    await page.getByTestId('scope-command').check();
    await page.getByTestId('section-matrix').check();
    await page.getByTestId('period-select').selectOption('month');
    await page.getByTestId('template-select').selectOption('Kwartał – dwa rejony');
    await page.getByTestId('template-apply').click();
    expect(await page.getByTestId('scope-beats').isChecked()).toBe(true);
    for (const id of BEATS) expect(await page.getByTestId(`scope-beat-${id}`).isChecked()).toBe(true);
    expect(await page.getByTestId('section-matrix').isChecked()).toBe(false);
    expect(await page.getByTestId('period-select').inputValue()).toBe('quarter');

    // PDF through the backend's print (headless Chromium there), saved as a download
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 170_000 }), page.getByTestId('briefing-pdf').click()]);
    expect(pdf.suggestedFilename()).toMatch(/^odprawa-rejony-2-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdfBytes = fs.readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    // public CSV of the beats
    await page.getByTestId('briefing-public').check();
    const [csv] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('briefing-export-beats-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^publiczne-odprawa-.*-rejony\.csv$/);
    const csvText = fs.readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toContain('Rejon 3 – Dworzec');
    expectNoReportData(csvText);

    await page.getByTestId('template-delete').click();
    await expect.poll(() => page.getByTestId('template-select').locator('option').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows public slides navigated with the keyboard, with no individual report data', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openComposer(page);
    await page.getByTestId('briefing-presentation').click();
    const pres = page.getByTestId('presentation');
    await pres.waitFor({ timeout: 120_000 });
    const count = Number(await pres.getAttribute('data-slides'));
    expect(count).toBe(2 + BEATS.length); // title, overview, one per beat
    const slideNo = () => pres.getAttribute('data-slide').then(Number);

    const seen: string[] = [];
    const check = async (i: number) => {
      await expect.poll(slideNo).toBe(i);
      await expect(pres.getByTestId('public-badge').isVisible()).resolves.toBe(true);
      expect(await pres.getByTestId('public-badge').textContent()).toMatch(/PUBLICZNE/);
      expect(await pres.getByTestId('slide-number').textContent()).toBe(`Slajd ${i + 1} z ${count}`);
      const html = await pres.evaluate((el) => el.innerHTML);
      const text = await pres.evaluate((el) => (el as HTMLElement).innerText);
      expectNoReportData(text);
      expectNoReportData(html);
      seen.push(text);
    };
    await check(0);
    saveScreenshot('presentation-title.png', await page.screenshot());
    await page.keyboard.press('ArrowRight');
    await check(1);
    saveScreenshot('presentation-overview.png', await page.screenshot());
    await page.keyboard.press('PageDown');
    await check(2);
    // a beat slide: its hexagon map is drawn
    expect(await pres.getByTestId('slide-map').locator('path').count()).toBeGreaterThan(5);
    const shot = await page.screenshot();
    saveScreenshot('presentation.png', shot);
    expect(distinctColours(shot)).toBeGreaterThan(30);
    await page.keyboard.press('End');
    await check(count - 1);
    await page.keyboard.press('ArrowRight'); // past the end: stays
    await check(count - 1);
    await page.keyboard.press('Home');
    await check(0);
    await page.keyboard.press('ArrowLeft'); // before the start: stays
    await check(0);
    await page.keyboard.press(' ');
    await check(1);
    await page.keyboard.press('PageUp');
    await check(0);
    expect(seen.join('\n')).toMatch(/Rejon 3/);
    // locked by construction (issue 14 point 7): while presenting, the police app is not in the page at all
    expect(await page.evaluate(() => document.querySelectorAll('.app, .topbar, [data-testid="briefing-form"], [data-testid="map-view"], .sidebar').length)).toBe(0);
    const bodyText = await page.evaluate(() => document.body.innerText);
    expect(bodyText).not.toMatch(/Filtry|Warstwy|Analizy|Obszar roboczy/);
    // printing while presenting prints the slide only (Chromium's own print path)
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    const pdfText = pdfToText(pdf);
    expect(pdfText).toMatch(/PUBLICZNE/);
    expect(pdfText).not.toMatch(/Filtry|Warstwy|Obszar roboczy|Zakończyć prezentację/);
    // Esc only asks; "Back to the slides" is focused, so Enter keeps presenting
    await page.keyboard.press('Escape');
    const confirm = page.getByTestId('presentation-exit-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Zakończyć prezentację publiczną?');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('presentation-exit-stay');
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    expect(await pres.isVisible()).toBe(true);
    // Esc on the open confirmation closes the confirmation (the innermost thing), not the presentation
    await page.keyboard.press('Escape');
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await pres.isVisible()).toBe(true);
    // ✕ asks too; confirming ends the presentation and the police app comes back
    await page.getByTestId('presentation-exit').click();
    await page.getByTestId('presentation-exit-end').click();
    await pres.waitFor({ state: 'detached' });
    await page.getByTestId('briefing-form').waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('print document', () => {
  it('renders the police pages from the URL payload and signals readiness', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(printUrl({ request: { from: '2026-01-01', to: '2026-06-30', districtIds: [BEATS[0]] }, lang: 'pl' }));
    await page.waitForFunction(() => document.documentElement.dataset.printReady != null, null, { timeout: 120_000 });
    expect(await page.evaluate(() => [document.documentElement.dataset.printReady, document.documentElement.dataset.printError ?? null])).toEqual(['true', null]);
    expect(await page.locator('.print-page').count()).toBe(4);
    expect(await page.evaluate(() => document.documentElement.dataset.printPages)).toBe('4');
    expect(await overflowingPages(page)).toEqual([]);
    // the token was read (data loaded) and then left the address bar
    expect(page.url()).not.toContain('token=');
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('Do użytku służbowego');
    expect(text).toMatch(/Stan danych/);
    const mapPage = page.locator('.print-page[data-page="beat-map"]');
    const shot = await mapPage.screenshot();
    saveScreenshot('briefing-print-beat.png', shot);
    // hot hexagons (orange/red) and the beat outline (dark blue) are drawn
    expect(countPixels(shot, (r, g, b) => r > 200 && g < 170 && b < 120).matching).toBeGreaterThan(200);
    expect(countPixels(shot, (r, g, b) => Math.abs(r - 31) < 20 && Math.abs(g - 58) < 20 && Math.abs(b - 95) < 20).matching).toBeGreaterThan(300);
    saveScreenshot('briefing-print-detail.png', await page.locator('.print-page[data-page="beat-detail"]').screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders public pages (badge on every page, no individual data) in English', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(printUrl({ request: { from: '2026-01-01', to: '2026-06-30', districtIds: BEATS }, public: { threshold: 5 }, lang: 'en' }));
    await page.waitForFunction(() => document.documentElement.dataset.printReady != null, null, { timeout: 120_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.printReady)).toBe('true');
    const n = await page.locator('.print-page').count();
    expect(n).toBe(2 + BEATS.length);
    expect(await page.locator('.print-page [data-testid="public-badge"]').count()).toBe(n);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('PUBLICZNE / PUBLIC');
    expect(text).toContain('Values below 5 are not shown');
    expect(text).not.toContain('Do użytku służbowego');
    expect(await overflowingPages(page)).toEqual([]);
    expectNoReportData(text);
    expectNoReportData(await page.evaluate(() => document.body.innerHTML));
    saveScreenshot('briefing-print-public.png', await page.locator('.print-page[data-page="public-beat"]').first().screenshot());
    await page.close();
  });

  it('reports a bad payload instead of printing', async () => {
    const page = await browser.newPage();
    await page.goto(printUrl({ request: { from: '2026-13-01', to: '2026-06-30' }, lang: 'pl' }));
    await page.waitForFunction(() => document.documentElement.dataset.printReady != null, null, { timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.printReady)).toBe('error');
    expect(await page.evaluate(() => document.documentElement.dataset.printError)).toMatch(/from/);
    await page.getByTestId('print-error').waitFor();
    await page.close();
    // not even base64: the same error signal, not a blank page
    const page2 = await browser.newPage();
    await page2.goto(`${served.url}#token=${served.token}&print=%%%`);
    await page2.waitForFunction(() => document.documentElement.dataset.printReady === 'error', null, { timeout: 60_000 });
    expect(await page2.evaluate(() => document.documentElement.dataset.printError)).toMatch(/payload/);
    await page2.close();
  });
});

/**
 * Layout end to end (issue 15 point 1): every view and dialog fits a 1,366×768 and a 1,920×1,080 window and follows
 * window resizes. The real backend (`rejon serve` from the build) on the demo workspace and on a command's new
 * workspace (for the import view and its mapping dialog), the real renderer in headless Chromium. For each view:
 * the map canvas, zoom buttons, legends and timeline lie inside the window, nothing overflows the window
 * horizontally (an element wider than the window is only allowed inside a scrolling container), and after a
 * resize the map canvas takes its container's new size without a reload. Screenshots of every view at both sizes.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoWorkspaceCopy, launchChromium, rejon, saveScreenshot, serve, type Served } from './harness';
import { tmpDir } from '../helpers/tmp';
import { syntheticRows, writeKmzbCsv } from '../helpers/kmzbCsv';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

let t: ReturnType<typeof tmpDir>;
let demo: Served;
let command: Served;
let browser: Browser;
let csv: string;

beforeAll(async () => {
  t = tmpDir('rejon-e2e-layout-');
  const ws = demoWorkspaceCopy(t.dir);
  const cmd = path.join(t.dir, 'kmp.sqlite');
  rejon(['new', cmd, '--name', 'KMP Piotrków Trybunalski', '--territory', 'powiat piotrkowski', '--territory', 'powiat Piotrków Trybunalski']);
  csv = path.join(t.dir, 'eksport.csv');
  writeKmzbCsv(csv, syntheticRows(40, 500));
  demo = await serve(ws);
  command = await serve(cmd);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  await command?.stop();
  t?.cleanup();
});

async function resetSettings(s: Served): Promise<void> {
  for (const key of ['map.filter', 'map.layers', 'map.layout']) {
    const r = await fetch(`${s.url}api/call/setSetting`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }, body: JSON.stringify({ key, value: null }) });
    expect(r.status).toBe(200);
  }
}

interface Box { x: number; y: number; width: number; height: number }
interface Report {
  viewport: { width: number; height: number };
  docScroll: { width: number; height: number };
  /** Elements sticking out of the window on the right (or left) that no scrolling/clipping ancestor inside the window holds. */
  overflowing: string[];
  /** Named elements and their boxes (null: not present). */
  boxes: Record<string, Box | null>;
}

/**
 * Measures the page: boxes of the named selectors (the first visible match; for `legend` all legends' union) and
 * every element that sticks out of the window horizontally while no ancestor that clips (overflow other than
 * visible) lies inside the window.
 */
async function measure(page: Page, shot: string | null, named: Record<string, string>): Promise<Report> {
  if (shot) saveScreenshot(shot, await page.screenshot());
  return page.evaluate((named) => {
    const W = window.innerWidth;
    const H = window.innerHeight;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
    };
    const boxes: Record<string, { x: number; y: number; width: number; height: number } | null> = {};
    for (const [name, sel] of Object.entries(named)) {
      const els = Array.from(document.querySelectorAll(sel)).filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      });
      if (els.length === 0) boxes[name] = null;
      else {
        const bs = els.map(box);
        const x0 = Math.min(...bs.map((b) => b.x));
        const y0 = Math.min(...bs.map((b) => b.y));
        const x1 = Math.max(...bs.map((b) => b.x + b.width));
        const y1 = Math.max(...bs.map((b) => b.y + b.height));
        boxes[name] = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
      }
    }
    const overflowing: string[] = [];
    const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.getAttribute('data-testid') ? `[data-testid=${e.getAttribute('data-testid')}]` : ''}.${Array.from(e.classList).join('.')}`;
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (el.parentElement?.closest('svg')) continue; // an SVG's shapes: the SVG itself is measured
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const st = getComputedStyle(el);
      if (st.visibility === 'hidden' || st.position === 'fixed' && r.right <= W) continue;
      if (r.right <= W + 1 && r.left >= -1) continue;
      // held by a clipping ancestor that itself lies inside the window?
      let held = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const ast = getComputedStyle(a);
        if (ast.overflowX !== 'visible') {
          const ar = a.getBoundingClientRect();
          if (ar.right <= W + 1 && ar.left >= -1) held = true;
          break;
        }
      }
      if (!held) overflowing.push(`${describe(el)} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return {
      viewport: { width: W, height: H },
      docScroll: { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight },
      overflowing: overflowing.slice(0, 20),
      boxes,
    };
  }, named);
}

const MAP_PARTS = {
  mapCanvas: '[data-testid="map"] canvas.maplibregl-canvas',
  deckCanvas: '[data-testid="map"] canvas:not(.maplibregl-canvas)',
  mapArea: '.map-area',
  zoomIn: '.maplibregl-ctrl-zoom-in',
  zoomOut: '.maplibregl-ctrl-zoom-out',
  legends: '.legends .legend',
  timeline: '[data-testid="timeline"]',
  statusbar: '.statusbar',
};

function inside(b: Box | null, vp: { width: number; height: number }, name: string): void {
  expect(b, `${name} present`).not.toBeNull();
  expect(b!.x, `${name} left`).toBeGreaterThanOrEqual(0);
  expect(b!.y, `${name} top`).toBeGreaterThanOrEqual(0);
  expect(b!.x + b!.width, `${name} right ${JSON.stringify(b)} in ${vp.width}`).toBeLessThanOrEqual(vp.width);
  expect(b!.y + b!.height, `${name} bottom ${JSON.stringify(b)} in ${vp.height}`).toBeLessThanOrEqual(vp.height);
}

function fits(r: Report, label: string): void {
  expect(r.docScroll.width, `${label}: page scroll width`).toBeLessThanOrEqual(r.viewport.width);
  expect(r.docScroll.height, `${label}: page scroll height`).toBeLessThanOrEqual(r.viewport.height);
  expect(r.overflowing, `${label}: elements out of the window`).toEqual([]);
}

/** The map's parts inside the window, the canvases as large as the map area (deck.gl and MapLibre follow it). */
async function mapFits(page: Page, shot: string | null, label: string, opts: { timeline?: boolean; legends?: boolean } = {}): Promise<Report> {
  const r = await measure(page, shot, MAP_PARTS);
  fits(r, label);
  for (const k of ['mapCanvas', 'deckCanvas', 'zoomIn', 'zoomOut', 'statusbar', ...(opts.legends === false ? [] : ['legends']), ...(opts.timeline === false ? [] : ['timeline'])])
    inside(r.boxes[k], r.viewport, `${label}: ${k}`);
  const area = r.boxes.mapArea!;
  for (const k of ['mapCanvas', 'deckCanvas']) {
    expect(Math.abs(r.boxes[k]!.width - area.width), `${label}: ${k} width ${r.boxes[k]!.width} vs area ${area.width}`).toBeLessThanOrEqual(2);
    expect(Math.abs(r.boxes[k]!.height - area.height), `${label}: ${k} height`).toBeLessThanOrEqual(2);
  }
  return r;
}

async function openAt(s: Served, size: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  await resetSettings(s);
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(s.openUrl);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 120_000 });
  return { page, errors };
}

const tag = (size: { width: number }, name: string) => `layout-${size.width}-${name}.png`;

describe('every view fits the window and follows its size', () => {
  for (const size of SIZES) {
    it(`map, analyses, dialogs, beats and briefing at ${size.width}×${size.height}`, async () => {
      const { page, errors } = await openAt(demo, size);
      await page.waitForTimeout(500);
      await mapFits(page, tag(size, 'map'), `map ${size.width}`);
      // one count for one filter (issue 15 pt 3): a half-year cuts weekly bins, the timeline says the header's count
      await page.locator('[data-testid^="preset-h"]').first().click();
      await expect.poll(async () => page.getByTestId('timeline-count').getAttribute('data-count')).toBe(await page.getByTestId('shown-count').getAttribute('data-count'));
      expect(Number(await page.getByTestId('shown-count').getAttribute('data-count'))).toBeGreaterThan(0);
      expect(await page.getByTestId('data-age').innerText()).toMatch(/^dane do \d{4}-\d{2}-\d{2}, /);
      saveScreenshot(tag(size, 'map-half-year'), await page.screenshot());
      await page.getByTestId('clear-filters').click();

      // the analysis panel open beside the filters
      await page.getByTestId('toggle-analysis').click();
      await page.waitForTimeout(300);
      await mapFits(page, tag(size, 'analysis'), `analysis ${size.width}`);
      await page.getByTestId('toggle-analysis').click();

      // dialogs: help and basemaps
      await page.keyboard.press('?');
      await page.getByTestId('help').waitFor();
      const help = await measure(page, tag(size, 'help'), { dialog: '[data-testid="help"]' });
      fits(help, `help ${size.width}`);
      inside(help.boxes.dialog, help.viewport, 'help dialog');
      expect(await page.getByTestId('help').innerText()).toContain('Shift+Tab');
      expect(await page.getByTestId('guide-fdr').innerText()).toContain('Benjamini');
      await page.keyboard.press('Escape');
      await page.getByTestId('help').waitFor({ state: 'detached' });
      await page.keyboard.press('b');
      await page.getByTestId('basemap-dialog').waitFor();
      const bm = await measure(page, tag(size, 'basemaps'), { dialog: '[data-testid="basemap-dialog"]' });
      fits(bm, `basemaps ${size.width}`);
      inside(bm.boxes.dialog, bm.viewport, 'basemap dialog');
      await page.keyboard.press('Escape');

      // the beats view: its wide side panel must not push the map out of the window
      await page.getByTestId('view-districts-tab').click();
      await page.waitForSelector('[data-testid="beat-row"]', { timeout: 30_000 });
      await page.waitForTimeout(500);
      const beats = await mapFits(page, tag(size, 'beats'), `beats ${size.width}`);
      expect(beats.boxes.mapArea!.x + beats.boxes.mapArea!.width).toBeLessThanOrEqual(size.width);

      // a beat's drill-down on top: three columns
      await page.locator('[data-testid="beat-row"]').first().click();
      await page.locator('.drilldown').waitFor();
      await page.waitForTimeout(400);
      await mapFits(page, tag(size, 'beats-drill'), `beats+drill ${size.width}`);

      // the briefing: the form scrolls, the period's length is not clipped
      await page.getByTestId('view-briefing-tab').click();
      await page.getByTestId('briefing-form').waitFor();
      await page.waitForTimeout(500);
      const brf = await measure(page, tag(size, 'briefing'), { form: '[data-testid="briefing-form"]', days: '[data-testid="period-days"]' });
      fits(brf, `briefing ${size.width}`);
      inside(brf.boxes.form, brf.viewport, 'briefing form');
      inside(brf.boxes.days, brf.viewport, 'period length');
      const daysClip = await page.getByTestId('period-days').evaluate((el) => {
        const r = el.getBoundingClientRect();
        let clip = r.right;
        for (let a = el.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') clip = Math.min(clip, a.getBoundingClientRect().right - (a.offsetWidth - a.clientWidth));
        return { right: r.right, clip, scroll: el.scrollWidth, client: el.clientWidth };
      });
      expect(daysClip.right, `"N dni" inside the form: ${JSON.stringify(daysClip)}`).toBeLessThanOrEqual(daysClip.clip + 0.5);
      expect(daysClip.scroll).toBeLessThanOrEqual(daysClip.client + 1);

      // the import view of the demo (an offer of a real workspace)
      await page.getByTestId('view-import-tab').click();
      await page.waitForTimeout(300);
      fits(await measure(page, tag(size, 'import-demo'), {}), `demo import ${size.width}`);

      // back on the map: resize the window; the map follows without a reload
      await page.getByTestId('view-map-tab').click();
      await page.waitForTimeout(500);
      await mapFits(page, null, `map again ${size.width}`);
      const other = size.width === 1366 ? SIZES[1] : SIZES[0];
      await page.setViewportSize(other);
      await page.waitForTimeout(800);
      const after = await mapFits(page, tag(size, `map-resized-to-${other.width}`), `map resized ${size.width}→${other.width}`);
      expect(after.boxes.mapCanvas!.x + after.boxes.mapCanvas!.width).toBeLessThanOrEqual(other.width);
      // and the beats view after a resize back
      await page.getByTestId('view-districts-tab').click();
      await page.waitForSelector('[data-testid="beat-row"]', { timeout: 30_000 });
      await page.setViewportSize(size);
      // deck.gl resizes its layers' container on its next frame: wait until nothing sticks out (at most 10 s)
      await expect.poll(async () => (await measure(page, null, {})).overflowing, { timeout: 10_000 }).toEqual([]);
      // growing leaves nothing outside at once; the map's canvas follows its area on a later frame (at most 10 s)
      await expect
        .poll(async () => {
          const m = await measure(page, null, MAP_PARTS);
          return Math.abs(m.boxes.mapCanvas!.width - m.boxes.mapArea!.width) <= 2;
        }, { timeout: 10_000 })
        .toBe(true);
      await mapFits(page, null, `beats resized back ${size.width}`);

      // the start screen and the new workspace dialog
      await page.getByTestId('workspace-switcher').click();
      await page.getByTestId('menu-start').click();
      await page.waitForSelector('[data-start-ready="true"]', { timeout: 30_000 });
      fits(await measure(page, tag(size, 'start'), {}), `start ${size.width}`);
      await page.getByTestId('start-new').click();
      await page.waitForTimeout(500);
      const nw = await measure(page, tag(size, 'new-workspace'), { dialog: '.modal' });
      fits(nw, `new workspace ${size.width}`);
      inside(nw.boxes.dialog, nw.viewport, 'new workspace dialog');
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`the import view and its mapping dialog at ${size.width}×${size.height}`, async () => {
      await resetSettings(command);
      const page = await browser.newPage({ viewport: size });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(command.openUrl);
      await page.getByTestId('view-import-tab').click({ timeout: 60_000 });
      await page.getByTestId('import-view').waitFor();
      fits(await measure(page, tag(size, 'import'), {}), `import ${size.width}`);
      await page.getByTestId('import-file-input').setInputFiles(csv);
      await page.getByTestId('import-mapping').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      const m = await measure(page, tag(size, 'import-mapping'), { start: '[data-testid="import-start"]' });
      fits(m, `mapping ${size.width}`);
      // keyboard (issue 15 pt 5): focus starts on Start, so Enter starts the import; Esc on a dropdown only leaves it
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-start');
      await page.getByTestId('map-status').focus();
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('import-mapping').count()).toBe(1);
      expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('SELECT');
      await page.getByTestId('import-start').scrollIntoViewIfNeeded();
      inside((await measure(page, null, { start: '[data-testid="import-start"]' })).boxes.start, m.viewport, 'start button (scrolled to)');
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});

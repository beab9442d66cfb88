import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { countPixels, demoWorkspaceCopy, rejon, saveScreenshot } from './harness';
import { e2eSession, openApp } from './session';

let expected: { reports: number; districts: number };
const pages: Page[] = [];
const s = e2eSession('rejon-e2e-map-', (dir) => {
  const ws = demoWorkspaceCopy(dir);
  expected = JSON.parse(rejon(['info', '--workspace', ws, '--json']).stdout);
  return ws;
});

/** Each test starts from a clean map state (filter, layers and layout are remembered per workspace). */
async function resetSettings(): Promise<void> {
  for (const key of ['map.filter', 'map.layers', 'map.layout']) {
    const r = await fetch(`${s.served.url}api/call/setSetting`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.served.token}` }, body: JSON.stringify({ key, value: null }) });
    expect(r.status).toBe(200);
  }
}

async function open(width = 1400, height = 860): Promise<{ page: Page; errors: string[] }> {
  await resetSettings();
  for (const p of pages.splice(0)) await p.close().catch(() => undefined);
  const opened = await openApp(s, { viewport: { width, height } });
  pages.push(opened.page);
  return opened;
}

const shownCount = async (page: Page) => Number(await page.getByTestId('report-count').getAttribute('data-count'));
/** Pixels of category-coloured points / heat: saturated, not the grey/cream basemap. */
const saturated = (png: Buffer) => countPixels(png, (r, g, b) => Math.max(r, g, b) - Math.min(r, g, b) > 90).matching;

describe('map workspace on the demo workspace', () => {
  it('filters on the GPU and CPU at once: count, words and pixels change; the filter is remembered', async () => {
    const { page, errors } = await open();
    expect(await shownCount(page)).toBe(expected.reports);
    await expect.poll(() => page.getByTestId('filter-summary').textContent()).toContain('Wszystkie zgłoszenia');
    // heat off to compare point pixels only
    await page.getByTestId('layer-heat').uncheck();
    await page.waitForTimeout(600);
    const before = await page.getByTestId('map').screenshot();
    saveScreenshot('map-points-all.png', await page.screenshot());

    // road categories off (speeding and parking are the biggest groups)
    await page.getByTestId('catgroup-road').uncheck();
    await expect.poll(() => shownCount(page)).toBeLessThan(expected.reports * 0.8);
    const afterRoad = await shownCount(page);
    expect(afterRoad).toBeGreaterThan(0);
    expect(await page.getByTestId('filter-summary').textContent()).toMatch(/kategorie: wszystkie oprócz drogowe/i);
    // night hours only
    await page.getByTestId('hours-night').click();
    await expect.poll(() => shownCount(page)).toBeLessThan(afterRoad);
    expect(await page.getByTestId('filter-summary').textContent()).toContain('godziny 22:00–05:59');
    await page.waitForTimeout(800);
    const after = await page.getByTestId('map').screenshot();
    saveScreenshot('map-filtered.png', await page.screenshot());
    expect(saturated(after)).toBeLessThan(saturated(before) * 0.8);

    // a half-year preset with comparison
    const half = page.locator('[data-testid^="preset-h"]').first();
    await half.click();
    await page.getByTestId('compare').check();
    await expect.poll(() => page.getByTestId('previous-count').count()).toBe(1);
    expect(await page.getByTestId('filter-summary').textContent()).toContain('porównanie z poprzednim okresem');

    // remembered per workspace (setting saved, debounced)
    await page.waitForTimeout(1200);
    const filtered = await shownCount(page);
    await page.reload();
    await page.waitForSelector('[data-ready="true"]', { timeout: 120_000 });
    expect(await shownCount(page)).toBe(filtered);
    await page.getByTestId('clear-filters').click();
    await page.getByTestId('compare').uncheck();
    await expect.poll(() => shownCount(page)).toBe(expected.reports);
    await page.getByTestId('layer-heat').check();
    await page.waitForTimeout(1500);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a beat drill-down with charts and a sortable report list, and highlights a row', async () => {
    const { page, errors } = await open();
    // click the label point of the beat with the most reports
    const target = await page.evaluate(async () => {
      const r = await fetch('/api/call/listDistricts', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('rejon.token')}` }, body: '{}' });
      const ds = (await r.json()).result as { id: number; name: string; reportCount: number; labelPoint: [number, number] }[];
      const d = ds.sort((a, b) => b.reportCount - a.reportCount)[0];
      // a pixel inside that beat, found with MapLibre's own hit test on the beat fill layer
      const map = (window as unknown as { __rejonMap: { getCanvas(): HTMLCanvasElement; queryRenderedFeatures(p: [number, number], o: { layers: string[] }): { properties: { id: number } }[] } }).__rejonMap;
      const c = map.getCanvas();
      const w = c.clientWidth, h = c.clientHeight;
      for (let tries = 0; tries < 20 && map.queryRenderedFeatures([w / 2, h / 2], { layers: ['districts-fill'] }).length === 0; tries++)
        await new Promise((r) => setTimeout(r, 300));
      for (let y = h * 0.3; y < h * 0.8; y += 6)
        for (let x = w * 0.3; x < w * 0.75; x += 6) {
          const f = map.queryRenderedFeatures([x, y], { layers: ['districts-fill'] })[0];
          const hit = f ? ds.find((z) => z.name === (f.properties as unknown as { name: string }).name) : undefined;
          if (hit && hit.reportCount > 50) return { name: hit.name, count: hit.reportCount, x, y };
        }
      return { name: d.name, count: d.reportCount, x: -1, y: -1 };
    });
    expect(target.x).toBeGreaterThan(0);
    await page.getByTestId('layer-points').uncheck(); // click the beat, not a point
    await page.waitForTimeout(300);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForSelector('[data-testid="drilldown"]');
    expect(await page.getByTestId('drilldown-title').textContent()).toContain(target.name);
    expect(Number(await page.getByTestId('drilldown-count').getAttribute('data-count'))).toBe(target.count);
    await expect.poll(() => page.locator('[data-testid="report-table"] tbody tr').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('trend-chart').locator('rect').count()).toBeGreaterThan(12);
    expect(await page.getByTestId('hour-weekday').locator('rect').count()).toBe(168);
    // sort by date ascending
    const firstBefore = await page.locator('[data-testid="report-table"] tbody tr').first().getAttribute('data-report-id');
    await page.getByTestId('sort-createdAt').click();
    await expect.poll(() => page.locator('[data-testid="report-table"] tbody tr').first().getAttribute('data-report-id')).not.toBe(firstBefore);
    // selecting a row highlights it (and its point)
    await page.getByTestId('layer-points').check();
    const row = page.locator('[data-testid="report-table"] tbody tr').nth(2);
    await row.click();
    await expect.poll(() => row.getAttribute('class')).toContain('selected');
    await page.waitForTimeout(800);
    saveScreenshot('map-beat-drilldown.png', await page.screenshot());
    // CSV export through the backend
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    // Esc closes the panel (the row click also opened the report's detail panel: the first Esc closes that one)
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    expect(await page.getByTestId('report-detail').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('report-detail').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('drilldown').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('plays the timeline: the window moves and the count follows', async () => {
    const { page, errors } = await open();
    await page.getByTestId('preset-last30').click();
    const range0 = await page.getByTestId('timeline-range').textContent();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(' '); // space = play (restarts from the beginning when at the end)
    await expect.poll(() => page.getByTestId('timeline-range').textContent(), { timeout: 10_000 }).not.toBe(range0);
    const counts = new Set<number>();
    for (let i = 0; i < 6; i++) {
      counts.add(await shownCount(page));
      await page.waitForTimeout(250);
    }
    saveScreenshot('map-timeline-playing.png', await page.screenshot());
    await page.getByTestId('play').click();
    expect(counts.size).toBeGreaterThan(1);
    expect(await page.getByTestId('timeline-canvas').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches the language and shows the help with shortcuts', async () => {
    const { page, errors } = await open(1200, 800);
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('filter-summary').textContent()).toContain('All reports, no filter');
    expect((await page.locator('body').innerText()).toLowerCase()).toContain('categories');
    await page.getByTestId('catgroup-animals').uncheck();
    await expect.poll(() => page.getByTestId('filter-summary').textContent()).toMatch(/categories: all except animals/i);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid="help"]');
    saveScreenshot('map-english-help.png', await page.screenshot());
    await page.keyboard.press('Escape');
    await page.getByTestId('language').selectOption('pl');
    await expect.poll(() => page.getByTestId('filter-summary').textContent()).toMatch(/kategorie: wszystkie oprócz zwierzęta/i);
    await page.getByTestId('clear-filters').click();
    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * Place-scale hotspots in the app (issue 13): the default Gi* run from the analysis panel on the last 90 days,
 * the ranked list (click → zoom and drill-down of the hotspot's reports), the legend stating the rule, the
 * validation table (hit rate / PAI per method) and the Knox table, emerging hot spots in Warsaw calendar steps.
 * Screenshots at 1366×768 in test-results/screenshots/hotspots-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { countPixels, demoWorkspaceCopy, saveScreenshot } from './harness';
import { e2eSession, openApp } from './session';

const s = e2eSession('rejon-e2e-hotspots-', (dir) => demoWorkspaceCopy(dir));

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await fetch(`${s.served.url}api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.served.token}` }, body: JSON.stringify(input) });
  expect(r.status).toBe(200);
  return ((await r.json()) as { result: T }).result;
}

async function open(): Promise<{ page: Page; errors: string[] }> {
  for (const key of ['map.filter', 'map.layers', 'map.layout', 'map.analysis']) await call('setSetting', { key, value: null });
  return openApp(s, { viewport: { width: 1366, height: 768 } });
}

const hotRed = (png: Buffer) => countPixels(png, (r, g, b) => r > 190 && g < 120 && b < 110 && r - g > 100).matching;

describe('place-scale hotspots in the analysis panel', () => {
  it('Gi* on the last 90 days: a ranked list of places with hours and since; a click zooms in and opens the hotspot’s reports', async () => {
    const { page, errors } = await open();
    await page.getByTestId('layer-heat').uncheck();
    await page.getByTestId('layer-points').uncheck();
    await page.getByTestId('preset-last90').click();
    await page.getByTestId('toggle-analysis').click();
    await page.getByTestId('analysis-method').selectOption('gistar');
    expect(await page.getByTestId('analysis-band').inputValue()).toBe('place');
    expect(await page.getByTestId('analysis-band-help').textContent()).toContain('miasto z miastem');
    await expect.poll(() => page.getByTestId('analysis-cellSize').getAttribute('placeholder'), { timeout: 30_000 }).toMatch(/^auto ≈ \d+ m$/);
    await page.getByTestId('analysis-run').click();
    await page.getByTestId('legend-gistar').waitFor({ timeout: 120_000 });
    const legend = (await page.getByTestId('legend-gistar').textContent())!;
    expect(legend).toContain('Reguła miejsc: każde pole porównane z polami tego samego rodzaju rejonu w promieniu 1000 m; pole bez zgłoszeń nigdy nie jest gorące.');
    expect(legend).toMatch(/kółko z numerem: gorący punkt z rankingu \(\d+; każdy ma co najmniej 5 zgł\.\)/);
    const list = page.getByTestId('hotspot-list');
    await list.waitFor();
    expect(await page.getByTestId('hotspot-rule').textContent()).toMatch(/^Reguła miejsc: pola o powierzchni kwadratu o boku \d+ m/);
    const first = page.getByTestId('hotspot-1');
    const text = (await first.textContent())!;
    expect(text).toMatch(/\d+ zgłosze(nie|nia|ń), potwierdzonych: \d+/);
    expect(text).toMatch(/godziny: (\d\d:00–\d\d:00|rozproszone w ciągu doby)/);
    expect(text).toMatch(/(od|co najmniej od) \d{4}-\d{2}/);
    // the stored hotspot behind the first row
    const analyses = await call<{ id: number; method: string }[]>('listAnalyses', {});
    const stored = await call<{ result: { hotspots: { rank: number; reports: number; lon: number; lat: number }[] } }>('getAnalysis', { id: analyses[0].id });
    const h1 = stored.result.hotspots[0];
    expect(h1.rank).toBe(1);
    // the ranked rings are drawn at command scale
    await page.waitForTimeout(1500);
    expect(hotRed(await page.getByTestId('map').screenshot())).toBeGreaterThan(50);
    saveScreenshot('hotspots-command.png', await page.screenshot());
    // the ranked list itself (panel scrolled to it)
    await list.scrollIntoViewIfNeeded();
    expect(await list.isVisible()).toBe(true);
    saveScreenshot('hotspots-list.png', await page.screenshot());
    await first.click();
    await page.waitForSelector('[data-testid="drilldown"]');
    expect(await page.getByTestId('drilldown-title').textContent()).toMatch(/^Gorący punkt nr 1 – /);
    expect(Number(await page.getByTestId('drilldown-count').getAttribute('data-count'))).toBe(h1.reports);
    await page.waitForTimeout(1500);
    const centre = await page.evaluate(() => (window as unknown as { __rejonMap: { getCenter(): { lng: number; lat: number }; getZoom(): number } }).__rejonMap.getZoom());
    expect(centre).toBeGreaterThan(13);
    saveScreenshot('hotspots-drilldown.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the same 90 days framed on the city as before the change (for the closing note)', async () => {
    const from = Date.UTC(2026, 7, 2, 22), to = Date.UTC(2026, 9, 31, 23);
    const { jobId } = await call<{ jobId: string }>('runAnalysis', { request: { method: 'gistar' }, filter: { from, to } });
    await expect.poll(async () => (await call<{ state: string }>('getJob', { jobId })).state, { timeout: 120_000 }).toBe('done');
    const list = await call<{ id: number }[]>('listAnalyses', {});
    const { page, errors } = await open();
    await call('setSetting', { key: 'map.analysis', value: { shown: [list[0].id] } });
    await page.reload();
    await page.waitForSelector('[data-ready="true"]', { timeout: 120_000 });
    await page.getByTestId('layer-heat').uncheck();
    await page.getByTestId('layer-points').uncheck();
    await page.getByTestId('legend-gistar').waitFor({ timeout: 60_000 });
    await page.getByTestId('toggle-layers').click();
    await page.waitForTimeout(1500);
    saveScreenshot('hotspots-after-command.png', await page.screenshot());
    await page.evaluate(() => (window as unknown as { __rejonMap: { fitBounds(b: unknown, o: unknown): void } }).__rejonMap.fitBounds([[19.64, 51.38], [19.76, 51.43]], { duration: 0 }));
    await page.waitForTimeout(2000);
    saveScreenshot('hotspots-after-city.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('validation table (hit rate and PAI per method at equal area shares) and the Knox table', async () => {
    const { page, errors } = await open();
    await page.getByTestId('toggle-analysis').click();
    await page.getByTestId('run-quality').click();
    const q = page.getByTestId('quality-table');
    await q.waitFor({ timeout: 180_000 });
    const qt = (await q.textContent())!;
    for (const m of ['Gi* (reguła miejsc)', 'Gi* (ustawienia ArcGIS)', 'Gęstość jądrowa (KDE)', 'Skupiska DBSCAN', 'Liczba zgłoszeń w poprzednim okresie']) expect(qt).toContain(m);
    expect(qt).toMatch(/Uczenie: 2026-07-04 – 2026-10-01 \(\d+ zgł\.\), test: 2026-10-02 – 2026-10-31 \(\d+ zgł\.\)\. A = [\d\s]+ km² \(terytorium jednostki\)/);
    expect(qt).toMatch(/[\d,]+%PAI [\d\s,]+/);
    expect(qt).toContain('PAI = odsetek trafień / udział powierzchni (a/A)');
    await q.scrollIntoViewIfNeeded();
    saveScreenshot('hotspots-validation.png', await page.screenshot());
    await page.getByTestId('run-knox').click();
    const k = page.getByTestId('knox-table');
    await k.waitFor({ timeout: 180_000 });
    const kt = (await k.textContent())!;
    expect(kt).toContain('0–100 m');
    expect(kt).toContain('0–7 dni');
    expect(kt).toMatch(/×[\d,]+ \(p [\d,]+\)/);
    expect(kt).toContain('999 symulacji Monte Carlo');
    await k.scrollIntoViewIfNeeded();
    saveScreenshot('hotspots-knox.png', await page.screenshot());
    // the stored table opens again from the list
    const analyses = await call<{ id: number; method: string }[]>('listAnalyses', {});
    const quality = analyses.find((a) => a.method === 'quality')!;
    await page.getByTestId(`analysis-table-${quality.id}`).click();
    await q.waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('emerging hot spots: Warsaw calendar months in the legend, hot since in the tooltip', async () => {
    const { page, errors } = await open();
    await page.getByTestId('layer-heat').uncheck();
    await page.getByTestId('layer-points').uncheck();
    await page.getByTestId('toggle-analysis').click();
    await page.getByTestId('analysis-method').selectOption('emerging');
    await page.getByTestId('analysis-run').click();
    await page.getByTestId('legend-emerging').waitFor({ timeout: 180_000 });
    const legend = (await page.getByTestId('legend-emerging').textContent())!;
    expect(legend).toContain('Kroki kalendarzowe (czas warszawski): 2024-11 – 2026-10.');
    expect(legend).toMatch(/Trwały gorący \(\d+\)/);
    await page.evaluate(() => (window as unknown as { __rejonMap: { fitBounds(b: unknown, o: unknown): void } }).__rejonMap.fitBounds([[19.64, 51.38], [19.76, 51.43]], { duration: 0 }));
    await page.getByTestId('toggle-analysis').click();
    await page.waitForTimeout(2000);
    saveScreenshot('hotspots-emerging.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { countPixels, demoWorkspaceCopy, launchChromium, saveScreenshot, serve, type Served } from './harness';
import { tmpDir } from '../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let served: Served;
let browser: Browser;

beforeAll(async () => {
  t = tmpDir('rejon-e2e-analysis-');
  served = await serve(demoWorkspaceCopy(t.dir));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  t?.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await fetch(`${served.url}api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${served.token}` }, body: JSON.stringify(input) });
  expect(r.status).toBe(200);
  return ((await r.json()) as { result: T }).result;
}

async function open(width = 1400, height = 860): Promise<{ page: Page; errors: string[] }> {
  for (const key of ['map.filter', 'map.layers', 'map.layout', 'map.analysis']) await call('setSetting', { key, value: null });
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(served.openUrl);
  await page.waitForSelector('[data-ready="true"]', { timeout: 120_000 });
  return { page, errors };
}

/** Gi* 99 % hot red (215, 48, 39) drawn at 80 % layer opacity over the light basemap. */
const hotRed = (png: Buffer) => countPixels(png, (r, g, b) => r > 190 && g < 120 && b < 110 && r - g > 100).matching;
/** DBSCAN hull outline purple (110, 0, 140). */
const purple = (png: Buffer) => countPixels(png, (r, g, b) => r > 70 && r < 150 && g < 60 && b > 100 && b < 190).matching;

/** Screen position (map-relative) of a point, away from the panels laid over the map; null when hidden. */
async function visiblePoint(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number } | null> {
  return page.evaluate((p) => {
    const map = (window as unknown as { __rejonMap: { project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } }).__rejonMap;
    const c = map.getCanvas().getBoundingClientRect();
    const q = map.project(p);
    if (q.x < 30 || q.y < 60 || q.x > c.width - 60 || q.y > c.height - 40) return null;
    const abs = { x: c.left + q.x, y: c.top + q.y };
    for (const sel of ['.legends', '.panel', '.filter-summary', '.maplibregl-ctrl-top-right']) {
      for (const el of Array.from(document.querySelectorAll(sel))) {
        const r = el.getBoundingClientRect();
        if (abs.x >= r.left - 6 && abs.x <= r.right + 6 && abs.y >= r.top - 6 && abs.y <= r.bottom + 6) return null;
      }
    }
    return { x: q.x, y: q.y };
  }, lonLat);
}

/** Frame the map on lon/lat bounds, in the part of the map left free by the panels on the right. */
async function frame(page: Page, b: [number, number, number, number]): Promise<void> {
  await page.evaluate((bb) => {
    const map = (window as unknown as { __rejonMap: { fitBounds(b: [[number, number], [number, number]], o: object): void } }).__rejonMap;
    map.fitBounds([[bb[0], bb[1]], [bb[2], bb[3]]], { padding: { left: 40, right: 420, top: 70, bottom: 40 }, duration: 0, maxZoom: 13.5 });
  }, b);
  await page.waitForTimeout(1200);
}
const bboxOf = (pts: [number, number][]): [number, number, number, number] => [
  Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1])),
];

async function runFromPanel(page: Page, method: string, setup?: () => Promise<void>): Promise<void> {
  if ((await page.getByTestId('analysis-panel').count()) === 0) await page.getByTestId('toggle-analysis').click();
  await page.getByTestId('analysis-method').selectOption(method);
  if (setup) await setup();
  await page.getByTestId('analysis-run').click();
  // progress is shown while the job runs, then the result is on the map
  await page.getByTestId('analysis-run').waitFor({ timeout: 120_000 });
}

describe('analysis panel on the demo workspace', () => {
  it('runs Gi* on the current filter: legend with parameters, hot red cells, tooltip and drill-down of a hot cell', async () => {
    const { page, errors } = await open();
    expect(await page.getByTestId('layer-panel').textContent()).toContain('Żadna analiza nie jest pokazana');
    // points and heat off: the analysis layer alone
    await page.getByTestId('layer-heat').uncheck();
    await page.getByTestId('layer-points').uncheck();
    await page.waitForTimeout(800);
    const before = hotRed(await page.getByTestId('map').screenshot());

    await page.getByTestId('toggle-analysis').click();
    await page.waitForSelector('[data-testid="analysis-panel"]');
    expect(await page.getByTestId('analysis-filter').textContent()).toContain('Wszystkie zgłoszenia');
    // the automatic cell size is previewed by the engine's rule before anything runs
    await expect.poll(() => page.getByTestId('analysis-cellSize').getAttribute('placeholder')).toMatch(/^auto ≈ \d+ m$/);
    const previewed = Number((await page.getByTestId('analysis-cellSize').getAttribute('placeholder'))!.replace(/\D/g, ''));

    // invalid input is refused before anything is sent
    await page.getByTestId('analysis-cellSize').fill('5');
    await page.getByTestId('analysis-run').click();
    await expect.poll(() => page.getByTestId('analysis-error').textContent()).toContain('od 10 do 10000');
    await page.getByTestId('analysis-cellSize').fill('');

    await runFromPanel(page, 'gistar');
    await page.getByTestId('legend-gistar').waitFor({ timeout: 120_000 });
    const legend = (await page.getByTestId('legend-gistar').textContent())!;
    expect(legend).toMatch(/Gi\* – gorące i zimne pola \(sześciokąty [\d\s]+ m, pasmo [\d\s]+ m, FDR\)/);
    expect(legend).toContain('ufność, korekta FDR');
    expect(legend).toContain('gorące 99%');
    const list = await call<{ id: number; params: { cellSize: number; reportCount: number } }[]>('listAnalyses', {});
    expect(list).toHaveLength(1);
    expect(list[0].params.reportCount).toBe(5000);
    expect(list[0].params.cellSize).toBe(previewed); // the preview told the truth
    const item = page.getByTestId(`analysis-item-${list[0].id}`);
    expect(await item.textContent()).toContain('na mapie');
    expect(await item.textContent()).toMatch(/Parametry: sześciokąty \d+ m \(auto: .*\), pasmo [\d\s]+ m/);
    expect(await item.textContent()).toContain('Filtr: Wszystkie zgłoszenia, bez filtrów');
    expect(await page.getByTestId('layer-panel').textContent()).not.toContain('Żadna analiza');

    await page.waitForTimeout(1200);
    const after = hotRed(await page.getByTestId('map').screenshot());
    expect(after).toBeGreaterThan(before + 300);

    // frame the 40 hottest cells (the city centre) for the screenshot and the click
    const stored = await call<{ result: { cells: { features: { geometry: { coordinates: [number, number][][] }; properties: { bin: number; z: number; count: number } }[] } } }>('getAnalysis', { id: list[0].id });
    const hot = stored.result.cells.features.filter((f) => f.properties.bin === 3).sort((a, b) => b.properties.z - a.properties.z);
    await page.getByTestId('toggle-layers').click(); // expose more of the map
    const [cx, cy] = hot[0].geometry.coordinates[0][0];
    await frame(page, bboxOf(hot.map((f) => f.geometry.coordinates[0][0]).filter(([x, y]) => Math.abs(x - cx) < 0.05 && Math.abs(y - cy) < 0.03)));
    saveScreenshot('analysis-gistar.png', await page.screenshot());

    // the hottest visible 99 % cell: hover shows its statistics, a click opens the drill-down
    hot.sort((a, b) => b.properties.count - a.properties.count);
    let target: { x: number; y: number; count: number } | null = null;
    for (const f of hot) {
      const ring = f.geometry.coordinates[0].slice(0, -1);
      const c: [number, number] = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
      const q = await visiblePoint(page, c);
      if (q) {
        target = { ...q, count: f.properties.count };
        break;
      }
    }
    expect(target).not.toBeNull();
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.move(box.x + target!.x, box.y + target!.y);
    await page.getByTestId('analysis-tooltip').waitFor();
    expect(await page.getByTestId('analysis-tooltip').textContent()).toMatch(/Gorące pole 99%.*z = [\d,]+, p [=<] /);
    await page.mouse.click(box.x + target!.x, box.y + target!.y);
    await page.waitForSelector('[data-testid="drilldown"]');
    expect(await page.getByTestId('drilldown-title').textContent()).toContain('Gorące pole 99%');
    const count = Number(await page.getByTestId('drilldown-count').getAttribute('data-count'));
    // the same reports as the engine counted in that hexagon (polygon test in WGS84 vs EPSG:2180: edges may differ by one)
    expect(Math.abs(count - target!.count)).toBeLessThanOrEqual(1);
    expect(await page.getByTestId('drilldown').textContent()).toContain(`${target!.count} zgł. w polu w filtrze analizy`);
    await page.getByTestId('toggle-layers').click();
    await page.waitForTimeout(600);
    saveScreenshot('analysis-gistar-drilldown.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs DBSCAN: hulls and labels replace the Gi* layer, a cluster opens with exactly its reports; too few cells are refused clearly; delete', async () => {
    const { page, errors } = await open();
    await page.getByTestId('layer-heat').uncheck();
    await page.waitForTimeout(500);
    const before = purple(await page.getByTestId('map').screenshot());
    await runFromPanel(page, 'dbscan', async () => {
      await page.getByTestId('analysis-eps').fill('120');
      await page.getByTestId('analysis-minPoints').fill('8');
    });
    await page.getByTestId('legend-dbscan').waitFor({ timeout: 120_000 });
    const legend = (await page.getByTestId('legend-dbscan').textContent())!;
    expect(legend).toContain('Skupiska DBSCAN (ε = 120 m, min. 8)');
    expect(legend).toMatch(/[\d\s]+ skupisk, [\d\s]+ punktów szumu/);
    expect(await page.getByTestId('legend-gistar').count()).toBe(0); // one analysis on the map at a time
    await page.waitForTimeout(1200);
    const after = purple(await page.getByTestId('map').screenshot());
    expect(after).toBeGreaterThan(before + 100);

    // frame the five biggest clusters for the screenshot
    const list = await call<{ id: number; method: string }[]>('listAnalyses', {});
    const db = list.find((a) => a.method === 'dbscan')!;
    const stored = await call<{ result: { clusters: { features: { properties: { cluster: number; size: number; centroid: [number, number] } }[] } } }>('getAnalysis', { id: db.id });
    const big = [...stored.result.clusters.features].sort((a, b) => b.properties.size - a.properties.size);
    await page.getByTestId('toggle-layers').click();
    await frame(page, bboxOf(big.slice(0, 5).map((f) => f.properties.centroid)));
    saveScreenshot('analysis-dbscan.png', await page.screenshot());

    // the biggest visible cluster: the drill-down holds exactly its member reports (same filter as the run)
    await page.getByTestId('toggle-layers').click();
    await page.getByTestId('layer-points').uncheck(); // click the cluster, not a point
    await page.getByTestId('toggle-analysis').click();
    await page.getByTestId('toggle-layers').click();
    await page.waitForTimeout(400);
    let target: { x: number; y: number; id: number; size: number } | null = null;
    for (const f of big) {
      const q = await visiblePoint(page, f.properties.centroid);
      if (q) {
        target = { ...q, id: f.properties.cluster, size: f.properties.size };
        break;
      }
    }
    expect(target).not.toBeNull();
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + target!.x, box.y + target!.y);
    await page.waitForSelector('[data-testid="drilldown"]');
    expect(await page.getByTestId('drilldown-title').textContent()).toContain(`Skupisko #${target!.id}`);
    expect(Number(await page.getByTestId('drilldown-count').getAttribute('data-count'))).toBe(target!.size);
    expect(await page.getByTestId('drilldown').textContent()).toMatch(/najczęstsza kategoria: .+ \(\d+\)/);

    // an engine refusal: 10 km hexagons leave fewer than 30 cells
    await page.getByTestId('toggle-analysis').click();
    await runFromPanel(page, 'gistar', async () => {
      await page.getByTestId('analysis-aggregation').selectOption('hex');
      await page.getByTestId('analysis-cellSize').fill('10000');
    });
    await page.getByTestId('analysis-error').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('analysis-error').textContent()).toMatch(/Za mało pól do analizy: \d+, potrzeba co najmniej 30/);
    expect(await page.getByTestId('legend-dbscan').count()).toBe(1); // the shown analysis stays
    await page.getByTestId('analysis-cellSize').fill('');

    // English labels
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('legend-dbscan').textContent()).toContain('DBSCAN clusters (ε = 120 m, min 8)');
    expect(await page.getByTestId('analysis-panel').textContent()).toContain('Run on the current filter');
    await page.getByTestId('language').selectOption('pl');

    // delete the shown analysis: gone from the list and from the map
    await page.getByTestId(`analysis-delete-${db.id}`).click();
    await page.getByTestId(`analysis-delete-yes-${db.id}`).click();
    await expect.poll(() => page.getByTestId(`analysis-item-${db.id}`).count()).toBe(0);
    await expect.poll(() => page.getByTestId('legend-dbscan').count()).toBe(0);
    expect((await call<{ id: number }[]>('listAnalyses', {})).some((a) => a.id === db.id)).toBe(false);

    // re-open the saved Gi* from the list; it is remembered after a reload
    if (!(await call<{ method: string }[]>('listAnalyses', {})).some((a) => a.method === 'gistar')) {
      // this test run alone: store a Gi* through the API first
      const { jobId } = await call<{ jobId: string }>('runAnalysis', { request: { method: 'gistar', cellSize: 500 } });
      await expect.poll(async () => (await call<{ state: string }>('getJob', { jobId })).state, { timeout: 60_000 }).toBe('done');
      await page.getByTestId('toggle-analysis').click();
      await page.getByTestId('toggle-analysis').click(); // re-open: the list is refreshed
    }
    const gi = (await call<{ id: number; method: string }[]>('listAnalyses', {})).find((a) => a.method === 'gistar')!;
    await page.getByTestId(`analysis-show-${gi.id}`).click();
    await page.getByTestId('legend-gistar').waitFor({ timeout: 60_000 });
    await page.reload();
    await page.waitForSelector('[data-ready="true"]', { timeout: 120_000 });
    await page.getByTestId('legend-gistar').waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('runs KDE and emerging hot spots with week steps: fixed density classes in reports/km², trend categories', async () => {
    const { page, errors } = await open();
    await page.getByTestId('layer-heat').uncheck();
    await page.getByTestId('layer-points').uncheck();
    await page.waitForTimeout(500);
    const plain = await page.getByTestId('map').screenshot();
    await page.getByTestId('toggle-analysis').click();
    await page.getByTestId('analysis-method').selectOption('kde');
    await expect.poll(() => page.getByTestId('analysis-radius').getAttribute('placeholder')).toMatch(/^auto ≈ [\d\s]+ m$/);
    await runFromPanel(page, 'kde');
    await page.getByTestId('legend-kde').waitFor({ timeout: 120_000 });
    const kde = (await page.getByTestId('legend-kde').textContent())!;
    expect(kde).toMatch(/Gęstość jądrowa \(jądro kwartyczne, promień [\d\s]+ m, siatka [\d\s]+ m\) \[zgł\.\/km²\]/);
    expect(kde).toContain('stała skala zapisana z wynikiem');
    await page.getByTestId('toggle-layers').click();
    await page.waitForTimeout(1200);
    const withKde = await page.getByTestId('map').screenshot();
    // KDE blues/greens appear (the ramp's dark end: b > r + 60)
    const blue = (png: Buffer) => countPixels(png, (r, g, b) => b > r + 60 && g > 90).matching;
    saveScreenshot('analysis-kde.png', await page.screenshot());
    expect(blue(withKde)).toBeGreaterThan(blue(plain) + 500);

    await runFromPanel(page, 'emerging', async () => {
      await page.getByTestId('analysis-step').selectOption('week');
    });
    await page.getByTestId('legend-emerging').waitFor({ timeout: 120_000 });
    const em = (await page.getByTestId('legend-emerging').textContent())!;
    expect(em).toMatch(/Wyłaniające się gorące pola \(krok: tydzień \(\d+\), sześciokąty [\d\s]+ m, pasmo [\d\s]+ m\)/);
    expect(em).toMatch(/Nasilający się gorący \(\d+\)/);
    expect(await page.getByTestId('legend-kde').count()).toBe(0);
    await page.waitForTimeout(1200);
    saveScreenshot('analysis-emerging.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });
});

import { describe, expect, it } from 'vitest';
import { countPixels, demoWorkspaceCopy, distinctColours, rejon, saveScreenshot } from './harness';
import { e2eSession, openApp } from './session';
import fs from 'node:fs';
import { PNG } from 'pngjs';

let expected: { reports: number; districts: number };
const s = e2eSession('rejon-e2e-', (dir) => {
  const ws = demoWorkspaceCopy(dir);
  expected = JSON.parse(rejon(['info', '--workspace', ws, '--json']).stdout);
  return ws;
});

describe('browser mode on the demo workspace', () => {
  it('shows the map with heat and beats, and the report count from the workspace', async () => {
    const { page, errors } = await openApp(s, { viewport: { width: 1280, height: 800 } });
    // the token left the address bar
    expect(page.url()).not.toContain('token=');

    const count = await page.getByTestId('report-count').getAttribute('data-count');
    expect(Number(count)).toBe(expected.reports);
    expect(expected.reports).toBeGreaterThan(4000);
    expect(await page.getByTestId('district-count').textContent()).toBe(String(expected.districts));

    const shot = await page.screenshot();
    saveScreenshot('app-demo.png', shot);
    const map = await page.getByTestId('map').screenshot();
    // not blank: many colours, heat pixels (orange/red ramp) and beat outlines (dark blue) present
    expect(distinctColours(map)).toBeGreaterThan(200);
    const heat = countPixels(map, (r, g, b) => r > 200 && g < 160 && b < 90);
    expect(heat.matching / heat.total).toBeGreaterThan(0.0005);
    const outline = countPixels(map, (r, g, b) => Math.abs(r - 43) < 25 && Math.abs(g - 76) < 25 && Math.abs(b - 126) < 25);
    expect(outline.matching).toBeGreaterThan(300);
    expect(errors).toEqual([]);

    // the heat alone (points off) is there, and switching it off takes it away
    await page.getByTestId('layer-points').uncheck();
    await page.waitForTimeout(800);
    const heatOnly = countPixels(await page.getByTestId('map').screenshot(), (r, g, b) => r > 200 && g < 160 && b < 90);
    expect(heatOnly.matching / heatOnly.total).toBeGreaterThan(0.0005);
    await page.getByTestId('layer-heat').uncheck();
    await page.waitForTimeout(800);
    const noHeat = await page.getByTestId('map').screenshot();
    const heatAfter = countPixels(noHeat, (r, g, b) => r > 200 && g < 160 && b < 90);
    expect(heatAfter.matching).toBeLessThan(heatOnly.matching / 10);
    await page.close();
  });

  it('switches the UI language', async () => {
    const { page } = await openApp(s, { viewport: { width: 1000, height: 700 } });
    await expectText(page, 'zgłoszeń');
    await page.getByTestId('language').selectOption('en');
    await expectText(page, 'reports');
    await page.close();
  });

  it('saves the map view as a PNG at the chosen DPI', async () => {
    const { page } = await openApp(s, { viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    // layer visibility is workspace data: the first test switched points and heat off
    await page.getByTestId('layer-points').check();
    await page.getByTestId('layer-heat').check();
    await page.waitForTimeout(800);
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.getByTestId('png-dpi').selectOption('300');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-png').click()]);
    expect(download.suggestedFilename()).toMatch(/^rejon-mapa-.*-300dpi\.png$/);
    const file = await download.path();
    saveScreenshot('map-export-300dpi.png', fs.readFileSync(file!));
    const png = PNG.sync.read(fs.readFileSync(file!));
    // 300 dpi = 3.125 device pixels per CSS pixel (capped at 4096 px a side)
    const expectedW = Math.min(4096, Math.round(box.width * 300 / 96));
    expect(Math.abs(png.width - expectedW)).toBeLessThanOrEqual(Math.ceil(expectedW * 0.02));
    expect(png.width).toBeGreaterThan(box.width * 2);
    // not blank: heat/points drawn
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 16) if (png.data[i] > 200 && png.data[i + 1] < 160 && png.data[i + 2] < 90) coloured++;
    expect(coloured).toBeGreaterThan(100);
    // the live map went back to its normal resolution
    const ratio = await page.evaluate(() => (window as unknown as { __rejonMap: { getPixelRatio(): number } }).__rejonMap.getPixelRatio());
    expect(ratio).toBe(1);
    await page.close();
  });
});

async function expectText(page: import('playwright-core').Page, text: string) {
  await page.waitForFunction((s) => document.body.innerText.includes(s), text, { timeout: 10_000 });
}

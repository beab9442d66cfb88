/**
 * The map on software-rendered WebGL (this Chromium: SwiftShader, as on VMs and thin clients without a
 * GPU) with more reports than it can draw per frame: the points layer is thinned (src/renderer/data/pointLod.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { countPixels, saveScreenshot } from './harness';
import { e2eSession, openApp } from './session';
import { createMapWorkspace } from '../../bench/map';

const REPORTS = 40_000;
let page: Page;
let errors: string[] = [];
const s = e2eSession('rejon-e2e-lod-', (dir) => {
  const ws = path.join(dir, 'lod.sqlite');
  createMapWorkspace(ws, REPORTS);
  return ws;
});

beforeAll(async () => {
  ({ page, errors } = await openApp(s, { viewport: { width: 1300, height: 860 } }, (p, errs) => {
    // deck.gl reports failed layer updates on the console, the page goes on without the layer
    p.on('console', (m) => { if (m.type() === 'error' && /deck|layer/i.test(m.text())) errs.push(m.text()); });
  }));
});

const note = async () => (await page.locator('.legend-note').allTextContents()).find((x) => /programowe|Software/.test(x)) ?? null;
const numbers = (s: string) => (s.match(/\d[\d\s\u00a0]*/g) ?? []).map((x) => Number(x.replace(/[\s\u00a0]/g, '')));

/** Screen position (inside the map element) of the first saturated, non-basemap pixel: a drawn report dot. */
function dotPixel(png: Buffer): { x: number; y: number } | null {
  const img = PNG.sync.read(png);
  // skip the margins (legends, controls, filter banner)
  for (let y = Math.floor(img.height * 0.3); y < img.height * 0.7; y++)
    for (let x = Math.floor(img.width * 0.35); x < img.width * 0.6; x++) {
      const i = 4 * (y * img.width + x);
      const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 90) return { x, y };
    }
  return null;
}

/** Pixels whose colour differs clearly between two screenshots of the same size. */
function changedPixels(a: Buffer, b: Buffer): number {
  const x = PNG.sync.read(a), y = PNG.sync.read(b);
  let n = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    if (Math.abs(x.data[i] - y.data[i]) + Math.abs(x.data[i + 1] - y.data[i + 1]) + Math.abs(x.data[i + 2] - y.data[i + 2]) > 60) n++;
  }
  return n;
}

describe('map on software WebGL with more reports than it can draw', () => {
  it('draws a thinned sample, says so in the legend, and follows the filter', async () => {
    for (const id of ['layer-heat', 'layer-districts']) await page.getByTestId(id).uncheck();
    await expect.poll(note, { timeout: 30_000 }).not.toBeNull();
    const [shown, inView] = numbers((await note())!);
    expect(shown).toBeGreaterThan(500);
    expect(shown).toBeLessThanOrEqual(8000);
    expect(inView).toBeGreaterThan(shown);
    saveScreenshot('map-software-gl-thinned.png', await page.screenshot());
    const shot = () => page.getByTestId('map').screenshot();
    const before = await shot();
    expect(countPixels(before, (r, g, b) => Math.max(r, g, b) - Math.min(r, g, b) > 90).matching).toBeGreaterThan(5000);

    await page.getByTestId('hours-night').click();
    await expect.poll(async () => numbers((await note()) ?? '')[1], { timeout: 30_000 }).toBeLessThan(inView);
    // the thinned picture is redrawn from the filtered reports: other dots, other places
    await expect.poll(async () => changedPixels(before, await shot()), { timeout: 30_000 }).toBeGreaterThan(10_000); // ~40k here; banner and legend text alone change ~1-2k
    expect(errors).toEqual([]);
  });

  it('a hovered dot is the report under the mouse (sample indices map back to reports)', async () => {
    await page.getByTestId('clear-filters').click();
    await page.waitForTimeout(1500);
    const box = (await page.getByTestId('map').boundingBox())!;
    const shot = await page.getByTestId('map').screenshot();
    saveScreenshot('map-software-gl-hover-before.png', shot);
    const dot = dotPixel(shot);
    expect(dot).not.toBeNull();
    await page.mouse.move(box.x + dot!.x, box.y + dot!.y);
    const tip = page.getByTestId('tooltip');
    await expect.poll(() => tip.isVisible(), { timeout: 30_000 }).toBe(true);
    // the tooltip names the report by its source number (issue 12: never the internal row id, which this test used to read)
    await expect.poll(async () => (await tip.textContent()) ?? '', { timeout: 30_000 }).toMatch(/^Nr B\d+ ·/);
    const sourceId = ((await tip.textContent()) ?? '').match(/^Nr (B\d+)/)![1];
    const db = new Database(s.workspace, { readonly: true });
    const r = db.prepare('SELECT lon, lat FROM reports WHERE source_id = ?').get(sourceId) as { lon: number; lat: number };
    db.close();
    const at = await page.evaluate(([lon, lat]) => {
      const p = (window as unknown as { __rejonMap: { project(l: [number, number]): { x: number; y: number } } }).__rejonMap.project([lon, lat]);
      return { x: p.x, y: p.y };
    }, [r.lon, r.lat] as [number, number]);
    expect(Math.hypot(at.x - dot!.x, at.y - dot!.y)).toBeLessThan(25);

    // a click selects that report: a cyan ring around it once the mouse has moved away
    await page.mouse.click(box.x + dot!.x, box.y + dot!.y);
    // the click also opens the report's detail panel over the map's right side: closed (Esc) to see the ring
    await expect.poll(() => page.getByTestId('report-detail').getAttribute('data-source-id'), { timeout: 30_000 }).toBe(sourceId);
    await page.keyboard.press('Escape');
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
    const ring = async () => {
      const img = PNG.sync.read(await page.getByTestId('map').screenshot());
      let c = 0;
      for (let y = Math.max(0, Math.round(at.y) - 15); y <= Math.min(img.height - 1, Math.round(at.y) + 15); y++)
        for (let x = Math.max(0, Math.round(at.x) - 15); x <= Math.min(img.width - 1, Math.round(at.x) + 15); x++) {
          const i = 4 * (y * img.width + x);
          if (img.data[i] < 80 && img.data[i + 1] > 150 && img.data[i + 2] > 200) c++;
        }
      return c;
    };
    await expect.poll(ring, { timeout: 30_000 }).toBeGreaterThan(10);
  });

  it('draws the heat layer as one CPU-computed image on the legend\'s fixed density scale', async () => {
    await page.getByTestId('layer-points').uncheck();
    await page.waitForTimeout(800);
    // heat colours: yellow to dark red (red high, blue low)
    const heatPixels = async () => countPixels(await page.getByTestId('map').screenshot(), (r, g, b) => r > 180 && b < 140 && r - b > 80).matching;
    const without = await heatPixels();
    await page.getByTestId('layer-heat').check();
    await expect.poll(heatPixels, { timeout: 30_000 }).toBeGreaterThan(without + 20_000);
    saveScreenshot('map-software-gl-heat.png', await page.screenshot());
    const withAll = await heatPixels();
    // fewer reports (one weekday), same scale: less area above the lowest class
    await page.getByTestId('weekday-6').click();
    await expect.poll(heatPixels, { timeout: 30_000 }).toBeLessThan(withAll * 0.9);
    await page.getByTestId('clear-filters').click();
    await page.getByTestId('layer-heat').uncheck();
    await page.getByTestId('layer-points').check();
    expect(errors).toEqual([]);
  });

  it('zoomed in to a few hundred reports, every one is drawn again', async () => {
    await page.evaluate(() => (window as unknown as { __rejonMap: { jumpTo(o: object): void } }).__rejonMap.jumpTo({ center: [19.62, 51.35], zoom: 15 }));
    await expect.poll(note, { timeout: 30_000 }).toBeNull();
    saveScreenshot('map-software-gl-zoomed.png', await page.screenshot());
    expect(errors).toEqual([]);
  });
});

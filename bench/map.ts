/**
 * Map workspace benchmark (figures are for the WebGL this Chromium has; here SwiftShader, where the points
 * layer is thinned to a budget, see src/renderer/data/pointLod.ts): a 1,000,000-report workspace (direct SQL inserts in one transaction, points
 * around Piotrków Trybunalski, 16 grid beats), served by `rejon serve`, driven in headless Chromium
 * (SwiftShader software GL, harness flags). Measures
 *   - filter input → next deck.gl frame (window.__rejonPerf, marks set in the input handler and in
 *     deck's onAfterRender), for category/status/hour/time/beat changes;
 *   - frame intervals while panning (requestAnimationFrame timestamps), p50/p95.
 *
 *   node --import tsx -e "import('./bench/map.ts').then(m => m.benchMap(console.log))"
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../src/backend/backend';
import { insertDistrict } from '../src/backend/store/districts';
import { toPuwg92 } from '../src/core/domain/crs';
import { warsawHourWeekday } from '../src/core/domain/time';
import { CATEGORIES } from '../src/core/domain/categories';
import { STATUSES } from '../src/core/domain/statuses';
import { mulberry32 } from '../src/core/analysis/random';

const rng = mulberry32;

const LON0 = 19.58, LAT0 = 51.33, DLON = 0.24, DLAT = 0.15, GRID = 4;

/** Create a synthetic workspace with `n` reports and 16 square beats (fast: one transaction, prepared insert). */
export function createMapWorkspace(file: string, n: number, seed = 7): { ms: number } {
  const t0 = performance.now();
  const backend = new Backend(file, { create: true });
  const db = backend.db;
  const r = rng(seed);
  const ids: number[] = [];
  db.transaction(() => {
    for (let gy = 0; gy < GRID; gy++)
      for (let gx = 0; gx < GRID; gx++) {
        const w = LON0 + (gx * DLON) / GRID, s = LAT0 + (gy * DLAT) / GRID, e = w + DLON / GRID, nn = s + DLAT / GRID;
        ids.push(insertDistrict(db, { name: `Rejon ${gy * GRID + gx + 1}`, kind: gx > 0 && gx < 3 && gy > 0 && gy < 3 ? 'city' : 'rural', officer: `st. asp. ${gy * GRID + gx + 1}`, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, nn], [w, nn], [w, s]]] } }));
      }
    const importId = Number(db.prepare(`INSERT INTO imports(file_name, source_kind, provenance, imported_at) VALUES ('bench', 'bench', 'synthetic benchmark data', ?)`).run(Date.now()).lastInsertRowid);
    const ins = db.prepare(`INSERT INTO reports(source_id, category, category_code, status, status_code, created_at, hour, weekday, lon, lat, x2180, y2180, description, district_id, import_id, first_import_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const hot = Array.from({ length: 25 }, () => [LON0 + 0.03 + r() * (DLON - 0.06), LAT0 + 0.02 + r() * (DLAT - 0.04), 0.002 + r() * 0.008]);
    const start = Date.UTC(2024, 6, 1);
    const span = 2 * 365 * 86_400_000;
    const catW = CATEGORIES.map((c) => (c.code === 16 ? 14 : c.code === 9 ? 12 : c.code === 17 ? 10 : 1 + (c.code % 3)));
    const catSum = catW.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) {
      let lon: number, lat: number;
      if (r() < 0.7) {
        const h = hot[Math.floor(r() * hot.length)];
        const g = Math.sqrt(-2 * Math.log(r() + 1e-12));
        const a = 2 * Math.PI * r();
        lon = h[0] + g * Math.cos(a) * h[2] * 1.6;
        lat = h[1] + g * Math.sin(a) * h[2];
      } else {
        lon = LON0 + r() * DLON;
        lat = LAT0 + r() * DLAT;
      }
      let u = r() * catSum, ci = 0;
      while (u > catW[ci]) u -= catW[ci++];
      const cat = CATEGORIES[Math.min(ci, CATEGORIES.length - 1)];
      const st = STATUSES[Math.floor(r() * STATUSES.length)];
      const created = Math.floor(start + r() * span);
      const [hour, weekday] = warsawHourWeekday(created);
      const [x, y] = toPuwg92(lon, lat);
      const gx = Math.floor(((lon - LON0) / DLON) * GRID), gy = Math.floor(((lat - LAT0) / DLAT) * GRID);
      const district = gx >= 0 && gx < GRID && gy >= 0 && gy < GRID ? ids[gy * GRID + gx] : null;
      ins.run(`B${i}`, cat.name, cat.code, st.name, st.code, created, hour, weekday, lon, lat, x, y, i % 5 === 0 ? `Zgłoszenie testowe ${i}` : null, district, importId, importId);
    }
  })();
  db.prepare(`INSERT OR REPLACE INTO workspace_meta(key, value) VALUES ('name', ?)`).run(`Benchmark ${n.toLocaleString('en')} reports`);
  void backend.close();
  return { ms: performance.now() - t0 };
}

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] : NaN;
}

export async function benchMap(log: (line: string) => void, opts: { reports?: number } = {}): Promise<void> {
  const n = opts.reports ?? 1_000_000;
  const { serve, launchChromium, saveScreenshot } = await import('../tests/e2e/harness');
  // @ts-expect-error plain ESM script without types
  const { buildIfStale } = await import('../scripts/build-if-stale.mjs');
  buildIfStale(); // never measure a renderer older than the sources
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-bench-map-'));
  const ws = path.join(dir, 'bench.sqlite');
  const created = createMapWorkspace(ws, n);
  log(`map: created a ${n.toLocaleString('en')}-report workspace in ${(created.ms / 1000).toFixed(1)} s`);
  const served = await serve(ws);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = Date.now();
    await page.goto(served.openUrl);
    await page.waitForSelector('[data-ready="true"]', { timeout: 600_000 });
    log(`map: page ready (columns fetched, decoded, GPU attributes built, first frames) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await page.waitForTimeout(1500);
    const gl = await page.evaluate(() => {
      const c = document.createElement('canvas').getContext('webgl2');
      const ext = c?.getExtension('WEBGL_debug_renderer_info');
      return c ? String(c.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : c.RENDERER)) : 'none';
    });
    log(`map: WebGL renderer: ${gl}`);
    const note = await page.locator('.legend-note').allTextContents();
    const thinned = note.find((x) => /programowe|Software/.test(x));
    log(`map: points layer: ${thinned ? `thinned for software WebGL (src/renderer/data/pointLod.ts): "${thinned}"` : 'every report drawn, GPU filter'}`);

    // Filter input → next rendered deck frame. Each action is a real click/keyboard input on the UI.
    const measure = async (label: string, act: () => Promise<void>) => {
      await page.evaluate(() => {
        const p = (window as unknown as { __rejonPerf: { pendingInput: number | null; lastInputToFrameMs: number | null } }).__rejonPerf;
        p.pendingInput = null;
        p.lastInputToFrameMs = null;
      });
      await act();
      const ms = await page.waitForFunction(() => (window as unknown as { __rejonPerf: { lastInputToFrameMs: number | null } }).__rejonPerf.lastInputToFrameMs, null, { timeout: 60_000 });
      const v = Number(await ms.jsonValue());
      const cpu = await page.evaluate(() => (window as unknown as { __rejonPerf: { lastCpuMs: number | null } }).__rejonPerf.lastCpuMs);
      const count = await page.getByTestId('report-count').getAttribute('data-count');
      log(`map: filter "${label}": input → frame ${v.toFixed(1)} ms (CPU count pass ${cpu?.toFixed(1)} ms), shown ${Number(count).toLocaleString('en')}`);
      return v;
    };
    // Baseline in the same run: a 1-pixel pan with no filter change, i.e. what one frame of these layers
    // costs this GL (SwiftShader here); the filter's own share is the difference.
    const plainFrame = async () => {
      await page.evaluate(() => {
        const w = window as unknown as { __rejonPerf: { pendingInput: number | null; lastInputToFrameMs: number | null }; __rejonMap: { panBy(o: [number, number], opts: { duration: number }): void } };
        w.__rejonPerf.lastInputToFrameMs = null;
        w.__rejonPerf.pendingInput = performance.now();
        w.__rejonMap.panBy([1, 0], { duration: 0 });
      });
      const ms = await page.waitForFunction(() => (window as unknown as { __rejonPerf: { lastInputToFrameMs: number | null } }).__rejonPerf.lastInputToFrameMs, null, { timeout: 60_000 });
      return Number(await ms.jsonValue());
    };
    const plain: number[] = [];
    for (let k = 0; k < 6; k++) plain.push(await plainFrame());
    log(`map: baseline, 1-px pan without a filter change: input → frame p50 ${pct(plain, 0.5).toFixed(1)} ms (${plain.map((v) => v.toFixed(0)).join(', ')})`);
    // which layer costs the frame: the same 1-px pan with single layers off
    const layerCost = async (label: string, testId: string) => {
      await page.getByTestId(testId).uncheck({ force: true, timeout: 120_000 });
      await page.waitForTimeout(1000);
      const t: number[] = [];
      for (let k = 0; k < 3; k++) t.push(await plainFrame());
      log(`map: baseline without ${label}: p50 ${pct(t, 0.5).toFixed(1)} ms (${t.map((v) => v.toFixed(0)).join(', ')})`);
      await page.getByTestId(testId).check({ force: true, timeout: 120_000 });
      await page.waitForTimeout(1000);
    };
    await layerCost('the heat layer', 'layer-heat');
    await layerCost('the points layer', 'layer-points');
    await layerCost('the beat layer', 'layer-districts');
    const times: number[] = [];
    for (let rep = 0; rep < 2; rep++) {
      times.push(await measure('road group off', () => page.getByTestId('catgroup-road').uncheck({ force: true, timeout: 120_000 })));
      times.push(await measure('road group on', () => page.getByTestId('catgroup-road').check({ force: true, timeout: 120_000 })));
      times.push(await measure('status group rejected off', () => page.getByTestId('statusgroup-rejected').uncheck({ force: true, timeout: 120_000 })));
      times.push(await measure('status group rejected on', () => page.getByTestId('statusgroup-rejected').check({ force: true, timeout: 120_000 })));
      times.push(await measure('night hours', () => page.getByTestId('hours-night').click({ force: true, timeout: 120_000 })));
      times.push(await measure('weekday Sunday off', () => page.getByTestId('weekday-6').click({ force: true, timeout: 120_000 })));
      times.push(await measure('last 90 days', () => page.getByTestId('preset-last90').click({ force: true, timeout: 120_000 })));
      times.push(await measure('whole period', () => page.getByTestId('preset-all').click({ force: true, timeout: 120_000 })));
      times.push(await measure('beat 6 off', () => page.getByTestId('beat-6').uncheck({ force: true, timeout: 120_000 })));
      times.push(await measure('clear filters', () => page.getByTestId('clear-filters').click({ force: true, timeout: 120_000 })));
    }
    log(`map: filter → frame over ${times.length} inputs: p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (target 100 ms); ratio to the plain frame ${(pct(times, 0.5) / pct(plain, 0.5)).toFixed(2)}x`);

    // Panning: MapLibre easing pan for 3 s; frame intervals from requestAnimationFrame.
    const pan = async (label: string, dx: number, dy: number) => {
      // a string, not a function: tsx's name helpers (__name) do not exist in the page
      const frames = (await page.evaluate(`(async () => {
        const map = window.__rejonMap;
        const ts = [];
        let on = true;
        const tick = (t) => { ts.push(t); if (on) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
        map.panBy([${dx}, ${dy}], { duration: 3000, easing: (t) => t });
        await new Promise((r) => setTimeout(r, 3100));
        on = false;
        return ts;
      })()`)) as number[];
      const dt = frames.slice(1).map((t, i) => t - frames[i]);
      log(`map: panning (${label}): ${dt.length} frames in 3 s, frame time p50 ${pct(dt, 0.5).toFixed(1)} ms, p95 ${pct(dt, 0.95).toFixed(1)} ms (${(1000 / pct(dt, 0.5)).toFixed(0)} fps median)`);
    };
    await pan('points + heat + beats, 1M points', 500, 250);
    await page.getByTestId('layer-heat').uncheck();
    await page.waitForTimeout(1000);
    await pan('points + beats only', -500, -250); // and back over the data
    saveScreenshot('bench-map-1m.png', await page.screenshot());
    await page.close();
  } finally {
    await browser.close();
    await served.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Provenance, undo and a report's own number end to end: the real backend (`rejon serve` on a real workspace
 * with beats, not the demo) and the real renderer in headless Chromium at 1366×768. A police export goes
 * through the mapping dialog with its source, shows up in the history with it, is undone after a confirmation
 * that gives the counts, and the workspace is back to its earlier counts and statuses. A click on a point and
 * on a row of a beat's report list opens the detail panel with the report's own number and status history;
 * the tooltip names the same number; the GIS export downloads a GeoPackage GDAL reads.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { saveScreenshot } from './harness';
import { e2eSession, openApp } from './session';
import { createWorkspace, gridBeats, makeReports } from '../helpers/districtWorkspace';
import { writeKmzbCsv, type CsvRow } from '../helpers/kmzbCsv';

const VIEW = { width: 1366, height: 768 };
let csvFile: string;
let updated: { source_id: string; status: string }[] = [];

const s = e2eSession('rejon-e2e-prov-', (dir) => {
  const ws = path.join(dir, 'komenda.sqlite');
  const db = createWorkspace(ws, makeReports({ n: 400, seed: 11 }), gridBeats());
  // 5 existing reports get a newer state in the export (they are updated, then restored by the undo)
  const existing = db.prepare(`SELECT source_id, status, lon, lat FROM reports WHERE status <> 'Potwierdzone' ORDER BY id LIMIT 5`).all() as {
    source_id: string; status: string; lon: number; lat: number;
  }[];
  db.close();
  updated = existing.map((e) => ({ source_id: e.source_id, status: e.status }));
  const rows: CsvRow[] = [];
  for (let i = 0; i < 40; i++) {
    rows.push({
      id: String(2_400_100 + i), category: 'Akty wandalizmu', status: 'Nowe', created: `${String(1 + (i % 28)).padStart(2, '0')}.05.2025 ${String(8 + (i % 12)).padStart(2, '0')}:20:00`,
      lon: 19.63 + (i % 8) * 0.018, lat: 51.365 + Math.floor(i / 8) * 0.014, teryt: '1062011', description: 'opis testowy',
    });
  }
  for (const e of existing) rows.push({ id: e.source_id, category: 'Żebractwo', status: 'Potwierdzone', created: '02.03.2025 10:00:00', modified: '01.06.2026 09:00:00', lon: e.lon, lat: e.lat, teryt: '1062011' });
  rows.push({ id: '2400999', category: 'Akty wandalizmu', status: 'Nowe', created: '31.02.2025 10:00:00', lon: 19.7, lat: 51.4 });
  csvFile = path.join(dir, 'eksport-kmp-2025-05.csv');
  writeKmzbCsv(csvFile, rows);
  return ws;
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await fetch(`${s.served.url}api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.served.token}` }, body: JSON.stringify(input) });
  expect(r.status).toBe(200);
  return ((await r.json()) as { result: T }).result;
}
const info = () => call<{ reports: number }>('getWorkspaceInfo', {});
/** Each test opens the app on a clean map state (view, filter, layers are remembered per workspace). */
async function open(options: Parameters<typeof openApp>[1] = {}) {
  for (const key of ['map.filter', 'map.layers', 'map.layout']) await call('setSetting', { key, value: null });
  return openApp(s, { viewport: VIEW, ...options });
}
const shownCount = async (page: Page) => Number(await page.getByTestId('shown-count').getAttribute('data-count'));

describe('provenance, undo and the report detail in the app', () => {
  it('imports a police export with its source, lists it in the history and undoes it after a confirmation with counts', async () => {
    const before = (await info()).reports;
    const statusesBefore = await Promise.all(updated.map((u) => call<{ status: string }>('getReport', { sourceId: u.source_id })));
    const { page, errors } = await open();
    expect(await shownCount(page)).toBe(before);

    await page.getByTestId('view-import-tab').click();
    await page.getByTestId('import-file-input').setInputFiles(csvFile);
    await page.getByTestId('import-mapping').waitFor({ timeout: 60_000 });
    // the source is asked for, and shown (default "other source" until chosen)
    expect(await page.getByTestId('import-provenance-kind').inputValue()).toBe('other');
    await page.getByTestId('import-provenance-kind').selectOption('kmzb-police');
    await page.getByTestId('import-provenance').fill('KMP Piotrków Tryb., eksport z maja 2025');
    await page.getByTestId('import-provenance-kind').scrollIntoViewIfNeeded();
    saveScreenshot('prov-1-mapping-source.png', await page.screenshot());
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('summary-inserted').getAttribute('data-count')).toBe('40');
    expect(await page.getByTestId('summary-updated').getAttribute('data-count')).toBe('5');
    expect(await page.getByTestId('summary-source').innerText()).toBe('Źródło: KMZB, eksport policyjny – KMP Piotrków Tryb., eksport z maja 2025');
    expect((await info()).reports).toBe(before + 40);

    // the history: the import with its source
    await page.getByTestId('import-tab-history').click();
    const newest = page.getByTestId('history-row').first();
    expect(await newest.getAttribute('data-kind')).toBe('kmzb-police');
    expect(await newest.getByTestId('history-source').innerText()).toBe('KMZB, eksport policyjny – KMP Piotrków Tryb., eksport z maja 2025');
    expect(await page.getByTestId('history-row').nth(1).getByTestId('history-source').innerText()).toBe('inne źródło – unit test');
    saveScreenshot('prov-2-history.png', await page.screenshot());

    // undo: the confirmation says what will happen
    await newest.getByTestId('history-undo').click();
    const dialog = page.getByTestId('undo-dialog');
    await dialog.waitFor();
    const counts = page.getByTestId('undo-counts');
    expect(await counts.getAttribute('data-remove')).toBe('40');
    expect(await counts.getAttribute('data-restore')).toBe('5');
    const text = await dialog.innerText();
    expect(text).toContain('Cofnąć import nr 2?');
    expect(text).toContain('Usunie 40 zgłoszeń dodanych przez ten import.');
    expect(text).toContain('Przywróci 5 zgłoszeń do stanu sprzed importu.');
    expect(text).toContain('Usunie 1 wiersz kwarantanny tego importu.');
    expect(text).toMatch(/kopia zapasowa obszaru roboczego w folderze .*backups/);
    saveScreenshot('prov-3-undo-confirm.png', await page.screenshot());
    await page.getByTestId('undo-confirm').click();
    await page.getByTestId('undo-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('undo-done').innerText()).toMatch(/Cofnięto import nr 2: usunięto 40 zgłoszeń, przywrócono 5 zgłoszeń\. Kopia zapasowa: .*before-undo\.sqlite/);
    const backup = (await page.getByTestId('undo-done').innerText()).split('Kopia zapasowa: ')[1].trim();
    expect(fs.existsSync(backup)).toBe(true);
    saveScreenshot('prov-4-undo-done.png', await page.screenshot());
    await page.getByTestId('undo-close').click();
    await expect.poll(() => page.getByTestId('history-row').first().getByTestId('history-undone').count()).toBe(1);

    // back to before: counts, statuses, and the map
    expect((await info()).reports).toBe(before);
    const statusesAfter = await Promise.all(updated.map((u) => call<{ status: string }>('getReport', { sourceId: u.source_id })));
    expect(statusesAfter.map((r) => r.status)).toEqual(statusesBefore.map((r) => r.status));
    await page.getByTestId('import-close').click();
    await expect.poll(() => shownCount(page), { timeout: 60_000 }).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a click on a point or on a list row opens the report by its own number with its status history', async () => {
    const { page, errors } = await open();
    await page.getByTestId('layer-heat').uncheck().catch(() => undefined);
    // a report standing alone (no other report within 150 m), in view
    const db = new Database(s.workspace, { readonly: true });
    const reports = db.prepare('SELECT id, source_id, lon, lat FROM reports').all() as { id: number; source_id: string; lon: number; lat: number }[];
    const histories = new Map((db.prepare('SELECT report_id, count(*) AS n FROM report_status_history GROUP BY report_id').all() as { report_id: number; n: number }[]).map((h) => [h.report_id, h.n]));
    db.close();
    const lonely = reports.filter((r) => reports.every((o) => o === r || Math.hypot((o.lon - r.lon) * 0.62, o.lat - r.lat) > 0.0014) && r.lon > 19.64 && r.lon < 19.76 && r.lat > 51.37 && r.lat < 51.43);
    expect(lonely.length).toBeGreaterThan(0);
    const target = lonely[0];
    const map = (await page.getByTestId('map').boundingBox())!;
    const at = await page.evaluate(([lon, lat]) => {
      const p = (window as unknown as { __rejonMap: { project(l: [number, number]): { x: number; y: number } } }).__rejonMap.project([lon, lat]);
      return { x: p.x, y: p.y };
    }, [target.lon, target.lat] as [number, number]);
    // hover: the tooltip names the report by its number
    const tip = page.getByTestId('tooltip');
    // (hover again until deck.gl has picked: the first frames after loading may not be pickable yet)
    await expect
      .poll(async () => {
        await page.mouse.move(map.x + at.x + 1, map.y + at.y);
        await page.mouse.move(map.x + at.x, map.y + at.y);
        return tip.getAttribute('data-source-id', { timeout: 2000 }).catch(() => null);
      }, { timeout: 60_000 })
      .toBe(target.source_id);
    expect(await page.getByTestId('tooltip-number').innerText()).toBe(`Nr ${target.source_id}`);
    saveScreenshot('prov-5-tooltip.png', await page.screenshot());
    await page.mouse.click(map.x + at.x, map.y + at.y);
    const detail = page.getByTestId('report-detail');
    await expect.poll(() => detail.getAttribute('data-source-id'), { timeout: 30_000 }).toBe(target.source_id);
    expect(await page.getByTestId('report-detail-number').innerText()).toBe(`Zgłoszenie nr ${target.source_id}`);
    expect(await page.getByTestId('report-detail-history').locator('li').count()).toBe(histories.get(target.id));
    const detailText = await detail.innerText();
    expect(detailText).toContain('PUWG 1992 (EPSG:2180)');
    expect(detailText).toMatch(/#1 test — inne źródło \(unit test\), \d{4}-\d\d-\d\d \d\d:\d\d: dodane · obecna treść/);
    expect(detailText).not.toContain(`nr ${target.id}\n`);
    saveScreenshot('prov-6-detail-point.png', await page.screenshot());
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);

    // a beat's report list: numbers, not row ids; a row opens its detail
    await page.getByTestId('layer-points').uncheck();
    await page.waitForTimeout(300);
    const beat = await page.evaluate(() => {
      const m = (window as unknown as { __rejonMap: { getCanvas(): HTMLCanvasElement; queryRenderedFeatures(p: [number, number], o: object): { properties: { name: string } }[] } }).__rejonMap;
      const c = m.getCanvas();
      for (let y = c.clientHeight * 0.35; y < c.clientHeight * 0.75; y += 8)
        for (let x = c.clientWidth * 0.3; x < c.clientWidth * 0.7; x += 8) {
          const f = m.queryRenderedFeatures([x, y], { layers: ['districts-fill'] })[0];
          if (f) return { x, y, name: f.properties.name };
        }
      return null;
    });
    expect(beat).not.toBeNull();
    await page.mouse.click(map.x + beat!.x, map.y + beat!.y);
    await page.getByTestId('drilldown').waitFor();
    const rows = page.locator('[data-testid="report-table"] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    expect(await page.getByTestId('sort-sourceId').innerText()).toContain('Nr zgłoszenia');
    const row = rows.nth(1);
    const sid = (await row.getAttribute('data-source-id'))!;
    expect(sid).toMatch(/^T-11-\d+$/);
    expect((await row.locator('td').first().innerText()).trim()).toBe(sid);
    await row.click();
    await expect.poll(() => detail.getAttribute('data-source-id'), { timeout: 30_000 }).toBe(sid);
    expect(await page.getByTestId('report-detail-beat').innerText()).toContain(beat!.name);
    saveScreenshot('prov-7-detail-list.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads the current filter as a GeoPackage that GDAL opens', async () => {
    const { page, errors } = await open({ acceptDownloads: true });
    const shown = await shownCount(page);
    await page.getByTestId('reports-export-open').click();
    await page.getByTestId('reports-export').waitFor();
    expect(Number(await page.getByTestId('reports-export-count').getAttribute('data-count'))).toBe(shown);
    expect(await page.getByTestId('reports-export-descriptions').isChecked()).toBe(false);
    saveScreenshot('prov-8-export.png', await page.screenshot());
    const download = page.waitForEvent('download');
    await page.getByTestId('reports-export-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.gpkg$/);
    const out = path.join(s.dir, file.suggestedFilename());
    await file.saveAs(out);
    const ogr = spawnSync('ogrinfo', ['-al', '-so', out], { encoding: 'utf8' });
    expect(ogr.stdout).toContain(`Feature Count: ${shown}`);
    expect(ogr.stdout).toMatch(/ID\["EPSG",2180\]\]/);
    expect(ogr.stdout).not.toContain('description');
    expect(errors).toEqual([]);
    await page.close();
  });
});

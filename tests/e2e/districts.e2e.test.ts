import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './harness';
import { e2eSession, openApp } from './session';
import { createWorkspace, gridBeats, makeReports } from '../helpers/districtWorkspace';

const s = e2eSession('rejon-e2e-districts-', (dir) => {
  const ws = path.join(dir, 'beats.sqlite');
  // own workspace (12 grid beats, "Rejon 6" with a strong increase), independent of the demo generator
  createWorkspace(ws, makeReports({ n: 4000, hotBeat: 6, hotShare: 0.3 }), gridBeats()).close();
  return ws;
});

describe('beat districts view', () => {
  it('lists the beats with statistics, sorts by a statistic, selects a beat on click', async () => {
    const { page, errors } = await openApp(s, { viewport: { width: 1400, height: 860 } });
    await page.getByTestId('view-districts-tab').click();
    await page.waitForSelector('[data-testid="beat-row"]', { timeout: 30_000 });
    const rows = page.getByTestId('beat-row');
    expect(await rows.count()).toBe(12);
    expect(Number((await page.getByTestId('outside-count').textContent())!.replace(/\s/g, ''))).toBeGreaterThan(0);

    // default: by count, descending -> the hot beat first, its increase marked significant
    await expect.poll(() => rows.first().locator('td').first().textContent()).toBe('Rejon 6');
    expect(await rows.first().getAttribute('data-significant')).toBe('true');

    // sort by name ascending, then by p-value
    await page.getByTestId('sort-name').click();
    await expect.poll(() => rows.first().locator('td').first().textContent()).toBe('Rejon 1');
    await page.getByTestId('sort-pValue').click();
    const ps = await page.$$eval('[data-testid="beat-row"] td:nth-child(5)', (tds) => tds.map((td) => td.textContent ?? ''));
    const values = ps.map((p) => (p.startsWith('<') ? 0 : Number(p.replace('*', '').replace(',', '.'))));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await page.getByTestId('sort-changePct').click();
    await expect.poll(() => rows.first().locator('td').first().textContent()).toBe('Rejon 6');

    // click selects (App zooms and opens the drill-down; the row is highlighted from the selected id)
    await rows.nth(3).click();
    await expect.poll(() => rows.nth(3).getAttribute('class')).toContain('selected');
    await page.waitForTimeout(800);
    saveScreenshot('districts-view.png', await page.screenshot());

    // the vertex editor opens on the selected beat
    await page.getByTestId('beats-edit').click();
    await page.waitForSelector('[data-testid="beat-editor"]', { timeout: 10_000 });
    await page.waitForTimeout(800);
    saveScreenshot('districts-edit.png', await page.screenshot());
    expect(errors).toEqual([]);
    await page.close();
  });
});

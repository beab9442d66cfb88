/**
 * What the window shows when the backend stops. The banner (src/renderer/components/BackendBanner.tsx) is the
 * renderer's own, shared by both front ends:
 * - browser mode: `rejon serve` (built) is killed; the HTTP client sees no answer and says the service is lost;
 * - desktop: Electron main sends 'crashed' / 'restarted' events over the preload bridge. Electron cannot run
 *   here, so the page gets a bridge with the preload's shape (window.rejon: one function per contract method,
 *   onEvent) that forwards the calls to the same real backend over HTTP, and the test sends the events main sends
 *   (electron/backendSupervisor.ts; their sequence is tested against the built host in
 *   tests/unit/electron/backendHost.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, isBinaryMethod } from '../../src/shared/contract';
import { translate } from '../../src/shared/i18n';
import type { RejonEvent } from '../../src/shared/contract';
import { demoWorkspaceCopy, saveScreenshot } from './harness';
import { e2eSession, openApp } from './session';

const s = e2eSession('rejon-e2e-status-', (dir) => demoWorkspaceCopy(dir));

const text = (code: string, params?: Record<string, string | number>) => translate('pl', code, params);

describe('the backend status banner', () => {
  it('desktop: crashed (exit code, restarting…), then restarted (same workspace, data reloaded)', async () => {
    const token = s.served.token;
    const binary = METHOD_NAMES.filter((m) => isBinaryMethod(m));
    const { page, errors } = await openApp(s, { viewport: { width: 1280, height: 800 } }, (p) => {
      void p.addInitScript(
        ({ token, methods, binary }) => {
          const listeners = new Set<(e: unknown) => void>();
          const api: Record<string, (input: unknown) => Promise<unknown>> = {};
          for (const m of methods) {
            api[m] = async (input) => {
              const res = await fetch(`/api/call/${m}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
              if (!res.ok) return { ok: false, error: (await res.json()).error };
              return { ok: true, result: binary.includes(m) ? new Uint8Array(await res.arrayBuffer()) : (await res.json()).result };
            };
          }
          (window as unknown as { rejon: unknown }).rejon = {
            api: Object.freeze(api),
            onEvent(l: (e: unknown) => void) {
              listeners.add(l);
              return () => listeners.delete(l);
            },
          };
          (window as unknown as { __mainSends: (e: unknown) => void }).__mainSends = (e) => listeners.forEach((l) => l(e));
        },
        { token, methods: METHOD_NAMES as string[], binary: binary as string[] },
      );
    });
    const send = (e: RejonEvent) => page.evaluate((ev) => (window as unknown as { __mainSends: (e: unknown) => void }).__mainSends(ev), e);
    const banner = page.getByTestId('backend-banner');
    expect(await banner.count()).toBe(0);

    await send({ type: 'backend', state: 'crashed', exitCode: 134, signal: null });
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('crashed');
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain(text('desktop.backend.crashed', { exitCode: '134' }));
    expect(await banner.textContent()).toContain('kod wyjścia 134');
    const shot = saveScreenshot('backend-crashed-desktop.png', await page.screenshot());
    expect(shot).toMatch(/backend-crashed-desktop\.png$/);

    await send({ type: 'backend', state: 'restarted' });
    await page.waitForSelector('[data-testid="backend-banner"][data-kind="restarted"]');
    expect(await banner.getAttribute('role')).toBe('status');
    expect(await banner.textContent()).toContain(text('desktop.backend.restarted'));
    saveScreenshot('backend-restarted-desktop.png', await page.screenshot());
    // (good news hides itself after 15 s; dismissed here before the data reload main sends next)
    await page.getByRole('button', { name: text('desktop.backend.dismiss') }).click();
    expect(await banner.count()).toBe(0);
    await send({ type: 'workspace-changed' }); // main's next event: the window reloads its data
    await page.waitForSelector('[data-ready="true"]', { timeout: 120_000 });

    // English
    await page.getByTestId('language').selectOption('en');
    await send({ type: 'backend', state: 'failed', restarts: 4 });
    await page.waitForSelector('[data-testid="backend-banner"][data-kind="failed"]');
    expect(await banner.textContent()).toContain(translate('en', 'desktop.backend.failed', { restarts: 4 }));
    expect(await banner.textContent()).toContain('stopped 4 times');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('browser mode: the server is killed → "no connection" banner, the app stays on screen', async () => {
    const { page } = await openApp(s, { viewport: { width: 1280, height: 800 } });
    const count = await page.getByTestId('report-count').getAttribute('data-count');
    expect(Number(count)).toBeGreaterThan(4000);
    expect(await page.getByTestId('backend-banner').count()).toBe(0);
    s.served.process.kill('SIGKILL'); // a crash: no clean close, no goodbye
    await page.waitForSelector('[data-testid="backend-banner"][data-kind="lost"]', { timeout: 30_000 });
    const banner = page.getByTestId('backend-banner');
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain(text('desktop.backend.lost'));
    expect(await page.getByTestId('report-count').getAttribute('data-count')).toBe(count); // what was loaded stays
    saveScreenshot('backend-lost-browser.png', await page.screenshot());
    await page.close();
  });
});

/**
 * Set-up shared by the end-to-end test files: a temporary directory, a workspace written there,
 * `rejon serve` on it and headless Chromium, for the whole file; and opening the app on it.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serve, type Served } from './harness';
import { tmpDir } from '../helpers/tmp';

export interface E2eSession {
  dir: string;
  workspace: string;
  served: Served;
  browser: Browser;
}

/** Registers beforeAll/afterAll: `make` writes the workspace into the temporary directory and returns its path. */
export function e2eSession(prefix: string, make: (dir: string) => string): E2eSession {
  const s = {} as E2eSession;
  let cleanup = () => {};
  beforeAll(async () => {
    const t = tmpDir(prefix);
    cleanup = t.cleanup;
    s.dir = t.dir;
    s.workspace = make(t.dir);
    s.served = await serve(s.workspace);
    s.browser = await launchChromium();
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.served?.stop();
    cleanup();
  });
  return s;
}

/**
 * A new page on the served app, once the map is ready; uncaught page errors are collected. `prepare` runs
 * before the app loads (to listen to more of the page than its errors).
 */
export async function openApp(
  s: E2eSession,
  options: Parameters<Browser['newPage']>[0] = {},
  prepare?: (page: Page, errors: string[]) => void,
): Promise<{ page: Page; errors: string[] }> {
  const page = await s.browser.newPage(options);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  prepare?.(page, errors);
  await page.goto(s.served.openUrl);
  await page.waitForSelector('[data-ready="true"]', { timeout: 120_000 });
  return { page, errors };
}

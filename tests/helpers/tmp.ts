import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary directory, removed by the returned cleanup function. */
export function tmpDir(prefix = 'rejon-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Where generated fixtures live: the run's cache folder (REJON_TEST_CACHE, tests/globalSetup.ts, removed with the
 * run), else a temp folder removed when this process exits.
 */
export function fixtureCache(): string {
  const cache = process.env.REJON_TEST_CACHE;
  if (cache && fs.existsSync(cache)) return cache;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-test-cache-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

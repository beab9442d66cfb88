/**
 * Once per test run (per vitest project): the run gets a private temp folder (TMPDIR for every worker and every
 * process the tests start: `rejon serve`, the backend host, Chromium) and a cache folder for generated fixtures
 * (REJON_TEST_CACHE: the demo workspace template). At the end both are removed, and anything whose name starts with
 * "rejon" still in the temp folder fails the run: Rejon must leave nothing behind (issue 14 point 6: staged uploads,
 * print browsers, test helpers). Other leftovers (a browser's profile after a crashed test) are only listed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  // one private folder for the whole run: the unit and e2e projects both list this setup, and a second folder
  // nested in the first made paths too long for Chromium's sockets (and the first run's check saw the second)
  if (process.env.REJON_TEST_RUN) return () => undefined;
  // short names: Chromium puts unix sockets (at most 107 bytes of path) below TMPDIR
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-run-'));
  const tmp = path.join(base, 't');
  const cache = path.join(base, 'c');
  fs.mkdirSync(tmp);
  fs.mkdirSync(cache);
  const before = { TMPDIR: process.env.TMPDIR, REJON_TEST_CACHE: process.env.REJON_TEST_CACHE, REJON_TEST_RUN: process.env.REJON_TEST_RUN };
  process.env.REJON_TEST_RUN = base;
  process.env.TMPDIR = tmp;
  process.env.REJON_TEST_CACHE = cache;
  return () => {
    let left: string[] = [];
    try {
      left = fs.readdirSync(tmp);
    } finally {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(base, { recursive: true, force: true });
    }
    if (left.length) console.warn(`Left in the test run's temp folder (removed now): ${left.join(', ')}`);
    const ours = left.filter((n) => /^rejon/i.test(n));
    if (ours.length) throw new Error(`Rejon left files in the temp folder: ${ours.join(', ')}`);
  };
}

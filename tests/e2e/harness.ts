/**
 * End-to-end harness: a real demo workspace (SQLite file), the real backend started as `rejon serve` FROM THE
 * BUILD (out/main/cli.js, what ships: REJON_BUILT=1 makes a missing or stale build an error instead of a run of
 * the sources), and Debian's Chromium driven by playwright-core. No fake backend.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { HEADLESS_CHROMIUM_ARGS } from '../../src/backend/briefing/pdf';
import { PNG } from 'pngjs';
import { fileURLToPath } from 'node:url';
import { fixtureCache } from '../helpers/tmp';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REJON = path.join(ROOT, 'bin', 'rejon.mjs');
/** The environment of every `rejon` the e2e tests start: the built command line only. */
export const REJON_ENV = { ...process.env, REJON_BUILT: '1' };
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** Run the CLI synchronously; returns stdout, throws with stderr on failure. */
export function rejon(args: string[], opts: { allowFail?: boolean } = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [REJON, ...args], { cwd: ROOT, env: REJON_ENV, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 && !opts.allowFail) throw new Error(`rejon ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let cachedDemo: string | null = null;
/** A fresh copy of the demo workspace (generated once per test process). */
export function demoWorkspaceCopy(dir: string): string {
  if (!cachedDemo || !fs.existsSync(cachedDemo)) {
    // generated once per run in the run's cache folder (tests/globalSetup.ts), never left in the temp folder
    const base = fs.mkdtempSync(path.join(fixtureCache(), 'e2e-demo-'));
    cachedDemo = path.join(base, 'demo.sqlite');
    rejon(['demo', '--workspace', cachedDemo]);
  }
  const copy = path.join(dir, 'workspace.sqlite');
  fs.copyFileSync(cachedDemo, copy);
  return copy;
}

export interface Served {
  url: string;
  openUrl: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /**
   * The Rejon data folder of the served app (recent list, demo): REJON_HOME of the child. Default: a fresh temporary
   * folder removed on stop, so tests never touch the user's own data folder.
   */
  home?: string;
  /** Folders the app's file picker may list besides the data folder (--allow-dir). */
  allowDirs?: string[];
  /** More environment variables for the served process. */
  env?: Record<string, string>;
}

/** Start `rejon serve [--workspace FILE]` and wait for the URL it prints. */
export async function serve(workspace: string | null, opts: ServeOptions = {}): Promise<Served> {
  const ownHome = opts.home ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-e2e-home-'));
  const home = opts.home ?? ownHome!;
  const args = [REJON, 'serve', ...(workspace ? ['--workspace', workspace] : []), ...(opts.allowDirs ?? []).flatMap((d) => ['--allow-dir', d])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...REJON_ENV, ...opts.env, REJON_HOME: home } });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out} ${err}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const url = openUrl.split('#')[0];
  return {
    url,
    openUrl,
    token: openUrl.split('#token=')[1],
    process: child,
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode != null || child.signalCode != null) return resolve(); // already gone (also when killed)
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      if (ownHome) fs.rmSync(ownHome, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.REJON_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: HEADLESS_CHROMIUM_ARGS,
  });
}

export function saveScreenshot(name: string, png: Buffer): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const p = path.join(SCREENSHOTS, name);
  fs.writeFileSync(p, png);
  return p;
}

/** Count pixels matching a predicate in a PNG. */
export function countPixels(png: Buffer, pred: (r: number, g: number, b: number) => boolean): { matching: number; total: number } {
  const img = PNG.sync.read(png);
  let matching = 0;
  for (let i = 0; i < img.data.length; i += 4) if (pred(img.data[i], img.data[i + 1], img.data[i + 2])) matching++;
  return { matching, total: img.width * img.height };
}

export function distinctColours(png: Buffer): number {
  const img = PNG.sync.read(png);
  const set = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) set.add((img.data[i] >> 3) | ((img.data[i + 1] >> 3) << 5) | ((img.data[i + 2] >> 3) << 10));
  return set.size;
}

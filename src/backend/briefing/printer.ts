/**
 * The "printer" port of the backend: something that opens a print page URL, waits until the page says it is
 * drawn, and prints it to PDF. The backend decides WHAT is printed (the URL of the renderer's print pages with
 * the payload, the page size, margins and footer: src/backend/briefing/pdf.ts); the host decides WITH WHAT:
 *
 * - Node (CLI, browser mode, tests): headless Chromium through playwright-core (`chromiumPrinter`, here).
 * - Electron desktop: Electron's own Chromium (`webContents.printToPDF` in a hidden window of the main
 *   process), asked over the utility-process messaging (src/backend/host/parentPrinter.ts,
 *   electron/printWindow.ts). No system browser needed.
 *
 * Both load the same URL and print with the same options, so the PDF tests of the Node path prove the page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { msg } from '../../core/message';
import { RejonError } from '../../shared/contract';

/** Page setup of a print, in the terms of Chromium's print-to-PDF (playwright's page.pdf). */
export interface PdfOptions {
  format: 'A4';
  landscape: boolean;
  printBackground: boolean;
  displayHeaderFooter: boolean;
  headerTemplate: string;
  footerTemplate: string;
  /** CSS lengths in millimetres, e.g. '10mm'. */
  margin: { top: string; right: string; bottom: string; left: string };
  preferCSSPageSize: boolean;
}

/** One print: everything a printer needs, as plain data (it crosses process boundaries). */
export interface PrintJob {
  /** The print page: http://127.0.0.1:PORT/#token=…&print=PAYLOAD (a loopback server of the backend). */
  url: string;
  /** Browser locale of the page ('pl-PL' or 'en-GB'); the time zone is always Europe/Warsaw. */
  locale: string;
  /** Layout viewport before printing (A4 landscape at 96 dpi). */
  viewport: { width: number; height: number };
  /** How long the page may take to report that it is drawn. */
  timeoutMs: number;
  pdf: PdfOptions;
}

export interface Printer {
  print(job: PrintJob): Promise<Uint8Array>;
  /** Release what the printer holds (a browser); called when the backend closes. */
  close(): Promise<void>;
}

/** The print pages set `document.documentElement.dataset.printReady` to 'true' when drawn, 'error' when not. */
export const PRINT_READY_EXPRESSION = 'document.documentElement.dataset.printReady';
export const PRINT_ERROR_EXPRESSION = 'document.documentElement.dataset.printError';

/**
 * Poll the page's print state until it is 'true' or 'error', or the time runs out. `read` evaluates
 * PRINT_READY_EXPRESSION in the page (playwright: page.evaluate; Electron: webContents.executeJavaScript).
 */
export async function waitForPrintState(read: () => Promise<unknown>, timeoutMs: number, intervalMs = 100): Promise<'true' | 'error' | 'timeout'> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read().catch(() => undefined);
    if (v === 'true' || v === 'error') return v;
    if (Date.now() >= end) return 'timeout';
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, end - Date.now()))));
  }
}

/** The errors a printer reports when the page did not get drawn (the same text for every printer). */
export function printTimeoutError(timeoutMs: number, problems: string[] = []): RejonError {
  const detail = problems.length ? ` Page errors: ${problems.slice(0, 3).join(' | ').slice(0, 500)}` : '';
  return new RejonError('internal', `The briefing print pages did not finish within ${Math.round(timeoutMs / 1000)} s (is the renderer built with print support?).${detail}`);
}
export function printPageError(message: string): RejonError {
  return new RejonError('internal', `The briefing print pages failed: ${message}`);
}

export function chromiumPath(): string {
  return process.env.REJON_CHROMIUM || '/usr/bin/chromium';
}

/**
 * Flags for the headless system Chromium (printing here, the e2e tests too): no network side traffic, and
 * WebGL through SwiftShader so maps draw on machines without a GPU.
 */
export const HEADLESS_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

/** What to do when there is no Chromium to print with (the text names the fixes). */
export function chromiumMissingError(exe: string): RejonError {
  return new RejonError(
    'internal',
    `Chromium not found at ${exe}: briefings are printed with Chromium outside the desktop app. Install it ` +
      `(Debian/Ubuntu: "sudo apt-get install chromium") or set REJON_CHROMIUM to the path of a Chromium or Chrome executable.`,
    undefined,
    msg('desktop.print.noChromium', { path: exe }),
  );
}

/**
 * Launch Chromium with a temp folder of its own (TMPDIR): Chromium leaves folders there (org.chromium.Chromium.*)
 * that its close does not remove; `tmp` is removed by the printer's close (and here when the launch fails), so
 * nothing of a print stays in the system temp folder. The name is short: Chromium puts unix sockets in it.
 */
async function launch(tmp: string): Promise<Browser> {
  const exe = chromiumPath();
  if (!fs.existsSync(exe)) throw chromiumMissingError(exe);
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      executablePath: exe, headless: true, args: [...HEADLESS_CHROMIUM_ARGS, '--font-render-hinting=none'], env: { ...process.env, TMPDIR: tmp },
    });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new RejonError('internal', `Chromium at ${exe} could not be started (set REJON_CHROMIUM to another executable): ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Headless system Chromium via playwright-core: launched on first use, kept for later prints, closed with close(). */
export function chromiumPrinter(): Printer {
  let browser: Promise<Browser> | null = null;
  const tmps = new Set<string>();
  const browserNow = async (): Promise<Browser> => {
    if (browser) {
      const b = await browser.catch(() => null);
      if (b && b.isConnected()) return b;
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rejon-p-'));
    tmps.add(tmp);
    const started = launch(tmp);
    browser = started;
    started.catch(() => {
      if (browser === started) browser = null;
    });
    return started;
  };
  return {
    async print(job) {
      const b = await browserNow();
      const context = await b.newContext({ viewport: job.viewport, deviceScaleFactor: 1, locale: job.locale, timezoneId: 'Europe/Warsaw' });
      const problems: string[] = [];
      try {
        const page = await context.newPage();
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(m.text());
        });
        await page.goto(job.url, { waitUntil: 'load', timeout: job.timeoutMs });
        const state = await waitForPrintState(() => page.evaluate(PRINT_READY_EXPRESSION), job.timeoutMs);
        if (state === 'timeout') throw printTimeoutError(job.timeoutMs, problems);
        if (state === 'error') throw printPageError(String((await page.evaluate(PRINT_ERROR_EXPRESSION)) ?? 'unknown error'));
        const pdf = await page.pdf(job.pdf);
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
      for (const d of tmps) fs.rmSync(d, { recursive: true, force: true });
      tmps.clear();
    },
  };
}

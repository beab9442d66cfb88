/**
 * Briefing PDF: the renderer's own print pages (the same bundle as the app, out/renderer) opened in headless
 * Chromium at `http://127.0.0.1:PORT/#token=TOKEN&print=PAYLOAD` and printed with page.pdf (vector text,
 * embedded fonts, A4 landscape, footer with page numbers and the police/public marking).
 *
 * PAYLOAD = base64url(JSON.stringify({ request, public?, lang })). The print document fetches its data through
 * the normal contract and sets `document.documentElement.dataset.printReady = 'true'` when every page,
 * maps included, is drawn (or 'error' with the message in `dataset.printError`).
 *
 * When the backend is served over HTTP (browser mode) that server is used; otherwise (CLI, Electron utility
 * process) a temporary loopback server with a fresh token runs for the duration of the print. One Chromium per
 * backend, launched on first use and closed with the backend; prints are serialised (they are CPU heavy).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { RejonError } from '../../shared/contract';
import type { BriefingLang, BriefingRequest, PublicOptions } from '../../shared/contract/briefing';
import type { Backend } from '../backend';
import { servedEndpoint, startHttpServer } from '../server/httpServer';

export interface PrintPayload {
  request: BriefingRequest;
  public?: PublicOptions;
  lang: BriefingLang;
}

/** How long the print pages may take to draw (REJON_PRINT_TIMEOUT_MS overrides, for slow machines and tests). */
export function printTimeoutMs(): number {
  const v = Number(process.env.REJON_PRINT_TIMEOUT_MS);
  return Number.isFinite(v) && v >= 1000 ? v : 60_000;
}
/** Page margins; the print pages lay out inside A4 landscape minus these (277 × 184 mm). */
export const PRINT_MARGINS = { top: '10mm', right: '10mm', bottom: '16mm', left: '10mm' } as const;

export function encodePrintPayload(p: PrintPayload): string {
  return Buffer.from(JSON.stringify(p), 'utf8').toString('base64url');
}

export function decodePrintPayload(s: string): PrintPayload {
  return JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as PrintPayload;
}

export function chromiumPath(): string {
  return process.env.REJON_CHROMIUM || '/usr/bin/chromium';
}

/**
 * The built renderer: REJON_RENDERER_DIR, else `out/renderer` found upwards from this file (sources run
 * through tsx) or `../renderer` next to a bundled `out/main`.
 */
export function rendererDir(): string {
  const env = process.env.REJON_RENDERER_DIR;
  if (env) {
    if (!fs.existsSync(path.join(env, 'index.html'))) throw new RejonError('internal', `The renderer is not built: ${path.resolve(env)} (REJON_RENDERER_DIR) has no index.html.`);
    return path.resolve(env);
  }
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const built = path.join(dir, 'out', 'renderer');
    if (fs.existsSync(path.join(built, 'index.html'))) return built;
    if (path.basename(dir) === 'out' && fs.existsSync(path.join(dir, 'renderer', 'index.html'))) return path.join(dir, 'renderer');
    dir = path.dirname(dir);
  }
  throw new RejonError('internal', 'The renderer is not built (out/renderer is missing). Run "npm run build" or set REJON_RENDERER_DIR.');
}

const MARKING = {
  police: { pl: 'Do użytku służbowego – nie do publikacji', en: 'For official use only – not for publication' },
  public: { pl: 'PUBLICZNE – wyłącznie dane zbiorcze', en: 'PUBLIC – aggregated data only' },
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function footerTemplate(isPublic: boolean, lang: BriefingLang): string {
  const marking = MARKING[isPublic ? 'public' : 'police'][lang];
  const page = lang === 'pl' ? 'strona' : 'page';
  return (
    `<div style="width:100%;font-family:'DejaVu Sans',sans-serif;font-size:8px;color:#444;padding:0 10mm;` +
    `display:flex;justify-content:space-between;-webkit-print-color-adjust:exact;">` +
    `<span style="font-weight:bold;">${escapeHtml(marking)}</span>` +
    `<span>${page} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`
  );
}

interface PrinterState {
  browser: Promise<Browser> | null;
  queue: Promise<unknown>;
}

const printers = new WeakMap<Backend, PrinterState>();

function stateOf(backend: Backend): PrinterState {
  let s = printers.get(backend);
  if (!s) {
    s = { browser: null, queue: Promise.resolve() };
    printers.set(backend, s);
    const st = s;
    backend.onClose(async () => {
      const b = st.browser;
      st.browser = null;
      if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
    });
  }
  return s;
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

async function launch(): Promise<Browser> {
  const exe = chromiumPath();
  if (!fs.existsSync(exe)) {
    throw new RejonError('internal', `Chromium not found at ${exe}. Install Chromium (Debian: apt-get install chromium) or set REJON_CHROMIUM to its executable.`);
  }
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      executablePath: exe,
      headless: true,
      args: [...HEADLESS_CHROMIUM_ARGS, '--font-render-hinting=none'],
    });
  } catch (e) {
    throw new RejonError('internal', `Chromium at ${exe} could not be started (set REJON_CHROMIUM to another executable): ${(e as Error).message.split('\n')[0]}`);
  }
}

async function browserOf(backend: Backend): Promise<Browser> {
  const s = stateOf(backend);
  if (s.browser) {
    const b = await s.browser.catch(() => null);
    if (b && b.isConnected()) return b;
  }
  s.browser = launch();
  s.browser.catch(() => {
    s.browser = null;
  });
  return s.browser;
}

/** Close the print browser of a backend now (the backend also does it on close). */
export async function closePrinter(backend: Backend): Promise<void> {
  const s = printers.get(backend);
  if (!s?.browser) return;
  const b = s.browser;
  s.browser = null;
  await (await b.catch(() => null))?.close().catch(() => undefined);
}

export async function printBriefingPdf(backend: Backend, payload: PrintPayload): Promise<Uint8Array> {
  const s = stateOf(backend);
  const run = s.queue.then(() => printNow(backend, payload));
  s.queue = run.catch(() => undefined);
  return run;
}

async function printNow(backend: Backend, payload: PrintPayload): Promise<Uint8Array> {
  const browser = await browserOf(backend);
  let temp: Awaited<ReturnType<typeof startHttpServer>> | null = null;
  let endpoint = servedEndpoint(backend);
  if (!endpoint) {
    temp = await startHttpServer({ backend, staticDir: rendererDir(), token: randomBytes(24).toString('base64url') });
    endpoint = { url: temp.url, token: temp.token };
  }
  // A4 landscape at 96 dpi, so the pages lay out at print size before printing
  const context = await browser.newContext({ viewport: { width: 1123, height: 794 }, deviceScaleFactor: 1, locale: payload.lang === 'en' ? 'en-GB' : 'pl-PL', timezoneId: 'Europe/Warsaw' });
  const problems: string[] = [];
  const timeout = printTimeoutMs();
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    const url = `${endpoint.url}#token=${endpoint.token}&print=${encodePrintPayload(payload)}`;
    await page.goto(url, { waitUntil: 'load', timeout });
    let state: string;
    try {
      const handle = await page.waitForFunction(
        () => {
          const v = document.documentElement.dataset.printReady;
          return v === 'true' || v === 'error' ? v : false;
        },
        undefined,
        { timeout, polling: 100 },
      );
      state = (await handle.jsonValue()) as string;
    } catch {
      const detail = problems.length ? ` Page errors: ${problems.slice(0, 3).join(' | ').slice(0, 500)}` : '';
      throw new RejonError('internal', `The briefing print pages did not finish within ${Math.round(timeout / 1000)} s (is the renderer built with print support?).${detail}`);
    }
    if (state === 'error') {
      const msg = await page.evaluate(() => document.documentElement.dataset.printError ?? 'unknown error');
      throw new RejonError('internal', `The briefing print pages failed: ${msg}`);
    }
    const pdf = await page.pdf({
      format: 'A4',
      landscape: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: footerTemplate(payload.public !== undefined, payload.lang),
      margin: PRINT_MARGINS,
      preferCSSPageSize: false,
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await context.close().catch(() => undefined);
    if (temp) await temp.close();
  }
}

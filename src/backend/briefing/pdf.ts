/**
 * Briefing PDF: the renderer's own print pages (the same bundle as the app, out/renderer) opened at
 * `http://127.0.0.1:PORT/#token=TOKEN&print=PAYLOAD` and printed to PDF (vector text, embedded fonts, A4
 * landscape, footer with page numbers and the police/public marking) by the backend's printer
 * (src/backend/briefing/printer.ts): headless system Chromium under Node, Electron's own Chromium in the desktop.
 *
 * PAYLOAD = base64url(JSON.stringify({ request, public?, lang })). The print document fetches its data through
 * the normal contract and sets `document.documentElement.dataset.printReady = 'true'` when every page,
 * maps included, is drawn (or 'error' with the message in `dataset.printError`).
 *
 * When the backend is served over HTTP (browser mode) that server is used; otherwise (CLI, Electron utility
 * process) a temporary loopback server with a fresh token runs for the duration of the print. One printer per
 * backend (BackendOptions.printer, else headless Chromium launched on first use), closed with the backend;
 * prints are serialised (they are CPU heavy).
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { RejonError } from '../../shared/contract';
import type { BriefingLang, BriefingRequest, PublicOptions } from '../../shared/contract/briefing';
import type { Backend } from '../backend';
import { servedEndpoint, startHttpServer } from '../server/httpServer';
import { builtRendererDir } from '../resources';
import { chromiumPrinter, type PrintJob, type Printer } from './printer';

export { chromiumPath, HEADLESS_CHROMIUM_ARGS } from './printer';

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

/**
 * The built renderer: REJON_RENDERER_DIR, else `out/renderer` found upwards from the running code (sources
 * through tsx, or the bundle in out/main).
 */
export function rendererDir(): string {
  const dir = builtRendererDir();
  if (dir) return dir;
  const env = process.env.REJON_RENDERER_DIR;
  if (env) throw new RejonError('internal', `The renderer is not built: ${path.resolve(env)} (REJON_RENDERER_DIR) has no index.html.`);
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
  printer: Printer;
  queue: Promise<unknown>;
}

const printers = new WeakMap<Backend, PrinterState>();

function stateOf(backend: Backend): PrinterState {
  let s = printers.get(backend);
  if (!s) {
    const st: PrinterState = { printer: backend.options.printer ?? chromiumPrinter(), queue: Promise.resolve() };
    printers.set(backend, st);
    backend.onClose(() => st.printer.close());
    s = st;
  }
  return s;
}

/** Close the print browser of a backend now (the backend also does it on close). */
export async function closePrinter(backend: Backend): Promise<void> {
  await printers.get(backend)?.printer.close();
}

/** The print of one briefing as plain data: what every printer loads and how it prints it. */
export function briefingPrintJob(endpoint: { url: string; token: string }, payload: PrintPayload): PrintJob {
  return {
    url: `${endpoint.url}#token=${endpoint.token}&print=${encodePrintPayload(payload)}`,
    locale: payload.lang === 'en' ? 'en-GB' : 'pl-PL',
    // A4 landscape at 96 dpi, so the pages lay out at print size before printing
    viewport: { width: 1123, height: 794 },
    timeoutMs: printTimeoutMs(),
    pdf: {
      format: 'A4',
      landscape: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: footerTemplate(payload.public !== undefined, payload.lang),
      margin: { ...PRINT_MARGINS },
      preferCSSPageSize: false,
    },
  };
}

export async function printBriefingPdf(backend: Backend, payload: PrintPayload): Promise<Uint8Array> {
  const s = stateOf(backend);
  const run = s.queue.then(() => printNow(backend, s.printer, payload));
  s.queue = run.catch(() => undefined);
  return run;
}

async function printNow(backend: Backend, printer: Printer, payload: PrintPayload): Promise<Uint8Array> {
  let temp: Awaited<ReturnType<typeof startHttpServer>> | null = null;
  let endpoint = servedEndpoint(backend);
  if (!endpoint) {
    temp = await startHttpServer({ backend, staticDir: rendererDir(), token: randomBytes(24).toString('base64url') });
    endpoint = { url: temp.url, token: temp.token };
  }
  try {
    return await printer.print(briefingPrintJob(endpoint, payload));
  } finally {
    if (temp) await temp.close();
  }
}

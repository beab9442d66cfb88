/**
 * Printing in the desktop, the parts that need no Electron: the options of webContents.printToPDF for a
 * print job of the backend (the same page setup the Node path gives playwright's page.pdf), and the settings
 * of the hidden print window. Unit-tested; electron/printWindow.ts does the rest.
 */
import type { PrintToPDFOptions, WebPreferences } from 'electron';
import type { PdfOptions } from '../src/backend/briefing/printer';

/** CSS length → inches (printToPDF margins are inches); millimetres, centimetres, inches and px are accepted. */
export function cssLengthToInches(v: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|px)\s*$/.exec(v);
  if (!m) throw new Error(`Unsupported print margin "${v}"`);
  const n = Number(m[1]);
  switch (m[2]) {
    case 'mm':
      return n / 25.4;
    case 'cm':
      return n / 2.54;
    case 'in':
      return n;
    default:
      return n / 96;
  }
}

/** playwright page.pdf options (what the Node path prints with) → Electron printToPDF options. */
export function electronPdfOptions(pdf: PdfOptions): PrintToPDFOptions {
  return {
    pageSize: pdf.format,
    landscape: pdf.landscape,
    printBackground: pdf.printBackground,
    displayHeaderFooter: pdf.displayHeaderFooter,
    headerTemplate: pdf.headerTemplate,
    footerTemplate: pdf.footerTemplate,
    margins: {
      top: cssLengthToInches(pdf.margin.top),
      right: cssLengthToInches(pdf.margin.right),
      bottom: cssLengthToInches(pdf.margin.bottom),
      left: cssLengthToInches(pdf.margin.left),
    },
    preferCSSPageSize: pdf.preferCSSPageSize,
  };
}

/** In-memory session of the print windows (no 'persist:' prefix): nothing of a print stays on disk. */
export const PRINT_PARTITION = 'rejon-print';

/**
 * The print window: the main window's security settings (sandbox, isolation, no Node, web security), no
 * preload (the page talks to the backend's loopback server with its token, not to main), and painting while
 * hidden so the maps draw (requestAnimationFrame keeps running).
 */
export function printWindowPreferences(devTools: boolean): WebPreferences {
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    devTools,
    partition: PRINT_PARTITION,
    backgroundThrottling: false,
  };
}

/**
 * Prints a backend print job with Electron's own Chromium: a hidden window loads the print page from the
 * backend's loopback server, waits until the page reports it is drawn, and prints it with printToPDF. The
 * same URL and page setup as the Node path (headless Chromium), so the PDF tests there prove the page.
 */
import { BrowserWindow } from 'electron';
import { PRINT_ERROR_EXPRESSION, PRINT_READY_EXPRESSION, printPageError, printTimeoutError, waitForPrintState, type PrintJob } from '../src/backend/briefing/printer';
import { RejonError } from '../src/shared/contract';
import { electronPdfOptions, printWindowPreferences } from './printing';
import { isAllowedPrintNavigation, isAllowedPrintUrl } from './policy';

export async function printInWindow(job: PrintJob, devTools: boolean): Promise<Uint8Array> {
  if (!isAllowedPrintUrl(job.url)) throw new RejonError('bad-request', 'The desktop prints pages of the backend\'s loopback server only.');
  const win = new BrowserWindow({
    show: false,
    paintWhenInitiallyHidden: true,
    useContentSize: true,
    width: job.viewport.width,
    height: job.viewport.height,
    webPreferences: printWindowPreferences(devTools),
  });
  const contents = win.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedPrintNavigation(url, job.url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAllowedPrintNavigation(url, job.url)) e.preventDefault();
  });
  const problems: string[] = [];
  contents.on('console-message', (e) => {
    if (e.level === 'error') problems.push(e.message);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      win.loadURL(job.url),
      new Promise((_, reject) => (timer = setTimeout(() => reject(printTimeoutError(job.timeoutMs, problems)), job.timeoutMs))),
    ]);
    clearTimeout(timer);
    const state = await waitForPrintState(() => contents.executeJavaScript(PRINT_READY_EXPRESSION, false), job.timeoutMs);
    if (state === 'timeout') throw printTimeoutError(job.timeoutMs, problems);
    if (state === 'error') throw printPageError(String((await contents.executeJavaScript(PRINT_ERROR_EXPRESSION, false)) ?? 'unknown error'));
    const pdf = await contents.printToPDF(electronPdfOptions(job.pdf));
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    clearTimeout(timer);
    win.destroy();
  }
}

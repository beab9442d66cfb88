/**
 * Printing in the desktop without Electron: the page setup handed to printToPDF equals the one the Node path gives
 * page.pdf; the print window keeps the main window's security settings; the backend's parent printer speaks the
 * host protocol (request, answer, failure, timeout, close).
 */
import { describe, expect, it } from 'vitest';
import { cssLengthToInches, electronPdfOptions, printWindowPreferences, PRINT_PARTITION } from '../../../electron/printing';
import { briefingPrintJob, PRINT_MARGINS } from '../../../src/backend/briefing/pdf';
import { waitForPrintState } from '../../../src/backend/briefing/printer';
import { parentPrinter } from '../../../src/backend/host/parentPrinter';
import { isFromHost, isToHost, type FromHost } from '../../../src/backend/host/protocol';

const job = briefingPrintJob({ url: 'http://127.0.0.1:4567/', token: 'tok' }, { request: { from: '2025-01-01', to: '2025-01-31' }, lang: 'pl', public: { threshold: 3 } });

describe('desktop print options', () => {
  it('margins in inches, A4 landscape, background and footer as on the Node path', () => {
    expect(cssLengthToInches('25.4mm')).toBeCloseTo(1, 12);
    expect(cssLengthToInches('2.54cm')).toBeCloseTo(1, 12);
    expect(cssLengthToInches('96px')).toBe(1);
    expect(() => cssLengthToInches('1em')).toThrow(/Unsupported/);
    const o = electronPdfOptions(job.pdf);
    expect(o).toMatchObject({ pageSize: 'A4', landscape: true, printBackground: true, displayHeaderFooter: true, preferCSSPageSize: false });
    expect(o.margins).toEqual({
      top: parseFloat(PRINT_MARGINS.top) / 25.4, right: parseFloat(PRINT_MARGINS.right) / 25.4,
      bottom: parseFloat(PRINT_MARGINS.bottom) / 25.4, left: parseFloat(PRINT_MARGINS.left) / 25.4,
    });
    expect(o.footerTemplate).toBe(job.pdf.footerTemplate);
    expect(o.footerTemplate).toContain('PUBLICZNE'); // public marking in Polish
    expect(job.url).toMatch(/^http:\/\/127\.0\.0\.1:4567\/#token=tok&print=[A-Za-z0-9_-]+$/);
  });

  it('the print window: sandboxed, isolated, no Node, no preload, web security on, in-memory session', () => {
    const p = printWindowPreferences(false);
    expect(p).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, devTools: false, partition: PRINT_PARTITION });
    expect(p.preload).toBeUndefined();
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('waits for the page to say it is drawn, or reports error / timeout', async () => {
    let n = 0;
    expect(await waitForPrintState(async () => (++n > 3 ? 'true' : undefined), 5000, 5)).toBe('true');
    expect(await waitForPrintState(async () => 'error', 5000, 5)).toBe('error');
    expect(await waitForPrintState(async () => { throw new Error('page gone'); }, 60, 5)).toBe('timeout');
  });
});

describe('the host protocol of printing', () => {
  it('sends the job, resolves with the bytes the parent returns, rejects with its error', async () => {
    const sent: FromHost[] = [];
    const printer = parentPrinter((m) => sent.push(m));
    const a = printer.print(job);
    const b = printer.print(job);
    expect(sent.map((m) => m.type)).toEqual(['print', 'print']);
    for (const m of sent) expect(isFromHost(m)).toBe(true);
    const [ra, rb] = sent as Extract<FromHost, { type: 'print' }>[];
    expect(ra.job).toEqual(job);
    expect(ra.id).not.toBe(rb.id);
    const pdf = new Uint8Array([37, 80, 68, 70]);
    const ok = { type: 'print-result' as const, id: rb.id, ok: true as const, pdf };
    expect(isToHost(ok)).toBe(true);
    printer.handleResult(ok);
    expect(await b).toBe(pdf);
    const bad = { type: 'print-result' as const, id: ra.id, ok: false as const, error: { code: 'internal' as const, message: 'printToPDF failed' } };
    expect(isToHost(bad)).toBe(true);
    printer.handleResult(bad);
    await expect(a).rejects.toThrow('printToPDF failed');
    printer.handleResult(ok); // a late or repeated answer is ignored
  });

  it('fails a print the parent never answers, and every pending one on close', async () => {
    const printer = parentPrinter(() => {});
    const never = printer.print({ ...job, timeoutMs: -29_950 }); // the grace period minus this: ~50 ms
    await expect(never).rejects.toThrow(/did not return the printed briefing/);
    const pending = printer.print(job);
    await printer.close();
    await expect(pending).rejects.toThrow(/closed during a print/);
  });

  it('rejects malformed messages in both directions', () => {
    for (const m of [null, 1, 'close', {}, { type: 'call' }, { type: 'call', id: 1.5, method: 'x' }, { type: 'print-result', id: 1, ok: true, pdf: 'x' }, { type: 'nope' }]) expect(isToHost(m)).toBe(false);
    for (const m of [null, {}, { type: 'result' }, { type: 'print', id: 1, job: {} }, { type: 'ready' }, { type: 'other' }]) expect(isFromHost(m)).toBe(false);
    expect(isToHost({ type: 'close' })).toBe(true);
    expect(isFromHost({ type: 'ready', workspace: '/w.sqlite', pid: 1 })).toBe(true);
  });
});

/**
 * The PDF pipeline of the backend (temporary loopback server, headless Chromium, ready flag, footer) against a
 * stub print page, so it is tested independently of the renderer's print document (the e2e test covers that).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Backend } from '../../../../src/backend/backend';
import { dispatch } from '../../../../src/backend/api/dispatch';
import { decodePrintPayload, encodePrintPayload } from '../../../../src/backend/briefing/pdf';
import { servedEndpoint, startHttpServer } from '../../../../src/backend/server/httpServer';
import type { BriefingData } from '../../../../src/shared/contract/briefing';
import { demoWorkspace } from '../../../helpers/demoWorkspace';
import { writePrintStub } from '../../../helpers/printStub';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let ws: string;
let backend: Backend;
const env = { ...process.env };
const request = { from: '2025-01-01', to: '2025-06-30', districtIds: [1, 3] };

function pdfText(pdf: Uint8Array): { pages: number; text: string } {
  const file = path.join(t.dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), text };
}

beforeAll(() => {
  t = tmpDir('rejon-pdf-');
  ws = demoWorkspace(t.dir);
  for (const mode of ['ok', 'error', 'hang'] as const) writePrintStub(path.join(t.dir, `stub-${mode}`), mode);
  backend = new Backend(ws);
});
beforeEach(() => {
  process.env = { ...env, REJON_RENDERER_DIR: path.join(t.dir, 'stub-ok') };
});
afterAll(async () => {
  process.env = env;
  await backend?.close();
  t?.cleanup();
});

describe('printBriefingPdf', () => {
  it('encodes the print payload as base64url JSON', () => {
    const p = { request: { from: '2025-01-01', to: '2025-01-31', title: 'Zażółć/+=' }, lang: 'pl' as const };
    const s = encodePrintPayload(p);
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePrintPayload(s)).toEqual(p);
  });

  it('prints the print pages to an A4 landscape PDF with page numbers and the police marking (temporary server)', async () => {
    const d = (await dispatch(backend.api, 'getBriefingData', { request })) as BriefingData;
    expect(servedEndpoint(backend)).toBeNull();
    const pdf = (await dispatch(backend.api, 'printBriefingPdf', { request })) as Uint8Array;
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(servedEndpoint(backend)).toBeNull(); // the temporary server is gone
    const { pages, text } = pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const b of d.beats) expect(text).toMatch(new RegExp(`${b.name}\\s+Zgłoszenia: ${b.count}`));
    expect(text).toContain('Zażółć gęślą jaźń'); // Polish letters survive (embedded fonts)
    expect(text).toContain(`strona 1 / ${pages}`);
    expect(text).toContain(`strona ${pages} / ${pages}`);
    expect(text).toContain('Do użytku służbowego');
    const file = path.join(t.dir, 'size.pdf');
    fs.writeFileSync(file, pdf);
    expect(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout).toMatch(/Page size:\s+84\d\.\d+ x 59\d\.\d+ pts \(A4\)/);
  }, 90_000);

  it('public: prints from the public data, marks the pages public, English footer with lang en', async () => {
    const pdf = (await dispatch(backend.api, 'printBriefingPdf', { request, public: { threshold: 3 }, lang: 'en' })) as Uint8Array;
    const { pages, text } = pdfText(pdf);
    expect(text).toContain('PUBLIC – aggregated data only');
    expect(text).toContain(`page 1 / ${pages}`);
  }, 90_000);

  it('uses the running HTTP server of the backend when there is one', async () => {
    const server = await startHttpServer({ backend, staticDir: path.join(t.dir, 'stub-ok') });
    try {
      process.env.REJON_RENDERER_DIR = path.join(t.dir, 'no-such-renderer');
      const pdf = (await dispatch(backend.api, 'printBriefingPdf', { request })) as Uint8Array;
      expect(pdfText(pdf).pages).toBeGreaterThanOrEqual(3);
    } finally {
      await server.close();
    }
  }, 90_000);

  it('reports the print page error, a timeout, a missing renderer and a missing Chromium clearly', async () => {
    process.env.REJON_RENDERER_DIR = path.join(t.dir, 'stub-error');
    await expect(dispatch(backend.api, 'printBriefingPdf', { request })).rejects.toThrow(/print pages failed: stub failure on purpose/);
    process.env.REJON_RENDERER_DIR = path.join(t.dir, 'stub-hang');
    process.env.REJON_PRINT_TIMEOUT_MS = '2000';
    await expect(dispatch(backend.api, 'printBriefingPdf', { request })).rejects.toThrow(/did not finish within 2 s/);
    process.env.REJON_RENDERER_DIR = path.join(t.dir, 'no-such-renderer');
    await expect(dispatch(backend.api, 'printBriefingPdf', { request })).rejects.toThrow(/renderer is not built/);
    const other = new Backend(ws);
    try {
      process.env.REJON_RENDERER_DIR = path.join(t.dir, 'stub-ok');
      process.env.REJON_CHROMIUM = path.join(t.dir, 'no-chromium');
      await expect(dispatch(other.api, 'printBriefingPdf', { request })).rejects.toThrow(/Chromium not found .*REJON_CHROMIUM/);
    } finally {
      await other.close();
    }
    // bad input never reaches the browser
    await expect(dispatch(backend.api, 'printBriefingPdf', { request: { from: '2025-02-30', to: '2025-01-01' } })).rejects.toThrow();
  }, 90_000);
});

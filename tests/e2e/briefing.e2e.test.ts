/**
 * Briefings end to end: `rejon briefing` on the demo workspace renders the renderer's real print pages (the built
 * out/renderer, or REJON_RENDERER_DIR) in headless Chromium. The PDFs are read back with poppler: page count
 * (pdfinfo), the numbers in the text (pdftotext) against getBriefingData / getPublicBriefingData, no individual
 * report data in the public PDF, and a drawn map on every beat page (pdftoppm, pixel statistics).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { Backend } from '../../src/backend/backend';
import type { BriefingData, PublicBriefingData } from '../../src/shared/contract/briefing';
import { demoWorkspaceCopy, rejon, saveScreenshot } from './harness';
import { findLeaks, reportTraces, type ReportTrace } from '../helpers/leaks';
import { tmpDir } from '../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let ws: string;
let traces: ReportTrace[];
let police: BriefingData;
let pub: PublicBriefingData;
const BEATS = ['Rejon 1', 'rejon 3 – dworzec']; // as a commander types them
const PERIOD = { from: '2025-01-01', to: '2025-06-30' };

beforeAll(async () => {
  t = tmpDir('rejon-e2e-briefing-');
  ws = demoWorkspaceCopy(t.dir);
  traces = reportTraces(ws);
  const b = new Backend(ws);
  try {
    const ids = (await b.api.listDistricts({})).filter((d) => /^Rejon (1|3) –/.test(d.name)).map((d) => d.id);
    expect(ids).toHaveLength(2);
    police = (await b.api.getBriefingData({ request: { ...PERIOD, districtIds: ids } })) as BriefingData;
    pub = (await b.api.getPublicBriefingData({ request: { ...PERIOD, districtIds: ids }, options: { threshold: 3 } })) as PublicBriefingData;
  } finally {
    await b.close();
  }
});
afterAll(() => t?.cleanup());

function pdfPages(file: string): number {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info.status).toBe(0);
  expect(info.stdout).toMatch(/Page size:\s+84\d\.\d+ x 59\d\.\d+ pts \(A4\)/); // A4 landscape
  return Number(/Pages:\s+(\d+)/.exec(info.stdout)![1]);
}

const pageText = (file: string, page: number) =>
  spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout.replace(/[ \u00a0]+/g, ' ');
const flat = (s: string) => s.replace(/\s+/g, ' ');

function rasterise(file: string, prefix: string): string[] {
  const r = spawnSync('pdftoppm', ['-r', '50', '-png', file, path.join(t.dir, prefix)]);
  expect(r.status).toBe(0);
  return fs.readdirSync(t.dir).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png')).sort().map((f) => path.join(t.dir, f));
}

/** Pixel statistics of the map area of a page (left part of the body, where the print pages put the map). */
function mapRegionStats(pngFile: string): { std: number; colours: number; inked: number } {
  const img = PNG.sync.read(fs.readFileSync(pngFile));
  const x0 = Math.round(img.width * 0.06), x1 = Math.round(img.width * 0.52);
  const y0 = Math.round(img.height * 0.18), y1 = Math.round(img.height * 0.8);
  let n = 0, sum = 0, sum2 = 0, inked = 0;
  const colours = new Set<number>();
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 4;
      const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
      const l = 0.299 * r + 0.587 * g + 0.114 * b;
      n++;
      sum += l;
      sum2 += l * l;
      if (l < 235) inked++;
      colours.add((r >> 4) | ((g >> 4) << 4) | ((b >> 4) << 8));
    }
  }
  const mean = sum / n;
  return { std: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), colours: colours.size, inked: inked / n };
}

function expectMapDrawn(png: string, what: string): void {
  const s = mapRegionStats(png);
  // measured at 50 dpi: map pages 0.4–0.95 inked and 140–200 colours; text-only pages (title, tables) 0.1–0.2
  // and 60–90 colours; a map that failed to draw leaves a white frame with an outline (< 0.1)
  expect(s.inked, `${what}: share of non-white pixels in the map area`).toBeGreaterThan(0.3);
  expect(s.std, `${what}: contrast in the map area`).toBeGreaterThan(20);
  expect(s.colours, `${what}: colours in the map area`).toBeGreaterThan(100);
}

describe('rejon briefing → PDF on the demo workspace', () => {
  it('police briefing for two beats: pages, numbers of getBriefingData, a map on each beat page', () => {
    const out = path.join(t.dir, 'odprawa.pdf');
    const r = rejon(['briefing', '--workspace', ws, ...BEATS.flatMap((b) => ['--district', b]), '--from', PERIOD.from, '--to', PERIOD.to, '--out', out]);
    expect(r.stdout).toContain('written:');
    const pages = pdfPages(out);
    // title, overview, and per beat a map page and a detail page
    expect(pages).toBe(2 + 2 * police.beats.length);
    const texts = Array.from({ length: pages }, (_, i) => pageText(out, i + 1));
    expect(flat(texts[0])).toContain(police.title);
    for (let i = 0; i < pages; i++) expect(texts[i]).toContain(`strona ${i + 1} / ${pages}`);
    // overview: every beat with its count and previous count on one line
    for (const b of police.beats) expect(texts[1]).toMatch(new RegExp(`${b.name}.*\\b${b.count}\\b.*\\b${b.previousCount}\\b`));
    const pngs = rasterise(out, 'police');
    expect(pngs).toHaveLength(pages);
    for (const b of police.beats) {
      // the beat's map page carries its generated summary (with the numbers) next to the map
      const k = texts.findIndex((x) => flat(x).includes(b.summary.slice(0, 40)));
      expect(k, `map page of ${b.name}`).toBeGreaterThan(1);
      const page = flat(texts[k]);
      expect(page).toContain(b.name);
      expect(page).toMatch(new RegExp(`\\b${b.count}\\b`));
      expect(page).toMatch(new RegExp(`\\b${b.previousCount}\\b`));
      expectMapDrawn(pngs[k], `police map of ${b.name}`);
      saveScreenshot(`briefing-police-${b.id}.png`, fs.readFileSync(pngs[k]));
      // detail page: the top hotspot (table cells wrap, so its first word and its count)
      const detail = flat(texts[k + 1]);
      if (b.hotspots.length) {
        expect(detail).toContain(b.hotspots[0].location.split(' ')[0]);
        expect(detail).toMatch(new RegExp(`\\b${b.hotspots[0].count}\\b`));
      }
    }
  });

  it('public briefing (--public): public numbers only, no report id, description or coordinate, a hexagon map on each beat page', () => {
    const out = path.join(t.dir, 'publiczne.pdf');
    rejon(['briefing', '--workspace', ws, ...BEATS.flatMap((b) => ['--district', b]), '--from', PERIOD.from, '--to', PERIOD.to, '--public', '--out', out]);
    const pages = pdfPages(out);
    expect(pages).toBe(2 + pub.beats.length); // title, overview, one page per beat
    const texts = Array.from({ length: pages }, (_, i) => pageText(out, i + 1));
    const all = texts.join('\n');
    for (let i = 0; i < pages; i++) expect(texts[i]).toMatch(new RegExp(`PUBLICZNE.*strona ${i + 1} / ${pages}`));
    // no individual report data anywhere in the text
    expect(findLeaks(all, traces)).toEqual([]);
    // nor the police-only content
    expect(all).not.toMatch(/\b(1[4-9]|2[0-4]|49|5[0-5])[.,]\d{4,}/); // nothing that looks like a coordinate
    for (const b of police.beats) {
      expect(flat(all)).not.toContain(b.summary.slice(0, 40));
      for (const h of b.hotspots) expect(all).not.toContain(h.location);
      if (b.officer) expect(all).not.toContain(b.officer);
    }
    const pngs = rasterise(out, 'public');
    for (const b of pub.beats) {
      const k = texts.findIndex((x, i) => i >= 2 && x.split('\n').some((line) => line.trim().startsWith(b.name)));
      expect(k, `page of ${b.name}`).toBeGreaterThan(1);
      const page = flat(texts[k]);
      // the shown counts are the police counts (or the suppression label)
      const pb = police.beats.find((x) => x.id === b.id)!;
      if (b.count.value !== null) {
        expect(b.count.value).toBe(pb.count);
        expect(page).toMatch(new RegExp(`\\b${b.count.value}\\b`));
      } else expect(page).toContain(b.count.label);
      for (const f of pub.hexGeoJson.features.filter((x) => x.properties!.districtId === b.id && x.properties!.count !== null)) {
        expect(page).toMatch(new RegExp(`\\b${f.properties!.count}\\b`));
      }
      expectMapDrawn(pngs[k], `public map of ${b.name}`);
      saveScreenshot(`briefing-public-${b.id}.png`, fs.readFileSync(pngs[k]));
    }
  });

  it('bad arguments exit non-zero with a message and write nothing', () => {
    const out = path.join(t.dir, 'bad.pdf');
    const r = rejon(['briefing', '--workspace', ws, '--district', 'Rejon 77', '--from', PERIOD.from, '--to', PERIOD.to, '--out', out], { allowFail: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown beat "Rejon 77"');
    expect(r.stderr).toContain('Rejon 3 – Dworzec');
    expect(fs.existsSync(out)).toBe(false);
  });
});

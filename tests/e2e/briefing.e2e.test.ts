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
import { summaryText } from '../../src/shared/briefingText';
import { translate } from '../../src/shared/i18n';
import briefingCatalog from '../../src/shared/i18n/catalog/briefing';

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

function expectMapDrawn(png: string, what: string, minInked = 0.3): void {
  const s = mapRegionStats(png);
  // measured at 50 dpi: map pages 0.4–0.95 inked and 140–200 colours; text-only pages (title, tables) 0.1–0.2
  // and 60–90 colours; a map that failed to draw leaves a white frame with an outline (< 0.1)
  expect(s.inked, `${what}: share of non-white pixels in the map area`).toBeGreaterThan(minInked);
  expect(s.std, `${what}: contrast in the map area`).toBeGreaterThan(20);
  expect(s.colours, `${what}: colours in the map area`).toBeGreaterThan(100);
}

describe('rejon briefing → PDF on the demo workspace', () => {
  it('police briefing for two beats: pages, numbers of getBriefingData, a map on each beat page', () => {
    const out = path.join(t.dir, 'odprawa.pdf');
    const r = rejon(['briefing', '--workspace', ws, ...BEATS.flatMap((b) => ['--district', b]), '--from', PERIOD.from, '--to', PERIOD.to, '--out', out]);
    expect(r.stdout).toContain('written:');
    const pages = pdfPages(out);
    // title, overview, and per beat a map page and a detail page (a quiet beat: its map page only)
    expect(pages).toBe(2 + police.beats.reduce((a, b) => a + (b.quiet ? 1 : 2), 0));
    const texts = Array.from({ length: pages }, (_, i) => pageText(out, i + 1));
    expect(flat(texts[0])).toContain(police.title);
    for (let i = 0; i < pages; i++) expect(texts[i]).toContain(`strona ${i + 1} / ${pages}`);
    // overview: every beat with its count and previous count on one line
    for (const b of police.beats) expect(texts[1]).toMatch(new RegExp(`${b.name}.*\\b${b.count}\\b.*\\b${b.previousCount}\\b`));
    const pngs = rasterise(out, 'police');
    expect(pngs).toHaveLength(pages);
    for (const b of police.beats) {
      // the beat's map page carries its generated summary (with the numbers) next to the map
      const k = texts.findIndex((x) => flat(x).includes(summaryText('pl', b.summary).slice(0, 40)));
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
        expect(detail).toContain(translate('pl', b.hotspots[0].location).split(' ')[0]);
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
      expect(flat(all)).not.toContain(summaryText('pl', b.summary).slice(0, 40));
      for (const h of b.hotspots) expect(all).not.toContain(translate('pl', h.location));
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
      // public maps: since every public number comes from the whole command's one protected table (issue 14 pt 7),
      // more hexagons are left out (0.26 inked on Rejon 3); a map that failed to draw stays below 0.1
      expectMapDrawn(pngs[k], `public map of ${b.name}`, 0.2);
      saveScreenshot(`briefing-public-${b.id}.png`, fs.readFileSync(pngs[k]));
    }
  });

  it('the text agrees with its own tables: one hotspot summary, time-of-day words, no English, the too-few rule, rates', async () => {
    // a month, busy and quiet beats, city and rural ones (separate Gi* analyses per kind)
    const req = { from: '2025-06-01', to: '2025-06-30' };
    const names = ['Rejon 1', 'Rejon 10', 'Komisariat Policji w Sulejowie', 'Posterunek Policji w Wolborzu'];
    const b = new Backend(ws);
    let d: BriefingData;
    try {
      const all = await b.api.listDistricts({});
      const ids = names.map((n) => all.find((x) => x.name === n || x.name.startsWith(`${n} –`))!.id);
      d = (await b.api.getBriefingData({ request: { ...req, districtIds: ids } })) as BriefingData;
    } finally {
      await b.close();
    }
    expect(d.beats.some((x) => x.quiet)).toBe(true);
    expect(d.beats.some((x) => !x.quiet)).toBe(true);
    const out = path.join(t.dir, 'czerwiec.pdf');
    rejon(['briefing', '--workspace', ws, ...names.flatMap((n) => ['--district', n]), '--from', req.from, '--to', req.to, '--out', out]);
    const pages = pdfPages(out);
    expect(pages).toBe(2 + d.beats.reduce((a, x) => a + (x.quiet ? 1 : 2), 0));
    const texts = Array.from({ length: pages }, (_, i) => pageText(out, i + 1));
    const flats = texts.map(flat);
    const all = flats.join('\n');

    // one hotspot summary: the overview table's column, the scope sentence, each beat's sentence and table agree
    // an overview table row: the text after the beat's name (map labels may share the line before it)
    const rowOf = (name: string) => {
      for (const line of texts[1].split('\n')) {
        const at = line.indexOf(name);
        const rest = at >= 0 ? line.slice(at + name.length).trim() : '';
        if (/^\d+ \d+ /.test(rest)) return rest;
      }
      return undefined;
    };
    const total = d.beats.reduce((a, x) => a + x.hotspots.length, 0);
    expect(d.total.hotspots).toBe(total);
    expect(d.hotspotSummary.total).toBe(total);
    for (const x of d.beats) {
      const row = rowOf(x.name)!;
      expect(row, `overview row of ${x.name}`).toBeTruthy();
      expect(Number(row.split(' ').pop()), `hotspot column of ${x.name}`).toBe(x.hotspots.length);
    }
    if (total > 0) {
      expect(flats[1]).toMatch(new RegExp(`Wykryto ${total} istotn`));
      expect(flats[1]).not.toContain('Nie wykryto');
    }
    for (const x of d.beats) {
      const k = flats.findIndex((f, i) => i >= 2 && f.includes(summaryText('pl', x.summary).slice(0, 40)));
      expect(k, `map page of ${x.name}`).toBeGreaterThan(1);
      const own = flats[k] + (x.quiet ? '' : ` ${flats[k + 1]}`);
      if (x.hotspots.length > 0) {
        expect(own).toContain(`Wykryto ${x.hotspots.length === 1 ? '1 istotne' : x.hotspots.length}`);
        expect(own).not.toContain('Nie wykryto');
        expect(own).toContain(translate('pl', x.hotspots[0].location).split(' ')[0]);
      } else if (x.count > 0 && d.hotspotSummary.analysed) {
        expect(own).toContain('Nie wykryto istotnych statystycznie skupisk');
      }
      // the too-few rule: counts only, no percentage or p-value in the sentence, "–" in the overview table
      const text = summaryText('pl', x.summary);
      if (x.count + x.previousCount < d.minReports) {
        expect(x.quiet).toBe(true);
        expect(text).toContain(`za mało, by ocenić zmianę (poniżej ${d.minReports} zgłoszeń`);
        expect(text).not.toMatch(/%|p [=<]/);
        expect(own).toContain('za mało zgłoszeń');
        expect(rowOf(x.name)).toMatch(/ – – /);
      } else {
        expect(text).toMatch(/p [=<] \d/);
      }
    }
    expect(flats[1]).toContain(`Zmianę oceniamy od ${d.minReports} zgłoszeń`);

    // time-of-day words match their hours (an independent table of day parts)
    const parts: Record<string, number[]> = {
      'nocą': [22, 23, 0, 1, 2, 3, 4, 5], 'w godzinach porannych': [6, 7, 8, 9], 'w ciągu dnia': [10, 11, 12, 13],
      'po południu': [14, 15, 16, 17], 'w godzinach wieczornych': [18, 19, 20, 21],
    };
    const said = [...all.matchAll(/koncentrują się ([^(.]+?) \((\d\d):00–(\d\d):00\)/g)];
    expect(said.length).toBeGreaterThan(0);
    for (const [, words, a, b2] of said) {
      const hours: number[] = [];
      for (let h = Number(a); h !== Number(b2) % 24; h = (h + 1) % 24) hours.push(h);
      const named = words.split(' i ').map((w) => w.trim()).map((w) => (w === 'wieczorem' ? 'w godzinach wieczornych' : w === 'przed południem' ? 'w ciągu dnia' : w === 'nocą i wczesnym rankiem' ? 'nocą' : w));
      const covered = hours.filter((h) => named.some((w) => parts[w]?.includes(h) || (w === 'wczesnym rankiem' && parts['w godzinach porannych'].includes(h)))).length;
      expect(covered, `"${words}" for ${a}:00–${b2}:00`).toBeGreaterThanOrEqual(hours.length / 2);
      expect(named.every((w) => w in parts || w === 'wczesnym rankiem'), `known day part: ${words}`).toBe(true);
    }

    // no English word in the Polish PDF: the English catalogue's own words (not in the Polish one), and the beat kinds
    const words = (o: Record<string, string>) => new Set(Object.values(o).join(' ').replace(/\{[^{}]*,\s*(plural|select|number)\s*,/g, ' ').match(/[A-Za-z]{4,}/g)!.map((w) => w.toLowerCase()));
    const pl = words(briefingCatalog.pl);
    const icu = new Set(['plural', 'select', 'number', 'other', 'true', 'where', 'count', 'prev', 'pless', 'beats', 'range', 'days', 'hasrange', 'band', 'kind', 'kinds', 'date', 'list', 'share', 'reason', 'name', 'top', 'topcount', 'beat']);
    const english = [...words(briefingCatalog.en)].filter((w) => !pl.has(w) && !icu.has(w) && w !== 'data' /* a Polish word too */ && !/^(cat|share|n)\d$/.test(w));
    expect(english).toContain('reports');
    for (const w of [...english, 'city', 'rural']) expect(all, `English word "${w}" in the Polish PDF`).not.toMatch(new RegExp(`\\b${w}\\b`, 'i'));

    // rates with sensible precision: never "0,0"
    expect(flats[1]).not.toMatch(/(^|\s)0,0(\s|$)/);
    for (const x of d.beats) if (x.ratePerKm2 != null && x.ratePerKm2 > 0 && x.ratePerKm2 < 0.1) expect(rowOf(x.name)).toContain('< 0,1');
    rasterise(out, 'text').forEach((png, i) => saveScreenshot(`briefing-text-p${i + 1}.png`, fs.readFileSync(png)));
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

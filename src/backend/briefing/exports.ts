/**
 * Briefing tables and hotspots as files: CSV (`;`, UTF-8 BOM, CRLF, formula injection escaped by
 * core/export/csv), XLSX (exceljs; every text is a plain string cell, formula-like text gets the same
 * leading apostrophe as in CSV, never a formula) and GeoJSON (WGS84).
 *
 * Police exports are built from getBriefingData, public ones ONLY from getPublicBriefingData (beat table with
 * suppressed labels, hexagon table and hexagon GeoJSON).
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { escapeCsvCell, neutralizeFormulas } from '../../core/export/csv';
import { matchCategory } from '../../core/domain/categories';
import type { BRIEFING_EXPORTS, BriefingData, BriefingLang, BriefingRequest, PublicBriefingData, PublicCount, PublicOptions } from '../../shared/contract/briefing';
import type { Db } from '../store/workspace';
import { hoursText } from '../../shared/briefingText';
import { translate } from '../../shared/i18n';
import { buildBriefingData } from './data';
import { buildPublicBriefingData, HOUR_BANDS, OTHER_CATEGORIES, publicSourceNote } from './public';
import { sourcesText } from '../../shared/provenance';

export type Cell = string | number | null;

export interface Table {
  sheet: string;
  header: string[];
  rows: Cell[][];
}

/** Text that a spreadsheet could read as a formula gets an apostrophe (the CSV writer's rule, core/export/csv). */
export function safeText(s: string): string {
  return neutralizeFormulas(s);
}

function formatNumber(n: number, lang: BriefingLang): string {
  if (!Number.isFinite(n)) return '';
  const s = Number.isInteger(n) ? String(n) : String(Math.round(n * 10_000) / 10_000);
  return lang === 'pl' ? s.replace('.', ',') : s;
}

export function tableToCsv(t: Table, lang: BriefingLang): Uint8Array {
  const line = (cells: Cell[]) =>
    // numbers are our own data, never formulas: written as numbers (decimal comma for Polish Excel)
    cells.map((c) => (typeof c === 'number' ? formatNumber(c, lang) : escapeCsvCell(c))).join(';');
  const text = '\uFEFF' + [line(t.header), ...t.rows.map(line)].join('\r\n') + '\r\n';
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export async function tableToXlsx(t: Table, meta: { title: string; note: string }): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs'); // heavy (~0.5 s to load): only when a workbook is written
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rejon';
  wb.created = new Date();
  const ws = wb.addWorksheet(t.sheet.slice(0, 31));
  const put = (cells: Cell[]) => ws.addRow(cells.map((c) => (typeof c === 'string' ? safeText(c) : c ?? null)));
  put([meta.title]).font = { bold: true, size: 13 };
  put([meta.note]);
  put([]);
  const head = put(t.header);
  head.font = { bold: true };
  for (const r of t.rows) put(r);
  ws.columns.forEach((col, i) => {
    const width = Math.max(t.header[i]?.length ?? 8, ...t.rows.map((r) => String(r[i] ?? '').length));
    col.width = Math.min(60, Math.max(8, width + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

const L = {
  pl: {
    beat: 'Rejon', kind: 'Rodzaj', officer: 'Dzielnicowy', unit: 'Jednostka', area: 'Powierzchnia km²', count: 'Zgłoszenia', previous: 'Zgłoszenia (okres porównawczy)',
    change: 'Zmiana', changePct: 'Zmiana %', p: 'p', significant: 'Zmiana istotna', rate: 'Zgłoszenia na km²', confirmed: 'Potwierdzone %',
    verification: 'Mediana czasu weryfikacji h', categories: 'Główne kategorie', hotspots: 'Gorące punkty', yes: 'tak', no: 'nie', total: 'Razem',
    rank: 'Nr', location: 'Lokalizacja', place: 'Najbliższe miejsce', distance: 'Odległość m', lon: 'Długość geogr.', lat: 'Szerokość geogr.',
    cells: 'Komórki', confidence: 'Ufność %', hours: 'Pora', hex: 'Heksagon', months: 'Miesiąc',
    beatsSheet: 'Rejony', hotspotsSheet: 'Gorące punkty', hexSheet: 'Heksagony', period: 'Okres', comparison: 'porównanie', source: 'Źródło',
  },
  en: {
    beat: 'Beat', kind: 'Kind', officer: 'Beat officer', unit: 'Unit', area: 'Area km²', count: 'Reports', previous: 'Reports (comparison period)',
    change: 'Change', changePct: 'Change %', p: 'p', significant: 'Significant change', rate: 'Reports per km²', confirmed: 'Confirmed %',
    verification: 'Median verification time h', categories: 'Main categories', hotspots: 'Hotspots', yes: 'yes', no: 'no', total: 'Total',
    rank: 'No.', location: 'Location', place: 'Nearest place', distance: 'Distance m', lon: 'Longitude', lat: 'Latitude',
    cells: 'Cells', confidence: 'Confidence %', hours: 'When', hex: 'Hexagon', months: 'Month',
    beatsSheet: 'Beats', hotspotsSheet: 'Hotspots', hexSheet: 'Hexagons', period: 'Period', comparison: 'comparison', source: 'Source',
  },
} as const;

function categoryName(name: string, lang: BriefingLang): string {
  if (lang === 'pl') return name;
  if (name === OTHER_CATEGORIES) return 'Other categories';
  return matchCategory(name)?.nameEn ?? name;
}

const round = (n: number | null, digits: number): number | null => (n == null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const pct = (share: number | null): number | null => (share == null ? null : round(share * 100, 1));

export function policeBeatsTable(d: BriefingData, lang: BriefingLang): Table {
  const l = L[lang];
  const header = [l.beat, l.kind, l.officer, l.unit, l.area, l.count, l.previous, l.change, l.changePct, l.p, l.significant, l.rate, l.confirmed, l.verification, l.hotspots, l.categories];
  const rows: Cell[][] = d.beats.map((b) => [
    b.name, b.kind, b.officer, b.unit, round(b.areaKm2, 2), b.count, b.previousCount, b.change, round(b.changePct, 1), round(b.pValue, 4),
    b.significant ? l.yes : l.no, round(b.ratePerKm2, 2), pct(b.confirmedShare), round(b.medianVerificationHours, 1), b.hotspots.length,
    b.categories.slice(0, 3).map((c) => `${categoryName(c.name, lang)} (${c.count})`).join(', '),
  ]);
  const t = d.total;
  rows.push([
    l.total, null, null, null, round(t.areaKm2, 2), t.count, t.previousCount, t.change, round(t.changePct, 1), round(t.pValue, 4), t.significant ? l.yes : l.no,
    round(t.ratePerKm2, 2), pct(t.confirmedShare), round(t.medianVerificationHours, 1), t.hotspots,
    t.categories.slice(0, 3).map((c) => `${categoryName(c.name, lang)} (${c.count})`).join(', '),
  ]);
  return { sheet: l.beatsSheet, header, rows };
}

export function policeHotspotsTable(d: BriefingData, lang: BriefingLang): Table {
  const l = L[lang];
  const header = [l.beat, l.rank, l.location, l.place, l.distance, l.lon, l.lat, l.cells, l.count, l.confidence, l.categories, l.confirmed, l.hours];
  const rows: Cell[][] = [];
  for (const b of d.beats) {
    for (const h of b.hotspots) {
      rows.push([
        b.name, h.rank, translate(lang, h.location), h.placeName, h.placeDistanceM, round(h.lon, 5), round(h.lat, 5), h.cells, h.count, h.confidence,
        h.dominantCategories.map((c) => `${categoryName(c.name, lang)} (${c.count})`).join(', '), pct(h.confirmedShare), hoursText(lang, h.hours),
      ]);
    }
  }
  return { sheet: l.hotspotsSheet, header, rows };
}

/** One feature per hotspot: its hot hexagons as a MultiPolygon, the table's fields as properties. */
export function policeHotspotsGeoJson(d: BriefingData, lang: BriefingLang = 'pl'): FeatureCollection {
  const byKey = new Map<string, Polygon['coordinates'][]>();
  for (const f of d.hotCellsGeoJson.features) {
    const p = f.properties as { districtId: number; hotspot: number };
    if (!p.hotspot || f.geometry.type !== 'Polygon') continue;
    const key = `${p.districtId}:${p.hotspot}`;
    const list = byKey.get(key) ?? [];
    list.push(f.geometry.coordinates);
    byKey.set(key, list);
  }
  const features: Feature[] = [];
  for (const b of d.beats) {
    for (const h of b.hotspots) {
      const polys = byKey.get(`${b.id}:${h.rank}`) ?? [];
      features.push({
        type: 'Feature',
        geometry: polys.length ? { type: 'MultiPolygon', coordinates: polys } : { type: 'Point', coordinates: [h.lon, h.lat] },
        properties: {
          districtId: b.id, beat: b.name, rank: h.rank, location: translate(lang, h.location), placeName: h.placeName, placeDistanceM: h.placeDistanceM,
          centroid: [h.lon, h.lat], cells: h.cells, count: h.count, confidence: h.confidence,
          dominantCategories: h.dominantCategories.map((c) => `${categoryName(c.name, lang)} (${c.count})`).join(', '), confirmedShare: h.confirmedShare, hours: hoursText(lang, h.hours),
        },
      });
    }
  }
  return {
    type: 'FeatureCollection',
    features,
    // foreign members (RFC 7946 §6.1): what the file is
    ...({
      name: d.title, period: { from: d.period.from, to: d.period.to }, comparison: { from: d.comparison.from, to: d.comparison.to }, crs_note: 'WGS84 (EPSG:4326)',
      sources: d.sources, note: sourcesLine(d, lang),
    } as object),
  } as FeatureCollection;
}

const shown = (c: PublicCount): Cell => (c.value ?? c.label);

export function publicBeatsTable(d: PublicBriefingData, lang: BriefingLang): Table {
  const l = L[lang];
  const header = [l.beat, l.count, l.previous, l.changePct, ...HOUR_BANDS.map((b) => `${l.hours} ${b}`), l.categories];
  const rows: Cell[][] = d.beats.map((b) => [
    b.name, shown(b.count), shown(b.previousCount), round(b.changePct, 1), ...b.hourBands.map(shown),
    b.categories.map((c) => `${categoryName(c.name, lang)} (${c.count.label})`).join(', '),
  ]);
  rows.push([l.total, shown(d.total.count), shown(d.total.previousCount), round(d.total.changePct, 1), null, null, null, null, null]);
  return { sheet: l.beatsSheet, header, rows };
}

export function publicHexTable(d: PublicBriefingData, lang: BriefingLang): Table {
  const l = L[lang];
  const names = new Map(d.beats.map((b) => [b.id, b.name]));
  const rows: Cell[][] = d.hexGeoJson.features.map((f) => {
    const p = f.properties as { id: number; districtId: number; count: number | null; label: string };
    return [p.id, names.get(p.districtId) ?? null, p.count ?? p.label];
  });
  return { sheet: l.hexSheet, header: [l.hex, l.beat, l.count], rows };
}

export function publicHexGeoJson(d: PublicBriefingData, lang: BriefingLang = 'pl'): FeatureCollection {
  return {
    ...d.hexGeoJson,
    ...({
      name: d.title, period: d.period, threshold: d.threshold, hexSize: d.hexSize, sources: d.sources,
      note: publicSourceNote(lang, d.sources, d.dataDate, d.threshold),
    } as object),
  } as FeatureCollection;
}

export function periodNote(d: { period: { from: string; to: string }; comparison: { from: string; to: string } }, lang: BriefingLang): string {
  const l = L[lang];
  return `${l.period}: ${d.period.from} – ${d.period.to} (${l.comparison}: ${d.comparison.from} – ${d.comparison.to})`;
}

export type BriefingExportFormat = (typeof BRIEFING_EXPORTS)[number];

const json = (v: unknown) => new Uint8Array(Buffer.from(JSON.stringify(v), 'utf8'));

/** One export file. With `public` only getPublicBriefingData's output is read. */
export async function exportBriefing(
  db: Db,
  workspaceFile: string,
  o: { request: BriefingRequest; format: BriefingExportFormat; public?: PublicOptions; lang: BriefingLang },
): Promise<Uint8Array> {
  if (o.public) {
    const d = buildPublicBriefingData(db, o.request, o.public);
    const note = `${periodNote(d, o.lang)}. ${publicSourceNote(o.lang, d.sources, d.dataDate, d.threshold)}`;
    switch (o.format) {
      case 'beats-csv':
        return tableToCsv(publicBeatsTable(d, o.lang), o.lang);
      case 'beats-xlsx':
        return tableToXlsx(publicBeatsTable(d, o.lang), { title: d.title, note });
      case 'hotspots-csv':
        return tableToCsv(publicHexTable(d, o.lang), o.lang);
      case 'hotspots-xlsx':
        return tableToXlsx(publicHexTable(d, o.lang), { title: d.title, note });
      case 'hotspots-geojson':
        return json(publicHexGeoJson(d, o.lang));
    }
  }
  const d = buildBriefingData(db, workspaceFile, o.request);
  // the sources of the reports this briefing counts (police exports may name them with counts)
  const note = `${periodNote(d, o.lang)}. ${sourcesLine(d, o.lang)}`;
  switch (o.format) {
    case 'beats-csv':
      return tableToCsv(policeBeatsTable(d, o.lang), o.lang);
    case 'beats-xlsx':
      return tableToXlsx(policeBeatsTable(d, o.lang), { title: d.title, note });
    case 'hotspots-csv':
      return tableToCsv(policeHotspotsTable(d, o.lang), o.lang);
    case 'hotspots-xlsx':
      return tableToXlsx(policeHotspotsTable(d, o.lang), { title: d.title, note });
    case 'hotspots-geojson':
      return json(policeHotspotsGeoJson(d, o.lang));
  }
}

/** "Źródło: KMZB, eksport policyjny (2 importy, 1 234 zgłoszenia); …" of a police briefing. */
export function sourcesLine(d: BriefingData, lang: BriefingLang): string {
  return `${L[lang].source}: ${sourcesText(lang, d.sources)}`;
}

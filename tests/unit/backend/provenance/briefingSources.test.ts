/**
 * Briefings name the sources of the reports they COUNT, not of the workspace: a mixed workspace (synthetic demo
 * data plus real police and public-map imports) gives per-kind import and report counts that match the data,
 * a period with real reports only names no synthetic data, and the public version names kinds only.
 * Demo and real data no longer mix (imports into the demo are refused), but workspaces written before that rule
 * can hold both: the test makes one by lifting the demo marker before importing real exports.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../../src/backend/backend';
import { importFile } from '../../../../src/backend/import/importFile';
import { exportBriefing } from '../../../../src/backend/briefing/exports';
import { translate } from '../../../../src/shared/i18n';
import { sourcesText } from '../../../../src/shared/provenance';
import { warsawDayStart } from '../../../../src/core/domain/time';
import { demoWorkspace } from '../../../helpers/demoWorkspace';
import { writeKmzbCsv, type CsvRow } from '../../../helpers/kmzbCsv';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let ws: string;
let backend: Backend;
let police: number;
let publicMap: number;

const row = (id: string, day: string, i: number): CsvRow => ({
  id, category: 'Akty wandalizmu', status: 'Nowe', created: `${day} ${String(8 + (i % 10)).padStart(2, '0')}:00:00`,
  lon: 19.69 + (i % 10) * 0.002, lat: 51.40 + Math.floor(i / 10) * 0.002, teryt: '1062011',
});

beforeAll(async () => {
  t = tmpDir('rejon-sources-');
  ws = demoWorkspace(t.dir);
  // a mixed workspace as written before imports into the demo were refused
  const raw = new Database(ws);
  raw.prepare(`DELETE FROM workspace_meta WHERE key = 'demo'`).run();
  raw.close();
  // real police export: 30 reports in March 2025 (among demo reports) and 20 in March 2027 (after the demo's range)
  const a = path.join(t.dir, 'policja.csv');
  writeKmzbCsv(a, [
    ...Array.from({ length: 30 }, (_, i) => row(`P25-${i}`, `${String(1 + i).padStart(2, '0')}.03.2025`, i)),
    ...Array.from({ length: 20 }, (_, i) => row(`P27-${i}`, `${String(1 + i).padStart(2, '0')}.03.2027`, i)),
  ]);
  police = (await importFile(ws, { path: a, provenanceKind: 'kmzb-police', provenance: 'KPP, marzec' })).importId;
  // the public map: 5 new reports in March 2027 and a newer state of 4 police reports (their content now comes from it)
  const b = path.join(t.dir, 'mapa.csv');
  writeKmzbCsv(b, [
    ...Array.from({ length: 5 }, (_, i) => row(`M27-${i}`, `${String(10 + i).padStart(2, '0')}.03.2027`, i)),
    ...Array.from({ length: 4 }, (_, i) => ({ ...row(`P27-${i}`, `${String(1 + i).padStart(2, '0')}.03.2027`, i), status: 'Potwierdzone' })),
  ]);
  publicMap = (await importFile(ws, { path: b, provenanceKind: 'kmzb-public' })).importId;
  backend = new Backend(ws);
}, 120_000);
afterAll(async () => {
  await backend?.close();
  t?.cleanup();
});

/** Reports per import in [from, to) of the periods, in beats (as the briefing counts them). */
function counted(from: string, to: string, cFrom: string, cTo: string): Map<number, number> {
  const rows = backend.db
    .prepare(
      `SELECT import_id, count(*) AS n FROM reports WHERE district_id IS NOT NULL AND
         ((created_at >= ? AND created_at < ?) OR (created_at >= ? AND created_at < ?)) GROUP BY import_id`,
    )
    .all(warsawDayStart(from), warsawDayStart(to), warsawDayStart(cFrom), warsawDayStart(cTo)) as { import_id: number; n: number }[];
  return new Map(rows.map((r) => [r.import_id, r.n]));
}

describe('sources of a briefing', () => {
  it('a mixed period: police, public-map and demo reports counted by the import their content comes from', async () => {
    const d = await backend.api.getBriefingData({ request: { from: '2025-03-01', to: '2025-03-31' } });
    const n = counted('2025-03-01', '2025-04-01', '2025-01-29', '2025-03-01');
    expect(n.get(police)).toBe(30);
    // the default title says "KMZB" only when every counted report comes from it
    expect(d.title).toBe('Odprawa – zgłoszone zagrożenia');
    expect(d.sources).toEqual([
      { kind: 'kmzb-police', imports: 1, reports: 30 },
      { kind: 'demo', imports: 1, reports: n.get(1) },
    ]);
    // every counted report has exactly one source
    expect(d.sources.reduce((a, s) => a + s.reports, 0)).toBe(d.total.count + d.total.previousCount);
    expect(d.provenance.map((p) => [p.importId, p.kind, p.rows])).toEqual([[1, 'demo', n.get(1)], [police, 'kmzb-police', 30]]);
    expect(sourcesText('pl', d.sources)).toBe(`KMZB, eksport policyjny (1 import, 30 zgłoszeń); dane demonstracyjne (syntetyczne) (1 import, ${n.get(1)!.toLocaleString('pl-PL')} zgłoszeń)`);
  });

  it('a period with real reports only names no synthetic data (also in the public version and the exports)', async () => {
    const req = { from: '2027-03-01', to: '2027-03-31' };
    const d = await backend.api.getBriefingData({ request: req });
    expect(d.sources).toEqual([
      { kind: 'kmzb-police', imports: 1, reports: 16 },
      { kind: 'kmzb-public', imports: 1, reports: 9 },
    ]);
    expect(d.title).toBe('Odprawa – zagrożenia zgłoszone w KMZB');
    expect(sourcesText('en', d.sources)).toBe('KMZB, police export (1 import, 16 reports); KMZB, public map (1 import, 9 reports)');
    const pub = await backend.api.getPublicBriefingData({ request: req });
    expect(pub.sources).toEqual(['kmzb-police', 'kmzb-public']);
    expect(pub.title).toBe('Bezpieczeństwo w okolicy – zgłoszenia do Krajowej Mapy Zagrożeń Bezpieczeństwa');
    expect(pub.sourceNote).toContain('Krajowa Mapa Zagrożeń Bezpieczeństwa – eksport z systemu Policji; Krajowa Mapa Zagrożeń Bezpieczeństwa – publiczna mapa');
    expect(pub.sourceNote).not.toMatch(/demonstracyjne|syntetyczne/);
    // the public data holds no file names of imports
    expect(JSON.stringify(pub)).not.toContain('policja.csv');
    const geo = JSON.parse(Buffer.from(await exportBriefing(backend.db, ws, { request: req, format: 'hotspots-geojson', public: {}, lang: 'en' })).toString('utf8'));
    expect(geo.note).toMatch(/^Source: National Security Threat Map \(KMZB\) – police system export; National Security Threat Map \(KMZB\) – public map; data as of \d{4}-\d\d-\d\d\. Aggregate data;/);
    // the demo's own period: the public version says the data are synthetic
    const demoPub = await backend.api.getPublicBriefingData({ request: { from: '2025-06-01', to: '2025-06-30' } });
    expect(demoPub.sources).toEqual(['demo']);
    expect(translate('pl', 'provenance.public.note', { sources: 'x', date: 'none' })).toBe('Źródło: x.');
    expect(demoPub.sourceNote).toContain('dane demonstracyjne (syntetyczne), nie są to rzeczywiste zgłoszenia');
    expect(demoPub.sourceNote).not.toContain('Krajowa Mapa');
    expect(demoPub.title).toBe('Bezpieczeństwo w okolicy – zgłoszone zagrożenia');
  });
});

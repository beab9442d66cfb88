import path from 'node:path';
import type { Db } from '../store/workspace';
import { setMeta } from '../store/workspace';
import { createImport, createReportUpserter, finishImport } from '../store/reports';
import { insertDistrict } from '../store/districts';
import { powiatParts, setTerritory } from '../store/territory';
import type { DemoDataset } from './synth';

/** The demo command's territory (KMP Piotrków Trybunalski: city and rural county). */
export const DEMO_TERRITORY = ['powiat Piotrków Trybunalski', 'powiat piotrkowski'];

export interface WriteProgress {
  progress(fraction: number, message?: string): void;
  throwIfCancelled(): void;
}

/**
 * Write a synthesised demo dataset into an (empty) workspace in ONE transaction:
 * districts, named places, an import record with its provenance, and all reports with history.
 * A cancel or crash rolls everything back.
 */
export function writeDemo(db: Db, data: DemoDataset, ctx?: WriteProgress, exportFileName?: string): { reports: number; districts: number } {
  const existing = (db.prepare('SELECT (SELECT count(*) FROM reports) + (SELECT count(*) FROM districts) AS n').get() as { n: number }).n;
  if (existing > 0) throw new Error('The demo can only be written into an empty workspace.');
  const tx = db.transaction(() => {
    const districtIds = new Map<string, number>();
    for (const d of data.districts) {
      districtIds.set(d.name, insertDistrict(db, { name: d.name, kind: d.kind, unit: d.unit, officer: d.officer, geometry: d.geometry }));
    }
    const place = db.prepare('INSERT INTO places(name, kind, lon, lat) VALUES (?, ?, ?, ?)');
    for (const p of data.places) place.run(p.name, p.kind, p.lon, p.lat);
    const importId = createImport(db, {
      fileName: exportFileName ? path.basename(exportFileName) : `demo-seed-${data.seed}`,
      fileHash: null,
      sourceKind: 'demo',
      // no free text: the kind 'demo' says it, in the reader's language (catalogue provenance.kind.demo)
      provenance: null,
      mapping: null,
    });
    const upserter = createReportUpserter(db, importId);
    const total = data.reports.length;
    for (let i = 0; i < total; i++) {
      const r = data.reports[i];
      upserter.upsert({ ...r, districtId: districtIds.get(r.beat) ?? null });
      if (i % 500 === 0) {
        ctx?.throwIfCancelled();
        ctx?.progress(0.3 + (0.7 * i) / total, `${i} / ${total}`);
      }
    }
    finishImport(db, importId, { ...upserter.counts, rejected: 0 });
    db.prepare(`UPDATE imports SET provenance_kind = 'demo' WHERE id = ?`).run(importId);
    // The demo marker: imports into this workspace are refused and every output can say "synthetic".
    setMeta(db, 'demo', JSON.stringify({ seed: data.seed }));
    setMeta(db, 'name', 'Demo – KMP Piotrków Trybunalski');
    // The command the demo plays: the city county and the rural county around it (PRG, bundled).
    setTerritory(db, powiatParts(DEMO_TERRITORY));
    const roads = db.prepare('INSERT OR REPLACE INTO settings(key, value_json) VALUES (?, ?)');
    roads.run('demo.roads', JSON.stringify(data.roads));
    return { reports: upserter.counts.inserted, districts: data.districts.length };
  });
  return tx();
}

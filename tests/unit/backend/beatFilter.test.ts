/**
 * The one report filter's beat part (issue 17 point 1): 0 means "outside all beats" everywhere, as on the map.
 * The bug: with only "outside beats" ticked, the renderer sent `districtIds: []` (0 dropped), which the store
 * reads as "all reports", so an analysis "on the current filter" ran on every report.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filterToSql, beatClause } from '../../../src/backend/store/reports';
import { toReportFilter, EMPTY_FILTER } from '../../../src/renderer/data/filter';
import { createWorkspace, gridBeats, makeReports } from '../../helpers/districtWorkspace';
import { tmpDir } from '../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
beforeEach(() => { t = tmpDir('rejon-beatfilter-'); });
afterEach(() => t.cleanup());

describe('beats in the report filter', () => {
  it('0 selects the reports outside all beats, alone or with beats; an empty list restricts nothing', () => {
    const db = createWorkspace(path.join(t.dir, 'w.sqlite'), makeReports({ n: 1500, seed: 5, outsideShare: 0.1 }), gridBeats());
    try {
      const count = (where: string, params: unknown[] = []) => (db.prepare(`SELECT count(*) AS n FROM reports ${where}`).get(...params) as { n: number }).n;
      const n = (ids: number[] | undefined) => { const q = filterToSql({ districtIds: ids }); return count(q.where, q.params); };
      const outside = count('WHERE district_id IS NULL');
      const beat4 = count('WHERE district_id = 4');
      const all = count('');
      expect(outside).toBeGreaterThan(50);
      expect(beat4).toBeGreaterThan(50);
      expect(n([0])).toBe(outside);
      expect(n([0, 4])).toBe(outside + beat4);
      expect(n([4])).toBe(beat4);
      expect(n([])).toBe(all);
      expect(n(undefined)).toBe(all);
      expect(beatClause([])).toBeNull();
      // the renderer's "only outside beats" reaches the store as exactly those reports
      const q = filterToSql(toReportFilter({ ...EMPTY_FILTER, districts: [0] }));
      expect(count(q.where, q.params)).toBe(outside);
      expect(outside).toBeLessThan(all);
    } finally {
      db.close();
    }
  });
});

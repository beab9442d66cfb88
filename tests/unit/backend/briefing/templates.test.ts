import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { Backend } from '../../../../src/backend/backend';
import { dispatch } from '../../../../src/backend/api/dispatch';
import { SCHEMA_VERSION } from '../../../../src/backend/store/migrations';
import type { BriefingTemplate } from '../../../../src/shared/contract/briefing';
import { createWorkspace, gridBeats } from '../../../helpers/districtWorkspace';
import { tmpDir } from '../../../helpers/tmp';

let t: ReturnType<typeof tmpDir>;
let file: string;

beforeAll(() => {
  t = tmpDir('rejon-templates-');
  file = path.join(t.dir, 'w.sqlite');
  createWorkspace(file, [], gridBeats(2, 1)).close();
});
afterAll(() => t.cleanup());

describe('briefing templates', () => {
  it('are stored in the workspace (migration 4): save, list, update, delete, survive reopening', async () => {
    let b = new Backend(file);
    const call = <T>(m: string, i: unknown) => dispatch(b.api, m, i) as Promise<T>;
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    expect(b.db.prepare("SELECT name FROM sqlite_master WHERE name = 'briefing_templates'").get()).toBeTruthy();
    expect(await call('listBriefingTemplates', {})).toEqual([]);

    const saved = await call<BriefingTemplate>('saveBriefingTemplate', {
      template: { name: 'Odprawa miesięczna – Śródmieście', sections: { matrix: false }, scope: 'beats', districtIds: [1, 2], periodKind: 'month', categories: ['Nieprawidłowe parkowanie'] },
    });
    expect(saved).toMatchObject({ name: 'Odprawa miesięczna – Śródmieście', scope: 'beats', districtIds: [1, 2], periodKind: 'month', public: false, threshold: 3, statuses: [] });
    expect(saved.updatedAt).toBeGreaterThan(0);
    await call('saveBriefingTemplate', { template: { name: 'Konsultacje społeczne', public: true, threshold: 5 } });
    await b.close();

    b = new Backend(file);
    let list = await call<BriefingTemplate[]>('listBriefingTemplates', {});
    expect(list.map((x) => x.name)).toEqual(['Konsultacje społeczne', 'Odprawa miesięczna – Śródmieście']);
    expect(list[1].sections).toEqual({ matrix: false });
    expect(list[0]).toMatchObject({ public: true, threshold: 5, scope: 'command', periodKind: 'half-year' });

    // same name = update (upsert)
    await call('saveBriefingTemplate', { template: { name: 'Konsultacje społeczne', public: true, threshold: 4, periodKind: 'year' } });
    list = await call<BriefingTemplate[]>('listBriefingTemplates', {});
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ threshold: 4, periodKind: 'year' });

    expect(await call('deleteBriefingTemplate', { name: 'Konsultacje społeczne' })).toEqual({ deleted: true });
    expect(await call('deleteBriefingTemplate', { name: 'Konsultacje społeczne' })).toEqual({ deleted: false });
    expect((await call<BriefingTemplate[]>('listBriefingTemplates', {})).map((x) => x.name)).toEqual(['Odprawa miesięczna – Śródmieście']);
    await b.close();
  });

  it('rejects invalid templates at the boundary', async () => {
    const b = new Backend(file);
    const call = (i: unknown) => dispatch(b.api, 'saveBriefingTemplate', i);
    try {
      await expect(call({ template: { name: '' } })).rejects.toThrow(/name/);
      await expect(call({ template: { name: 'x\u0001' } })).rejects.toThrow(/control/);
      await expect(call({ template: { name: 'x', threshold: 2 } })).rejects.toThrow(/threshold/);
      await expect(call({ template: { name: 'x', sections: { nonsense: true } } })).rejects.toThrow();
      await expect(call({ template: { name: 'x', districtIds: [42] } })).rejects.toThrow(/Unknown beat/);
      await expect(call({ template: { name: 'x', extra: 1 } })).rejects.toThrow();
    } finally {
      await b.close();
    }
  });
});

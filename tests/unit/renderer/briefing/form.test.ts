import { describe, expect, it } from 'vitest';
import { BriefingRequestSchema, BriefingTemplateSchema, type BriefingTemplate } from '../../../../src/shared/contract/briefing';
import {
  applyTemplate, buildRequest, formProblems, initialForm, mapFilterRange, publicOptions, templateFromForm, withComparison, withPeriod,
} from '../../../../src/renderer/briefing/form';
import { warsawToUtc } from '../../../../src/core/domain/time';

const DATA_DAY = '2026-10-31';

describe('briefing composer form', () => {
  it('starts from the map filter and the selected beats, with the latest full half-year', () => {
    const f = initialForm({ categories: ['Akty wandalizmu'], statuses: [], districtIds: [4] }, [3, 3, 1], DATA_DAY);
    expect(f.scope).toBe('beats');
    expect(f.districtIds).toEqual([1, 3]);
    expect(f.categories).toEqual(['Akty wandalizmu']);
    expect(f.statuses).toBeNull(); // an empty list in the filter means all
    expect([f.from, f.to]).toEqual(['2026-01-01', '2026-06-30']);
    expect([f.compareFrom, f.compareTo]).toEqual(['2025-07-04', '2025-12-31']);
    expect(f.threshold).toBe(3);
    expect(initialForm({}, [], DATA_DAY).scope).toBe('command');
  });

  it('builds a request the contract accepts; the automatic comparison is left to the backend', () => {
    const f = initialForm({}, [], DATA_DAY);
    const r = buildRequest({ ...f, title: '  Odprawa  ' });
    expect(BriefingRequestSchema.parse(r)).toEqual(r);
    expect(r).toMatchObject({ from: '2026-01-01', to: '2026-06-30', title: 'Odprawa' });
    expect(r.districtIds).toBeUndefined();
    expect(r.compareFrom).toBeUndefined();
    expect(r.categories).toBeUndefined();
    expect(Object.values(r.sections!).every(Boolean)).toBe(true);
    const b = buildRequest(withComparison({ ...f, scope: 'beats', districtIds: [2, 5], statuses: ['Potwierdzone'] }, 'calendar'));
    expect(b).toMatchObject({ districtIds: [2, 5], compareFrom: '2025-07-01', compareTo: '2025-12-31', statuses: ['Potwierdzone'] });
    expect(buildRequest(withComparison(f, 'year'))).toMatchObject({ compareFrom: '2025-01-01', compareTo: '2025-06-30' });
  });

  it('changes the period and its comparison together', () => {
    const f = withPeriod(initialForm({}, [], DATA_DAY), 'month', DATA_DAY);
    expect([f.from, f.to, f.compareFrom, f.compareTo]).toEqual(['2026-10-01', '2026-10-31', '2026-08-31', '2026-09-30']);
    const g = withPeriod(withComparison(f, 'calendar'), 'quarter', DATA_DAY);
    expect([g.from, g.to, g.compareFrom, g.compareTo]).toEqual(['2026-07-01', '2026-09-30', '2026-04-01', '2026-06-30']);
    const c = withPeriod(f, 'custom', DATA_DAY, { from: '2026-05-01', to: '2026-05-10' });
    expect([c.period, c.from, c.to, c.compareFrom, c.compareTo]).toEqual(['custom', '2026-05-01', '2026-05-10', '2026-04-21', '2026-04-30']);
    // custom comparison dates are kept
    const k = { ...withComparison(f, 'custom'), compareFrom: '2020-01-01', compareTo: '2020-01-31' };
    expect(buildRequest(k)).toMatchObject({ compareFrom: '2020-01-01', compareTo: '2020-01-31' });
  });

  it('names what stops a request', () => {
    const f = initialForm({}, [], DATA_DAY);
    expect(formProblems(f)).toEqual([]);
    expect(formProblems({ ...f, from: '2026-07-01' })).toEqual(['invalidDates']);
    expect(formProblems({ ...f, to: '2026-02-30' })).toEqual(['invalidDates']);
    expect(formProblems({ ...f, scope: 'beats', districtIds: [] })).toEqual(['noBeats']);
    // "none ticked" must never go out as [] (= all to the backend)
    expect(formProblems({ ...f, categories: [] })).toEqual(['noneSelected']);
    expect(formProblems({ ...withComparison(f, 'custom'), compareFrom: '2026-01-02', compareTo: '2026-01-01' })).toEqual(['invalidDates']);
  });

  it('clamps public options to the contract limits', () => {
    const f = initialForm({}, [], DATA_DAY);
    expect(publicOptions({ ...f, threshold: 1, hexSize: 10 })).toEqual({ threshold: 3, hexSize: 250 });
    expect(publicOptions({ ...f, threshold: 7.4, hexSize: 99999 })).toEqual({ threshold: 7, hexSize: 5000 });
  });

  it('saves a template and fills the form from it', () => {
    const f0 = initialForm({}, [], DATA_DAY);
    const f = { ...withPeriod(f0, 'quarter', DATA_DAY), scope: 'beats' as const, districtIds: [1, 2], categories: ['Akty wandalizmu'], public: true, threshold: 5, sections: { ...f0.sections, matrix: false } };
    const tpl = templateFromForm(' Kwartalna ', f);
    expect(BriefingTemplateSchema.parse(tpl)).toMatchObject({ name: 'Kwartalna', periodKind: 'quarter', scope: 'beats', districtIds: [1, 2], public: true, threshold: 5 });
    // a half-year chosen from the list is saved as "half-year" (the latest one when applied)
    expect(templateFromForm('x', withPeriod(f0, 'h2-2025', DATA_DAY)).periodKind).toBe('half-year');
    expect(templateFromForm('x', withPeriod(f0, 'custom', DATA_DAY, { from: '2026-05-03', to: '2026-05-09' })).periodKind).toBe('custom');
    const back = applyTemplate(initialForm({}, [], DATA_DAY), { ...(tpl as BriefingTemplate), updatedAt: 0 }, DATA_DAY);
    expect(back).toMatchObject({ scope: 'beats', districtIds: [1, 2], categories: ['Akty wandalizmu'], statuses: null, public: true, threshold: 5, period: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    expect(back.sections.matrix).toBe(false);
    expect(back.sections.map).toBe(true);
    // a custom-period template keeps the dates in the form
    const kept = applyTemplate(f, { ...(tpl as BriefingTemplate), periodKind: 'custom', updatedAt: 0 }, DATA_DAY);
    expect([kept.from, kept.to]).toEqual([f.from, f.to]);
  });

  it('turns the map period [from, to) into calendar days', () => {
    expect(mapFilterRange({ from: warsawToUtc(2026, 3, 1), to: warsawToUtc(2026, 4, 1) })).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(mapFilterRange({ from: warsawToUtc(2026, 3, 1) })).toBeNull();
  });
});

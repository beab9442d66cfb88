import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, layoutAfterLoad, normalizeLayout } from '../../../src/renderer/settings';

describe('layoutAfterLoad: the saved layout, without undoing what the user did while it loaded', () => {
  const saved = normalizeLayout({ view: 'districts', filtersOpen: false, layersOpen: true, timelineOpen: false, mapView: { center: [19.7, 51.4], zoom: 12 }, playMode: 'cumulative' });

  it('takes the saved layout when the user changed nothing', () => {
    expect(layoutAfterLoad(saved, DEFAULT_LAYOUT)).toEqual(saved);
  });

  it('keeps a tab clicked during the load (seen on a slow machine: the click on Import was undone)', () => {
    const out = layoutAfterLoad(saved, { ...DEFAULT_LAYOUT, view: 'import' });
    expect(out.view).toBe('import');
    expect(out.filtersOpen).toBe(false); // the rest still comes from the saved layout
    expect(out.playMode).toBe('cumulative');
  });

  it('keeps a panel toggled during the load', () => {
    expect(layoutAfterLoad(saved, { ...DEFAULT_LAYOUT, layersOpen: false }).layersOpen).toBe(false);
  });

  it('always takes the saved map view: the map reports its start view by itself', () => {
    const out = layoutAfterLoad(saved, { ...DEFAULT_LAYOUT, mapView: { center: [19, 52], zoom: 6 } });
    expect(out.mapView).toEqual({ center: [19.7, 51.4], zoom: 12 });
  });
});

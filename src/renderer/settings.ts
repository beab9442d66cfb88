import { useEffect, useRef } from 'react';
import type { Client } from './api/client';

/** Save a value to a workspace setting, debounced (layout, filter and layers are workspace data). */
export function usePersistedSetting(client: Client, key: string, value: unknown, enabled: boolean, delayMs = 400): void {
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const json = JSON.stringify(value);
    if (json === last.current) return;
    const timer = setTimeout(() => {
      last.current = json;
      void client.api.setSetting({ key, value }).catch(() => undefined);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [client, key, value, enabled, delayMs]);
}

export interface Layout {
  view: 'map' | 'import' | 'districts' | 'briefing';
  filtersOpen: boolean;
  layersOpen: boolean;
  timelineOpen: boolean;
  mapView: { center: [number, number]; zoom: number } | null;
  playMode: 'moving' | 'cumulative';
}

export const DEFAULT_LAYOUT: Layout = { view: 'map', filtersOpen: true, layersOpen: true, timelineOpen: true, mapView: null, playMode: 'moving' };

/**
 * The layout once the saved one has loaded: the saved layout, except what the user changed while it loaded (a tab
 * or a panel toggled before the first data arrived: on a slow machine the click would otherwise be undone). The map
 * view always comes from the saved layout: the map reports its own start view without any user action.
 */
export function layoutAfterLoad(saved: Layout, current: Layout, defaults: Layout = DEFAULT_LAYOUT): Layout {
  const out: Layout = { ...saved };
  for (const k of ['view', 'filtersOpen', 'layersOpen', 'timelineOpen', 'playMode'] as const) {
    if (current[k] !== defaults[k]) (out as Record<typeof k, unknown>)[k] = current[k];
  }
  return out;
}

export function normalizeLayout(raw: unknown): Layout {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const mv = r.mapView as { center?: unknown; zoom?: unknown } | null | undefined;
  const validView =
    mv && Array.isArray(mv.center) && mv.center.length === 2 && mv.center.every((x) => typeof x === 'number' && Number.isFinite(x)) && typeof mv.zoom === 'number'
      ? { center: [mv.center[0], mv.center[1]] as [number, number], zoom: Math.min(22, Math.max(0, mv.zoom)) }
      : null;
  return {
    view: (['map', 'import', 'districts', 'briefing'] as const).find((v) => v === r.view) ?? 'map',
    filtersOpen: typeof r.filtersOpen === 'boolean' ? r.filtersOpen : true,
    layersOpen: typeof r.layersOpen === 'boolean' ? r.layersOpen : true,
    timelineOpen: typeof r.timelineOpen === 'boolean' ? r.timelineOpen : true,
    mapView: validView,
    playMode: r.playMode === 'cumulative' ? 'cumulative' : 'moving',
  };
}

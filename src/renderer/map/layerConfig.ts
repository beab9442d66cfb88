/** Layer configuration: stored in the workspace as data (setting `map.layers`). */
export interface LayerConfig {
  points: { visible: boolean; colorBy: 'category' | 'status'; radiusPx: number; opacity: number };
  /** Heat: Gaussian kernel of a fixed ground radius, colours on a FIXED density scale (reports/km²). */
  heat: { visible: boolean; radiusM: number; maxDensity: number | null; opacity: number };
  /** Hexagon counts aggregated on the client, fixed colour domain 0..maxCount. */
  hex: { visible: boolean; sizeM: number; maxCount: number | null; opacity: number };
  districts: { visible: boolean; labels: boolean; counts: boolean };
  boundaries: { visible: boolean };
  /** Outline of the command's territory (drawn only when the workspace has one). */
  territory: { visible: boolean };
  analysis: { visible: boolean; opacity: number };
  /** Named streets and places (imported layers, the demo's places): lines, dots and labels. */
  places: { visible: boolean };
  basemap: { sourceId: string | null; opacity: number };
}

export const DEFAULT_LAYERS: LayerConfig = {
  points: { visible: true, colorBy: 'category', radiusPx: 3, opacity: 0.85 },
  heat: { visible: true, radiusM: 400, maxDensity: null, opacity: 0.7 },
  hex: { visible: false, sizeM: 500, maxCount: null, opacity: 0.75 },
  districts: { visible: true, labels: true, counts: true },
  boundaries: { visible: true },
  territory: { visible: true },
  analysis: { visible: true, opacity: 0.8 },
  places: { visible: true },
  basemap: { sourceId: null, opacity: 1 },
};

const clamp = (v: unknown, lo: number, hi: number, dflt: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : dflt);
const bool = (v: unknown, dflt: boolean) => (typeof v === 'boolean' ? v : dflt);
const optNum = (v: unknown, lo: number, hi: number) => (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi ? v : null);

/** Merge a stored configuration with the defaults, dropping anything malformed. */
export function normalizeLayers(raw: unknown): LayerConfig {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, Record<string, unknown> | undefined>;
  const d = DEFAULT_LAYERS;
  const p = r.points ?? {}, h = r.heat ?? {}, x = r.hex ?? {}, ds = r.districts ?? {}, b = r.boundaries ?? {}, a = r.analysis ?? {}, bm = r.basemap ?? {};
  return {
    points: { visible: bool(p.visible, d.points.visible), colorBy: p.colorBy === 'status' ? 'status' : 'category', radiusPx: clamp(p.radiusPx, 1, 12, d.points.radiusPx), opacity: clamp(p.opacity, 0.1, 1, d.points.opacity) },
    heat: { visible: bool(h.visible, d.heat.visible), radiusM: clamp(h.radiusM, 50, 5000, d.heat.radiusM), maxDensity: optNum(h.maxDensity, 0.001, 1e9), opacity: clamp(h.opacity, 0.1, 1, d.heat.opacity) },
    hex: { visible: bool(x.visible, d.hex.visible), sizeM: clamp(x.sizeM, 50, 10_000, d.hex.sizeM), maxCount: optNum(x.maxCount, 1, 1e9), opacity: clamp(x.opacity, 0.1, 1, d.hex.opacity) },
    districts: { visible: bool(ds.visible, true), labels: bool(ds.labels, true), counts: bool(ds.counts, true) },
    boundaries: { visible: bool(b.visible, true) },
    territory: { visible: bool((r.territory ?? {}).visible, true) },
    analysis: { visible: bool(a.visible, true), opacity: clamp(a.opacity, 0.1, 1, d.analysis.opacity) },
    places: { visible: bool((r.places ?? {}).visible, true) },
    basemap: { sourceId: typeof bm.sourceId === 'string' && /^[a-z0-9][a-z0-9_-]{0,39}$/.test(bm.sourceId) ? bm.sourceId : null, opacity: clamp(bm.opacity, 0.1, 1, 1) },
  };
}

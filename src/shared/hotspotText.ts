/**
 * Message codes for a stored hotspot's fields (src/shared/contract/analysis.ts HotspotSchema), shared by the
 * renderer and the CLI so both say the same thing. Texts: src/shared/i18n/catalog/hotspots.ts.
 */
import { msg, type Msg } from '../core/message';
import type { StoredHotspot } from './contract/analysis';
import { formatNumber, translate, type Lang } from './i18n';

const pad = (h: number) => String(h).padStart(2, '0');

/** "17:00–23:00", or "spread over the day" when the reports do not concentrate. */
export function hotspotHoursMsg(h: Pick<StoredHotspot, 'hours'>): Msg | null {
  if (!h.hours) return null;
  if (!h.hours.concentrated) return msg('hotspots.hours.spread');
  return msg('hotspots.hours.span', { from: pad(h.hours.from), to: pad(h.hours.to) });
}

/** "since 2026-05", "since at least 2024-11 (the start of the analysed period)" or "until 2026-03 (ended since)". */
export function hotspotSinceMsg(h: Pick<StoredHotspot, 'since' | 'sinceFromStart' | 'until'>): Msg | null {
  if (h.since) return h.sinceFromStart ? msg('hotspots.since.fromStart', { month: h.since }) : msg('hotspots.since.month', { month: h.since });
  if (h.until) return msg('hotspots.since.until', { month: h.until });
  return null;
}

/**
 * The default rule (or the option used) of a stored Gi* analysis, in words. With several strata the band and the
 * surroundings are given per kind of area ("147 m (miasto), 250 m (teren wiejski)").
 */
export function hotspotRuleText(lang: Lang, params: Record<string, unknown>): string {
  const n = (k: string) => (typeof params[k] === 'number' ? Math.round(params[k] as number) : 0);
  if (params.rule === 'beats' || params.aggregation === 'features') return translate(lang, msg('hotspots.rule.beats', { band: n('distanceBand'), minReports: n('minReports') }));
  // analyses stored before the place rule (no `rule`) used the ArcGIS settings
  if (params.rule !== 'place') return translate(lang, msg('hotspots.rule.isa', { cell: n('cellSize'), band: n('distanceBand'), minReports: n('minReports') }));
  const bands = storedBands(params).filter((b) => b.reports > 0);
  const per = (f: (b: (typeof bands)[number]) => number) =>
    bands.length > 1 ? bands.map((b) => `${formatNumber(lang, Math.round(f(b)))} m (${translate(lang, kindMsg(b.stratum))})`).join(', ') : null;
  return translate(lang, msg('hotspots.rule.place', {
    square: n('squareSide'), band: per((b) => b.distanceBand) ?? `${n('distanceBand')} m`, k: n('kthNeighbourK'),
    reference: per((b) => b.referenceRadius) ?? `${n('referenceRadius')} m`, minReports: n('minReports'),
  }));
}

export interface StoredBand {
  stratum: string;
  distanceBand: number;
  referenceRadius: number;
  reports: number;
}

/**
 * The per-stratum bands of a stored Gi* analysis (`params.bands`), checked: stored parameters are data from disk,
 * so entries without a stratum name or a finite band are left out.
 */
export function storedBands(params: Record<string, unknown>): StoredBand[] {
  if (!Array.isArray(params.bands)) return [];
  const fin = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
  const out: StoredBand[] = [];
  for (const b of params.bands as unknown[]) {
    if (b == null || typeof b !== 'object') continue;
    const r = b as Record<string, unknown>;
    const band = { stratum: r.stratum, distanceBand: fin(r.distanceBand), referenceRadius: fin(r.referenceRadius), reports: fin(r.reports) };
    if (typeof band.stratum !== 'string' || !Number.isFinite(band.distanceBand)) continue;
    out.push({ ...band, stratum: band.stratum, referenceRadius: Number.isFinite(band.referenceRadius) ? band.referenceRadius : 0, reports: Number.isFinite(band.reports) ? band.reports : 0 });
  }
  return out;
}

/** How the list is ordered, in words. */
export function hotspotRankingMsg(params: Record<string, unknown>): Msg {
  const n = (k: string) => (typeof params[k] === 'number' ? Math.round(params[k] as number) : 0);
  return msg('hotspots.rule.ranking', { radius: n('placeRadius'), reference: n('referenceRadius') });
}

/** A beat kind of the districts table ('city', 'rural' are stored codes) or a stratum name, in words. */
export function kindMsg(kind: string): Msg {
  switch (kind) {
    case 'city': return msg('hotspots.kind.city');
    case 'rural': return msg('hotspots.kind.rural');
    case '(outside)': return msg('hotspots.kind.outside');
    case '(hull)': return msg('hotspots.kind.hull');
    case 'territory': return msg('hotspots.kind.territory');
    default: return msg('hotspots.kind.other', { kind });
  }
}

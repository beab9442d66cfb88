/**
 * The one hotspot summary of a briefing: every place that mentions hotspots (beat and scope summaries, the beats
 * table's hotspot column, the hotspot tables, the maps' numbered cells) reads it, so they cannot disagree.
 *
 * Fed from the analyses' ranked hotspot list (./hotspots.ts briefingHotspots: findHotspots, the place rule), kept
 * for the beats in scope.
 */
import type { HotspotMention } from '../../core/briefing/summary';
import type { Msg } from '../../core/message';
import type { BriefingHotspot } from '../../shared/contract/briefing';

export interface HotspotSummary {
  /** False when no hotspot analysis could be run: the text then claims nothing about hotspots. */
  analysed: boolean;
  /** Hotspots per beat in scope, ranked (rank 1 first). */
  byBeat: Map<number, BriefingHotspot[]>;
  total: number;
  beatsWithHotspots: number;
}

export function summarizeHotspots(analysed: boolean, beatIds: number[], byBeat: Map<number, BriefingHotspot[]>): HotspotSummary {
  const inScope = new Map<number, BriefingHotspot[]>();
  for (const id of beatIds) inScope.set(id, [...(byBeat.get(id) ?? [])].sort((a, b) => a.rank - b.rank));
  let total = 0, beats = 0;
  for (const list of inScope.values()) { total += list.length; if (list.length) beats++; }
  return { analysed, byBeat: inScope, total, beatsWithHotspots: beats };
}

/** What a beat's summary says about its hotspots. */
export function beatMention(s: HotspotSummary, beatId: number): HotspotMention {
  const list = s.byBeat.get(beatId) ?? [];
  return { analysed: s.analysed, count: list.length, top: list[0] ? { location: list[0].location, count: list[0].count } : null };
}

/** What the scope's summary says: all hotspots of the beats in scope, the largest named with its beat. */
export function scopeMention(s: HotspotSummary, beatNames: Map<number, string>): HotspotMention {
  let top: { location: Msg; count: number; beat: string } | null = null;
  for (const [id, list] of s.byBeat) {
    for (const h of list) if (!top || h.count > top.count) top = { location: h.location, count: h.count, beat: beatNames.get(id) ?? '' };
  }
  return { analysed: s.analysed, count: s.total, beats: s.beatsWithHotspots, top };
}

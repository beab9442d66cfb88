/**
 * Generated summary of a beat (or of the whole scope) for a briefing, from its numbers only, as message codes with
 * parameters (catalogue src/shared/i18n/catalog/briefing.ts), e.g. in Polish:
 *   "W rejonie 3 – Dworzec liczba zgłoszeń wzrosła o 35% (162 wobec 120 w okresie porównawczym; p = 0,01,
 *    zmiana istotna statystycznie). Najczęstsze kategorie: … Zgłoszenia koncentrują się wieczorem (18:00–22:00),
 *    zwłaszcza w weekendy. Wykryto 2 istotne statystycznie skupiska (Gi*); największe: …"
 * Rules (each sentence true of the numbers beside it):
 * - below MIN_REPORTS_FOR_CHANGE reports in both periods together no percentage, p-value or time pattern is
 *   claimed: the text gives the counts and says they are too few to judge a change;
 * - significance is claimed only when p < alpha (0.05), a rise/fall only then;
 * - the time-of-day word is derived from the peak window's own hours (never "rano (17:00–21:00)");
 * - the hotspot sentence comes from the one hotspot summary of the briefing (see HotspotSummary).
 */
import { msg, type Msg } from '../message';
import { hourRange } from './polish';

/** Fewer reports than this in both periods together: too few to judge a change; the beat gets a short entry. */
export const MIN_REPORTS_FOR_CHANGE = 20;

export interface BriefingSummary {
  /** "W rejonie 3 – Dworzec" / "In beat 3 – Dworzec": filled into the first sentence's {where}. */
  where: Msg;
  sentences: Msg[];
}

/** What the one hotspot summary says about a beat or a scope (see backend/briefing/hotspotSummary.ts). */
export interface HotspotMention {
  /** False when no Gi* analysis could be run (too few reports): nothing is claimed either way. */
  analysed: boolean;
  count: number;
  /** Beats with at least one hotspot (scope sentences). */
  beats?: number;
  top: { location: Msg; count: number; beat?: string } | null;
}

export interface SummaryInput {
  name: string;
  /** Opening phrase overriding the one derived from the name. */
  where?: Msg;
  count: number;
  previousCount: number;
  pValue: number;
  /** Top categories, most frequent first (names as the data has them). */
  categories: { name: string; count: number }[];
  /** [weekday 0=Mon..6=Sun][hour 0..23] */
  hourWeekday: number[][];
  hotspots?: HotspotMention;
  alpha?: number;
  minReports?: number;
}

/** "W rejonie 3 – Dworzec" for "Rejon 3 – Dworzec"; "W obszarze „Komisariat Policji w Sulejowie”" otherwise. */
export function inBeat(name: string): Msg {
  const m = /^rejon\s+(.+)$/i.exec(name.trim());
  if (m) return msg('briefing.where.beat', { name: m[1] });
  return msg('briefing.where.area', { name });
}

/** Too few reports in both periods together to judge a change (and to describe a pattern). */
export function tooFewToJudge(count: number, previousCount: number, min = MIN_REPORTS_FOR_CHANGE): boolean {
  return count + previousCount < min;
}

export interface TimePattern {
  /** Time-of-day code of the peak window (catalogue select), null when hours are spread evenly. */
  band: TimeBand | null;
  /** Peak 4-hour window [start, end) (end may exceed 24). */
  peak: [number, number] | null;
  days: 'weekend' | 'workdays' | null;
  /** Most frequent two consecutive weekdays (0 = Monday), for tables. */
  peakDays: [number, number] | null;
}

export type TimeBand = 'night' | 'morning' | 'day' | 'afternoon' | 'evening' | 'morningDay' | 'dayAfternoon' | 'afternoonEvening' | 'eveningNight' | 'nightMorning';

/** Day parts in order round the clock; the night is 22:00–06:00. */
const PARTS: { code: 'night' | 'morning' | 'day' | 'afternoon' | 'evening'; hours: number[] }[] = [
  { code: 'night', hours: [22, 23, 0, 1, 2, 3, 4, 5] },
  { code: 'morning', hours: [6, 7, 8, 9] },
  { code: 'day', hours: [10, 11, 12, 13] },
  { code: 'afternoon', hours: [14, 15, 16, 17] },
  { code: 'evening', hours: [18, 19, 20, 21] },
];
const PAIRS: Record<string, TimeBand> = {
  'morning+day': 'morningDay', 'day+afternoon': 'dayAfternoon', 'afternoon+evening': 'afternoonEvening', 'evening+night': 'eveningNight', 'night+morning': 'nightMorning',
};

/**
 * The time-of-day word of a window of hours [start, end): the day part holding most of its hours, or the two
 * neighbouring parts when it is split evenly between them (16:00–20:00 → "po południu i wieczorem").
 */
export function bandOfWindow(start: number, end: number): TimeBand {
  const overlap = PARTS.map((p) => {
    let n = 0;
    for (let h = start; h < end; h++) if (p.hours.includes(((h % 24) + 24) % 24)) n++;
    return n;
  });
  const max = Math.max(...overlap);
  const top = PARTS.map((p, i) => (overlap[i] === max ? i : -1)).filter((i) => i >= 0);
  if (top.length === 1) return PARTS[top[0]].code;
  // two parts equally: they are neighbours (a 4-hour window touches at most two); name them in clock order
  const [a, b] = top;
  const key = a === 0 && b === PARTS.length - 1 ? `${PARTS[b].code}+${PARTS[a].code}` : `${PARTS[a].code}+${PARTS[b].code}`;
  return PAIRS[key] ?? PARTS[a].code;
}

const DAY_CODES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Time pattern of an hour × weekday matrix (see module doc). */
export function timePattern(hw: number[][]): TimePattern {
  const hours = new Array(24).fill(0);
  const days = new Array(7).fill(0);
  let total = 0;
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) { const v = hw[d]?.[h] ?? 0; hours[h] += v; days[d] += v; total += v; }
  if (total < 5) return { band: null, peak: null, days: null, peakDays: null };
  // peak 4-hour window (circular)
  let best = -1, bestStart = 0;
  for (let s = 0; s < 24; s++) {
    let v = 0;
    for (let k = 0; k < 4; k++) v += hours[(s + k) % 24];
    if (v > best) { best = v; bestStart = s; }
  }
  const peak: [number, number] | null = best / total >= 1.4 * (4 / 24) ? [bestStart, bestStart + 4] : null;
  const band = peak ? bandOfWindow(peak[0], peak[1]) : null;
  const weekend = (days[5] + days[6]) / total;
  const dayPhrase = weekend >= 1.3 * (2 / 7) ? 'weekend' as const : weekend <= 0.6 * (2 / 7) ? 'workdays' as const : null;
  // two consecutive days with the most reports
  let bd = 0, bv = -1;
  for (let d = 0; d < 7; d++) { const v = days[d] + days[(d + 1) % 7]; if (v > bv) { bv = v; bd = d; } }
  const peakDays: [number, number] | null = bv / total >= 1.3 * (2 / 7) ? [bd, (bd + 1) % 7] : null;
  return { band, peak, days: dayPhrase, peakDays };
}

/** Short hours description for hotspot tables: "18:00–22:00, pt–sb" or "bez wyraźnej pory" (a message). */
export function hoursLabel(hw: number[][]): Msg {
  const t = timePattern(hw);
  const range = t.peak ? hourRange(t.peak[0], t.peak[1]) : null;
  const days = t.peakDays ? { d1: DAY_CODES[t.peakDays[0]], d2: DAY_CODES[t.peakDays[1]] } : null;
  if (range && days) return msg('briefing.hours.peakDays', { range, ...days });
  if (range) return msg('briefing.hours.peak', { range });
  if (days) return msg('briefing.hours.days', days);
  return msg('briefing.hours.none');
}

/** Percent for text: one decimal below 10 when not whole, else an integer. */
function pctValue(share: number): number {
  const v = share * 100;
  if (Math.abs(v) < 10 && Math.abs(v - Math.round(v)) >= 0.05) return Math.round(v * 10) / 10;
  return Math.round(v);
}

/** p rounded as printed: 3 decimals below 0.01, 4 near 0.05 (0.0497 never reads "0,05"), else 2. */
function pRounded(p: number): number {
  const d = p < 0.01 ? 3 : p >= 0.04 && p < 0.06 ? 4 : 2;
  return Math.round(p * 10 ** d) / 10 ** d;
}

export function beatSummary(input: SummaryInput): BriefingSummary {
  const alpha = input.alpha ?? 0.05;
  const min = input.minReports ?? MIN_REPORTS_FOR_CHANGE;
  const { count, previousCount: prev } = input;
  const where = input.where ?? inBeat(input.name);
  const sentences: Msg[] = [];
  if (count === 0 && prev === 0) return { where, sentences: [msg('briefing.summary.none')] };
  const few = tooFewToJudge(count, prev, min);
  const sig = input.pValue < alpha;
  const p = { p: pRounded(input.pValue), pLess: input.pValue < 0.001 };
  if (few) sentences.push(msg('briefing.summary.tooFew', { count, prev, min }));
  else if (count === prev) sentences.push(msg('briefing.summary.same', { count }));
  else if (prev === 0) sentences.push(msg('briefing.summary.fromZero', { count, sig, ...p }));
  else if (!sig) sentences.push(msg('briefing.summary.changeNotSig', { count, prev, up: count > prev, pct: Math.round((Math.abs(count - prev) / prev) * 100), ...p }));
  else sentences.push(msg('briefing.summary.changeSig', { count, prev, up: count > prev, pct: Math.round((Math.abs(count - prev) / prev) * 100), ...p }));
  if (count > 0 && input.categories.length > 0) {
    const top = input.categories.filter((c) => c.count > 0).slice(0, 2);
    const [first, second] = top;
    const firstShare = first.count / count;
    if (few) {
      // shares of a handful of reports read like a finding: counts only
      sentences.push(second ? msg('briefing.summary.categoriesTwoCounts', { cat1: first.name, n1: first.count, cat2: second.name, n2: second.count }) : msg('briefing.summary.categoryTopCount', { cat1: first.name, n1: first.count }));
    } else if (second && second.count / count >= 0.15) {
      sentences.push(msg('briefing.summary.categoriesTwo', { cat1: first.name, share1: pctValue(firstShare), cat2: second.name, share2: pctValue(second.count / count) }));
    } else {
      sentences.push(msg(firstShare >= 0.5 ? 'briefing.summary.categoryDominant' : 'briefing.summary.categoryTop', { cat1: first.name, share1: pctValue(firstShare) }));
    }
  }
  // a time pattern is a claim too: only from enough reports in the period itself
  if (count >= min) {
    const t = timePattern(input.hourWeekday);
    if (t.band && t.peak) sentences.push(msg('briefing.summary.time', { band: t.band, hasRange: true, range: hourRange(t.peak[0], t.peak[1]), days: t.days ?? 'none' }));
    else if (t.days) sentences.push(msg('briefing.summary.timeDays', { days: t.days }));
    else sentences.push(msg('briefing.summary.timeEven'));
  }
  const hs = input.hotspots;
  if (hs) {
    if (hs.count > 0 && hs.top) {
      if (hs.beats != null) sentences.push(msg('briefing.summary.hotspotsScope', { n: hs.count, beats: hs.beats, top: hs.top.location, beat: hs.top.beat ?? '', topCount: hs.top.count }));
      else sentences.push(msg('briefing.summary.hotspots', { n: hs.count, top: hs.top.location, topCount: hs.top.count }));
    } else if (!hs.analysed) {
      if (count > 0) sentences.push(msg('briefing.summary.noHotspotAnalysis'));
    } else if (count > 0) {
      sentences.push(msg('briefing.summary.noHotspots'));
    }
  }
  return { where, sentences };
}

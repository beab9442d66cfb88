/**
 * Generated Polish summary of a beat for a briefing, from its numbers only:
 *   "W rejonie 3 – Dworzec liczba zgłoszeń wzrosła o 35% (162 wobec 120 w okresie porównawczym; p = 0,01,
 *    zmiana istotna statystycznie). Najczęstsze kategorie: spożywanie alkoholu w miejscach niedozwolonych (42%)
 *    i nieprawidłowe parkowanie (18%). Zgłoszenia koncentrują się wieczorami (18:00–22:00), zwłaszcza w weekendy."
 * Rules: significance is claimed only when p < alpha (0.05); a change is described as a rise/fall only then,
 * otherwise as "bez istotnej zmiany"; time patterns are named only when clearly above an even spread.
 */
import { formatInt, formatP, formatPercent, hourRange, inSentence, plural, REPORT_FORMS } from './polish';

export interface SummaryInput {
  name: string;
  /** Opening phrase overriding the one derived from the name, e.g. "Na całym obszarze komendy". */
  where?: string;
  count: number;
  previousCount: number;
  pValue: number;
  /** Top categories, most frequent first. */
  categories: { name: string; count: number }[];
  /** [weekday 0=Mon..6=Sun][hour 0..23] */
  hourWeekday: number[][];
  hotspots?: { location: string; count: number }[];
  alpha?: number;
}

/** "W rejonie 3 – Dworzec" for "Rejon 3 – Dworzec"; "W obszarze „Komisariat Policji w Sulejowie”" otherwise. */
export function inBeat(name: string): string {
  const m = /^rejon\s+(.+)$/i.exec(name.trim());
  if (m) return `W rejonie ${m[1]}`;
  return `W obszarze „${name}”`;
}

export interface TimePattern {
  /** Band phrase, e.g. "wieczorami", or null when hours are spread evenly. */
  band: string | null;
  /** Peak 4-hour window [start, end) (end may exceed 24). */
  peak: [number, number] | null;
  /** "w weekendy" | "w dni robocze" | null */
  days: string | null;
  /** Most frequent weekday span, e.g. "pt–sb" (for tables). */
  peakDays: string | null;
}

const BANDS: { phrase: string; hours: number[] }[] = [
  { phrase: 'nocą', hours: [22, 23, 0, 1, 2, 3, 4, 5] },
  { phrase: 'rano', hours: [6, 7, 8, 9] },
  { phrase: 'w ciągu dnia', hours: [10, 11, 12, 13] },
  { phrase: 'po południu', hours: [14, 15, 16, 17] },
  { phrase: 'wieczorami', hours: [18, 19, 20, 21] },
];

const SHORT = ['pn', 'wt', 'śr', 'cz', 'pt', 'sb', 'nd'];

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
  // band with the highest concentration relative to its length
  let band: string | null = null, bandRatio = 0;
  for (const b of BANDS) {
    const share = b.hours.reduce((a, h) => a + hours[h], 0) / total;
    const ratio = share / (b.hours.length / 24);
    if (ratio > bandRatio) { bandRatio = ratio; band = b.phrase; }
  }
  if (bandRatio < 1.4) band = null;
  const weekend = (days[5] + days[6]) / total;
  const dayPhrase = weekend >= 1.3 * (2 / 7) ? 'w weekendy' : weekend <= 0.6 * (2 / 7) ? 'w dni robocze' : null;
  // two consecutive days with the most reports
  let bd = 0, bv = -1;
  for (let d = 0; d < 7; d++) { const v = days[d] + days[(d + 1) % 7]; if (v > bv) { bv = v; bd = d; } }
  const peakDays = bv / total >= 1.3 * (2 / 7) ? `${SHORT[bd]}–${SHORT[(bd + 1) % 7]}` : null;
  return { band, peak, days: dayPhrase, peakDays };
}

/** Short hours description for hotspot tables: "18:00–22:00, pt–sb" or "bez wyraźnej pory". */
export function hoursLabel(hw: number[][]): string {
  const t = timePattern(hw);
  const parts: string[] = [];
  if (t.peak) parts.push(hourRange(t.peak[0], t.peak[1]));
  if (t.peakDays) parts.push(t.peakDays);
  return parts.length ? parts.join(', ') : 'bez wyraźnej pory';
}

export function beatSummary(input: SummaryInput): string {
  const alpha = input.alpha ?? 0.05;
  const { count, previousCount: prev } = input;
  const sentences: string[] = [];
  const who = input.where ?? inBeat(input.name);
  const sig = input.pValue < alpha;
  const reports = (n: number) => plural(n, REPORT_FORMS);
  if (count === 0 && prev === 0) {
    return `${who} nie odnotowano zgłoszeń ani w analizowanym, ani w porównawczym okresie.`;
  }
  const pText = `${formatP(input.pValue)}, ${sig ? 'zmiana istotna statystycznie' : 'zmiana nieistotna statystycznie'}`;
  if (prev === 0) {
    sentences.push(`${who} odnotowano ${reports(count)}, wobec braku zgłoszeń w okresie porównawczym (${pText}).`);
  } else if (count === prev) {
    sentences.push(`${who} liczba zgłoszeń nie zmieniła się (${reports(count)} w obu okresach).`);
  } else if (!sig) {
    sentences.push(
      `${who} odnotowano ${reports(count)} wobec ${formatInt(prev)} w okresie porównawczym (${count > prev ? '+' : '−'}${formatPercent(Math.abs(count - prev) / prev)}; ${pText}).`,
    );
  } else {
    const verb = count > prev ? 'wzrosła' : 'spadła';
    sentences.push(
      `${who} liczba zgłoszeń ${verb} o ${formatPercent(Math.abs(count - prev) / prev)} (${formatInt(count)} wobec ${formatInt(prev)} w okresie porównawczym; ${pText}).`,
    );
  }
  if (count > 0 && input.categories.length > 0) {
    const top = input.categories.filter((c) => c.count > 0).slice(0, 2);
    const first = top[0];
    const firstShare = first.count / count;
    const item = (c: { name: string; count: number }) => `${inSentence(c.name)} (${formatPercent(c.count / count)})`;
    if (top.length > 1 && top[1].count / count >= 0.15) sentences.push(`Najczęstsze kategorie: ${item(first)} i ${item(top[1])}.`);
    else sentences.push(`${firstShare >= 0.5 ? 'Przeważa kategoria' : 'Najczęstsza kategoria'}: ${item(first)}.`);
  }
  if (count >= 5) {
    const t = timePattern(input.hourWeekday);
    if (t.band || t.days) {
      const bandText = t.band ? `${t.band}${t.peak ? ` (${hourRange(t.peak[0], t.peak[1])})` : ''}` : null;
      const when = bandText && t.days ? `${bandText}, zwłaszcza ${t.days}` : (bandText ?? t.days);
      sentences.push(`Zgłoszenia koncentrują się ${when}.`);
    } else {
      sentences.push('Zgłoszenia rozkładają się równomiernie w ciągu doby i tygodnia.');
    }
  }
  const hs = input.hotspots ?? [];
  if (hs.length > 0) {
    const n = hs.length;
    const head = n === 1 ? 'Wykryto 1 istotne statystycznie skupisko' : `Wykryto ${plural(n, ['istotne statystycznie skupisko', 'istotne statystycznie skupiska', 'istotnych statystycznie skupisk'])}`;
    sentences.push(`${head} (Gi*); największe: ${hs[0].location} – ${reports(hs[0].count)}.`);
  } else if (count >= 5) {
    sentences.push('Nie wykryto istotnych statystycznie skupisk (Gi*).');
  }
  return sentences.join(' ');
}

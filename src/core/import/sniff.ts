/** CSV dialect sniffing on decoded text: delimiter, line break, Excel "sep=" hint, decimal comma. */

export type Delimiter = ';' | ',' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [';', '\t', ',', '|'];

export interface DelimiterDetection {
  delimiter: Delimiter;
  /** Fields per record in the sample (the mode). */
  fields: number;
  /** Share of sampled records with exactly `fields` fields (0..1). */
  consistency: number;
  /** From an Excel "sep=X" first line. */
  fromHint: boolean;
}

/**
 * Count fields per record for one delimiter with a quote-aware scan (RFC 4180: "" escapes a quote,
 * quoted fields may hold delimiters and line breaks). The last record is dropped when the sample
 * is a prefix of a longer file (`complete` false), as it may be cut.
 */
function fieldCounts(text: string, delim: number, maxRecords: number, complete: boolean): number[] {
  const counts: number[] = [];
  const n = text.length;
  let fields = 1;
  let inQuotes = false;
  let atFieldStart = true;
  let recordHasContent = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 34 && atFieldStart) { inQuotes = true; atFieldStart = false; recordHasContent = true; continue; }
    if (c === delim) { fields++; atFieldStart = true; recordHasContent = true; continue; }
    if (c === 10 || c === 13) {
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      if (recordHasContent) counts.push(fields);
      if (counts.length >= maxRecords) return counts;
      fields = 1; atFieldStart = true; recordHasContent = false;
      continue;
    }
    atFieldStart = false;
    recordHasContent = true;
  }
  if (complete && recordHasContent && !inQuotes) counts.push(fields);
  return counts;
}

/** Excel writes "sep=;" as a first line when asked to; returns the delimiter and the line length incl. break. */
export function parseSepHint(text: string): { delimiter: Delimiter; length: number } | null {
  if (text.length < 5 || (text.charCodeAt(0) | 0x20) !== 0x73) return null;
  const m = /^sep=(.)(\r\n|\n|\r)/i.exec(text.slice(0, 8));
  if (!m) return null;
  const d = m[1] as Delimiter;
  if (!DELIMITERS.includes(d)) return null;
  return { delimiter: d, length: m[0].length };
}

/**
 * Detect the delimiter among ; TAB , | from a decoded sample (e.g. the first 64 KiB).
 * Picks the delimiter whose field count is most consistent across records and > 1; ties go to the
 * order ; TAB , | (Polish Excel writes ';').
 */
export function detectDelimiter(text: string, complete = false, maxRecords = 200): DelimiterDetection {
  const hint = parseSepHint(text);
  if (hint) return { delimiter: hint.delimiter, fields: 0, consistency: 1, fromHint: true };
  let best: DelimiterDetection | null = null;
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = fieldCounts(text, d.charCodeAt(0), maxRecords, complete);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 1;
    let modeN = 0;
    for (const [c, k] of freq) if (k > modeN || (k === modeN && c > mode)) { mode = c; modeN = k; }
    if (mode < 2) continue;
    // the header row matters most: it must have the mode's field count
    const consistency = modeN / counts.length;
    const headerOk = counts[0] === mode ? 1 : 0;
    const score = consistency + headerOk * 0.5 + Math.min(mode, 50) / 1000;
    if (score > bestScore + 1e-9) { bestScore = score; best = { delimiter: d, fields: mode, consistency, fromHint: false }; }
  }
  return best ?? { delimiter: ';', fields: 1, consistency: 0, fromHint: false };
}

/** Line break outside quotes: '\r\n', '\n' or '\r' (first one found; default '\n'). */
export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) { inQuotes = !inQuotes; continue; }
    if (inQuotes) continue;
    if (c === 13) return i + 1 < text.length && text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    if (c === 10) return '\n';
  }
  return '\n';
}

export interface DecimalCommaDetection {
  decimalComma: boolean;
  /** Values like 51,4053 */
  commaValues: number;
  /** Values like 51.4053 */
  dotValues: number;
}

/**
 * Decide whether numeric (coordinate) columns use a decimal comma, from sample values.
 * Numbers (already typed, e.g. from XLSX) do not vote.
 */
export function detectDecimalComma(values: Iterable<unknown>): DecimalCommaDetection {
  let comma = 0;
  let dot = 0;
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const s = v.trim();
    if (/^[-+]?\d[\d\s\u00a0]*,\d+$/.test(s)) comma++;
    else if (/^[-+]?\d+\.\d+$/.test(s)) dot++;
  }
  return { decimalComma: comma > dot, commaValues: comma, dotValues: dot };
}

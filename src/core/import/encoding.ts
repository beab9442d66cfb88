/**
 * Text encoding detection for Polish CSV exports (pure; TextDecoder is available in Node and browsers).
 *
 * Order: BOM (UTF-8 / UTF-16) -> strict UTF-8 validation -> Polish-letter scoring between windows-1250
 * and ISO-8859-2. The two code pages agree on ę ó ł ń ć ż (and capitals) and differ only at
 * ą ś ź Ą Ś Ź: windows-1250 B9 9C 9F A5 8C 8F, ISO-8859-2 B1 B6 BC A1 A6 AC. Bytes 0x80-0x9F are C1
 * controls in ISO-8859-2, so any of them (also „ ” – in windows-1250 typography) is evidence for 1250.
 */

export type TextEncodingName = 'utf-8' | 'windows-1250' | 'iso-8859-2' | 'utf-16le' | 'utf-16be';

export interface EncodingDetection {
  encoding: TextEncodingName;
  /** Byte order mark length at the start of the bytes (0 when none). */
  bomLength: number;
  /**
   * 'certain': BOM, or valid UTF-8 with multi-byte sequences; 'high': clear Polish-letter evidence;
   * 'low': no decisive evidence (pure ASCII gives utf-8/low: ASCII decodes the same in all three).
   */
  confidence: 'certain' | 'high' | 'low';
  /** True when the sample had no byte >= 0x80 (the caller may re-detect later, see createAdaptiveDecoder). */
  asciiOnly: boolean;
  /** Scores used for the windows-1250 / ISO-8859-2 decision. */
  scores?: { windows1250: number; iso88592: number };
  /**
   * UTF-8 that is mostly valid but has bytes that do not decode (a damaged or mixed file): the count in the sample.
   * The file is read as UTF-8 and the rows with undecodable bytes are quarantined, instead of reading every row in
   * a single-byte code page and silently garbling all Polish letters.
   */
  invalidUtf8?: number;
}

/**
 * Strict UTF-8 validation (no overlongs, no surrogates, max U+10FFFF).
 * A sequence cut by the end of the buffer is accepted when `truncatedEnd` (sample of a longer file).
 * Returns 'ascii', 'utf8' (valid with multi-byte) or 'invalid'.
 */
export function validateUtf8(bytes: Uint8Array, start = 0, truncatedEnd = true): 'ascii' | 'utf8' | 'invalid' {
  let i = start;
  const n = bytes.length;
  let multi = false;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; min = 0x10000; }
    else return 'invalid';
    if (i + need > n - 1) {
      // sequence runs past the end
      if (!truncatedEnd) return 'invalid';
      for (let k = i + 1; k < n; k++) if ((bytes[k] & 0xc0) !== 0x80) return 'invalid';
      return multi ? 'utf8' : 'ascii';
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return 'invalid';
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 'invalid';
    multi = true;
    i += need + 1;
  }
  return multi ? 'utf8' : 'ascii';
}

/**
 * Valid multi-byte UTF-8 sequences and bytes that are not part of one, over the whole sample (validateUtf8 stops at
 * the first bad byte). A sequence cut by the end of the sample counts as neither.
 */
export function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need = 0;
    let min = 0;
    let cp = 0;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; min = 0x10000; }
    if (need === 0) { invalid++; i++; continue; }
    if (i + need >= n) break; // cut by the end of the sample
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) { ok = false; break; }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

const W1250_ONLY = new Set([0xb9, 0x9c, 0x9f, 0xa5, 0x8c, 0x8f]);
const ISO_ONLY = new Set([0xb1, 0xb6, 0xbc, 0xa1, 0xa6, 0xac]);
/** windows-1250 typography that is a C1 control in ISO-8859-2: „ ” “ – — … */
const W1250_PUNCT = new Set([0x84, 0x94, 0x93, 0x96, 0x97, 0x85]);

function isLetterByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b >= 0xa0;
}

/** Score the two Polish single-byte code pages. Letters count more when they sit next to letters. */
export function scorePolishCodepages(bytes: Uint8Array): { windows1250: number; iso88592: number } {
  let w = 0;
  let iso = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const inWord = (i > 0 && isLetterByte(bytes[i - 1])) || (i + 1 < n && isLetterByte(bytes[i + 1]));
    if (W1250_ONLY.has(b)) {
      w += inWord ? 2 : 1;
      if (b < 0xa0) w += 2; // C1 control in ISO-8859-2: cannot be ISO text
    } else if (ISO_ONLY.has(b)) {
      iso += inWord ? 2 : 1;
    } else if (b < 0xa0) {
      w += W1250_PUNCT.has(b) ? 2 : 1;
    }
  }
  return { windows1250: w, iso88592: iso };
}

/**
 * Detect the encoding of a file from its first bytes (pass 64 KiB or more; pass several samples
 * concatenated if you like — a multi-byte sequence cut at the end is tolerated).
 */
export function detectEncoding(bytes: Uint8Array): EncodingDetection {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, confidence: 'certain', asciiOnly: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { encoding: 'utf-16le', bomLength: 2, confidence: 'certain', asciiOnly: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { encoding: 'utf-16be', bomLength: 2, confidence: 'certain', asciiOnly: false };
  }
  const v = validateUtf8(bytes, 0, true);
  if (v === 'ascii') return { encoding: 'utf-8', bomLength: 0, confidence: 'low', asciiOnly: true };
  if (v === 'utf8') return { encoding: 'utf-8', bomLength: 0, confidence: 'certain', asciiOnly: false };
  // Mostly valid UTF-8 with a few bad bytes: still UTF-8 (single-byte Polish text has almost no valid multi-byte
  // sequences, as its letters are single high bytes between ASCII letters).
  const ev = utf8Evidence(bytes);
  if (ev.valid >= 2 && ev.valid >= 4 * ev.invalid) {
    return { encoding: 'utf-8', bomLength: 0, confidence: 'high', asciiOnly: false, invalidUtf8: ev.invalid };
  }
  const scores = scorePolishCodepages(bytes);
  if (scores.iso88592 > scores.windows1250) {
    return { encoding: 'iso-8859-2', bomLength: 0, confidence: scores.iso88592 >= 2 * scores.windows1250 + 2 ? 'high' : 'low', asciiOnly: false, scores };
  }
  // windows-1250 is the default of Polish-locale Excel, so it also wins ties.
  return {
    encoding: 'windows-1250',
    bomLength: 0,
    confidence: scores.windows1250 >= 2 * scores.iso88592 + 2 ? 'high' : 'low',
    asciiOnly: false,
    scores,
  };
}

/**
 * A streaming decoder that can defer the encoding decision while the input is pure ASCII:
 * when the first sample was ASCII-only (detection confidence 'low', asciiOnly) and a later chunk
 * holds non-ASCII bytes, detection is re-run on that chunk. Safe because ASCII decodes identically
 * in UTF-8, windows-1250 and ISO-8859-2.
 */
export interface AdaptiveDecoder {
  /** Decode the next chunk; pass final=true with the last chunk (may be empty). */
  decode(chunk: Uint8Array, final?: boolean): string;
  /** Current encoding (may change once, from an ASCII-only guess). */
  readonly encoding: TextEncodingName;
  readonly detection: EncodingDetection;
}

export function createAdaptiveDecoder(initial: EncodingDetection, fixed = false): AdaptiveDecoder {
  let detection = initial;
  // TextDecoder strips a UTF-8 / UTF-16 BOM itself (ignoreBOM: false)
  let decoder = new TextDecoder(initial.encoding);
  let undecided = !fixed && initial.asciiOnly;
  return {
    decode(chunk, final = false) {
      if (undecided) {
        let hi = false;
        for (let i = 0; i < chunk.length; i++) if (chunk[i] >= 0x80) { hi = true; break; }
        if (hi) {
          undecided = false;
          const d = detectEncoding(chunk);
          // a chunk from the middle of a file has no BOM; keep the confidence honest
          detection = { ...d, bomLength: 0, asciiOnly: false };
          decoder = new TextDecoder(d.encoding);
        }
      }
      return decoder.decode(chunk, { stream: !final });
    },
    get encoding() { return detection.encoding; },
    get detection() { return detection; },
  };
}

/**
 * Rough binary test on the first bytes: NUL bytes (outside UTF-16) or many control characters.
 */
export function looksBinary(bytes: Uint8Array, detection?: EncodingDetection): boolean {
  if (detection && detection.encoding.startsWith('utf-16')) return false;
  const n = Math.min(bytes.length, 65536);
  if (n === 0) return false;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) ctrl++;
  }
  return ctrl / n > 0.01;
}

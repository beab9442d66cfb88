/** Text folding used for tolerant matching of category/status/header names. */

const EXTRA_FOLD: Record<string, string> = { ł: 'l', Ł: 'l', đ: 'd', ß: 'ss' };

/**
 * Lower-case, strip diacritics (including Polish ł), collapse punctuation and whitespace.
 * "Spożywanie  alkoholu w miejscach NIEDOZWOLONYCH" -> "spozywanie alkoholu w miejscach niedozwolonych".
 */
export function foldText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁđß]/g, (c) => EXTRA_FOLD[c] ?? c)
    .toLowerCase()
    .replace(/[^a-z0-9()]+/g, ' ')
    .replace(/\s*\(\s*/g, ' (')
    .replace(/\s*\)\s*/g, ') ')
    .trim();
}

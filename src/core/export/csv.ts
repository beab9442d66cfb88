/**
 * CSV writing for exports opened in Excel: `;` delimiter (Polish locale), quotes where needed, and
 * formula-injection escaping (a cell starting with = + - @ TAB or CR gets a leading apostrophe).
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: CsvCell, delimiter = ';'): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // Numbers are data, not formulas: a negative number stays a number.
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, delimiter = ';'): string {
  const lines = [header.map((h) => escapeCsvCell(h, delimiter)).join(delimiter)];
  for (const r of rows) lines.push(r.map((c) => escapeCsvCell(c, delimiter)).join(delimiter));
  // BOM so Excel reads UTF-8 (Polish letters) correctly
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

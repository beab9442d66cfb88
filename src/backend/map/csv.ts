/**
 * CSV writing for exports opened in (Polish-locale) spreadsheets: `;` delimiter, CRLF, UTF-8 BOM, and
 * protection against formula injection (OWASP "CSV injection"): a cell that starts with = + - @, a tab
 * or a carriage return is prefixed with an apostrophe so the spreadsheet shows it as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: unknown, delimiter = ';'): string {
  if (value == null) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // Numbers are written by us and never formulas; negative coordinates stay numbers.
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvLine(cells: unknown[], delimiter = ';'): string {
  return cells.map((c) => escapeCsvCell(c, delimiter)).join(delimiter) + '\r\n';
}

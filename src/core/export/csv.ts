/**
 * The one CSV writer for exports opened in spreadsheets (Polish-locale Excel): `;` delimiter, quotes where needed,
 * UTF-8 BOM, CRLF, and formula-injection escaping after OWASP "CSV Injection":
 * - a text cell that starts with = + - @, a tab or a carriage return gets a leading apostrophe;
 * - the same characters right after a character a spreadsheet may split cells on (, ; tab CR LF) get one too, so
 *   `x,=HYPERLINK(…)` or `x<TAB>=cmd` cannot become a formula cell when the file is opened with another delimiter
 *   (a comma-locale Excel, a paste as tab-separated text);
 * - every cell holding a quote, a line break, a comma or a semicolon is quoted, whatever our own delimiter is (a
 *   tab is left unquoted: a reader that splits on it finds the escaped apostrophe first).
 * Numbers are our own data and never formulas: a negative number stays a number.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const FORMULA_AFTER_SEPARATOR = /([,;\t\r\n])([=+\-@])/g;
const NEEDS_QUOTES = /[",;\r\n]/;

/** Text a spreadsheet could read as a formula, neutralised (also for XLSX text cells). */
export function neutralizeFormulas(s: string): string {
  const inner = s.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

export function escapeCsvCell(value: unknown, delimiter = ';'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = neutralizeFormulas(String(value));
  if (NEEDS_QUOTES.test(s) || s.includes(delimiter)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One CSV line with its CRLF. */
export function csvLine(cells: readonly unknown[], delimiter = ';'): string {
  return cells.map((c) => escapeCsvCell(c, delimiter)).join(delimiter) + '\r\n';
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, delimiter = ';'): string {
  const lines = [header.map((h) => escapeCsvCell(h, delimiter)).join(delimiter)];
  for (const r of rows) lines.push(r.map((c) => escapeCsvCell(c, delimiter)).join(delimiter));
  // BOM so Excel reads UTF-8 (Polish letters) correctly
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The map's CSV export uses the one CSV writer (src/core/export/csv.ts: OWASP formula escaping, quoting). */
export { csvLine, escapeCsvCell } from '../../core/export/csv';

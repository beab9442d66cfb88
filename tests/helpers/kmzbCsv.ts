import fs from 'node:fs';
import iconv from 'iconv-lite';
import { toPuwg92 } from '../../src/core/domain/crs';
import { CATEGORIES } from '../../src/core/domain/categories';

export interface CsvRow {
  id: string;
  category: string;
  status: string;
  created: string;
  modified?: string;
  lon: number;
  lat: number;
  teryt?: string;
  description?: string;
}

function q(s: string): string {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A police-style export: windows-1250, ';', CRLF, X = NORTHING and Y = EASTING (swapped, Polish surveying order), decimal comma. */
export function writeKmzbCsv(file: string, rows: Iterable<CsvRow>): void {
  const lines = ['Nr zgłoszenia;Kategoria;Status;Data utworzenia;Data modyfikacji;X;Y;TERYT;Opis'];
  for (const r of rows) {
    const [e, n] = toPuwg92(r.lon, r.lat);
    lines.push(
      [r.id, q(r.category), q(r.status), r.created, r.modified ?? '', n.toFixed(2).replace('.', ','), e.toFixed(2).replace('.', ','), r.teryt ?? '', q(r.description ?? '')].join(';'),
    );
  }
  fs.writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'windows-1250'));
}

/** n synthetic rows around Piotrków (deterministic). */
export function* syntheticRows(n: number, start = 0): Generator<CsvRow> {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = start; i < start + n; i++) {
    const c = CATEGORIES[i % CATEGORIES.length];
    const d = 1 + (i % 28);
    const m = 1 + (i % 12);
    yield {
      id: String(1_000_000 + i),
      category: c.name,
      status: i % 3 === 0 ? 'Potwierdzone' : 'Nowe',
      created: `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.2025 ${String(i % 24).padStart(2, '0')}:15:00`,
      lon: 19.65 + rnd() * 0.1,
      lat: 51.37 + rnd() * 0.07,
      teryt: '1062011',
      description: i % 10 === 0 ? 'Opis; z "cudzysłowem"\nw dwóch liniach – żółć' : 'zwykły opis',
    };
  }
}

/**
 * Write a demo dataset as a police-side KMZB export the way Polish-locale Excel saves it:
 * windows-1250, ';' delimiter, '"' quotes (only where needed), CRLF row ends (line breaks inside
 * descriptions stay LF inside quoted cells), dates "dd.MM.yyyy HH:mm:ss" Warsaw time,
 * X = easting and Y = northing in EPSG:2180 with a decimal comma and 2 decimals.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { toPuwg92 } from '../../core/domain/crs';
import { formatWarsawPolish } from '../../core/domain/time';
import type { DemoDataset, DemoReport } from './synth';

export const KMZB_EXPORT_HEADER = [
  'Nr zgłoszenia', 'Kategoria', 'Status', 'Data utworzenia', 'Data zdarzenia', 'Data modyfikacji',
  'X', 'Y', 'TERYT', 'Opis', 'Jednostka', 'Rejon', 'Dzielnicowy',
] as const;

export function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function coord(v: number): string {
  return v.toFixed(2).replace('.', ',');
}

export function kmzbExportRow(r: DemoReport): string[] {
  const [x, y] = toPuwg92(r.lon, r.lat);
  return [
    r.sourceId, r.category, r.status, formatWarsawPolish(r.createdAt), r.eventAt == null ? '' : formatWarsawPolish(r.eventAt),
    formatWarsawPolish(r.modifiedAt), coord(x), coord(y), r.teryt ?? '', r.description, r.unit, r.beat, r.officer,
  ];
}

/** The export as text (before encoding). */
export function kmzbExportText(dataset: DemoDataset): string {
  const lines = [KMZB_EXPORT_HEADER.map(csvField).join(';')];
  for (const r of dataset.reports) lines.push(kmzbExportRow(r).map(csvField).join(';'));
  return lines.join('\r\n') + '\r\n';
}

export function writeKmzbExport(dataset: DemoDataset, filePath: string): void {
  const text = kmzbExportText(dataset);
  if (!iconv.encodingExists('windows-1250')) throw new Error('windows-1250 encoding not available');
  const bytes = iconv.encode(text, 'windows-1250');
  fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  const tmp = `${filePath}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, filePath);
}

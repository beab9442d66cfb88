/** Save bytes as a file through the browser's download (Electron shows its save dialog). */
export function saveBytes(bytes: Uint8Array | Blob, fileName: string, mime: string): void {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file-name-safe slug: Polish letters folded, spaces to dashes. */
export function fileSlug(s: string): string {
  const folded = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L');
  return folded.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 60) || 'odprawa';
}

export const EXPORT_FILES = {
  'beats-csv': { ext: 'csv', mime: 'text/csv', stem: 'rejony' },
  'beats-xlsx': { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', stem: 'rejony' },
  'hotspots-csv': { ext: 'csv', mime: 'text/csv', stem: 'hotspoty' },
  'hotspots-xlsx': { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', stem: 'hotspoty' },
  'hotspots-geojson': { ext: 'geojson', mime: 'application/geo+json', stem: 'hotspoty' },
} as const;

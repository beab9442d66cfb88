import { openWorkspace } from '../../src/backend/store/workspace';

export interface ReportTrace {
  sourceId: string;
  description: string | null;
  lon: number;
  lat: number;
}

/** Every report's identifying traces (read straight from the workspace file). */
export function reportTraces(workspace: string): ReportTrace[] {
  const db = openWorkspace(workspace, { readonly: true });
  try {
    return db.prepare('SELECT source_id AS sourceId, description, lon, lat FROM reports').all() as ReportTrace[];
  } finally {
    db.close();
  }
}

const trunc = (v: number, d: number) => (Math.trunc(v * 10 ** d) / 10 ** d).toFixed(d);

/** The ways a coordinate could be printed with 4 or more decimals (rounded, truncated, decimal point or comma). */
export function coordinateForms(v: number): string[] {
  const forms = new Set<string>([String(v)]);
  for (const d of [4, 5, 6]) {
    forms.add(v.toFixed(d));
    forms.add(trunc(v, d));
  }
  for (const f of [...forms]) forms.add(f.replace('.', ','));
  return [...forms];
}

/**
 * Every trace of an individual report found in `text`: source ids and coordinates as whole numbers (not part of
 * a longer number), and description fragments (first 30 characters of descriptions at least that long).
 */
export function findLeaks(text: string, reports: ReportTrace[]): string[] {
  const leaks: string[] = [];
  // every number in the text, read with a decimal point and with a decimal comma
  const tokens = new Set([...(text.match(/\d+(?:\.\d+)?/g) ?? []), ...(text.match(/\d+(?:,\d+)?/g) ?? [])]);
  const folded = text.replace(/\s+/g, ' ');
  const fragments = new Map<string, string>();
  for (const r of reports) {
    if (/^\d+$/.test(r.sourceId) ? tokens.has(r.sourceId) : text.includes(r.sourceId)) leaks.push(`source id ${r.sourceId}`);
    const d = r.description?.replace(/\s+/g, ' ').trim();
    if (d && d.length >= 30) fragments.set(d.slice(0, 30), r.sourceId);
    for (const f of coordinateForms(r.lon)) if (tokens.has(f)) leaks.push(`longitude ${f} of ${r.sourceId}`);
    for (const f of coordinateForms(r.lat)) if (tokens.has(f)) leaks.push(`latitude ${f} of ${r.sourceId}`);
  }
  for (const [frag, id] of fragments) if (folded.includes(frag)) leaks.push(`description "${frag}…" of ${id}`);
  return leaks;
}

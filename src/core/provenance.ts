/**
 * Provenance of reports: every import records where its file came from (a kind and a free text). Briefings,
 * public pages and exports state the sources of the reports they actually count, grouped by kind.
 *
 * A report's source is the import that wrote its CURRENT content: `reports.import_id` (the first import that
 * inserted it, or the latest one that changed it). A re-import that changes nothing leaves it alone.
 */

/** Kinds of source, as stored in imports.provenance_kind (migration 5). */
export const PROVENANCE_KINDS = ['kmzb-police', 'kmzb-public', 'other', 'demo'] as const;
export type ProvenanceKind = (typeof PROVENANCE_KINDS)[number];

/** Kinds a user chooses for an import ('demo' is written by the demo generator only). */
export const IMPORT_PROVENANCE_KINDS = ['kmzb-police', 'kmzb-public', 'other'] as const;
export type ImportProvenanceKind = (typeof IMPORT_PROVENANCE_KINDS)[number];

/** Kind of an import when nobody said (CLI without --source, API without provenanceKind, no preset memory). */
export const DEFAULT_PROVENANCE_KIND: ImportProvenanceKind = 'other';

export function isProvenanceKind(v: unknown): v is ProvenanceKind {
  return typeof v === 'string' && (PROVENANCE_KINDS as readonly string[]).includes(v);
}

/** What a user chose for an import: the kind and an optional free text ("eksport KPP Piotrków, 2026-01"). */
export interface Provenance {
  kind: ProvenanceKind;
  text: string | null;
}

/** One import whose reports a document counts. */
export interface CountedImport {
  importId: number;
  kind: ProvenanceKind;
  /** Reports of the counted set whose current content comes from this import. */
  reports: number;
}

/** Sources of a counted set of reports, one entry per kind. */
export interface SourceSummary {
  kind: ProvenanceKind;
  imports: number;
  reports: number;
}

/** Order in which sources are named: police data first, demo last. */
const ORDER: Record<ProvenanceKind, number> = { 'kmzb-police': 0, 'kmzb-public': 1, other: 2, demo: 3 };

/** Group counted imports by kind (kinds in a fixed order; imports without counted reports left out). */
export function summarizeSources(imports: readonly CountedImport[]): SourceSummary[] {
  const by = new Map<ProvenanceKind, SourceSummary>();
  for (const i of imports) {
    if (i.reports <= 0) continue;
    const s = by.get(i.kind) ?? { kind: i.kind, imports: 0, reports: 0 };
    s.imports++;
    s.reports += i.reports;
    by.set(i.kind, s);
  }
  return [...by.values()].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
}

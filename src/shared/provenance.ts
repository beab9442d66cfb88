/** Provenance in words, through the one i18n layer (catalogue: i18n/catalog/provenance.ts). */
import type { ProvenanceKind, SourceSummary } from '../core/provenance';
import { translate, type Lang } from './i18n';

const SHORT: Record<ProvenanceKind, string> = {
  'kmzb-police': 'provenance.kind.kmzbPolice',
  'kmzb-public': 'provenance.kind.kmzbPublic',
  other: 'provenance.kind.other',
  demo: 'provenance.kind.demo',
};
const LONG: Record<ProvenanceKind, string> = {
  'kmzb-police': 'provenance.kindLong.kmzbPolice',
  'kmzb-public': 'provenance.kindLong.kmzbPublic',
  other: 'provenance.kindLong.other',
  demo: 'provenance.kindLong.demo',
};

/** "KMZB, eksport policyjny" (short) or "Krajowa Mapa Zagrożeń Bezpieczeństwa – eksport z systemu Policji" (long). */
export function kindLabel(lang: Lang, kind: ProvenanceKind, long = false): string {
  return translate(lang, (long ? LONG : SHORT)[kind] ?? SHORT.other);
}

/**
 * The sources of a counted set of reports in one line:
 * "KMZB, eksport policyjny (2 importy, 1 234 zgłoszenia); dane demonstracyjne (syntetyczne) (1 import, 40 zgłoszeń)".
 * Without counts (public documents): the long names only.
 */
export function sourcesText(lang: Lang, sources: readonly SourceSummary[], options: { counts?: boolean; long?: boolean } = {}): string {
  if (sources.length === 0) return translate(lang, 'provenance.source.none');
  const counts = options.counts ?? true;
  return sources
    .map((s) =>
      counts
        ? translate(lang, 'provenance.source.counted', { kind: kindLabel(lang, s.kind, options.long), imports: s.imports, reports: s.reports })
        : kindLabel(lang, s.kind, options.long),
    )
    .join('; ');
}

/**
 * The free text of an import as shown to a reader: the user's own text, never for the demo (its kind says it in
 * the reader's language; demo workspaces written before carry an English generator note, not shown).
 */
export function importText(kind: ProvenanceKind, text: string | null | undefined): string | null {
  return kind === 'demo' ? null : text || null;
}

/**
 * Provenance remembered per mapping preset: the kind and free text last used with a preset are offered again
 * (UI) and used by default (CLI, scheduled imports) for the next file imported with that preset.
 */
import { DEFAULT_PROVENANCE_KIND, IMPORT_PROVENANCE_KINDS, type ImportProvenanceKind } from '../../core/provenance';
import type { Db } from '../store/workspace';

const KEY = (preset: string) => `import.provenance.preset:${preset}`;

export interface RememberedProvenance {
  kind: ImportProvenanceKind;
  text: string | null;
}

export function rememberedProvenance(db: Db, presetName: string | null | undefined): RememberedProvenance | null {
  if (!presetName) return null;
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(KEY(presetName)) as { value_json: string } | undefined;
  if (!row) return null;
  try {
    const v = JSON.parse(row.value_json) as { kind?: unknown; text?: unknown };
    if (!(IMPORT_PROVENANCE_KINDS as readonly unknown[]).includes(v.kind)) return null;
    return { kind: v.kind as ImportProvenanceKind, text: typeof v.text === 'string' && v.text ? v.text : null };
  } catch {
    return null;
  }
}

export function rememberProvenance(db: Db, presetName: string, p: RememberedProvenance): void {
  db.prepare('INSERT OR REPLACE INTO settings(key, value_json) VALUES (?, ?)').run(KEY(presetName), JSON.stringify(p));
}

/**
 * The provenance of an import: what the request says, else what the preset remembers, else the default kind
 * ('other', no text). An empty text in the request means "no text".
 */
export function resolveProvenance(
  req: { provenanceKind?: ImportProvenanceKind; provenance?: string },
  remembered: RememberedProvenance | null,
): RememberedProvenance & { from: 'request' | 'preset' | 'default' } {
  const kind = req.provenanceKind ?? remembered?.kind ?? DEFAULT_PROVENANCE_KIND;
  const from = req.provenanceKind ? 'request' : remembered ? 'preset' : 'default';
  const text =
    req.provenance !== undefined ? req.provenance.trim().slice(0, 500) || null : remembered && remembered.kind === kind ? remembered.text : null;
  return { kind, text, from };
}

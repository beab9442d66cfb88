import { MappingPresetSchema, type MappingPreset } from '../../core/import';
import type { Db } from '../store/workspace';

/** Saved column mappings, reused automatically for files with the same header signature. */
export function savePreset(db: Db, preset: MappingPreset): void {
  const p = MappingPresetSchema.parse(preset);
  db.prepare(
    `INSERT INTO mapping_presets(name, header_signature, mapping_json, options_json, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET header_signature = excluded.header_signature, mapping_json = excluded.mapping_json,
       options_json = excluded.options_json, updated_at = excluded.updated_at`,
  ).run(p.name, p.headerSignature, JSON.stringify(p.mapping), JSON.stringify(p.options ?? {}), Date.now());
}

function rowToPreset(r: { name: string; header_signature: string; mapping_json: string; options_json: string }): MappingPreset {
  return MappingPresetSchema.parse({ name: r.name, headerSignature: r.header_signature, mapping: JSON.parse(r.mapping_json), options: JSON.parse(r.options_json) });
}

export function listPresets(db: Db): MappingPreset[] {
  const rows = db.prepare('SELECT name, header_signature, mapping_json, options_json FROM mapping_presets ORDER BY name').all() as never[];
  return rows.map(rowToPreset);
}

export function presetByName(db: Db, name: string): MappingPreset | undefined {
  const r = db.prepare('SELECT name, header_signature, mapping_json, options_json FROM mapping_presets WHERE name = ?').get(name);
  return r ? rowToPreset(r as never) : undefined;
}

/** The most recently saved preset for this header signature. */
export function presetForSignature(db: Db, signature: string): MappingPreset | undefined {
  const r = db
    .prepare('SELECT name, header_signature, mapping_json, options_json FROM mapping_presets WHERE header_signature = ? ORDER BY updated_at DESC LIMIT 1')
    .get(signature);
  return r ? rowToPreset(r as never) : undefined;
}

export function deletePreset(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM mapping_presets WHERE name = ?').run(name).changes > 0;
}

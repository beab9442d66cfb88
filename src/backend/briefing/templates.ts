/** Briefing templates saved in the workspace (table briefing_templates, migration 4). */
import { RejonError } from '../../shared/contract';
import { BriefingTemplateSchema, type BriefingTemplate } from '../../shared/contract/briefing';
import type { Db } from '../store/workspace';

type Row = { name: string; json: string; updated_at: number };

function fromRow(row: Row): BriefingTemplate | null {
  try {
    const parsed = BriefingTemplateSchema.safeParse({ ...JSON.parse(row.json), name: row.name });
    return parsed.success ? { ...parsed.data, updatedAt: row.updated_at } : null;
  } catch {
    return null; // a damaged row is skipped, never fatal
  }
}

export function listTemplates(db: Db): BriefingTemplate[] {
  const rows = db.prepare('SELECT name, json, updated_at FROM briefing_templates ORDER BY name COLLATE NOCASE').all() as Row[];
  return rows.map(fromRow).filter((t): t is BriefingTemplate => t !== null);
}

export function getTemplate(db: Db, name: string): BriefingTemplate | null {
  const row = db.prepare('SELECT name, json, updated_at FROM briefing_templates WHERE name = ?').get(name) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** Insert or replace by name. Beat ids must exist in the workspace. */
export function saveTemplate(db: Db, input: unknown): BriefingTemplate {
  const t = BriefingTemplateSchema.parse(input);
  const name = t.name.trim();
  if (!name) throw new RejonError('bad-request', 'A template needs a name.');
  if (t.districtIds.length > 0) {
    const known = new Set((db.prepare('SELECT id FROM districts').all() as { id: number }[]).map((r) => r.id));
    const unknown = t.districtIds.filter((id) => !known.has(id));
    if (unknown.length) throw new RejonError('bad-request', `Unknown beat id(s) in the template: ${unknown.join(', ')}.`);
  }
  const { name: _n, ...rest } = t;
  void _n;
  const updatedAt = Date.now();
  db.prepare(
    `INSERT INTO briefing_templates(name, json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
  ).run(name, JSON.stringify(rest), updatedAt);
  return { ...rest, name, updatedAt };
}

export function deleteTemplate(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM briefing_templates WHERE name = ?').run(name).changes > 0;
}

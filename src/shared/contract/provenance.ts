import { z } from 'zod';
import { IMPORT_PROVENANCE_KINDS, PROVENANCE_KINDS } from '../../core/provenance';
import type { MethodDef } from './method';
import { MsgSchema } from './territory';

/**
 * Provenance per import and undo of an import (issue 12, points 5 and 6).
 *
 * Undo rules (backend/import/undo.ts): the reports an import inserted are removed, the rows it updated get back
 * their content from before the import (recorded in import_changes during the import), the status history
 * entries and quarantine rows it added are removed, and the imports row stays with `undoneAt` set (the history
 * keeps what happened). A backup copy of the workspace is written first; everything else is one transaction.
 * An import whose reports a LATER import changed is refused, naming those imports (undo them first).
 */

export const ProvenanceKindSchema = z.enum(PROVENANCE_KINDS);
/** What a user may choose ('demo' is written by the demo generator only). */
export const ImportProvenanceKindSchema = z.enum(IMPORT_PROVENANCE_KINDS);


export const ImportRecordSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  /** File format ('kmzb-csv', 'xlsx', 'geojson', 'esri-json', 'demo', …). */
  sourceKind: z.string(),
  provenanceKind: ProvenanceKindSchema,
  /** Free text given with the import. */
  provenance: z.string().nullable(),
  importedAt: z.number(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** When the import was undone (UTC ms), else null. */
  undoneAt: z.number().nullable(),
  /** Not undone, and what it changed was recorded (imports made before undo existed may not be). */
  undoable: z.boolean(),
});
export type ImportRecordOut = z.infer<typeof ImportRecordSchema>;

const LaterImport = z.object({ id: z.number().int(), fileName: z.string(), importedAt: z.number() });

export const UndoPreviewSchema = z.object({
  importId: z.number().int(),
  fileName: z.string(),
  importedAt: z.number(),
  provenanceKind: ProvenanceKindSchema,
  /** Reports the import inserted that are still in the workspace (removed by undo). */
  remove: z.number().int(),
  /** Reports it updated (restored to their content before the import). */
  restore: z.number().int(),
  /** Status history entries it added. */
  history: z.number().int(),
  /** Its quarantine rows. */
  quarantine: z.number().int(),
  /** Undo is possible now. */
  possible: z.boolean(),
  /** Why not (translated by the front end). */
  reason: MsgSchema.nullable(),
  /** Later imports that changed the same reports (undo them first). */
  blockedBy: z.array(LaterImport),
  /** Where the backup copy will be written. */
  backupDir: z.string(),
});
export type UndoPreview = z.infer<typeof UndoPreviewSchema>;

export const UndoResultSchema = z.object({
  importId: z.number().int(),
  fileName: z.string(),
  removed: z.number().int(),
  restored: z.number().int(),
  history: z.number().int(),
  quarantine: z.number().int(),
  /** The backup copy written before the undo. */
  backupPath: z.string(),
  undoneAt: z.number(),
  durationMs: z.number(),
});
export type UndoResult = z.infer<typeof UndoResultSchema>;

const ImportId = z.object({ importId: z.number().int().positive() }).strict();

export const provenanceMethods = {
  /** The import history, newest first, with provenance and undo state. */
  listImports: { input: z.object({}).strict(), output: z.array(ImportRecordSchema) },
  /** What undoing an import would do (counts for the confirmation), or why it cannot be undone. */
  previewUndoImport: { input: ImportId, output: UndoPreviewSchema },
  /** Undo one import (backup copy first, then one transaction). Refused (bad-request with a Msg) when not possible. */
  undoImport: { input: ImportId, output: UndoResultSchema },
} as const satisfies Record<string, MethodDef>;

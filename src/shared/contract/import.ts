import { z } from 'zod';
import { ImportOptionsSchema, MappingSchema } from '../../core/import/mapping';
import type { MethodDef } from './method';
import { MsgSchema } from './territory';
import { ImportProvenanceKindSchema, ProvenanceKindSchema } from './provenance';

/**
 * Where the file to import is, by capability (src/backend/import/uploads.ts resolveImportSource):
 * - `uploadId`: a file staged with uploadChunk (browser mode, drops);
 * - `grant`: a file the user chose in the desktop's file dialog (token issued by Electron main, short-lived);
 * - `path`: accepted only by a backend created with `trustedPaths` (the CLI); every transport refuses it.
 */
export const ImportSourceSchema = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z.object({ uploadId: z.string().regex(/^[a-f0-9-]{36}$/) }).strict(),
  z.object({ grant: z.string().regex(/^[a-f0-9]{48}$/) }).strict(),
]);
export type ImportSource = z.infer<typeof ImportSourceSchema>;

const PresetName = z.string().min(1).max(100);

export const CoordinateEvidenceSchema = z.object({
  source: z.enum(['range', 'polygons', 'territory', 'beats', 'reports', 'teryt']),
  straight: z.number().int(),
  swapped: z.number().int(),
  checked: z.number().int(),
  verdict: z.enum(['straight', 'swapped', 'undecided', 'none']),
});

/** How the coordinate order was decided and the evidence counted (core decideCoordinateKind). */
export const CoordinateDecisionSchema = z.object({
  decidedBy: z.string(),
  msg: MsgSchema,
  evidence: z.array(CoordinateEvidenceSchema),
  candidates: z.array(z.string()).nullable(),
  undecidedBecause: z.enum(['none', 'weak', 'contradictory']).nullable(),
});

export const ReadingPreviewSchema = z.object({
  kind: z.string(),
  points: z.array(z.tuple([z.number(), z.number()])),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  powiaty: z.array(z.object({ name: z.string(), count: z.number().int() })),
  inTerritory: z.number().int().nullable(),
});

export const ImportInspectionSchema = z.object({
  fileName: z.string(),
  format: z.string(),
  headers: z.array(z.string()),
  /** First rows as text, in header order, for the mapping dialog preview. */
  preview: z.array(z.array(z.string())),
  /** Mapping that would be used now (preset or automatic). */
  mapping: MappingSchema,
  mappingSource: z.enum(['explicit', 'preset', 'signature-preset', 'automatic']),
  presetName: z.string().nullable(),
  confidence: z.record(z.string(), z.number()),
  missingRequired: z.array(z.string()),
  /** The decided kind, 'undecided' (the user must choose between `coordinate.candidates`) or 'unknown'. */
  coordinateKind: z.string(),
  coordinate: CoordinateDecisionSchema.extend({
    /** The two readings of the X/Y columns when the order is in question (for the preview map), else null. */
    previews: z.array(ReadingPreviewSchema).nullable(),
  }),
  warnings: z.array(MsgSchema),
  /** The workspace has a territory (the outside-territory option applies). */
  hasTerritory: z.boolean(),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  /** Provenance remembered with the preset in use (kind + free text), else null. */
  provenance: z.object({ kind: ImportProvenanceKindSchema, text: z.string().nullable() }).nullable(),
});
export type ImportInspection = z.infer<typeof ImportInspectionSchema>;

export type ReadingPreview = z.infer<typeof ReadingPreviewSchema>;

export const ImportSummarySchema = z.object({
  importId: z.number(),
  fileName: z.string(),
  format: z.string(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  nothingChanged: z.boolean(),
  sameFileAs: z.object({ importId: z.number(), importedAt: z.number() }).nullable(),
  unknownCategories: z.array(z.object({ name: z.string(), count: z.number() })),
  rejections: z.array(
    z.object({ row: z.number(), field: z.string(), column: z.string().nullable(), reason: z.string(), message: z.string(), value: z.string().nullable() }),
  ),
  mapping: MappingSchema,
  mappingSource: z.string(),
  presetName: z.string().nullable(),
  coordinateKind: z.string(),
  coordinate: z.object({ decidedBy: z.string(), msg: MsgSchema, evidence: z.array(CoordinateEvidenceSchema) }),
  warnings: z.array(MsgSchema),
  /** Reports outside the workspace's territory and what was done with them; null without a territory. */
  territory: z.object({ action: z.enum(['keep', 'quarantine']), outside: z.number().int(), msg: MsgSchema }).nullable(),
  rows: z.number(),
  durationMs: z.number(),
  rowsPerSecond: z.number(),
  provenanceKind: ProvenanceKindSchema,
  provenance: z.string().nullable(),
});
export type ImportSummaryOut = z.infer<typeof ImportSummarySchema>;

export const QuarantineRowSchema = z.object({
  id: z.number(),
  importId: z.number(),
  fileName: z.string(),
  row: z.number(),
  field: z.string(),
  reason: z.string(),
  raw: z.string().nullable(),
});

/** Import of report files (issue 3). */
export const importMethods = {
  uploadChunk: {
    input: z
      .object({
        uploadId: z.string().regex(/^[a-f0-9-]{36}$/).optional(),
        name: z.string().min(1).max(255),
        offset: z.number().int().nonnegative(),
        /** base64, at most 8 MiB decoded per chunk */
        data: z.string().max(11_200_000),
      })
      .strict(),
    output: z.object({ uploadId: z.string(), received: z.number() }),
  },
  /** Remove a staged upload now (the dialog that used it was closed). Imports remove theirs when they end. */
  discardUpload: {
    input: z.object({ uploadId: z.string().regex(/^[a-f0-9-]{36}$/) }).strict(),
    output: z.object({ discarded: z.boolean() }),
  },
  inspectImport: {
    input: z.object({ source: ImportSourceSchema, options: ImportOptionsSchema.optional(), presetName: PresetName.optional() }).strict(),
    output: ImportInspectionSchema,
  },
  startImport: {
    input: z
      .object({
        source: ImportSourceSchema,
        mapping: MappingSchema.optional(),
        options: ImportOptionsSchema.optional(),
        presetName: PresetName.optional(),
        savePresetAs: PresetName.optional(),
        provenance: z.string().max(500).optional(),
        /** Where the file comes from; default: what the preset remembers, else 'other' (contract/provenance.ts). */
        provenanceKind: ImportProvenanceKindSchema.optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  listQuarantine: {
    input: z.object({ importId: z.number().int().optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.object({ total: z.number(), rows: z.array(QuarantineRowSchema) }),
  },
  exportQuarantineCsv: {
    input: z.object({ importId: z.number().int().optional() }).strict(),
    output: z.object({ fileName: z.string(), csv: z.string() }),
  },
  listMappingPresets: {
    input: z.object({}).strict(),
    output: z.array(z.object({ name: z.string(), headerSignature: z.string(), mapping: MappingSchema, options: ImportOptionsSchema })),
  },
  deleteMappingPreset: { input: z.object({ name: PresetName }).strict(), output: z.object({ deleted: z.boolean() }) },
} as const satisfies Record<string, MethodDef>;

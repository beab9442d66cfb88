import { z } from 'zod';
import { ImportSourceSchema } from './import';
import type { MethodDef } from './method';

/**
 * ReportFilterSchema of ../contract.ts (category and status NAMES, matched exactly against the stored canonical names;
 * UTC ms period [from, to)) plus the map filter's code lists. Declared here because ../contract.ts imports this module.
 */
export const BeatFilterSchema = z
  .object({
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    categories: z.array(z.string().max(200)).max(100).optional(),
    statuses: z.array(z.string().max(100)).max(20).optional(),
    /** Alternatively category / status CODES (src/core/domain), as the map filter has them. */
    categoryCodes: z.array(z.number().int().min(0).max(255)).max(256).optional(),
    statusCodes: z.array(z.number().int().min(0).max(255)).max(256).optional(),
    districtIds: z.array(z.number().int().nonnegative()).max(10_000).optional(),
    hours: z.array(z.number().int().min(0).max(23)).max(24).optional(),
    weekdays: z.array(z.number().int().min(0).max(6)).max(7).optional(),
    /** Only reports inside / outside the workspace's territory (as ReportFilter.territory). */
    territory: z.enum(['inside', 'outside']).optional(),
  })
  .strict();
export type BeatFilter = z.infer<typeof BeatFilterSchema>;

/**
 * Beat districts ("rejony dzielnicowych") and per-beat statistics (issue 4).
 *
 * Every edit (save, delete, rename, merge, split) runs in ONE transaction with the re-assignment of the reports it
 * can affect (those inside the bounding box of the changed area), and returns the validation issues of the changed
 * beat(s) against their neighbours (overlaps, gaps, self-intersections). A beat file import replaces or extends the
 * beats and re-assigns ALL reports in one transaction (a failed import leaves the workspace unchanged).
 */

const Name = z.string().trim().min(1, 'a beat needs a name').max(200);
const OptionalText = z.string().trim().max(200).nullable().optional();
const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
const PositionSchema = z.tuple([Lon, Lat]).or(z.tuple([Lon, Lat, z.number()]));
/** At most 100k vertices per geometry, 1000 rings per polygon, 1000 polygons. */
const RingSchema = z.array(PositionSchema).min(4).max(100_000);
const PolygonCoords = z.array(RingSchema).min(1).max(1000);
export const DistrictGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoords }).strict(),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoords).min(1).max(1000) }).strict(),
]);
export const LineStringSchema = z.object({ type: z.literal('LineString'), coordinates: z.array(PositionSchema).min(2).max(10_000) }).strict();

const FieldName = z.string().min(1).max(200);
const DistrictId = z.number().int().nonnegative();
const UtcMs = z.number().int();

export const DistrictIssueSchema = z.object({
  kind: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  /**
   * Beats concerned: district ids (edits, workspace validation) or feature indices of the file (inspection, import;
   * in an 'add' import existing beats appear as -(id + 1)).
   */
  districts: z.array(z.number().int()),
  names: z.array(z.string()),
  location: z.tuple([z.number(), z.number()]).nullable(),
  areaM2: z.number().nullable(),
});
export type DistrictIssue = z.infer<typeof DistrictIssueSchema>;

export const DistrictValidationSchema = z.object({
  ok: z.boolean(),
  /** false when the overlap/gap analysis was skipped (only structural checks ran). */
  topologyChecked: z.boolean(),
  issues: z.array(DistrictIssueSchema),
  overlaps: z.array(z.object({ a: z.number().int(), b: z.number().int(), names: z.tuple([z.string(), z.string()]), areaM2: z.number() })),
  gaps: z.array(z.object({ areaM2: z.number(), meanWidthM: z.number(), location: z.tuple([z.number(), z.number()]) })),
  /** Number of issues left out of `issues` (capped at 500). */
  truncated: z.number().int(),
});
export type DistrictValidation = z.infer<typeof DistrictValidationSchema>;

export const DistrictFileInspectionSchema = z.object({
  fileName: z.string(),
  format: z.string(),
  crs: z.string(),
  crsSource: z.string(),
  featureCount: z.number().int(),
  fields: z.array(z.string()),
  /** Field guesses for the dialog (null when nothing fits). */
  suggested: z.object({ nameField: z.string().nullable(), officerField: z.string().nullable(), unitField: z.string().nullable() }),
  /** First feature properties as text, for the field picker preview. */
  preview: z.array(z.record(z.string(), z.string())),
  skipped: z.array(z.object({ index: z.number().int(), reason: z.string() })),
  warnings: z.array(z.string()),
  /** Validation with the names of the chosen (or suggested) name field. */
  validation: DistrictValidationSchema,
  /** Feature outlines (WGS84) for a preview on the map; properties {index, name}. */
  outlines: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
});
export type DistrictFileInspection = z.infer<typeof DistrictFileInspectionSchema>;

export const DistrictImportResultSchema = z.object({
  districts: z.number().int(),
  assigned: z.number().int(),
  outside: z.number().int(),
  changed: z.number().int(),
  mode: z.enum(['replace', 'add']),
  validation: DistrictValidationSchema,
});
export type DistrictImportResult = z.infer<typeof DistrictImportResultSchema>;

export const DistrictEditResultSchema = z.object({
  /** Beats created or changed by the edit (the kept one first). */
  ids: z.array(z.number().int()),
  /** Reports whose beat changed. */
  changed: z.number().int(),
  /** Reports looked at (inside the affected bounding box). */
  examined: z.number().int(),
  validation: DistrictValidationSchema,
});
export type DistrictEditResult = z.infer<typeof DistrictEditResultSchema>;

export const BeatStatsSchema = z.object({
  /** District id; -1 for the row of reports outside all beats. */
  id: z.number().int(),
  name: z.string(),
  officer: z.string().nullable(),
  unit: z.string().nullable(),
  areaKm2: z.number(),
  count: z.number().int(),
  ratePerKm2: z.number().nullable(),
  confirmed: z.number().int(),
  confirmedShare: z.number().nullable(),
  previousCount: z.number().int(),
  change: z.number().int(),
  changePct: z.number().nullable(),
  pValue: z.number(),
  significant: z.boolean(),
  topCategories: z.array(z.object({ code: z.number().int(), name: z.string(), nameEn: z.string(), count: z.number().int() })),
  /** [weekday 0 = Monday][hour 0..23], Warsaw local time of creation. */
  hourWeekday: z.array(z.array(z.number().int())),
  medianVerificationHours: z.number().nullable(),
});
export type BeatStats = z.infer<typeof BeatStatsSchema>;

export const DistrictStatsResultSchema = z.object({
  /** Current period [from, to), UTC ms. */
  from: z.number(),
  to: z.number(),
  previousFrom: z.number(),
  previousTo: z.number(),
  alpha: z.number(),
  /** Per beat: reports inside the command's territory (all reports when the workspace has none). */
  beats: z.array(BeatStatsSchema),
  /** "Poza rejonami": reports of the period (matching the filter, inside the territory) outside every beat. */
  outside: BeatStatsSchema,
  /**
   * The whole command (id -3): every report of the period matching the filter inside the territory (all without
   * one), beats and outside-beats alike; rate per km² by the study area (territory, else union of beats).
   */
  whole: BeatStatsSchema,
  /** Where the whole command's area comes from. */
  areaSource: z.enum(['territory', 'beats']).nullable(),
  /** Reports flagged outside the territory (id -2), stated apart; null when the workspace has no territory. */
  outsideTerritory: BeatStatsSchema.nullable(),
  /** Every report of the period matching the filter: whole.count + outsideTerritory.count. */
  total: z.number().int(),
});
export type DistrictStatsResult = z.infer<typeof DistrictStatsResultSchema>;

export const OutsideReportSchema = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  category: z.string(),
  status: z.string(),
  createdAt: z.number(),
  lon: z.number(),
  lat: z.number(),
  teryt: z.string().nullable(),
});

export const TerytMismatchSchema = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  teryt: z.string(),
  /** Powiat code from the report's TERYT (first 4 digits) and its name when known. */
  terytPowiat: z.string(),
  terytPowiatName: z.string().nullable(),
  /** Powiat polygon containing the point (bundled simplified boundaries), null when outside all. */
  pointPowiat: z.string().nullable(),
  pointPowiatName: z.string().nullable(),
  /** Distance from the point to the border of its powiat polygon, metres (the boundaries are simplified). */
  borderDistanceM: z.number().nullable(),
  /** true when the point lies farther than 2 km from that border (a simplification artefact is unlikely). */
  certain: z.boolean(),
  lon: z.number(),
  lat: z.number(),
  createdAt: z.number(),
});

const Period = { previousFrom: UtcMs.optional(), previousTo: UtcMs.optional() };

export const districtMethods = {
  inspectDistrictFile: {
    input: z
      .object({
        source: ImportSourceSchema,
        nameField: FieldName.optional(),
        /** Skip the overlap/gap analysis (seconds on detailed polygons). */
        skipTopology: z.boolean().optional(),
      })
      .strict(),
    output: DistrictFileInspectionSchema,
  },
  startDistrictImport: {
    input: z
      .object({
        source: ImportSourceSchema,
        nameField: FieldName,
        officerField: FieldName.nullable().optional(),
        unitField: FieldName.nullable().optional(),
        mode: z.enum(['replace', 'add']).default('replace'),
        /** District kind stored with the beats ('city', 'rural' or user text). */
        kind: z.string().trim().min(1).max(50).optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  getDistrict: {
    input: z.object({ id: DistrictId }).strict(),
    output: z.object({
      id: z.number().int(), name: z.string(), kind: z.string(), unit: z.string().nullable(), officer: z.string().nullable(),
      areaKm2: z.number(), geometry: DistrictGeometrySchema,
    }),
  },
  saveDistrict: {
    input: z
      .object({ id: DistrictId.optional(), name: Name, officer: OptionalText, unit: OptionalText, kind: z.string().trim().min(1).max(50).optional(), geometry: DistrictGeometrySchema })
      .strict(),
    output: DistrictEditResultSchema,
  },
  renameDistrict: {
    input: z.object({ id: DistrictId, name: Name, officer: OptionalText, unit: OptionalText }).strict(),
    output: z.object({ id: z.number().int() }),
  },
  deleteDistrict: { input: z.object({ id: DistrictId }).strict(), output: DistrictEditResultSchema },
  mergeDistricts: {
    input: z.object({ ids: z.array(DistrictId).min(2).max(100), name: Name }).strict(),
    output: DistrictEditResultSchema,
  },
  splitDistrict: {
    input: z.object({ id: DistrictId, line: LineStringSchema, names: z.tuple([Name, Name]).optional() }).strict(),
    output: DistrictEditResultSchema,
  },
  validateAllDistricts: {
    input: z.object({ skipTopology: z.boolean().optional() }).strict(),
    output: DistrictValidationSchema,
  },
  getDistrictStats: {
    input: z.object({ filter: BeatFilterSchema.optional(), ...Period, alpha: z.number().gt(0).lt(1).optional() }).strict(),
    output: DistrictStatsResultSchema,
  },
  listOutsideReports: {
    input: z
      .object({ filter: BeatFilterSchema.optional(), offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(1000).default(100) })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(OutsideReportSchema) }),
  },
  getTerytMismatches: {
    input: z.object({ filter: BeatFilterSchema.optional(), limit: z.number().int().min(1).max(10_000).default(1000) }).strict(),
    output: z.object({
      /** Powiaty whose TERYT code is known to the check: code -> name. */
      coverage: z.array(z.object({ code: z.string(), name: z.string() })),
      coverageNote: z.string(),
      /** Reports with a TERYT code and a position that could be compared. */
      checked: z.number().int(),
      /** Reports with TERYT whose point and code both fall outside the covered powiaty (not checkable). */
      unchecked: z.number().int(),
      withoutTeryt: z.number().int(),
      total: z.number().int(),
      /** All mismatches found; `mismatches` lists the first `limit` of them (oldest first). */
      mismatchCount: z.number().int(),
      mismatches: z.array(TerytMismatchSchema),
    }),
  },
} as const satisfies Record<string, MethodDef>;

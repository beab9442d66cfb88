import { z } from 'zod';
import { ReportFilterSchema } from './filter';
import { ProvenanceKindSchema } from './provenance';
import type { MethodDef } from './method';

/**
 * One report by its own number, and reports out for GIS (issue 12, points 7 and 8).
 * A report is shown to users by its source number (`sourceId`, KMZB "Nr zgłoszenia" / OBJECTID); `id` is the
 * workspace row id, for links between calls only.
 */

export const ReportDetailSchema = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  category: z.string(),
  categoryCode: z.number().int(),
  status: z.string(),
  statusCode: z.number().int(),
  /** UTC ms; shown in Warsaw time. */
  createdAt: z.number(),
  eventAt: z.number().nullable(),
  modifiedAt: z.number().nullable(),
  verifiedAt: z.number().nullable(),
  lon: z.number(),
  lat: z.number(),
  /** EPSG:2180 easting / northing, metres. */
  x2180: z.number(),
  y2180: z.number(),
  teryt: z.string().nullable(),
  unit: z.string().nullable(),
  /** Beat as written in the source file. */
  beat: z.string().nullable(),
  officer: z.string().nullable(),
  /** Police-only free text (may hold personal data). */
  description: z.string().nullable(),
  /** The workspace beat the report lies in. */
  district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  outsideTerritory: z.boolean(),
  /** Status changes, oldest first. */
  history: z.array(z.object({ status: z.string(), statusCode: z.number().int(), changedAt: z.number(), importId: z.number().int().nullable() })),
  /** The imports it came from: the one that inserted it, those that changed it; `current` = its content now. */
  imports: z.array(
    z.object({
      id: z.number().int(),
      fileName: z.string(),
      format: z.string(),
      provenanceKind: ProvenanceKindSchema,
      provenance: z.string().nullable(),
      importedAt: z.number(),
      role: z.enum(['inserted', 'updated']),
      current: z.boolean(),
    }),
  ),
});
export type ReportDetail = z.infer<typeof ReportDetailSchema>;

export const REPORT_EXPORT_FORMATS = ['gpkg', 'geojson', 'csv'] as const;
export const ReportExportFormat = z.enum(REPORT_EXPORT_FORMATS);

/** The export format a file name asks for by its extension (.gpkg, .geojson/.json, .csv), or null. */
export function reportExportFormatOf(fileName: string): (typeof REPORT_EXPORT_FORMATS)[number] | null {
  const ext = /\.[^./\\]*$/.exec(fileName.toLowerCase())?.[0] ?? '';
  if (ext === '.gpkg') return 'gpkg';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  if (ext === '.csv') return 'csv';
  return null;
}
export type ReportExportFormat = z.infer<typeof ReportExportFormat>;

export const reportMethods = {
  /** One report with every field, its status history, its imports and its beat (by row id or by source number). */
  getReport: {
    input: z.union([z.object({ id: z.number().int().positive() }).strict(), z.object({ sourceId: z.string().min(1).max(200) }).strict()]),
    output: ReportDetailSchema,
  },
  /**
   * The filtered reports as a file for QGIS/ArcGIS: GeoPackage (EPSG:2180 points), GeoJSON (WGS84, RFC 7946) or
   * CSV (`;`, UTF-8 BOM, formula cells escaped). Each row: source number, category, status, created (ISO 8601,
   * Warsaw time with offset), lon/lat (and x/y EPSG:2180 in gpkg/csv), beat. Descriptions only with
   * `withDescriptions` (personal data).
   */
  exportReports: {
    input: z
      .object({
        filter: ReportFilterSchema.optional(),
        format: ReportExportFormat,
        withDescriptions: z.boolean().default(false),
      })
      .strict(),
    output: z.instanceof(Uint8Array),
    binary: true,
  },
} as const satisfies Record<string, MethodDef>;

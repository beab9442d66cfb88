import { z } from 'zod';
import type { MethodDef } from './method';

/**
 * The map workspace's filter as the backend sees it: the same dimensions the renderer filters on
 * the GPU, with category/status CODES (src/core/domain) so a filter means exactly the same on both
 * sides. Empty or absent arrays mean "all".
 */
export const MapFilterSchema = z
  .object({
    /** Inclusive lower bound, UTC ms. */
    from: z.number().int().optional(),
    /** Exclusive upper bound, UTC ms. */
    to: z.number().int().optional(),
    categoryCodes: z.array(z.number().int().min(0).max(255)).max(256).optional(),
    statusCodes: z.array(z.number().int().min(0).max(255)).max(256).optional(),
    /** District ids; 0 = outside all districts. */
    districtIds: z.array(z.number().int().nonnegative()).max(10_000).optional(),
    hours: z.array(z.number().int().min(0).max(23)).max(24).optional(),
    weekdays: z.array(z.number().int().min(0).max(6)).max(7).optional(),
    /** Only reports inside / outside the workspace's territory (as ReportFilter.territory). */
    territory: z.enum(['inside', 'outside']).optional(),
  })
  .strict();
export type MapFilter = z.infer<typeof MapFilterSchema>;

export const ReportSortKey = z.enum(['createdAt', 'id', 'sourceId', 'category', 'status', 'district']);
export type ReportSortKey = z.infer<typeof ReportSortKey>;

/** Rows selected by ids (a drill-down selection) AND/OR a filter. */
const ReportSelection = {
  /** Workspace report ids (a drill-down selection computed on the client). */
  ids: z.array(z.number().int().nonnegative()).max(500_000).optional(),
  filter: MapFilterSchema.optional(),
  sort: z.object({ by: ReportSortKey, dir: z.enum(['asc', 'desc']) }).strict().default({ by: 'createdAt', dir: 'desc' }),
};

export const ListReportsInput = z
  .object({
    ...ReportSelection,
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export type ListReportsInput = z.input<typeof ListReportsInput>;

export const ReportRowSchema = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  /** UTC ms */
  createdAt: z.number(),
  category: z.string(),
  categoryCode: z.number().int(),
  status: z.string(),
  statusCode: z.number().int(),
  districtId: z.number().int().nullable(),
  district: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  /** Police-only free text. Shown in the analyst UI only, never in public outputs. */
  description: z.string().nullable(),
});
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const ExportReportsInput = z
  .object({
    ...ReportSelection,
    lang: z.enum(['pl', 'en']).default('pl'),
  })
  .strict();

/** A basemap source configured by the analyst. Every tile is fetched by the backend, never by the renderer. */
const SourceId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _ (max 40)');
const SourceName = z.string().trim().min(1).max(100);
const Attribution = z.string().max(300).default('');
/** http(s) URL template with {z} {x} {y} (XYZ) or {TileMatrix} {TileCol} {TileRow} (WMTS KVP/REST, Web Mercator matrix set). */
const TileUrlTemplate = z
  .string()
  .max(2000)
  .regex(/^https?:\/\/[^\s]+$/i, 'an http(s) URL')
  .refine((u) => (/\{z\}/.test(u) && /\{x\}/.test(u) && /\{-?y\}/.test(u)) || (/\{TileMatrix\}/i.test(u) && /\{TileCol\}/i.test(u) && /\{TileRow\}/i.test(u)), {
    message: 'the URL template needs {z}, {x}, {y} (or {TileMatrix}, {TileCol}, {TileRow})',
  });
const LocalTilePath = z.string().min(1).max(4096);

export const BasemapSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('xyz'),
      id: SourceId,
      name: SourceName,
      url: TileUrlTemplate,
      minzoom: z.number().int().min(0).max(24).default(0),
      maxzoom: z.number().int().min(0).max(24).default(19),
      tileSize: z.union([z.literal(256), z.literal(512)]).default(256),
      attribution: Attribution,
    })
    .strict(),
  z
    .object({
      kind: z.literal('wmts'),
      id: SourceId,
      name: SourceName,
      url: TileUrlTemplate,
      minzoom: z.number().int().min(0).max(24).default(0),
      maxzoom: z.number().int().min(0).max(24).default(19),
      tileSize: z.union([z.literal(256), z.literal(512)]).default(256),
      attribution: Attribution,
    })
    .strict(),
  z.object({ kind: z.literal('mbtiles'), id: SourceId, name: SourceName, path: LocalTilePath, attribution: Attribution }).strict(),
  z.object({ kind: z.literal('pmtiles'), id: SourceId, name: SourceName, path: LocalTilePath, attribution: Attribution }).strict(),
]);
export type BasemapSource = z.output<typeof BasemapSourceSchema>;
export type BasemapSourceInput = z.input<typeof BasemapSourceSchema>;

export const BasemapInfoSchema = z.object({
  type: z.enum(['raster', 'vector']),
  /** png, jpg, webp, pbf … */
  format: z.string(),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  tileSize: z.number().int(),
  /** [minLon, minLat, maxLon, maxLat] when known. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  vectorLayers: z.array(z.object({ id: z.string(), geometry: z.string().optional() })),
  attribution: z.string(),
});
export type BasemapInfo = z.infer<typeof BasemapInfoSchema>;

export const BasemapEntrySchema = z.object({
  source: BasemapSourceSchema,
  info: BasemapInfoSchema.nullable(),
  /** Why the source cannot be used right now (missing file, unreadable archive). */
  error: z.string().nullable(),
});
export type BasemapEntry = z.infer<typeof BasemapEntrySchema>;

export const TileCoord = z
  .object({ sourceId: SourceId, z: z.number().int().min(0).max(24), x: z.number().int().min(0), y: z.number().int().min(0) })
  .strict()
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'tile x/y out of range for z' });

/** Analyst map workspace: filters, layers, drill-down (issue 6). */
export const mapMethods = {
  /** One page of reports (with the police-only description) for the drill-down table. */
  listReports: {
    input: ListReportsInput,
    output: z.object({ total: z.number().int(), rows: z.array(ReportRowSchema) }),
  },
  /** The same selection as CSV (UTF-8 with BOM, `;`, cells that start with = + - @ escaped against formula injection). */
  exportReportsCsv: { input: ExportReportsInput, output: z.instanceof(Uint8Array), binary: true },
  listBasemapSources: { input: z.object({}).strict(), output: z.array(BasemapEntrySchema) },
  /** Add or replace (same id) a basemap source; a local file must exist and be a readable archive. */
  saveBasemapSource: { input: BasemapSourceSchema, output: BasemapEntrySchema },
  removeBasemapSource: { input: z.object({ id: SourceId }).strict(), output: z.object({ removed: z.boolean() }) },
  /** Tile bytes (decompressed) of a configured source; empty when the source has no such tile. */
  getBasemapTile: { input: TileCoord, output: z.instanceof(Uint8Array), binary: true },
} as const satisfies Record<string, MethodDef>;

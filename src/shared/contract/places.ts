import { z } from 'zod';
import { ImportSourceSchema } from './import';
import type { MethodDef } from './method';
import { MsgSchema } from './territory';

/**
 * Where things are (issue 13, point 6): layers of named places and street centrelines the user imports (GeoJSON
 * points/lines with a name property, CSV of named places; WGS84 or EPSG:2180), shown on the map as labels and used
 * to name hotspots and clusters by the nearest street or place.
 *
 * An import is a job (`importPlaces` → getJob) and one transaction; mode 'replace' (default) drops the previously
 * imported layers, the demo's places stay. Bad rows are skipped and listed with their row, field and reason (Msg).
 */

const FieldName = z.string().min(1).max(200);
const AxisOrderSchema = z.enum(['easting-northing', 'northing-easting']);
const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const PlacesInspectionSchema = z.object({
  fileName: z.string(),
  format: z.enum(['geojson', 'csv']),
  fields: z.array(z.string()),
  /** Name-like fields present in the file, strongest first. */
  nameCandidates: z.array(z.string()),
  /** The field that would be used; null when the user must pick one (`ambiguous`, or none fits). */
  nameField: z.string().nullable(),
  ambiguous: z.boolean(),
  kindField: z.string().nullable(),
  crs: z.enum(['EPSG:4326', 'EPSG:2180']).nullable(),
  /** Features by geometry (GeoJSON), or rows read for the preview (CSV). */
  counts: z.object({ points: z.number().int(), lines: z.number().int(), other: z.number().int(), rows: z.number().int() }),
  preview: z.array(z.string()),
  /** CSV: coordinate columns and how their X/Y order was decided (`decided` false: the user gives `xy`). */
  coordinate: z.object({ x: z.string(), y: z.string(), decided: z.boolean(), msg: MsgSchema }).nullable(),
});
export type PlacesInspection = z.infer<typeof PlacesInspectionSchema>;

export const PlacesRejectionSchema = z.object({ row: z.number().int(), field: z.string(), msg: MsgSchema });

export const PlacesImportResultSchema = z.object({
  layerId: z.number().int(),
  fileName: z.string(),
  format: z.enum(['geojson', 'csv']),
  crs: z.enum(['EPSG:4326', 'EPSG:2180']),
  nameField: z.string(),
  kindField: z.string().nullable(),
  places: z.number().int(),
  /** Street line parts stored, and the distinct names among them. */
  streets: z.number().int(),
  streetNames: z.number().int(),
  rejected: z.number().int(),
  /** The first 200 rejected rows. */
  rejections: z.array(PlacesRejectionSchema),
  mode: z.enum(['replace', 'add']),
  removed: z.object({ layers: z.number().int(), places: z.number().int(), streets: z.number().int() }),
  coordinate: MsgSchema.nullable(),
  durationMs: z.number(),
});
export type PlacesImportResult = z.infer<typeof PlacesImportResultSchema>;

export const PlaceLayerSchema = z.object({
  /** 0 = the demo's places (not a file). */
  id: z.number().int(),
  source: z.enum(['demo', 'import']),
  fileName: z.string().nullable(),
  format: z.string().nullable(),
  crs: z.string().nullable(),
  nameField: z.string().nullable(),
  importedAt: z.number().nullable(),
  places: z.number().int(),
  streets: z.number().int(),
  rejected: z.number().int(),
  bbox: BBox.nullable(),
});
export type PlaceLayer = z.infer<typeof PlaceLayerSchema>;

export const NearestNamedSchema = z.object({
  name: z.string(),
  kind: z.enum(['street', 'place']),
  placeKind: z.string().nullable(),
  /** Metres (EPSG:2180 plane) from the point to the street line or the place. */
  distanceM: z.number(),
  /** The nearest point of the street, or the place (WGS84). */
  lon: z.number(),
  lat: z.number(),
  /** The answer as a message ("ul. Słowackiego", "ok. 120 m od: Dworzec PKP"), catalogue places.ts. */
  msg: MsgSchema,
});
export type NearestNamedOut = z.infer<typeof NearestNamedSchema>;

const LineFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) }),
  properties: z.object({ name: z.string(), layer: z.number().int() }),
});
const PointFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
  properties: z.object({ name: z.string(), kind: z.string(), source: z.string() }),
});

export const placesMethods = {
  /** Fields, name candidates, CRS and counts of a places/streets file, before importing it. */
  inspectPlacesFile: {
    input: z.object({ source: ImportSourceSchema, nameField: FieldName.optional(), xy: AxisOrderSchema.optional() }).strict(),
    output: PlacesInspectionSchema,
  },
  /** Import a places/streets file as a job; the job's result is a PlacesImportResult. */
  importPlaces: {
    input: z
      .object({
        source: ImportSourceSchema,
        nameField: FieldName.optional(),
        /** null: no kind field (every place is 'place'); absent: guessed (rodzaj, typ, kind…). */
        kindField: FieldName.nullable().optional(),
        xy: AxisOrderSchema.optional(),
        mode: z.enum(['replace', 'add']).optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  listPlaceLayers: { input: z.object({}).strict(), output: z.array(PlaceLayerSchema) },
  /** Remove one imported layer (layerId); without layerId every imported layer, or with `demo` only the demo's places. */
  clearPlaces: {
    input: z.object({ layerId: z.number().int().positive().optional(), demo: z.boolean().optional() }).strict(),
    output: z.object({ layers: z.number().int(), places: z.number().int(), streets: z.number().int() }),
  },
  /** The nearest named street or place within maxM metres (a street within 30 m wins); null when none. */
  nearestNamed: {
    input: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), maxM: z.number().positive().max(50_000).default(500) }).strict(),
    output: NearestNamedSchema.nullable(),
  },
  /** Streets (WGS84 LineStrings) and places (points) for the map's labels. */
  getPlacesGeoJson: {
    input: z.object({}).strict(),
    output: z.object({
      streets: z.object({ type: z.literal('FeatureCollection'), features: z.array(LineFeature) }),
      places: z.object({ type: z.literal('FeatureCollection'), features: z.array(PointFeature) }),
    }),
  },
} as const satisfies Record<string, MethodDef>;

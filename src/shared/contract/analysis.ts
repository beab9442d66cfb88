import { z } from 'zod';
import { ReportFilterSchema } from './filter';
import type { MethodDef } from './method';
import { MsgSchema } from './territory';

const Metres = (min: number, max: number) => z.number().min(min).max(max);

/** One analysis request; every parameter has a default or an automatic rule (recorded with the result). */
export const AnalysisRequestSchema = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('gistar'),
      aggregation: z.enum(['hex', 'square', 'beats']).default('hex'),
      /**
       * 'place' (default): place-scale cells and band, each cell tested against its same-kind surroundings
       * (src/core/analysis/place.ts). 'auto-isa': the ArcGIS "optimized" settings (mean nearest-neighbour cell,
       * incremental spatial autocorrelation band, one global reference; src/core/analysis/hotspot.ts).
       */
      band: z.enum(['place', 'auto-isa']).default('place'),
      cellSize: Metres(10, 10_000).optional(),
      distanceBand: Metres(10, 100_000).optional(),
      /** Radius of the surroundings of the place rule (default max(1,000 m, 4 × band)). */
      referenceRadius: Metres(200, 20_000).optional(),
      /** Minimum reports of a listed hotspot. */
      minReports: z.number().int().min(1).max(10_000).default(5),
      fdr: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      method: z.literal('dbscan'),
      eps: Metres(1, 10_000).default(100),
      minPoints: z.number().int().min(2).max(10_000).default(5),
      timeWindowDays: z.number().min(0.01).max(3650).optional(),
    })
    .strict(),
  z.object({ method: z.literal('kde'), radius: Metres(10, 50_000).optional(), cells: z.number().int().min(50).max(1000).default(300) }).strict(),
  z
    .object({
      method: z.literal('emerging'),
      /** Warsaw calendar steps: months start on the 1st at 00:00 Europe/Warsaw, weeks on Monday 00:00. */
      step: z.enum(['week', 'month']).default('month'),
      /** Steps the analysed period covers only in part: left out (default) or analysed as they are. */
      partialSteps: z.enum(['exclude', 'include']).default('exclude'),
      cellSize: Metres(10, 10_000).optional(),
      distanceBand: Metres(10, 100_000).optional(),
    })
    .strict(),
  z
    .object({
      method: z.literal('knox'),
      distanceEdges: z.array(Metres(0, 100_000)).min(2).max(20).default([0, 100, 200, 400, 800]),
      timeEdgesDays: z.array(z.number().min(0).max(3650)).min(2).max(20).default([0, 7, 14, 28, 56]),
      iterations: z.number().int().min(19).max(9999).default(999),
      seed: z.number().int().min(0).max(2 ** 31).default(1),
    })
    .strict(),
  z
    .object({
      method: z.literal('quality'),
      /**
       * Training and test periods, UTC ms [from, to). When omitted: the test period is the last `testDays` before
       * the end of the data (Warsaw midnight after the last report in the filter, or the filter's `to`), the
       * training period the `trainDays` before it.
       */
      trainFrom: z.number().int().optional(),
      trainTo: z.number().int().optional(),
      testFrom: z.number().int().optional(),
      testTo: z.number().int().optional(),
      trainDays: z.number().int().min(7).max(3650).default(90),
      testDays: z.number().int().min(1).max(3650).default(30),
      /** Area shares at which every method's map is compared (share of the study area). */
      shares: z.array(z.number().min(0.0001).max(0.5)).min(1).max(6).default([0.001, 0.01, 0.05]),
      /** Side of the square evaluation cells, metres. */
      cellSize: Metres(25, 2_000).default(100),
    })
    .strict(),
]);
export type AnalysisRequest = z.input<typeof AnalysisRequestSchema>;
export type AnalysisMethod = AnalysisRequest['method'];

/** Where a hotspot is, in words (src/backend/analysis/places.ts namePlace). */
export const PlaceNameSchema = z.object({
  name: z.string().nullable(),
  kind: z.string().nullable(),
  distanceM: z.number().nullable(),
  beat: z.string().nullable(),
  beatId: z.number().nullable(),
  label: MsgSchema,
});

/**
 * One hotspot of a Gi* analysis, ranked (src/core/analysis/hotspotList.ts: definition, ranking, hours, since).
 * WGS84; `place` is filled by the backend (namePlace) after the computation.
 */
export const HotspotSchema = z.object({
  rank: z.number().int(),
  lon: z.number(),
  lat: z.number(),
  /** Reports in the hotspot's cells or within the place radius of its centre. */
  reports: z.number().int(),
  /** Of those, with a confirmed status. */
  confirmed: z.number().int().nullable(),
  place: PlaceNameSchema.nullable(),
  /** Beat holding most of its reports. */
  districtId: z.number().int().nullable(),
  beat: z.string().nullable(),
  /** Kind of area it was compared within (beat kind: 'city', 'rural', …). */
  stratum: z.string().nullable(),
  /** Warsaw hours holding at least 2/3 of its reports; `concentrated` false = spread over the day. */
  hours: z.object({ from: z.number(), to: z.number(), share: z.number(), concentrated: z.boolean() }).nullable(),
  /** First Warsaw month ("YYYY-MM") of the current hot run; null when it ended (`until`). */
  since: z.string().nullable(),
  /** No start found inside the analysed months: hot since at least the first of them. */
  sinceFromStart: z.boolean(),
  until: z.string().nullable(),
  /** Ranking statistic: Poisson log-likelihood ratio of the core against its surroundings. */
  score: z.number(),
  core: z.object({ radiusM: z.number(), reports: z.number(), expected: z.number(), ratio: z.number().nullable() }),
  cells: z.number().int(),
  areaM2: z.number(),
  confidence: z.union([z.literal(90), z.literal(95), z.literal(99)]),
  zMax: z.number(),
  topCategories: z.array(z.object({ code: z.number().int(), name: z.string(), count: z.number().int() })),
  /** Report ids (for the drill-down; police-only, never in public outputs). */
  reportIds: z.array(z.number().int()),
});
export type StoredHotspot = z.infer<typeof HotspotSchema>;

/** A stored analysis, ready for the map (all geometry WGS84). Shapes per method: see src/backend/analysis/present.ts. */
export const StoredAnalysisSchema = z.object({
  id: z.number(),
  method: z.string(),
  name: z.string(),
  createdAt: z.number(),
  filter: ReportFilterSchema,
  request: z.record(z.string(), z.unknown()),
  /** Parameters actually used (including automatic choices and seeds). */
  params: z.record(z.string(), z.unknown()),
  summary: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()),
});

/** Analyses: clusters, Gi*, KDE, emerging hot spots, near repeat, hotspot quality (issue 5). */
export const analysisMethods = {
  runAnalysis: {
    input: z.object({ request: AnalysisRequestSchema, filter: ReportFilterSchema.default({}), name: z.string().max(200).optional() }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  listAnalyses: {
    input: z.object({}).strict(),
    /** Newest first; filter, request and parameters let a list describe each analysis without loading its result. */
    output: z.array(
      z.object({
        id: z.number(),
        method: z.string(),
        name: z.string(),
        createdAt: z.number(),
        summary: z.record(z.string(), z.unknown()),
        filter: ReportFilterSchema.optional(),
        request: z.record(z.string(), z.unknown()).optional(),
        params: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  },
  getAnalysis: { input: z.object({ id: z.number().int() }).strict(), output: StoredAnalysisSchema },
  deleteAnalysis: { input: z.object({ id: z.number().int() }).strict(), output: z.object({ deleted: z.boolean() }) },
} as const satisfies Record<string, MethodDef>;

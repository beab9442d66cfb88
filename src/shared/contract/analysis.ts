import { z } from 'zod';
import { ReportFilterSchema } from './filter';
import type { MethodDef } from './method';

const Metres = (min: number, max: number) => z.number().min(min).max(max);

/** One analysis request; every parameter has a default or an automatic rule (recorded with the result). */
export const AnalysisRequestSchema = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('gistar'),
      aggregation: z.enum(['hex', 'square', 'beats']).default('hex'),
      cellSize: Metres(10, 10_000).optional(),
      distanceBand: Metres(10, 100_000).optional(),
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
      step: z.enum(['week', 'month']).default('month'),
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
      /** Training and test periods, UTC ms [from, to). */
      trainFrom: z.number().int(),
      trainTo: z.number().int(),
      testFrom: z.number().int(),
      testTo: z.number().int(),
      fraction: z.number().min(0.001).max(0.9).default(0.05),
      cellSize: Metres(10, 10_000).default(250),
    })
    .strict(),
]);
export type AnalysisRequest = z.input<typeof AnalysisRequestSchema>;
export type AnalysisMethod = AnalysisRequest['method'];

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

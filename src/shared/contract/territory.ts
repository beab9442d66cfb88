import { z } from 'zod';
import type { MethodDef } from './method';
import type { Msg } from '../../core/message';

/**
 * The command's territory (issue 12): the area the workspace covers, as named parts (PRG powiaty, the union of
 * the beats, a file, or drawn). It decides the X/Y order of ambiguous imports, flags reports outside it
 * (`outside` = reports flagged after the change, re-flagged in the same transaction) and is the study area of
 * rates and PAI. Every change re-flags all reports in one transaction.
 */

/** A message code with parameters (src/core/message.ts) on the wire. */
/** A message (src/core/message.ts); a parameter may itself be a message (a place's label inside a sentence). */
export const MsgSchema: z.ZodType<Msg> = z.lazy(() =>
  z.object({
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), MsgSchema]).optional()).optional(),
  }),
);

const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const Geometry = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }).passthrough();

export const TerritoryPartSchema = z.object({
  name: z.string(),
  source: z.enum(['powiat', 'beats', 'file', 'drawn']),
  areaKm2: z.number(),
  bbox: BBox,
  /** Distance in metres within which a point outside this part still counts as inside (simplified boundaries). */
  toleranceM: z.number(),
  geometry: Geometry,
});

export const TerritoryResultSchema = z.object({
  parts: z.array(TerritoryPartSchema),
  /** Total area, km² (EPSG:2180 planar); null without a territory. */
  areaKm2: z.number().nullable(),
  /** Reports flagged outside the territory now. */
  outside: z.number().int(),
  /** Reports in the workspace. */
  reports: z.number().int(),
});
export type TerritoryResult = z.infer<typeof TerritoryResultSchema>;

export const territoryMethods = {
  getTerritory: { input: z.object({}).strict(), output: TerritoryResultSchema },
  /** Names as in PRG ("powiat piotrkowski", "powiat Piotrków Trybunalski"); an unknown name fails with the closest names. */
  setTerritoryFromPowiaty: {
    input: z.object({ names: z.array(z.string().trim().min(1).max(200)).min(1).max(50) }).strict(),
    output: TerritoryResultSchema,
  },
  /** The union of the workspace's beats; fails when there are none. */
  setTerritoryFromBeats: { input: z.object({}).strict(), output: TerritoryResultSchema },
  clearTerritory: { input: z.object({}).strict(), output: TerritoryResultSchema },
  /** The bundled PRG powiat names, for pickers. */
  listPowiatNames: { input: z.object({}).strict(), output: z.array(z.string()) },
} as const satisfies Record<string, MethodDef>;

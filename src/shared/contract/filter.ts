import { z } from 'zod';

/** The filter every view and analysis applies (see src/core/domain/report.ts ReportFilter). */
export const ReportFilterSchema = z
  .object({
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    categories: z.array(z.string().max(200)).max(100).optional(),
    statuses: z.array(z.string().max(100)).max(20).optional(),
    districtIds: z.array(z.number().int().nonnegative()).max(10_000).optional(),
    hours: z.array(z.number().int().min(0).max(23)).max(24).optional(),
    weekdays: z.array(z.number().int().min(0).max(6)).max(7).optional(),
    /** Only reports inside / outside the workspace's territory; absent = all. */
    territory: z.enum(['inside', 'outside']).optional(),
  })
  .strict();
export type ReportFilterInput = z.infer<typeof ReportFilterSchema>;

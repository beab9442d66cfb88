import type { z } from 'zod';

/** One API method: zod schemas for input (validated at every transport) and output. */
export interface MethodDef {
  input: z.ZodType;
  output: z.ZodType;
  /** Returns raw bytes (Uint8Array) instead of JSON. */
  binary?: boolean;
}

// import { z } from 'zod';
import type { MethodDef } from './method';

/** Beat districts and per-beat statistics (issue 4). */
export const districtMethods = {} as const satisfies Record<string, MethodDef>;

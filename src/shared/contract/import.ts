// import { z } from 'zod';
import type { MethodDef } from './method';

/** Import of report files (issue 3). */
export const importMethods = {} as const satisfies Record<string, MethodDef>;

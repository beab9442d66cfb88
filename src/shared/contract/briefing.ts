// import { z } from 'zod';
import type { MethodDef } from './method';

/** Briefings and public presentation (issue 7). */
export const briefingMethods = {} as const satisfies Record<string, MethodDef>;

// import { z } from 'zod';
import type { MethodDef } from './method';

/** Analyst map workspace: filters, layers, drill-down (issue 6). */
export const mapMethods = {} as const satisfies Record<string, MethodDef>;

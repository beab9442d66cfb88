// import { z } from 'zod';
import type { MethodDef } from './method';

/** Analyses: clusters, Gi*, KDE, emerging hot spots, near repeat (issue 5). */
export const analysisMethods = {} as const satisfies Record<string, MethodDef>;

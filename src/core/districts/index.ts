/** Beat-district engine: validation, point assignment, per-beat statistics. Pure TS (no Node, no DOM). */
export * from './types';
export * from './geometry';
export * from './project';
export * from './kinks';
export * from './validate';
export * from './assign';
export * from './exact';
export * from './stats';

/**
 * Import parsing / normalising (pure: runs in Node, a worker or a browser).
 *
 * Flow for one file (the readers live in src/backend/import/readers):
 *   const vi = buildVoivodeshipIndex(wojewodztwaFeatureCollection);           // once per process
 *   const info = await inspectFile(path, options);                              // headers, sample, proposal
 *   const mapping = preset?.mapping ?? info.proposal.mapping;                   // user may edit; validateMapping()
 *   const analysis = analyzeSample(info.sample.map((r) => r.record), mapping,
 *                                  { voivodeships: vi, declaredCrs: info.geometryCrs, ...overrides });
 *   const normalize = createRowNormalizer(mapping, analysis.decisions, { voivodeships: vi });
 *   const reader = await openReader(path, options);
 *   for await (const batch of reader.batches()) for (const row of batch) {
 *     if (row.issue) ... // reader-level problem (still try to normalise, or quarantine as 'read-error')
 *     const r = normalize(row.record);
 *     r.ok ? upsert(r.report) : quarantine(row.rowNumber, r.rejection);       // formatRejection for messages
 *   }
 */
export * from './types';
export * from './encoding';
export * from './sniff';
export * from './values';
export * from './mapping';
export * from './voivodeships';
export * from './coordinates';
export * from './normalize';

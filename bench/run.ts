/**
 * `npm run bench`: every performance target of the issues, with figures and ratios against the named
 * baselines measured in the same run. Not a test: it prints, it does not assert.
 * Run one part with `npm run bench -- import` (parts: import, districts, analysis, map).
 */
const parts = process.argv.slice(2);
const want = (name: string) => parts.length === 0 || parts.includes(name);
const log = (line: string) => console.log(line);

log(`Rejon benchmarks — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
if (want('import')) {
  const { benchImport } = await import('./import');
  await benchImport(log);
}
if (want('districts')) {
  const { benchDistricts } = await import('./districts');
  await benchDistricts(log);
}

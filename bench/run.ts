/**
 * `npm run bench`: every performance target of the issues, with figures and ratios against the named
 * baselines measured in the same run. Not a test: it prints, it does not assert.
 * Run some parts only with `npm run bench -- import analysis` (parts: import, districts, analysis, map, cli, places, load, import-load).
 */
import os from 'node:os';

const parts = process.argv.slice(2);
const want = (name: string) => parts.length === 0 || parts.includes(name);
const log = (line: string) => console.log(line);

log(`Rejon benchmarks — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`);
if (want('import')) {
  log('\n## Import (issue 3): 1M-row windows-1250 CSV, EPSG:2180 — baseline: papaparse alone on the same file');
  const { benchImport } = await import('./import');
  await benchImport(log);
}
if (want('districts')) {
  log('\n## Beat assignment (issue 4): 1M reports x 200 beats — baseline: turf.booleanPointInPolygon loop');
  const { benchDistricts } = await import('./districts');
  await benchDistricts(log);
}
if (want('analysis')) {
  log('\n## Analysis (issue 5): DBSCAN vs turf.clustersDbscan, Gi* and KDE at 1M');
  const { benchAnalysis } = await import('./analysis');
  await benchAnalysis(log);
}
if (want('places')) {
  log('\n## Places and streets (issue 13): city-size street file import, nearest named street per 1,000 lookups — baselines: JSON.parse alone, brute-force scan');
  const { benchPlaces } = await import('./places');
  await benchPlaces(log);
}
if (want('map')) {
  log('\n## Map workspace (issue 6): 1M reports in headless Chromium — filter input to next frame, frame times while panning');
  const { benchMap } = await import('./map');
  await benchMap(log);
}
if (want('cli')) {
  log('\n## Command-line start-up (issue 16): `rejon info` on the demo workspace — baseline: `node -e 0` in the same run');
  const { benchCli } = await import('./cli');
  await benchCli(log);
}
if (want('load')) {
  log('\n## A responsive backend under load (issue 14): 50 concurrent heavy reads for 10 s against `rejon serve` — baseline: the reads on the backend thread');
  const { benchLoad } = await import('./load');
  await benchLoad(log);
}
if (want('import-load')) {
  log('\n## The backend during an import (issue 14): event-loop delay of the API thread while 300k rows are imported — baseline: the import written on that thread, as before');
  const { benchImportLoad } = await import('./importLoad');
  await benchImportLoad(log);
}

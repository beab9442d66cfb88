/**
 * Child-process probe for resource tests: reads one file with a Rejon reader and prints one JSON line with the
 * outcome and the process's peak resident memory (VmHWM), so a test can assert that a hostile file is refused
 * with a named limit AND that refusing it did not take the memory first.
 *
 *   node --import tsx tests/helpers/readProbe.ts district|import FILE
 *   node --import tsx tests/helpers/readProbe.ts importfile FILE WORKSPACE   (a whole import, as the bench does)
 */
import fs from 'node:fs';

const [kind, file, arg3] = process.argv.slice(2);
const root = '../..';
const hwmMb = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;
const out: Record<string, unknown> = { kind };
try {
  if (kind === 'district') {
    const { readDistrictFile } = await import(`${root}/src/backend/districts/readers/index.ts`);
    const r = await readDistrictFile(file);
    out.ok = true;
    out.features = r.features.length;
  } else if (kind === 'importfile') {
    const { importFile } = await import(`${root}/src/backend/import/importFile.ts`);
    const { openWorkspace } = await import(`${root}/src/backend/store/workspace.ts`);
    openWorkspace(arg3, { create: true }).close();
    const s = await importFile(arg3, { path: file });
    out.ok = true;
    out.rows = s.rows;
    out.inserted = s.inserted;
  } else {
    const { inspectFile } = await import(`${root}/src/backend/import/readers/index.ts`);
    const r = await inspectFile(file, {}, 20);
    out.ok = true;
    out.rows = r.sample.length;
  }
} catch (e) {
  out.ok = false;
  out.error = e instanceof Error ? e.message : String(e);
  out.msg = (e as { msg?: unknown }).msg ?? null;
}
out.vmHwmMb = Math.round(hwmMb());
console.log(JSON.stringify(out));

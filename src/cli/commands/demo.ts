import fs from 'node:fs';
import path from 'node:path';
import { WorkspaceError, openWorkspace, getMeta } from '../../backend/store/workspace';
import { int, one, parseArgs, UsageError } from '../args';
import { out } from '../output';

export const usage = `demo   --workspace FILE [--seed N] [--reports N] [--export FILE] [--force] [--json]
         Write the synthetic Piotrków Trybunalski demo workspace (deterministic per seed) and the
         same reports as a KMZB-style export (windows-1250, ';', EPSG:2180) next to it.`;

export async function run(argv: string[]): Promise<number> {

  const args = parseArgs(argv, { values: ['workspace', 'seed', 'reports', 'export'], flags: ['force', 'json'] });
  const target = one(args, 'workspace');
  if (!target) throw new UsageError('demo needs --workspace FILE');
  const seed = int(args, 'seed', 0, 2 ** 31) ?? 1;
  const reports = int(args, 'reports', 100, 200_000);
  const abs = path.resolve(target);
  if (fs.existsSync(abs) && fs.statSync(abs).size > 0 && !args.flags.has('force')) {
    // Only a previous demo may be replaced without --force.
    let isDemo = false;
    try {
      const db = openWorkspace(abs, { readonly: true });
      isDemo = getMeta(db, 'demo') != null;
      db.close();
    } catch (e) {
      if (!(e instanceof WorkspaceError)) throw e;
    }
    if (!isDemo) throw new UsageError(`${abs} exists and is not a demo workspace; use --force to replace it`);
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const [{ synthesizeDemo }, { writeDemo }, { writeKmzbExport }] = await Promise.all([
    import('../../backend/demo/synth'),
    import('../../backend/demo/writeDemo'),
    import('../../backend/demo/kmzbExport'),
  ]);
  const tmp = `${abs}.tmp-${process.pid}`;
  const data = synthesizeDemo({ seed, reports });
  const db = openWorkspace(tmp, { create: true });
  let result: { reports: number; districts: number };
  try {
    result = writeDemo(db, data);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(abs + suffix, { force: true });
  fs.renameSync(tmp, abs);
  const exportPath = path.resolve(one(args, 'export') ?? abs.replace(/\.[^./]+$/, '') + '-kmzb-export.csv');
  writeKmzbExport(data, exportPath);
  if (args.flags.has('json')) out(JSON.stringify({ workspace: abs, export: exportPath, ...result, seed }));
  else {
    out(`Demo workspace written: ${abs} (${result.reports} reports, ${result.districts} districts, seed ${seed})`);
    out(`KMZB-style export written: ${exportPath}`);
  }
  return 0;
}


import path from 'node:path';
import { one, parseArgs, UsageError } from '../args';
import { out } from '../output';

export const usage = `info   --workspace FILE [--json]
         Print the workspace's name, territory, report and district counts, the schema version and whether it
         is the demo. Reads the file read-only (a read-only file is fine). --json: {"reports": N, "districts": N,
         "schemaVersion": N, "name": "…", "territory": […], "demo": false, …}.`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace'], flags: ['json'] });
  const file = one(args, 'workspace');
  if (!file) throw new UsageError('info needs --workspace FILE');
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const [{ Backend }, { cliText }, { msg }, { formatWarsaw }] = await Promise.all([
    import('../../backend/backend'), import('../workspaceArg'), import('../../core/message'), import('../../core/domain/time'),
  ]);
  const backend = new Backend(null, {});
  try {
    await backend.api.openWorkspace({ path: path.resolve(file), readOnly: true });
    const info = await backend.api.getWorkspaceInfo({});
    if (args.flags.has('json')) {
      out(JSON.stringify(info));
    } else {
      out(cliText(msg('workspace.cli.info.head', { file: info.path, name: info.name, demo: info.demo ? 'yes' : 'no' })));
      out(cliText(msg('workspace.cli.info.counts', { reports: info.reports, districts: info.districts, imports: info.imports, version: info.schemaVersion })));
      if (info.firstReportAt != null && info.lastReportAt != null) {
        out(cliText(msg('workspace.cli.info.range', { from: formatWarsaw(info.firstReportAt, false), to: formatWarsaw(info.lastReportAt, false) })));
      }
      out(cliText(msg('workspace.cli.info.territory', { names: info.territory.join(', '), parts: info.territory.length })));
    }
  } finally {
    await backend.close();
  }
  return 0;
}

import path from 'node:path';
import { one, parseArgs, UsageError } from '../args';
import { out } from '../output';

export const usage = `imports --workspace W [--json]
         The import history, newest first: number, date, file, source (kmzb-police, kmzb-public, other, demo) and
         its text, inserted/updated/unchanged/rejected rows, and whether it was undone or can be undone
         (rejon undo-import).`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace'], flags: ['json'] });
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError('imports needs --workspace FILE');
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const [{ Backend }, { formatWarsaw }, { langFromEnv, translate }, { kindLabel }] = await Promise.all([
    import('../../backend/backend'), import('../../core/domain/time'), import('../../shared/i18n'), import('../../shared/provenance'),
  ]);
  const backend = new Backend(null, {});
  try {
    // through the contract, read-only (a read-only file is fine)
    await backend.api.openWorkspace({ path: path.resolve(workspace), readOnly: true });
    const list = await backend.api.listImports({});
    if (args.flags.has('json')) {
      out(JSON.stringify(list));
      return 0;
    }
    const lang = langFromEnv(process.env);
    if (list.length === 0) out(translate(lang, 'provenance.cli.none'));
    for (const i of list) {
      const state = i.undoneAt != null
        ? translate(lang, 'provenance.cli.undone', { at: formatWarsaw(i.undoneAt) })
        : translate(lang, i.undoable ? 'provenance.cli.undoable' : 'provenance.cli.notUndoable');
      out(`#${i.id}  ${formatWarsaw(i.importedAt)}  ${i.fileName}  [${i.provenanceKind}: ${kindLabel(lang, i.provenanceKind)}${i.provenance ? ` – ${i.provenance}` : ''}]`);
      out(`     ${translate(lang, 'provenance.cli.counts', { inserted: i.inserted, updated: i.updated, unchanged: i.unchanged, rejected: i.rejected })}; ${state}`);
    }
    return 0;
  } finally {
    await backend.close();
  }
}

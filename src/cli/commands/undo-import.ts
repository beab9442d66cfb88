import path from 'node:path';
import { one, parseArgs, UsageError } from '../args';
import { out } from '../output';

export const usage = `undo-import ID --workspace W [--json]
         Undo one import (numbers: rejon imports): the reports it inserted are removed, the reports it updated
         get back their content from before it, its status history entries and quarantine rows are removed; the
         import stays in the history marked undone. A backup copy of the workspace is written first to the
         backups/ folder next to it. Refused (exit 4, nothing changed) when a later import changed the same
         reports (undo that one first) or when the import was made before undo was recorded.`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace'], flags: ['json'] });
  const workspace = one(args, 'workspace');
  if (!workspace) throw new UsageError('undo-import needs --workspace FILE');
  if (args.positional.length !== 1) throw new UsageError('undo-import needs one import number (see rejon imports)');
  const id = Number(args.positional[0].replace(/^#/, ''));
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`not an import number: "${args.positional[0]}"`);
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const [{ Backend }, { RejonError }, { langFromEnv, translate }] = await Promise.all([
    import('../../backend/backend'), import('../../shared/contract'), import('../../shared/i18n'),
  ]);
  const lang = langFromEnv(process.env);
  const backend = new Backend(null, {});
  try {
    // through the contract: a missing, damaged, foreign or read-only workspace is refused there (exit 3)
    await backend.api.openWorkspace({ path: path.resolve(workspace) });
    const r = await backend.api.undoImport({ importId: id });
    if (args.flags.has('json')) out(JSON.stringify(r));
    else
      out(
        translate(lang, 'provenance.undo.done', {
          id: r.importId, file: r.fileName, removed: r.removed, restored: r.restored, history: r.history, quarantine: r.quarantine, backup: r.backupPath,
        }),
      );
    return 0;
  } catch (e) {
    if (e instanceof RejonError && (e.code === 'bad-request' || e.code === 'not-found')) {
      process.stderr.write(`rejon: ${e.msg ? translate(lang, e.msg) : e.message}\n`);
      return 4;
    }
    throw e;
  } finally {
    await backend.close();
  }
}

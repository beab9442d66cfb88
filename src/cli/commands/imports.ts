import path from 'node:path';
import { Backend } from '../../backend/backend';
import { formatWarsaw } from '../../core/domain/time';
import { langFromEnv } from '../../shared/i18n';
import { kindLabel } from '../../shared/provenance';
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
  const backend = new Backend(path.resolve(workspace));
  try {
    const list = await backend.api.listImports({});
    if (args.flags.has('json')) {
      out(JSON.stringify(list));
      return 0;
    }
    const lang = langFromEnv(process.env);
    if (list.length === 0) out('no imports');
    for (const i of list) {
      const state = i.undoneAt != null ? `undone ${formatWarsaw(i.undoneAt)}` : i.undoable ? 'can be undone' : 'cannot be undone';
      out(`#${i.id}  ${formatWarsaw(i.importedAt)}  ${i.fileName}  [${i.provenanceKind}: ${kindLabel(lang, i.provenanceKind)}${i.provenance ? ` – ${i.provenance}` : ''}]`);
      out(`     inserted ${i.inserted}, updated ${i.updated}, unchanged ${i.unchanged}, rejected ${i.rejected}; ${state}`);
    }
    return 0;
  } finally {
    await backend.close();
  }
}

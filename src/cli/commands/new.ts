import path from 'node:path';
import { parseArgs, one, UsageError } from '../args';
import { out } from '../output';

export const usage = `new    FILE --name TEXT [--territory NAME]... [--json]
         Create an empty workspace for a command: its visible name and its territory, powiaty of the bundled
         PRG boundaries by name, repeatable (KMP Piotrków: --territory "powiat piotrkowski" --territory
         "powiat Piotrków Trybunalski"; a name two powiaty share needs its voivodeship: "powiat tomaszowski
         (łódzkie)"). An unknown name lists the closest ones and writes nothing; an existing FILE is never
         overwritten. --json prints the workspace's info (as "rejon info --json").`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['name', 'territory'], flags: ['json'] });
  if (args.positional.length !== 1) throw new UsageError('new needs exactly one FILE (the workspace to create, e.g. kmp-piotrkow.sqlite)');
  const name = one(args, 'name');
  if (name === undefined || !name.trim()) throw new UsageError('new needs --name TEXT (the name of the command, shown in the app and on briefings)');
  const territory = args.options.get('territory') ?? [];
  const file = path.resolve(args.positional[0]);
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const [{ Backend }, { cliText }, { msg }] = await Promise.all([import('../../backend/backend'), import('../workspaceArg'), import('../../core/message')]);
  const backend = new Backend(null, {});
  try {
    const info = await backend.api.createWorkspace({ path: file, name, territory });
    if (args.flags.has('json')) out(JSON.stringify(info));
    else out(cliText(msg('workspace.cli.created', { file: info.path, name: info.name, territory: info.territory.join(', '), parts: info.territory.length })));
  } finally {
    await backend.close();
  }
  return 0;
}

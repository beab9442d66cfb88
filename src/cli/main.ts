import { WorkspaceError } from '../backend/store/workspace';
import type { Msg } from '../core/message';
import { UsageError } from './args';
import { out } from './output';

/** The user's message of an error (RejonError, CliFailure), recognised by name so main loads no more modules to start. */
function userMsg(e: unknown): { msg: Msg; code?: string; exitCode?: number } | null {
  const err = e as { name?: unknown; msg?: Msg; userMsg?: Msg; code?: string; exitCode?: number } | null;
  if (err?.name === 'CliFailure' && err.userMsg) return { msg: err.userMsg, exitCode: err.exitCode };
  if (err?.name === 'RejonError' && err.msg) return { msg: err.msg, code: err.code };
  return null;
}

/** Translate only on the error path (the i18n layer is not needed for a successful run). */
async function text(m: Msg): Promise<string> {
  const { cliText } = await import('./workspaceArg');
  return cliText(m);
}

interface Command {
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** Every command lives in ./commands/<name>.ts and is loaded only when used. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  new: () => import('./commands/new'),
  demo: () => import('./commands/demo'),
  serve: () => import('./commands/serve'),
  info: () => import('./commands/info'),
  import: () => import('./commands/import'),
  hotspots: () => import('./commands/hotspots'),
  districts: () => import('./commands/districts'),
  stats: () => import('./commands/stats'),
  briefing: () => import('./commands/briefing'),
  places: () => import('./commands/places'),
  reports: () => import('./commands/reports'),
  imports: () => import('./commands/imports'),
  'undo-import': () => import('./commands/undo-import'),
};

async function help(): Promise<string> {
  const usages = await Promise.all(Object.values(COMMANDS).map(async (load) => (await load()).usage));
  return `rejon – analyst workstation for KMZB threat reports

Usage: rejon <command> [options]

Commands:
${usages.map((u) => '  ' + u).join('\n')}

Options:
  --help  Show this help.
`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      out(await help());
      return command ? 0 : 1;
    }
    const load = COMMANDS[command];
    if (!load) throw new UsageError(`unknown command "${command}"`);
    const cmd = await load();
    if (rest.includes('--help')) {
      out('Usage: rejon ' + cmd.usage);
      return 0;
    }
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`rejon: ${e.message}\nRun "rejon --help" for usage.\n`);
      return 2;
    }
    // a workspace that cannot be used (missing, damaged, foreign, newer, read-only, the demo): exit 3
    if (e instanceof WorkspaceError) {
      process.stderr.write(`rejon: ${await text(e.msg)}\n`);
      return 3;
    }
    const um = userMsg(e);
    if (um) {
      process.stderr.write(`rejon: ${await text(um.msg)}\n`);
      return um.exitCode ?? (um.code === 'workspace' ? 3 : um.code === 'bad-request' ? 2 : 1);
    }
    process.stderr.write(`rejon: ${(e as Error).message}\n`);
    return 1;
  }
}

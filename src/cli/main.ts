import { WorkspaceError } from '../backend/store/workspace';
import { RejonError } from '../shared/contract';
import { UsageError } from './args';
import { out } from './output';
import { CliFailure, cliText } from './workspaceArg';

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
    if (e instanceof CliFailure) {
      process.stderr.write(`rejon: ${cliText(e.userMsg)}\n`);
      return e.exitCode;
    }
    if (e instanceof WorkspaceError) {
      process.stderr.write(`rejon: ${cliText(e.msg)}\n`);
      return 3;
    }
    if (e instanceof RejonError && e.msg) {
      process.stderr.write(`rejon: ${cliText(e.msg)}\n`);
      return e.code === 'workspace' ? 3 : e.code === 'bad-request' ? 2 : 1;
    }
    process.stderr.write(`rejon: ${(e as Error).message}\n`);
    return 1;
  }
}

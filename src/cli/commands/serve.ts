import fs from 'node:fs';
import path from 'node:path';
import { builtRendererDir } from '../../backend/resources';
import { int, one, parseArgs, UsageError } from '../args';
import { out } from '../output';

export const usage = `serve  [--workspace FILE] [--allow-dir DIR]... [--port N] [--token T]
         Serve the app in browser mode on 127.0.0.1 and print its URL. --workspace opens that workspace.
         Without it: on the very first start the demo workspace (generated in the Rejon data folder,
         REJON_HOME or ~/.local/share/rejon), later the last workspace opened, else the start screen.
         The app's file picker lists only the data folder and the folders given with --allow-dir.`;

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace', 'port', 'token', 'allow-dir'], flags: [] });
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  const given = one(args, 'workspace');
  const file = given ? path.resolve(given) : null;
  const port = int(args, 'port', 0, 65535) ?? 0;
  const allowDirs = (args.options.get('allow-dir') ?? []).map((d) => path.resolve(d));
  for (const d of allowDirs) if (!fs.existsSync(d) || !fs.statSync(d).isDirectory()) throw new UsageError(`--allow-dir: no such folder: ${d}`);
  const staticDir = builtRendererDir();
  if (!staticDir) {
    throw new Error(`The renderer is not built (${process.env.REJON_RENDERER_DIR ?? 'out/renderer'} has no index.html). Run "npm run build" (npm start does it for you).`);
  }
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const [{ Backend }, { startHttpServer }, { msg }, { cliText }] = await Promise.all([
    import('../../backend/backend'), import('../../backend/server/httpServer'), import('../../core/message'), import('../workspaceArg'),
  ]);
  // Heavy reads on 2 worker threads: /api/health and small calls answer while they run (issue 14, pt 4).
  const backend = new Backend(null, { recent: true, allowDirs, confinePaths: true, readWorkers: 2, ...(file ? { allowFiles: [file] } : {}) });
  let generating = false;
  try {
    if (file) {
      await backend.api.openWorkspace({ path: file });
    } else {
      const r = await backend.openStartupWorkspace();
      generating = r.opened === 'demo' && r.jobId != null;
      if (generating) out(cliText(msg('workspace.cli.serve.generating-demo', { file: backend.demoPath })));
      if (r.error) {
        const e = r.error as { name?: string; msg?: { code: string }; message?: string };
        const m = e.name === 'RejonError' && e.msg ? e.msg : msg('workspace.cli.serve.startup-failed', { detail: e.message ?? String(r.error) });
        process.stderr.write(`rejon: ${cliText(m)}\n`);
      }
    }
  } catch (e) {
    await backend.close();
    throw e;
  }
  const server = await startHttpServer({ backend, staticDir, port, token: one(args, 'token') });
  const opened = backend.hasWorkspace ? backend.workspacePath : null;
  out(
    opened ? `Rejon (browser mode) serving ${opened}`
      : generating ? 'Rejon (browser mode): the app opens the demo workspace when it has been generated'
        : 'Rejon (browser mode): no workspace open, the app shows its start screen',
  );
  out(`Open: ${server.openUrl}`);
  // Clean shutdown on SIGINT (Ctrl+C), SIGTERM and SIGHUP (terminal closed): no new requests, running jobs cancelled
  // and awaited, staged uploads removed, the print browser closed, the workspace closed with a WAL checkpoint (back
  // in rollback-journal mode). A second signal while closing ends the process at once.
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, () => resolve(s));
  });
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(s, () => {
      process.stderr.write(`rejon: ${s} while closing: exiting now\n`);
      process.exit(130);
    });
  }
  out(`Rejon: ${signal}: closing`);
  await server.close();
  await backend.close();
  return 0;
}

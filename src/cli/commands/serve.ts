import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtRendererDir } from '../../backend/resources';
import { int, one, parseArgs } from '../args';
import { out } from '../output';

export const usage = `serve  [--workspace FILE] [--port N] [--token T]
         Serve the app in browser mode on 127.0.0.1 and print its URL. Without --workspace the
         default demo workspace is opened (and generated on first start).`;

export function defaultWorkspacePath(): string {
  const base = process.env.REJON_HOME ?? path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'rejon');
  return path.join(base, 'demo.sqlite');
}


export async function run(argv: string[]): Promise<number> {

  const args = parseArgs(argv, { values: ['workspace', 'port', 'token'], flags: [] });
  const given = one(args, 'workspace');
  const file = path.resolve(given ?? defaultWorkspacePath());
  const port = int(args, 'port', 0, 65535) ?? 0;
  const staticDir = builtRendererDir();
  if (!staticDir) {
    throw new Error(`The renderer is not built (${process.env.REJON_RENDERER_DIR ?? 'out/renderer'} has no index.html). Run "npm run build" (npm start does it for you).`);
  }
  if (!given) fs.mkdirSync(path.dirname(file), { recursive: true });
  // Loaded here, not at the top: `rejon --help` and the other commands do not pay for it.
  const [{ Backend }, { startHttpServer }] = await Promise.all([import('../../backend/backend'), import('../../backend/server/httpServer')]);
  const backend = new Backend(file, { create: !given });
  const info = await backend.api.getWorkspaceInfo({});
  if (!given && info.reports === 0 && info.districts === 0) {
    out('First start: generating the demo workspace…');
    backend.startDemoJob(1);
  }
  const server = await startHttpServer({ backend, staticDir, port, token: one(args, 'token') });
  out(`Rejon (browser mode) serving ${file}`);
  out(`Open: ${server.openUrl}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await backend.close();
  return 0;
}


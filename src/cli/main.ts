import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend } from '../backend/backend';
import { startHttpServer } from '../backend/server/httpServer';
import { WorkspaceError, openWorkspace, getMeta } from '../backend/store/workspace';
import { int, one, parseArgs, UsageError } from './args';

const HELP = `rejon – analyst workstation for KMZB threat reports

Usage: rejon <command> [options]

Commands:
  demo   --workspace FILE [--seed N] [--reports N] [--export FILE] [--force]
         Write the synthetic Piotrków Trybunalski demo workspace (deterministic per seed) and the
         same reports as a KMZB-style export (windows-1250, ';', EPSG:2180) next to it.
  serve  [--workspace FILE] [--port N] [--token T]
         Serve the app in browser mode on 127.0.0.1 and print its URL. Without --workspace the
         default demo workspace is opened (and generated on first start).
  info   --workspace FILE [--json]
         Print report and district counts and the schema version.

Options:
  --help  Show this help.
`;

function out(line: string): void {
  process.stdout.write(line + '\n');
}

export function defaultWorkspacePath(): string {
  const base = process.env.REJON_HOME ?? path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'rejon');
  return path.join(base, 'demo.sqlite');
}

function rendererDir(): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return process.env.REJON_RENDERER_DIR ?? path.join(root, 'out', 'renderer');
}

async function cmdDemo(argv: string[]): Promise<number> {
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
    import('../backend/demo/synth'),
    import('../backend/demo/writeDemo'),
    import('../backend/demo/kmzbExport'),
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

async function cmdInfo(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace'], flags: ['json'] });
  const file = one(args, 'workspace');
  if (!file) throw new UsageError('info needs --workspace FILE');
  const db = openWorkspace(file, { readonly: true });
  try {
    const reports = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    const districts = (db.prepare('SELECT count(*) AS n FROM districts').get() as { n: number }).n;
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (args.flags.has('json')) out(JSON.stringify({ reports, districts, schemaVersion }));
    else out(`${path.resolve(file)}: ${reports} reports, ${districts} districts, schema version ${schemaVersion}`);
  } finally {
    db.close();
  }
  return 0;
}

async function cmdServe(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['workspace', 'port', 'token'], flags: [] });
  const given = one(args, 'workspace');
  const file = path.resolve(given ?? defaultWorkspacePath());
  const port = int(args, 'port', 0, 65535) ?? 0;
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir}). Run "npm run build" (npm start does it for you).`);
  }
  if (!given) fs.mkdirSync(path.dirname(file), { recursive: true });
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

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      out(HELP);
      return command ? 0 : 1;
    }
    if (rest.includes('--help')) {
      out(HELP);
      return 0;
    }
    switch (command) {
      case 'demo': return await cmdDemo(rest);
      case 'info': return await cmdInfo(rest);
      case 'serve': return await cmdServe(rest);
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`rejon: ${e.message}\nRun "rejon --help" for usage.\n`);
      return 2;
    }
    if (e instanceof WorkspaceError) {
      process.stderr.write(`rejon: ${e.message}\n`);
      return 3;
    }
    process.stderr.write(`rejon: ${(e as Error).message}\n`);
    return 1;
  }
}

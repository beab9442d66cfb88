// `npm start`: the desktop app where an Electron binary can be had and a display exists;
// otherwise browser mode (`rejon serve`), which prints the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passArgs = process.argv.slice(2);

function electronBinary() {
  if (process.env.REJON_BROWSER === '1') return null;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  const dir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(dir, 'path.txt');
  const resolveBin = () => (fs.existsSync(pathTxt) ? path.join(dir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim()) : null);
  let bin = resolveBin();
  if (!bin || !fs.existsSync(bin)) {
    console.log('[start] fetching the Electron binary (needs network)…');
    const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
    bin = r.status === 0 ? resolveBin() : null;
  }
  return bin && fs.existsSync(bin) ? bin : null;
}

/** better-sqlite3 built for Electron's ABI, in out/native (the Node build stays for the CLI and tests). */
function electronSqliteBinding() {
  const electronVersion = require('electron/package.json').version;
  const target = path.join(root, 'out', 'native', `electron-${electronVersion}`);
  const binding = path.join(target, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  const npmDir = process.env.npm_execpath ? path.resolve(path.dirname(process.env.npm_execpath), '..') : null;
  const gyp = npmDir ? path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : null;
  if (!gyp || !fs.existsSync(gyp)) return null;
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), target, { recursive: true });
  console.log(`[start] building better-sqlite3 for Electron ${electronVersion}…`);
  const r = spawnSync(process.execPath, [gyp, 'rebuild', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--release'], {
    cwd: target,
    stdio: 'inherit',
  });
  return r.status === 0 && fs.existsSync(binding) ? binding : null;
}

buildIfStale();
const bin = electronBinary();
const binding = bin ? electronSqliteBinding() : null;
if (bin && binding) {
  const child = spawn(bin, [root, ...passArgs], { stdio: 'inherit', env: { ...process.env, REJON_SQLITE_BINDING: binding } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (process.env.REJON_BROWSER !== '1') console.log('[start] no Electron window available here: starting browser mode.');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'rejon.mjs'), 'serve', ...passArgs], { stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

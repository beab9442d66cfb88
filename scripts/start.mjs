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

/**
 * better-sqlite3 built for Electron's ABI, in out/native (the Node build in node_modules stays for the CLI and
 * the tests): a copy of the module rebuilt there with @electron/rebuild (a prebuilt binary for this Electron when
 * one is published, else a compile against Electron's headers: needs the network once). Packaging does the same
 * inside the app (electron-builder, npmRebuild). null when it cannot be had here.
 */
async function electronSqliteBinding() {
  const electronVersion = require('electron/package.json').version;
  const target = path.join(root, 'out', 'native', `electron-${electronVersion}`);
  const moduleDir = path.join(target, 'node_modules', 'better-sqlite3');
  const binding = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(moduleDir), { recursive: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), moduleDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  const version = require('better-sqlite3/package.json').version;
  fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name: 'rejon-native', private: true, dependencies: { 'better-sqlite3': version } }));
  console.log(`[start] rebuilding better-sqlite3 ${version} for Electron ${electronVersion} (@electron/rebuild)…`);
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: target, electronVersion, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  } catch (e) {
    console.log(`[start] could not rebuild better-sqlite3 for Electron: ${e.message.split('\n')[0]}`);
    return null;
  }
  return fs.existsSync(binding) ? binding : null;
}

buildIfStale();
const bin = electronBinary();
const binding = bin ? await electronSqliteBinding() : null;
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

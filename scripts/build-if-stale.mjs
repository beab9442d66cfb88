// Builds everything that runs in production with electron-vite (out/main: Electron main, backend host, worker
// threads, command line; out/preload; out/renderer) when the sources are newer than the output.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'out', '.build-stamp');

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

export function buildIfStale({ force = false } = {}) {
  const sources = Math.max(
    newest(path.join(root, 'src')),
    newest(path.join(root, 'electron')),
    fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
    fs.statSync(path.join(root, 'package.json')).mtimeMs,
  );
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const outputs = ['renderer/index.html', 'main/cli.js', 'main/backendHost.js', 'main/analysisWorker.js', 'main/importWorker.js', 'main/readWorker.js'];
  if (!force && built > sources && outputs.every((f) => fs.existsSync(path.join(root, 'out', f)))) return;
  console.log('[build] electron-vite build (main, backend host, workers, CLI, preload, renderer)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error('build failed');
  fs.writeFileSync(stamp, new Date().toISOString());
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale({ force: process.argv.includes('--force') });

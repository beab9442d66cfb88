#!/usr/bin/env node
// Rejon command line.
//
// Runs the BUILT command line (out/main/cli.js, made by `npm run build`; `npm start` and `npm test` build
// first when the sources changed) unless this is development:
//   - REJON_DEV=1: always the TypeScript sources through tsx;
//   - a source checkout whose build is missing or older than the sources it is made of (src/ except the
//     renderer, electron.vite.config.ts, package.json): the sources through tsx, so an edit is never hidden
//     by a stale build. Without src/ (an installed build) the build is used as it is.
// REJON_BUILT=1 (set by the tests: they test what ships) refuses to fall back to the sources: a missing or stale
// build is an error that says to run `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'out', 'main', 'cli.js');
const sources = path.join(root, 'src');

function newestSource(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (dir === sources && e.name === 'renderer') continue; // not part of the command line's build
      t = Math.max(t, newestSource(path.join(dir, e.name)));
    } else t = Math.max(t, fs.statSync(path.join(dir, e.name)).mtimeMs);
  }
  return t;
}

/** 'fresh', 'stale' or 'missing'. */
function buildState() {
  if (!fs.existsSync(built)) return 'missing';
  if (!fs.existsSync(sources)) return 'fresh';
  const builtAt = fs.statSync(built).mtimeMs;
  const config = ['electron.vite.config.ts', 'package.json'].map((f) => fs.statSync(path.join(root, f)).mtimeMs);
  return builtAt > Math.max(newestSource(sources), ...config) ? 'fresh' : 'stale';
}

function useBuild() {
  if (process.env.REJON_DEV === '1') return false;
  const state = buildState();
  if (process.env.REJON_BUILT === '1' && state !== 'fresh') {
    process.stderr.write(`rejon: REJON_BUILT=1 but the built command line is ${state === 'missing' ? 'missing' : 'older than the sources'} (${built}). Run "npm run build".\n`);
    process.exit(1);
  }
  return state === 'fresh';
}

let main;
if (useBuild()) {
  ({ main } = await import('../out/main/cli.js'));
} else {
  if (!fs.existsSync(sources)) {
    process.stderr.write('rejon: the command line is not built (out/main/cli.js is missing). Run "npm run build".\n');
    process.exit(1);
  }
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));

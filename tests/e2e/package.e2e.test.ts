/**
 * Packing the desktop app offline: electron-builder runs with the project's electron-builder.yml on the built app
 * (`npm run build`), producing the unpacked Linux app ("dir" target), and the test reads what it packed.
 *
 * Three things need the network or a real Electron and are switched off here, nothing else: the Electron
 * distribution is a stand-in folder (electronDist: no Electron binary can be downloaded here), better-sqlite3 is
 * not rebuilt for Electron (npmRebuild needs Electron's headers), and the fuses are not flipped (they are written
 * into the real Electron binary). The README's "Build the desktop app" runs the full configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { tmpDir } from '../helpers/tmp';
import { externalImports } from '../helpers/externalImports';

const ROOT = path.resolve(__dirname, '..', '..');
const require = createRequire(import.meta.url);

let t: ReturnType<typeof tmpDir>;
let resources: string;
let asarFiles: Set<string>;

beforeAll(async () => {
  t = tmpDir('rejon-pack-');
  const { getConfig } = require('app-builder-lib/out/util/config/config.js');
  const config = await getConfig(ROOT, null, null);
  const electronDist = path.join(t.dir, 'electron-dist');
  fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const offline = { ...config, electronDist, npmRebuild: false, electronFuses: undefined, directories: { ...config.directories, output: path.join(t.dir, 'dist') } };
  delete offline.electronFuses;
  const configFile = path.join(t.dir, 'electron-builder.json');
  fs.writeFileSync(configFile, JSON.stringify(offline));
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', '--x64', '--config', configFile, '--publish', 'never'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' },
  });
  if (r.status !== 0) throw new Error(`electron-builder failed (${r.status}): ${r.stdout.slice(-2000)} ${r.stderr.slice(-2000)}`);
  resources = path.join(t.dir, 'dist', 'linux-unpacked', 'resources');
  const asar = require('@electron/asar') as { listPackage(p: string, o?: object): string[] };
  asarFiles = new Set(asar.listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/')));
}, 360_000);
afterAll(() => t?.cleanup());

describe('the packed desktop app (electron-builder, offline)', () => {
  it('app.asar holds the built app: main, backend host, workers, CLI, preload, renderer and package.json', () => {
    for (const f of ['/package.json', '/out/main/index.js', '/out/main/backendHost.js', '/out/main/analysisWorker.js', '/out/main/importWorker.js', '/out/main/importWriteWorker.js', '/out/main/cli.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      expect(asarFiles.has(f), f).toBe(true);
    }
    // every file of out/main, chunks included
    for (const f of fs.readdirSync(path.join(ROOT, 'out', 'main'), { recursive: true, encoding: 'utf8' })) {
      if (f.endsWith('.js')) expect(asarFiles.has(`/out/main/${f.replace(/\\/g, '/')}`), f).toBe(true);
    }
  });

  it('and nothing of the development set-up: no sources, no Electron-ABI build folder, no tsx, no renderer libraries', () => {
    const paths = [...asarFiles];
    expect(paths.filter((p) => p.startsWith('/src/') || p.startsWith('/tests/') || p.startsWith('/out/native/') || p.endsWith('.map'))).toEqual([]);
    for (const dev of ['tsx', 'esbuild', 'react', 'maplibre-gl', 'vitest', 'electron', 'electron-builder', 'typescript']) {
      expect(asarFiles.has(`/node_modules/${dev}/package.json`), dev).toBe(false);
    }
  });

  it('every package out/main imports is in the package, so the backend host and the workers load there', () => {
    const imported = externalImports(path.join(ROOT, 'out', 'main'));
    imported.delete('electron');
    const unpacked = path.join(resources, 'app.asar.unpacked');
    for (const name of imported) {
      const inAsar = asarFiles.has(`/node_modules/${name}/package.json`);
      const outside = fs.existsSync(path.join(unpacked, 'node_modules', name, 'package.json'));
      expect(inAsar || outside, name).toBe(true);
    }
  });

  it('better-sqlite3 is unpacked next to app.asar with its native binding', () => {
    const binding = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(fs.existsSync(binding)).toBe(true);
    expect(fs.readFileSync(binding).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46])); // ELF
  });

  it('the bundled data sits in resources/resources (REJON_RESOURCES of the packaged app)', () => {
    const boundaries = path.join(resources, 'resources', 'boundaries');
    expect(fs.readdirSync(boundaries).sort()).toEqual(fs.readdirSync(path.join(ROOT, 'resources', 'boundaries')).sort());
  });
});

/**
 * The packaging configuration (electron-builder.yml), read with electron-builder's own loader and schema, offline:
 * the native module stays unpacked and is rebuilt for Electron, the fuses are set, every entry point the app
 * starts exists in out/ after `npm run build`, and what out/main imports at run time is exactly what package.json
 * ships as dependencies. (tests/e2e/package.e2e.test.ts packs the app with a stand-in Electron and reads app.asar.)
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { externalImports } from '../../helpers/externalImports';

const ROOT = path.resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };

interface BuilderConfig {
  files: { filter: string[] }[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  win: { target: { target: string }[] };
  linux: { target: { target: string }[] };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, { isEnabled: false, add() {} }); // throws on anything the schema refuses
  return config as BuilderConfig;
}

describe('desktop packaging (electron-builder.yml)', () => {
  it('is valid for electron-builder: Windows NSIS, Linux AppImage and deb', async () => {
    const c = await loadConfig();
    expect(c.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(c.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('keeps better-sqlite3 unpacked and rebuilds it for Electron at packaging time', async () => {
    const c = await loadConfig();
    expect(c.asar).toBe(true);
    expect(c.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(c.npmRebuild).toBe(true);
    expect(pkg.dependencies['better-sqlite3']).toBeTruthy();
    expect(pkg.devDependencies['@electron/rebuild']).toBeTruthy(); // scripts/start.mjs, electron-builder
  });

  it('sets the fuses', async () => {
    const c = await loadConfig();
    expect(c.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the built app and the bundled data; every entry point it starts exists in out/', async () => {
    const c = await loadConfig();
    const files = c.files.flatMap((f) => f.filter);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**', '!out/native/**']));
    expect(files.some((f) => f.startsWith('src') || f === '**/*')).toBe(false);
    expect(c.extraResources).toEqual([expect.objectContaining({ from: 'resources', to: 'resources' })]);
    expect(fs.existsSync(path.join(ROOT, 'resources', 'boundaries'))).toBe(true);
    const main = fs.readFileSync(path.join(ROOT, 'electron', 'main.ts'), 'utf8');
    const entries = [
      pkg.main, // Electron main
      'out/main/backendHost.js', // utilityProcess.fork(path.join(__dirname, 'backendHost.js'))
      'out/preload/index.cjs', // preload: path.join(__dirname, '../preload/index.cjs')
      'out/renderer/index.html', // app://rejon/index.html
      'out/main/analysisWorker.js', // worker threads, next to the host (src/backend/workers.ts)
      'out/main/importWorker.js',
      'out/main/importWriteWorker.js',
      'out/main/readWorker.js',
    ];
    expect(pkg.main).toBe('out/main/index.js');
    expect(main).toContain("'backendHost.js'");
    expect(main).toContain("'../preload/index.cjs'");
    for (const e of entries) expect(fs.existsSync(path.join(ROOT, e)), `${e} (run npm run build)`).toBe(true);
  });

  it('what out/main imports at run time is what package.json ships as dependencies, and nothing more', () => {
    const imported = externalImports(path.join(ROOT, 'out', 'main'));
    imported.delete('electron'); // provided by the runtime
    const deps = new Set(Object.keys(pkg.dependencies));
    expect([...imported].filter((n) => !deps.has(n)).sort(), 'imported by out/main but not a dependency (would be missing from the package)').toEqual([]);
    expect([...deps].filter((n) => !imported.has(n)).sort(), 'a dependency out/main never imports: renderer-only or unused (make it a devDependency)').toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { METHOD_NAMES } from '../../../src/shared/contract';

const root = path.resolve(__dirname, '../../..');
const preload = path.join(root, 'out', 'preload', 'index.cjs');

// npm test builds the app (electron-vite) before running the tests.
describe('Electron build output', () => {
  it('preload is one self-contained CommonJS file that only requires electron (sandbox-compatible)', () => {
    const code = fs.readFileSync(preload, 'utf8');
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain('exposeInMainWorld("rejon"');
    expect(code).not.toMatch(/exposeInMainWorld\("(?!rejon")/);
  });

  it('main window keeps isolation, sandbox and no Node integration; blocks navigation and new windows', () => {
    const main = fs.readFileSync(path.join(root, 'electron', 'main.ts'), 'utf8');
    expect(main).toMatch(/contextIsolation: true/);
    expect(main).toMatch(/sandbox: true/);
    expect(main).toMatch(/nodeIntegration: false/);
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(main).toMatch(/will-navigate/);
    expect(main).toMatch(/parseInput\(method, rawInput\)/);
    expect(main).toContain("'../preload/index.cjs'");
    expect(fs.existsSync(preload)).toBe(true);
  });

  it('main denies permission requests and checks on every session, locks every web contents, keeps one instance', () => {
    const main = fs.readFileSync(path.join(root, 'electron', 'main.ts'), 'utf8');
    expect(main).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(main).toMatch(/app\.on\('session-created', lockDownSession\)/);
    expect(main).toMatch(/app\.on\('web-contents-created', \(_e, contents\) => lockDownContents\(contents\)\)/);
    expect(main).toMatch(/will-frame-navigate/);
    expect(main).toMatch(/requestSingleInstanceLock/);
    expect(main).toMatch(/devTools: !app\.isPackaged|const devTools = !app\.isPackaged/);
    expect(main).not.toMatch(/nodeIntegration: true|contextIsolation: false|sandbox: false|webSecurity: false|allowRunningInsecureContent: true|enableBlinkFeatures|shell\.openExternal/);
  });

  it('every contract method gets its own IPC channel name', () => {
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    for (const m of METHOD_NAMES) expect(m).toMatch(/^[a-zA-Z]+$/);
  });
});

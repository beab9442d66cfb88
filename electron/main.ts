/**
 * Electron main: window, security, and wiring the API contract over IPC to the backend utility
 * process. Thin by design: all behaviour lives in src/backend and is tested under Node.
 */
import { app, BrowserWindow, ipcMain, net, protocol, session, utilityProcess, type UtilityProcess } from 'electron';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { METHOD_NAMES, parseInput, RejonError } from '../src/shared/contract';
import { RENDERER_CSP } from '../src/backend/security/paths';
import { APP_ORIGIN, APP_SCHEME, isAllowedNavigation, isTrustedSender, resolveAppRequest } from './policy';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const rendererRoot = path.join(__dirname, '../renderer');
let backendProc: UtilityProcess | null = null;
let nextId = 1;
const pending = new Map<number, (reply: unknown) => void>();

function defaultWorkspace(): string {
  const base = process.env.REJON_HOME ?? path.join(app.getPath('userData'));
  fs.mkdirSync(base, { recursive: true });
  return path.join(base, 'demo.sqlite');
}

function startBackend(win: BrowserWindow): void {
  const given = process.argv.find((a) => a.startsWith('--workspace='))?.slice('--workspace='.length);
  backendProc = utilityProcess.fork(path.join(__dirname, 'backendHost.js'), [], {
    serviceName: 'rejon-backend',
    env: {
      ...process.env,
      REJON_WORKSPACE: given ?? defaultWorkspace(),
      REJON_DEMO_ON_EMPTY: given ? '0' : '1',
      REJON_RESOURCES: app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources'),
      HOME: os.homedir(),
    },
  });
  backendProc.on('message', (msg: { id?: number; event?: unknown }) => {
    if (msg.event !== undefined) {
      if (!win.isDestroyed()) win.webContents.send('rejon:event', msg.event);
      return;
    }
    const resolve = msg.id != null ? pending.get(msg.id) : undefined;
    if (resolve && msg.id != null) {
      pending.delete(msg.id);
      resolve(msg);
    }
  });
}

function wireIpc(): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`rejon:${method}`, async (event, rawInput: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: { code: 'unauthorized', message: 'untrusted sender' } };
      try {
        const input = parseInput(method, rawInput); // validate in main before anything crosses to the backend
        if (!backendProc) throw new RejonError('internal', 'backend not running');
        const id = nextId++;
        return await new Promise((resolve) => {
          pending.set(id, resolve);
          backendProc!.postMessage({ id, method, input });
        });
      } catch (e) {
        const err = e instanceof RejonError ? e.toWire() : { code: 'internal', message: (e as Error).message };
        return { ok: false, error: err };
      }
    });
  }
}

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Rejon',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  startBackend(win);
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(request.url, rendererRoot);
    if (!file || !fs.existsSync(file)) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    if (file.endsWith('.html')) headers.set('Content-Security-Policy', RENDERER_CSP);
    return new Response(res.body, { status: res.status, headers });
  });
  wireIpc();
  await createWindow();
});

app.on('window-all-closed', () => {
  backendProc?.kill();
  app.quit();
});

/**
 * Electron main: window, security, menus, and wiring the API contract over IPC to the backend, which runs in a
 * utility process watched by BackendSupervisor (restart on crash, clean close on quit). Thin by design: all
 * behaviour lives in src/backend and in the Electron-free modules next to this file, tested under Node.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, utilityProcess, type Session, type WebContents } from 'electron';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { METHOD_NAMES, parseInput, RejonError, type MethodName, type RejonEvent, type WireError } from '../src/shared/contract';
import type { RecentWorkspace } from '../src/shared/contract/workspace';
import { WORKSPACE_DIALOG_CHANNEL } from '../src/shared/desktopBridge';
import { RENDERER_CSP } from '../src/backend/security/paths';
import { translate } from '../src/shared/i18n';
import { APP_ORIGIN, APP_SCHEME, isAllowedNavigation, isTrustedSender, namesFilePath, resolveAppRequest, workspaceFromArgv, workspaceFromSecondInstance, type SecondInstanceData } from './policy';
import { BackendSupervisor, type CallReply, type HostProcess } from './backendSupervisor';
import type { GrantPurpose } from '../src/backend/host/protocol';
import { desktopLang, menuTemplate, toElectronTemplate, workspaceMenuItems, type MenuCommand } from './menu';
import { runWorkspaceDialog, secondInstanceAction } from './workspaceDialogs';
import { printInWindow } from './printWindow';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const rendererRoot = path.join(__dirname, '../renderer');
const devTools = !app.isPackaged;
const lang = desktopLang(process.env);
const log = (line: string) => console.error(`[rejon] ${line}`);

const givenWorkspace = workspaceFromArgv(process.argv, process.cwd());
let mainWindow: BrowserWindow | null = null;
let supervisor: BackendSupervisor | null = null;
let quitting = false;
/** The backend's recent list as the File menu shows it (null until first asked). */
let recentWorkspaces: RecentWorkspace[] | null = null;

// One Rejon per user: a second start hands its workspace to this one and quits.
const firstInstance = app.requestSingleInstanceLock({ workspace: givenWorkspace } satisfies SecondInstanceData);

function sendToWindow(e: RejonEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send('rejon:event', e);
}

/** Backend events go to the window; a workspace opened or closed also refreshes the File menu's recent list. */
function onBackendEvent(e: RejonEvent): void {
  sendToWindow(e);
  if (e.type === 'workspace-opened' || e.type === 'workspace-closed' || (e.type === 'backend' && e.state === 'restarted')) void refreshRecentMenu();
}

/** The application menu, with the File menu's workspace items for what is open and recent now. */
function installMenu(): void {
  const workspaceItems = workspaceMenuItems({ lang, platform: process.platform, hasWorkspace: supervisor?.workspace != null, recent: recentWorkspaces });
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronTemplate(menuTemplate({ lang, platform: process.platform, devTools, workspaceItems }), onMenuCommand)));
}

async function refreshRecentMenu(): Promise<void> {
  const r = await callBackend('listRecentWorkspaces', {});
  if (r.ok) recentWorkspaces = r.result as RecentWorkspace[];
  installMenu();
}

/** A backend refusal of something main did itself (Open recent, a second start): a native message box. */
function showBackendError(error: WireError): void {
  const options = { type: 'error' as const, title: 'Rejon', message: error.msg ? translate(lang, error.msg) : error.message, buttons: ['OK'] };
  if (mainWindow) void dialog.showMessageBox(mainWindow, options);
  else void dialog.showMessageBox(options);
}

/** A contract call made by main itself (validated like the window's); always settles. */
async function callBackend(method: string, input: unknown): Promise<CallReply> {
  try {
    if (!supervisor) throw new RejonError('unavailable', 'backend not running');
    return await supervisor.call(method, parseInput(method as MethodName, input));
  } catch (e) {
    return { ok: false, error: e instanceof RejonError ? e.toWire() : { code: 'internal', message: (e as Error).message } };
  }
}

/**
 * Workspace methods main calls with a path the user chose (native dialog, recent list, a second start): the host
 * confines workspace paths (src/backend/security/grants.ts PathApprovals), so main approves the path first.
 */
const PATH_PURPOSE: Record<string, GrantPurpose> = { openWorkspace: 'open', createWorkspace: 'write', saveWorkspaceCopy: 'write' };

async function callBackendWithPath(method: string, input: unknown): Promise<CallReply> {
  const file = (input as { path?: unknown } | null)?.path;
  const purpose = PATH_PURPOSE[method];
  if (supervisor && purpose && typeof file === 'string') {
    const g = await supervisor.grant(file, purpose);
    if (!g.ok) return g;
  }
  return callBackend(method, input);
}

/** Open a workspace main knows the path of (the recent list, a second start) through the backend's openWorkspace. */
async function openWorkspaceFromMain(workspace: string): Promise<void> {
  const r = await callBackendWithPath('openWorkspace', { path: workspace });
  if (!r.ok) {
    log(`could not open ${workspace}: ${r.error.message}`);
    showBackendError(r.error);
  }
}

/**
 * The window's native workspace dialogs (window.rejon.desktop.workspaceDialog): main shows the dialog and passes
 * the chosen path to the backend itself; the window only learns the outcome.
 */
function wireWorkspaceDialogs(): void {
  ipcMain.handle(WORKSPACE_DIALOG_CHANNEL, async (event, request: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: { code: 'unauthorized', message: 'untrusted sender' } };
    const parent = BrowserWindow.fromWebContents(event.sender) ?? mainWindow;
    return runWorkspaceDialog(request, {
      lang,
      platform: process.platform,
      showOpen: (o) => (parent ? dialog.showOpenDialog(parent, o) : dialog.showOpenDialog(o)),
      showSave: (o) => (parent ? dialog.showSaveDialog(parent, o) : dialog.showSaveDialog(o)),
      call: callBackendWithPath,
      today: () => new Date().toISOString().slice(0, 10),
    });
  });
}

/** A second start of Rejon: focus this window, and open the workspace it was given (through the backend). */
function onSecondInstance(workspace: string | null): void {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
  if (!supervisor) return;
  const action = secondInstanceAction(workspace, supervisor.workspace, supervisor.state, process.platform);
  if (action === 'open') void openWorkspaceFromMain(workspace!);
  else if (action === 'restart') {
    // the backend is down on a refused workspace: start it afresh on the one named now
    void supervisor.switchWorkspace(workspace!).then((r) => {
      if (!r.ok) showBackendError(r.error);
    });
  }
}

/**
 * The backend in an Electron utility process, speaking the host protocol. Without a workspace named, its first
 * start opens what the app opens at start (the demo the very first time, later the last one; the data folder is
 * src/backend/appData.ts's, REJON_HOME or the user's data folder); a restart reopens what was open, or nothing.
 */
function spawnBackend(workspace: string | null, firstStart: boolean): HostProcess {
  const proc = utilityProcess.fork(path.join(__dirname, 'backendHost.js'), [], {
    serviceName: 'rejon-backend',
    stdio: 'inherit',
    env: {
      ...process.env,
      REJON_WORKSPACE: workspace ?? '',
      REJON_STARTUP: workspace == null && firstStart ? '1' : '0',
      REJON_PRINTER: 'parent',
      REJON_RESOURCES: app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources'),
      HOME: os.homedir(),
    },
  });
  return {
    postMessage: (m) => proc.postMessage(m),
    onMessage: (cb) => proc.on('message', cb),
    onExit: (cb) => proc.on('exit', (code) => cb(code, null)),
    kill: () => void proc.kill(),
  };
}

function wireIpc(): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(`rejon:${method}`, async (event, rawInput: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: { code: 'unauthorized', message: 'untrusted sender' } };
      try {
        const input = parseInput(method, rawInput); // validate in main before anything crosses to the backend
        // The page never names files: paths come only through grants issued after the OS file dialog (policy.ts).
        if (namesFilePath(input)) return { ok: false, error: { code: 'unauthorized', message: 'file paths are not accepted from the page' } };
        if (!supervisor) throw new RejonError('unavailable', 'backend not running');
        return await supervisor.call(method, input);
      } catch (e) {
        const err = e instanceof RejonError ? e.toWire() : { code: 'internal', message: (e as Error).message };
        return { ok: false, error: err };
      }
    });
  }
}

/** Every session (the app's and the print windows'): no permission is ever granted, and none is reported as granted. */
function lockDownSession(s: Session): void {
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
}

/** Every web contents, whatever created it: no webviews, no new windows, no navigation away from the app. */
function lockDownContents(contents: WebContents): void {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function onMenuCommand(command: MenuCommand, arg?: string): void {
  if (command === 'open-recent') {
    if (arg) void openWorkspaceFromMain(arg);
  } else if (command !== 'about') sendToWindow({ type: 'menu', command });
  else {
    const detail = translate(lang, 'desktop.about.detail', { version: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node });
    const options = { type: 'info' as const, title: translate(lang, 'desktop.menu.about'), message: 'Rejon', detail, buttons: ['OK'] };
    if (mainWindow) void dialog.showMessageBox(mainWindow, options);
    else void dialog.showMessageBox(options);
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
      devTools,
    },
  });
  mainWindow = win;
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  win.webContents.on('will-frame-navigate', (e) => {
    if (!isAllowedNavigation(e.url)) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

function run(): void {
  app.on('session-created', lockDownSession);
  app.on('web-contents-created', (_e, contents) => lockDownContents(contents));

  app.on('second-instance', (_e, argv, workingDirectory, additionalData) => {
    onSecondInstance(workspaceFromSecondInstance(additionalData, argv, workingDirectory));
  });

  void app.whenReady().then(async () => {
    lockDownSession(session.defaultSession);
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppRequest(request.url, rendererRoot);
      if (!file || !fs.existsSync(file)) return new Response('Not found', { status: 404 });
      const res = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(res.headers);
      headers.set('X-Content-Type-Options', 'nosniff');
      if (file.endsWith('.html')) headers.set('Content-Security-Policy', RENDERER_CSP);
      return new Response(res.body, { status: res.status, headers });
    });
    installMenu();
    supervisor = new BackendSupervisor({
      workspace: givenWorkspace,
      spawn: spawnBackend,
      onEvent: onBackendEvent,
      print: (job) => printInWindow(job, devTools),
      log,
    });
    wireIpc();
    wireWorkspaceDialogs();
    supervisor.start();
    void refreshRecentMenu(); // answered once the backend is ready (calls wait for it)
    await createWindow();
  });

  // Quit closes the backend cleanly first (jobs stopped, WAL checkpointed, staged uploads removed).
  app.on('before-quit', (e) => {
    if (quitting || !supervisor || supervisor.state === 'closed') return;
    e.preventDefault();
    quitting = true;
    void supervisor.close().finally(() => app.quit());
  });

  app.on('window-all-closed', () => app.quit());
}

if (firstInstance) run();
else app.exit(0);

/**
 * The desktop's native workspace dialogs and the second start, as decisions free of Electron (unit-tested; main
 * passes in dialog.showOpenDialog / showSaveDialog and the supervisor's call).
 *
 * Flow (window → preload `window.rejon.desktop.workspaceDialog` → main → native dialog → backend):
 * - Open: the native Open dialog, then openWorkspace with the chosen file.
 * - New: the window's own dialog asks the command's name and territory first, then Create shows the native Save
 *   dialog, suggesting the name's file name in the data folder, then createWorkspace. Name first because that is
 *   how "Save as" works everywhere (make the thing, then say where it goes), and because the name gives the file
 *   its sensible default name; asking for a file first would make the user invent a file name before the command
 *   exists, and a cancelled Save dialog keeps what was typed in the window's dialog.
 * - Save a copy: the native Save dialog (next to the open file, "<name>-kopia-<date>.sqlite"), then saveWorkspaceCopy.
 * The path chosen never travels through the window: main passes it to the backend itself.
 */
import path from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { translate, type Lang } from '../src/shared/i18n';
import type { WireError } from '../src/shared/contract';
import type { AppState, WorkspaceInfo } from '../src/shared/contract/workspace';
import { WorkspaceDialogRequestSchema, type WorkspaceDialogReply, type WorkspaceDialogRequest } from '../src/shared/desktopBridge';
import { workspaceFileName } from '../src/renderer/workspace/paths';
import type { CallReply, SupervisorState } from './backendSupervisor';

/** File name endings of workspace files (as the backend's file browser lists them). */
export const WORKSPACE_EXTENSIONS = ['sqlite', 'rejon', 'db'] as const;

const pathFor = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

export interface DialogEnv {
  lang: Lang;
  platform: NodeJS.Platform;
}

/**
 * Options of the native Open dialog. Workspace files first, "all files" as a way out (a workspace saved under
 * another ending still opens: the backend checks the content, not the name). The button says "Otwórz" in the
 * app's language whatever the system's; on macOS the title is not shown, so the text goes to `message` too.
 * `dontAddToRecent` (Windows): Rejon keeps its own recent list; the system's would show police file names to
 * every program.
 */
export function openDialogOptions(env: DialogEnv, defaultPath: string): OpenDialogOptions {
  const t = (code: string) => translate(env.lang, code);
  return {
    title: t('desktop.dialog.openTitle'),
    ...(env.platform === 'darwin' ? { message: t('desktop.dialog.openTitle') } : {}),
    defaultPath,
    buttonLabel: t('desktop.dialog.openButton'),
    filters: [
      { name: t('desktop.dialog.filterWorkspace'), extensions: [...WORKSPACE_EXTENSIONS] },
      { name: t('desktop.dialog.filterAll'), extensions: ['*'] },
    ],
    properties: ['openFile', ...(env.platform === 'win32' ? (['dontAddToRecent'] as const) : [])],
  };
}

/**
 * Options of the native Save dialog for a new workspace or a copy: .sqlite only, folders can be created. No
 * "replace?" question (`showOverwriteConfirmation` off): the backend never overwrites a file (it refuses an existing
 * one with a message), so a "Replace" answered yes would only be refused afterwards.
 */
export function saveDialogOptions(kind: 'new' | 'copy', env: DialogEnv, defaultPath: string): SaveDialogOptions {
  const t = (code: string) => translate(env.lang, code);
  const title = t(kind === 'new' ? 'desktop.dialog.newTitle' : 'desktop.dialog.copyTitle');
  return {
    title,
    ...(env.platform === 'darwin' ? { message: title } : {}),
    defaultPath,
    buttonLabel: t(kind === 'new' ? 'desktop.dialog.newButton' : 'desktop.dialog.copyButton'),
    filters: [{ name: t('desktop.dialog.filterWorkspace'), extensions: ['sqlite'] }],
    properties: ['createDirectory', ...(env.platform === 'win32' ? (['dontAddToRecent'] as const) : [])],
  };
}

/** Where the dialog starts: Open in the open workspace's folder (else the data folder); New and copy with a file name suggested. */
export function dialogDefaultPath(request: WorkspaceDialogRequest, state: Pick<AppState, 'dataDir' | 'workspace'>, env: DialogEnv, today: string): string {
  const p = pathFor(env.platform);
  const ws = state.workspace;
  switch (request.kind) {
    case 'open':
      return ws ? p.dirname(ws.path) : state.dataDir;
    case 'new':
      return p.join(state.dataDir, workspaceFileName('', request.name));
    case 'copy': {
      if (!ws) return state.dataDir;
      const stem = p.basename(ws.path).replace(/\.(sqlite|rejon|db)$/i, '');
      return p.join(p.dirname(ws.path), `${stem}-${translate(env.lang, 'workspace.ui.copy.suffix')}-${today}.sqlite`);
    }
  }
}

/**
 * The file a Save dialog answer means: GTK (Linux) does not add the filter's ending to a name typed without one,
 * so "kmp" becomes "kmp.sqlite" (what the dialog showed as the file type). Other workspace endings are kept.
 */
export function withWorkspaceExtension(file: string): string {
  return /\.(sqlite|rejon|db)$/i.test(file) ? file : `${file}.sqlite`;
}

export interface WorkspaceDialogDeps extends DialogEnv {
  showOpen(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSave(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** A contract call to the backend (BackendSupervisor.call, or HTTP in the end-to-end test). */
  call(method: string, input: unknown): Promise<CallReply>;
  /** Today's date (YYYY-MM-DD, Warsaw) for a copy's file name. */
  today(): string;
}

const badRequest = (message: string): WireError => ({ code: 'bad-request', message });

/**
 * One native workspace dialog for the window: validate the request, ask the backend where to start, show the
 * dialog, and hand the chosen path to the backend. Always settles, with {canceled: true} when the user cancelled.
 */
export async function runWorkspaceDialog(raw: unknown, deps: WorkspaceDialogDeps): Promise<WorkspaceDialogReply> {
  const parsed = WorkspaceDialogRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: badRequest(`Invalid workspace dialog request: ${parsed.error.message}`) };
  const request = parsed.data;
  const stateReply = await deps.call('getAppState', {});
  if (!stateReply.ok) return stateReply;
  const state = stateReply.result as AppState;
  const start = dialogDefaultPath(request, state, deps, deps.today());

  let chosen: string;
  if (request.kind === 'open') {
    const r = await deps.showOpen(openDialogOptions(deps, start));
    if (r.canceled || !r.filePaths[0]) return { ok: true, result: { canceled: true } };
    chosen = r.filePaths[0];
  } else {
    const r = await deps.showSave(saveDialogOptions(request.kind, deps, start));
    if (r.canceled || !r.filePath) return { ok: true, result: { canceled: true } };
    chosen = withWorkspaceExtension(r.filePath);
  }

  const reply = await deps.call(...backendCall(request, chosen));
  if (!reply.ok) return reply;
  if (request.kind === 'copy') {
    const c = reply.result as { path: string; bytes: number };
    return { ok: true, result: { canceled: false, kind: 'copy', path: c.path, bytes: c.bytes } };
  }
  const info = reply.result as WorkspaceInfo;
  return { ok: true, result: { canceled: false, kind: request.kind, path: info.path, workspace: info } };
}

/** The backend call a dialog's answer becomes (the only place a chosen path meets the contract). */
export function backendCall(request: WorkspaceDialogRequest, chosen: string): [method: string, input: unknown] {
  switch (request.kind) {
    case 'open':
      return ['openWorkspace', { path: chosen }];
    case 'new':
      return ['createWorkspace', { path: chosen, name: request.name, ...(request.territory ? { territory: request.territory } : {}) }];
    case 'copy':
      return ['saveWorkspaceCopy', { path: chosen }];
  }
}

/**
 * What the first instance does when Rejon is started again (after focusing its window):
 * - 'none': nothing named, or the workspace named is the one open (same file; Windows compares without case);
 * - 'open': ask the running backend to open it (openWorkspace: a refused file leaves the open one open, and the
 *   window's start screen / switcher follow the backend's workspace events);
 * - 'restart': the backend is not running because the workspace it was started on was refused ('fatal'): start it
 *   again on the one named now.
 */
export function secondInstanceAction(requested: string | null, current: string | null, state: SupervisorState, platform: NodeJS.Platform): 'none' | 'open' | 'restart' {
  if (!requested) return 'none';
  if (state === 'fatal') return 'restart';
  if (state === 'closing' || state === 'closed') return 'none';
  const p = pathFor(platform);
  const norm = (s: string) => (platform === 'win32' ? p.normalize(s).toLowerCase() : p.normalize(s));
  if (current && norm(current) === norm(requested)) return 'none';
  return 'open';
}

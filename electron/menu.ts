/**
 * The native menu bar of the desktop (File / Edit / View / Help with the usual accelerators), as data: a pure
 * function of the language, the platform and whether developer tools are allowed. Unit-tested; main turns it
 * into an Electron Menu (toElectronTemplate) and routes `command` items to handlers.
 *
 * The File menu has a slot for the workspace items (New / Open / Recent / Demo / Save a copy / Close workspace):
 * pass `workspaceMenuItems(…)` as `workspaceItems`; main rebuilds the menu when the recent list changes.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { translate, type Lang } from '../src/shared/i18n';
import type { MsgParams } from '../src/core/message';
import type { RecentWorkspace } from '../src/shared/contract/workspace';

/**
 * Menu items that main handles itself (everything else is an Electron role). The workspace commands other than
 * 'open-recent' are relayed to the window (its dialogs ask for name and territory and show errors in the window's
 * language); 'open-recent' (with the path as `arg`) main opens itself.
 */
export type MenuCommand = 'help' | 'about' | WorkspaceMenuCommand;
export type WorkspaceMenuCommand = 'new-workspace' | 'open-workspace' | 'open-recent' | 'open-demo' | 'save-copy' | 'close-workspace';

export interface MenuSpec {
  /** Stable id (tests, later lookups such as enabling/disabling). */
  id: string;
  label?: string;
  role?: MenuItemConstructorOptions['role'];
  accelerator?: string;
  command?: MenuCommand;
  /** Argument of the command (the workspace path of an 'open-recent' item). */
  arg?: string;
  /** Shown greyed out (false), e.g. Save a copy with no workspace open. */
  enabled?: boolean;
  type?: 'separator';
  submenu?: MenuSpec[];
}

export interface MenuOptions {
  lang: Lang;
  platform: NodeJS.Platform;
  /** Developer tools (reload, inspector): development builds only. */
  devTools: boolean;
  /** Workspace items for the top of the File menu (New / Open / Recent…). */
  workspaceItems?: MenuSpec[];
}

/** Language of the menus and native dialogs: Polish unless REJON_LANG=en (the window has its own switch). */
export function desktopLang(env: Record<string, string | undefined>): Lang {
  return env.REJON_LANG?.toLowerCase() === 'en' ? 'en' : 'pl';
}

const sep = (id: string): MenuSpec => ({ id, type: 'separator' });

export function menuTemplate(o: MenuOptions): MenuSpec[] {
  const t = (code: string) => translate(o.lang, code);
  const item = (id: string, code: string, rest: Omit<MenuSpec, 'id' | 'label'>): MenuSpec => ({ id, label: t(code), ...rest });
  const workspace = o.workspaceItems ?? [];
  return [
    item('file', 'desktop.menu.file', {
      submenu: [
        ...workspace,
        ...(workspace.length ? [sep('file.sep-workspace')] : []),
        item('file.close', 'desktop.menu.closeWindow', { role: 'close', accelerator: 'CmdOrCtrl+W' }),
        item('file.quit', 'desktop.menu.quit', { role: 'quit', accelerator: o.platform === 'win32' ? 'Alt+F4' : 'CmdOrCtrl+Q' }),
      ],
    }),
    item('edit', 'desktop.menu.edit', {
      submenu: [
        item('edit.undo', 'desktop.menu.undo', { role: 'undo', accelerator: 'CmdOrCtrl+Z' }),
        item('edit.redo', 'desktop.menu.redo', { role: 'redo', accelerator: o.platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z' }),
        sep('edit.sep-1'),
        item('edit.cut', 'desktop.menu.cut', { role: 'cut', accelerator: 'CmdOrCtrl+X' }),
        item('edit.copy', 'desktop.menu.copy', { role: 'copy', accelerator: 'CmdOrCtrl+C' }),
        item('edit.paste', 'desktop.menu.paste', { role: 'paste', accelerator: 'CmdOrCtrl+V' }),
        sep('edit.sep-2'),
        item('edit.selectAll', 'desktop.menu.selectAll', { role: 'selectAll', accelerator: 'CmdOrCtrl+A' }),
      ],
    }),
    item('view', 'desktop.menu.view', {
      submenu: [
        ...(o.devTools
          ? [
              item('view.reload', 'desktop.menu.reload', { role: 'reload', accelerator: 'CmdOrCtrl+R' }),
              item('view.devTools', 'desktop.menu.devTools', { role: 'toggleDevTools', accelerator: o.platform === 'darwin' ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' }),
              sep('view.sep-dev'),
            ]
          : []),
        item('view.resetZoom', 'desktop.menu.resetZoom', { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' }),
        item('view.zoomIn', 'desktop.menu.zoomIn', { role: 'zoomIn', accelerator: 'CmdOrCtrl+Plus' }),
        item('view.zoomOut', 'desktop.menu.zoomOut', { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' }),
        sep('view.sep-zoom'),
        item('view.fullscreen', 'desktop.menu.fullscreen', { role: 'togglefullscreen', accelerator: o.platform === 'darwin' ? 'Ctrl+Cmd+F' : 'F11' }),
      ],
    }),
    item('help', 'desktop.menu.help', {
      role: 'help',
      submenu: [
        item('help.contents', 'desktop.menu.helpContents', { command: 'help', accelerator: 'F1' }),
        sep('help.sep-1'),
        item('help.about', 'desktop.menu.about', { command: 'about' }),
      ],
    }),
  ];
}

/** The Electron form of a menu spec; `command` items call `onCommand`. */
export function toElectronTemplate(spec: MenuSpec[], onCommand: (c: MenuCommand, arg?: string) => void): MenuItemConstructorOptions[] {
  return spec.map((s) => {
    if (s.type === 'separator') return { id: s.id, type: 'separator' };
    const out: MenuItemConstructorOptions = { id: s.id, label: s.label };
    if (s.role) out.role = s.role;
    if (s.accelerator) out.accelerator = s.accelerator;
    if (s.enabled === false) out.enabled = false;
    if (s.command) {
      const c = s.command;
      const arg = s.arg;
      out.click = () => (arg === undefined ? onCommand(c) : onCommand(c, arg));
    }
    if (s.submenu) out.submenu = toElectronTemplate(s.submenu, onCommand);
    return out;
  });
}

/** What the File menu's workspace items depend on. */
export interface WorkspaceMenuState {
  lang: Lang;
  platform: NodeJS.Platform;
  /** A workspace is open (Save a copy and Close workspace need one). */
  hasWorkspace: boolean;
  /** The backend's recent list (listRecentWorkspaces), newest first; null while not known yet. */
  recent: readonly Pick<RecentWorkspace, 'path' | 'name' | 'demo' | 'readable' | 'current'>[] | null;
}

/** How many recent workspaces the Open recent submenu lists. */
export const RECENT_MENU_LIMIT = 10;

/**
 * A label shown as given: on Windows and Linux a single '&' in a menu label marks the access key (and is hidden),
 * so a workspace called "Wydział Prewencji & Ruchu" needs '&&'.
 */
export function menuLabelText(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replace(/&/g, '&&');
}

/**
 * The workspace items of the File menu: New workspace… (Ctrl+N), Open workspace… (Ctrl+O), Open recent ▸, Open
 * the demo, Save a copy… (Ctrl+Shift+S), Close workspace. Recent lists what the start screen's switcher offers:
 * other workspaces that can be opened (not the open one, not moved or damaged ones), labelled by their name; two
 * with the same name are told apart by their file name.
 */
export function workspaceMenuItems(o: WorkspaceMenuState): MenuSpec[] {
  const t = (code: string, args?: MsgParams) => translate(o.lang, code, args);
  const item = (id: string, code: string, rest: Omit<MenuSpec, 'id' | 'label'>): MenuSpec => ({ id, label: t(code), ...rest });
  const listed = (o.recent ?? []).filter((r) => !r.current && r.readable).slice(0, RECENT_MENU_LIMIT);
  const names = new Map<string, number>();
  for (const r of listed) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  const fileName = (p: string) => p.split(/[\\/]/).pop() || p;
  const recentItems: MenuSpec[] = listed.map((r, i) => {
    const name = (names.get(r.name) ?? 0) > 1 ? t('desktop.menu.recentSameName', { name: r.name, file: fileName(r.path) }) : r.name;
    const label = r.demo ? t('desktop.menu.recentDemo', { name }) : name;
    return { id: `file.recent.${i}`, label: menuLabelText(label, o.platform), command: 'open-recent', arg: r.path };
  });
  return [
    item('file.new', 'desktop.menu.newWorkspace', { command: 'new-workspace', accelerator: 'CmdOrCtrl+N' }),
    item('file.open', 'desktop.menu.openWorkspace', { command: 'open-workspace', accelerator: 'CmdOrCtrl+O' }),
    item('file.recent', 'desktop.menu.openRecent', {
      submenu: recentItems.length ? recentItems : [item('file.recent.none', o.recent == null ? 'desktop.menu.recentLoading' : 'desktop.menu.recentNone', { enabled: false })],
    }),
    item('file.demo', 'desktop.menu.openDemo', { command: 'open-demo' }),
    sep('file.sep-copy'),
    item('file.saveCopy', 'desktop.menu.saveCopy', { command: 'save-copy', accelerator: 'CmdOrCtrl+Shift+S', enabled: o.hasWorkspace }),
    item('file.closeWorkspace', 'desktop.menu.closeWorkspace', { command: 'close-workspace', enabled: o.hasWorkspace }),
  ];
}

/**
 * The native menu bar of the desktop (File / Edit / View / Help with the usual accelerators), as data: a pure
 * function of the language, the platform and whether developer tools are allowed. Unit-tested; main turns it
 * into an Electron Menu (toElectronTemplate) and routes `command` items to handlers.
 *
 * The File menu has a slot for the workspace items (New / Open / Recent / Save a copy), which come with the
 * workspace lifecycle: pass them as `workspaceItems`.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { translate, type Lang } from '../src/shared/i18n';

/** Menu items that main handles itself (everything else is an Electron role). */
export type MenuCommand = 'help' | 'about';

export interface MenuSpec {
  /** Stable id (tests, later lookups such as enabling/disabling). */
  id: string;
  label?: string;
  role?: MenuItemConstructorOptions['role'];
  accelerator?: string;
  command?: MenuCommand;
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
export function toElectronTemplate(spec: MenuSpec[], onCommand: (c: MenuCommand) => void): MenuItemConstructorOptions[] {
  return spec.map((s) => {
    if (s.type === 'separator') return { id: s.id, type: 'separator' };
    const out: MenuItemConstructorOptions = { id: s.id, label: s.label };
    if (s.role) out.role = s.role;
    if (s.accelerator) out.accelerator = s.accelerator;
    if (s.command) {
      const c = s.command;
      out.click = () => onCommand(c);
    }
    if (s.submenu) out.submenu = toElectronTemplate(s.submenu, onCommand);
    return out;
  });
}

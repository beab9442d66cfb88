/** The native menus as data (electron/menu.ts): structure, usual accelerators, languages, dev-only items. */
import { describe, expect, it } from 'vitest';
import { desktopLang, menuTemplate, toElectronTemplate, type MenuSpec } from '../../../electron/menu';

const flat = (spec: MenuSpec[]): MenuSpec[] => spec.flatMap((s) => [s, ...flat(s.submenu ?? [])]);
const byId = (spec: MenuSpec[], id: string) => flat(spec).find((s) => s.id === id);

describe('desktop menus', () => {
  const pl = menuTemplate({ lang: 'pl', platform: 'linux', devTools: false });

  it('File, Edit, View, Help in that order, Polish by default', () => {
    expect(pl.map((m) => m.id)).toEqual(['file', 'edit', 'view', 'help']);
    expect(pl.map((m) => m.label)).toEqual(['Plik', 'Edycja', 'Widok', 'Pomoc']);
    expect(menuTemplate({ lang: 'en', platform: 'linux', devTools: false }).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(desktopLang({})).toBe('pl');
    expect(desktopLang({ LANG: 'en_US.UTF-8' })).toBe('pl'); // the system locale does not switch the app to English
    expect(desktopLang({ REJON_LANG: 'en' })).toBe('en');
  });

  it('the usual accelerators, on Linux and Windows', () => {
    const acc = (spec: MenuSpec[], id: string) => byId(spec, id)?.accelerator;
    const win = menuTemplate({ lang: 'pl', platform: 'win32', devTools: false });
    expect(acc(pl, 'file.quit')).toBe('CmdOrCtrl+Q');
    expect(acc(win, 'file.quit')).toBe('Alt+F4');
    expect(acc(pl, 'file.close')).toBe('CmdOrCtrl+W');
    expect(acc(pl, 'edit.undo')).toBe('CmdOrCtrl+Z');
    expect(acc(pl, 'edit.redo')).toBe('CmdOrCtrl+Shift+Z');
    expect(acc(win, 'edit.redo')).toBe('Ctrl+Y');
    expect([acc(pl, 'edit.cut'), acc(pl, 'edit.copy'), acc(pl, 'edit.paste'), acc(pl, 'edit.selectAll')]).toEqual(['CmdOrCtrl+X', 'CmdOrCtrl+C', 'CmdOrCtrl+V', 'CmdOrCtrl+A']);
    expect([acc(pl, 'view.resetZoom'), acc(pl, 'view.zoomIn'), acc(pl, 'view.zoomOut'), acc(pl, 'view.fullscreen')]).toEqual(['CmdOrCtrl+0', 'CmdOrCtrl+Plus', 'CmdOrCtrl+-', 'F11']);
    expect(acc(pl, 'help.contents')).toBe('F1');
    // no accelerator is used twice
    const all = flat(win).map((s) => s.accelerator).filter(Boolean);
    expect(new Set(all).size).toBe(all.length);
  });

  it('edit and view items are Electron roles (they act on the focused page); Help and About are handled by main', () => {
    expect(byId(pl, 'edit.copy')?.role).toBe('copy');
    expect(byId(pl, 'view.fullscreen')?.role).toBe('togglefullscreen');
    expect(byId(pl, 'file.quit')?.role).toBe('quit');
    expect(byId(pl, 'help.contents')?.command).toBe('help');
    expect(byId(pl, 'help.about')?.command).toBe('about');
  });

  it('developer tools and reload only in development builds', () => {
    expect(byId(pl, 'view.devTools')).toBeUndefined();
    expect(byId(pl, 'view.reload')).toBeUndefined();
    const dev = menuTemplate({ lang: 'pl', platform: 'linux', devTools: true });
    expect(byId(dev, 'view.devTools')?.role).toBe('toggleDevTools');
    expect(byId(dev, 'view.reload')?.accelerator).toBe('CmdOrCtrl+R');
  });

  it('workspace items go to the top of the File menu, before Close and Quit', () => {
    const spec = menuTemplate({
      lang: 'pl', platform: 'linux', devTools: false,
      workspaceItems: [{ id: 'file.open', label: 'Otwórz…', accelerator: 'CmdOrCtrl+O' }],
    });
    expect(spec[0].submenu!.map((s) => s.id)).toEqual(['file.open', 'file.sep-workspace', 'file.close', 'file.quit']);
    expect(pl[0].submenu!.map((s) => s.id)).toEqual(['file.close', 'file.quit']);
  });

  it('every label is translated in both languages (no code shown, no English in Polish)', () => {
    const en = menuTemplate({ lang: 'en', platform: 'linux', devTools: true });
    const plDev = menuTemplate({ lang: 'pl', platform: 'linux', devTools: true });
    for (const s of [...flat(en), ...flat(plDev)]) if (s.type !== 'separator') expect(s.label, s.id).not.toMatch(/^desktop\./);
    const plLabels = flat(plDev).filter((s) => s.type !== 'separator').map((s) => s.label!);
    for (const word of ['File', 'Edit', 'View', 'Help', 'Quit', 'Undo', 'Copy', 'Paste', 'Zoom', 'About']) for (const l of plLabels) expect(l).not.toContain(word);
  });

  it('turns into an Electron template; command items call back with their command', () => {
    const calls: string[] = [];
    const tpl = toElectronTemplate(pl, (c) => calls.push(c));
    const help = (tpl[3].submenu as { id?: string; click?: () => void; role?: string }[]).find((i) => i.id === 'help.contents')!;
    help.click!();
    expect(calls).toEqual(['help']);
    const copy = (tpl[1].submenu as { id?: string; role?: string; click?: unknown }[]).find((i) => i.id === 'edit.copy')!;
    expect(copy.role).toBe('copy');
    expect(copy.click).toBeUndefined();
  });
});

/** The native menus as data (electron/menu.ts): structure, usual accelerators, languages, dev-only items. */
import { describe, expect, it } from 'vitest';
import { desktopLang, menuLabelText, menuTemplate, RECENT_MENU_LIMIT, toElectronTemplate, workspaceMenuItems, type MenuSpec, type WorkspaceMenuState } from '../../../electron/menu';

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

  describe('workspace items of the File menu', () => {
    const recent = (name: string, p: string, more: Partial<{ demo: boolean; readable: boolean; current: boolean }> = {}) => ({ name, path: p, demo: false, readable: true, current: false, ...more });
    const base: WorkspaceMenuState = {
      lang: 'pl', platform: 'linux', hasWorkspace: true,
      recent: [
        recent('KMP Piotrków Trybunalski', '/dane/kmp.sqlite', { current: true }),
        recent('Demo – KMP Piotrków Trybunalski', '/home/a/.rejon/demo.sqlite', { demo: true }),
        recent('KPP Łęczyca', '/dane/kpp-2025.sqlite'),
        recent('KPP Łęczyca', '/dane/stare/kpp.sqlite'),
        recent('Przeniesiony', '/gone.sqlite', { readable: false }),
        recent('Wydział Prewencji & Ruchu', '/dane/wpr.sqlite'),
      ],
    };
    const full = (o: WorkspaceMenuState) => menuTemplate({ lang: o.lang, platform: o.platform, devTools: false, workspaceItems: workspaceMenuItems(o) });

    it('New, Open, Open recent, demo, Save a copy, Close workspace at the top of File, with the usual accelerators', () => {
      const spec = full(base);
      expect(spec[0].submenu!.map((s) => s.id)).toEqual([
        'file.new', 'file.open', 'file.recent', 'file.demo', 'file.sep-copy', 'file.saveCopy', 'file.closeWorkspace', 'file.sep-workspace', 'file.close', 'file.quit',
      ]);
      expect(byId(spec, 'file.new')).toMatchObject({ label: 'Nowy obszar roboczy…', command: 'new-workspace', accelerator: 'CmdOrCtrl+N' });
      expect(byId(spec, 'file.open')).toMatchObject({ label: 'Otwórz obszar roboczy…', command: 'open-workspace', accelerator: 'CmdOrCtrl+O' });
      expect(byId(spec, 'file.saveCopy')).toMatchObject({ label: 'Zapisz kopię…', command: 'save-copy', accelerator: 'CmdOrCtrl+Shift+S', enabled: true });
      expect(byId(spec, 'file.closeWorkspace')).toMatchObject({ command: 'close-workspace', enabled: true });
      expect(byId(spec, 'file.demo')?.command).toBe('open-demo');
      for (const platform of ['linux', 'win32', 'darwin'] as const) {
        const all = flat(full({ ...base, platform })).map((s) => s.accelerator).filter(Boolean);
        expect(new Set(all).size, platform).toBe(all.length); // none taken twice, none clashes with Edit / View
      }
    });

    it('Open recent: the other openable workspaces by name, file name added when two share a name, demo marked', () => {
      const items = byId(full(base), 'file.recent')!.submenu!;
      expect(items.map((i) => i.label)).toEqual([
        'Demo – KMP Piotrków Trybunalski (dane demonstracyjne)',
        'KPP Łęczyca (kpp-2025.sqlite)',
        'KPP Łęczyca (kpp.sqlite)',
        'Wydział Prewencji && Ruchu', // a single & would be taken as the access key on Linux and Windows
      ]);
      expect(items.map((i) => [i.command, i.arg])).toEqual([
        ['open-recent', '/home/a/.rejon/demo.sqlite'], ['open-recent', '/dane/kpp-2025.sqlite'], ['open-recent', '/dane/stare/kpp.sqlite'], ['open-recent', '/dane/wpr.sqlite'],
      ]);
      const en = byId(full({ ...base, lang: 'en', platform: 'darwin' }), 'file.recent')!.submenu!;
      expect(en[0].label).toBe('Demo – KMP Piotrków Trybunalski (demo data)');
      expect(en[3].label).toBe('Wydział Prewencji & Ruchu'); // macOS has no access keys
      expect(menuLabelText('A & B', 'win32')).toBe('A && B');
    });

    it('at most the newest ten; an empty or not yet known list says so, greyed out', () => {
      const many = Array.from({ length: 15 }, (_, i) => recent(`W${i}`, `/d/w${i}.sqlite`));
      const items = byId(full({ ...base, recent: many }), 'file.recent')!.submenu!;
      expect(items).toHaveLength(RECENT_MENU_LIMIT);
      expect(items.map((i) => i.label)).toEqual(many.slice(0, 10).map((r) => r.name));
      const none = byId(full({ ...base, recent: [] }), 'file.recent')!.submenu!;
      expect(none).toEqual([{ id: 'file.recent.none', label: 'Brak ostatnio używanych', enabled: false }]);
      expect(byId(full({ ...base, recent: null }), 'file.recent')!.submenu![0]).toMatchObject({ label: 'Wczytywanie listy…', enabled: false });
    });

    it('Save a copy and Close workspace are greyed out with no workspace open; New, Open and the demo are not', () => {
      const spec = full({ ...base, hasWorkspace: false });
      expect(byId(spec, 'file.saveCopy')?.enabled).toBe(false);
      expect(byId(spec, 'file.closeWorkspace')?.enabled).toBe(false);
      for (const id of ['file.new', 'file.open', 'file.demo']) expect(byId(spec, id)?.enabled, id).toBeUndefined();
      const tpl = toElectronTemplate(spec, () => undefined);
      const file = tpl[0].submenu as { id?: string; enabled?: boolean }[];
      expect(file.find((i) => i.id === 'file.saveCopy')?.enabled).toBe(false);
      expect(file.find((i) => i.id === 'file.new')?.enabled).toBeUndefined();
    });

    it('labels in both languages, no English in Polish; recent items call back with their path', () => {
      const en = workspaceMenuItems({ ...base, lang: 'en' });
      expect(en.filter((s) => s.type !== 'separator').map((s) => s.label)).toEqual(['New workspace…', 'Open workspace…', 'Open recent', 'Open the demo data', 'Save a copy…', 'Close workspace']);
      const plLabels = flat(workspaceMenuItems(base)).filter((s) => s.type !== 'separator').map((s) => s.label!);
      for (const word of ['New', 'Open', 'Recent', 'Save', 'Close', 'Demo data', 'copy']) for (const l of plLabels.filter((x) => !x.startsWith('Demo – ') && !x.startsWith('KPP') && !x.startsWith('Wydział'))) expect(l).not.toContain(word);
      const calls: unknown[][] = [];
      const tpl = toElectronTemplate(full(base), (...a) => calls.push(a));
      const recentMenu = (tpl[0].submenu as { id?: string; submenu?: unknown }[]).find((i) => i.id === 'file.recent')!.submenu as { click?: () => void }[];
      recentMenu[1].click!();
      (tpl[0].submenu as { id?: string; click?: () => void }[]).find((i) => i.id === 'file.new')!.click!();
      expect(calls).toEqual([['open-recent', '/dane/kpp-2025.sqlite'], ['new-workspace']]);
    });
  });
});

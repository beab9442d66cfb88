/** The open workspace in the header: its visible name (DEMO / read-only badges) and a menu to switch, copy or close. */
import { useEffect, useRef, useState } from 'react';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { RecentWorkspace, WorkspaceInfo } from '../../shared/contract/workspace';
import { useWorkspaceActions } from './actions';

export function WorkspaceSwitcher({ info }: { info: WorkspaceInfo }) {
  const { tm } = useI18n();
  const actions = useWorkspaceActions();
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<RecentWorkspace[]>([]);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    void getClient().api.listRecentWorkspaces({}).then((r) => setRecent(r.filter((x) => !x.current && x.readable).slice(0, 5))).catch(() => setRecent([]));
    const onDown = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const pick = (fn: () => unknown) => {
    setOpen(false);
    fn();
  };
  return (
    <div className="ws-switcher" ref={box}>
      <button className="ws-switcher-btn" data-testid="workspace-switcher" aria-haspopup="menu" aria-expanded={open} title={info.path}
        aria-label={tm('workspace.ui.switcher.label', { name: info.name })} onClick={() => setOpen((o) => !o)}>
        <span className="ws-switcher-name" data-testid="workspace-title">{info.name}</span> ▾
      </button>
      {info.demo && <span className="badge demo" data-testid="demo-badge">{tm('workspace.ui.badge.demo')}</span>}
      {info.readOnly && <span className="badge ws-ro" data-testid="readonly-badge">{tm('workspace.ui.badge.readOnly')}</span>}
      {open && actions && (
        <div className="ws-menu" role="menu" data-testid="workspace-menu">
          <div className="ws-menu-head">
            <strong>{info.name}</strong>
            <div className="muted small ws-path">{info.path}</div>
            {info.territory.length > 0 && <div className="small">{tm('workspace.ui.switcher.territory', { names: info.territory.join(', ') })}</div>}
          </div>
          <button role="menuitem" data-testid="menu-start" onClick={() => pick(actions.showStart)}>{tm('workspace.ui.switcher.start')}</button>
          <button role="menuitem" data-testid="menu-new" onClick={() => pick(actions.newWorkspace)}>{tm('workspace.ui.switcher.new')}</button>
          <button role="menuitem" data-testid="menu-open" onClick={() => pick(actions.openWorkspace)}>{tm('workspace.ui.switcher.open')}</button>
          <button role="menuitem" data-testid="menu-copy" onClick={() => pick(actions.saveCopy)}>{tm('workspace.ui.switcher.copy')}</button>
          <button role="menuitem" data-testid="menu-close" onClick={() => pick(() => void actions.close())}>{tm('workspace.ui.switcher.close')}</button>
          {recent.length > 0 && (
            <>
              <div className="ws-menu-sep">{tm('workspace.ui.switcher.recent')}</div>
              {recent.map((r) => (
                <button key={r.path} role="menuitem" data-testid="menu-recent" data-path={r.path} title={r.path} onClick={() => pick(() => void actions.openPath(r.path))}>
                  {r.name}
                  {r.demo && <span className="badge demo">{tm('workspace.ui.badge.demo')}</span>}
                </button>
              ))}
            </>
          )}
        </div>
      )}
    </div>
  );
}

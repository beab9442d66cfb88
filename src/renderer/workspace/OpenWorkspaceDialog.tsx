/** "Open a workspace": the server-side file browser, or a path typed in. */
import { useState } from 'react';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { AppState } from '../../shared/contract/workspace';
import { FileBrowser } from './FileBrowser';
import { Modal } from './Modal';
import { errorText } from './errors';
import { dirName } from './paths';

export function OpenWorkspaceDialog({ state, onClose }: { state: AppState; onClose(): void }) {
  const { tm } = useI18n();
  const api = getClient().api;
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = state.workspace ? dirName(state.workspace.path) : state.dataDir;

  const open = async (p: string) => {
    if (!p.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.openWorkspace({ path: p.trim() });
      onClose();
    } catch (e) {
      setError(errorText(tm, e));
      setBusy(false);
    }
  };

  return (
    <Modal title={tm('workspace.ui.open.title')} testId="open-workspace" onClose={onClose} busy={busy} wide>
      <FileBrowser mode="workspace" start={start} selected={path} onFile={(p, confirm) => { setPath(p); if (confirm) void open(p); }} />
      {state.confined && <div className="muted small">{tm('workspace.ui.browse.confined')}</div>}
      <label className="ws-file-row">
        <span className="ws-file-label">{tm('workspace.ui.open.path')}</span>
        <input data-testid="open-path" value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void open(path)} />
      </label>
      {error && <div className="ws-error" role="alert" data-testid="open-error">{error}</div>}
      <div className="ws-actions">
        <button type="button" onClick={onClose} disabled={busy}>{tm('workspace.ui.cancel')}</button>
        <button type="button" className="primary" data-testid="open-confirm" disabled={busy || !path.trim()} onClick={() => void open(path)}>
          {tm(busy ? 'workspace.ui.open.opening' : 'workspace.ui.open.open')}
        </button>
      </div>
    </Modal>
  );
}

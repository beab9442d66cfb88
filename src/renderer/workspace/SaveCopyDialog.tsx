/** "Save a copy…": a consistent copy of the open workspace to a new file; the open one stays open. */
import { useState } from 'react';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { AppState, WorkspaceInfo } from '../../shared/contract/workspace';
import { FileBrowser } from './FileBrowser';
import { Modal } from './Modal';
import { errorText } from './errors';
import { baseName, dirName, joinPath, workspaceFileName } from './paths';

export function SaveCopyDialog({ state, info, onClose, onSaved }: { state: AppState; info: WorkspaceInfo; onClose(): void; onSaved(path: string): void }) {
  const { tm } = useI18n();
  const api = getClient().api;
  const [folder, setFolder] = useState(dirName(info.path));
  const [browsing, setBrowsing] = useState(false);
  const [browseDir, setBrowseDir] = useState<string | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const [fileName, setFileName] = useState(baseName(info.path).replace(/\.(sqlite|rejon|db)$/i, '') + `-${tm('workspace.ui.copy.suffix')}-${today}.sqlite`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = joinPath(folder, workspaceFileName(fileName, info.name));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.saveWorkspaceCopy({ path: target });
      onSaved(r.path);
      onClose();
    } catch (e) {
      setError(errorText(tm, e));
      setBusy(false);
    }
  };

  return (
    <Modal title={tm('workspace.ui.copy.title')} testId="save-copy" onClose={onClose} busy={busy} wide>
      <p className="muted">{tm('workspace.ui.copy.lead', { name: info.name })}</p>
      <div className="ws-file-row">
        <span className="ws-file-label">{tm('workspace.ui.new.folder')}</span>
        <code className="ws-path">{folder}</code>
        <button type="button" onClick={() => setBrowsing((b) => !b)}>{tm('workspace.ui.new.changeFolder')}</button>
      </div>
      {browsing && (
        <div className="ws-inline-browser">
          <FileBrowser mode="folder" start={folder} onFolder={setBrowseDir} />
          <button type="button" className="primary" disabled={!browseDir} onClick={() => { if (browseDir) setFolder(browseDir); setBrowsing(false); }}>
            {tm('workspace.ui.browse.chooseFolder')}
          </button>
          {state.confined && <div className="muted small">{tm('workspace.ui.browse.confined')}</div>}
        </div>
      )}
      <label className="ws-file-row">
        <span className="ws-file-label">{tm('workspace.ui.new.fileName')}</span>
        <input data-testid="copy-file-name" value={fileName} onChange={(e) => setFileName(e.target.value)} />
      </label>
      <div className="muted small ws-path">{target}</div>
      {error && <div className="ws-error" role="alert" data-testid="copy-error">{error}</div>}
      <div className="ws-actions">
        <button type="button" onClick={onClose} disabled={busy}>{tm('workspace.ui.cancel')}</button>
        <button type="button" className="primary" data-testid="copy-save" disabled={busy} onClick={() => void save()}>{tm('workspace.ui.copy.save')}</button>
      </div>
    </Modal>
  );
}

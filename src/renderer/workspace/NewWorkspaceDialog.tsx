/**
 * "New workspace": the command's name, its territory (powiaty of the bundled PRG boundaries, searched by name,
 * several at once) and where the file goes: in browser mode a folder from the server-side picker and a file name;
 * in the desktop the system's Save dialog, shown by Create (name first, then where: see electron/workspaceDialogs.ts).
 */
import { useEffect, useMemo, useState } from 'react';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { AppState } from '../../shared/contract/workspace';
import { foldText } from '../../core/domain/text';
import { FileBrowser } from './FileBrowser';
import { Modal } from './Modal';
import { errorText } from './errors';
import { joinPath, workspaceFileName } from './paths';
import { nativeWorkspaceDialog } from './desktop';
import type { RejonDesktopBridge } from '../../shared/desktopBridge';

export function NewWorkspaceDialog({ state, desktop, onClose }: { state: AppState; desktop?: RejonDesktopBridge | null; onClose(): void }) {
  const { tm } = useI18n();
  const api = getClient().api;
  const [name, setName] = useState('');
  const [territory, setTerritory] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [powiaty, setPowiaty] = useState<string[]>([]);
  const [folder, setFolder] = useState(state.dataDir);
  const [browsing, setBrowsing] = useState(false);
  const [browseDir, setBrowseDir] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.listPowiatNames({}).then(setPowiaty).catch((e) => setError(errorText(tm, e)));
  }, [api, tm]);

  const matches = useMemo(() => {
    const q = foldText(query).replace(/^powiat\s+/, '');
    return q ? powiaty.filter((p) => foldText(p).includes(q)) : powiaty;
  }, [powiaty, query]);

  const file = workspaceFileName(fileName, name);
  const target = joinPath(folder, file);
  const toggle = (p: string) => setTerritory((t) => (t.includes(p) ? t.filter((x) => x !== p) : [...t, p]));

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      if (desktop) {
        // the system's Save dialog; main creates the workspace where the user chose. Cancelled: keep the form.
        const r = await nativeWorkspaceDialog(desktop, { kind: 'new', name: name.trim(), territory });
        if (!r) return setBusy(false);
      } else {
        await api.createWorkspace({ path: target, name: name.trim(), territory });
      }
      onClose();
    } catch (e) {
      setError(errorText(tm, e));
      setBusy(false);
    }
  };

  return (
    <Modal title={tm('workspace.ui.new.title')} testId="new-workspace" onClose={onClose} busy={busy} wide>
      <div className="ws-form">
        <label className="ws-field">
          <span>{tm('workspace.ui.new.name')}</span>
          <input data-testid="new-name" autoFocus value={name} placeholder={tm('workspace.ui.new.namePlaceholder')} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>

        <fieldset className="ws-fieldset">
          <legend>{tm('workspace.ui.new.territory')}</legend>
          <div className="muted small">{tm('workspace.ui.new.territoryHint')}</div>
          <div className="ws-chips" data-testid="territory-chosen">
            {territory.length === 0 && <span className="muted small">{tm('workspace.ui.new.territoryNone')}</span>}
            {territory.map((p) => (
              <span key={p} className="ws-chip" data-testid="territory-chip">
                {p}
                <button type="button" aria-label={tm('workspace.ui.new.remove', { name: p })} onClick={() => toggle(p)}>×</button>
              </span>
            ))}
          </div>
          <input data-testid="territory-search" type="search" value={query} placeholder={tm('workspace.ui.new.territorySearch')} onChange={(e) => setQuery(e.target.value)} />
          <ul className="ws-powiaty" data-testid="powiat-list">
            {matches.map((p) => (
              <li key={p}>
                <label className="check">
                  <input type="checkbox" data-testid="powiat-option" data-name={p} checked={territory.includes(p)} onChange={() => toggle(p)} />
                  {p}
                </label>
              </li>
            ))}
            {matches.length === 0 && powiaty.length > 0 && <li className="muted small">{tm('workspace.ui.new.noMatch')}</li>}
          </ul>
          {territory.length > 0 && <div className="small">{tm('workspace.ui.new.territoryCount', { count: territory.length })}</div>}
        </fieldset>

        {desktop ? (
          <fieldset className="ws-fieldset">
            <legend>{tm('workspace.ui.new.file')}</legend>
            <div className="muted small" data-testid="new-native-hint">{tm('desktop.ws.fileNative', { file })}</div>
          </fieldset>
        ) : (
          <fieldset className="ws-fieldset">
            <legend>{tm('workspace.ui.new.file')}</legend>
            <div className="ws-file-row">
              <span className="ws-file-label">{tm('workspace.ui.new.folder')}</span>
              <code className="ws-path" data-testid="new-folder">{folder}</code>
              <button type="button" data-testid="new-change-folder" onClick={() => setBrowsing((b) => !b)}>{tm('workspace.ui.new.changeFolder')}</button>
            </div>
            {browsing && (
              <div className="ws-inline-browser">
                <FileBrowser mode="folder" start={folder} onFolder={setBrowseDir} />
                <button type="button" className="primary" data-testid="browse-choose" disabled={!browseDir} onClick={() => { if (browseDir) setFolder(browseDir); setBrowsing(false); }}>
                  {tm('workspace.ui.browse.chooseFolder')}
                </button>
                {state.confined && <div className="muted small">{tm('workspace.ui.browse.confined')}</div>}
              </div>
            )}
            <label className="ws-file-row">
              <span className="ws-file-label">{tm('workspace.ui.new.fileName')}</span>
              <input data-testid="new-file-name" value={fileName} placeholder={file} onChange={(e) => setFileName(e.target.value)} />
            </label>
            <div className="muted small ws-path" data-testid="new-target">{target}</div>
          </fieldset>
        )}

        {error && <div className="ws-error" role="alert" data-testid="new-error">{error}</div>}
        <div className="ws-actions">
          <button type="button" onClick={onClose} disabled={busy}>{tm('workspace.ui.cancel')}</button>
          <button type="button" className="primary" data-testid="new-create" disabled={busy || !name.trim()} onClick={() => void create()}>
            {tm(busy ? 'workspace.ui.new.creating' : desktop ? 'desktop.ws.createChoose' : 'workspace.ui.new.create')}
          </button>
        </div>
      </div>
    </Modal>
  );
}

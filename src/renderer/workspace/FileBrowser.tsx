/**
 * The server-side file picker (browser mode cannot hand over paths): folders and workspace files inside the
 * backend's allowed roots only (browseFiles). In 'folder' mode a folder is chosen; in 'workspace' mode a file.
 */
import { useCallback, useEffect, useState } from 'react';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { BrowseResult } from '../../shared/contract/workspace';
import { formatWarsaw } from '../../core/domain/time';
import { errorText } from './errors';

export interface FileBrowserProps {
  mode: 'folder' | 'workspace';
  /** Folder to start in (null or missing: the list of roots). */
  start?: string | null;
  /** A file was chosen (click), or chosen and confirmed (double click). */
  onFile?(path: string, confirm: boolean): void;
  /** The folder shown changed (folder mode: the folder that "choose" would take). */
  onFolder?(dir: string | null): void;
  selected?: string | null;
}

function sizeText(bytes: number | null): string {
  if (bytes == null) return '';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function FileBrowser({ mode, start, onFile, onFolder, selected }: FileBrowserProps) {
  const { tm } = useI18n();
  const api = getClient().api;
  const [res, setRes] = useState<BrowseResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (dir: string | null | undefined) => {
      setError(null);
      try {
        const r = await api.browseFiles(dir ? { dir } : {});
        setRes(r);
        onFolder?.(r.dir);
      } catch (e) {
        setError(errorText(tm, e));
        if (dir) {
          // a start folder that is gone or not allowed: fall back to the roots
          const r = await api.browseFiles({}).catch(() => null);
          if (r) setRes(r);
          onFolder?.(null);
        }
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, tm],
  );

  useEffect(() => {
    void load(start ?? null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const rootKind = (p: string) => res?.roots.find((r) => r.path === p)?.kind;
  return (
    <div className="ws-browser" data-testid="file-browser">
      <div className="ws-browser-bar">
        <button type="button" data-testid="browse-up" disabled={!res || res.dir == null} onClick={() => void load(res?.parent ?? null)}>
          ↑ {tm('workspace.ui.browse.up')}
        </button>
        <span className="ws-browser-dir" data-testid="browse-dir" title={res?.dir ?? ''}>
          {/* right-aligned overflow shows the end of a long path; the inner ltr keeps its slashes in place */}
          <bdi dir="ltr">{res?.dir ?? tm('workspace.ui.browse.roots')}</bdi>
        </span>
      </div>
      <ul className="ws-browser-list" role="listbox">
        {res?.entries.map((e) => {
          const isRoot = res.dir == null;
          const kind = isRoot ? rootKind(e.path) : undefined;
          const disabled = e.kind === 'workspace' && mode === 'folder';
          return (
            <li
              key={e.path}
              role="option"
              aria-selected={selected === e.path}
              className={`ws-entry ${e.kind}${selected === e.path ? ' on' : ''}${disabled ? ' disabled' : ''}`}
              data-testid={e.kind === 'dir' ? 'browse-folder' : 'browse-file'}
              data-path={e.path}
              onClick={() => (e.kind === 'dir' ? void load(e.path) : !disabled && onFile?.(e.path, false))}
              onDoubleClick={() => e.kind === 'workspace' && !disabled && onFile?.(e.path, true)}
            >
              <span className="ws-entry-icon" aria-hidden="true">{e.kind === 'dir' ? '▸' : '▤'}</span>
              <span className="ws-entry-name">{e.name}</span>
              {kind && <span className="ws-entry-meta">{tm(kind === 'data' ? 'workspace.ui.browse.rootData' : 'workspace.ui.browse.rootAllowed')}</span>}
              {e.kind === 'workspace' && <span className="ws-entry-meta">{sizeText(e.size)} · {formatWarsaw(e.modifiedAt)}</span>}
            </li>
          );
        })}
        {res && res.entries.length === 0 && <li className="ws-entry empty muted">{tm('workspace.ui.browse.empty')}</li>}
      </ul>
      {res?.truncated && <div className="muted small">{tm('workspace.ui.browse.truncated')}</div>}
      {error && <div className="ws-error" role="alert">{error}</div>}
    </div>
  );
}

/**
 * Import history: every import with its source (kind + text) and undo state; "Undo" opens a confirmation
 * that says what will happen (previewUndoImport counts, or why it cannot be undone), then undoImport.
 */
import { useState } from 'react';
import { getClient } from '../api/client';
import { RejonError } from '../../shared/contract';
import type { ImportRecordOut, UndoPreview, UndoResult } from '../../shared/contract/provenance';
import { importText, kindLabel } from '../../shared/provenance';
import { useI18n } from '../i18n/i18n';
import { useImportI18n } from './useImportI18n';
import '../reports/reports.css';

interface Props {
  imports: ImportRecordOut[];
  onQuarantine(id: number): void;
  /** An import was undone: the workspace changed. */
  onUndone(result: UndoResult): void;
}

type Confirm =
  | { stage: 'loading'; id: number }
  | { stage: 'ask'; preview: UndoPreview; busy: boolean; error: string | null }
  | { stage: 'done'; result: UndoResult };

export function HistoryPanel({ imports, onQuarantine, onUndone }: Props) {
  const { t, n, d, lang } = useImportI18n();
  const { tm } = useI18n();
  const api = getClient().api;
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const errText = (e: unknown) => (e instanceof RejonError && e.msg ? tm(e.msg) : e instanceof Error ? e.message : String(e));

  const ask = async (id: number) => {
    setConfirm({ stage: 'loading', id });
    try {
      setConfirm({ stage: 'ask', preview: await api.previewUndoImport({ importId: id }), busy: false, error: null });
    } catch (e) {
      setConfirm(null);
      window.alert(errText(e));
    }
  };
  const undo = async () => {
    if (confirm?.stage !== 'ask') return;
    const preview = confirm.preview;
    setConfirm({ ...confirm, busy: true, error: null });
    try {
      const result = await api.undoImport({ importId: preview.importId });
      setConfirm({ stage: 'done', result });
      onUndone(result);
    } catch (e) {
      setConfirm({ stage: 'ask', preview, busy: false, error: errText(e) });
    }
  };

  return (
    <div className="imp-card" data-testid="import-history">
      <div className="imp-card-head">
        <h2>{t('historyTitle')}</h2>
      </div>
      {imports.length === 0 ? (
        <div className="imp-empty">{t('noImports')}</div>
      ) : (
        <div className="imp-table-wrap">
          <table className="imp-table imp-history">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>{t('when')}</th>
                <th>{t('file')}</th>
                <th>{t('kind')}</th>
                <th>{tm('provenance.ui.source')}</th>
                <th className="num">{t('inserted')}</th>
                <th className="num">{t('updated')}</th>
                <th className="num">{t('unchanged')}</th>
                <th className="num">{t('rejected')}</th>
                <th>{tm('provenance.ui.state')}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id} data-testid="history-row" data-import-id={i.id} data-kind={i.provenanceKind} className={i.undoneAt != null ? 'rep-undone' : ''}>
                  <td className="num">{i.id}</td>
                  <td className="nowrap">{d(i.importedAt)}</td>
                  <td className="imp-file" title={i.fileName}>{i.fileName}</td>
                  <td>{i.sourceKind}</td>
                  <td className="imp-prov" title={i.provenance ?? ''} data-testid="history-source">
                    <strong>{kindLabel(lang, i.provenanceKind)}</strong>
                    {importText(i.provenanceKind, i.provenance) ? <> – {importText(i.provenanceKind, i.provenance)}</> : null}
                  </td>
                  <td className="num">{n(i.inserted)}</td>
                  <td className="num">{n(i.updated)}</td>
                  <td className="num">{n(i.unchanged)}</td>
                  <td className="num">
                    {i.rejected > 0 && i.undoneAt == null ? (
                      <button type="button" className="imp-link" onClick={() => onQuarantine(i.id)} title={t('quarantineLink')}>
                        {n(i.rejected)}
                      </button>
                    ) : (
                      n(i.rejected)
                    )}
                  </td>
                  <td className="nowrap">
                    {i.undoneAt != null ? (
                      <span className="muted" data-testid="history-undone">{tm('provenance.ui.undone', { date: d(i.undoneAt) })}</span>
                    ) : (
                      <button type="button" className="rep-undo-btn" data-testid="history-undo" disabled={confirm != null} onClick={() => void ask(i.id)}
                        title={i.undoable ? undefined : tm('provenance.ui.notUndoable')}>
                        {tm('provenance.ui.undo')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {confirm && confirm.stage !== 'loading' && (
        <div className="modal-backdrop" onClick={() => confirm.stage === 'ask' && !confirm.busy && setConfirm(null)}>
          <div className="modal rep-undo" role="dialog" aria-modal="true" data-testid="undo-dialog" onClick={(e) => e.stopPropagation()}>
            {confirm.stage === 'ask' && (
              <>
                <h2>{tm('provenance.ui.undoTitle', { id: confirm.preview.importId })}</h2>
                <p>{tm('provenance.ui.undoWhat', { file: confirm.preview.fileName, date: d(confirm.preview.importedAt), kind: kindLabel(lang, confirm.preview.provenanceKind) })}</p>
                {confirm.preview.possible ? (
                  <>
                    <ul data-testid="undo-counts" data-remove={confirm.preview.remove} data-restore={confirm.preview.restore}>
                      <li>{tm('provenance.ui.undoRemove', { count: confirm.preview.remove })}</li>
                      {confirm.preview.restore > 0 && <li>{tm('provenance.ui.undoRestore', { count: confirm.preview.restore })}</li>}
                      {confirm.preview.history > 0 && <li>{tm('provenance.ui.undoHistory', { count: confirm.preview.history })}</li>}
                      {confirm.preview.quarantine > 0 && <li>{tm('provenance.ui.undoQuarantine', { count: confirm.preview.quarantine })}</li>}
                    </ul>
                    <p className="muted small">{tm('provenance.ui.undoBackup', { dir: confirm.preview.backupDir })}</p>
                  </>
                ) : (
                  <div className="rep-refused" role="alert" data-testid="undo-refused">{confirm.preview.reason ? tm(confirm.preview.reason) : ''}</div>
                )}
                {confirm.error && <div className="rep-refused" role="alert">{confirm.error}</div>}
                <div className="rep-actions">
                  {confirm.busy && <span className="muted">{tm('provenance.ui.undoing')}</span>}
                  <button type="button" onClick={() => setConfirm(null)} disabled={confirm.busy} data-testid="undo-cancel">
                    {confirm.preview.possible ? tm('provenance.ui.undoCancel') : tm('provenance.ui.undoClose')}
                  </button>
                  {confirm.preview.possible && (
                    <button type="button" className="rep-danger" onClick={() => void undo()} disabled={confirm.busy} data-testid="undo-confirm" autoFocus>
                      {tm('provenance.ui.undoConfirm')}
                    </button>
                  )}
                </div>
              </>
            )}
            {confirm.stage === 'done' && (
              <>
                <h2>{tm('provenance.ui.undoneTitle', { id: confirm.result.importId })}</h2>
                <p data-testid="undo-done">
                  {tm('provenance.ui.undoDone', { id: confirm.result.importId, removed: confirm.result.removed, restored: confirm.result.restored, backup: confirm.result.backupPath })}
                </p>
                <div className="rep-actions">
                  <button type="button" className="rep-primary" onClick={() => setConfirm(null)} data-testid="undo-close" autoFocus>
                    {tm('provenance.ui.undoClose')}
                  </button>
                </div>
              </>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

/** Quarantine: rows rejected on import, paged, filterable by import, raw row expandable, CSV export. */
import { Fragment, useCallback, useEffect, useState } from 'react';
import { getClient } from '../api/client';
import { useImportI18n } from './useImportI18n';
import { fieldLabel, parseQuarantineReason, parseRawRow, reasonLabel } from './logic';

export interface ImportRecord {
  id: number;
  fileName: string;
  sourceKind: string;
  provenance: string | null;
  importedAt: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

interface QRow {
  id: number;
  importId: number;
  fileName: string;
  row: number;
  field: string;
  reason: string;
  raw: string | null;
}

const PAGE = 50;

interface Props {
  imports: ImportRecord[];
  importId: number | null;
  onImportId(id: number | null): void;
}

/** Save text as a file through a temporary Blob link (works in the browser and in Electron). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function QuarantinePanel({ imports, importId, onImportId }: Props) {
  const { t, n, d, lang } = useImportI18n();
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; rows: QRow[] } | null>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => setOffset(0), [importId]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const res = await getClient().api.listQuarantine({ ...(importId != null ? { importId } : {}), offset, limit: PAGE });
      setData(res);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [importId, offset]);

  useEffect(() => {
    void load();
  }, [load]);

  const exportCsv = async () => {
    try {
      const res = await getClient().api.exportQuarantineCsv(importId != null ? { importId } : {});
      downloadText(res.fileName, res.csv);
      setNote(t('exported', { file: res.fileName }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const total = data?.total ?? 0;
  return (
    <div className="imp-card" data-testid="quarantine">
      <div className="imp-card-head">
        <h2>{t('quarantineTitle')}</h2>
      </div>
      <div className="imp-toolbar">
        <label className="imp-inline">
          {t('filterImport')}:{' '}
          <select data-testid="quarantine-filter" value={importId ?? ''} onChange={(e) => onImportId(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">{t('allImports')}</option>
            {imports.map((i) => (
              <option key={i.id} value={i.id}>
                #{i.id} · {i.fileName} · {d(i.importedAt)} ({n(i.rejected)})
              </option>
            ))}
          </select>
        </label>
        <span className="grow" />
        {data && total > 0 && (
          <span className="muted" data-testid="quarantine-total" data-total={total}>
            {t('pageInfo', { from: n(offset + 1), to: n(Math.min(total, offset + PAGE)), total: n(total) })}
          </span>
        )}
        <button type="button" disabled={offset === 0 || loading} onClick={() => setOffset((o) => Math.max(0, o - PAGE))}>
          {t('prev')}
        </button>
        <button type="button" disabled={offset + PAGE >= total || loading} onClick={() => setOffset((o) => o + PAGE)}>
          {t('next')}
        </button>
        <button type="button" className="imp-primary" data-testid="quarantine-export" disabled={total === 0} onClick={() => void exportCsv()}>
          {t('exportCsv')}
        </button>
      </div>
      {note && <div className="imp-note info">{note}</div>}
      {error && (
        <div className="imp-error" role="alert">
          {t('error')}: {error}
        </div>
      )}
      {data && total === 0 && <div className="imp-empty">{t('noQuarantine')}</div>}
      {data && total > 0 && (
        <div className="imp-table-wrap">
          <table className="imp-table imp-quarantine" data-testid="quarantine-table">
            <thead>
              <tr>
                <th>{t('file')}</th>
                <th className="num">{t('rowNo')}</th>
                <th>{t('fieldCol')}</th>
                <th>{t('reason')}</th>
                <th>{t('rawRow')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => {
                const reason = parseQuarantineReason(r.reason);
                const isOpen = open.has(r.id);
                const raw = isOpen ? parseRawRow(r.raw) : [];
                return (
                  <Fragment key={r.id}>
                    <tr data-testid="quarantine-row" data-row={r.row} data-reason={reason.code}>
                      <td className="imp-file" title={`#${r.importId} ${r.fileName}`}>{r.fileName}</td>
                      <td className="num">{r.row}</td>
                      <td>{fieldLabel(r.field, lang)}</td>
                      <td>
                        <strong>{reasonLabel(reason.code, lang)}</strong>
                        {reason.message && <div className="muted small imp-reason-msg">{reason.message}</div>}
                      </td>
                      <td>
                        {r.raw && (
                          <button type="button" className="imp-link" aria-expanded={isOpen} data-testid="quarantine-raw-toggle" onClick={() => toggle(r.id)}>
                            {isOpen ? t('hideRaw') : t('showRaw')}
                          </button>
                        )}
                      </td>
                    </tr>
                    {isOpen && (
                      <tr className="imp-raw-row">
                        <td colSpan={5}>
                          <dl className="imp-raw" data-testid="quarantine-raw">
                            {raw.map(([k, v], i) => (
                              <Fragment key={i}>
                                <dt>{k}</dt>
                                <dd>{v === '' ? <span className="muted">∅</span> : v}</dd>
                              </Fragment>
                            ))}
                          </dl>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!data && loading && <div className="muted">{t('loadingShort')}</div>}
    </div>
  );
}

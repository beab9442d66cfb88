/** Import summary: counts, "nothing changed", unknown categories, rejection reasons grouped with examples. */
import { useMemo } from 'react';
import type { ImportSummaryOut } from '../../shared/contract/import';
import { IMPORT_FIELDS } from '../../core/import/types';
import { useImportI18n } from './useImportI18n';
import { quote, coordinateKindLabel, fieldLabel, formatDuration, groupRejections, reasonLabel } from './logic';
import { useI18n } from '../i18n/i18n';
import { kindLabel } from '../../shared/provenance';

interface Props {
  summary: ImportSummaryOut;
  savedPreset: string | null;
  onOpenQuarantine(importId: number): void;
}

export function SummaryPanel({ summary: s, savedPreset, onOpenQuarantine }: Props) {
  const { t, n, d, lang, rows } = useImportI18n();
  const { tm } = useI18n();
  const groups = useMemo(() => groupRejections(s.rejections), [s.rejections]);
  const kpis = [
    ['inserted', s.inserted, ''],
    ['updated', s.updated, ''],
    ['unchanged', s.unchanged, ''],
    ['rejected', s.rejected, t('rejectedSub')],
  ] as const;
  return (
    <div className="imp-summary" data-testid="import-summary" data-import-id={s.importId}>
      <div className="imp-kpis">
        {kpis.map(([k, v, sub]) => (
          <div key={k} className={`imp-kpi ${k}${v > 0 ? ' nonzero' : ''}`}>
            <div className="imp-kpi-label">{t(k)}</div>
            <div className="imp-kpi-value" data-testid={`summary-${k}`} data-count={v}>
              {n(v)}
            </div>
            {sub && <div className="muted small">{sub}</div>}
          </div>
        ))}
      </div>
      <div className="muted small" data-testid="summary-rows" data-rows={s.rows}>
        {t('importNo', { id: s.importId })} · {t('rowsRead', { rows: n(s.rows), time: formatDuration(s.durationMs / 1000, lang) })}
        {s.rows >= 1000 && ` · ${t('rowsPerSec', { rate: n(Math.round(s.rowsPerSecond)) })}`}
      </div>

      <div className="small" data-testid="summary-source" data-kind={s.provenanceKind}>
        {tm('provenance.ui.summarySource', { kind: kindLabel(lang, s.provenanceKind), text: s.provenance ?? '', hasText: s.provenance ? 'yes' : 'no' })}
      </div>

      {s.nothingChanged && (
        <div className="imp-note info big" data-testid="summary-nothing-changed">
          {t('nothingChanged')}
          {s.sameFileAs && <div>{t('sameFileAs', { date: d(s.sameFileAs.importedAt), id: s.sameFileAs.importId })}</div>}
        </div>
      )}
      {!s.nothingChanged && s.sameFileAs && <div className="imp-note">{t('sameFileAs', { date: d(s.sameFileAs.importedAt), id: s.sameFileAs.importId })}</div>}
      {savedPreset && <div className="imp-note info">{t('presetSaved', { name: savedPreset })}</div>}
      {s.territory && (
        <div className={`imp-note${s.territory.outside > 0 ? '' : ' info'}`} data-testid="summary-territory" data-outside={s.territory.outside} data-action={s.territory.action}>
          {tm(s.territory.msg)}
        </div>
      )}
      {s.warnings.length > 0 && (
        <div className="imp-note" data-testid="summary-warnings">
          {s.warnings.map((w, i) => <div key={i}>{tm(w)}</div>)}
        </div>
      )}

      {s.unknownCategories.length > 0 && (
        <section data-testid="summary-unknown-categories">
          <h3>{t('unknownCategories')}</h3>
          <ul className="imp-unknown">
            {s.unknownCategories.map((c) => (
              <li key={c.name}>
                <span className="imp-unknown-name">{quote(c.name, lang)}</span> <span className="muted">— {t('rowsCount', { n: rows(c.count) })}</span>
              </li>
            ))}
          </ul>
          <div className="muted small">{t('unknownCategoriesHint')}</div>
        </section>
      )}

      {s.rejected > 0 && (
        <section data-testid="summary-rejections">
          <h3>{t('rejectionsTitle')}</h3>
          <table className="imp-table imp-reasons">
            <tbody>
              {groups.map((g) => (
                <tr key={`${g.reason}-${g.field}`} data-testid="reason-group" data-reason={g.reason} data-count={g.count}>
                  <td className="imp-reason-count">{n(g.count)}</td>
                  <td>
                    <div>
                      <strong>{reasonLabel(g.reason, lang)}</strong> <span className="muted">— {fieldLabel(g.field, lang)}{g.column && g.column !== fieldLabel(g.field, lang) ? ` (${quote(g.column, lang)})` : ''}</span>
                    </div>
                    <div className="imp-examples small">
                      {t('examples')}{' '}
                      {g.examples.map((r, i) => (
                        <span key={r.row} title={r.message}>
                          {i > 0 && '; '}
                          {t('row')} {r.row}
                          {r.value != null && r.value !== '' && <>: <code>{r.value.length > 60 ? `${r.value.slice(0, 60)}…` : r.value}</code></>}
                        </span>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {s.rejected > s.rejections.length && <div className="muted small">{t('rejectionsShown', { shown: n(s.rejections.length), total: n(s.rejected) })}</div>}
          <button type="button" className="imp-link" data-testid="summary-open-quarantine" onClick={() => onOpenQuarantine(s.importId)}>
            {t('openQuarantine')} →
          </button>
        </section>
      )}

      <details className="imp-details">
        <summary>{t('mappingUsed')}</summary>
        <div>
          {t('coordinatesUsed')}: <strong>{coordinateKindLabel(s.coordinateKind, lang)}</strong>
          <div className="muted small" data-testid="summary-coord-why" data-decided-by={s.coordinate.decidedBy}>{tm(s.coordinate.msg)}</div>
        </div>
        <table className="imp-table imp-mapping-used">
          <tbody>
            {IMPORT_FIELDS.filter((f) => s.mapping[f]).map((f) => (
              <tr key={f}>
                <td>{fieldLabel(f, lang)}</td>
                <td>{quote(s.mapping[f]!, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/**
 * One report, by its own number (the source's "Nr zgłoszenia"): every field, positions in WGS84 and EPSG:2180,
 * the status history with dates, the imports it came from and its beat. Opened by a click on a map point or
 * on a row of a report list. Talks only to the contract (getReport).
 */
import { useEffect, useState } from 'react';
import { getClient } from '../api/client';
import { RejonError } from '../../shared/contract';
import type { ReportDetail } from '../../shared/contract/reports';
import { importText, kindLabel } from '../../shared/provenance';
import { categoryByCode } from '../../core/domain/categories';
import { statusByCode } from '../../core/domain/statuses';
import { formatWarsaw } from '../../core/domain/time';
import { useI18n } from '../i18n/i18n';
import './reports.css';

interface Props {
  /** Workspace row id of the report. */
  id: number;
  onClose(): void;
}

export function ReportDetailPanel({ id, onClose }: Props) {
  const { tm, lang } = useI18n();
  const [r, setR] = useState<ReportDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setR(null);
    setError(null);
    getClient()
      .api.getReport({ id })
      .then((x) => live && setR(x))
      .catch((e: unknown) => live && setError(e instanceof RejonError && e.msg ? tm(e.msg) : (e as Error).message));
    return () => {
      live = false;
    };
  }, [id, tm]);

  const nf = (digits: number) => new Intl.NumberFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const when = (ms: number | null) => (ms == null ? '–' : formatWarsaw(ms));
  const cat = r ? categoryByCode(r.categoryCode) : undefined;
  const catName = r ? (lang === 'en' && cat ? cat.nameEn : r.category) : '';
  const statusName = (code: number, name: string) => (lang === 'en' ? statusByCode(code)?.nameEn ?? name : name);
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <tr>
      <th>{label}</th>
      <td data-testid={testId}>{value}</td>
    </tr>
  );

  return (
    <aside className="report-detail" data-testid="report-detail" data-report-id={id} data-source-id={r?.sourceId ?? ''} aria-live="polite">
      <div className="rd-head">
        <span className="rd-no" data-testid="report-detail-number">{r ? tm('provenance.ui.reportNo', { id: r.sourceId }) : tm('provenance.ui.loading')}</span>
        <button className="link" onClick={onClose} data-testid="report-detail-close" title="Esc">{tm('provenance.detail.close')} ✕</button>
      </div>
      {error && <div className="error-text">{error}</div>}
      {r && (
        <>
          <table>
            <tbody>
              {row(tm('provenance.detail.category'), <><span className="rd-cat" style={{ background: `rgb(${(cat?.color ?? [128, 128, 128]).join(',')})` }} />{catName}</>)}
              {row(tm('provenance.detail.status'), statusName(r.statusCode, r.status), 'report-detail-status')}
              {row(tm('provenance.detail.created'), `${when(r.createdAt)} (${tm('provenance.detail.time')})`)}
              {r.eventAt != null && row(tm('provenance.detail.event'), when(r.eventAt))}
              {r.modifiedAt != null && row(tm('provenance.detail.modified'), when(r.modifiedAt))}
              {r.verifiedAt != null && row(tm('provenance.detail.verified'), when(r.verifiedAt))}
              {row(tm('provenance.detail.wgs84'), `${nf(6).format(r.lat)}° N, ${nf(6).format(r.lon)}° E`)}
              {row(tm('provenance.detail.puwg'), `E ${nf(2).format(r.x2180)} m, N ${nf(2).format(r.y2180)} m`)}
              {row(tm('provenance.detail.beat'), (
                <>
                  {r.district ? r.district.name : <span className="muted">{tm('provenance.detail.outsideBeats')}</span>}
                  {r.outsideTerritory && <span className="rd-flag">{tm('provenance.detail.outsideTerritory')}</span>}
                </>
              ), 'report-detail-beat')}
              {r.beat && row(tm('provenance.detail.beatInFile'), r.beat)}
              {r.teryt && row(tm('provenance.detail.teryt'), r.teryt)}
              {r.unit && row(tm('provenance.detail.unit'), r.unit)}
              {r.officer && row(tm('provenance.detail.officer'), r.officer)}
            </tbody>
          </table>
          {r.description && (
            <>
              <h4>{tm('provenance.detail.description')}</h4>
              <div className="rd-desc">{r.description}</div>
            </>
          )}
          <h4>{tm('provenance.detail.history')}</h4>
          <ol data-testid="report-detail-history">
            {r.history.map((h, i) => (
              <li key={i}>
                {formatWarsaw(h.changedAt)} — {statusName(h.statusCode, h.status)}
              </li>
            ))}
          </ol>
          <h4>{tm('provenance.detail.imports')}</h4>
          <ul data-testid="report-detail-imports">
            {r.imports.map((i) => (
              <li key={i.id} data-kind={i.provenanceKind}>
                #{i.id} {i.fileName} — {kindLabel(lang, i.provenanceKind)}
                {importText(i.provenanceKind, i.provenance) ? ` (${importText(i.provenanceKind, i.provenance)})` : ''}, {formatWarsaw(i.importedAt)}: {tm(i.role === 'inserted' ? 'provenance.detail.inserted' : 'provenance.detail.updated')}
                {i.current ? ` · ${tm('provenance.detail.current')}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}

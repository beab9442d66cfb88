/**
 * Reports out for QGIS/ArcGIS from the app: the reports of the current map filter as a GeoPackage (EPSG:2180),
 * GeoJSON (WGS84) or CSV, descriptions (personal data) only when ticked. Talks only to the contract (exportReports).
 */
import { useState } from 'react';
import { getClient } from '../api/client';
import { RejonError } from '../../shared/contract';
import type { ReportFilterInput } from '../../shared/contract/filter';
import type { ReportExportFormat } from '../../shared/contract/reports';
import { saveBytes } from '../briefing/download';
import { useI18n } from '../i18n/i18n';
import './reports.css';

interface Props {
  filter: ReportFilterInput;
  /** Reports in the current filter (as the map counts them). */
  count: number;
  onClose(): void;
}

const MIME: Record<ReportExportFormat, string> = { gpkg: 'application/geopackage+sqlite3', geojson: 'application/geo+json', csv: 'text/csv;charset=utf-8' };

export function ReportsExportDialog({ filter, count, onClose }: Props) {
  const { tm } = useI18n();
  const [format, setFormat] = useState<ReportExportFormat>('gpkg');
  const [descriptions, setDescriptions] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const download = async () => {
    setBusy(true);
    setNote(null);
    try {
      const bytes = await getClient().api.exportReports({ filter, format, withDescriptions: descriptions });
      const file = `rejon-zgloszenia-${new Date().toISOString().slice(0, 10)}.${format}`;
      saveBytes(bytes, file, MIME[format]);
      setNote({ ok: true, text: tm('provenance.ui.exportDone', { file }) });
    } catch (e) {
      setNote({ ok: false, text: e instanceof RejonError && e.msg ? tm(e.msg) : (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const choice = (f: ReportExportFormat, label: string) => (
    <label className="rep-choice">
      <input type="radio" name="rep-format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`reports-export-${f}`} />
      <span>{label}</span>
    </label>
  );

  return (
    <div className="modal-backdrop" onClick={() => !busy && onClose()}>
      <div className="modal rep-export" role="dialog" aria-modal="true" data-testid="reports-export" onClick={(e) => e.stopPropagation()}>
        <h2>{tm('provenance.ui.exportTitle')}</h2>
        <p data-testid="reports-export-count" data-count={count}>{tm('provenance.ui.exportWhat', { count })}</p>
        {choice('gpkg', tm('provenance.ui.exportGpkg'))}
        {choice('geojson', tm('provenance.ui.exportGeojson'))}
        {choice('csv', tm('provenance.ui.exportCsv'))}
        <p className="muted small">{tm('provenance.ui.exportFields')}</p>
        <label className="rep-choice rep-warn">
          <input type="checkbox" checked={descriptions} onChange={(e) => setDescriptions(e.target.checked)} data-testid="reports-export-descriptions" />
          <span>{tm('provenance.ui.exportDescriptions')}</span>
        </label>
        {note && <div className={note.ok ? 'muted' : 'rep-refused'} role={note.ok ? undefined : 'alert'} data-testid="reports-export-note">{note.text}</div>}
        <div className="rep-actions">
          {busy && <span className="muted">{tm('provenance.ui.exporting')}</span>}
          <button type="button" onClick={onClose} disabled={busy}>{tm('provenance.ui.undoClose')}</button>
          <button type="button" className="rep-primary" onClick={() => void download()} disabled={busy || count === 0} data-testid="reports-export-download" autoFocus>
            {tm('provenance.ui.exportDownload')}
          </button>
        </div>
      </div>
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { uploadFile, waitForJob } from '../districts/ImportDialog';
import type { PlaceLayer, PlacesImportResult, PlacesInspection } from '../../shared/contract/places';
import type { Msg } from '../../core/message';

type AxisOrder = 'easting-northing' | 'northing-easting';

/**
 * "Ulice i miejsca": import a file of named places / street centrelines (GeoJSON, CSV), pick the name field when
 * the file does not decide it, the X/Y order of an undecided CSV; list and remove the imported layers.
 */
export function PlacesDialog({ onClose, onChanged }: { onClose(): void; onChanged(): void }) {
  const { tm } = useI18n();
  const api = getClient().api;
  const [layers, setLayers] = useState<PlaceLayer[]>([]);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [insp, setInsp] = useState<PlacesInspection | null>(null);
  const [nameField, setNameField] = useState('');
  const [xy, setXy] = useState<AxisOrder | ''>('');
  const [mode, setMode] = useState<'replace' | 'add'>('replace');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PlacesImportResult | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  // the browser's own file button speaks the system's language ("Choose File"): ours speaks the app's
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = () => void api.listPlaceLayers({}).then(setLayers).catch(() => undefined);
  useEffect(refresh, [api]);

  const errorText = (e: unknown) => {
    const m = (e as { msg?: Msg }).msg;
    return m ? tm(m) : (e as Error).message;
  };

  const inspect = async (id: string, field?: string, order?: AxisOrder) => {
    const r = await api.inspectPlacesFile({ source: { uploadId: id }, ...(field ? { nameField: field } : {}), ...(order ? { xy: order } : {}) });
    setInsp(r);
    setNameField(r.nameField ?? '');
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    setError(null);
    setResult(null);
    setInsp(null);
    setXy('');
    try {
      setBusy(tm('places.ui.uploading', { pct: 0 }));
      const id = await uploadFile(file, (f) => setBusy(tm('places.ui.uploading', { pct: Math.round(f * 100) })));
      setUploadId(id);
      await inspect(id);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const start = async () => {
    if (!uploadId || !insp) return;
    setError(null);
    try {
      setBusy(tm('places.ui.importing', { pct: 0 }));
      const { jobId } = await api.importPlaces({ source: { uploadId }, nameField, ...(xy ? { xy } : {}), mode });
      const job = await waitForJob(jobId, (j) => setBusy(tm('places.ui.importing', { pct: Math.round(j.progress * 100) })));
      if (job.state === 'done') {
        setResult(job.result as PlacesImportResult);
        setInsp(null);
        setUploadId(null);
        refresh();
        onChanged();
      } else setError(job.errorMsg ? tm(job.errorMsg as Msg) : job.error ?? job.state);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const remove = async (l: PlaceLayer) => {
    await api.clearPlaces(l.source === 'demo' ? { demo: true } : { layerId: l.id }).catch((e) => setError(errorText(e)));
    refresh();
    onChanged();
  };

  const needsXy = insp?.coordinate != null && !insp.coordinate.decided;
  const canStart = insp != null && nameField !== '' && (!needsXy || xy !== '') && busy == null;

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal wide" role="dialog" aria-label={tm('places.ui.title')} data-testid="places-dialog" onClick={(e) => e.stopPropagation()}>
        <div className="panel-title row">
          <span>{tm('places.ui.title')}</span>
          <button className="link" onClick={onClose}>{tm('places.ui.close')}</button>
        </div>
        <p className="muted small">{tm('places.ui.help')}</p>
        <h4>{tm('places.ui.layers')}</h4>
        {layers.length === 0 && <p className="muted">{tm('places.ui.none')}</p>}
        <table className="sources">
          <tbody>
            {layers.map((l) => (
              <tr key={`${l.source}-${l.id}`} data-testid="places-layer">
                <td>{tm('places.ui.layerRow', { file: l.source === 'demo' ? tm('places.ui.demoLayer') : l.fileName ?? '', places: l.places, streets: l.streets })}</td>
                <td><button onClick={() => void remove(l)} data-testid="places-remove">{tm('places.ui.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <h4>{tm('places.ui.newFile')}</h4>
        <div className="form">
          <div className="full">
            <input
              ref={fileInput} type="file" hidden accept=".geojson,.json,.csv,.txt" data-testid="places-file"
              onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; void pick(f); }}
            />
            <button type="button" disabled={busy != null} data-testid="places-choose-file" onClick={() => fileInput.current?.click()}>{tm('places.ui.chooseFile')}</button>{' '}
            <span className={fileName ? '' : 'muted'} data-testid="places-file-name">{fileName ?? tm('places.ui.noFile')}</span>
          </div>
          {insp && (
            <>
              <p className="full small" data-testid="places-found">
                {tm('places.ui.found', { format: insp.format, crs: insp.crs ?? tm('places.ui.crsUnknown'), points: insp.counts.points, lines: insp.counts.lines, other: insp.counts.other })}
              </p>
              <label>
                {tm('places.ui.nameField')}
                <select value={nameField} data-testid="places-name-field" onChange={(e) => { setNameField(e.target.value); if (uploadId && e.target.value) void inspect(uploadId, e.target.value, xy || undefined).catch((er) => setError(errorText(er))); }}>
                  <option value="">{tm('places.ui.chooseField')}</option>
                  {insp.fields.map((f) => <option key={f} value={f}>{f}</option>)}
                </select>
              </label>
              {needsXy && (
                <label>
                  {tm('places.ui.xy')}
                  <select value={xy} data-testid="places-xy" onChange={(e) => setXy(e.target.value as AxisOrder | '')}>
                    <option value="">{tm('places.ui.xyChoose')}</option>
                    <option value="easting-northing">{tm('places.ui.xyEN')}</option>
                    <option value="northing-easting">{tm('places.ui.xyNE')}</option>
                  </select>
                </label>
              )}
              <label>
                {tm('places.ui.mode')}
                <select value={mode} data-testid="places-mode" onChange={(e) => setMode(e.target.value as 'replace' | 'add')}>
                  <option value="replace">{tm('places.ui.modeReplace')}</option>
                  <option value="add">{tm('places.ui.modeAdd')}</option>
                </select>
              </label>
              {insp.ambiguous && nameField === '' && <p className="full warn-text" role="alert">{tm('places.ui.ambiguous')}</p>}
              {insp.coordinate && <p className="full small muted">{tm(insp.coordinate.msg)}</p>}
              {insp.preview.length > 0 && <p className="full small muted" data-testid="places-preview">{tm('places.ui.preview', { names: insp.preview.join(', ') })}</p>}
            </>
          )}
        </div>
        {busy && <p className="muted" data-testid="places-busy">{busy}</p>}
        {error && <p className="error-text" role="alert" data-testid="places-error">{error}</p>}
        {result && (
          <div data-testid="places-result">
            <p>{tm('places.ui.done', { places: result.places, streets: result.streets, names: result.streetNames, rejected: result.rejected })}</p>
            {result.rejections.length > 0 && (
              <>
                <p className="small">{tm('places.ui.rejected', { n: Math.min(20, result.rejections.length) })}</p>
                <ul className="small">{result.rejections.slice(0, 20).map((r, i) => <li key={i}>{tm(r.msg)}</li>)}</ul>
              </>
            )}
          </div>
        )}
        <button className="primary" data-testid="places-start" disabled={!canStart} onClick={() => void start()}>{tm('places.ui.start')}</button>
      </div>
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../api/errors';
import { getClient } from '../api/client';
import type { JobState } from '../../shared/contract';
import type { DistrictFileInspection, DistrictImportResult, DistrictValidation } from '../../shared/contract/districts';
import { useDistrictMessages } from './messages';

const CHUNK = 4 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Send a file to the backend in chunks (uploadChunk works over IPC and HTTP); returns the upload id. */
export async function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<string> {
  const api = getClient().api;
  let uploadId: string | undefined;
  for (let offset = 0; offset < file.size || offset === 0; offset += CHUNK) {
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
    const r = await api.uploadChunk({ uploadId, name: file.name, offset, data: toBase64(bytes) });
    uploadId = r.uploadId;
    onProgress?.(Math.min(1, (offset + bytes.length) / Math.max(1, file.size)));
    if (file.size === 0) break;
  }
  return uploadId!;
}

/** Wait for a job through the event stream, with polling as a fallback. */
export function waitForJob(jobId: string, onProgress?: (j: JobState) => void): Promise<JobState> {
  const client = getClient();
  return new Promise((resolve) => {
    let done = false;
    const finish = (j: JobState) => {
      if (done) return;
      done = true;
      off();
      clearInterval(timer);
      resolve(j);
    };
    const off = client.onEvent((e) => {
      if (e.type !== 'job' || e.job.id !== jobId) return;
      if (e.job.state === 'running') onProgress?.(e.job);
      else finish(e.job);
    });
    const timer = setInterval(() => {
      void client.api.getJob({ jobId }).then((j) => (j.state === 'running' ? onProgress?.(j) : finish(j))).catch(() => undefined);
    }, 1000);
  });
}

export function ValidationReport({ v, names }: { v: DistrictValidation; names?: boolean }) {
  const { d, n } = useDistrictMessages();
  void names;
  if (v.issues.length === 0) return <div className="dv-ok" data-testid="validation-ok">{d('validationOk')}</div>;
  return (
    <div className="dv-issues" data-testid="validation-issues">
      <div>
        {v.overlaps.length > 0 && <span className="dv-chip warn">{v.overlaps.length} {d('overlaps')}</span>}
        {v.gaps.length > 0 && <span className="dv-chip warn">{v.gaps.length} {d('gaps')}</span>}
      </div>
      <ul>
        {v.issues.slice(0, 50).map((i, k) => (
          <li key={k} className={i.severity}>
            {i.message}
            {i.areaM2 != null && i.kind !== 'overlap' && i.kind !== 'gap' ? ` (${n(Math.round(i.areaM2))} m²)` : ''}
          </li>
        ))}
        {v.issues.length > 50 && <li>… {v.issues.length - 50 + v.truncated}</li>}
      </ul>
    </div>
  );
}

/** Import of a beat file: pick the file, the name/officer/unit fields and the mode; see the validation; import. */
export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(r: DistrictImportResult): void }) {
  const { d, n } = useDistrictMessages();
  const api = getClient().api;
  const [stage, setStage] = useState<'pick' | 'busy' | 'review' | 'importing' | 'done'>('pick');
  const [busyText, setBusyText] = useState('');
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [insp, setInsp] = useState<DistrictFileInspection | null>(null);
  const [fields, setFields] = useState<{ nameField: string; officerField: string; unitField: string }>({ nameField: '', officerField: '', unitField: '' });
  const [mode, setMode] = useState<'replace' | 'add'>('replace');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DistrictImportResult | null>(null);
  const [progress, setProgress] = useState(0);
  const { tm } = useI18n();
  const fail = (e: unknown) => setError(errorText(e, tm));
  // The chosen file and whether its staged upload is still on the backend: an import (done or failed) deletes its
  // upload, so a second attempt or a new inspection sends the file again; closing the dialog discards it.
  const file = useRef<File | null>(null);
  const live = useRef<string | null>(null);
  useEffect(() => () => {
    if (live.current) void api.discardUpload({ uploadId: live.current }).catch(() => undefined);
  }, [api]);
  const ensureUpload = async (): Promise<string> => {
    if (live.current) return live.current;
    if (!file.current) throw new Error('no file');
    const id = await uploadFile(file.current, setProgress);
    live.current = id;
    setUploadId(id);
    return id;
  };

  const inspect = async (given: string | null, nameField?: string) => {
    setStage('busy');
    setBusyText(d('inspecting'));
    try {
      const id = given ?? (await ensureUpload());
      const r = await api.inspectDistrictFile({ source: { uploadId: id }, ...(nameField ? { nameField } : {}) });
      setInsp(r);
      if (!nameField) setFields({ nameField: r.suggested.nameField ?? r.fields[0] ?? '', officerField: r.suggested.officerField ?? '', unitField: r.suggested.unitField ?? '' });
      setStage('review');
    } catch (e) {
      fail(e);
      setStage('pick');
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setStage('busy');
    setBusyText(d('uploading'));
    try {
      if (live.current) void api.discardUpload({ uploadId: live.current }).catch(() => undefined);
      live.current = null;
      fileRef(file);
      const id = await ensureUpload();
      await inspect(id);
    } catch (e) {
      fail(e);
      setStage('pick');
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && stage !== 'importing' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, stage]);

  const fileRef = (f: File) => {
    file.current = f;
  };

  const run = async () => {
    if (!uploadId || !fields.nameField) return;
    setStage('importing');
    setError(null);
    try {
      const id = await ensureUpload();
      live.current = null; // the import deletes the upload when it ends
      const { jobId } = await api.startDistrictImport({
        source: { uploadId: id }, nameField: fields.nameField, officerField: fields.officerField || null, unitField: fields.unitField || null, mode,
      });
      const job = await waitForJob(jobId, (j) => setProgress(j.progress));
      if (job.state !== 'done') {
        setError(job.error ?? job.state);
        setStage('review');
        return;
      }
      const r = job.result as DistrictImportResult;
      setResult(r);
      setStage('done');
      onImported(r);
    } catch (e) {
      fail(e);
      setStage('review');
    }
  };

  const fieldSelect = (key: keyof typeof fields, label: string, optional: boolean) => (
    <label className="dv-field">
      <span>{label}</span>
      <select
        data-testid={`field-${key}`}
        value={fields[key]}
        onChange={(e) => {
          const next = { ...fields, [key]: e.target.value };
          setFields(next);
          if (key === 'nameField' && uploadId && e.target.value) void inspect(null, e.target.value);
        }}
      >
        {optional && <option value="">{d('none')}</option>}
        {insp?.fields.map((f) => <option key={f} value={f}>{f}{insp.preview[0]?.[f] ? ` – ${insp.preview[0][f].slice(0, 30)}` : ''}</option>)}
      </select>
    </label>
  );

  return (
    <div className="dv-modal-backdrop" role="dialog" aria-label={d('importBeats')} data-testid="district-import-dialog">
      <div className="dv-modal">
        <div className="dv-modal-title">{d('importBeats').replace('…', '')}</div>
        {(stage === 'pick' || stage === 'busy') && (
          <label className="dv-field">
            <span>{d('chooseFile')}</span>
            <input type="file" data-testid="district-file" accept=".geojson,.json,.zip,.shp,.kml,.kmz" disabled={stage === 'busy'} onChange={(e) => void onFile(e.target.files?.[0])} />
          </label>
        )}
        {stage === 'busy' && <div className="dv-muted">{busyText} {progress > 0 && progress < 1 ? `${Math.round(progress * 100)}%` : ''}</div>}
        {insp && (stage === 'review' || stage === 'importing') && (
          <>
            <div className="dv-muted">
              {d('file')}: <b>{insp.fileName}</b> · {insp.format} · {n(insp.featureCount)} {d('features')} · {d('crs')}: {insp.crs}
            </div>
            {insp.warnings.map((w, k) => <div key={k} className="dv-muted">⚠ {w}</div>)}
            <div className="dv-grid">
              {fieldSelect('nameField', d('nameField'), false)}
              {fieldSelect('officerField', d('officerField'), true)}
              {fieldSelect('unitField', d('unitField'), true)}
              <label className="dv-field">
                <span>{d('mode')}</span>
                <select data-testid="import-mode" value={mode} onChange={(e) => setMode(e.target.value as 'replace' | 'add')}>
                  <option value="replace">{d('modeReplace')}</option>
                  <option value="add">{d('modeAdd')}</option>
                </select>
              </label>
            </div>
            <div className="dv-sub">{d('validation')}</div>
            <ValidationReport v={insp.validation} />
            {!insp.validation.ok && <div className="dv-error">{d('errorsBlock')}</div>}
          </>
        )}
        {stage === 'importing' && <div className="dv-muted">{d('importing')} <progress max={1} value={progress} /></div>}
        {stage === 'done' && result && (
          <div data-testid="district-import-result">
            <b>{d('importDone')}</b>: {n(result.districts)} · {n(result.assigned)} {d('inBeats')} · {n(result.outside)} {d('outsideBeats')}
            {result.validation.issues.length > 0 && <ValidationReport v={result.validation} />}
          </div>
        )}
        {error && <div className="dv-error" role="alert">{error}</div>}
        <div className="dv-actions">
          {stage !== 'done' && (
            <button data-testid="district-import-run" disabled={stage !== 'review' || !insp?.validation.ok || !fields.nameField} onClick={() => void run()}>
              {d('doImport')}
            </button>
          )}
          <button onClick={onClose} disabled={stage === 'importing'}>{stage === 'done' ? d('close') : d('cancel')}</button>
        </div>
      </div>
    </div>
  );
}

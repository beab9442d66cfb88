/**
 * Import view: drop or pick files (several, imported one after another), chunked upload with a
 * progress bar, the column mapping dialog, import progress with rows/s, ETA and cancel, the summary,
 * the quarantine and the import history. Talks only to the contract (uploadChunk, inspectImport,
 * startImport, getJob/cancelJob + job events, listImports, listQuarantine, exportQuarantineCsv,
 * listMappingPresets, deleteMappingPreset).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getClient } from '../api/client';
import type { JobState } from '../../shared/contract';
import { ImportSummarySchema, type ImportInspection, type ImportSummaryOut } from '../../shared/contract/import';
import { useImportI18n } from './useImportI18n';
import { DropOverlay, useWindowFileDrop } from './FileDrop';
import { MappingDialog, type Overrides, type Preset, type StartRequest } from './MappingDialog';
import { SummaryPanel } from './SummaryPanel';
import { QuarantinePanel } from './QuarantinePanel';
import { HistoryPanel } from './HistoryPanel';
import type { ImportRecordOut } from '../../shared/contract/provenance';
import { ProgressTracker, formatBytes, formatDuration } from './logic';
import { UploadAborted, uploadFile } from './upload';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../api/errors';
import type { Translate } from '../../shared/i18n';
import './import.css';
import { jobWaitMsg } from '../../shared/concurrency';

export interface ImportViewProps {
  /** An import finished and changed the workspace: App reloads its data. */
  onImported(): void;
  /** Close the view. */
  onClose(): void;
  /**
   * Files to import right away (e.g. dropped on the map before the view opened, see WindowFileDrop).
   * Taken once per mount; onInitialFilesTaken tells App it can forget them.
   */
  initialFiles?: readonly File[];
  onInitialFilesTaken?(): void;
  /** Tab to open with. */
  initialTab?: Tab;
}

type Tab = 'import' | 'quarantine' | 'history';

type Stage =
  | { kind: 'idle' }
  | { kind: 'uploading'; file: File; sent: number; total: number }
  | { kind: 'inspecting'; file: File }
  | { kind: 'mapping'; file: File; uploadId: string; inspection: ImportInspection; busy: boolean }
  | { kind: 'importing'; file: File; jobId: string | null; progress: number; message: string; rows: number; rate: number; etaSec: number | null; cancelling: boolean }
  | { kind: 'cancelled'; file: File; reports: number | null }
  | { kind: 'summary'; file: File; summary: ImportSummaryOut; savedPreset: string | null; cancelTooLate?: boolean }
  | { kind: 'error'; file: File | null; title: string; detail: string };

/** Error text for the user: the translated message code when the backend sent one; staged upload names shortened. */
function errMessage(e: unknown, tm: Translate): string {
  return errorText(e, tm).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/g, '');
}

export function ImportView({ onImported, onClose, initialFiles, onInitialFilesTaken, initialTab }: ImportViewProps) {
  const { t, n, lang, rows } = useImportI18n();
  const { tm } = useI18n();
  const api = getClient().api;
  const [tab, setTab] = useState<Tab>(initialTab ?? 'import');
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [queue, setQueue] = useState<File[]>([]);
  const [batchSize, setBatchSize] = useState(0);
  const [batchIndex, setBatchIndex] = useState(0);
  const [presets, setPresets] = useState<Preset[]>([]);
  const [imports, setImports] = useState<ImportRecordOut[]>([]);
  const [quarantineImport, setQuarantineImport] = useState<number | null>(null);
  const [presetNote, setPresetNote] = useState<string | null>(null);
  const uploadAbort = useRef<AbortController | null>(null);
  /**
   * The staged upload not (yet) handed to an import. Police exports hold personal data: when the user leaves the
   * file (next file, error, closing the view), the backend is told to delete it at once; an import deletes its own.
   */
  const staged = useRef<string | null>(null);
  const discardStaged = useCallback(() => {
    const id = staged.current;
    staged.current = null;
    if (id) void api.discardUpload({ uploadId: id }).catch(() => undefined);
  }, [api]);
  useEffect(() => discardStaged, [discardStaged]);
  const fileInput = useRef<HTMLInputElement>(null);
  const primaryBtn = useRef<HTMLButtonElement>(null);
  const stageRef = useRef(stage);
  stageRef.current = stage;
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  const refreshPresets = useCallback(async () => {
    try {
      setPresets((await api.listMappingPresets({})).map((p) => ({ name: p.name, mapping: p.mapping, options: p.options })));
    } catch {
      /* presets are optional */
    }
  }, [api]);
  const refreshImports = useCallback(async () => {
    try {
      setImports(await api.listImports({}));
    } catch {
      /* history is optional here */
    }
  }, [api]);

  useEffect(() => {
    void refreshPresets();
    void refreshImports();
  }, [refreshPresets, refreshImports]);

  // ---------------------------------------------------------------- one file: upload + inspect
  const inspect = useCallback(
    async (file: File, uploadId: string, options?: Overrides, presetName?: string): Promise<ImportInspection> => {
      const opts = options && Object.keys(options).length > 0 ? options : undefined;
      return api.inspectImport({ source: { uploadId }, ...(opts ? { options: opts } : {}), ...(presetName ? { presetName } : {}) });
    },
    [api],
  );

  const processFile = useCallback(
    async (file: File) => {
      setTab('import');
      setPresetNote(null);
      const ctrl = new AbortController();
      uploadAbort.current = ctrl;
      let uploadId: string;
      try {
        setStage({ kind: 'uploading', file, sent: 0, total: file.size });
        uploadId = await uploadFile(api, file, (sent, total) => setStage({ kind: 'uploading', file, sent, total }), ctrl.signal);
        staged.current = uploadId;
      } catch (e) {
        if (e instanceof UploadAborted) {
          setStage({ kind: 'idle' });
          return;
        }
        setStage({ kind: 'error', file, title: t('uploadFailed', { file: file.name }), detail: errMessage(e, tm) });
        return;
      } finally {
        uploadAbort.current = null;
      }
      if (file.size === 0) {
        discardStaged();
        setStage({ kind: 'error', file, title: t('unreadable', { file: file.name }), detail: t('emptyFile') });
        return;
      }
      setStage({ kind: 'inspecting', file });
      try {
        const inspection = await inspect(file, uploadId);
        setStage({ kind: 'mapping', file, uploadId, inspection, busy: false });
      } catch (e) {
        discardStaged();
        setStage({ kind: 'error', file, title: t('unreadable', { file: file.name }), detail: errMessage(e, tm) });
      }
    },
    [api, inspect, t, tm, discardStaged],
  );

  const queueRef = useRef<File[]>([]);
  const setQueueBoth = useCallback((q: File[]) => {
    queueRef.current = q;
    setQueue(q);
  }, []);

  /** Take the next file of the queue (if any), or go back to the drop zone. */
  const next = useCallback(() => {
    discardStaged();
    const q = queueRef.current;
    if (q.length === 0) {
      setStage({ kind: 'idle' });
      setBatchSize(0);
      setBatchIndex(0);
      return;
    }
    const [first, ...rest] = q;
    setQueueBoth(rest);
    setBatchIndex((i) => i + 1);
    void processFile(first);
  }, [processFile, setQueueBoth, discardStaged]);

  const addFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      setTab('import');
      const k = stageRef.current.kind;
      if (k === 'uploading' || k === 'inspecting' || k === 'mapping' || k === 'importing') {
        setQueueBoth([...queueRef.current, ...files]);
        setBatchSize((s) => (s === 0 ? 1 : s) + files.length);
        return;
      }
      const [first, ...rest] = files;
      setQueueBoth(rest);
      setBatchSize(files.length);
      setBatchIndex(1);
      void processFile(first);
    },
    [processFile, setQueueBoth],
  );

  const initialDone = useRef(false);
  useEffect(() => {
    if (initialDone.current || !initialFiles || initialFiles.length === 0) return;
    initialDone.current = true;
    addFiles(initialFiles);
    onInitialFilesTaken?.();
  }, [initialFiles, addFiles, onInitialFilesTaken]);

  const dragging = useWindowFileDrop(addFiles);

  // ---------------------------------------------------------------- mapping -> start
  const reinspect = async (options: Overrides, presetName: string | undefined) => {
    const s = stageRef.current;
    if (s.kind !== 'mapping') return;
    setStage({ ...s, busy: true });
    try {
      const inspection = await inspect(s.file, s.uploadId, options, presetName);
      setStage({ ...s, inspection, busy: false });
    } catch (e) {
      setStage({ ...s, busy: false });
      setPresetNote(`${t('error')}: ${errMessage(e, tm)}`);
    }
  };

  const start = async (req: StartRequest) => {
    const s = stageRef.current;
    if (s.kind !== 'mapping') return;
    const importing: Stage = { kind: 'importing', file: s.file, jobId: null, progress: 0, message: '', rows: 0, rate: 0, etaSec: null, cancelling: false };
    setStage(importing);
    try {
      const { jobId } = await api.startImport({ source: { uploadId: s.uploadId }, ...req });
      if (staged.current === s.uploadId) staged.current = null; // the import deletes it when it ends
      savedPresetRef.current = req.savePresetAs ?? null;
      setStage((cur) => (cur.kind === 'importing' && cur.file === s.file ? { ...cur, jobId } : cur));
    } catch (e) {
      discardStaged();
      setStage({ kind: 'error', file: s.file, title: t('importFailed', { file: s.file.name }), detail: errMessage(e, tm) });
    }
  };
  const savedPresetRef = useRef<string | null>(null);

  // ---------------------------------------------------------------- job tracking (events + polling)
  const jobId = stage.kind === 'importing' ? stage.jobId : null;
  useEffect(() => {
    if (!jobId) return;
    const tracker = new ProgressTracker();
    let finished = false;
    const onJob = (job: JobState) => {
      if (finished || job.id !== jobId) return;
      const s = stageRef.current;
      if (s.kind !== 'importing') return;
      if (job.state === 'running') {
        // Waiting for another writer: no rate or ETA from the wait (the tracker starts when rows come).
        if (!jobWaitMsg(job.message)) tracker.update(performance.now(), job.progress, job.message);
        setStage({ ...s, progress: job.progress, message: job.message, rows: tracker.rows, rate: tracker.rate, etaSec: tracker.etaSec });
        return;
      }
      finished = true;
      if (job.state === 'done') {
        const parsed = ImportSummarySchema.safeParse(job.result);
        if (!parsed.success) {
          setStage({ kind: 'error', file: s.file, title: t('importFailed', { file: s.file.name }), detail: 'Unexpected import result.' });
          return;
        }
        const summary = parsed.data;
        // A cancel that came after the import had committed: the data is in, and the summary says so.
        setStage({ kind: 'summary', file: s.file, summary, savedPreset: savedPresetRef.current, cancelTooLate: s.cancelling });
        if (!summary.nothingChanged) onImportedRef.current();
        void refreshImports();
        if (savedPresetRef.current) void refreshPresets();
      } else if (job.state === 'cancelled') {
        setStage({ kind: 'cancelled', file: s.file, reports: null });
        void api
          .getWorkspaceInfo({})
          .then((info) => setStage((cur) => (cur.kind === 'cancelled' && cur.file === s.file ? { ...cur, reports: info.reports } : cur)))
          .catch(() => {});
      } else {
        setStage({ kind: 'error', file: s.file, title: t('importFailed', { file: s.file.name }), detail: job.errorMsg ? tm(job.errorMsg) : job.error ?? job.message });
      }
    };
    const off = getClient().onEvent((e) => {
      if (e.type === 'job') onJob(e.job);
    });
    const poll = async () => {
      try {
        onJob(await api.getJob({ jobId }));
      } catch {
        /* next tick */
      }
    };
    void poll();
    const timer = window.setInterval(() => void poll(), 1000);
    return () => {
      finished = true;
      off();
      window.clearInterval(timer);
    };
  }, [jobId, api, t, refreshImports, refreshPresets]);

  const cancelImport = async () => {
    const s = stageRef.current;
    if (s.kind !== 'importing' || !s.jobId) return;
    setStage({ ...s, cancelling: true });
    try {
      await api.cancelJob({ jobId: s.jobId });
    } catch {
      /* the job may have just finished; tracking shows the outcome */
    }
  };

  // ---------------------------------------------------------------- keyboard: Esc closes, Enter confirms
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      const s = stageRef.current;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        // Esc closes the innermost thing: on a dropdown or a text field it only leaves that control (issue 15)
        if (target && (target.tagName === 'SELECT' || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) {
          target.blur();
          return;
        }
        if (s.kind === 'mapping') next();
        else if (s.kind === 'uploading') uploadAbort.current?.abort();
        else onClose();
        return;
      }
      if (e.key === 'Enter' && (!target || target === document.body)) {
        // nothing focused: Enter presses the step's primary button
        const btn = primaryBtn.current ?? (document.querySelector('[data-testid="import-start"]') as HTMLButtonElement | null);
        if (btn && !btn.disabled) {
          e.preventDefault();
          btn.click();
        }
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [next, onClose]);

  useEffect(() => {
    primaryBtn.current?.focus();
  }, [stage.kind]);

  const openQuarantine = (importId: number | null) => {
    setQuarantineImport(importId);
    setTab('quarantine');
    void refreshImports();
  };

  const queueNote = batchSize > 1 ? t('fileOf', { i: batchIndex, n: batchSize }) : null;
  const nextFile = queue[0];
  const afterButtons = (
    <div className="imp-actions">
      {nextFile ? (
        <button type="button" ref={primaryBtn} className="imp-primary" data-testid="import-next" onClick={next}>
          {t('nextFile', { file: nextFile.name })}
        </button>
      ) : (
        <>
          <button type="button" onClick={() => fileInput.current?.click()}>
            {t('chooseFiles')}
          </button>
          <button type="button" ref={primaryBtn} className="imp-primary" data-testid="import-done" onClick={next}>
            {t('done')}
          </button>
        </>
      )}
    </div>
  );

  // ---------------------------------------------------------------- render
  return (
    <div className="imp-root" data-testid="import-view" lang={lang}>
      <header className="imp-header">
        <h1>{t('title')}</h1>
        <nav className="imp-tabs" role="tablist">
          {(['import', 'quarantine', 'history'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={tab === k ? 'on' : ''}
              data-testid={`import-tab-${k}`}
              onClick={() => (k === 'quarantine' ? openQuarantine(quarantineImport) : (setTab(k), k === 'history' && void refreshImports()))}
            >
              {t(k === 'import' ? 'tabImport' : k === 'quarantine' ? 'tabQuarantine' : 'tabHistory')}
            </button>
          ))}
        </nav>
        <span className="grow" />
        <button type="button" className="imp-close" data-testid="import-close" onClick={onClose} title={t('closeHint')} aria-label={t('closeHint')}>
          ✕ {t('close')}
        </button>
      </header>

      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        data-testid="import-file-input"
        accept=".csv,.tsv,.txt,.xlsx,.geojson,.json,text/csv,application/json,application/geo+json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          addFiles(files);
        }}
      />

      <div className="imp-body">
        {tab === 'import' && (
          <>
            {queue.length > 0 && (
              <div className="imp-queue" data-testid="import-queue">
                <strong>{t('queue')}:</strong>{' '}
                {queue.map((f, i) => (
                  <span key={i} className="imp-queue-item">
                    {f.name} <span className="muted">({t('queued')})</span>
                  </span>
                ))}
              </div>
            )}

            {stage.kind === 'idle' && (
              <div
                className="imp-dropzone"
                data-testid="import-dropzone"
                role="button"
                tabIndex={0}
                onClick={() => fileInput.current?.click()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    fileInput.current?.click();
                  }
                }}
              >
                <div className="imp-drop-icon">⇩</div>
                <div className="imp-drop-title">{t('dropTitle')}</div>
                <div className="muted">{t('dropOr')}</div>
                <button type="button" ref={primaryBtn} className="imp-primary" data-testid="import-choose" onClick={(e) => (e.stopPropagation(), fileInput.current?.click())}>
                  {t('chooseFiles')}
                </button>
                <div className="muted small imp-formats">{t('dropFormats')}</div>
              </div>
            )}

            {stage.kind === 'uploading' && (
              <div className="imp-card" data-testid="import-uploading">
                <div className="imp-card-head">
                  <h2>
                    {t('uploading')}: {stage.file.name}
                  </h2>
                  {queueNote && <span className="muted">{queueNote}</span>}
                </div>
                <progress className="imp-progress" max={stage.total || 1} value={stage.sent} />
                <div className="imp-progress-line">
                  <span>{t('uploadingDetail', { done: formatBytes(stage.sent, lang), total: formatBytes(stage.total, lang) })}</span>
                  <span className="grow" />
                  <button type="button" onClick={() => uploadAbort.current?.abort()}>
                    {t('cancelUpload')}
                  </button>
                </div>
              </div>
            )}

            {stage.kind === 'inspecting' && (
              <div className="imp-card" data-testid="import-inspecting">
                <div className="imp-card-head">
                  <h2>{stage.file.name}</h2>
                  {queueNote && <span className="muted">{queueNote}</span>}
                </div>
                <progress className="imp-progress" />
                <div className="muted">{t('reading')}</div>
              </div>
            )}

            {stage.kind === 'mapping' && (
              <>
                {presetNote && <div className="imp-note">{presetNote}</div>}
                <MappingDialog
                  fileName={stage.file.name}
                  inspection={stage.inspection}
                  presets={presets}
                  busy={stage.busy}
                  queueNote={queueNote}
                  provenanceSuggestions={[...new Set(imports.map((i) => i.provenance).filter((p): p is string => !!p))].slice(0, 20)}
                  onReinspect={(o, p) => void reinspect(o, p)}
                  onStart={(r) => void start(r)}
                  onCancel={next}
                  onDeletePreset={(name) =>
                    void api
                      .deleteMappingPreset({ name })
                      .then(() => {
                        setPresetNote(t('presetDeleted', { name }));
                        return refreshPresets();
                      })
                      .catch((e) => setPresetNote(`${t('error')}: ${errMessage(e, tm)}`))
                  }
                />
              </>
            )}

            {stage.kind === 'importing' && (
              <div className="imp-card" data-testid="import-progress" aria-live="polite">
                <div className="imp-card-head">
                  <h2>{t('importing', { file: stage.file.name })}</h2>
                  {queueNote && <span className="muted">{queueNote}</span>}
                </div>
                <progress className="imp-progress" max={1} value={stage.jobId ? stage.progress : undefined} />
                <div className="imp-progress-line">
                  <strong>{Math.round(stage.progress * 100)}%</strong>
                  {!stage.jobId ? (
                    <span className="muted">{t('startingImport')}</span>
                  ) : stage.message === 'indexing' ? (
                    <span className="muted">{t('indexing')}</span>
                  ) : jobWaitMsg(stage.message) ? (
                    <span className="muted" data-testid="import-waiting">{tm(jobWaitMsg(stage.message)!)}</span>
                  ) : (
                    <>
                      {stage.rows > 0 && <span data-testid="import-rows">{t('rowsDone', { rows: rows(stage.rows) })}</span>}
                      {stage.rate > 0 && <span>{t('rowsPerSec', { rate: n(Math.round(stage.rate)) })}</span>}
                      <span className="muted">{stage.etaSec != null ? t('eta', { eta: formatDuration(stage.etaSec, lang) }) : t('etaUnknown')}</span>
                    </>
                  )}
                  <span className="grow" />
                  <button type="button" ref={primaryBtn} data-testid="import-cancel" disabled={!stage.jobId || stage.cancelling} onClick={() => void cancelImport()}>
                    {stage.cancelling ? t('cancelling') : t('cancelImport')}
                  </button>
                </div>
              </div>
            )}

            {stage.kind === 'cancelled' && (
              <div className="imp-card" data-testid="import-cancelled">
                <div className="imp-card-head">
                  <h2>{t('cancelledTitle')}</h2>
                </div>
                <div className="imp-note info big">
                  {t('cancelledText', { file: stage.file.name })}
                  {stage.reports != null && <div data-testid="import-cancelled-reports" data-count={stage.reports}>{t('reportsNow', { n: n(stage.reports) })}</div>}
                </div>
                {afterButtons}
              </div>
            )}

            {stage.kind === 'summary' && (
              <div className="imp-card">
                <div className="imp-card-head">
                  <h2>{t('summaryTitle', { file: stage.summary.fileName })}</h2>
                  {queueNote && <span className="muted">{queueNote}</span>}
                </div>
                {stage.cancelTooLate && (
                  <div className="imp-note warn" role="status" data-testid="import-cancel-too-late">
                    {t('cancelTooLate')}
                  </div>
                )}
                <SummaryPanel summary={stage.summary} savedPreset={stage.savedPreset} onOpenQuarantine={(id) => openQuarantine(id)} />
                {afterButtons}
              </div>
            )}

            {stage.kind === 'error' && (
              <div className="imp-card" data-testid="import-error">
                <div className="imp-error" role="alert">
                  <strong data-testid="import-error-title">{stage.title}</strong>
                  <div className="imp-error-detail">
                    {t('details')}: {stage.detail}
                  </div>
                </div>
                {nextFile ? (
                  afterButtons
                ) : (
                  <div className="imp-actions">
                    <button type="button" onClick={next}>
                      {t('close')}
                    </button>
                    <button type="button" ref={primaryBtn} className="imp-primary" data-testid="import-try-again" onClick={() => (next(), fileInput.current?.click())}>
                      {t('tryAgain')}
                    </button>
                  </div>
                )}
              </div>
            )}
          </>
        )}

        {tab === 'quarantine' && <QuarantinePanel imports={imports} importId={quarantineImport} onImportId={setQuarantineImport} />}
        {tab === 'history' && (
          <HistoryPanel
            imports={imports}
            onQuarantine={(id) => openQuarantine(id)}
            onUndone={() => {
              void refreshImports();
              onImportedRef.current();
            }}
          />
        )}
      </div>
      {dragging && <DropOverlay />}
    </div>
  );
}

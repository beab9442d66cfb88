/**
 * The analysis panel: choose a method and its parameters (automatic values shown, overridable), run it on
 * the map's CURRENT filter as a backend job (progress, cancel), list the analyses stored in the workspace
 * (name, method, date, filter in words, parameters, result), show one on the map, delete. Also draws the
 * tooltip of the analysis layer under the pointer.
 *
 * Speaks only the contract: runAnalysis / getJob / cancelJob / listJobs + job events, listAnalyses,
 * getAnalysis, deleteAnalysis, get/setSetting (`map.analysis` remembers what the map shows).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { DistrictSummary, JobState, MethodOutput } from '../../shared/contract';
import { hotspotHoursMsg, hotspotSinceMsg, hotspotRuleText } from '../../shared/hotspotText';
import type { ReportColumns } from '../../shared/columns';
import { formatWarsaw } from '../../core/domain/time';
import { describeFilter, toReportFilter, type FilterState } from '../data/filter';
import { analysisTooltip, type AnalysisView, type GiResultView, type HotspotView } from '../map/analysisLayers';
import { ANALYSIS_SETTING, isMapMethod, loadViews, MAP_METHODS, type MapMethod } from '../map/analysisSource';
import { useAnalysisI18n } from './useAnalysisI18n';
import type { AnalysisMessageKey } from './messages';
import {
  autoPreview, buildQualityRequest, buildRequest, DEFAULT_FORM, DEFAULTS, describeStoredParams, explainAnalysisError, fromReportFilter, LIMITS, PREVIEW_MAX_POINTS, projectSelected,
  summaryMessage, type AnalysisForm, type NumericField, type Problem,
} from './logic';
import { KnoxTable, QualityTable, TABLE_METHODS } from './ValidationTables';
import './analysis.css';

interface Props {
  open: boolean;
  onClose(): void;
  /** The map's current filter: analyses run on it. */
  filter: FilterState;
  districts: DistrictSummary[];
  /** What the map shows now, and how to change it. */
  views: AnalysisView[];
  onViews(views: AnalysisView[]): void;
  hover: PickingInfo | null;
  /** Loaded report columns and the current filter's mask, for the preview of automatic parameters. */
  columns: ReportColumns | null;
  mask: Uint8Array | null;
  /** Is the "Analysis results" layer switched on? */
  layerVisible: boolean;
  /** A hotspot of the ranked list was chosen: zoom to it and open its reports. */
  onHotspot?(h: HotspotView, view: GiResultView): void;
}

type Listed = MethodOutput<'listAnalyses'>[number];
type StoredAnalysis = MethodOutput<'getAnalysis'>;
type Run = { jobId: string | null; progress: number; message: string; cancelling: boolean };

const FIELD_LABEL: Partial<Record<NumericField, AnalysisMessageKey>> = {
  cellSize: 'cellSize', distanceBand: 'distanceBand', eps: 'eps', minPoints: 'minPoints', timeWindowDays: 'timeWindowDays', radius: 'radius', gridCells: 'gridCells',
};

const FORM_KEY = 'rejon.analysisForm';
function loadForm(): AnalysisForm {
  try {
    const raw = JSON.parse(localStorage.getItem(FORM_KEY) ?? 'null') as Partial<AnalysisForm> | null;
    if (!raw || typeof raw !== 'object') return DEFAULT_FORM;
    const f = { ...DEFAULT_FORM };
    for (const k of Object.keys(DEFAULT_FORM) as (keyof AnalysisForm)[]) if (typeof raw[k] === typeof DEFAULT_FORM[k]) (f as Record<string, unknown>)[k] = raw[k];
    if (!isMapMethod(f.method)) f.method = 'gistar';
    if (!['hex', 'square', 'beats'].includes(f.aggregation)) f.aggregation = 'hex';
    if (f.step !== 'week') f.step = 'month';
    if (f.band !== 'auto-isa') f.band = 'place';
    return f;
  } catch {
    return DEFAULT_FORM;
  }
}

export function AnalysisPanel({ open, onClose, filter, districts, views, onViews, hover, columns, mask, layerVisible, onHotspot }: Props) {
  const client = getClient();
  const api = client.api;
  const { t, n, lang } = useAnalysisI18n();
  const shared = useI18n();
  const tm = shared.tm;
  const [table, setTable] = useState<StoredAnalysis | null>(null);
  const fieldLabel = (f: NumericField) =>
    FIELD_LABEL[f] ? t(FIELD_LABEL[f]!) : f === 'minReports' ? tm('hotspots.panel.minReports') : f === 'trainDays' ? tm('hotspots.panel.quality.trainDays') : tm('hotspots.panel.quality.testDays');
  const [form, setForm] = useState<AnalysisForm>(loadForm);
  const [list, setList] = useState<Listed[] | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [confirmId, setConfirmId] = useState<number | null>(null);
  const [preview, setPreview] = useState<{ key: string; cellSize?: number; cellSizeRule?: string; radius?: number } | null>(null);
  const [name, setName] = useState('');

  const patch = (p: Partial<AnalysisForm>) => {
    setProblem(null);
    setForm((f) => {
      const next = { ...f, ...p };
      localStorage.setItem(FORM_KEY, JSON.stringify(next));
      return next;
    });
  };

  const shownIds = useMemo(() => new Set(views.map((v) => v.analysisId)), [views]);
  const districtName = useCallback((id: number) => (id === 0 ? shared.t('outsideBeats') : districts.find((d) => d.id === id)?.name ?? `#${id}`), [districts, shared]);
  const words = useCallback((f: FilterState) => describeFilter(f, { lang, districtName, formatDate: (ms) => formatWarsaw(ms, false) }), [lang, districtName]);

  // ---- saved analyses ----
  const refreshList = useCallback(async () => {
    try {
      setList(await api.listAnalyses({}));
    } catch {
      /* keep the old list; the next action refreshes it */
    }
  }, [api]);
  useEffect(() => {
    if (open) void refreshList();
  }, [open, refreshList]);

  const viewsRef = useRef(views);
  viewsRef.current = views;
  const persistShown = useCallback((ids: number[]) => void api.setSetting({ key: ANALYSIS_SETTING, value: { shown: ids } }).catch(() => undefined), [api]);

  const show = useCallback(async (id: number) => {
    setBusyId(id);
    setProblem(null);
    try {
      const v = await loadViews(client, [id]);
      onViews(v);
      persistShown(v.map((x) => x.analysisId));
      return v[0] ?? null;
    } catch (e) {
      setProblem(explainAnalysisError((e as Error).message));
      return null;
    } finally {
      setBusyId(null);
    }
  }, [client, onViews, persistShown]);

  const hide = useCallback((id: number) => {
    const rest = viewsRef.current.filter((v) => v.analysisId !== id);
    onViews(rest);
    persistShown(rest.map((v) => v.analysisId));
  }, [onViews, persistShown]);

  const remove = useCallback(async (id: number) => {
    setConfirmId(null);
    setBusyId(id);
    try {
      await api.deleteAnalysis({ id });
      if (viewsRef.current.some((v) => v.analysisId === id)) hide(id);
      await refreshList();
    } catch (e) {
      setProblem(explainAnalysisError((e as Error).message));
    } finally {
      setBusyId(null);
    }
  }, [api, hide, refreshList]);

  // analyses stored elsewhere (another window, the CLI) appear in the list; a workspace change (another
  // file) may remove analyses that are shown
  useEffect(
    () =>
      client.onEvent((e) => {
        if (e.type === 'job' && e.job.kind === 'analysis' && e.job.state === 'done') void refreshList();
        if (e.type !== 'workspace-changed') return;
        void api.listAnalyses({}).then((l) => {
          setList(l);
          const ids = new Set(l.map((x) => x.id));
          const keep = viewsRef.current.filter((v) => ids.has(v.analysisId));
          if (keep.length !== viewsRef.current.length) onViews(keep);
        }).catch(() => undefined);
      }),
    [client, api, onViews, refreshList],
  );

  // ---- running ----
  // each run's default name: its method and the filter in words (period included), shown as the placeholder
  const defaultTitle = `${t(`short_${form.method}` as AnalysisMessageKey)} · ${words(filter)}`;
  // a name typed for one method is not reused for another
  useEffect(() => setName(''), [form.method]);
  const start = async () => {
    setProblem(null);
    setNotice(null);
    const built = buildRequest(form);
    if ('problem' in built) {
      setProblem(built.problem);
      return;
    }
    const title = (name.trim() || defaultTitle).slice(0, 200);
    setRun({ jobId: null, progress: 0, message: '', cancelling: false });
    try {
      const { jobId } = await api.runAnalysis({ request: built.request, filter: toReportFilter(filter), name: title });
      setRun((r) => (r ? { ...r, jobId } : r));
      setName(''); // a typed name belongs to this run only: the next run gets its own default (issue 15)
    } catch (e) {
      setRun(null);
      setProblem(explainAnalysisError((e as Error).message));
    }
  };

  /** Run the validation table (hit rate / PAI) or the Knox test on the current filter; the result is a table. */
  const startTable = async (kind: 'quality' | 'knox') => {
    setProblem(null);
    setNotice(null);
    let request: import('../../shared/contract/analysis').AnalysisRequest;
    if (kind === 'quality') {
      const built = buildQualityRequest(form);
      if ('problem' in built) {
        setProblem(built.problem);
        return;
      }
      request = built.request;
    } else request = { method: 'knox' };
    const title = `${t(`short_${kind}` as AnalysisMessageKey)} · ${words(filter)}`.slice(0, 200);
    setRun({ jobId: null, progress: 0, message: '', cancelling: false });
    try {
      const { jobId } = await api.runAnalysis({ request, filter: toReportFilter(filter), name: title });
      setRun((r) => (r ? { ...r, jobId } : r));
    } catch (e) {
      setRun(null);
      setProblem(explainAnalysisError((e as Error).message));
    }
  };
  const showTable = useCallback(async (id: number) => {
    setBusyId(id);
    try {
      setTable(await api.getAnalysis({ id }));
    } catch (e) {
      setProblem(explainAnalysisError((e as Error).message));
    } finally {
      setBusyId(null);
    }
  }, [api]);

  // adopt an analysis job that is already running (panel re-mounted, page reloaded)
  useEffect(() => {
    void api.listJobs({}).then((jobs) => {
      const j = jobs.find((x) => x.kind === 'analysis' && x.state === 'running');
      if (j) setRun((r) => r ?? { jobId: j.id, progress: j.progress, message: j.message, cancelling: false });
    }).catch(() => undefined);
  }, [api]);

  const jobId = run?.jobId ?? null;
  useEffect(() => {
    if (!jobId) return;
    let finished = false;
    const onJob = (job: JobState) => {
      if (finished || job.id !== jobId) return;
      if (job.state === 'running') {
        setRun((r) => (r && r.jobId === jobId ? { ...r, progress: job.progress, message: job.message } : r));
        return;
      }
      finished = true;
      setRun(null);
      if (job.state === 'done') {
        const res = job.result as { analysisId?: unknown; method?: unknown } | null;
        const id = res?.analysisId;
        void refreshList();
        if (typeof id === 'number' && TABLE_METHODS.includes(res?.method as string)) void showTable(id);
        else if (typeof id === 'number') void show(id).then((v) => v && setNotice(t('finished', { name: v.name })));
      } else if (job.state === 'cancelled') setNotice(t('cancelled'));
      else setProblem(explainAnalysisError(job.error ?? job.message));
    };
    const off = client.onEvent((e) => {
      if (e.type === 'job') onJob(e.job);
    });
    // polling as a fallback for a missed event (e.g. the job ended before we listened)
    const timer = setInterval(() => void api.getJob({ jobId }).then(onJob).catch(() => undefined), 1500);
    return () => {
      finished = true;
      off();
      clearInterval(timer);
    };
  }, [jobId, api, client, refreshList, show, showTable, t]);

  const cancel = async () => {
    if (!run?.jobId) return;
    setRun({ ...run, cancelling: true });
    try {
      await api.cancelJob({ jobId: run.jobId });
    } catch {
      /* it may have just finished; tracking shows the outcome */
    }
  };

  // ---- preview of the automatic parameters on the current filter ----
  const needsPreview = open && columns != null && ((form.method === 'gistar' && form.aggregation !== 'beats') || form.method === 'emerging' || form.method === 'kde');
  const previewKey = `${form.method}|${form.aggregation}|${form.band}|${JSON.stringify(filter)}|${columns?.count ?? 0}`;
  const selectedCount = useMemo(() => {
    if (!columns) return 0;
    if (!mask) return columns.count;
    let c = 0;
    for (let i = 0; i < mask.length; i++) c += mask[i];
    return c;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [columns, mask, previewKey]);
  useEffect(() => {
    if (!needsPreview || !columns || selectedCount > PREVIEW_MAX_POINTS) return;
    const timer = setTimeout(() => {
      const pts = projectSelected(columns, mask);
      setPreview({ key: previewKey, ...autoPreview(pts, form.method, form.aggregation, form.band) });
    }, 350);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [needsPreview, previewKey, selectedCount]);
  const pv = preview?.key === previewKey ? preview : null;
  const autoText = (v: number | undefined) =>
    selectedCount > PREVIEW_MAX_POINTS ? t('autoLater') : v != null ? t('autoValue', { value: `${n(v)} m` }) : pv ? t('autoLater') : t('autoComputing');

  // ---- tooltip of the analysis object under the pointer ----
  const tip = hover?.layer && /^(gistar|emerging|dbscan)-\d+$/.test(hover.layer.id) && hover.object ? analysisTooltip(hover.layer.id, hover.object, lang) : null;

  const problemText = problem ? (problem.msg ? tm(problem.msg) : t(problem.key as AnalysisMessageKey, problem.field ? { ...problem.params, field: fieldLabel(problem.field) } : problem.params)) : null;
  const shownGi = views.find((v): v is GiResultView => v.kind === 'gistar') ?? null;
  const numberInput = (field: NumericField, value: string, placeholder: string, onChange: (v: string) => void, disabled = false) => (
    <input
      type="text"
      inputMode="decimal"
      className={problem?.field === field ? 'an-invalid' : ''}
      data-testid={`analysis-${field}`}
      value={value}
      placeholder={placeholder}
      disabled={disabled || run != null}
      title={`${LIMITS[field][0]}–${LIMITS[field][1]}`}
      onChange={(e) => onChange(e.target.value)}
    />
  );

  return (
    <>
      {tip && (
        <div className="tooltip" style={{ left: hover!.x + 12, top: hover!.y + 12 }} data-testid="analysis-tooltip">
          <div><strong>{tip[0]}</strong></div>
          {tip.slice(1).map((line, i) => <div key={i} className={i === 0 ? '' : 'muted'}>{line}</div>)}
        </div>
      )}
      {open && (
        <div className="panel an-panel" data-testid="analysis-panel">
          <div className="an-head">
            <span className="panel-title">{t('title')}</span>
            <button type="button" className="an-x" aria-label={t('close')} title={t('close')} onClick={onClose}>×</button>
          </div>

          <section className="an-new">
            <div className="panel-sub">{t('newAnalysis')}</div>
            <label className="an-row an-wide">
              <span>{t('method')}</span>
              <select data-testid="analysis-method" value={form.method} disabled={run != null} onChange={(e) => patch({ method: e.target.value as MapMethod })}>
                {MAP_METHODS.map((m) => <option key={m} value={m}>{t(`method_${m}` as AnalysisMessageKey)}</option>)}
              </select>
            </label>
            <div className="muted small an-help">{t(`help_${form.method}` as AnalysisMessageKey)}</div>

            {form.method === 'gistar' && (
              <>
                {form.aggregation !== 'beats' && (
                  <>
                    <label className="an-row an-wide">
                      <span>{tm('hotspots.panel.band')}</span>
                      <select data-testid="analysis-band" value={form.band} disabled={run != null} onChange={(e) => patch({ band: e.target.value === 'auto-isa' ? 'auto-isa' : 'place' })}>
                        <option value="place">{tm('hotspots.panel.band.place')}</option>
                        <option value="auto-isa">{tm('hotspots.panel.band.isa')}</option>
                      </select>
                    </label>
                    <div className="muted small an-help" data-testid="analysis-band-help">{form.band === 'place' ? tm('hotspots.panel.band.help.place') : tm('hotspots.panel.band.help.isa')}</div>
                  </>
                )}
                <label className="an-row">
                  <span>{t('aggregation')}</span>
                  <select data-testid="analysis-aggregation" value={form.aggregation} disabled={run != null} onChange={(e) => patch({ aggregation: e.target.value as AnalysisForm['aggregation'] })}>
                    <option value="hex">{t('agg_hex')}</option>
                    <option value="square">{t('agg_square')}</option>
                    <option value="beats">{t('agg_beats')}</option>
                  </select>
                </label>
                {form.aggregation !== 'beats' && (
                  <label className="an-row" title={form.band === 'place' ? tm('hotspots.panel.rule.cell') : t('ruleCell', { max: n(50_000) })}>
                    <span>{t('cellSize')} <span className="muted small">({t(form.aggregation === 'square' ? 'cellSizeSquareNote' : 'cellSizeHexNote')})</span></span>
                    {numberInput('cellSize', form.cellSize, autoText(pv?.cellSize), (v) => patch({ cellSize: v }))}
                  </label>
                )}
                <label className="an-row" title={form.band === 'place' && form.aggregation !== 'beats' ? tm('hotspots.panel.rule.band') : t('ruleBand')}>
                  <span>{t('distanceBand')}</span>
                  {numberInput('distanceBand', form.distanceBand, t('auto'), (v) => patch({ distanceBand: v }))}
                </label>
                <label className="an-row">
                  <span>{tm('hotspots.panel.minReports')}</span>
                  {numberInput('minReports', form.minReports, t('ruleDefault', { value: DEFAULTS.minReports }), (v) => patch({ minReports: v }))}
                </label>
                <label className="check an-check">
                  <input type="checkbox" data-testid="analysis-fdr" checked={form.fdr} disabled={run != null} onChange={(e) => patch({ fdr: e.target.checked })} />
                  {t('fdr')}
                </label>
              </>
            )}

            {form.method === 'dbscan' && (
              <>
                <label className="an-row">
                  <span>{t('eps')}</span>
                  {numberInput('eps', form.eps, t('ruleDefault', { value: DEFAULTS.eps }), (v) => patch({ eps: v }))}
                </label>
                <label className="an-row">
                  <span>{t('minPoints')}</span>
                  {numberInput('minPoints', form.minPoints, t('ruleDefault', { value: DEFAULTS.minPoints }), (v) => patch({ minPoints: v }))}
                </label>
                <label className="check an-check">
                  <input type="checkbox" data-testid="analysis-time-window" checked={form.timeWindow} disabled={run != null} onChange={(e) => patch({ timeWindow: e.target.checked })} />
                  {t('timeWindow')}
                </label>
                {form.timeWindow && (
                  <label className="an-row">
                    <span>{t('timeWindowDays')}</span>
                    {numberInput('timeWindowDays', form.timeWindowDays, t('ruleDefault', { value: DEFAULTS.timeWindowDays }), (v) => patch({ timeWindowDays: v }))}
                  </label>
                )}
              </>
            )}

            {form.method === 'kde' && (
              <>
                <label className="an-row" title={t('ruleRadius')}>
                  <span>{t('radius')}</span>
                  {numberInput('radius', form.radius, autoText(pv?.radius), (v) => patch({ radius: v }))}
                </label>
                <label className="an-row">
                  <span>{t('gridCells')}</span>
                  {numberInput('gridCells', form.gridCells, t('ruleDefault', { value: DEFAULTS.gridCells }), (v) => patch({ gridCells: v }))}
                </label>
              </>
            )}

            {form.method === 'emerging' && (
              <>
                <label className="an-row">
                  <span>{t('step')}</span>
                  <select data-testid="analysis-step" value={form.step} disabled={run != null} onChange={(e) => patch({ step: e.target.value === 'week' ? 'week' : 'month' })}>
                    <option value="month">{t('step_month')}</option>
                    <option value="week">{t('step_week')}</option>
                  </select>
                </label>
                <label className="an-row" title={t('ruleCell', { max: n(20_000) })}>
                  <span>{t('cellSize')} <span className="muted small">({t('cellSizeHexNote')})</span></span>
                  {numberInput('cellSize', form.cellSize, autoText(pv?.cellSize), (v) => patch({ cellSize: v }))}
                </label>
                <label className="an-row" title={t('ruleBand')}>
                  <span>{t('distanceBand')}</span>
                  {numberInput('distanceBand', form.distanceBand, t('auto'), (v) => patch({ distanceBand: v }))}
                </label>
              </>
            )}
            {form.method !== 'dbscan' && <div className="muted small an-help">{t('overrideHint')}</div>}

            <label className="an-row">
              <span>{t('name')}</span>
              <input type="text" data-testid="analysis-name" maxLength={200} value={name} placeholder={defaultTitle.slice(0, 200)} title={t('namePlaceholder')} disabled={run != null} onChange={(e) => setName(e.target.value)} />
            </label>
            <div className="an-filter small" data-testid="analysis-filter">
              <strong>{t('onFilter')}:</strong> {words(filter)}
            </div>

            {run ? (
              <div className="an-progress" data-testid="analysis-progress">
                <div className="an-progress-line">
                  <span>{run.jobId ? t('running', { pct: Math.round(run.progress * 100) }) : t('starting')}</span>
                  {run.message === 'loading' || run.message === 'computing' ? <span className="muted small">{t(`stage_${run.message}` as AnalysisMessageKey)}</span> : null}
                </div>
                <progress max={1} value={run.jobId ? run.progress : undefined} />
                <button type="button" data-testid="analysis-cancel" disabled={!run.jobId || run.cancelling} onClick={() => void cancel()}>
                  {run.cancelling ? t('cancelling') : t('cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="primary an-run" data-testid="analysis-run" onClick={() => void start()}>{t('run')}</button>
            )}
            {problemText && (
              <div className="an-error" role="alert" data-testid="analysis-error" data-key={problem!.key}>
                <strong>{t('errTitle')}:</strong> {problemText}
              </div>
            )}
            {notice && <div className="an-notice small" data-testid="analysis-notice">{notice}</div>}
            {!layerVisible && views.length > 0 && <div className="an-notice small">{t('layerHidden')}</div>}
          </section>

          {shownGi && (
            <section className="an-hotspots" data-testid="hotspot-list">
              <div className="panel-sub">{tm('hotspots.panel.list.title', { count: shownGi.hotspots.length })}</div>
              <div className="muted small" data-testid="hotspot-rule">{hotspotRuleText(lang, shownGi.params)}</div>
              {shownGi.hotspots.length === 0 ? (
                <div className="muted small">{tm('hotspots.panel.list.empty', { min: typeof shownGi.params.minReports === 'number' ? shownGi.params.minReports : 5 })}</div>
              ) : (
                <>
                  <div className="muted small">{tm('hotspots.panel.list.order')}</div>
                  <ol className="an-hotspot-list">
                    {shownGi.hotspots.slice(0, 50).map((h) => {
                      const hours = hotspotHoursMsg(h);
                      const since = hotspotSinceMsg(h);
                      return (
                        <li key={h.rank}>
                          <button type="button" data-testid={`hotspot-${h.rank}`} className="an-hotspot" onClick={() => onHotspot?.(h, shownGi)}>
                            <span className="an-rank">{h.rank}</span>
                            <span className="an-hotspot-body">
                              <strong>{h.place ? tm(h.place.label) : (h.beat ?? '?')}</strong>
                              <span className="small">{tm('hotspots.panel.list.reports', { reports: h.reports, confirmed: h.confirmed ?? 0 })}{h.beat && h.place?.name ? ` · ${h.beat}` : ''}</span>
                              <span className="small muted">
                                {hours ? tm('hotspots.panel.list.hours', { hours: tm(hours) }) : ''}{since ? ` · ${tm(since)}` : ''}
                              </span>
                              <span className="small muted">{tm('hotspots.panel.list.core', { radius: Math.round(h.core.radiusM), core: h.core.reports, expected: n(h.core.expected, h.core.expected < 1 ? 2 : 1) })}</span>
                            </span>
                          </button>
                        </li>
                      );
                    })}
                  </ol>
                </>
              )}
            </section>
          )}

          <section className="an-validation" data-testid="validation">
            <div className="panel-sub">{tm('hotspots.panel.validation')}</div>
            <div className="muted small an-help">{tm('hotspots.panel.validation.help')}</div>
            <label className="an-row">
              <span>{tm('hotspots.panel.quality.trainDays')}</span>
              {numberInput('trainDays', form.trainDays, t('ruleDefault', { value: DEFAULTS.trainDays }), (v) => patch({ trainDays: v }))}
            </label>
            <label className="an-row">
              <span>{tm('hotspots.panel.quality.testDays')}</span>
              {numberInput('testDays', form.testDays, t('ruleDefault', { value: DEFAULTS.testDays }), (v) => patch({ testDays: v }))}
            </label>
            <div className="an-actions">
              <button type="button" data-testid="run-quality" disabled={run != null} onClick={() => void startTable('quality')}>{tm('hotspots.panel.quality.run')}</button>
              <button type="button" data-testid="run-knox" disabled={run != null} onClick={() => void startTable('knox')}>{tm('hotspots.panel.knox.run')}</button>
            </div>
            {table?.method === 'quality' && <QualityTable a={table} lang={lang} />}
            {table?.method === 'knox' && <KnoxTable a={table} lang={lang} />}
          </section>

          <section className="an-saved">
            <div className="panel-sub">{t('saved')}{list ? ` (${list.length})` : ''}</div>
            {list && list.length === 0 && <div className="muted small">{t('noSaved')}</div>}
            <ul className="an-list" data-testid="analysis-list">
              {(list ?? []).map((a) => {
                const isShown = shownIds.has(a.id);
                const sm = summaryMessage(a.method, a.summary);
                const reportCount = typeof a.params?.reportCount === 'number' ? a.params.reportCount : null;
                return (
                  <li key={a.id} className={isShown ? 'on' : ''} data-testid={`analysis-item-${a.id}`} data-method={a.method}>
                    <div className="an-item-head">
                      <span className="an-name" title={a.name}>{a.name}</span>
                      {isShown && <span className="an-badge">{t('onMap')}</span>}
                    </div>
                    <div className="small">
                      {isMapMethod(a.method) || a.method === 'knox' || a.method === 'quality' ? t(`method_${a.method}` as AnalysisMessageKey) : a.method} · {formatWarsaw(a.createdAt)}
                      {reportCount != null ? ` · ${t('reportsN', { n: n(reportCount) })}` : ''}
                    </div>
                    <div className="small muted"><strong>{t('filterLabel')}:</strong> {words(fromReportFilter(a.filter))}</div>
                    {a.params && <div className="small muted"><strong>{t('paramsLabel')}:</strong> {describeStoredParams(a.method, a.request ?? {}, a.params, lang)}</div>}
                    {sm && <div className="small muted"><strong>{t('resultLabel')}:</strong> {t(sm.key, Object.fromEntries(Object.entries(sm.params).map(([k, v]) => [k, n(v, k === 'max' ? 1 : 0)])))}</div>}
                    <div className="an-actions">
                      {!isMapMethod(a.method) ? (
                        TABLE_METHODS.includes(a.method) ? (
                          <button type="button" data-testid={`analysis-table-${a.id}`} disabled={busyId != null} onClick={() => void showTable(a.id)}>{tm('hotspots.panel.table.show')}</button>
                        ) : (
                          <span className="muted small">{t('notMapLayer')}</span>
                        )
                      ) : isShown ? (
                        <button type="button" data-testid={`analysis-hide-${a.id}`} onClick={() => hide(a.id)}>{t('hide')}</button>
                      ) : (
                        <button type="button" data-testid={`analysis-show-${a.id}`} disabled={busyId != null} onClick={() => void show(a.id)}>
                          {busyId === a.id ? t('loadingResult') : t('show')}
                        </button>
                      )}
                      {confirmId === a.id ? (
                        <>
                          <span className="small">{t('deleteConfirm')}</span>
                          <button type="button" className="an-danger" data-testid={`analysis-delete-yes-${a.id}`} onClick={() => void remove(a.id)}>{t('deleteYes')}</button>
                          <button type="button" onClick={() => setConfirmId(null)}>{t('deleteNo')}</button>
                        </>
                      ) : (
                        <button type="button" data-testid={`analysis-delete-${a.id}`} disabled={busyId != null} onClick={() => setConfirmId(a.id)}>{t('delete')}</button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      )}
    </>
  );
}

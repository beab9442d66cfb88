/**
 * Briefing composer: scope (whole command or beats), period and comparison period, category/status
 * filters (seeded from the map filter), sections, title, templates saved in the workspace, an on-screen
 * preview of the print pages, PDF / CSV / XLSX / GeoJSON export and the public presentation mode.
 * Talks only to the contract (listDistricts, getWorkspaceInfo, getBriefingData, getPublicBriefingData,
 * exportBriefing, printBriefingPdf, list/save/deleteBriefingTemplate).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { DataAge } from '../components/DataAge';
import type { DistrictSummary, ReportFilterInput, WorkspaceInfo } from '../../shared/contract';
import { BRIEFING_EXPORTS, BRIEFING_SECTIONS, type BriefingTemplate, type PublicBriefingData } from '../../shared/contract/briefing';
import { CATEGORIES } from '../../core/domain/categories';
import { STATUSES } from '../../core/domain/statuses';
import { getClient } from '../api/client';
import { useBriefingI18n } from './i18n';
import { SECTION_LABELS } from './messages';
import { EXPORT_FILES, fileSlug, saveBytes } from './download';
import {
  applyTemplate, buildRequest, formProblems, initialForm, mapFilterRange, publicOptions, templateFromForm, withComparison, withPeriod, type BriefingForm, type CompareMode,
} from './form';
import { translate } from '../../shared/i18n';
import { halfYears, rangeDays, recentPeriod, warsawDay, type PeriodChoice } from './periods';
import { BriefingPages, type PagesData } from './PrintDocument';
import { Presentation } from './Presentation';
import { usePresenting } from './presenting';
import { useI18n } from '../i18n/i18n';
import './briefing.css';

/**
 * Briefing composer and presentation mode. Mounted by App.
 */
export interface BriefingViewProps {
  filter: ReportFilterInput;
  selectedDistrictIds: number[];
  onClose(): void;
}

type Busy = null | 'preview' | 'pdf' | 'presentation' | (typeof BRIEFING_EXPORTS)[number];

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The composer's form per workspace file, kept while the app switches to the map and back (the view is unmounted
 * then). Module state of the renderer: one window, one user.
 */
const keptForms = new Map<string, BriefingForm>();

export function BriefingView({ filter, selectedDistrictIds, onClose }: BriefingViewProps) {
  const tr = useBriefingI18n();
  const { tm } = useI18n();
  const { t, lang } = tr;
  const api = getClient().api;
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [beats, setBeats] = useState<DistrictSummary[]>([]);
  const [form, setForm] = useState<BriefingForm | null>(null);
  const [templates, setTemplates] = useState<BriefingTemplate[]>([]);
  const [templateSel, setTemplateSel] = useState('');
  const [templateName, setTemplateName] = useState('');
  const [preview, setPreview] = useState<{ pages: PagesData; key: string } | null>(null);
  const [presentation, setPresentation] = useState<PublicBriefingData | null>(null);
  const presenting = usePresenting();
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const dataDay = info?.lastReportAt != null ? warsawDay(info.lastReportAt) : warsawDay(Date.now());
  const firstDay = info?.firstReportAt != null ? warsawDay(info.firstReportAt) : dataDay;

  useEffect(() => {
    let cancelled = false;
    void Promise.all([api.getWorkspaceInfo({}), api.listDistricts({})])
      .then(([i, d]) => {
        if (cancelled) return;
        setInfo(i);
        setBeats(d);
        const day = i.lastReportAt != null ? warsawDay(i.lastReportAt) : warsawDay(Date.now());
        const kept = keptForms.get(i.path);
        setForm((f) => f ?? kept ?? initialForm(filter, selectedDistrictIds.filter((id) => d.some((b) => b.id === id)), day));
      })
      .catch((e) => !cancelled && setMessage({ kind: 'error', text: errText(e) }));
    return () => {
      cancelled = true;
    };
    // the form is seeded once from the props at mount
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  useEffect(() => {
    if (form && info) keptForms.set(info.path, form);
  }, [form, info]);

  const refreshTemplates = useCallback(async () => {
    try {
      setTemplates(await api.listBriefingTemplates({}));
    } catch {
      /* templates are optional */
    }
  }, [api]);
  useEffect(() => void refreshTemplates(), [refreshTemplates]);

  const problems = form ? formProblems(form) : [];
  const request = useMemo(() => (form && problems.length === 0 ? buildRequest(form) : null), [form, problems.length]);
  const requestKey = JSON.stringify([request, form?.public ? publicOptions(form) : null]);
  const stale = preview != null && preview.key !== requestKey;

  const run = useCallback(
    async <T,>(what: Exclude<Busy, null>, f: () => Promise<T>): Promise<T | null> => {
      setBusy(what);
      setMessage(null);
      try {
        return await f();
      } catch (e) {
        setMessage({ kind: 'error', text: errText(e) });
        return null;
      } finally {
        setBusy(null);
      }
    },
    [],
  );

  const doPreview = useCallback(async () => {
    if (!form || !request) return;
    const key = requestKey;
    const pages = await run('preview', async (): Promise<PagesData> => {
      if (form.public) return { kind: 'public', data: await api.getPublicBriefingData({ request, options: publicOptions(form) }), sections: request.sections };
      return { kind: 'police', data: await api.getBriefingData({ request }) };
    });
    if (pages) setPreview({ pages, key });
  }, [api, form, request, requestKey, run]);

  const baseName = useCallback(() => {
    if (!form) return 'odprawa';
    const scope = form.scope === 'command' ? 'komenda' : form.districtIds.length === 1 ? beats.find((b) => b.id === form.districtIds[0])?.name ?? 'rejon' : `rejony-${form.districtIds.length}`;
    return `${form.public ? 'publiczne-' : ''}odprawa-${fileSlug(scope)}-${form.from}_${form.to}`;
  }, [form, beats]);

  const doPdf = useCallback(async () => {
    if (!form || !request) return;
    const bytes = await run('pdf', () => api.printBriefingPdf({ request, lang, ...(form.public ? { public: publicOptions(form) } : {}) }));
    if (bytes) {
      const name = `${baseName()}.pdf`;
      saveBytes(bytes, name, 'application/pdf');
      setMessage({ kind: 'ok', text: t('saved', { file: name }) });
    }
  }, [api, form, request, run, baseName, t, lang]);

  const doExport = useCallback(
    async (format: (typeof BRIEFING_EXPORTS)[number]) => {
      if (!form || !request) return;
      const bytes = await run(format, () => api.exportBriefing({ request, format, lang, ...(form.public ? { public: publicOptions(form) } : {}) }));
      if (bytes) {
        const spec = EXPORT_FILES[format];
        const stem = form.public && spec.stem === 'hotspoty' ? 'heksagony' : spec.stem;
        const name = `${baseName()}-${stem}.${spec.ext}`;
        saveBytes(bytes, name, spec.mime);
        setMessage({ kind: 'ok', text: t('saved', { file: name }) });
      }
    },
    [api, form, request, run, baseName, t, lang],
  );

  const doPresentation = useCallback(async () => {
    if (!form || !request) return;
    // PUBLIC by construction: the slides only ever see the public method's aggregates
    const data = await run('presentation', () => api.getPublicBriefingData({ request, options: publicOptions(form) }));
    if (data) {
      if (presenting) presenting.present(data);
      else setPresentation(data);
    }
  }, [api, form, request, run, presenting]);

  const saveTemplate = useCallback(async () => {
    if (!form || !templateName.trim()) return;
    const tpl = templateFromForm(templateName, form);
    try {
      await api.saveBriefingTemplate({ template: tpl });
      setMessage({ kind: 'ok', text: t('templateSaved', { name: tpl.name }) });
      setTemplateSel(tpl.name);
      await refreshTemplates();
    } catch (e) {
      setMessage({ kind: 'error', text: errText(e) });
    }
  }, [api, form, templateName, refreshTemplates, t]);

  const deleteTemplate = useCallback(async () => {
    if (!templateSel || !window.confirm(t('templateDeleteConfirm', { name: templateSel }))) return;
    try {
      await api.deleteBriefingTemplate({ name: templateSel });
      setTemplateSel('');
      await refreshTemplates();
    } catch (e) {
      setMessage({ kind: 'error', text: errText(e) });
    }
  }, [api, templateSel, refreshTemplates, t]);

  const applySelectedTemplate = useCallback(() => {
    const tpl = templates.find((x) => x.name === templateSel);
    if (!tpl || !form) return;
    setForm(applyTemplate(form, tpl, dataDay));
    setTemplateName(tpl.name);
    setMessage({ kind: 'ok', text: t('templateApplied', { name: tpl.name }) });
  }, [templates, templateSel, form, dataDay, t]);

  if (!form) {
    return (
      <div className="brf-root" data-testid="briefing-view">
        <div className="brf-loading">{message ? `${t('error')}: ${message.text}` : t('loading')}</div>
      </div>
    );
  }

  const set = (patch: Partial<BriefingForm>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const halves = halfYears(firstDay, dataDay);
  const mapRange = mapFilterRange(filter);
  const disabled = busy != null || request == null;
  const exportLabel = (f: (typeof BRIEFING_EXPORTS)[number]) => t(form.public ? (`exportPublic.${f}` as const) : (`export.${f}` as const));

  return (
    // keys typed in the composer are the composer's: the map's single-key shortcuts (space, F, L, …) stay out
    <div className="brf-root" data-testid="briefing-view" onKeyDown={(e) => e.stopPropagation()}>
      <header className="brf-header">
        <h1>{t('title')}</h1>
        <div className="brf-actions">
          <button className="brf-primary" data-testid="briefing-preview" disabled={disabled} onClick={() => void doPreview()}>
            {preview ? t('refreshPreview') : t('preview')}
          </button>
          <button data-testid="briefing-pdf" disabled={disabled} onClick={() => void doPdf()}>{t('pdf')}</button>
          <button data-testid="briefing-presentation" disabled={disabled} onClick={() => void doPresentation()} title={t('publicHint')}>
            {t('presentation')}
          </button>
          <span className="brf-sep" />
          <span className="brf-export-label">{t('exports')}:</span>
          {BRIEFING_EXPORTS.map((f) => (
            <button key={f} className="brf-small" data-testid={`briefing-export-${f}`} disabled={disabled} onClick={() => void doExport(f)}>
              {exportLabel(f)}
            </button>
          ))}
        </div>
        <div className="grow" />
        <button className="brf-close" data-testid="briefing-close" onClick={onClose}>{t('close')}</button>
      </header>
      <div className="brf-main">
        <aside className="brf-form" data-testid="briefing-form">
          <section>
            <h4>{t('templates')}</h4>
            <div className="brf-row">
              <select data-testid="template-select" value={templateSel} onChange={(e) => setTemplateSel(e.target.value)}>
                <option value="">{t('templateNone')}</option>
                {templates.map((x) => (
                  <option key={x.name} value={x.name}>{x.name}</option>
                ))}
              </select>
              <button data-testid="template-apply" disabled={!templateSel} onClick={applySelectedTemplate}>{t('templateApply')}</button>
              <button data-testid="template-delete" disabled={!templateSel} onClick={() => void deleteTemplate()}>{t('templateDelete')}</button>
            </div>
            <div className="brf-row">
              <input data-testid="template-name" placeholder={t('templateName')} value={templateName} maxLength={80} onChange={(e) => setTemplateName(e.target.value)} />
              <button data-testid="template-save" disabled={!templateName.trim()} onClick={() => void saveTemplate()}>{t('templateSave')}</button>
            </div>
          </section>

          <section>
            <h4>{t('docTitle')}</h4>
            <input className="brf-wide" data-testid="briefing-title" placeholder={t('docTitlePlaceholder')} value={form.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />
          </section>

          <section>
            <h4>{t('scope')}</h4>
            <label className="brf-check">
              <input type="radio" name="brf-scope" data-testid="scope-command" checked={form.scope === 'command'} onChange={() => set({ scope: 'command' })} /> {t('scopeCommand')}
            </label>
            <label className="brf-check">
              <input type="radio" name="brf-scope" data-testid="scope-beats" checked={form.scope === 'beats'} onChange={() => set({ scope: 'beats' })} /> {t('scopeBeats')}
              {form.scope === 'beats' && <span className="muted"> ({t('beatsSelected', { n: form.districtIds.length })})</span>}
            </label>
            {form.scope === 'beats' && (
              <div className="brf-beats">
                {beats.length === 0 && <div className="muted">{t('noBeats')}</div>}
                {beats.length > 0 && (
                  <div className="brf-row small">
                    <button className="brf-link" onClick={() => set({ districtIds: beats.map((b) => b.id) })}>{t('selectAll')}</button>
                    <button className="brf-link" onClick={() => set({ districtIds: [] })}>{t('selectNone')}</button>
                  </div>
                )}
                {beats.map((b) => (
                  <label key={b.id} className="brf-check">
                    <input
                      type="checkbox"
                      data-testid={`scope-beat-${b.id}`}
                      checked={form.districtIds.includes(b.id)}
                      onChange={(e) => set({ districtIds: e.target.checked ? [...form.districtIds, b.id].sort((x, y) => x - y) : form.districtIds.filter((x) => x !== b.id) })}
                    />
                    {b.name}
                  </label>
                ))}
              </div>
            )}
          </section>

          <section>
            <h4>{t('period')}</h4>
            <DataAge lastReportAt={info?.lastReportAt} />
            <select
              className="brf-wide"
              data-testid="period-select"
              value={form.period}
              onChange={(e) => {
                const v = e.target.value as PeriodChoice | 'map';
                if (v === 'map' && mapRange) setForm(withPeriod(form, 'custom', dataDay, mapRange));
                else setForm(withPeriod(form, v as PeriodChoice, dataDay));
              }}
            >
              <optgroup label={translate(tr.lang, 'briefing.period.recent')}>
                <option value="nextShift">{translate(tr.lang, 'briefing.period.nextShift', { range: (() => { const s = recentPeriod('nextShift', Date.now()).shift!; return `${tr.day(s.day)} ${String(s.startHour).padStart(2, '0')}:00–${String(s.endHour).padStart(2, '0')}:00`; })() })}</option>
                <option value="last24h">{translate(tr.lang, 'briefing.period.last24h')}</option>
                <option value="last7d">{translate(tr.lang, 'briefing.period.last7d')}</option>
              </optgroup>
              <option value="month">{t('presetMonth')}</option>
              <option value="quarter">{t('presetQuarter')}</option>
              <option value="half-year">{t('presetHalf')}</option>
              <option value="year">{t('presetYear')}</option>
              {halves.length > 0 && (
                <optgroup label={t('halfYears')}>
                  {halves.map((h) => (
                    <option key={h.id} value={h.id}>{t(h.half === 1 ? 'half1' : 'half2', { year: h.year })}</option>
                  ))}
                </optgroup>
              )}
              {mapRange && <option value="map">{t('fromMapFilter')} ({tr.day(mapRange.from)} – {tr.day(mapRange.to)})</option>}
              <option value="custom">{t('presetCustom')}</option>
            </select>
            <div className="brf-dates">
              <label>
                {t('from')}
                <input type="date" data-testid="period-from" value={form.from} onChange={(e) => setForm(withComparison({ ...form, period: 'custom', from: e.target.value }, form.compare))} />
              </label>
              <label>
                {t('to')}
                <input type="date" data-testid="period-to" value={form.to} onChange={(e) => setForm(withComparison({ ...form, period: 'custom', to: e.target.value }, form.compare))} />
              </label>
              {form.from <= form.to && <span className="muted small" data-testid="period-days">{t('days', { n: rangeDays({ from: form.from, to: form.to }) })}</span>}
            </div>
            <h4>{t('comparison')}</h4>
            <select className="brf-wide" data-testid="compare-select" value={form.compare} onChange={(e) => setForm(withComparison(form, e.target.value as CompareMode))}>
              <option value="auto">{t('compareAuto')}</option>
              <option value="calendar">{t('compareCalendar')}</option>
              <option value="year">{t('compareYear')}</option>
              <option value="custom">{t('compareCustom')}</option>
            </select>
            <div className="brf-dates">
              <label>
                {t('from')}
                <input type="date" data-testid="compare-from" disabled={form.compare !== 'custom'} value={form.compareFrom} onChange={(e) => set({ compareFrom: e.target.value })} />
              </label>
              <label>
                {t('to')}
                <input type="date" data-testid="compare-to" disabled={form.compare !== 'custom'} value={form.compareTo} onChange={(e) => set({ compareTo: e.target.value })} />
              </label>
            </div>
          </section>

          <section>
            <h4>{t('filters')}</h4>
            {form.public && <div className="brf-note" data-testid="public-filters-note">{tm('public.noFilter')}</div>}
            {!form.public && (<>
            <NameChecklist
              testId="filter-categories"
              title={t('categories')}
              allLabel={t('allCategories')}
              options={CATEGORIES.map((c) => ({ value: c.name, label: lang === 'pl' ? c.name : c.nameEn }))}
              selected={form.categories}
              onChange={(categories) => set({ categories })}
              summary={(n) => t('nSelected', { n })}
            />
            <NameChecklist
              testId="filter-statuses"
              title={t('statuses')}
              allLabel={t('allStatuses')}
              options={STATUSES.map((s) => ({ value: s.name, label: lang === 'pl' ? s.name : s.nameEn }))}
              selected={form.statuses}
              onChange={(statuses) => set({ statuses })}
              summary={(n) => t('nSelected', { n })}
            />
            </>)}
          </section>

          <section>
            <h4>{t('sections')}</h4>
            {BRIEFING_SECTIONS.map((s) => (
              <label key={s} className="brf-check">
                <input type="checkbox" data-testid={`section-${s}`} checked={form.sections[s]} onChange={(e) => set({ sections: { ...form.sections, [s]: e.target.checked } })} />
                {SECTION_LABELS[lang][s]}
              </label>
            ))}
          </section>

          <section className={form.public ? 'brf-public on' : 'brf-public'}>
            <label className="brf-check strong">
              <input type="checkbox" data-testid="briefing-public" checked={form.public} onChange={(e) => set({ public: e.target.checked })} /> {t('publicMode')}
            </label>
            <div className="muted small">{t('publicHint')}</div>
            <div className="brf-row">
              <label>
                {t('threshold')}{' '}
                <input
                  type="number"
                  data-testid="briefing-threshold"
                  min={3}
                  max={100}
                  step={1}
                  value={form.threshold}
                  onChange={(e) => set({ threshold: Math.max(3, Math.min(100, Math.round(Number(e.target.value)) || 3)) })}
                />
              </label>
              <label>
                {t('hexSize')}{' '}
                <input type="number" data-testid="briefing-hexsize" min={250} max={5000} step={50} value={form.hexSize} onChange={(e) => set({ hexSize: Number(e.target.value) || 500 })} onBlur={() => set({ hexSize: publicOptions(form).hexSize })} />
              </label>
            </div>
          </section>
        </aside>

        <div className="brf-preview-area">
          {(message || busy || problems.length > 0 || stale) && (
            <div className="brf-status">
              {busy && <div className="brf-busy" data-testid="briefing-busy">{t('working', { what: busy === 'preview' ? t('preview').toLowerCase() : busy === 'presentation' ? t('presentation').toLowerCase() : busy === 'pdf' ? 'PDF' : exportLabel(busy) })}</div>}
              {problems.map((p) => (
                <div key={p} className="brf-error">{t(p === 'noBeats' ? 'noBeatsSelected' : p)}</div>
              ))}
              {message && (
                <div className={message.kind === 'error' ? 'brf-error' : 'brf-ok'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="briefing-message">
                  {message.kind === 'error' ? `${t('error')}: ` : ''}
                  {message.text}
                </div>
              )}
              {stale && !busy && <div className="brf-stale">{t('previewStale')}</div>}
            </div>
          )}
          {preview ? <PreviewPages pages={preview.pages} /> : <div className="brf-empty">{t('previewEmpty')}</div>}
        </div>
      </div>
      {presentation && <Presentation data={presentation} onExit={() => setPresentation(null)} />}
    </div>
  );
}

/** A4 pages scaled to the width of the preview area. */
function PreviewPages({ pages }: { pages: PagesData }) {
  const { t } = useBriefingI18n();
  const box = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(0.6);
  const [count, setCount] = useState(0);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const fit = () => {
      // a page on screen is 297 mm (paper width) ≈ 1123 CSS px
      setZoom(Math.max(0.3, Math.min(1, (el.clientWidth - 32) / 1123)));
      setCount(el.querySelectorAll('.print-page').length);
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, [pages]);
  return (
    <div className="brf-preview" ref={box} data-testid="briefing-pages" data-pages={count}>
      <div className="brf-page-count">{t('pages', { n: count })}</div>
      <div className="print-doc brf-zoom" style={{ zoom }}>
        <BriefingPages pages={pages} />
      </div>
    </div>
  );
}

function NameChecklist(props: {
  testId: string;
  title: string;
  allLabel: string;
  options: { value: string; label: string }[];
  selected: string[] | null;
  onChange(v: string[] | null): void;
  summary(n: number): string;
}) {
  const { options, selected, onChange } = props;
  const sel = new Set(selected ?? options.map((o) => o.value));
  const toggle = (v: string, on: boolean) => {
    const next = new Set(sel);
    if (on) next.add(v);
    else next.delete(v);
    onChange(options.every((o) => next.has(o.value)) ? null : options.filter((o) => next.has(o.value)).map((o) => o.value));
  };
  return (
    <details className="brf-checklist" data-testid={props.testId}>
      <summary>
        {props.title}: <strong>{selected == null ? props.allLabel.toLowerCase() : props.summary(selected.length)}</strong>
      </summary>
      <label className="brf-check">
        <input type="checkbox" checked={selected == null} onChange={(e) => onChange(e.target.checked ? null : [])} /> {props.allLabel}
      </label>
      {options.map((o) => (
        <label key={o.value} className="brf-check">
          <input type="checkbox" checked={sel.has(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} /> {o.label}
        </label>
      ))}
    </details>
  );
}

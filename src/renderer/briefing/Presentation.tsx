/**
 * Presentation mode for public meetings (debaty społeczne): full-screen slides built ONLY from
 * getPublicBriefingData (aggregates with small counts suppressed). Large type, keyboard navigation
 * (→ / PageDown / space next, ← / PageUp previous, Home / End, Esc asks to end), the PUBLIC badge and the slide
 * number on every slide. The slides are laid out on a 1600 × 900 canvas scaled to the screen.
 */
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState, type ReactNode } from 'react';
import type { PublicBeat, PublicBriefingData } from '../../shared/contract/briefing';
import { CategoryBars, ColumnChart } from './charts';
import { useBriefingI18n } from './i18n';
import { PublicBeatsMap, PublicHexMap } from './maps';
import { periodText } from './PolicePages';
import { PublicBadge, bandItems, countItem, monthItems, sourceText } from './PublicPages';
import { slideKey, slideReducer } from './slides';
import { translator } from '../../shared/i18n';

const W = 1600;
const H = 900;

function SlideShell({ data, index, count, title, children }: { data: PublicBriefingData; index: number; count: number; title: string; children: ReactNode }) {
  const { t } = useBriefingI18n();
  return (
    <div className="slide" data-testid="slide" data-index={index}>
      <header className={title ? 'slide-head' : 'slide-head no-title'}>
        {title && <h1>{title}</h1>}
        <PublicBadge />
      </header>
      <div className="slide-body">{children}</div>
      <footer className="slide-foot">
        <span>{t('suppressionNote', { t: data.threshold })}</span>
        <span className="slide-no" data-testid="slide-number">{t('slide', { i: index + 1, n: count })}</span>
      </footer>
    </div>
  );
}

function TitleSlide({ data }: { data: PublicBriefingData }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const tm = translator(tr.lang);
  return (
    <div className="slide-title">
      <div className="slide-title-main">{data.title}</div>
      <div className="slide-title-period">{periodText(tr, data.period)}</div>
      <div className="slide-title-meta">
        {t('comparisonLong')}: {periodText(tr, data.comparison)}
        <br />
        {t('dataDate')}: {data.dataDate ? tr.day(data.dataDate) : '–'}
      </div>
      <div className="slide-title-source">{sourceText(data, tr.lang)}</div>
      <div className="slide-title-note">{t('publicTitleNote')} {t('hexNote', { n: data.hexSize })} {tm('public.fixedNote')}</div>
    </div>
  );
}

function BigNumber({ value, previous, changePct }: { value: string; previous: string; changePct: number | null }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  return (
    <div className="slide-big">
      <div className="slide-big-label">{t('publicCount')}</div>
      <div className="slide-big-value">{value}</div>
      <div className="slide-big-prev">
        {previous} {t('publicPrevious')}
        {changePct != null && <strong> ({tr.signedPct(changePct)})</strong>}
      </div>
    </div>
  );
}

function OverviewSlide({ data }: { data: PublicBriefingData }) {
  const tr = useBriefingI18n();
  const top = [...data.beats].sort((a, b) => (b.count.value ?? 0) - (a.count.value ?? 0)).slice(0, 8);
  return (
    <div className="slide-split">
      <PublicBeatsMap data={data} width={860} height={700} fontScale={1.6} testId="slide-map" />
      <div className="slide-side">
        <BigNumber value={data.total.count.label} previous={data.total.previousCount.label} changePct={data.total.changePct} />
        <CategoryBars items={top.map((b) => countItem(b.name, b.count, '#5b87bd'))} width={600} fontSize={18} rowHeight={40} nameShare={0.64} />
        <div className="slide-small">{tr.t('beatsN', { n: data.beats.length })}</div>
      </div>
    </div>
  );
}

function BeatSlide({ data, beat }: { data: PublicBriefingData; beat: PublicBeat }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const cats = beat.categories.slice(0, 4).map((c) => countItem(tr.category(c.name), c.count));
  return (
    <div className="slide-split">
      <PublicHexMap data={data} beatId={beat.id} width={860} height={700} fontScale={1.6} testId="slide-map" />
      <div className="slide-side">
        <BigNumber value={beat.count.label} previous={beat.previousCount.label} changePct={beat.changePct} />
        <div className="slide-h">{t('categories')}</div>
        {cats.length ? <CategoryBars items={cats} width={600} fontSize={17} rowHeight={36} nameShare={0.64} /> : <div className="slide-small">{t('noData')}</div>}
        <div className="slide-row">
          <div>
            <div className="slide-h">{t('hourBands')}</div>
            <ColumnChart items={bandItems(tr, beat.hourBands)} width={296} height={190} fontSize={14} />
          </div>
          <div>
            <div className="slide-h">{t('months')}</div>
            <ColumnChart items={monthItems(tr, beat.months)} width={288} height={190} fontSize={14} color="#5b87bd" />
          </div>
        </div>
      </div>
    </div>
  );
}

export interface SlideSpec {
  key: string;
  title: string;
  render(): ReactNode;
}

export function buildSlides(data: PublicBriefingData, t: (k: 'overview' | 'overviewScope') => string, totalScope = t('overviewScope')): SlideSpec[] {
  return [
    { key: 'title', title: '', render: () => <TitleSlide data={data} /> },
    { key: 'overview', title: `${t('overview')} — ${totalScope}`, render: () => <OverviewSlide data={data} /> },
    ...data.beats.map((b) => ({ key: `beat-${b.id}`, title: b.name, render: () => <BeatSlide data={data} beat={b} /> })),
  ];
}

/**
 * Full-screen slides. Leaving is never one key away: Esc, ✕ or the browser leaving full screen only ask
 * (a confirmation with "Back to the slides" focused); onExit is called when the presenter confirms.
 */
export function Presentation({ data, onExit }: { data: PublicBriefingData; onExit(): void }) {
  const tr = useBriefingI18n();
  const tm = translator(tr.lang);
  const [confirming, setConfirming] = useState(false);
  const confirmingRef = useRef(false);
  confirmingRef.current = confirming;
  const slides = buildSlides(data, (k) => tr.t(k), tm('public.totalScope'));
  const [state, dispatch] = useReducer(slideReducer, { index: 0, count: slides.length });
  const root = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  const exit = useRef(onExit);
  exit.current = onExit;

  useEffect(() => dispatch({ type: 'count', count: slides.length }), [slides.length]);

  // full screen on the container; headless browsers and denied requests fall back to the fixed overlay
  useEffect(() => {
    const el = root.current;
    let entered = false;
    if (el?.requestFullscreen) {
      el.requestFullscreen().then(
        () => (entered = true),
        () => undefined,
      );
    }
    const onChange = () => {
      if (entered && !document.fullscreenElement) setConfirming(true);
    };
    document.addEventListener('fullscreenchange', onChange);
    el?.focus();
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  useLayoutEffect(() => {
    const fit = () => {
      const el = root.current;
      if (!el) return;
      setScale(Math.min(el.clientWidth / W, el.clientHeight / H));
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  // capture phase on window: the app's own shortcuts (space = play, F, L, …) never see these keys
  const onKey = useCallback((e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (confirmingRef.current) {
      // the confirmation is the innermost thing: Esc closes it; Enter/Tab work on its buttons
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setConfirming(false);
      }
      return;
    }
    const a = slideKey(e.key, e.shiftKey);
    if (!a) return;
    e.preventDefault();
    e.stopPropagation();
    if (a === 'exit') setConfirming(true);
    else dispatch(a);
  }, []);
  useEffect(() => {
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onKey]);

  const slide = slides[state.index];
  return (
    <div
      className="presentation"
      ref={root}
      tabIndex={-1}
      data-testid="presentation"
      data-slide={state.index}
      data-slides={slides.length}
      onClick={(e) => {
        if (confirmingRef.current || (e.target as HTMLElement).closest('button, [role="alertdialog"]')) return;
        dispatch({ type: e.clientX < window.innerWidth / 3 ? 'prev' : 'next' });
      }}
    >
      <div className="slide-canvas" style={{ width: W, height: H, transform: `translate(-50%, -50%) scale(${scale})` }}>
        {slide && (
          <SlideShell data={data} index={state.index} count={slides.length} title={slide.title}>
            {slide.render()}
          </SlideShell>
        )}
      </div>
      <button className="presentation-exit" data-testid="presentation-exit" onClick={() => setConfirming(true)} title="Esc">
        ✕
      </button>
      <div className="presentation-hint">{tm('public.exit.hint')}</div>
      {confirming && (
        <div className="presentation-confirm" role="alertdialog" aria-modal="true" aria-labelledby="pres-exit-title" data-testid="presentation-exit-confirm">
          <div id="pres-exit-title" className="presentation-confirm-title">{tm('public.exit.title')}</div>
          <p>{tm('public.exit.text')}</p>
          <div className="presentation-confirm-actions">
            <button data-testid="presentation-exit-stay" autoFocus onClick={() => setConfirming(false)}>{tm('public.exit.stay')}</button>
            <button data-testid="presentation-exit-end" className="danger" onClick={() => exit.current()}>{tm('public.exit.confirm')}</button>
          </div>
        </div>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { formatWarsaw } from '../../core/domain/time';
import { useI18n } from '../i18n/i18n';

export type PlayMode = 'moving' | 'cumulative';

interface Props {
  /** Counts per bin over the whole data period (non-time filter applied). */
  histogram: Uint32Array;
  startSec: number;
  binSec: number;
  /** Current period, UTC ms (null ends = data ends). */
  from: number | null;
  to: number | null;
  onWindow(from: number | null, to: number | null): void;
  playing: boolean;
  onPlaying(p: boolean): void;
  mode: PlayMode;
  onMode(m: PlayMode): void;
  /**
   * The number of reports the whole filter passes (the header's count). The window's count is this, not a sum of
   * whole bins: a weekly bin partly in the period would be left out (203 against the header's 249).
   */
  count?: number | null;
}

const H = 84;

/** Histogram timeline with a brushable window and a play button (moving or cumulative window). */
export function Timeline(props: Props) {
  const { t, n, tm } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const bins = props.histogram.length;
  const startMs = props.startSec * 1000;
  const endMs = (props.startSec + bins * props.binSec) * 1000;
  const from = props.from ?? startMs;
  const to = props.to ?? endMs;
  const p = useRef(props);
  p.current = props;

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    // the element itself, not the ref: an observation queued just before the view unmounts (a workspace closed
    // right after it opened) runs with the ref already null
    const ro = new ResizeObserver(() => setWidth(Math.max(200, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const xOf = (ms: number) => ((ms - startMs) / (endMs - startMs)) * width;
  const msOf = (x: number) => startMs + (Math.min(width, Math.max(0, x)) / width) * (endMs - startMs);
  const snap = (ms: number) => startMs + Math.round((ms - startMs) / (props.binSec * 1000)) * props.binSec * 1000;

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(H * dpr);
    const g = c.getContext('2d')!;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, H);
    let max = 1;
    for (let i = 0; i < bins; i++) if (props.histogram[i] > max) max = props.histogram[i];
    const bw = width / bins;
    const x0 = xOf(from);
    const x1 = xOf(to);
    for (let i = 0; i < bins; i++) {
      const v = props.histogram[i];
      if (!v) continue;
      const h = (v / max) * (H - 18);
      const x = i * bw;
      const w = Math.max(1, bw - (bw > 3 ? 1 : 0));
      // a bin partly in the period: grey outside it, blue only for the part inside (shown as partial)
      g.fillStyle = '#b7c0cb';
      g.fillRect(x, H - 14 - h, w, h);
      const a = Math.max(x, x0);
      const b = Math.min(x + w, x1);
      if (b > a) {
        g.fillStyle = '#2f6db5';
        g.fillRect(a, H - 14 - h, Math.max(1, b - a), h);
      }
    }
    // window
    g.fillStyle = 'rgba(47,109,181,0.10)';
    g.fillRect(x0, 0, x1 - x0, H - 14);
    g.strokeStyle = '#1f3a5f';
    g.lineWidth = 2;
    g.strokeRect(x0, 1, x1 - x0, H - 16);
    // year/month ticks
    g.fillStyle = '#4a5563';
    g.font = '10px DejaVu Sans, Arial, sans-serif';
    const d = new Date(startMs);
    let tick = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const monthPx = (30 * 86_400_000 * width) / (endMs - startMs);
    const every = monthPx > 45 ? 1 : monthPx > 22 ? 3 : 6;
    while (tick < endMs) {
      const md = new Date(tick);
      if (md.getUTCMonth() % every === 0) {
        const x = xOf(tick);
        g.fillRect(x, H - 14, 1, 4);
        g.fillText(md.getUTCMonth() === 0 ? String(md.getUTCFullYear()) : `${String(md.getUTCMonth() + 1).padStart(2, '0')}`, x + 2, H - 3);
      }
      tick = Date.UTC(md.getUTCFullYear(), md.getUTCMonth() + 1, 1);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.histogram, from, to, width, bins]);

  // brushing
  const drag = useRef<{ kind: 'new' | 'move' | 'left' | 'right'; x: number; from: number; to: number } | null>(null);
  const onDown = (e: React.PointerEvent) => {
    const x = e.nativeEvent.offsetX;
    const x0 = xOf(from), x1 = xOf(to);
    const kind = Math.abs(x - x0) < 6 ? 'left' : Math.abs(x - x1) < 6 ? 'right' : x > x0 && x < x1 ? 'move' : 'new';
    drag.current = { kind, x, from, to };
    (e.target as Element).setPointerCapture(e.pointerId);
    props.onPlaying(false);
  };
  const onMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const x = e.nativeEvent.offsetX;
    const binMs = props.binSec * 1000;
    let a = d.from, b = d.to;
    if (d.kind === 'new') {
      a = snap(msOf(Math.min(d.x, x)));
      b = snap(msOf(Math.max(d.x, x)));
      if (b - a < binMs) b = a + binMs;
    } else if (d.kind === 'move') {
      const dt = snap(msOf(x)) - snap(msOf(d.x));
      a = d.from + dt;
      b = d.to + dt;
      if (a < startMs) { b += startMs - a; a = startMs; }
      if (b > endMs) { a -= b - endMs; b = endMs; }
    } else if (d.kind === 'left') a = Math.min(snap(msOf(x)), d.to - binMs);
    else b = Math.max(snap(msOf(x)), d.from + binMs);
    p.current.onWindow(a <= startMs && d.kind !== 'move' ? null : a, b >= endMs && d.kind !== 'move' ? null : b);
  };
  const onUp = () => {
    drag.current = null;
  };

  // playback: a fixed-rate timer advances the window (moving) or its end (cumulative)
  useEffect(() => {
    if (!props.playing) return;
    const cur0 = p.current;
    // starting at (or within a bin of) the end rewinds to the beginning
    if ((cur0.to ?? endMs) >= endMs - cur0.binSec * 1000) {
      const w = (cur0.to ?? endMs) - (cur0.from ?? startMs);
      const span = cur0.mode === 'moving' && w < endMs - startMs ? w : (endMs - startMs) / 10;
      cur0.onWindow(startMs, startMs + span);
      p.current = { ...cur0, from: startMs, to: startMs + span };
    }
    const timer = setInterval(() => {
      const cur = p.current;
      const f = cur.from ?? startMs;
      const tt = cur.to ?? endMs;
      if (tt >= endMs) {
        cur.onPlaying(false);
        return;
      }
      const binMs = cur.binSec * 1000;
      const inc = Math.max(binMs, Math.round((tt - f) / 12 / binMs) * binMs);
      const next = cur.mode === 'moving' ? { from: f + inc, to: Math.min(endMs, tt + inc) } : { from: f, to: Math.min(endMs, tt + inc) };
      cur.onWindow(next.from, next.to);
      p.current = { ...cur, ...next };
    }, 150);
    return () => clearInterval(timer);
  }, [props.playing, startMs, endMs]);

  // the window's count: the filter's own count when given; otherwise whole bins in the window plus partial bins
  // (flagged as partial: their share of the window is not known from the histogram)
  let inWindow = 0;
  let partial = false;
  for (let i = 0; i < bins; i++) {
    const s = startMs + i * props.binSec * 1000;
    const e = s + props.binSec * 1000;
    if (s >= from && e <= to) inWindow += props.histogram[i];
    else if (e > from && s < to && props.histogram[i] > 0) partial = true;
  }
  const shownCount = props.count ?? inWindow;

  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline-bar">
        <button className="play" data-testid="play" onClick={() => props.onPlaying(!props.playing)} title={`${props.playing ? t('pause') : t('play')} (spacja)`}>
          {props.playing ? '❚❚' : '▶'}
        </button>
        <select value={props.mode} data-testid="play-mode" onChange={(e) => props.onMode(e.target.value as PlayMode)}>
          <option value="moving">{t('playMoving')}</option>
          <option value="cumulative">{t('playCumulative')}</option>
        </select>
        <span className="timeline-range" data-testid="timeline-range">
          {formatWarsaw(from, false)} – {formatWarsaw(to - 1, false)} · <span data-testid="timeline-count" data-count={shownCount}>{props.count == null && partial ? '≥ ' : ''}{n(shownCount)}</span>
        </span>
        <span className="muted">{props.binSec >= 7 * 86400 ? t('perWeek') : t('perDay')} · {t('timelineHint')}</span>
        {partial && <span className="muted small" data-testid="timeline-partial">{tm('ux.timeline.partial')}</span>}
      </div>
      <div ref={wrap} className="timeline-canvas">
        <canvas ref={canvas} style={{ width, height: H }} data-testid="timeline-canvas" onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp} />
      </div>
    </div>
  );
}

/**
 * Plain-SVG charts of the briefing pages (deterministic, vector, selectable text): category bars,
 * hour × weekday matrix, public hour bands and month trend (suppressed values hatched with their label).
 */
import { useId } from 'react';
import { textBox, truncate } from './geo';
import { useBriefingI18n } from './i18n';
import { MONTHS, WEEKDAYS } from './messages';

export interface BarItem {
  name: string;
  /** null = suppressed (public). */
  value: number | null;
  label: string;
  color?: string;
}

function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
        <rect width={6} height={6} fill="#e4e6e9" />
        <line x1={0} y1={0} x2={0} y2={6} stroke="#9aa1ab" strokeWidth={2} />
      </pattern>
    </defs>
  );
}

/** Horizontal bars, names on the left, values at the bar end. */
export function CategoryBars({ items, width, fontSize = 9, barColor = '#2f6db5', testId, rowHeight, nameShare = 0.5 }: { items: BarItem[]; width: number; fontSize?: number; barColor?: string; testId?: string; rowHeight?: number; nameShare?: number }) {
  const hatch = `h${useId().replace(/:/g, '')}`;
  const row = rowHeight ?? fontSize * 2.1;
  const nameW = Math.min(width * nameShare, Math.max(...items.map((i) => textBox(i.name, 0, 0, fontSize).w), 40) + 10);
  const valueW = Math.max(...items.map((i) => textBox(i.label, 0, 0, fontSize).w), 20) + 8;
  const barMax = Math.max(10, width - nameW - valueW - 4);
  const max = Math.max(1, ...items.map((i) => i.value ?? 0));
  const height = Math.max(row, items.length * row);
  return (
    <svg data-testid={testId} width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily="DejaVu Sans, sans-serif" fontSize={fontSize}>
      <Hatch id={hatch} />
      {items.map((it, i) => {
        const y = i * row;
        const w = it.value == null ? Math.max(6, barMax * 0.04) : Math.max(it.value > 0 ? 1.5 : 0, (it.value / max) * barMax);
        return (
          <g key={i}>
            <text x={nameW - 6} y={y + row / 2 + fontSize * 0.35} textAnchor="end" fill="#1d2733">{truncate(it.name, nameW - 8, fontSize)}</text>
            <rect x={nameW} y={y + row * 0.18} width={w} height={row * 0.64} fill={it.value == null ? `url(#${hatch})` : it.color ?? barColor} stroke={it.value == null ? '#9aa1ab' : 'none'} strokeWidth={0.6} />
            <text x={nameW + w + 4} y={y + row / 2 + fontSize * 0.35} fill="#1d2733" fontWeight={600}>{it.label}</text>
          </g>
        );
      })}
    </svg>
  );
}

const MATRIX_RAMP = ['#f4f6f8', '#dbe6f1', '#b3cbe3', '#7fa6cf', '#4a7db6', '#1f4f8a'];

/** 7 × 24 heat table (rows Monday..Sunday, columns hours 0..23), counts written in the cells, row and column sums. */
export function HourWeekdayMatrix({ matrix, width, height, testId }: { matrix: number[][]; width: number; height?: number; testId?: string }) {
  const { lang } = useBriefingI18n();
  const labelW = 26;
  const sumW = 36;
  const cw = (width - labelW - sumW) / 24;
  const top = 14;
  const ch = height ? Math.max(12, Math.min(40, (height - top - 6) / 8)) : Math.min(22, Math.max(14, cw * 0.85));
  const max = Math.max(1, ...matrix.flat());
  const rowSums = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: 24 }, (_, h) => matrix.reduce((a, r) => a + (r[h] ?? 0), 0));
  const fs = Math.min(10, cw * 0.42, ch * 0.5);
  const h = top + 8 * ch + 6;
  const sumY = top + 7 * ch + 4;
  return (
    <svg data-testid={testId} className="matrix" width={width} height={h} viewBox={`0 0 ${width} ${h}`} fontFamily="DejaVu Sans, sans-serif">
      {Array.from({ length: 24 }, (_, hr) => (
        <text key={`h${hr}`} x={labelW + hr * cw + cw / 2} y={top - 4} textAnchor="middle" fontSize={8.5} fill="#47566a">{hr}</text>
      ))}
      <text x={labelW + 24 * cw + sumW / 2} y={top - 4} textAnchor="middle" fontSize={8.5} fill="#47566a">Σ</text>
      {matrix.map((row, d) => (
        <g key={d}>
          <text x={labelW - 5} y={top + d * ch + ch / 2 + 3} textAnchor="end" fontSize={9} fill="#1d2733">{WEEKDAYS[lang][d]}</text>
          {row.map((v, hr) => {
            const k = v === 0 ? 0 : 1 + Math.min(MATRIX_RAMP.length - 2, Math.floor((v / max) * (MATRIX_RAMP.length - 1) - 1e-9));
            return (
              <g key={hr}>
                <rect x={labelW + hr * cw} y={top + d * ch} width={cw - 1} height={ch - 1} fill={MATRIX_RAMP[k]} />
                {v > 0 && (
                  <text x={labelW + hr * cw + (cw - 1) / 2} y={top + d * ch + ch / 2 + fs * 0.35} textAnchor="middle" fontSize={fs} fill={k >= 4 ? '#fff' : '#1d2733'}>{v}</text>
                )}
              </g>
            );
          })}
          <text x={labelW + 24 * cw + sumW / 2} y={top + d * ch + ch / 2 + 3} textAnchor="middle" fontSize={9} fontWeight={600} fill="#1d2733">{rowSums[d]}</text>
        </g>
      ))}
      <line x1={labelW} x2={labelW + 24 * cw} y1={sumY - 2} y2={sumY - 2} stroke="#7d8793" strokeWidth={0.8} />
      <text x={labelW - 5} y={sumY + ch / 2 + 3} textAnchor="end" fontSize={9} fill="#1d2733">Σ</text>
      {colSums.map((v, hr) => (
        <text key={`s${hr}`} x={labelW + hr * cw + (cw - 1) / 2} y={sumY + ch / 2 + 3} textAnchor="middle" fontSize={Math.min(9, cw * 0.42)} fontWeight={600} fill="#1d2733">{v}</text>
      ))}
      <text x={labelW + 24 * cw + sumW / 2} y={sumY + ch / 2 + 3} textAnchor="middle" fontSize={9} fontWeight={700} fill="#1d2733">{rowSums.reduce((a, b) => a + b, 0)}</text>
    </svg>
  );
}

/** Vertical bars with labels under each bar (public hour bands, month trend). */
export function ColumnChart({ items, width, height, fontSize = 9, color = '#2f6db5', testId }: { items: BarItem[]; width: number; height: number; fontSize?: number; color?: string; testId?: string }) {
  const hatch = `h${useId().replace(/:/g, '')}`;
  const lines = Math.max(1, ...items.map((i) => i.name.split('\n').length));
  const bottom = fontSize * (1.1 + 1.2 * lines);
  const top = fontSize * 1.6;
  const plotH = height - bottom - top;
  const cw = width / Math.max(1, items.length);
  const max = Math.max(1, ...items.map((i) => i.value ?? 0));
  // every name when each neighbouring pair fits, else every k-th (by the widest name)
  const widths = items.map((i) => Math.max(0, ...i.name.split('\n').map((l) => textBox(l, 0, 0, fontSize).w)));
  const allFit = widths.every((w, i) => i === 0 || (w + widths[i - 1]) / 2 + 4 <= cw);
  const showEvery = allFit ? 1 : Math.max(1, Math.ceil((Math.max(0, ...widths) + 4) / cw));
  return (
    <svg data-testid={testId} width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily="DejaVu Sans, sans-serif" fontSize={fontSize}>
      <Hatch id={hatch} />
      <line x1={0} x2={width} y1={top + plotH + 0.5} y2={top + plotH + 0.5} stroke="#7d8793" strokeWidth={0.8} />
      {items.map((it, i) => {
        const h = it.value == null ? Math.max(4, plotH * 0.05) : (it.value / max) * plotH;
        const x = i * cw + cw * 0.15;
        const w = cw * 0.7;
        return (
          <g key={i}>
            <rect x={x} y={top + plotH - h} width={w} height={h} fill={it.value == null ? `url(#${hatch})` : it.color ?? color} stroke={it.value == null ? '#9aa1ab' : 'none'} strokeWidth={0.6} />
            {(cw >= textBox(it.label, 0, 0, fontSize * 0.9).w + 2 || items.length <= 12) && (
              <text x={x + w / 2} y={top + plotH - h - 3} textAnchor="middle" fontSize={fontSize * 0.9} fontWeight={600} fill="#1d2733">{it.label}</text>
            )}
            {i % showEvery === 0 && (
              <text x={x + w / 2} y={top + plotH + fontSize * 1.35} textAnchor="middle" fill="#47566a">
                {it.name.split('\n').map((line, k) => (
                  <tspan key={k} x={x + w / 2} dy={k === 0 ? 0 : fontSize * 1.2}>{line}</tspan>
                ))}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** "2025-07" → "lip 25". */
export function monthLabel(month: string, lang: 'pl' | 'en'): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return `${MONTHS[lang][Number(m[2]) - 1]} ${m[1].slice(2)}`;
}

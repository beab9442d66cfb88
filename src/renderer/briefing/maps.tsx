/**
 * Vector maps of the briefing pages and slides, drawn as inline SVG from the GeoJSON of the briefing data
 * (text stays selectable in the PDF): police beat map (Gi* hot hexagons, ranked hotspots, named places),
 * police overview, public hexagon map and public beat map (suppressed counts hatched).
 */
import { useId, useMemo, type ReactNode } from 'react';
import { sourcesText } from '../../shared/provenance';
import type { Feature, FeatureCollection } from 'geojson';
import type { BeatBriefing, BriefingData, PublicBriefingData } from '../../shared/contract/briefing';
import {
  bboxIntersects, countBreaks, fitProjection, geometryBBox, geometryPath, labelPoint, placeLabels, ringCentroid, scaleBar, shortBeatLabel, textBox, truncate, unionBBox, type BBox, type LabelBox, type Projection,
} from './geo';
import { useBriefingI18n } from './i18n';
import { warsawDay } from './periods';

export const HOT_COLORS: Record<number, string> = { 1: '#fdd49e', 2: '#fc8d59', 3: '#d7301f' };
export const COUNT_RAMP = ['#fff3c4', '#fed976', '#fd8d3c', '#e31a1c', '#99000d'];
export const BEAT_RAMP = ['#e8eef6', '#c6d5e9', '#94b1d6', '#5b87bd', '#2b5a94'];
const OUTLINE = '#1f3a5f';
const CONTEXT_FILL = '#e9e9e6';
const CONTEXT_STROKE = '#a3aab3';
const MAP_BG = '#f7f7f4';
const FOOTER_H = 16;

function classOf(v: number, breaks: number[]): number {
  const i = breaks.findIndex((b) => v <= b);
  return i < 0 ? breaks.length - 1 : i;
}

function rampFor(breaks: number[], ramp: string[]): string[] {
  // spread the classes over the ramp (fewer classes take every other colour)
  if (breaks.length >= ramp.length) return ramp;
  return breaks.map((_, i) => ramp[Math.round((i * (ramp.length - 1)) / Math.max(1, breaks.length - 1))]);
}

interface FrameProps {
  width: number;
  height: number;
  bbox: BBox;
  padding?: number;
  footer?: string | null;
  /** Legend drawn in the bottom-left corner (its size, so labels avoid it). */
  legend?: { width: number; height: number; node: ReactNode } | null;
  children(p: Projection, blocked: LabelBox[]): ReactNode;
  testId?: string;
  fontScale?: number;
}

/** Map frame: background, clip, north arrow, scale bar, legend box and the data/source line. */
export function MapFrame({ width, height, bbox, padding = 16, footer, legend, children, testId, fontScale = 1 }: FrameProps) {
  const clipId = useId().replace(/:/g, '');
  const mapH = footer ? height - FOOTER_H * fontScale : height;
  const p = useMemo(() => fitProjection(bbox, width, mapH, padding), [bbox, width, mapH, padding]);
  const sb = scaleBar(p.metresPerUnit, Math.min(160, width * 0.25) * fontScale);
  const fs = 9 * fontScale;
  const sbX = width - 12 * fontScale - sb.length;
  const sbY = mapH - 12 * fontScale;
  const blocked: LabelBox[] = [
    { x: sbX - 4, y: sbY - fs - 8, w: sb.length + 16, h: fs + 20 },
    { x: width - 40 * fontScale, y: 0, w: 40 * fontScale, h: 52 * fontScale },
  ];
  if (legend) blocked.push({ x: 0, y: mapH - legend.height - 8, w: legend.width + 8, h: legend.height + 8 });
  return (
    <svg className="brief-map" data-testid={testId} width={width} height={height} viewBox={`0 0 ${width} ${height}`} xmlns="http://www.w3.org/2000/svg" fontFamily="DejaVu Sans, sans-serif">
      <defs>
        <clipPath id={`clip${clipId}`}>
          <rect x={0} y={0} width={width} height={mapH} />
        </clipPath>
      </defs>
      <rect x={0} y={0} width={width} height={mapH} fill={MAP_BG} />
      <g clipPath={`url(#clip${clipId})`}>{children(p, blocked)}</g>
      <rect x={0.5} y={0.5} width={width - 1} height={mapH - 1} fill="none" stroke="#7d8793" strokeWidth={1} />
      {/* north arrow */}
      <g transform={`translate(${width - 22 * fontScale} ${10 * fontScale}) scale(${fontScale})`} aria-label="north">
        <path d="M0 0 L8 24 L0 19 L-8 24 Z" fill="#1d2733" stroke="#fff" strokeWidth={0.8} />
        <text x={0} y={36} textAnchor="middle" fontSize={11} fontWeight={700} fill="#1d2733">N</text>
      </g>
      {/* scale bar */}
      <g>
        <rect x={sbX - 5} y={sbY - fs - 7} width={sb.length + 10} height={fs + 15} fill="#fff" fillOpacity={0.85} />
        <rect x={sbX} y={sbY} width={sb.length / 2} height={4 * fontScale} fill="#1d2733" />
        <rect x={sbX + sb.length / 2} y={sbY} width={sb.length / 2} height={4 * fontScale} fill="#fff" stroke="#1d2733" strokeWidth={0.8} />
        <rect x={sbX} y={sbY} width={sb.length} height={4 * fontScale} fill="none" stroke="#1d2733" strokeWidth={0.8} />
        <text x={sbX + sb.length / 2} y={sbY - 3} textAnchor="middle" fontSize={fs} fill="#1d2733" data-testid="scale-label">{sb.label}</text>
      </g>
      {legend && (
        <g transform={`translate(6 ${mapH - legend.height - 6})`}>
          <rect x={0} y={0} width={legend.width} height={legend.height} fill="#fff" fillOpacity={0.92} stroke="#b9c1cb" strokeWidth={0.8} rx={2} />
          {legend.node}
        </g>
      )}
      {footer && (
        <text x={0} y={height - 4 * fontScale} fontSize={fs} fill="#3d4754">{truncate(footer, width, fs)}</text>
      )}
    </svg>
  );
}

/**
 * A map label on a light box. (A stroked "halo" would print every label twice in the PDF's text layer:
 * Chromium emits the stroke pass as a second text run.)
 */
function Label({ x, y, text, fontSize, anchor = 'start', bold = false, fill }: { x: number; y: number; text: string; fontSize: number; anchor?: 'start' | 'middle'; bold?: boolean; fill: string }) {
  const b = textBox(text, x, y, fontSize, anchor, bold);
  return (
    <g>
      <rect x={b.x - 1.5} y={b.y - 0.5} width={b.w + 3} height={b.h + 0.5} rx={1.5} fill="#fff" fillOpacity={0.82} />
      <text x={x} y={y} textAnchor={anchor} fontSize={fontSize} fontWeight={bold ? 700 : 400} fill={fill}>{text}</text>
    </g>
  );
}

function inView(f: Feature, p: Projection): boolean {
  const b = geometryBBox(f.geometry);
  return b != null && bboxIntersects(b, p.bbox);
}

interface LegendItem {
  kind: 'fill' | 'line' | 'rank' | 'dot' | 'hatch';
  color?: string;
  stroke?: string;
  label: string;
}

/** Legend rows: returns its size and the SVG content. */
function legendBlock(title: string | null, items: LegendItem[], fontScale: number, hatchId?: string): { width: number; height: number; node: ReactNode } {
  const fs = 8.5 * fontScale;
  const row = 13 * fontScale;
  const top = title ? row + 2 : 4;
  const width = Math.max(title ? textBox(title, 0, 0, fs).w : 0, ...items.map((i) => textBox(i.label, 0, 0, fs).w + 22 * fontScale)) + 12;
  const height = top + items.length * row + 4;
  const sw = 14 * fontScale;
  const node = (
    <g fontSize={fs} fill="#1d2733">
      {title && <text x={6} y={row - 2} fontWeight={700}>{title}</text>}
      {items.map((it, i) => {
        const y = top + i * row;
        const cy = y + row / 2;
        return (
          <g key={i}>
            {it.kind === 'fill' && <rect x={6} y={y + 2} width={sw} height={row - 4} fill={it.color} stroke={it.stroke ?? '#fff'} strokeWidth={0.6} />}
            {it.kind === 'hatch' && <rect x={6} y={y + 2} width={sw} height={row - 4} fill={`url(#${hatchId})`} stroke="#8a929c" strokeWidth={0.6} />}
            {it.kind === 'line' && <line x1={6} x2={6 + sw} y1={cy} y2={cy} stroke={it.color} strokeWidth={it.stroke ? 1 : 2.5} />}
            {it.kind === 'rank' && (
              <g>
                <circle cx={6 + sw / 2} cy={cy} r={5 * fontScale} fill={OUTLINE} />
                <text x={6 + sw / 2} y={cy + 2.5 * fontScale} textAnchor="middle" fontSize={7 * fontScale} fill="#fff" fontWeight={700}>1</text>
              </g>
            )}
            {it.kind === 'dot' && <circle cx={6 + sw / 2} cy={cy} r={2 * fontScale} fill="#4a5563" />}
            <text x={6 + sw + 6} y={cy + fs * 0.35}>{it.label}</text>
          </g>
        );
      })}
    </g>
  );
  return { width, height, node };
}

function footerText(date: string | null, source: string, t: ReturnType<typeof useBriefingI18n>['t']): string {
  return t('mapFooter', { date: date ?? '–', source });
}

/**
 * The sources of the reports the briefing counts (not of the workspace): with import and report counts, or
 * (short, map footers) the kinds only.
 */
export function policeSource(data: BriefingData, lang: 'pl' | 'en', short = false): string {
  return sourcesText(lang, data.sources, { counts: !short });
}

/** Police map of one beat: context beats, the beat in bold, Gi* hot hexagons, ranked hotspots, named places. */
export function BeatMap({ data, beat, width, height }: { data: BriefingData; beat: BeatBriefing; width: number; height: number }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const own = data.beatsGeoJson.features.find((f) => f.properties?.id === beat.id) ?? data.allBeatsGeoJson.features.find((f) => f.properties?.id === beat.id);
  const bbox = (geometryBBox(own?.geometry) ?? beat.bbox) as BBox;
  const legend = legendBlock(
    null,
    [
      { kind: 'line', color: OUTLINE, label: t('legendBeat') },
      { kind: 'fill', color: CONTEXT_FILL, stroke: CONTEXT_STROKE, label: t('legendOtherBeats') },
      { kind: 'fill', color: HOT_COLORS[1], label: `${t('legendHot')} 90%` },
      { kind: 'fill', color: HOT_COLORS[2], label: `${t('legendHot')} 95%` },
      { kind: 'fill', color: HOT_COLORS[3], label: `${t('legendHot')} 99%` },
      { kind: 'rank', label: t('legendRank') },
      { kind: 'dot', label: t('legendPlace') },
    ],
    1,
  );
  const dataDate = data.dataDate != null ? tr.day(warsawDay(data.dataDate)) : null;
  return (
    <MapFrame width={width} height={height} bbox={bbox} padding={22} legend={legend} footer={footerText(dataDate, policeSource(data, tr.lang, true), t)} testId={`beat-map-${beat.id}`}>
      {(p, blocked) => {
        // hotspots of a few small hexagons would hide under their marker: set the marker off with a leader line
        const cellPx = (data.method.cellSize ?? 150) / p.metresPerUnit;
        const off = cellPx < 12 ? 14 : 0;
        const ranks = beat.hotspots.map((h) => {
          const at = p.project(h.lon, h.lat);
          return { h, at, xy: [at[0] + off, at[1] - off] as [number, number] };
        });
        const rankBoxes: LabelBox[] = ranks.map(({ xy }) => ({ x: xy[0] - 9, y: xy[1] - 9, w: 18, h: 18 }));
        const places = data.places
          .filter((pl) => pl.lon >= p.bbox[0] && pl.lon <= p.bbox[2] && pl.lat >= p.bbox[1] && pl.lat <= p.bbox[3])
          .map((pl) => {
            const [x, y] = p.project(pl.lon, pl.lat);
            return { pl, x, y, box: textBox(pl.name, x + 4, y + 3, 8.5) };
          });
        const kept = new Set(placeLabels(places.map((x) => x.box), p, [...blocked, ...rankBoxes]));
        return (
          <g>
            {data.allBeatsGeoJson.features.filter((f) => inView(f, p)).map((f, i) => (
              <path key={`c${i}`} d={geometryPath(f.geometry, p)} fill={f.properties?.id === beat.id ? '#ffffff' : CONTEXT_FILL} stroke={CONTEXT_STROKE} strokeWidth={0.8} fillRule="evenodd" />
            ))}
            {data.hotCellsGeoJson.features.filter((f) => inView(f, p)).map((f, i) => (
              <path key={`h${i}`} d={geometryPath(f.geometry, p)} fill={HOT_COLORS[Number(f.properties?.bin)] ?? HOT_COLORS[1]} fillOpacity={f.properties?.districtId === beat.id ? 0.9 : 0.45} stroke="#fff" strokeWidth={0.4} />
            ))}
            {own && <path d={geometryPath(own.geometry, p)} fill="none" stroke={OUTLINE} strokeWidth={2.6} strokeLinejoin="round" fillRule="evenodd" />}
            {places.map(({ pl, x, y }, i) => (
              <g key={`p${i}`}>
                <circle cx={x} cy={y} r={1.8} fill="#4a5563" />
                {kept.has(i) && (
                  <Label x={x + 4} y={y + 3} fontSize={8.5} fill="#2f3a47" text={pl.name} />
                )}
              </g>
            ))}
            {ranks.map(({ h, xy, at }) => (
              <g key={`r${h.rank}`} data-rank={h.rank}>
                {off > 0 && <line x1={at[0]} y1={at[1]} x2={xy[0]} y2={xy[1]} stroke={OUTLINE} strokeWidth={1.2} />}
                <circle cx={xy[0]} cy={xy[1]} r={8} fill={OUTLINE} stroke="#fff" strokeWidth={1.2} />
                <text x={xy[0]} y={xy[1] + 3.4} textAnchor="middle" fontSize={9.5} fontWeight={700} fill="#fff">{h.rank}</text>
              </g>
            ))}
          </g>
        );
      }}
    </MapFrame>
  );
}

/** Police overview: beats in scope (labelled), the other beats as context, all hot hexagons. */
export function OverviewMap({ data, width, height }: { data: BriefingData; width: number; height: number }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const scopeIds = new Set(data.beats.map((b) => b.id));
  const bbox = (unionBBox(data.beatsGeoJson.features.map((f) => geometryBBox(f.geometry))) ?? unionBBox(data.beats.map((b) => b.bbox as BBox)) ?? [19.6, 51.3, 19.8, 51.5]) as BBox;
  const legend = legendBlock(
    null,
    [
      { kind: 'line', color: OUTLINE, label: t('legendBeat') },
      { kind: 'fill', color: HOT_COLORS[1], label: `${t('legendHot')} 90%` },
      { kind: 'fill', color: HOT_COLORS[2], label: `${t('legendHot')} 95%` },
      { kind: 'fill', color: HOT_COLORS[3], label: `${t('legendHot')} 99%` },
    ],
    1,
  );
  const dataDate = data.dataDate != null ? tr.day(warsawDay(data.dataDate)) : null;
  return (
    <MapFrame width={width} height={height} bbox={bbox} padding={14} legend={legend} footer={footerText(dataDate, policeSource(data, tr.lang, true), t)} testId="overview-map">
      {(p, blocked) => {
        const labels = data.beatsGeoJson.features
          .map((f) => {
            const lp = labelPoint(f.geometry);
            if (!lp) return null;
            const [x, y] = p.project(lp[0], lp[1]);
            const text = shortBeatLabel(String(f.properties?.name ?? ''));
            return { text, x, y, box: textBox(text, x, y + 3.5, 9.5, 'middle', true) };
          })
          .filter((x): x is NonNullable<typeof x> => x != null);
        const kept = new Set(placeLabels(labels.map((l) => l.box), p, blocked));
        return (
          <g>
            {data.allBeatsGeoJson.features.filter((f) => inView(f, p)).map((f, i) => (
              <path key={`c${i}`} d={geometryPath(f.geometry, p)} fill={scopeIds.has(Number(f.properties?.id)) ? '#ffffff' : CONTEXT_FILL} stroke={CONTEXT_STROKE} strokeWidth={0.6} fillRule="evenodd" />
            ))}
            {data.hotCellsGeoJson.features.filter((f) => inView(f, p)).map((f, i) => (
              <path key={`h${i}`} d={geometryPath(f.geometry, p)} fill={HOT_COLORS[Number(f.properties?.bin)] ?? HOT_COLORS[1]} stroke="none" />
            ))}
            {data.beatsGeoJson.features.map((f, i) => (
              <path key={`b${i}`} d={geometryPath(f.geometry, p)} fill="none" stroke={OUTLINE} strokeWidth={1.3} strokeLinejoin="round" />
            ))}
            {labels.map((l, i) =>
              kept.has(i) ? (
                <Label key={`l${i}`} x={l.x} y={l.y + 3.5} anchor="middle" fontSize={9.5} bold fill={OUTLINE} text={l.text} />
              ) : null,
            )}
          </g>
        );
      }}
    </MapFrame>
  );
}

function HatchDefs({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
      <rect width={6} height={6} fill="#e4e6e9" />
      <line x1={0} y1={0} x2={0} y2={6} stroke="#9aa1ab" strokeWidth={2} />
    </pattern>
  );
}

/** Public: hexagon counts (suppressed ones hatched and labelled "<3"), beat outlines, optional one beat emphasised. */
export function PublicHexMap({ data, beatId, width, height, fontScale = 1, testId }: { data: PublicBriefingData; beatId: number | null; width: number; height: number; fontScale?: number; testId?: string }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const hatchId = `hatch${useId().replace(/:/g, '')}`;
  const beat = beatId != null ? data.beats.find((b) => b.id === beatId) : null;
  const own = beatId != null ? data.beatsGeoJson.features.find((f) => f.properties?.id === beatId) : null;
  const bbox = ((own ? geometryBBox(own.geometry) : null) ?? (beat?.bbox as BBox | undefined) ?? unionBBox(data.beatsGeoJson.features.map((f) => geometryBBox(f.geometry))) ?? [19.6, 51.3, 19.8, 51.5]) as BBox;
  // every hexagon is public: the neighbours' ones stay visible (faded) so hexagons across the boundary are not lost;
  // one legend (breaks over all hexagons) for every map of the document
  const hexes = data.hexGeoJson.features;
  const max = Math.max(0, ...hexes.map((f) => Number(f.properties?.count ?? 0)));
  const breaks = countBreaks(Math.max(max, data.threshold), 5).filter((b) => b >= data.threshold);
  const colors = rampFor(breaks, COUNT_RAMP);
  const lower = (i: number) => (i === 0 ? data.threshold : breaks[i - 1] + 1);
  const legend = legendBlock(
    t('legendHexCounts'),
    [
      ...breaks.map((b, i) => ({ kind: 'fill' as const, color: colors[i], label: lower(i) >= b ? `${b}` : `${lower(i)}–${b}` })),
      { kind: 'hatch' as const, label: `<${data.threshold}, * (${t('suppressedLegend')})` },
      { kind: 'line' as const, color: OUTLINE, label: t('legendBeat') },
    ],
    fontScale,
    hatchId,
  );
  return (
    <MapFrame width={width} height={height} bbox={bbox} padding={18 * fontScale} legend={legend} footer={footerText(data.dataDate ? tr.day(data.dataDate) : null, t('sourceKmzb'), t)} testId={testId} fontScale={fontScale}>
      {(p, blocked) => {
        const visible = hexes.filter((f) => inView(f, p));
        // hexagon side on screen: label counts only when they fit, larger in larger hexagons
        const sidePx = data.hexSize / p.metresPerUnit;
        const fs = Math.max(8.5 * fontScale, Math.min(18 * fontScale, sidePx * 0.22));
        const labelled = sidePx >= 11 * fontScale;
        const boxes = visible.map((f) => {
          const c = ringCentroid(f.geometry);
          const [x, y] = c ? p.project(c[0], c[1]) : [-1e6, -1e6];
          const c2 = f.properties?.count;
          const dark = typeof c2 === 'number' && classOf(c2, breaks) >= Math.max(2, breaks.length - 2) && colors.length >= 4;
          return { x, y, dark, label: String(f.properties?.label ?? ''), box: textBox(String(f.properties?.label ?? ''), x, y + fs * 0.35, fs, 'middle', true) };
        });
        const kept = labelled ? new Set(placeLabels(boxes.map((b) => b.box), p, blocked)) : new Set<number>();
        return (
          <g>
            <defs>
              <HatchDefs id={hatchId} />
            </defs>
            {data.beatsGeoJson.features.filter((f) => inView(f, p)).map((f, i) => (
              <path key={`c${i}`} d={geometryPath(f.geometry, p)} fill={beatId == null || f.properties?.id === beatId ? '#ffffff' : CONTEXT_FILL} stroke={CONTEXT_STROKE} strokeWidth={0.8} fillRule="evenodd" />
            ))}
            {visible.map((f, i) => {
              const c = f.properties?.count;
              const fill = typeof c === 'number' ? colors[classOf(c, breaks)] : `url(#${hatchId})`;
              const faded = beatId != null && f.properties?.districtId !== beatId;
              return <path key={`x${i}`} d={geometryPath(f.geometry, p)} fill={fill} fillOpacity={faded ? 0.5 : 1} stroke="#fff" strokeWidth={0.6} />;
            })}
            {(own ? [own] : data.beatsGeoJson.features).map((f, i) => (
              <path key={`o${i}`} d={geometryPath(f.geometry, p)} fill="none" stroke={OUTLINE} strokeWidth={own ? 2.6 : 1.2} strokeLinejoin="round" />
            ))}
            {boxes.map((b, i) =>
              kept.has(i) ? (
                <text key={`t${i}`} x={b.x} y={b.y + fs * 0.35} textAnchor="middle" fontSize={fs} fontWeight={700} fill={b.dark ? '#fff' : '#1d2733'}>{b.label}</text>
              ) : null,
            )}
          </g>
        );
      }}
    </MapFrame>
  );
}

/** Public overview: beats coloured by their (suppressed) counts, labelled with the count. */
export function PublicBeatsMap({ data, width, height, fontScale = 1, testId }: { data: PublicBriefingData; width: number; height: number; fontScale?: number; testId?: string }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const hatchId = `hatch${useId().replace(/:/g, '')}`;
  const bbox = (unionBBox(data.beatsGeoJson.features.map((f) => geometryBBox(f.geometry))) ?? [19.6, 51.3, 19.8, 51.5]) as BBox;
  const max = Math.max(0, ...data.beatsGeoJson.features.map((f) => Number(f.properties?.count ?? 0)));
  const breaks = countBreaks(Math.max(max, data.threshold), 5).filter((b) => b >= data.threshold);
  const colors = rampFor(breaks, BEAT_RAMP);
  const lower = (i: number) => (i === 0 ? data.threshold : breaks[i - 1] + 1);
  const legend = legendBlock(
    t('legendBeatCounts'),
    [
      ...breaks.map((b, i) => ({ kind: 'fill' as const, color: colors[i], stroke: '#7d8793', label: lower(i) >= b ? `${b}` : `${lower(i)}–${b}` })),
      { kind: 'hatch' as const, label: `<${data.threshold}, * (${t('suppressedLegend')})` },
    ],
    fontScale,
    hatchId,
  );
  return (
    <MapFrame width={width} height={height} bbox={bbox} padding={14 * fontScale} legend={legend} footer={footerText(data.dataDate ? tr.day(data.dataDate) : null, t('sourceKmzb'), t)} testId={testId} fontScale={fontScale}>
      {(p, blocked) => {
        const fs = 9.5 * fontScale;
        const labels = data.beatsGeoJson.features
          .map((f) => {
            const lp = labelPoint(f.geometry);
            if (!lp) return null;
            const [x, y] = p.project(lp[0], lp[1]);
            const text = `${shortBeatLabel(String(f.properties?.name ?? ''))}: ${String(f.properties?.label ?? '')}`;
            return { text, x, y, box: textBox(text, x, y + fs * 0.35, fs, 'middle', true) };
          })
          .filter((x): x is NonNullable<typeof x> => x != null);
        const kept = new Set(placeLabels(labels.map((l) => l.box), p, blocked));
        return (
          <g>
            <defs>
              <HatchDefs id={hatchId} />
            </defs>
            {data.beatsGeoJson.features.map((f, i) => {
              const c = f.properties?.count;
              const fill = typeof c === 'number' ? colors[classOf(c, breaks)] : `url(#${hatchId})`;
              return <path key={`b${i}`} d={geometryPath(f.geometry, p)} fill={fill} stroke={OUTLINE} strokeWidth={1} strokeLinejoin="round" fillRule="evenodd" />;
            })}
            {labels.map((l, i) =>
              kept.has(i) ? (
                <Label key={`l${i}`} x={l.x} y={l.y + fs * 0.35} anchor="middle" fontSize={fs} bold fill="#1d2733" text={l.text} />
              ) : null,
            )}
          </g>
        );
      }}
    </MapFrame>
  );
}

export type { FeatureCollection };

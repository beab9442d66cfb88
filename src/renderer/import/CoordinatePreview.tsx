/**
 * Both readings of the X/Y columns side by side on small maps (SVG, no WebGL): the sampled points read with
 * X = easting and with X = northing, drawn over the county borders, the command's territory and the beats, with
 * where most points land. The user picks the right one; the import cannot start before that when the evidence
 * did not decide (issue 12: the order is never guessed).
 */
import { useEffect, useMemo, useState } from 'react';
import type { FeatureCollectionOut } from '../../shared/contract';
import type { ReadingPreview } from '../../shared/contract/import';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { kindKey, type FileCoordinateKind } from '../../core/import/coordinates';

type Ring = number[][];
type Shape = { rings: Ring[]; bbox: [number, number, number, number] };

function shapesOf(geometry: unknown): Ring[] {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g || !g.coordinates) return [];
  if (g.type === 'Polygon') return g.coordinates as Ring[];
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).flat();
  return [];
}

function withBox(rings: Ring[]): Shape {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (const r of rings) for (const p of r) { a = Math.min(a, p[0]); b = Math.min(b, p[1]); c = Math.max(c, p[0]); d = Math.max(d, p[1]); }
  return { rings, bbox: [a, b, c, d] };
}

const W = 340;
const H = 230;

function Panel(props: {
  preview: ReadingPreview; testId: string; letter: 'straight' | 'swapped'; chosen: boolean; onChoose(): void; disabled: boolean;
  counties: Shape[]; territory: Shape[]; beats: Shape[];
}) {
  const { tm } = useI18n();
  const { preview: p } = props;
  const view = useMemo(() => {
    const b = p.bbox ?? [19, 51, 20, 52];
    const cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
    const cos = Math.cos((cy * Math.PI) / 180);
    // at least ~15 km across, padded 25 %
    let spanX = Math.max((b[2] - b[0]) * cos, 0.15) * 1.25;
    let spanY = Math.max(b[3] - b[1], 0.1) * 1.25;
    if (spanX / spanY > W / H) spanY = (spanX * H) / W; else spanX = (spanY * W) / H;
    const k = W / spanX;
    const lon0 = cx - spanX / cos / 2, lat1 = cy + spanY / 2;
    const box: [number, number, number, number] = [lon0, cy - spanY / 2, cx + spanX / cos / 2, lat1];
    return { x: (lon: number) => (lon - lon0) * cos * k, y: (lat: number) => (lat1 - lat) * k, box };
  }, [p.bbox]);
  const hits = (s: Shape) => s.bbox[0] <= view.box[2] && s.bbox[2] >= view.box[0] && s.bbox[1] <= view.box[3] && s.bbox[3] >= view.box[1];
  const path = (s: Shape) => s.rings.map((r) => 'M' + r.map((q) => `${view.x(q[0]).toFixed(1)},${view.y(q[1]).toFixed(1)}`).join('L') + 'Z').join('');
  const color = props.letter === 'straight' ? '#1565c0' : '#d84315';
  return (
    <div className={`imp-reading${props.chosen ? ' chosen' : ''}`} data-testid={props.testId} data-kind={p.kind} data-in-territory={p.inTerritory ?? ''}>
      <div className="imp-reading-head">
        <strong style={{ color }}>{tm('coords.preview.reading', { reading: props.letter })}</strong>{' '}
        <span className="small">{tm('coords.kind', { kind: kindKey(p.kind as FileCoordinateKind) })}</span>
      </div>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="imp-reading-map" role="img" aria-label={tm('coords.kind', { kind: kindKey(p.kind as FileCoordinateKind) })}>
        <rect width={W} height={H} fill="#f7f7f4" />
        {props.counties.filter(hits).map((s, i) => <path key={`c${i}`} d={path(s)} fill="none" stroke="#9e9e9e" strokeWidth={0.7} />)}
        {props.beats.filter(hits).map((s, i) => <path key={`b${i}`} d={path(s)} fill="rgba(76,175,80,0.10)" stroke="#66bb6a" strokeWidth={0.8} />)}
        {props.territory.filter(hits).map((s, i) => <path key={`t${i}`} d={path(s)} fill="rgba(33,33,33,0.04)" stroke="#212121" strokeWidth={1.8} strokeDasharray="6 3" />)}
        {p.points.map(([lon, lat], i) => <circle key={i} cx={view.x(lon)} cy={view.y(lat)} r={2.2} fill={color} fillOpacity={0.75} />)}
      </svg>
      <div className="small" data-testid={`${props.testId}-where`}>
        {tm('coords.preview.landsIn', { names: p.powiaty.length ? p.powiaty.map((c) => `${c.name} (${c.count})`).join(', ') : '—' })}
      </div>
      {p.inTerritory != null && <div className="small">{tm('coords.preview.inTerritory', { n: p.inTerritory, total: p.points.length })}</div>}
      <button type="button" className={props.chosen ? 'imp-primary' : ''} data-testid={`${props.testId}-choose`} onClick={props.onChoose} disabled={props.disabled} aria-pressed={props.chosen}>
        {props.chosen ? `✓ ${tm('coords.preview.chosen')}` : tm('coords.preview.choose')}
      </button>
    </div>
  );
}

let countiesCache: Promise<FeatureCollectionOut> | null = null;

export function CoordinatePreview(props: { previews: ReadingPreview[]; chosenKind: string | null; disabled: boolean; onChoose(kind: string): void }) {
  const { tm } = useI18n();
  const api = getClient().api;
  const [counties, setCounties] = useState<Shape[]>([]);
  const [territory, setTerritory] = useState<Shape[]>([]);
  const [beats, setBeats] = useState<Shape[]>([]);
  useEffect(() => {
    let live = true;
    countiesCache ??= api.getBasemapLayer({ layer: 'powiaty' });
    void countiesCache.then((fc) => live && setCounties(fc.features.map((f) => withBox(shapesOf(f.geometry))))).catch(() => {});
    void api.getTerritory({}).then((t) => live && setTerritory(t.parts.map((p) => withBox(shapesOf(p.geometry))))).catch(() => {});
    void api.getDistrictsGeoJson({}).then((fc) => live && setBeats(fc.features.map((f) => withBox(shapesOf(f.geometry))))).catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);
  const [a, b] = props.previews;
  return (
    <div className="imp-readings" data-testid="coord-preview">
      <div className="small muted">{tm('coords.preview.title', { n: Math.max(a?.points.length ?? 0, b?.points.length ?? 0) })} · {tm('coords.preview.legend')}</div>
      <div className="imp-readings-row">
        {a && <Panel preview={a} letter="straight" testId="reading-a" chosen={props.chosenKind === a.kind} onChoose={() => props.onChoose(a.kind)} disabled={props.disabled} counties={counties} territory={territory} beats={beats} />}
        {b && <Panel preview={b} letter="swapped" testId="reading-b" chosen={props.chosenKind === b.kind} onChoose={() => props.onChoose(b.kind)} disabled={props.disabled} counties={counties} territory={territory} beats={beats} />}
      </div>
    </div>
  );
}

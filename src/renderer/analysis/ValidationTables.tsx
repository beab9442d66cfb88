/**
 * Tables of the analyses without a map layer: the validation table (hit rate and PAI of every method at the same
 * area shares; src/core/analysis/quality.ts compareAtShares) and the Knox near-repeat table (distance × time bands
 * with Monte-Carlo p-values; src/core/analysis/knox.ts). Stored results are data from disk: fields are checked.
 */
import type { MethodOutput } from '../../shared/contract';
import { formatWarsaw } from '../../core/domain/time';
import { msg, type Msg } from '../../core/message';
import { formatNumber, translate, type Lang } from '../../shared/i18n';

type StoredAnalysis = MethodOutput<'getAnalysis'>;

/** Methods whose result is a table, not a map layer. */
export const TABLE_METHODS: readonly string[] = ['quality', 'knox'];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Method names of the validation table in words. */
export function qualityMethodMsg(method: string): Msg {
  switch (method) {
    case 'gistar': return msg('hotspots.method.gistar');
    case 'gistar-isa': return msg('hotspots.method.gistar-isa');
    case 'kde': return msg('hotspots.method.kde');
    case 'dbscan': return msg('hotspots.method.dbscan');
    default: return msg('hotspots.method.counts');
  }
}

function areaSourceMsg(source: unknown): Msg {
  return source === 'territory' ? msg('hotspots.area.territory') : source === 'beats' ? msg('hotspots.area.beats') : msg('hotspots.area.hull');
}

interface Row { method: string; share: number; hitRate: number | null; pai: number | null; areaShare: number; filled?: boolean; n: number; N: number }

export function QualityTable({ a, lang }: { a: StoredAnalysis; lang: Lang }) {
  const tm = (m: Msg | string, p?: Record<string, string | number>) => translate(lang, m, p);
  const rows = (Array.isArray(a.result.rows) ? a.result.rows : []) as Row[];
  const failures = (Array.isArray(a.result.failures) ? a.result.failures : []) as { method: string; error: string }[];
  const shares = [...new Set(rows.map((r) => r.share))].sort((x, y) => x - y);
  const methods = [...new Set(rows.map((r) => r.method))];
  const p = a.params;
  const pct = (v: number, d = 1) => formatNumber(lang, v * 100, { maximumFractionDigits: d });
  const day = (v: unknown) => (num(v) != null ? formatWarsaw(num(v)!, false) : '?');
  const best = (a.summary.best ?? {}) as Record<string, string>;
  return (
    <div className="an-table" data-testid="quality-table">
      <div className="small"><strong>{tm('hotspots.panel.quality.title')}</strong></div>
      <div className="small muted">
        {tm('hotspots.panel.quality.periods', {
          trainFrom: day(p.trainFrom), trainTo: day(num(p.trainTo) != null ? num(p.trainTo)! - 1 : null), train: num(p.trainReports) ?? 0,
          testFrom: day(p.testFrom), testTo: day(num(p.testTo) != null ? num(p.testTo)! - 1 : null), test: num(p.testReports) ?? 0,
          area: formatNumber(lang, (num(p.studyAreaM2) ?? 0) / 1e6, { maximumFractionDigits: 0 }), source: tm(areaSourceMsg(p.studyAreaSource)), cell: num(p.cellSize) ?? 0,
        })}
      </div>
      <div className="small muted">{tm('hotspots.panel.quality.legend')}</div>
      <table>
        <thead>
          <tr>
            <th>{tm('hotspots.panel.quality.method')}</th>
            {shares.map((s) => <th key={s}>{tm('hotspots.panel.quality.share', { share: pct(s, 2) })}</th>)}
          </tr>
        </thead>
        <tbody>
          {methods.map((m) => (
            <tr key={m} data-method={m}>
              <th>{tm(qualityMethodMsg(m))}</th>
              {shares.map((s) => {
                const r = rows.find((x) => x.method === m && x.share === s);
                if (!r) return <td key={s}>–</td>;
                return (
                  <td key={s} className={best[String(s)] === m ? 'an-best' : r.filled === false ? 'muted' : ''} data-share={s}>
                    <div>{tm('hotspots.panel.quality.hit', { hit: r.hitRate == null ? '–' : pct(r.hitRate) })}</div>
                    <div className="small">{tm('hotspots.panel.quality.pai', { pai: r.pai == null ? '–' : formatNumber(lang, r.pai, { maximumFractionDigits: r.pai < 10 ? 1 : 0 }) })}</div>
                    {r.filled === false && <div className="small">{tm('hotspots.panel.quality.smaller', { share: formatNumber(lang, r.areaShare * 100, { maximumSignificantDigits: 2 }) })}</div>}
                  </td>
                );
              })}
            </tr>
          ))}
          {failures.map((f) => (
            <tr key={f.method}><th>{tm(qualityMethodMsg(f.method))}</th><td colSpan={shares.length} className="muted">{tm('hotspots.panel.quality.failed', { error: f.error })}</td></tr>
          ))}
        </tbody>
      </table>
      {shares.filter((s) => best[String(s)]).map((s) => (
        <div key={s} className="small">{tm('hotspots.panel.quality.best', { share: pct(s, 2), method: tm(qualityMethodMsg(best[String(s)])) })}</div>
      ))}
      {a.result.definitions != null && <div className="small muted">{tm(a.result.definitions as Msg)}</div>}
    </div>
  );
}

export function KnoxTable({ a, lang }: { a: StoredAnalysis; lang: Lang }) {
  const tm = (m: Msg | string, p?: Record<string, string | number>) => translate(lang, m, p);
  const r = a.result;
  const dE = ((r.params as { distanceEdges?: number[] } | undefined)?.distanceEdges ?? (a.params.distanceEdges as number[] | undefined) ?? []) as number[];
  const tE = ((r.timeEdgesDays ?? a.params.timeEdgesDays ?? []) as number[]);
  const ratio = (r.ratio ?? []) as (number | null)[][];
  const p = (r.p ?? []) as number[][];
  const obs = (r.observed ?? []) as number[][];
  const f = (v: number, d: number) => formatNumber(lang, v, { maximumFractionDigits: d });
  return (
    <div className="an-table" data-testid="knox-table">
      <div className="small"><strong>{tm('hotspots.panel.knox.title')}</strong></div>
      <table>
        <thead>
          <tr>
            <th>{tm('hotspots.panel.knox.distance')}</th>
            {tE.slice(0, -1).map((t0, b) => <th key={b}>{tm('hotspots.panel.knox.days', { from: f(t0, 1), to: f(tE[b + 1], 1) })}</th>)}
          </tr>
        </thead>
        <tbody>
          {dE.slice(0, -1).map((d0, k) => (
            <tr key={k}>
              <th>{tm('hotspots.panel.knox.metres', { from: f(d0, 0), to: f(dE[k + 1], 0) })}</th>
              {tE.slice(0, -1).map((_, b) => {
                const pv = p[k]?.[b];
                const rv = ratio[k]?.[b];
                return (
                  <td key={b} className={pv != null && pv <= 0.05 ? 'an-best' : ''} title={String(obs[k]?.[b] ?? '')}>
                    {tm('hotspots.panel.knox.cell', { ratio: rv == null || !Number.isFinite(rv) ? '–' : f(rv, 2), p: pv == null ? '–' : f(pv, 3) })}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="small muted">{tm('hotspots.panel.knox.note', { iterations: num(a.params.iterations) ?? 0, pairs: formatNumber(lang, num(a.params.closePairs) ?? 0) })}</div>
    </div>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORIES, categoryByCode } from '../../core/domain/categories';
import { statusByCode } from '../../core/domain/statuses';
import { formatWarsaw } from '../../core/domain/time';
import type { ReportRow, ReportSortKey } from '../../shared/contract/map';
import type { SelectionStats } from '../data/compute';
import { weekdayNames } from '../data/filter';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';

export interface DrillSelection {
  key: string;
  kind: 'beat' | 'cell' | 'cluster' | 'selection';
  title: string;
  details?: string;
}

interface Props {
  selection: DrillSelection;
  stats: SelectionStats;
  /** Report ids of the selection within the filter (for the table and export). */
  ids: Uint32Array;
  monthLabels: string[];
  /** Index of the month containing the current period start/end, for shading. */
  periodMonths: [number, number];
  highlightedIds: Set<number>;
  onHighlight(ids: number[]): void;
  /** Open the detail panel of a report (workspace row id). */
  onOpenReport(id: number): void;
  onClose(): void;
}

const PAGE = 100;

function TrendChart({ values, labels, period }: { values: Uint32Array; labels: string[]; period: [number, number] }) {
  const w = 380, h = 90;
  let max = 1;
  for (const v of values) if (v > max) max = v;
  const bw = w / Math.max(1, values.length);
  return (
    <svg width={w} height={h + 16} viewBox={`0 0 ${w} ${h + 16}`} className="chart" data-testid="trend-chart">
      {Array.from(values, (v, i) => {
        const bh = (v / max) * h;
        const inPeriod = i >= period[0] && i <= period[1];
        return (
          <rect key={i} x={i * bw + 0.5} y={h - bh} width={Math.max(1, bw - 1)} height={bh} fill={inPeriod ? '#2f6db5' : '#b7c0cb'}>
            <title>{`${labels[i]}: ${v}`}</title>
          </rect>
        );
      })}
      {labels.map((l, i) => (i % Math.ceil(labels.length / 6) === 0 ? <text key={i} x={i * bw} y={h + 12} fontSize={9} fill="#4a5563">{l}</text> : null))}
      <text x={w - 2} y={9} fontSize={9} textAnchor="end" fill="#4a5563">max {max}</text>
    </svg>
  );
}

function CategoryBars({ byCategory, lang }: { byCategory: Uint32Array; lang: 'pl' | 'en' }) {
  const rows = [...CATEGORIES.map((c) => c.code), 0]
    .map((code) => ({ code, n: byCategory[code] }))
    .filter((r) => r.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 10);
  const max = rows[0]?.n ?? 1;
  return (
    <div className="bars" data-testid="category-bars">
      {rows.map((r) => {
        const c = categoryByCode(r.code);
        return (
          <div className="bar-row" key={r.code}>
            <span className="bar-label" title={c ? (lang === 'pl' ? c.name : c.nameEn) : '?'}>{c ? (lang === 'pl' ? c.name : c.nameEn) : lang === 'pl' ? 'nieznana' : 'unknown'}</span>
            <span className="bar" style={{ width: `${(r.n / max) * 100}%`, background: c ? `rgb(${c.color.join(',')})` : '#888' }} />
            <span className="bar-n">{r.n}</span>
          </div>
        );
      })}
    </div>
  );
}

function HourWeekdayMatrix({ m, lang }: { m: Uint32Array; lang: 'pl' | 'en' }) {
  let max = 1;
  for (const v of m) if (v > max) max = v;
  const names = weekdayNames(lang);
  const cw = 14, ch = 13;
  return (
    <svg width={28 + 24 * cw} height={7 * ch + 14} viewBox={`0 0 ${28 + 24 * cw} ${7 * ch + 14}`} className="chart" data-testid="hour-weekday">
      {names.map((d, wd) => (
        <text key={d} x={0} y={wd * ch + 10} fontSize={9} fill="#4a5563">{d}</text>
      ))}
      {Array.from(m, (v, k) => {
        const wd = Math.floor(k / 24), hr = k % 24;
        const a = v / max;
        return (
          <rect key={k} x={28 + hr * cw} y={wd * ch} width={cw - 1} height={ch - 1} fill={v ? `rgba(189,0,38,${0.08 + 0.92 * a})` : '#f1f2f4'}>
            <title>{`${names[wd]} ${hr}:00 – ${v}`}</title>
          </rect>
        );
      })}
      {[0, 6, 12, 18, 23].map((hr) => (
        <text key={hr} x={28 + hr * cw} y={7 * ch + 11} fontSize={9} fill="#4a5563">{hr}</text>
      ))}
    </svg>
  );
}

/** Side panel for a clicked beat, hotspot cell or cluster: counts, charts and the sortable report list. */
export function DrillDownPanel(props: Props) {
  const { t, n, p, lang, tm } = useI18n();
  const { stats } = props;
  const [sort, setSort] = useState<{ by: ReportSortKey; dir: 'asc' | 'desc' }>({ by: 'createdAt', dir: 'desc' });
  const [rows, setRows] = useState<ReportRow[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const idList = useMemo(() => Array.from(props.ids.subarray(0, 500_000)), [props.ids]);
  const req = useRef(0);

  useEffect(() => {
    const my = ++req.current;
    setError(null);
    if (idList.length === 0) {
      setRows([]);
      setTotal(0);
      return;
    }
    getClient()
      .api.listReports({ ids: idList, sort, limit: PAGE, offset: 0 })
      .then((r) => {
        if (my !== req.current) return;
        setRows(r.rows);
        setTotal(r.total);
      })
      .catch((e: Error) => my === req.current && setError(e.message));
  }, [idList, sort]);

  const more = () => {
    void getClient()
      .api.listReports({ ids: idList, sort, limit: PAGE, offset: rows.length })
      .then((r) => setRows((old) => [...old, ...r.rows]));
  };

  const exportCsv = async () => {
    const bytes = await getClient().api.exportReportsCsv({ ids: idList, sort, lang });
    const blob = new Blob([bytes as BlobPart], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `rejon-${props.selection.title.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  const header = (key: ReportSortKey, label: string) => (
    <th onClick={() => setSort((s) => ({ by: key, dir: s.by === key && s.dir === 'desc' ? 'asc' : 'desc' }))} className="sortable" data-testid={`sort-${key}`}>
      {label} {sort.by === key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
    </th>
  );
  const change = stats.previous != null && stats.previous > 0 ? Math.round(((stats.count - stats.previous) / stats.previous) * 100) : null;

  return (
    <aside className="drilldown" data-testid="drilldown">
      <div className="panel-title row">
        <span data-testid="drilldown-title">{props.selection.title}</span>
        <button className="link" onClick={props.onClose} data-testid="drilldown-close" title="Esc">{t('close')} ✕</button>
      </div>
      {props.selection.details && <div className="muted small">{props.selection.details}</div>}
      <div className="kpis">
        <div className="kpi">
          <strong data-testid="drilldown-count" data-count={stats.count}>{n(stats.count)}</strong> {p('reports', stats.count)}
          {stats.previous != null && (
            <div className="muted small" data-testid="drilldown-previous">
              {t('previousPeriod')}: {n(stats.previous)}{change != null ? ` (${change > 0 ? '+' : ''}${change}%)` : ''}
            </div>
          )}
        </div>
        <div className="kpi small">
          <span className="dot open" /> {t('statusOpen')} {n(stats.byStatusGroup[0])}<br />
          <span className="dot confirmed" /> {t('statusConfirmed')} {n(stats.byStatusGroup[1])}<br />
          <span className="dot rejected" /> {t('statusRejected')} {n(stats.byStatusGroup[2])}
        </div>
      </div>
      <h4>{t('trendMonthly')}</h4>
      <TrendChart values={stats.byMonth} labels={props.monthLabels} period={props.periodMonths} />
      <h4>{t('categoryBars')}</h4>
      <CategoryBars byCategory={stats.byCategory} lang={lang} />
      <h4>{t('hourWeekday')}</h4>
      <HourWeekdayMatrix m={stats.hourWeekday} lang={lang} />
      <div className="row">
        <h4>{t('reportList')} ({n(total)})</h4>
        <button onClick={() => void exportCsv()} data-testid="export-csv" disabled={total === 0}>{t('exportCsv')}</button>
      </div>
      {error && <div className="error-text">{error}</div>}
      {stats.count === 0 && <div className="muted">{t('noReportsHere')}</div>}
      <div className="table-wrap">
        <table className="reports" data-testid="report-table">
          <thead>
            <tr>
              {header('sourceId', tm('provenance.ui.colNumber'))}
              {header('createdAt', t('colDate'))}
              {header('category', t('colCategory'))}
              {header('status', t('colStatus'))}
              <th>{t('colDescription')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const cat = categoryByCode(r.categoryCode);
              const st = statusByCode(r.statusCode);
              const on = props.highlightedIds.has(r.id);
              return (
                <tr key={r.id} className={on ? 'selected' : ''} data-report-id={r.id} data-source-id={r.sourceId}
                  onClick={() => {
                    props.onHighlight(on ? [] : [r.id]);
                    if (!on) props.onOpenReport(r.id);
                  }}
                  ref={(el) => { if (el && on && props.highlightedIds.size === 1) el.scrollIntoView({ block: 'nearest' }); }}>
                  <td className="nowrap">{r.sourceId}</td>
                  <td className="nowrap">{formatWarsaw(r.createdAt)}</td>
                  <td>{lang === 'en' && cat ? cat.nameEn : r.category}</td>
                  <td>{lang === 'en' && st ? st.nameEn : r.status}</td>
                  <td className="desc">{r.description}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length < total && <button onClick={more} className="link">{t('loadMore')}</button>}
      </div>
    </aside>
  );
}

/**
 * Police briefing pages (odprawa), A4 landscape, one `.print-page` each: title page, overview of the
 * whole scope, and per beat a map page (map, key numbers, summary) and a detail page (hotspot table,
 * category chart, hour × weekday matrix). Built from getBriefingData only.
 */
import { translate } from '../../shared/i18n';
import type { ReactNode } from 'react';
import type { BeatBriefing, BriefingData, BriefingPeriod } from '../../shared/contract/briefing';
import { CategoryBars, HourWeekdayMatrix } from './charts';
import { useBriefingI18n, type BriefingI18n } from './i18n';
import { BeatMap, OverviewMap, policeSource } from './maps';
import { importText, kindLabel } from '../../shared/provenance';

const demoCount = (d: BriefingData) => d.sources.filter((s) => s.kind === 'demo').reduce((a, s) => a + s.reports, 0);
const totalCounted = (d: BriefingData) => d.sources.reduce((a, s) => a + s.reports, 0);
/** Share of the counted reports that are synthetic demo data (0 when none, 1 when all). */
function demoShare(d: BriefingData): number {
  const total = totalCounted(d);
  return total === 0 ? (d.demo ? 1 : 0) : demoCount(d) / total;
}
import { rangeDays, warsawDay } from './periods';
import { hoursText, methodNotesText, summaryText } from '../../shared/briefingText';
import { hotspotRuleText } from '../../shared/hotspotText';
import { hourRuns } from '../data/filter';

// Page content box: 273 × 182 mm ≈ 1030 × 686 CSS px (print.css); the widths below are laid out for it.

export function periodText(tr: BriefingI18n, p: { from: string; to: string; days?: number; fromHour?: number; toHour?: number }): string {
  if (p.fromHour != null || p.toHour != null) {
    const h = (n: number) => `${String(n).padStart(2, '0')}:00`;
    return `${tr.day(p.from)} ${h(p.fromHour ?? 0)} – ${tr.day(p.to)} ${h(p.toHour ?? 24)}`;
  }
  const days = p.days ?? null;
  return `${tr.day(p.from)} – ${tr.day(p.to)}${days != null ? ` (${tr.t('days', { n: days })})` : ''}`;
}

/** Reports per km² with sensible precision: "< 0,1" below 0.1 (never "0,0"), one decimal below 10. */
export function rateText(tr: BriefingI18n, v: number | null): string {
  if (v == null) return '–';
  if (v === 0) return '0';
  if (v < 0.1) return `< ${tr.n(0.1, 1)}`;
  return tr.n(v, v < 10 ? 1 : 0);
}

/** "dane do 30.11.2026 (4 dni temu)": the newest report's Warsaw day and its age on the day the briefing was made. */
export function dataAgeText(tr: BriefingI18n, dataDate: number | null, generatedAt: number): string {
  if (dataDate == null) return '–';
  const day = warsawDay(dataDate);
  const days = Math.max(0, rangeDays({ from: day, to: warsawDay(generatedAt) }) - 1);
  return translate(tr.lang, 'briefing.page.dataAge', { date: tr.day(day), days });
}

const WEEKDAY_NAMES: Record<'pl' | 'en', string[]> = {
  pl: ['pn', 'wt', 'śr', 'cz', 'pt', 'sb', 'nd'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** Hour and weekday filters carried over from the map, as stated on the pages ([] when none). */
export function timeFilterTexts(tr: BriefingI18n, hours: number[], weekdays: number[]): string[] {
  const out: string[] = [];
  if (hours.length && hours.length < 24) {
    const list = hourRuns(hours).map(([a, b]) => `${String(a).padStart(2, '0')}:00–${String((b + 1) % 24 || 24).padStart(2, '0')}:00`).join(', ');
    out.push(translate(tr.lang, 'briefing.page.hoursFilter', { list }));
  }
  if (weekdays.length && weekdays.length < 7) out.push(translate(tr.lang, 'briefing.page.weekdaysFilter', { list: weekdays.map((d) => WEEKDAY_NAMES[tr.lang][d]).join(', ') }));
  return out;
}

export function PageHeader({ title, sub, right, badge }: { title: string; sub?: ReactNode; right?: ReactNode; badge?: ReactNode }) {
  return (
    <header className="pp-header">
      <div className="pp-header-main">
        <h2>{title}</h2>
        {sub && <div className="pp-sub">{sub}</div>}
      </div>
      <div className="pp-header-right">
        {badge}
        {right}
      </div>
    </header>
  );
}

function OfficialMark() {
  const { t } = useBriefingI18n();
  return <span className="pp-official">{t('forOfficialUse')}</span>;
}

type Numbers = Pick<BeatBriefing, 'count' | 'previousCount' | 'change' | 'changePct' | 'pValue' | 'significant' | 'ratePerKm2' | 'confirmedShare' | 'medianVerificationHours' | 'areaKm2'>;

export function KeyNumbers({ s, compact = false, testId, minReports = 0 }: { s: Numbers; compact?: boolean; testId?: string; minReports?: number }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const few = s.count + s.previousCount < minReports;
  const dir = s.significant ? (s.change > 0 ? 'up' : s.change < 0 ? 'down' : '') : 'flat';
  return (
    <div className={`pp-kpis${compact ? ' compact' : ''}`} data-testid={testId}>
      <div className="pp-kpi pp-main">
        <div className="pp-kpi-label">{t('count')}</div>
        <div className="pp-kpi-value" data-testid="kpi-count">{tr.n(s.count)}</div>
      </div>
      <div className="pp-kpi">
        <div className="pp-kpi-label">{t('previous')}</div>
        <div className="pp-kpi-value">{tr.n(s.previousCount)}</div>
      </div>
      <div className={`pp-kpi change ${dir}`}>
        <div className="pp-kpi-label">{t('change')}</div>
        <div className="pp-kpi-value">
          {tr.signed(s.change)}{!few && <span className="pp-kpi-pct"> ({tr.signedPct(s.changePct)})</span>}
        </div>
      </div>
      <div className="pp-kpi">
        <div className="pp-kpi-label">{t('significance')}</div>
        <div className="pp-kpi-value small">
          {few ? translate(tr.lang, 'briefing.page.tooFew') : tr.p(s.pValue)}
          {!few && <div className={s.significant ? 'pp-sig yes' : 'pp-sig'}>{s.significant ? t('significant') : t('notSignificant')}</div>}
        </div>
      </div>
      <div className="pp-kpi">
        <div className="pp-kpi-label">{t('rate')}</div>
        <div className="pp-kpi-value">{rateText(tr, s.ratePerKm2)}</div>
        <div className="pp-kpi-note">{t('area')}: {tr.n(s.areaKm2, 1)} km²</div>
      </div>
      <div className="pp-kpi">
        <div className="pp-kpi-label">{t('confirmedShare')}</div>
        <div className="pp-kpi-value">{tr.pct(s.confirmedShare)}</div>
      </div>
      <div className="pp-kpi">
        <div className="pp-kpi-label">{t('verification')}</div>
        <div className="pp-kpi-value">{s.medianVerificationHours == null ? '–' : t('hoursShort', { n: tr.n(s.medianVerificationHours, s.medianVerificationHours < 10 ? 1 : 0) })}</div>
      </div>
    </div>
  );
}

function periodLine(tr: BriefingI18n, period: BriefingPeriod, comparison: BriefingPeriod, filters: string[] = []) {
  return (
    <>
      {periodText(tr, period)} <span className="muted">{tr.lang === 'pl' ? 'wobec' : 'vs'} {periodText(tr, comparison)}</span>
      {filters.length > 0 && <span className="pp-filters"> · {filters.join(' · ')}</span>}
    </>
  );
}

function TitlePage({ data }: { data: BriefingData }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const scope = data.scope === 'command' ? t('scopeCommand') : data.beats.map((b) => b.name).join(', ');
  const filters = [
    data.categories.length ? t('categoriesN', { list: data.categories.map(tr.category).join(', ') }) : null,
    data.statuses.length ? t('statusesN', { list: data.statuses.map(tr.status).join(', ') }) : null,
    ...timeFilterTexts(tr, data.hours, data.weekdays),
  ].filter(Boolean);
  return (
    <section className="print-page pp-title-page" data-page="title">
      <div className="pp-title-top">
        <span className="pp-doc-kind">{tr.lang === 'pl' ? 'Odprawa' : 'Briefing'}</span>
        <OfficialMark />
      </div>
      <h1 data-testid="doc-title">{data.title}</h1>
      <table className="pp-facts">
        <tbody>
          <tr><th>{t('scope')}</th><td>{scope}{data.scope === 'beats' && data.beats.length > 1 ? ` (${t('beatsN', { n: data.beats.length })})` : ''}</td></tr>
          <tr><th>{t('periodLong')}</th><td data-testid="period">{periodText(tr, data.period)}</td></tr>
          <tr><th>{t('comparisonLong')}</th><td data-testid="comparison">{periodText(tr, data.comparison)} — {translate(tr.lang, 'briefing.page.comparisonLabel', { kind: data.comparisonKind })}</td></tr>
          <tr><th>{t('filtersLong')}</th><td>{filters.length ? filters.join('; ') : t('noFilters')}</td></tr>
          <tr><th>{t('dataDate')}</th><td data-testid="data-date">{dataAgeText(tr, data.dataDate, data.generatedAt)}</td></tr>
          <tr><th>{t('source')}</th><td data-testid="briefing-sources">{policeSource(data, tr.lang)}</td></tr>
          <tr><th>{t('workspace')}</th><td>{data.workspaceName}</td></tr>
          <tr><th>{t('generated')}</th><td>{tr.dateTime(data.generatedAt)}</td></tr>
        </tbody>
      </table>
      {data.provenance.length > 0 && (
        <div className="pp-provenance" data-testid="briefing-provenance">
          <h3>{t('provenance')}</h3>
          <ul>
            {data.provenance.slice(-6).map((p) => (
              <li key={p.importId}>
                <strong>{p.fileName}</strong> ({kindLabel(tr.lang, p.kind)}{importText(p.kind, p.provenance) ? `, ${importText(p.kind, p.provenance)}` : ''}) —{' '}
                {translate(tr.lang, 'provenance.briefing.import', { date: tr.day(warsawDay(p.importedAt)), reports: p.rows })}
              </li>
            ))}
            {data.provenance.length > 6 && <li>… (+{data.provenance.length - 6})</li>}
          </ul>
          <div className="muted">{translate(tr.lang, 'provenance.source.rule')}</div>
        </div>
      )}
      {demoShare(data) > 0 && (
        <div className="pp-demo" data-testid="briefing-demo">
          {demoShare(data) === 1 ? t('demoData') : translate(tr.lang, 'provenance.briefing.demoPart', { demo: demoCount(data), total: totalCounted(data) })}
        </div>
      )}
      <div className="pp-title-foot">
        <span>{t('forOfficialUse')}</span>
        <span>Rejon</span>
      </div>
    </section>
  );
}

function OverviewPage({ data }: { data: BriefingData }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const rows = data.beats;
  const dense = rows.length > 16;
  return (
    <section className="print-page" data-page="overview">
      <PageHeader title={`${t('overview')} — ${data.scope === 'command' ? t('scopeCommand') : t('overviewScope')}`} sub={periodLine(tr, data.period, data.comparison, timeFilterTexts(tr, data.hours, data.weekdays))} badge={<OfficialMark />} />
      <div className="pp-body pp-overview">
        <div className="pp-col-map">
          <OverviewMap data={data} width={470} height={610} />
        </div>
        <div className="pp-col-side">
          <KeyNumbers s={data.total} compact testId="total-kpis" minReports={data.minReports} />
          {data.sections.summary && <p className="pp-summary" lang={tr.lang} data-testid="summary-total">{summaryText(tr.lang, data.total.summary)}</p>}
          <table className={`pp-table${dense ? ' dense' : ''}`} data-testid="beats-table">
            <thead>
              <tr>
                <th>{t('thBeat')}</th>
                <th className="num">{t('thCount')}</th>
                <th className="num">{t('thPrevious')}</th>
                <th className="num">{t('thChange')}</th>
                <th className="num">{t('thP')}</th>
                <th className="num">{t('thRate')}</th>
                <th className="num">{t('thHotspots')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id} className={b.significant ? 'sig' : ''}>
                  <td className="name">{b.name}</td>
                  <td className="num">{tr.n(b.count)}</td>
                  <td className="num">{tr.n(b.previousCount)}</td>
                  <td className="num">{b.quiet ? '–' : tr.signedPct(b.changePct)}</td>
                  <td className="num">{b.quiet ? '–' : `${tr.p(b.pValue).replace(/^p\s*=?\s*/, '')}${b.significant ? ' *' : ''}`}</td>
                  <td className="num">{rateText(tr, b.ratePerKm2)}</td>
                  <td className="num">{b.hotspots.length}</td>
                </tr>
              ))}
              {data.total.outsideBeats && data.total.outsideBeats.count + data.total.outsideBeats.previousCount > 0 && (
                <tr className="outside" data-testid="briefing-outside-beats">
                  <td className="name">({translate(tr.lang, 'territory.stats.outsideBeats')})</td>
                  <td className="num">{tr.n(data.total.outsideBeats.count)}</td>
                  <td className="num">{tr.n(data.total.outsideBeats.previousCount)}</td>
                  <td className="num" colSpan={4} />
                </tr>
              )}
              {data.total.outsideTerritory && data.total.outsideTerritory.count + data.total.outsideTerritory.previousCount > 0 && (
                <tr className="outside" data-testid="briefing-outside-territory">
                  <td className="name">({translate(tr.lang, 'territory.stats.outsideTerritory')})</td>
                  <td className="num">{tr.n(data.total.outsideTerritory.count)}</td>
                  <td className="num">{tr.n(data.total.outsideTerritory.previousCount)}</td>
                  <td className="num" colSpan={4} />
                </tr>
              )}
            </tbody>
          </table>
          <div className="pp-note">* {t('significant')} (p &lt; {tr.n(0.05, 2)}). {methodNote(data, tr)} {translate(tr.lang, 'briefing.method.tooFewRule', { min: data.minReports })} {translate(tr.lang, 'briefing.method.quiet', { min: data.minReports })} {translate(tr.lang, 'briefing.method.rate')}</div>
        </div>
      </div>
    </section>
  );
}

function methodNote(data: BriefingData, tr: BriefingI18n): string {
  const m = data.method;
  const notes = m.notes.length ? `${methodNotesText(tr.lang, m.notes)}.` : '';
  // the hotspots come from the analyses' place rule: stated as the analyses state it (no analysis: only why not)
  return m.rule ? `${hotspotRuleText(tr.lang, m.rule)}${notes ? ` ${notes}` : ''}` : notes;
}

function beatSub(tr: BriefingI18n, data: BriefingData, beat: BeatBriefing) {
  const extra = [beat.unit, beat.officer ? `${tr.t('officer')}: ${beat.officer}` : null].filter(Boolean).join(' · ');
  return (
    <>
      {periodLine(tr, data.period, data.comparison, timeFilterTexts(tr, data.hours, data.weekdays))}
      {extra && <span className="pp-beat-extra"> · {extra}</span>}
    </>
  );
}

function BeatMapPage({ data, beat }: { data: BriefingData; beat: BeatBriefing }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const s = data.sections;
  return (
    <section className="print-page" data-page="beat-map" data-beat={beat.id}>
      <PageHeader title={beat.name} sub={beatSub(tr, data, beat)} badge={<OfficialMark />} />
      <div className="pp-body pp-beat">
        {s.map && (
          <div className="pp-col-map">
            <BeatMap data={data} beat={beat} width={s.keyNumbers || s.summary ? 600 : 1030} height={620} />
          </div>
        )}
        {(s.keyNumbers || s.summary) && (
          <div className="pp-col-side">
            {s.keyNumbers && <KeyNumbers s={beat} testId={`kpis-${beat.id}`} minReports={data.minReports} />}
            {s.summary && (
              <div className="pp-summary-box">
                <h3>{t('summary')}</h3>
                <p className="pp-summary" lang={tr.lang} data-testid={`summary-${beat.id}`}>{summaryText(tr.lang, beat.summary)}</p>
                <div className="pp-note">{t('summaryNote')}{beat.quiet ? ` ${translate(tr.lang, 'briefing.page.quiet')}` : ''}</div>
              </div>
            )}
            {s.map && beat.hotspots.length > 0 && (
              <ol className="pp-rank-list">
                {beat.hotspots.slice(0, 6).map((h) => (
                  <li key={h.rank}>
                    <span className="pp-rank">{h.rank}</span> {translate(tr.lang, h.location)} — {tr.n(h.count)}
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

const MAX_HOTSPOT_ROWS = 8;

function BeatDetailPage({ data, beat }: { data: BriefingData; beat: BeatBriefing }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const s = data.sections;
  const hs = beat.hotspots.slice(0, MAX_HOTSPOT_ROWS);
  const catItems = beat.categories.map((c) => ({ name: tr.category(c.name), value: c.count, label: tr.n(c.count), color: `rgb(${c.color.join(',')})` }));
  return (
    <section className="print-page" data-page="beat-detail" data-beat={beat.id}>
      <PageHeader title={`${beat.name} — ${t('continued')}`} sub={beatSub(tr, data, beat)} badge={<OfficialMark />} />
      <div className="pp-body pp-detail">
        <div className="pp-detail-top">
          {s.hotspots && (
            <div className="pp-hotspots">
              <h3>{t('hotspots')}</h3>
              {hs.length === 0 ? (
                <p className="muted">{t('noHotspots')}</p>
              ) : (
                <table className="pp-table" data-testid={`hotspots-${beat.id}`}>
                  <thead>
                    <tr>
                      <th className="num">{t('thRank')}</th>
                      <th>{t('thLocation')}</th>
                      <th className="num">{t('thCount')}</th>
                      <th>{t('thCategories')}</th>
                      <th className="num">{t('thConfirmed')}</th>
                      <th>{t('thHours')}</th>
                      <th className="num">{t('thConfidence')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {hs.map((h) => (
                      <tr key={h.rank}>
                        <td className="num"><span className="pp-rank">{h.rank}</span></td>
                        <td className="pp-loc">{translate(tr.lang, h.location)}</td>
                        <td className="num">{tr.n(h.count)}</td>
                        <td className="cats">{h.dominantCategories.slice(0, 3).map((c) => `${tr.category(c.name)} (${c.count})`).join(', ')}</td>
                        <td className="num">{tr.pct(h.confirmedShare)}</td>
                        <td className="pp-hours">{hoursText(tr.lang, h.hours)}</td>
                        <td className="num">{h.confidence}%</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {beat.hotspots.length > hs.length && <div className="pp-note">+{beat.hotspots.length - hs.length}</div>}
            </div>
          )}
          {s.categories && (
            <div className="pp-cats">
              <h3>{t('categoryChart')}</h3>
              {catItems.length ? <CategoryBars items={catItems} width={s.hotspots ? 420 : 1000} fontSize={9.5} rowHeight={s.matrix ? 24 : 34} testId={`categories-${beat.id}`} /> : <p className="muted">{t('noData')}</p>}
            </div>
          )}
        </div>
        {s.matrix && (
          <div className="pp-matrix">
            <h3>
              {t('matrix')} <span className="muted small">({t('matrixNote')})</span>
            </h3>
            <HourWeekdayMatrix matrix={beat.hourWeekday} width={1030} height={s.hotspots || s.categories ? 270 : 560} testId={`matrix-${beat.id}`} />
          </div>
        )}
      </div>
    </section>
  );
}

/** All police pages in order. */
export function PolicePages({ data }: { data: BriefingData }) {
  const s = data.sections;
  const pages: ReactNode[] = [];
  if (s.title) pages.push(<TitlePage key="title" data={data} />);
  if (s.overview) pages.push(<OverviewPage key="overview" data={data} />);
  for (const beat of data.beats) {
    if (s.map || s.keyNumbers || s.summary) pages.push(<BeatMapPage key={`m${beat.id}`} data={data} beat={beat} />);
    // a quiet beat (too few reports to judge anything) gets a short entry: its map page only
    if (!beat.quiet && (s.hotspots || s.categories || s.matrix)) pages.push(<BeatDetailPage key={`d${beat.id}`} data={data} beat={beat} />);
  }
  return <>{pages}</>;
}

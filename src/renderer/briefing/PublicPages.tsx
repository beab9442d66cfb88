/**
 * Public briefing pages (public PDF), built ONLY from getPublicBriefingData: beat and hexagon aggregates with
 * small counts suppressed, month counts and hour bands. No points, ids, descriptions or exact times exist in
 * that data, so none can appear here. Every page carries the PUBLICZNE / PUBLIC badge and the suppression note.
 */
import { translator } from '../../shared/i18n';
import type { ReactNode } from 'react';
import { sourcesText } from '../../shared/provenance';
import { translate } from '../../shared/i18n';
import type { PublicBeat, PublicBriefingData, PublicCount } from '../../shared/contract/briefing';
import { CategoryBars, ColumnChart, monthLabel, type BarItem } from './charts';
import { useBriefingI18n, type BriefingI18n } from './i18n';
import { PublicBeatsMap, PublicHexMap } from './maps';
import { PageHeader, periodText } from './PolicePages';
import { warsawDay } from './periods';

export function PublicBadge({ long = true }: { long?: boolean }) {
  const { t } = useBriefingI18n();
  return (
    <span className="public-badge" data-testid="public-badge">
      {long ? t('publicBadgeLong') : t('publicBadge')}
    </span>
  );
}

export function countItem(name: string, c: PublicCount, color?: string): BarItem {
  return { name, value: c.value, label: c.label, color };
}

export function bandItems(tr: BriefingI18n, bands: PublicCount[]): BarItem[] {
  const names = [tr.t('band0'), tr.t('band1'), tr.t('band2'), tr.t('band3')];
  return bands.map((b, i) => countItem(names[i] ?? String(i), b));
}

/** Month bars named "sty", "lut", … with the year under the first month and under every January. */
export function monthItems(tr: BriefingI18n, months: PublicBeat['months']): BarItem[] {
  return months.map((m, i) => {
    const [name, year] = monthLabel(m.month, tr.lang).split(' ');
    return countItem(i === 0 || m.month.endsWith('-01') ? `${name}\n'${year}` : name, m.count);
  });
}

/** The kinds of source of the reports counted, in the page's language (shown under a "source" label). */
export function sourceText(data: PublicBriefingData, lang: 'pl' | 'en'): string {
  const names = sourcesText(lang, data.sources.map((kind) => ({ kind, imports: 0, reports: 0 })), { counts: false, long: true });
  return translate(lang, 'provenance.public.note', { sources: names, date: data.dataDate ?? 'none' }).replace(/^\s*(Źródło|Source)\s*:\s*/i, '');
}

export function SuppressionNote({ data }: { data: PublicBriefingData }) {
  const { t } = useBriefingI18n();
  return (
    <div className="pub-note" data-testid="suppression-note">
      {t('suppressionNote', { t: data.threshold })} {t('hexNote', { n: data.hexSize })}
    </div>
  );
}

function PublicTitlePage({ data }: { data: PublicBriefingData }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const tm = translator(tr.lang);
  return (
    <section className="print-page pp-title-page public" data-page="public-title">
      <div className="pp-title-top">
        <span className="pp-doc-kind">{tr.lang === 'pl' ? 'Informacja dla mieszkańców' : 'Information for residents'}</span>
        <PublicBadge />
      </div>
      <h1 data-testid="doc-title">{data.title}</h1>
      <table className="pp-facts">
        <tbody>
          <tr><th>{t('periodLong')}</th><td data-testid="period">{periodText(tr, data.period)}</td></tr>
          <tr><th>{t('comparisonLong')}</th><td>{periodText(tr, data.comparison)}</td></tr>
          {data.categories.length > 0 && <tr><th>{t('categories')}</th><td>{data.categories.map(tr.category).join(', ')}</td></tr>}
          <tr><th>{t('dataDate')}</th><td>{data.dataDate ? tr.day(data.dataDate) : '–'}</td></tr>
          <tr><th>{t('source')}</th><td data-testid="public-sources">{sourceText(data, tr.lang)}</td></tr>
          <tr><th>{t('generated')}</th><td>{tr.day(warsawDay(data.generatedAt))}</td></tr>
        </tbody>
      </table>
      <p className="pub-title-note">{t('publicTitleNote')} {tm('public.fixedNote')}</p>
      <SuppressionNote data={data} />
    </section>
  );
}

function BigCount({ count, previous, changePct, testId }: { count: PublicCount; previous: PublicCount; changePct: number | null; testId?: string }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  return (
    <div className="pub-big" data-testid={testId}>
      <div className="pub-big-label">{t('publicCount')}</div>
      <div className="pub-big-value">{count.label}</div>
      <div className="pub-big-prev">
        {previous.label} {t('publicPrevious')}
        {changePct != null && <strong> ({tr.signedPct(changePct)})</strong>}
      </div>
    </div>
  );
}

function PublicOverviewPage({ data }: { data: PublicBriefingData }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const tm = translator(tr.lang);
  return (
    <section className="print-page public" data-page="public-overview">
      <PageHeader title={`${t('overview')} — ${tm('public.totalScope')}`} sub={`${periodText(tr, data.period)} · ${tr.lang === 'pl' ? 'porównanie' : 'compared with'}: ${periodText(tr, data.comparison)}`} badge={<PublicBadge />} />
      <div className="pp-body pp-overview">
        <div className="pp-col-map">
          <PublicBeatsMap data={data} width={520} height={590} testId="public-overview-map" />
        </div>
        <div className="pp-col-side">
          <BigCount count={data.total.count} previous={data.total.previousCount} changePct={data.total.changePct} testId="public-total" />
          <table className={`pp-table${data.beats.length > 16 ? ' dense' : ''}`}>
            <thead>
              <tr>
                <th>{t('thBeat')}</th>
                <th className="num">{t('thCount')}</th>
                <th className="num">{t('thPrevious')}</th>
                <th className="num">{t('thChange')}</th>
              </tr>
            </thead>
            <tbody>
              {data.beats.map((b) => (
                <tr key={b.id}>
                  <td className="name">{b.name}</td>
                  <td className="num">{b.count.label}</td>
                  <td className="num">{b.previousCount.label}</td>
                  <td className="num">{tr.signedPct(b.changePct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <SuppressionNote data={data} />
    </section>
  );
}

function PublicBeatPage({ data, beat }: { data: PublicBriefingData; beat: PublicBeat }) {
  const tr = useBriefingI18n();
  const { t } = tr;
  const cats = beat.categories.slice(0, 8).map((c) => countItem(tr.category(c.name), c.count));
  return (
    <section className="print-page public" data-page="public-beat" data-beat={beat.id}>
      <PageHeader title={beat.name} sub={periodText(tr, data.period)} badge={<PublicBadge />} />
      <div className="pp-body pp-beat">
        <div className="pp-col-map">
          <PublicHexMap data={data} beatId={beat.id} width={560} height={590} testId={`public-map-${beat.id}`} />
        </div>
        <div className="pp-col-side">
          <BigCount count={beat.count} previous={beat.previousCount} changePct={beat.changePct} />
          <h3>{t('categories')}</h3>
          {cats.length ? <CategoryBars items={cats} width={450} fontSize={9.5} rowHeight={22} /> : <p className="muted">{t('noData')}</p>}
          <div className="pub-two">
            <div>
              <h3>{t('hourBands')}</h3>
              <ColumnChart items={bandItems(tr, beat.hourBands)} width={210} height={190} fontSize={8.5} />
            </div>
            <div>
              <h3>{t('months')}</h3>
              <ColumnChart items={monthItems(tr, beat.months)} width={230} height={190} fontSize={8.5} color="#5b87bd" />
            </div>
          </div>
        </div>
      </div>
      <SuppressionNote data={data} />
    </section>
  );
}

/** Public pages in order; `sections.title` / `sections.overview` false leave those pages out. */
export function PublicPages({ data, sections }: { data: PublicBriefingData; sections?: { title?: boolean; overview?: boolean } }) {
  const pages: ReactNode[] = [];
  if (sections?.title !== false) pages.push(<PublicTitlePage key="title" data={data} />);
  if (sections?.overview !== false) pages.push(<PublicOverviewPage key="overview" data={data} />);
  for (const b of data.beats) pages.push(<PublicBeatPage key={b.id} data={data} beat={b} />);
  return <>{pages}</>;
}

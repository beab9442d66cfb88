import { CATEGORIES, CATEGORY_GROUPS } from '../../core/domain/categories';
import { STATUSES, STATUS_GROUPS } from '../../core/domain/statuses';
import { formatWarsaw, warsawToUtc } from '../../core/domain/time';
import type { DistrictSummary } from '../../shared/contract';
import {
  ALL_CATEGORY_CODES, ALL_HOURS, ALL_STATUS_CODES, ALL_WEEKDAYS, DAY_MS, EMPTY_FILTER, categoryCodesOfGroup, halfYearPresets, matchPreset,
  presetPeriod, statusCodesOfGroup, toggleIn, weekdayNames, type FilterState, type PresetId,
} from '../data/filter';
import type { Evaluation } from '../data/compute';
import type { ReactNode } from 'react';
import { DataAge } from './DataAge';
import { useI18n } from '../i18n/i18n';

interface Props {
  filter: FilterState;
  onChange(next: FilterState): void;
  firstReportAt: number;
  lastReportAt: number;
  districts: DistrictSummary[];
  evaluation: Evaluation | null;
  /** The workspace has a territory: offer inside / outside. */
  hasTerritory?: boolean;
}

function dateInput(utcMs: number): string {
  return formatWarsaw(utcMs, false);
}
function parseDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? warsawToUtc(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Tri-state group checkbox + members. */
function Group({ label, codes, selected, onToggle, children, testId }: { label: string; codes: number[]; selected: number[] | null; onToggle(on: boolean): void; children?: ReactNode; testId: string }) {
  const sel = new Set(selected ?? codes);
  const n = codes.filter((c) => sel.has(c)).length;
  return (
    <details className="fgroup">
      <summary>
        <input
          type="checkbox"
          data-testid={testId}
          checked={n === codes.length}
          ref={(el) => {
            if (el) el.indeterminate = n > 0 && n < codes.length;
          }}
          onChange={(e) => onToggle(e.target.checked)}
          onClick={(e) => e.stopPropagation()}
        />
        <span>{label}</span>
      </summary>
      <div className="fgroup-items">{children}</div>
    </details>
  );
}

export function FilterPanel({ filter, onChange, firstReportAt, lastReportAt, districts, evaluation, hasTerritory }: Props) {
  const { t, lang, n, tm } = useI18n();
  const set = (patch: Partial<FilterState>) => onChange({ ...filter, ...patch });
  const today = Date.now();
  const preset = matchPreset(filter, firstReportAt, lastReportAt, today);
  const applyPreset = (id: PresetId) => set(presetPeriod(id, today));
  const halves = halfYearPresets(firstReportAt, lastReportAt);
  const catCount = (code: number) => evaluation?.byCategory[code] ?? 0;
  const wd = weekdayNames(lang);
  const hourSet = new Set(filter.hours ?? ALL_HOURS);
  const wdSet = new Set(filter.weekdays ?? ALL_WEEKDAYS);
  const distSel = new Set(filter.districts ?? []);
  const allDistrictIds = [0, ...districts.map((d) => d.id)];

  return (
    <div className="filters" data-testid="filter-panel">
      <div className="panel-title row">
        <span>{t('filters')}</span>
        <button className="link" data-testid="clear-filters" onClick={() => onChange({ ...EMPTY_FILTER, compare: filter.compare })}>{t('clearFilters')}</button>
      </div>

      <section>
        <h4>{t('periodLabel')}</h4>
        <DataAge lastReportAt={lastReportAt} now={today} />
        <div className="chips">
          {(['all', 'last7', 'last30', 'last90'] as const).map((id) => (
            <button key={id} className={preset === id ? 'chip on' : 'chip'} data-testid={`preset-${id}`} onClick={() => applyPreset(id)}>
              {t(({ all: 'presetAll', last7: 'presetLast7', last30: 'presetLast30', last90: 'presetLast90' } as const)[id])}
            </button>
          ))}
        </div>
        <div className="chips">
          {halves.map((h) => (
            <button key={h.id} className={preset === h.id ? 'chip on' : 'chip'} data-testid={`preset-${h.id}`} onClick={() => applyPreset(h.id)}>
              {t(h.half === 1 ? 'halfYear1' : 'halfYear2')} {h.year}
            </button>
          ))}
        </div>
        <div className="dates">
          <label>
            {t('dateFrom')}
            <input type="date" data-testid="date-from" value={dateInput(filter.from ?? firstReportAt)} onChange={(e) => { const v = parseDate(e.target.value); if (v != null) set({ from: v }); }} />
          </label>
          <label>
            {t('dateTo')}
            <input type="date" data-testid="date-to" value={dateInput((filter.to ?? lastReportAt + 1) - 1)} onChange={(e) => { const v = parseDate(e.target.value); if (v != null) set({ to: v + DAY_MS }); }} />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" data-testid="compare" checked={filter.compare} onChange={(e) => set({ compare: e.target.checked })} />
          {t('comparePrevious')}
        </label>
      </section>

      <section>
        <h4>{t('categories')}</h4>
        {CATEGORY_GROUPS.filter((g) => g.id !== 'other').map((g) => {
          const codes = categoryCodesOfGroup(g.id);
          return (
            <Group key={g.id} testId={`catgroup-${g.id}`} label={lang === 'pl' ? g.name : g.nameEn} codes={codes} selected={filter.categories}
              onToggle={(on) => set({ categories: toggleIn(filter.categories, codes, on, ALL_CATEGORY_CODES) })}>
              {CATEGORIES.filter((c) => c.group === g.id).map((c) => (
                <label key={c.code} className="check">
                  <input type="checkbox" data-testid={`cat-${c.code}`} checked={filter.categories == null || filter.categories.includes(c.code)}
                    onChange={(e) => set({ categories: toggleIn(filter.categories, [c.code], e.target.checked, ALL_CATEGORY_CODES) })} />
                  <span className="swatch" style={{ background: `rgb(${c.color.join(',')})` }} />
                  <span className="grow">{lang === 'pl' ? c.name : c.nameEn}</span>
                  <span className="muted">{n(catCount(c.code))}</span>
                </label>
              ))}
            </Group>
          );
        })}
      </section>

      <section>
        <h4>{t('statuses')}</h4>
        {STATUS_GROUPS.map((g) => {
          const codes = statusCodesOfGroup(g.id);
          return (
            <Group key={g.id} testId={`statusgroup-${g.id}`} label={lang === 'pl' ? g.name : g.nameEn} codes={codes} selected={filter.statuses}
              onToggle={(on) => set({ statuses: toggleIn(filter.statuses, codes, on, ALL_STATUS_CODES) })}>
              {STATUSES.filter((s) => s.group === g.id).map((s) => (
                <label key={s.code} className="check">
                  <input type="checkbox" checked={filter.statuses == null || filter.statuses.includes(s.code)}
                    onChange={(e) => set({ statuses: toggleIn(filter.statuses, [s.code], e.target.checked, ALL_STATUS_CODES) })} />
                  {lang === 'pl' ? s.name : s.nameEn}
                </label>
              ))}
            </Group>
          );
        })}
      </section>

      <section>
        <h4>{t('beats')}</h4>
        <div className="beats-list">
          {districts.map((d) => (
            <label key={d.id} className="check">
              <input type="checkbox" data-testid={`beat-${d.id}`} checked={filter.districts == null || distSel.has(d.id)}
                onChange={(e) => set({ districts: toggleIn(filter.districts, [d.id], e.target.checked, allDistrictIds) })} />
              <span className="grow">{d.name}</span>
              <span className="muted">{n(evaluation?.byDistrict[d.id] ?? 0)}</span>
            </label>
          ))}
          <label className="check">
            <input type="checkbox" checked={filter.districts == null || distSel.has(0)} onChange={(e) => set({ districts: toggleIn(filter.districts, [0], e.target.checked, allDistrictIds) })} />
            <span className="grow">{t('outsideBeats')}</span>
            <span className="muted">{n(evaluation?.byDistrict[0] ?? 0)}</span>
          </label>
        </div>
      </section>

      {(hasTerritory || filter.territory) && (
        <section data-testid="filter-territory">
          <h4>{tm('territory.filter.title')}</h4>
          <div className="chips">
            {([null, 'inside', 'outside'] as const).map((v) => (
              <button key={v ?? 'all'} className={filter.territory === v ? 'chip on' : 'chip'} data-testid={`territory-${v ?? 'all'}`} onClick={() => set({ territory: v })}>
                {tm(v === 'inside' ? 'territory.filter.inside' : v === 'outside' ? 'territory.filter.outside' : 'territory.filter.all')}
              </button>
            ))}
          </div>
        </section>
      )}

      <section>
        <h4>{t('hours')}</h4>
        <div className="hours" data-testid="hours">
          {ALL_HOURS.map((h) => (
            <button key={h} className={hourSet.has(h) ? 'hour on' : 'hour'} data-testid={`hour-${h}`} title={`${h}:00–${h}:59`}
              onClick={() => set({ hours: toggleIn(filter.hours, [h], !hourSet.has(h), ALL_HOURS) })}>
              {h}
            </button>
          ))}
        </div>
        <div className="chips">
          <button className="chip" onClick={() => set({ hours: null })}>{t('all')}</button>
          <button className="chip" data-testid="hours-day" onClick={() => set({ hours: ALL_HOURS.filter((h) => h >= 6 && h < 22) })}>{t('hoursDay')}</button>
          <button className="chip" data-testid="hours-night" onClick={() => set({ hours: ALL_HOURS.filter((h) => h >= 22 || h < 6) })}>{t('hoursNight')}</button>
        </div>
      </section>

      <section>
        <h4>{t('weekdays')}</h4>
        <div className="chips">
          {ALL_WEEKDAYS.map((d) => (
            <button key={d} className={wdSet.has(d) ? 'chip on' : 'chip'} data-testid={`weekday-${d}`} onClick={() => set({ weekdays: toggleIn(filter.weekdays, [d], !wdSet.has(d), ALL_WEEKDAYS) })}>
              {wd[d]}
            </button>
          ))}
        </div>
        <div className="chips">
          <button className="chip" onClick={() => set({ weekdays: [0, 1, 2, 3, 4] })}>{t('weekdaysWork')}</button>
          <button className="chip" onClick={() => set({ weekdays: [5, 6] })}>{t('weekdaysWeekend')}</button>
        </div>
      </section>
    </div>
  );
}

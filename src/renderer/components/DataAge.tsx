import { formatWarsaw } from '../../core/domain/time';
import { dataAgeDays } from '../data/dataAge';
import { useI18n } from '../i18n/i18n';

/** "dane do 2026-11-30, 4 dni temu": shown wherever a period is chosen (issue 15). */
export function DataAge({ lastReportAt, now = Date.now() }: { lastReportAt: number | null | undefined; now?: number }) {
  const { tm } = useI18n();
  if (lastReportAt == null) return <div className="data-age muted small" data-testid="data-age">{tm('ux.dataAge.none')}</div>;
  const days = dataAgeDays(lastReportAt, now);
  return (
    <div className={`data-age small${days > 2 ? ' old' : ''}`} data-testid="data-age" data-days={days} title={tm('ux.dataAge.title', { today: formatWarsaw(now, false) })}>
      {tm('ux.dataAge', { date: formatWarsaw(lastReportAt, false), days })}
    </div>
  );
}

import { formatWarsaw } from '../../core/domain/time';
import type { WorkspaceInfo } from '../../shared/contract';
import { useI18n } from '../i18n/i18n';

export function StatusBar({ info }: { info: WorkspaceInfo | null }) {
  const { t, n, p } = useI18n();
  if (!info) return <footer className="statusbar">{t('loading')}</footer>;
  return (
    <footer className="statusbar">
      <span title={info.path}>
        {t('workspace')}: <strong data-testid="workspace-name">{info.name}</strong>
      </span>
      <span>
        <strong data-testid="report-count" data-count={info.reports}>{n(info.reports)}</strong> {p('reports', info.reports)}
      </span>
      <span>
        <strong data-testid="district-count">{n(info.districts)}</strong> {p('districts', info.districts)}
      </span>
      {info.firstReportAt != null && info.lastReportAt != null && (
        <span>
          {t('period')}: {formatWarsaw(info.firstReportAt, false)} – {formatWarsaw(info.lastReportAt, false)}
        </span>
      )}
      {info.reports === 0 && <span>{t('noData')}</span>}
    </footer>
  );
}

import { formatWarsaw } from '../../core/domain/time';
import type { WorkspaceInfo } from '../../shared/contract';
import { useI18n } from '../i18n/i18n';

export function StatusBar({ info, shown }: { info: WorkspaceInfo | null; shown: number | null }) {
  const { t, n, p, tm } = useI18n();
  if (!info) return <footer className="statusbar">{t('loading')}</footer>;
  const count = shown ?? info.reports;
  return (
    <footer className="statusbar">
      <span title={info.path}>
        {t('workspace')}: <strong data-testid="workspace-name">{info.name}</strong>
        {info.readOnly && (
          <span className="muted" data-testid="workspace-readonly" title={tm('security.workspace.readOnly')}>
            {' '}({tm('security.workspace.readOnlyBadge')})
          </span>
        )}
      </span>
      <span>
        <strong data-testid="report-count" data-count={count} data-total={info.reports}>{n(count)}</strong> {p('reports', count)}
        {count !== info.reports && <span className="muted"> ({t('ofTotal')} {n(info.reports)})</span>}
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
      <span className="spacer" />
      <span className="muted small">? – {t('help')}</span>
    </footer>
  );
}

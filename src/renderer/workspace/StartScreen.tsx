/**
 * The start screen, shown when no workspace is open (or asked for from the switcher): New / Open / Demo and the
 * recently opened workspaces with their report count, data period and when they were last opened.
 */
import { useCallback, useEffect, useState } from 'react';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { JobState } from '../../shared/contract';
import type { AppState, RecentWorkspace } from '../../shared/contract/workspace';
import { formatWarsaw } from '../../core/domain/time';
import { useWorkspaceActions } from './actions';
import { errorText } from './errors';

export function StartScreen({ state, demoJob, error, onBack }: { state: AppState; demoJob: JobState | null; error: string | null; onBack?: () => void }) {
  const { t, tm, n, lang, setLang } = useI18n();
  const api = getClient().api;
  const actions = useWorkspaceActions()!;
  const [recent, setRecent] = useState<RecentWorkspace[] | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const loadRecent = useCallback(() => {
    void api.listRecentWorkspaces({}).then(setRecent).catch((e) => setLocalError(errorText(tm, e)));
  }, [api, tm]);
  useEffect(() => loadRecent(), [loadRecent, state]);

  const run = (fn: () => Promise<unknown>) => {
    setLocalError(null);
    void fn().catch((e) => setLocalError(errorText(tm, e)));
  };
  const shownError = localError ?? error;

  return (
    <div className="ws-start" data-testid="start-screen" data-start-ready={recent ? 'true' : 'false'}>
      <header className="topbar">
        <div className="brand">
          <strong>{tm('workspace.ui.appTitle')}</strong>
          <span className="subtitle">{tm('workspace.ui.subtitle')}</span>
        </div>
        <div className="spacer" />
        <label className="lang">
          {t('language')}{' '}
          <select data-testid="language" value={lang} onChange={(e) => setLang(e.target.value as 'pl' | 'en')}>
            <option value="pl">Polski</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main className="ws-start-main">
        <div className="ws-start-head">
          <div>
            <h1>{tm('workspace.ui.start.title')}</h1>
            <p className="muted">{tm('workspace.ui.start.lead')}</p>
          </div>
          {onBack && state.workspace && (
            <button className="ws-back" data-testid="start-back" onClick={onBack}>← {tm('workspace.ui.start.back', { name: state.workspace.name })}</button>
          )}
        </div>
        <div className="ws-cards">
          <button className="ws-card" data-testid="start-new" onClick={actions.newWorkspace}>
            <span className="ws-card-icon" aria-hidden="true">+</span>
            <strong>{tm('workspace.ui.start.new')}</strong>
            <span className="muted">{tm('workspace.ui.start.newHint')}</span>
          </button>
          <button className="ws-card" data-testid="start-open" onClick={actions.openWorkspace}>
            <span className="ws-card-icon" aria-hidden="true">▤</span>
            <strong>{tm('workspace.ui.start.open')}</strong>
            <span className="muted">{tm('workspace.ui.start.openHint')}</span>
          </button>
          <button className="ws-card demo" data-testid="start-demo" disabled={demoJob != null} onClick={() => run(actions.openDemo)}>
            <span className="ws-card-icon" aria-hidden="true">▶</span>
            <strong>{tm('workspace.ui.start.demo')} <span className="badge demo">{tm('workspace.ui.badge.demo')}</span></strong>
            <span className="muted">{tm('workspace.ui.start.demoHint')}</span>
            {!state.demoExists && <span className="muted small">{tm('workspace.ui.start.demoMissing')}</span>}
          </button>
        </div>
        {demoJob && (
          <div className="ws-progress" data-testid="demo-progress">
            <span>{tm('workspace.ui.start.generating', { percent: Math.round(demoJob.progress * 100) })}</span>
            <progress max={1} value={demoJob.progress} />
            <button onClick={() => void api.cancelJob({ jobId: demoJob.id })}>{tm('workspace.ui.cancel')}</button>
          </div>
        )}
        {shownError && <div className="ws-error" role="alert" data-testid="start-error">{shownError}</div>}

        <section className="ws-recent">
          <h2>{tm('workspace.ui.start.recent')}</h2>
          {recent && recent.length === 0 && <p className="muted">{tm('workspace.ui.start.recentEmpty')}</p>}
          {recent && recent.length > 0 && (
            <table className="ws-recent-table" data-testid="recent-list">
              <thead>
                <tr>
                  <th>{tm('workspace.ui.recent.name')}</th>
                  <th className="num">{tm('workspace.ui.recent.reports')}</th>
                  <th>{tm('workspace.ui.recent.range')}</th>
                  <th>{tm('workspace.ui.recent.opened')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => (
                  <tr
                    key={r.path}
                    className={`${r.readable ? 'openable' : 'broken'}${r.current ? ' current' : ''}`}
                    data-testid="recent-row"
                    data-path={r.path}
                    onClick={() => r.readable && run(() => actions.openPath(r.path))}
                    title={r.path}
                  >
                    <td>
                      <div className="ws-recent-name">
                        <strong data-testid="recent-name">{r.name}</strong>
                        {r.demo && <span className="badge demo">{tm('workspace.ui.badge.demo')}</span>}
                        {r.current && <span className="ws-current">{tm('workspace.ui.recent.current')}</span>}
                      </div>
                      <div className="muted small ws-path">{r.path}</div>
                      {r.problem && <div className="ws-error-text small">{tm(r.problem)}</div>}
                    </td>
                    <td className="num" data-testid="recent-reports">{r.reports == null ? '–' : r.reports === 0 ? tm('workspace.ui.recent.noReports') : n(r.reports)}</td>
                    <td className="nowrap">{r.firstReportAt != null && r.lastReportAt != null ? `${formatWarsaw(r.firstReportAt, false)} – ${formatWarsaw(r.lastReportAt, false)}` : '–'}</td>
                    <td className="nowrap">{r.lastOpenedAt ? formatWarsaw(r.lastOpenedAt) : '–'}</td>
                    <td>
                      {!r.current && (
                        <button className="link" data-testid="recent-forget" onClick={(e) => { e.stopPropagation(); run(async () => { await api.forgetRecentWorkspace({ path: r.path }); loadRecent(); }); }}>
                          {tm('workspace.ui.recent.forget')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </main>
    </div>
  );
}

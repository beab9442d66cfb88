/**
 * The app's root: what the backend has open decides what is shown. No workspace: the start screen. A workspace:
 * the main app, mounted afresh (React key = the backend's open serial) each time another workspace opens, so no
 * view keeps data of the previous one. The workspace dialogs live here so the start screen, the header switcher
 * and the demo's import offer share them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App } from '../App';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { JobState } from '../../shared/contract';
import type { AppState } from '../../shared/contract/workspace';
import { WorkspaceActionsContext, type WorkspaceActions } from './actions';
import { errorText } from './errors';
import { StartScreen } from './StartScreen';
import { NewWorkspaceDialog } from './NewWorkspaceDialog';
import { OpenWorkspaceDialog } from './OpenWorkspaceDialog';
import { SaveCopyDialog } from './SaveCopyDialog';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import { Presentation } from '../briefing/Presentation';
import { PresentingContext, type Presenting } from '../briefing/presenting';
import type { PublicBriefingData } from '../../shared/contract/briefing';
import { desktopBridge, nativeWorkspaceDialog } from './desktop';
import './workspace.css';

export function Root() {
  const { tm } = useI18n();
  const client = getClient();
  const [state, setState] = useState<AppState | null>(null);
  const [dialog, setDialog] = useState<null | 'new' | 'open' | 'copy'>(null);
  const [startShown, setStartShown] = useState(false);
  const [demoJob, setDemoJob] = useState<JobState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [presenting, setPresenting] = useState<PublicBriefingData | null>(null);
  const presentingApi = useMemo<Presenting>(() => ({ present: setPresenting }), []);
  /** The notice is a refusal (shown as an error) rather than news. */
  const [noticeIsError, setNoticeIsError] = useState(false);
  const seq = useRef(0);
  const tmRef = useRef(tm);
  tmRef.current = tm;
  /** Desktop: native Open / Save dialogs (main passes the chosen path to the backend); browser: the server-side browser. */
  const desktop = useMemo(() => desktopBridge(), []);

  /** Ask the backend what is open; only the newest answer counts (events can overtake each other). */
  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const s = await client.api.getAppState({});
      if (mine === seq.current) setState(s);
    } catch (e) {
      if (mine === seq.current) setError(errorText(tmRef.current, e));
    }
  }, [client]);

  useEffect(() => {
    void refresh();
    void client.api
      .listJobs({})
      .then((jobs) => setDemoJob(jobs.find((j) => j.kind === 'demo' && j.state === 'running') ?? null))
      .catch(() => undefined);
    return client.onEvent((e) => {
      if (e.type === 'workspace-opened') {
        setStartShown(false);
        setError(null);
        void refresh();
      } else if (e.type === 'workspace-closed') {
        void refresh();
      } else if (e.type === 'job' && e.job.kind === 'demo') {
        setDemoJob(e.job.state === 'running' ? e.job : null);
        if (e.job.state === 'failed') setError(e.job.error);
      } else if (e.type === 'menu') {
        onMenuRef.current(e.command);
      }
    });
  }, [client, refresh]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 10_000);
    return () => clearTimeout(timer);
  }, [notice]);

  /** A refusal (or failure) of a native dialog's action: a notice shown as an error, over the start screen or the app. */
  const failed = useCallback((e: unknown) => {
    const text = errorText(tmRef.current, e);
    setNotice(text);
    setNoticeIsError(true);
  }, []);
  const inform = useCallback((text: string) => {
    setNotice(text);
    setNoticeIsError(false);
  }, []);

  const actions = useMemo<WorkspaceActions>(
    () => ({
      state,
      newWorkspace: () => setDialog('new'),
      openWorkspace: () => {
        if (!desktop) return setDialog('open');
        setError(null);
        void nativeWorkspaceDialog(desktop, { kind: 'open' }).catch(failed);
      },
      saveCopy: () => {
        if (!desktop) return setDialog('copy');
        void nativeWorkspaceDialog(desktop, { kind: 'copy' })
          .then((r) => r?.kind === 'copy' && inform(tmRef.current('workspace.ui.copy.saved', { file: r.path })))
          .catch(failed);
      },
      showStart: () => setStartShown(true),
      openPath: async (path) => {
        setError(null);
        await client.api.openWorkspace({ path });
      },
      openDemo: async () => {
        setError(null);
        const r = await client.api.openDemoWorkspace({});
        if (r.jobId) {
          const j = await client.api.getJob({ jobId: r.jobId }).catch(() => null);
          if (j?.state === 'running') setDemoJob(j);
        }
      },
      close: async () => {
        try {
          await client.api.closeWorkspace({});
        } catch (e) {
          setError(errorText(tmRef.current, e));
        }
      },
    }),
    [client, state, desktop, failed, inform],
  );

  /** The native File menu's workspace items (desktop), relayed by main. */
  const onMenuRef = useRef<(command: string) => void>(() => undefined);
  onMenuRef.current = (command) => {
    if (presenting) return; // a public presentation shows the slides only: no workspace dialogs over or after it
    if (command === 'new-workspace') actions.newWorkspace();
    else if (command === 'open-workspace') actions.openWorkspace();
    else if (command === 'save-copy' && state?.workspace) actions.saveCopy();
    else if (command === 'close-workspace') void actions.close();
    else if (command === 'open-demo') {
      setStartShown(true); // the start screen shows the demo's generation progress
      void actions.openDemo().catch(failed);
    }
  };

  const ws = state?.workspace ?? null;
  // public presentation: the slides and nothing else in the page (the police app is unmounted meanwhile and
  // mounted afresh after the presenter confirms the end)
  if (presenting) return <Presentation data={presenting} onExit={() => setPresenting(null)} />;
  return (
    <PresentingContext.Provider value={presentingApi}>
    <WorkspaceActionsContext.Provider value={actions}>
      {!state && <div className="ws-loading" data-testid="loading">{error ?? '…'}</div>}
      {state && (!ws || startShown) && (
        <StartScreen state={state} demoJob={demoJob} error={error} onBack={ws ? () => setStartShown(false) : undefined} />
      )}
      {state && ws && !startShown && <App key={state.serial} switcher={<WorkspaceSwitcher info={ws} />} />}
      {state && dialog === 'new' && <NewWorkspaceDialog state={state} desktop={desktop} onClose={() => setDialog(null)} />}
      {state && dialog === 'open' && <OpenWorkspaceDialog state={state} onClose={() => setDialog(null)} />}
      {state && ws && dialog === 'copy' && (
        <SaveCopyDialog state={state} info={ws} onClose={() => setDialog(null)} onSaved={(p) => inform(tm('workspace.ui.copy.saved', { file: p }))} />
      )}
      {notice && (
        <div className={`ws-notice${noticeIsError ? ' error' : ''}`} role={noticeIsError ? 'alert' : 'status'} data-testid="workspace-notice" data-error={noticeIsError ? 'true' : 'false'}>
          {notice}
          <button className="link" onClick={() => setNotice(null)}>{tm('workspace.ui.close')}</button>
        </div>
      )}
    </WorkspaceActionsContext.Provider>
    </PresentingContext.Provider>
  );
}

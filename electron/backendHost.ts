/**
 * Runs the backend in a process of its own (off the main and renderer processes), answering contract calls
 * relayed by main. Same dispatch (with zod validation) as the HTTP transport.
 *
 * Started by Electron main as a utility process, and by the bundle test as a Node child process: both talk the
 * messages of src/backend/host/protocol.ts over the parent channel (src/backend/host/channel.ts).
 * Environment: REJON_WORKSPACE (the file to open; empty: none), REJON_STARTUP=1 (no file named on the app's
 * first start: open what the app opens at start, the demo the very first time, later the last workspace; see
 * Backend.openStartupWorkspace), REJON_SQLITE_BINDING (better-sqlite3 built for Electron), REJON_PRINTER=parent
 * (print with the parent's Chromium; otherwise headless system Chromium). With no workspace open the window shows
 * its start screen; the backend then opens, creates and switches workspaces itself (contract/workspace.ts).
 * Workspace paths are confined as in browser mode (data folder, recent list, the file named at start), plus the
 * paths main approves after its native dialogs ('grant' with purpose 'open' | 'write'): a page that names any other
 * path gets one refusal, whether or not the file exists (issue 14).
 */
import { Backend } from '../src/backend/backend';
import { dispatch, toWireError } from '../src/backend/api/dispatch';
import { parentChannel } from '../src/backend/host/channel';
import { parentPrinter } from '../src/backend/host/parentPrinter';
import { RejonError } from '../src/shared/contract';

const channel = parentChannel();
const printer = process.env.REJON_PRINTER === 'parent' ? parentPrinter(channel.send) : undefined;
let backend: Backend | null = null;
let closing = false;

async function closeAndExit(): Promise<void> {
  if (closing) return;
  closing = true;
  try {
    await backend?.close(); // jobs stopped (workers terminated), printer closed, staged uploads removed, database closed (WAL checkpoint)
  } finally {
    channel.sendThenExit({ type: 'closed' }, 0);
  }
}

channel.onMessage(async (m) => {
  switch (m.type) {
    case 'close':
      await closeAndExit();
      return;
    case 'print-result':
      printer?.handleResult(m);
      return;
    case 'grant':
      // A file the user chose in main's dialog: an import grant (the page gets the token, never a path), or a workspace
      // path approved for open / write (File > New / Open / Save a copy).
      try {
        if (!backend || closing) throw new RejonError('unavailable', 'The backend is not running.');
        const result = m.purpose === 'open' || m.purpose === 'write' ? backend.pathApprovals.approve(m.file, m.purpose) : backend.fileGrants.issue(m.file);
        channel.send({ type: 'result', id: m.id, ok: true, result });
      } catch (e) {
        channel.send({ type: 'result', id: m.id, ok: false, error: toWireError(e) });
      }
      return;
    case 'call': {
      if (!backend || closing) {
        channel.send({ type: 'result', id: m.id, ok: false, error: new RejonError('unavailable', closing ? 'The backend is closing.' : 'The backend did not start.').toWire() });
        return;
      }
      try {
        const result = await dispatch(backend.api, m.method, m.input);
        channel.send({ type: 'result', id: m.id, ok: true, result });
      } catch (e) {
        channel.send({ type: 'result', id: m.id, ok: false, error: toWireError(e) });
      }
    }
  }
});
channel.onDisconnect(() => void closeAndExit());

const workspace = process.env.REJON_WORKSPACE || null;
void (async () => {
  const b = new Backend(null, {
    recent: true, readWorkers: 2, confinePaths: true, nativeDialogs: true, ...(workspace ? { allowFiles: [workspace] } : {}),
    nativeBinding: process.env.REJON_SQLITE_BINDING || undefined, ...(printer ? { printer } : {}),
  });
  b.onEvent((event) => channel.send({ type: 'event', event }));
  try {
    if (workspace) await b.api.openWorkspace({ path: workspace });
    else if (process.env.REJON_STARTUP === '1') {
      const r = await b.openStartupWorkspace();
      // the start screen says what could not be opened when the user tries again; the log keeps the reason
      if (r.error) console.error(`rejon backend: nothing opened at start: ${(r.error as Error).message}`);
    }
  } catch (e) {
    // A workspace that is refused (newer, damaged, foreign, missing) stays refused: say so, and let main decide.
    await b.close().catch(() => undefined);
    channel.send({ type: 'fatal', error: toWireError(e) });
    return;
  }
  backend = b;
  channel.send({ type: 'ready', workspace: b.hasWorkspace ? b.workspacePath : null, pid: process.pid });
})();

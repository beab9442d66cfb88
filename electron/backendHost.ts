/**
 * Runs the backend in a process of its own (off the main and renderer processes), answering contract calls
 * relayed by main. Same dispatch (with zod validation) as the HTTP transport.
 *
 * Started by Electron main as a utility process, and by the bundle test as a Node child process: both talk the
 * messages of src/backend/host/protocol.ts over the parent channel (src/backend/host/channel.ts).
 * Environment: REJON_WORKSPACE (the file), REJON_DEMO_ON_EMPTY=1 (generate the demo into an empty workspace),
 * REJON_SQLITE_BINDING (better-sqlite3 built for Electron), REJON_PRINTER=parent (print with the parent's
 * Chromium; otherwise headless system Chromium).
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

const workspace = process.env.REJON_WORKSPACE;
try {
  if (!workspace) throw new RejonError('internal', 'REJON_WORKSPACE not set');
  backend = new Backend(workspace, { create: true, nativeBinding: process.env.REJON_SQLITE_BINDING || undefined, ...(printer ? { printer } : {}) });
} catch (e) {
  // A workspace that is refused (newer, damaged, foreign) stays refused: say so, and let main decide.
  channel.send({ type: 'fatal', error: toWireError(e) });
}
if (backend) {
  const b = backend;
  b.onEvent((event) => channel.send({ type: 'event', event }));
  channel.send({ type: 'ready', workspace: b.workspacePath, pid: process.pid });
  void b.api.getWorkspaceInfo({}).then((info) => {
    if (process.env.REJON_DEMO_ON_EMPTY === '1' && info.reports === 0 && info.districts === 0) b.startDemoJob(1);
  });
}

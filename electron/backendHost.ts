/**
 * Runs the backend in an Electron utility process (off the main and renderer processes), answering
 * contract calls relayed by main. Same dispatch (with zod validation) as the HTTP transport.
 */
import { Backend } from '../src/backend/backend';
import { dispatch, toWireError } from '../src/backend/api/dispatch';

interface Call {
  id: number;
  method: string;
  input: unknown;
}

const parentPort = (process as unknown as { parentPort: { on(ev: 'message', cb: (e: { data: Call }) => void): void; postMessage(m: unknown): void } }).parentPort;
const workspace = process.env.REJON_WORKSPACE;
if (!workspace) throw new Error('REJON_WORKSPACE not set');
const backend = new Backend(workspace, { create: true, nativeBinding: process.env.REJON_SQLITE_BINDING || undefined });
backend.onEvent((event) => parentPort.postMessage({ event }));
void backend.api.getWorkspaceInfo({}).then((info) => {
  if (process.env.REJON_DEMO_ON_EMPTY === '1' && info.reports === 0 && info.districts === 0) backend.startDemoJob(1);
});

parentPort.on('message', async ({ data }) => {
  try {
    const result = await dispatch(backend.api, data.method, data.input);
    parentPort.postMessage({ id: data.id, ok: true, result });
  } catch (e) {
    parentPort.postMessage({ id: data.id, ok: false, error: toWireError(e) });
  }
});

/**
 * The backend host's line to its parent, whichever runtime started it:
 * - Electron utility process (utilityProcess.fork): `process.parentPort` (messages arrive as `{ data }`);
 * - Node child process (child_process.fork with an IPC channel; the bundle test, any plain-Node host):
 *   `process.send` / `process.on('message')`. Fork with `serialization: 'advanced'` so bytes stay bytes.
 */
import { isToHost, type FromHost, type ToHost } from './protocol';

export interface ParentChannel {
  readonly kind: 'electron-utility' | 'node-ipc';
  send(m: FromHost): void;
  onMessage(cb: (m: ToHost) => void): void;
  /** The parent went away (Node IPC only: Electron ends a utility process with its parent). */
  onDisconnect(cb: () => void): void;
  /** Send a last message and exit once it has left. */
  sendThenExit(m: FromHost, code: number): void;
}

interface ElectronParentPort {
  on(ev: 'message', cb: (e: { data: unknown }) => void): void;
  postMessage(m: unknown): void;
}

export function parentChannel(proc: NodeJS.Process = process): ParentChannel {
  const port = (proc as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (port) {
    return {
      kind: 'electron-utility',
      send: (m) => port.postMessage(m),
      onMessage: (cb) => port.on('message', (e) => isToHost(e.data) && cb(e.data)),
      onDisconnect: () => {},
      sendThenExit: (m, code) => {
        port.postMessage(m);
        // postMessage is queued on the port: give it a moment to leave before the process ends
        setTimeout(() => proc.exit(code), 100);
      },
    };
  }
  if (typeof proc.send === 'function') {
    return {
      kind: 'node-ipc',
      send: (m) => {
        if (proc.connected) proc.send!(m);
      },
      onMessage: (cb) => proc.on('message', (m: unknown) => isToHost(m) && cb(m)),
      onDisconnect: (cb) => proc.on('disconnect', cb),
      sendThenExit: (m, code) => {
        if (!proc.connected) proc.exit(code);
        else proc.send!(m, () => proc.exit(code));
      },
    };
  }
  throw new Error('The backend host needs a parent: start it with Electron utilityProcess.fork or Node child_process.fork (IPC channel).');
}

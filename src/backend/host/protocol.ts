/**
 * The messages between the desktop's main process and the backend host (electron/backendHost.ts, the built
 * out/main/backendHost.js). The same messages cross Electron's utility-process port and, in tests and any
 * plain-Node host, a child_process IPC channel (fork with serialization 'advanced', so Uint8Array results and
 * PDFs arrive as bytes). Pure data and guards: no Electron, no Node APIs.
 */
import type { RejonEvent, WireError } from '../../shared/contract';
import type { PrintJob } from '../briefing/printer';

/** Main → host. */
/** What a 'grant' message is for: an import or beat file (token), or a workspace path to open or write. */
export type GrantPurpose = 'import' | 'open' | 'write';

export type ToHost =
  /** A contract call (input already validated by main; the host validates again in dispatch). */
  | { type: 'call'; id: number; method: string; input: unknown }
  /**
   * Issue a file grant (src/backend/security/grants.ts) for a path the user chose in the OS file dialog or dropped on
   * the window. Only main sends this, never on behalf of the page's input.
   * - purpose 'import' (default): answered with a 'result' carrying the FileGrant ({ token, name, size, expiresAt });
   *   the page receives the token only and passes `{ source: { grant } }`;
   * - purpose 'open' | 'write': a workspace path from File > Open (open) or File > New / Save a copy (write); answered
   *   with `{ path, expiresAt }`; openWorkspace / createWorkspace / saveWorkspaceCopy then accept that path (from main
   *   or the page) until the approval expires (PathApprovals).
   */
  | { type: 'grant'; id: number; file: string; purpose?: GrantPurpose }
  /** Quit: close the backend cleanly (jobs stopped, WAL checkpoint, staged uploads removed), answer 'closed', exit. */
  | { type: 'close' }
  /** The answer to a 'print' request of the host. */
  | { type: 'print-result'; id: number; ok: true; pdf: Uint8Array }
  | { type: 'print-result'; id: number; ok: false; error: WireError };

/** Host → main. */
export type FromHost =
  /** The backend answers calls from now on; `workspace` is the one open (null: none, the start screen). */
  | { type: 'ready'; workspace: string | null; pid: number }
  /** The backend could not start (workspace refused, missing, damaged): restarting would not help. */
  | { type: 'fatal'; error: WireError }
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: WireError }
  | { type: 'event'; event: RejonEvent }
  /** Print this page with the host's own Chromium (Electron: printToPDF in a hidden window). */
  | { type: 'print'; id: number; job: PrintJob }
  /** Answer to 'close': the backend is closed, the process exits next. */
  | { type: 'closed' };

const isObj = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;

/** Shape check of a message from main (the host trusts main, but a wrong message must not crash it). */
export function isToHost(m: unknown): m is ToHost {
  if (!isObj(m)) return false;
  switch (m.type) {
    case 'call':
      return Number.isSafeInteger(m.id) && typeof m.method === 'string';
    case 'grant':
      return Number.isSafeInteger(m.id) && typeof m.file === 'string' && (m.purpose === undefined || m.purpose === 'import' || m.purpose === 'open' || m.purpose === 'write');
    case 'close':
      return true;
    case 'print-result':
      return Number.isSafeInteger(m.id) && (m.ok === true ? m.pdf instanceof Uint8Array : m.ok === false && isObj(m.error) && typeof m.error.message === 'string');
    default:
      return false;
  }
}

/** Shape check of a message from the host (main does not act on anything else). */
export function isFromHost(m: unknown): m is FromHost {
  if (!isObj(m)) return false;
  switch (m.type) {
    case 'ready':
      return typeof m.workspace === 'string' || m.workspace === null;
    case 'fatal':
      return isObj(m.error);
    case 'result':
      return Number.isSafeInteger(m.id) && typeof m.ok === 'boolean';
    case 'event':
      return isObj(m.event);
    case 'print':
      return Number.isSafeInteger(m.id) && isObj(m.job) && typeof (m.job as { url?: unknown }).url === 'string';
    case 'closed':
      return true;
    default:
      return false;
  }
}

/**
 * The renderer's only way to the backend: the shared contract over Electron IPC (when the preload
 * bridge is present) or over loopback HTTP (browser mode, token from the URL fragment).
 */
import { METHOD_NAMES, RejonError, isBinaryMethod, type MethodName, type RejonApi, type RejonEvent, type WireError } from '../../shared/contract';
import { msg } from '../../core/message';
import type { RejonDesktopBridge } from '../../shared/desktopBridge';

/** What the Electron preload exposes: one function per contract method, plus events. */
export interface RejonBridge {
  api: Record<string, (input: unknown) => Promise<unknown>>;
  onEvent(listener: (e: RejonEvent) => void): () => void;
  /** Native workspace dialogs (src/renderer/workspace/desktop.ts). */
  desktop?: RejonDesktopBridge;
}

declare global {
  interface Window {
    rejon?: RejonBridge;
  }
}

export interface Client {
  api: RejonApi;
  onEvent(listener: (e: RejonEvent) => void): () => void;
  transport: 'ipc' | 'http';
}

function makeApi(call: (method: MethodName, input: unknown) => Promise<unknown>): RejonApi {
  const api = {} as Record<MethodName, (input: unknown) => Promise<unknown>>;
  for (const m of METHOD_NAMES) api[m] = (input: unknown) => call(m, input ?? {});
  return api as unknown as RejonApi;
}

function createIpcClient(bridge: RejonBridge): Client {
  return {
    transport: 'ipc',
    api: makeApi(async (method, input) => {
      const fn = bridge.api[method];
      if (!fn) throw new RejonError('not-found', `Method ${method} not exposed by the preload.`);
      const res = (await fn(input)) as { ok: true; result: unknown } | { ok: false; error: WireError };
      if (!res.ok) throw new RejonError(res.error.code, res.error.message, res.error.issues, res.error.msg);
      return res.result;
    }),
    onEvent: (l) => bridge.onEvent(l),
  };
}

function readToken(): string {
  const m = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem('rejon.token', m[1]);
    // Keep the token out of the address bar, history and screenshots.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem('rejon.token') ?? '';
}

function createHttpClient(): Client {
  const token = readToken();
  const listeners = new Set<(e: RejonEvent) => void>();
  const emit = (e: RejonEvent) => {
    for (const l of listeners) l(e);
  };
  // Whether the server answers: a failed request or a broken event stream says 'lost', the next answer 'restored'.
  let reachable = true;
  const setReachable = (ok: boolean) => {
    if (ok === reachable) return;
    reachable = ok;
    emit({ type: 'backend', state: ok ? 'restored' : 'lost' });
  };
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source) return;
    const s = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source = s;
    s.onmessage = (m) => emit(JSON.parse(m.data) as RejonEvent);
    s.onopen = () => setReachable(true);
    s.onerror = () => {
      if (s.readyState !== EventSource.OPEN) setReachable(false);
    };
  };
  return {
    transport: 'http',
    api: makeApi(async (method, input) => {
      let res: Response;
      try {
        res = await fetch(`/api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        });
      } catch (e) {
        setReachable(false); // no HTTP answer at all: the server is gone
        throw new RejonError('unavailable', `The Rejon service cannot be reached: ${(e as Error).message}`, undefined, msg('desktop.error.unavailable'));
      }
      setReachable(true);
      if (!res.ok) {
        let err: WireError = { code: 'internal', message: `HTTP ${res.status}` };
        try {
          err = ((await res.json()) as { error: WireError }).error;
        } catch {
          /* keep the HTTP status message */
        }
        throw new RejonError(err.code, err.message, err.issues, err.msg);
      }
      if (isBinaryMethod(method)) return new Uint8Array(await res.arrayBuffer());
      return ((await res.json()) as { result: unknown }).result;
    }),
    onEvent: (l) => {
      listeners.add(l);
      ensureEvents();
      return () => listeners.delete(l);
    },
  };
}

let client: Client | null = null;
export function getClient(): Client {
  client ??= window.rejon ? createIpcClient(window.rejon) : createHttpClient();
  return client;
}

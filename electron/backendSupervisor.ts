/**
 * Watches the backend process for Electron main: relays contract calls and events, answers the backend's print
 * requests, and owns its lifecycle.
 *
 * - Crash: every call in flight is answered at once with an 'unavailable' error (never left hanging), the
 *   window is told ({type:'backend', state:'crashed'}), and the backend is started again on the SAME workspace
 *   file; calls made meanwhile wait for it. When it answers: 'restarted' and 'workspace-changed' (the window
 *   reloads its data). Too many crashes in a short time (electron/policy.ts restartDecision): 'failed', no more
 *   restarts.
 * - Workspace refused at start ('fatal'): no restart (it would be refused again); calls get that error.
 * - Quit: close() sends 'close' (the backend stops its jobs, checkpoints the WAL, removes staged uploads and
 *   exits), and kills the process only when it has not exited within the timeout.
 *
 * Free of Electron imports: the process is anything that speaks the host protocol (src/backend/host/protocol.ts),
 * so tests drive it with the built backend host under Node's child_process.fork.
 */
import { msg } from '../src/core/message';
import type { RejonEvent, WireError } from '../src/shared/contract';
import type { PrintJob } from '../src/backend/briefing/printer';
import { isFromHost, type FromHost, type GrantPurpose, type ToHost } from '../src/backend/host/protocol';
import { DEFAULT_RESTART_POLICY, restartDecision, type RestartPolicy } from './policy';

/** A started backend host process, whatever started it (utilityProcess.fork, child_process.fork). */
export interface HostProcess {
  postMessage(m: ToHost): void;
  onMessage(cb: (m: unknown) => void): void;
  onExit(cb: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type CallReply = { ok: true; result: unknown } | { ok: false; error: WireError };

export type SupervisorState = 'idle' | 'starting' | 'ready' | 'restarting' | 'fatal' | 'failed' | 'closing' | 'closed';

export interface SupervisorOptions {
  /**
   * Start a backend host on this workspace file, or on none (null): then on the very first start (`firstStart`) the
   * host opens what the app opens at start (the demo the first time, later the last workspace), otherwise nothing
   * (the window shows its start screen).
   */
  spawn(workspace: string | null, firstStart: boolean): HostProcess;
  workspace: string | null;
  /** Events for the window (backend events and the backend's own state). */
  onEvent(e: RejonEvent): void;
  /** Print a page for the backend (Electron: hidden window + printToPDF). Without it, print requests fail. */
  print?(job: PrintJob): Promise<Uint8Array>;
  restartPolicy?: RestartPolicy;
  /** How long 'close' may take before the process is killed. */
  closeTimeoutMs?: number;
  /** How long a started process may take to report 'ready' before it counts as crashed. */
  startTimeoutMs?: number;
  log?(line: string): void;
  now?(): number;
}

const unavailable = (message: string): WireError => ({ code: 'unavailable', message, msg: msg('desktop.error.unavailable') });

export class BackendSupervisor {
  private proc: HostProcess | null = null;
  private stateNow: SupervisorState = 'idle';
  private nextId = 1;
  private readonly inFlight = new Map<number, (r: CallReply) => void>();
  /** Calls made while the backend starts or restarts: sent once it is ready. */
  private waiting: { method: string; input: unknown; resolve: (r: CallReply) => void }[] = [];
  private readonly crashes: number[] = [];
  private fatalError: WireError | null = null;
  /** A workspace switch is under way: calls wait for the new backend instead of failing. */
  private switching = false;
  private startTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private closed: Promise<void> | null = null;
  /** The workspace open in the backend (followed from its 'ready' and workspace events): a restart reopens it. */
  private workspacePath: string | null;
  private launches = 0;
  /** Called once the current process exits (close() and switches wait on it). */
  private exitWaiters: (() => void)[] = [];

  constructor(private readonly opts: SupervisorOptions) {
    this.workspacePath = opts.workspace;
  }

  get state(): SupervisorState {
    return this.stateNow;
  }

  get workspace(): string | null {
    return this.workspacePath;
  }

  start(): void {
    if (this.stateNow !== 'idle') return;
    this.launch('starting');
  }

  /** A contract call (input validated by the caller). Always settles: with the result or a wire error. */
  call(method: string, input: unknown): Promise<CallReply> {
    return new Promise((resolve) => {
      switch (this.stateNow) {
        case 'ready':
          this.send(method, input, resolve);
          return;
        case 'idle':
        case 'starting':
        case 'restarting':
          this.waiting.push({ method, input, resolve });
          return;
        case 'fatal':
          resolve({ ok: false, error: this.fatalError! });
          return;
        case 'closing':
          if (this.switching) this.waiting.push({ method, input, resolve });
          else resolve({ ok: false, error: unavailable('The backend is closing.') });
          return;
        default:
          resolve({ ok: false, error: unavailable(`The backend is ${this.stateNow}.`) });
      }
    });
  }

  /**
   * A file grant for a path the user chose in the OS file dialog (or dropped on the window): main calls this, never
   * with a path from the page. Resolves with the FileGrant ({ token, name, size, expiresAt }) whose token the page
   * passes as `{ source: { grant } }`. Grants live in the backend process: after a restart or a workspace switch the
   * user picks the file again.
   * With purpose 'open' | 'write' (File > Open; File > New, Save a copy) it approves a WORKSPACE path instead and
   * resolves with `{ path, expiresAt }`: then call openWorkspace / createWorkspace / saveWorkspaceCopy with that path
   * (main itself, or the page it hands the path to). Unapproved paths outside the data folder and the recent list
   * are refused by the backend (security.path.workspaceNotChosen).
   */
  grant(file: string, purpose: GrantPurpose = 'import'): Promise<CallReply> {
    return new Promise((resolve) => {
      if (this.stateNow !== 'ready' || !this.proc) {
        resolve({ ok: false, error: unavailable(`The backend is ${this.stateNow}.`) });
        return;
      }
      const id = this.nextId++;
      this.inFlight.set(id, resolve);
      try {
        this.proc.postMessage({ type: 'grant', id, file, purpose });
      } catch (e) {
        this.inFlight.delete(id);
        resolve({ ok: false, error: unavailable(`The backend could not be reached: ${(e as Error).message}`) });
      }
    });
  }

  /**
   * Open another workspace file: close the backend cleanly and start it on `workspace`. When that file is
   * refused, go back to the previous one and answer with the refusal.
   */
  async switchWorkspace(workspace: string): Promise<CallReply> {
    if (workspace === this.workspacePath && this.stateNow === 'ready') return { ok: true, result: { workspace } };
    if (this.stateNow === 'closing' || this.stateNow === 'closed') return { ok: false, error: unavailable('The backend is closing.') };
    const previous = this.workspacePath;
    this.switching = true;
    try {
      await this.stopProcess();
      this.workspacePath = workspace;
      this.fatalError = null;
      const held = this.waiting.splice(0); // not for a file that may be refused: sent once the outcome is known
      const outcome = await this.launchAndWait();
      if (!outcome.ok) {
        this.opts.log?.(`backend: ${workspace} refused (${outcome.error.message}); reopening ${previous}`);
        await this.stopProcess();
        this.workspacePath = previous;
        this.fatalError = null;
        this.waiting.unshift(...held);
        await this.launchAndWait();
      } else {
        for (const w of held) this.send(w.method, w.input, w.resolve);
      }
      this.opts.onEvent({ type: 'workspace-changed' });
      return outcome.ok ? { ok: true, result: { workspace } } : outcome;
    } finally {
      this.switching = false;
    }
  }

  /** Quit: ask the backend to close cleanly, kill it after the timeout. Idempotent. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.clearTimers();
      for (const w of this.waiting.splice(0)) w.resolve({ ok: false, error: unavailable('The app is closing.') });
      await this.stopProcess();
      this.stateNow = 'closed';
    })();
    return this.closed;
  }

  // ---- internals ----

  private launch(state: 'starting' | 'restarting'): void {
    this.stateNow = state;
    const proc = this.opts.spawn(this.workspacePath, this.launches++ === 0);
    this.proc = proc;
    proc.onMessage((m) => {
      if (this.proc === proc && isFromHost(m)) this.onMessage(m);
    });
    proc.onExit((code, signal) => this.onExit(proc, code, signal));
    this.startTimer = setTimeout(() => {
      if (this.proc === proc && (this.stateNow === 'starting' || this.stateNow === 'restarting')) {
        this.opts.log?.('backend: no answer after start, stopping it');
        proc.kill();
      }
    }, this.opts.startTimeoutMs ?? 60_000);
  }

  /** Start on the current workspace and wait for 'ready' (ok) or 'fatal'/exit (the error). */
  private launchAndWait(): Promise<CallReply> {
    return new Promise((resolve) => {
      this.launch('starting');
      const check = () => {
        if (this.stateNow === 'ready') resolve({ ok: true, result: null });
        else if (this.stateNow === 'fatal') resolve({ ok: false, error: this.fatalError! });
        else if (this.stateNow === 'failed' || this.stateNow === 'closed') resolve({ ok: false, error: unavailable('The backend did not start.') });
        else setTimeout(check, 20);
      };
      check();
    });
  }

  /** Stop the current process cleanly ('close'), kill it after the timeout; resolves when it has exited. */
  private stopProcess(): Promise<void> {
    const proc = this.proc;
    this.clearTimers();
    if (!proc) return Promise.resolve();
    this.stateNow = 'closing';
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.opts.log?.('backend: did not close in time, killing it');
        proc.kill();
      }, this.opts.closeTimeoutMs ?? 10_000);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      try {
        proc.postMessage({ type: 'close' });
      } catch {
        proc.kill();
      }
    });
  }

  private send(method: string, input: unknown, resolve: (r: CallReply) => void): void {
    const id = this.nextId++;
    this.inFlight.set(id, resolve);
    try {
      this.proc!.postMessage({ type: 'call', id, method, input });
    } catch (e) {
      this.inFlight.delete(id);
      resolve({ ok: false, error: unavailable(`The backend could not be reached: ${(e as Error).message}`) });
    }
  }

  private onMessage(m: FromHost): void {
    switch (m.type) {
      case 'ready': {
        if (this.startTimer) clearTimeout(this.startTimer);
        this.startTimer = null;
        if (this.stateNow !== 'starting' && this.stateNow !== 'restarting') return;
        this.workspacePath = m.workspace;
        const wasRestart = this.stateNow === 'restarting';
        this.stateNow = 'ready';
        for (const w of this.waiting.splice(0)) this.send(w.method, w.input, w.resolve);
        if (wasRestart) {
          this.opts.onEvent({ type: 'backend', state: 'restarted' });
          this.opts.onEvent({ type: 'workspace-changed' });
        }
        return;
      }
      case 'fatal':
        if (this.startTimer) clearTimeout(this.startTimer);
        this.startTimer = null;
        this.fatalError = m.error;
        this.stateNow = 'fatal';
        for (const w of this.waiting.splice(0)) w.resolve({ ok: false, error: m.error });
        return;
      case 'result': {
        const resolve = this.inFlight.get(m.id);
        if (!resolve) return;
        this.inFlight.delete(m.id);
        resolve(m.ok ? { ok: true, result: m.result } : { ok: false, error: m.error });
        return;
      }
      case 'event':
        // the backend opens and closes workspaces itself (start screen, switcher): a restart must reopen the one open now
        if (m.event.type === 'workspace-opened') this.workspacePath = m.event.path;
        else if (m.event.type === 'workspace-closed' && this.workspacePath === m.event.path) this.workspacePath = null;
        this.opts.onEvent(m.event);
        return;
      case 'print':
        void this.print(m.id, m.job);
        return;
      case 'closed':
        return; // the exit follows
    }
  }

  private async print(id: number, job: PrintJob): Promise<void> {
    const proc = this.proc;
    let reply: ToHost;
    try {
      if (!this.opts.print) throw new Error('This host cannot print.');
      const pdf = await this.opts.print(job);
      reply = { type: 'print-result', id, ok: true, pdf };
    } catch (e) {
      const w = e as Partial<WireError> & Error;
      const error: WireError = typeof (e as { toWire?: unknown }).toWire === 'function' ? (e as { toWire(): WireError }).toWire() : { code: 'internal', message: w?.message ?? String(e) };
      reply = { type: 'print-result', id, ok: false, error };
    }
    if (proc && this.proc === proc) {
      try {
        proc.postMessage(reply);
      } catch {
        /* the backend is gone: nobody waits for this print any more */
      }
    }
  }

  private onExit(proc: HostProcess, code: number | null, signal: string | null): void {
    if (this.proc !== proc) return;
    this.proc = null;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
    // Calls in flight will never be answered by this process: answer them now.
    for (const [id, resolve] of this.inFlight) {
      this.inFlight.delete(id);
      resolve({ ok: false, error: unavailable(`The backend process stopped (exit code ${code ?? 'none'}${signal ? `, signal ${signal}` : ''}) before answering.`) });
    }
    const waiters = this.exitWaiters.splice(0);
    if (this.stateNow === 'closing' || waiters.length > 0) {
      for (const w of waiters) w();
      return;
    }
    if (this.stateNow === 'fatal') return; // refused workspace: it stays refused
    const now = this.opts.now?.() ?? Date.now();
    this.crashes.push(now);
    this.opts.log?.(`backend: exited unexpectedly (code ${code}, signal ${signal})`);
    this.opts.onEvent({ type: 'backend', state: 'crashed', exitCode: code, signal });
    const decision = restartDecision(this.crashes, now, this.opts.restartPolicy ?? DEFAULT_RESTART_POLICY);
    if (!decision.restart) {
      this.stateNow = 'failed';
      for (const w of this.waiting.splice(0)) w.resolve({ ok: false, error: unavailable('The backend stopped too often and is not restarted.') });
      this.opts.onEvent({ type: 'backend', state: 'failed', restarts: decision.crashes });
      return;
    }
    this.stateNow = 'restarting';
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stateNow === 'restarting') this.launch('restarting');
    }, decision.delayMs);
  }

  private clearTimers(): void {
    if (this.startTimer) clearTimeout(this.startTimer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.startTimer = null;
    this.restartTimer = null;
  }
}

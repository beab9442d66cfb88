/**
 * Security policy of the Electron shell, kept free of Electron imports so it is unit-tested.
 * The app is served from app://rejon/ only; nothing else may be navigated to or opened.
 */
import path from 'node:path';
import { resolveSafePath } from '../src/backend/security/paths';

export const APP_SCHEME = 'app';
export const APP_HOST = 'rejon';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Only in-app URLs may be loaded in the window (blocks http(s), file:, javascript:, data:, other hosts). */
export function isAllowedNavigation(url: string): boolean {
  const u = parse(url);
  return u != null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** IPC is answered only for frames showing our own app. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return frameUrl != null && isAllowedNavigation(frameUrl);
}

/** Map an app:// request to a file in the renderer folder; null when it is foreign or escapes the folder. */
export function resolveAppRequest(url: string, rendererRoot: string): string | null {
  const u = parse(url);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  // Check the raw path too: URL parsing already collapses "/a/../" but not encoded forms.
  const rawPath = url.slice(`${APP_ORIGIN}`.length).split(/[?#]/, 1)[0] || '/';
  return resolveSafePath(rendererRoot, rawPath);
}

/**
 * Pages the desktop prints (webContents.printToPDF in a hidden window) come from the backend's own loopback
 * server: http://127.0.0.1:PORT/ with an explicit port and nothing else. Main refuses to load anything else,
 * whatever the backend process asks.
 */
export function isAllowedPrintUrl(url: string): boolean {
  const u = parse(url);
  return u != null && u.protocol === 'http:' && u.hostname === '127.0.0.1' && u.port !== '' && u.username === '' && u.password === '';
}

/** The print window stays on the origin of the page it was asked to print (in-page fragment changes only). */
export function isAllowedPrintNavigation(url: string, printUrl: string): boolean {
  const u = parse(url);
  const p = parse(printUrl);
  return u != null && p != null && isAllowedPrintUrl(printUrl) && u.origin === p.origin && u.pathname === p.pathname && u.username === '' && u.password === '';
}

/**
 * The workspace named on a command line (`--workspace=FILE` or `--workspace FILE`), resolved against the
 * folder the command was started in; null when none is given.
 */
export function workspaceFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let v: string | undefined;
    if (a.startsWith('--workspace=')) v = a.slice('--workspace='.length);
    else if (a === '--workspace') v = argv[i + 1];
    if (v !== undefined && v.trim() !== '' && !v.startsWith('--')) return path.resolve(cwd, v);
  }
  return null;
}

/** What a second start hands to the first instance (app.requestSingleInstanceLock's additionalData). */
export interface SecondInstanceData {
  workspace: string | null;
}

/** The workspace a second start asks for: its own resolved path, else its command line. Only absolute paths. */
export function workspaceFromSecondInstance(data: unknown, argv: readonly string[], cwd: string): string | null {
  const given = (data as Partial<SecondInstanceData> | null)?.workspace;
  if (typeof given === 'string' && path.isAbsolute(given)) return path.normalize(given);
  return workspaceFromArgv(argv, cwd);
}

/** Restarts of a crashed backend: at most `maxCrashes` crashes within `windowMs`, then it stays down. */
export interface RestartPolicy {
  maxCrashes: number;
  windowMs: number;
  /** Wait before the n-th restart in the window (the last value repeats). */
  delaysMs: number[];
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxCrashes: 3, windowMs: 60_000, delaysMs: [250, 1000, 3000] };

/**
 * Decide after a crash at `now` (already appended to `crashTimes`): restart after `delayMs`, or give up
 * because the backend crashed too often (a crash loop would hide the problem and burn the machine).
 */
export function restartDecision(crashTimes: readonly number[], now: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): { restart: true; delayMs: number } | { restart: false; crashes: number } {
  const recent = crashTimes.filter((t) => now - t <= policy.windowMs).length;
  if (recent > policy.maxCrashes) return { restart: false, crashes: recent };
  const d = policy.delaysMs;
  return { restart: true, delayMs: d[Math.min(Math.max(recent - 1, 0), d.length - 1)] ?? 0 };
}

/**
 * File access by capability (issue 14): the renderer never names a file path. A file reaches the backend only as
 *  - an upload (`{ uploadId }`, chunks sent by the page), or
 *  - a grant (`{ grant }`): main shows the OS file dialog (or takes a drop on the window), then asks the backend
 *    host to issue a grant for the chosen path (BackendSupervisor.grant, message {@link GrantRequest}); the page
 *    gets only the token.
 * Main refuses, before anything reaches the backend, any call whose input names a path (`{ source: { path } }`);
 * the backend refuses paths too (it runs without `trustedPaths`).
 *
 * Workspace files (openWorkspace, createWorkspace, saveWorkspaceCopy take `{ path }`) are not refused here: the
 * backend host confines them (data folder, recent list, the file named at start) and accepts any other path only
 * after main approved it following its native dialog: `BackendSupervisor.grant(file, 'open' | 'write')`, then the
 * call with that path (from main, or from the page main hands the path to). See src/backend/security/grants.ts.
 */
export function namesFilePath(input: unknown): boolean {
  const source = (input as { source?: unknown } | null | undefined)?.source;
  return typeof source === 'object' && source !== null && Object.prototype.hasOwnProperty.call(source, 'path');
}

/** What main may grant: an absolute path from the dialog or a drop, without NUL bytes. */
export function isGrantablePath(p: unknown): p is string {
  return typeof p === 'string' && p.length > 0 && p.length <= 4096 && !p.includes('\0') && (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p));
}

/** File dialog filters for report exports and beat files (labels are shown by the OS dialog). */
export const IMPORT_DIALOG_FILTERS = [
  { name: 'KMZB', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'json', 'geojson'] },
] as const;
export const DISTRICT_DIALOG_FILTERS = [
  { name: 'Rejony', extensions: ['geojson', 'json', 'zip', 'shp', 'kml', 'kmz'] },
] as const;

/**
 * Main -> backend host: issue a grant for a path the user chose (src/backend/host/protocol.ts, BackendSupervisor.grant).
 * The host answers with a 'result' carrying the FileGrant.
 */
export type GrantRequest = { type: 'grant'; id: number; file: string; purpose?: 'import' | 'open' | 'write' };

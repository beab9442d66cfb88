/**
 * Security policy of the Electron shell, kept free of Electron imports so it is unit-tested.
 * The app is served from app://rejon/ only; nothing else may be navigated to or opened.
 */
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

/**
 * What the window says about the backend process (shared by the desktop and browser mode): a pure reducer from
 * backend events to the banner, and the banner's message. Desktop: Electron main watches the backend process and
 * sends 'crashed' / 'restarted' / 'failed'. Browser mode: the HTTP client sends 'lost' / 'restored'.
 */
import { msg, type Msg } from '../core/message';
import type { RejonEvent } from '../shared/contract';

export type BannerKind = 'crashed' | 'restarted' | 'failed' | 'lost' | 'restored';

export interface Banner {
  kind: BannerKind;
  /** An error (something stopped) or good news (it is back). */
  severity: 'error' | 'info';
  message: Msg;
  /** Good news goes away by itself after this long; errors stay until the state changes or are dismissed. */
  autoHideMs: number | null;
  dismissible: boolean;
}

/** The banner after an event: backend events change it, every other event leaves it as it is. */
export function nextBanner(prev: Banner | null, e: RejonEvent): Banner | null {
  if (e.type !== 'backend') return prev;
  // once the desktop has given up, only a new window clears it (nothing comes back by itself)
  if (prev?.kind === 'failed') return prev;
  switch (e.state) {
    case 'crashed': {
      const exitCode = e.exitCode != null ? String(e.exitCode) : e.signal ?? 'none';
      return { kind: 'crashed', severity: 'error', message: msg('desktop.backend.crashed', { exitCode }), autoHideMs: null, dismissible: false };
    }
    case 'restarted':
      return { kind: 'restarted', severity: 'info', message: msg('desktop.backend.restarted'), autoHideMs: 15_000, dismissible: true };
    case 'failed':
      return { kind: 'failed', severity: 'error', message: msg('desktop.backend.failed', { restarts: e.restarts ?? 0 }), autoHideMs: null, dismissible: false };
    case 'lost':
      return prev?.kind === 'lost' ? prev : { kind: 'lost', severity: 'error', message: msg('desktop.backend.lost'), autoHideMs: null, dismissible: true };
    case 'restored':
      return prev?.kind === 'lost' ? { kind: 'restored', severity: 'info', message: msg('desktop.backend.restored'), autoHideMs: 5_000, dismissible: true } : prev;
  }
}

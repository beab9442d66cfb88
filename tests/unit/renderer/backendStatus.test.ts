/** The backend status banner's logic (src/renderer/backendStatus.ts) and its texts in both languages. */
import { describe, expect, it } from 'vitest';
import { nextBanner, type Banner } from '../../../src/renderer/backendStatus';
import { translate } from '../../../src/shared/i18n';
import type { RejonEvent } from '../../../src/shared/contract';

const run = (events: RejonEvent[], start: Banner | null = null) => events.reduce<Banner | null>(nextBanner, start);

describe('backend status banner', () => {
  it('desktop: crashed → restarted; the exit code or signal is shown', () => {
    const crashed = run([{ type: 'backend', state: 'crashed', exitCode: 134, signal: null }]);
    expect(crashed).toMatchObject({ kind: 'crashed', severity: 'error', dismissible: false, autoHideMs: null });
    expect(translate('pl', crashed!.message)).toContain('(kod wyjścia 134)');
    expect(translate('en', crashed!.message)).toContain('(exit code 134)');
    const killed = run([{ type: 'backend', state: 'crashed', exitCode: null, signal: 'SIGKILL' }]);
    expect(translate('pl', killed!.message)).toContain('(kod wyjścia SIGKILL)');
    const none = run([{ type: 'backend', state: 'crashed' }]);
    expect(translate('pl', none!.message)).not.toContain('kod wyjścia');
    expect(translate('pl', none!.message)).toMatch(/zatrzymał się nieoczekiwanie\. /);
    const back = nextBanner(crashed, { type: 'backend', state: 'restarted' });
    expect(back).toMatchObject({ kind: 'restarted', severity: 'info', dismissible: true });
    expect(back!.autoHideMs).toBeGreaterThan(0);
  });

  it('failed stays, whatever comes after', () => {
    const failed = run([{ type: 'backend', state: 'crashed', exitCode: 1 }, { type: 'backend', state: 'failed', restarts: 4 }]);
    expect(failed!.kind).toBe('failed');
    expect(translate('pl', failed!.message)).toContain('4 razy');
    expect(translate('en', failed!.message)).toContain('4 times');
    expect(run([{ type: 'backend', state: 'restarted' }, { type: 'backend', state: 'lost' }], failed)).toBe(failed);
  });

  it('browser mode: lost → restored; restored alone shows nothing; other events leave the banner', () => {
    const lost = run([{ type: 'backend', state: 'lost' }]);
    expect(lost).toMatchObject({ kind: 'lost', severity: 'error', dismissible: true });
    expect(nextBanner(lost, { type: 'backend', state: 'lost' })).toBe(lost);
    expect(nextBanner(lost, { type: 'workspace-changed' })).toBe(lost);
    expect(nextBanner(lost, { type: 'backend', state: 'restored' })!.kind).toBe('restored');
    expect(run([{ type: 'backend', state: 'restored' }])).toBeNull();
    expect(run([{ type: 'workspace-changed' }, { type: 'menu', command: 'help' }])).toBeNull();
  });

  it('texts: Polish without English words, English without Polish letters', () => {
    for (const code of ['desktop.backend.crashed', 'desktop.backend.restarted', 'desktop.backend.failed', 'desktop.backend.lost', 'desktop.backend.restored', 'desktop.error.unavailable']) {
      const pl = translate('pl', code, { exitCode: '1', restarts: 5 });
      const en = translate('en', code, { exitCode: '1', restarts: 5 });
      expect(pl).not.toMatch(/\b(backend|workspace|restart|error|the)\b/i);
      expect(en).not.toMatch(/[ąćęłńóśźż]/i);
    }
  });
});

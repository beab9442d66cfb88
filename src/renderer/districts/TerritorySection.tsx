/**
 * The command's territory in the Rejony view: its parts, area and how many reports lie outside it; set it from
 * PRG counties by name or from the beats, or remove it. Every change re-flags all reports (backend, one
 * transaction) and the map redraws its outline.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TerritoryResult } from '../../shared/contract/territory';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { isMsg } from '../../core/message';

export function TerritorySection(props: { hasBeats: boolean; onChanged(): void }) {
  const { tm, n } = useI18n();
  const api = getClient().api;
  const [t, setT] = useState<TerritoryResult | null>(null);
  const [names, setNames] = useState('');
  const [powiaty, setPowiaty] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setT(await api.getTerritory({}));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api]);
  useEffect(() => {
    void load();
    void api.listPowiatNames({}).then(setPowiaty).catch(() => {});
    return getClient().onEvent((e) => {
      if (e.type === 'workspace-changed') void load();
    });
  }, [api, load]);

  const run = async (fn: () => Promise<TerritoryResult>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const r = await fn();
      setT(r);
      setNote(tm('territory.saved', { n: r.outside }));
      props.onChanged();
    } catch (e) {
      const m = (e as { msg?: unknown }).msg;
      setError(isMsg(m) ? tm(m) : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const list = names.split(/[;\n]/).map((s) => s.trim()).filter(Boolean);
  return (
    <section className="dv-territory" data-testid="territory-section" data-parts={t?.parts.length ?? 0} data-outside={t?.outside ?? ''}>
      <div className="dv-territory-title">{tm('territory.title')}</div>
      {t && t.parts.length === 0 && <div className="dv-muted" data-testid="territory-none">{tm('territory.none')}</div>}
      {t && t.parts.length > 0 && (
        <div data-testid="territory-parts">
          <ul className="dv-territory-parts">
            {t.parts.map((p, i) => (
              <li key={i}>{tm('territory.part', { name: p.source === 'beats' ? tm('territory.beatsName') : p.name, source: p.source, tol: n(p.toleranceM) })}</li>
            ))}
          </ul>
          <div className="dv-muted">
            {tm('territory.area', { km2: t.areaKm2 ?? 0 })} · <span data-testid="territory-outside">{tm('territory.outsideCount', { n: t.outside })}</span>
          </div>
        </div>
      )}
      <div className="dv-territory-form">
        <label className="dv-field">
          <span>{tm('territory.powiatyLabel')}</span>
          <input data-testid="territory-names" list="dv-powiaty" value={names} placeholder={tm('territory.powiatyPlaceholder')} onChange={(e) => setNames(e.target.value)} disabled={busy} />
          <datalist id="dv-powiaty">{powiaty.map((p) => <option key={p} value={p} />)}</datalist>
        </label>
        <div className="dv-actions">
          <button data-testid="territory-from-powiaty" disabled={busy || list.length === 0} onClick={() => void run(() => api.setTerritoryFromPowiaty({ names: list }))}>{tm('territory.fromPowiaty')}</button>
          <button data-testid="territory-from-beats" disabled={busy || !props.hasBeats} onClick={() => void run(() => api.setTerritoryFromBeats({}))}>{tm('territory.fromBeats')}</button>
          <button
            data-testid="territory-clear"
            disabled={busy || !t || t.parts.length === 0}
            onClick={() => {
              if (window.confirm(tm('territory.clearConfirm'))) void run(() => api.clearTerritory({}));
            }}
          >
            {tm('territory.clear')}
          </button>
        </div>
      </div>
      {note && <div className="dv-result" data-testid="territory-note">{note}</div>}
      {error && <div className="dv-error" role="alert" data-testid="territory-error">{error}</div>}
    </section>
  );
}

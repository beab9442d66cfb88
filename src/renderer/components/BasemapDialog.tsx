import { useState } from 'react';
import type { BasemapEntry, BasemapSourceInput } from '../../shared/contract/map';
import { getClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { BASEMAP_PRESETS, type BasemapPreset } from '../../shared/basemapPresets';
import { detectVectorSchema } from '../map/vectorStyles';

type Kind = BasemapSourceInput['kind'];

/** Configure basemap sources (online XYZ/WMTS, local .mbtiles/.pmtiles). Tiles always come through the backend. */
export function BasemapDialog({ entries, onChanged, onClose, onUse }: { entries: BasemapEntry[]; onChanged(): void; onClose(): void; onUse(id: string): void }) {
  const { t, tm } = useI18n();
  const [kind, setKind] = useState<Kind>('xyz');
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [url, setUrl] = useState('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
  const [file, setFile] = useState('');
  const [attribution, setAttribution] = useState('© OpenStreetMap contributors');
  const [error, setError] = useState<string | null>(null);
  const online = kind === 'xyz' || kind === 'wmts';

  const save = async () => {
    setError(null);
    const sid = (id || name).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'source';
    const src: BasemapSourceInput = online ? { kind, id: sid, name: name || sid, url, attribution } : { kind, id: sid, name: name || sid, path: file, attribution };
    try {
      const entry = await getClient().api.saveBasemapSource(src);
      onChanged();
      if (entry.info) onUse(entry.source.id);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  // A preset is switched on by saving it as a source (nothing is fetched before that) and using it.
  const switchOn = async (p: BasemapPreset) => {
    setError(null);
    try {
      const entry = await getClient().api.saveBasemapSource({ ...p.source, name: tm(p.nameCode) });
      onChanged();
      if (entry.info) onUse(entry.source.id);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const saved = new Set(entries.map((e) => e.source.id));

  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal wide" role="dialog" aria-label={t('basemapSources')} data-testid="basemap-dialog" onClick={(e) => e.stopPropagation()}>
        <div className="panel-title row">
          <span>{t('basemapSources')}</span>
          <button className="link" onClick={onClose}>{t('close')}</button>
        </div>
        {entries.length === 0 && <p className="muted">{t('basemapNone')}</p>}
        <table className="sources">
          <tbody>
            {entries.map((e) => (
              <tr key={e.source.id}>
                <td>{e.source.name}</td>
                <td className="muted" data-testid="basemap-entry-info">
                  {e.source.kind}{e.info ? ` · ${e.info.type} ${e.info.format} · z${e.info.minzoom}–${e.info.maxzoom}` : ''}
                  {e.info ? ` · ${tm('basemap.schema', { schema: e.info.type === 'raster' ? 'raster' : detectVectorSchema(e.info.vectorLayers) })}` : ''}
                </td>
                <td className="error-text">{e.error}</td>
                <td>
                  <button disabled={!e.info} onClick={() => onUse(e.source.id)}>{t('basemapUse')}</button>{' '}
                  <button onClick={() => void getClient().api.removeBasemapSource({ id: e.source.id }).then(onChanged)}>{t('basemapRemove')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h4>{tm('basemap.presets.title')}</h4>
        <p className="muted small">{tm('basemap.presets.note')}</p>
        <table className="sources" data-testid="basemap-presets">
          <tbody>
            {BASEMAP_PRESETS.map((p) => (
              <tr key={p.id} data-testid={`preset-${p.id}`}>
                <td>{tm(p.nameCode)}<div className="muted small">{tm(p.noteCode)}</div><div className="muted small">{p.source.attribution}</div></td>
                <td>
                  {saved.has(p.source.id)
                    ? <span className="muted">{tm('basemap.presets.saved')}</span>
                    : <button data-testid={`preset-on-${p.id}`} onClick={() => void switchOn(p)}>{tm('basemap.presets.on')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{tm('basemap.presets.topoMissing')}</p>
        <h4>{t('basemapAdd')}</h4>
        <div className="form">
          <label>
            {t('basemapKind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="basemap-kind">
              <option value="xyz">{t('basemapKindXyz')}</option>
              <option value="wmts">{t('basemapKindWmts')}</option>
              <option value="mbtiles">{t('basemapKindMbtiles')}</option>
              <option value="pmtiles">{t('basemapKindPmtiles')}</option>
            </select>
          </label>
          <label>
            {t('basemapName')}
            <input value={name} onChange={(e) => setName(e.target.value)} data-testid="basemap-name" />
          </label>
          <label>
            {t('basemapId')}
            <input value={id} onChange={(e) => setId(e.target.value)} placeholder="osm" />
          </label>
          {online ? (
            <label className="full">
              {t('basemapUrl')}
              <input value={url} onChange={(e) => setUrl(e.target.value)} data-testid="basemap-url" />
            </label>
          ) : (
            <label className="full">
              {t('basemapPath')}
              <input value={file} onChange={(e) => setFile(e.target.value)} placeholder="/home/analityk/mapy/piotrkow.pmtiles" data-testid="basemap-path" />
            </label>
          )}
          <label className="full">
            {t('basemapAttribution')}
            <input value={attribution} onChange={(e) => setAttribution(e.target.value)} />
          </label>
        </div>
        {online && <p className="muted small">{t('basemapOnlineNote')}</p>}
        {error && <p className="error-text" role="alert">{error}</p>}
        <button className="primary" data-testid="basemap-save" onClick={() => void save()}>{t('basemapSave')}</button>
      </div>
    </div>
  );
}

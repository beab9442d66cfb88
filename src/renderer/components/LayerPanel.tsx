import { useState } from 'react';
import type { BasemapEntry } from '../../shared/contract/map';
import type { LayerConfig } from '../map/layerConfig';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** The workspace has a territory: offer its outline layer. */
  hasTerritory?: boolean;
  config: LayerConfig;
  onChange(next: LayerConfig): void;
  basemaps: BasemapEntry[];
  onOpenBasemaps(): void;
  analysisCount: number;
  heatDensityMax: number;
  hexMax: number;
  /** Save the current map view as PNG at a DPI (absent: no map to export). */
  onExportPng?: (dpi: number) => Promise<void>;
  /** Named places and street lines in the workspace (imported and demo). */
  placesCount?: { places: number; streets: number } | null;
  onOpenPlaces?: () => void;
}

/** Layer toggles and styling; the configuration is workspace data (setting map.layers). */
export function LayerPanel({ config, onChange, basemaps, onOpenBasemaps, analysisCount, heatDensityMax, hexMax, onExportPng, hasTerritory, placesCount, onOpenPlaces }: Props) {
  const [dpi, setDpi] = useState(150);
  const [exporting, setExporting] = useState(false);
  const { t, tm } = useI18n();
  const patch = <K extends keyof LayerConfig>(k: K, v: Partial<LayerConfig[K]>) => onChange({ ...config, [k]: { ...config[k], ...v } });
  const num = (v: string) => (v.trim() === '' ? null : Number(v));
  return (
    <div className="panel layers" data-testid="layer-panel">
      <div className="panel-title">{t('layers')}</div>
      <label className="check">
        <input type="checkbox" data-testid="layer-points" checked={config.points.visible} onChange={(e) => patch('points', { visible: e.target.checked })} />
        {t('layerPoints')}
      </label>
      {config.points.visible && (
        <div className="layer-opts">
          <label>
            {t('pointsColorBy')}{' '}
            <select data-testid="points-color" value={config.points.colorBy} onChange={(e) => patch('points', { colorBy: e.target.value as 'category' | 'status' })}>
              <option value="category">{t('byCategory')}</option>
              <option value="status">{t('byStatus')}</option>
            </select>
          </label>
          <label>
            {t('pointSize')} <input type="range" min={1} max={8} step={0.5} value={config.points.radiusPx} onChange={(e) => patch('points', { radiusPx: Number(e.target.value) })} />
          </label>
        </div>
      )}
      <label className="check">
        <input type="checkbox" data-testid="layer-heat" checked={config.heat.visible} onChange={(e) => patch('heat', { visible: e.target.checked })} />
        {t('layerHeat')}
      </label>
      {config.heat.visible && (
        <div className="layer-opts">
          <label>
            {t('heatRadius')} <input type="number" min={50} max={5000} step={50} value={config.heat.radiusM} onChange={(e) => patch('heat', { radiusM: Math.min(5000, Math.max(50, Number(e.target.value) || 400)) })} />
          </label>
          <label>
            {t('heatMax')} <input type="number" min={0} step="any" placeholder={String(heatDensityMax)} value={config.heat.maxDensity ?? ''} data-testid="heat-max" onChange={(e) => patch('heat', { maxDensity: num(e.target.value) })} />
          </label>
          <label>
            {t('opacity')} <input type="range" min={0.1} max={1} step={0.05} value={config.heat.opacity} onChange={(e) => patch('heat', { opacity: Number(e.target.value) })} />
          </label>
        </div>
      )}
      <label className="check">
        <input type="checkbox" data-testid="layer-hex" checked={config.hex.visible} onChange={(e) => patch('hex', { visible: e.target.checked })} />
        {t('layerHex')}
      </label>
      {config.hex.visible && (
        <div className="layer-opts">
          <label>
            {t('hexSize')} <input type="number" min={50} max={10000} step={50} value={config.hex.sizeM} onChange={(e) => patch('hex', { sizeM: Math.min(10000, Math.max(50, Number(e.target.value) || 500)) })} />
          </label>
          <label>
            {t('hexMax')} <input type="number" min={1} step={1} placeholder={String(hexMax)} value={config.hex.maxCount ?? ''} onChange={(e) => patch('hex', { maxCount: num(e.target.value) })} />
          </label>
        </div>
      )}
      <label className="check">
        <input type="checkbox" data-testid="layer-districts" checked={config.districts.visible} onChange={(e) => patch('districts', { visible: e.target.checked })} />
        {t('layerDistricts')}
      </label>
      {config.districts.visible && (
        <div className="layer-opts">
          <label className="check">
            <input type="checkbox" checked={config.districts.labels} onChange={(e) => patch('districts', { labels: e.target.checked })} /> {t('districtLabels')}
          </label>
          <label className="check">
            <input type="checkbox" checked={config.districts.counts} onChange={(e) => patch('districts', { counts: e.target.checked })} /> {t('districtCounts')}
          </label>
        </div>
      )}
      <label className="check">
        <input type="checkbox" data-testid="layer-boundaries" checked={config.boundaries.visible} onChange={(e) => patch('boundaries', { visible: e.target.checked })} />
        {t('layerBoundaries')}
      </label>
      {hasTerritory && (
        <label className="check">
          <input type="checkbox" data-testid="layer-territory" checked={config.territory.visible} onChange={(e) => patch('territory', { visible: e.target.checked })} />
          {tm('territory.layer')}
        </label>
      )}
      <label className="check">
        <input type="checkbox" data-testid="layer-analysis" checked={config.analysis.visible} onChange={(e) => patch('analysis', { visible: e.target.checked })} />
        {t('layerAnalysis')}
      </label>
      {config.analysis.visible && analysisCount === 0 && <div className="layer-opts muted small">{t('analysisNone')}</div>}
      <label className="check">
        <input type="checkbox" data-testid="layer-places" checked={config.places.visible} onChange={(e) => patch('places', { visible: e.target.checked })} />
        {tm('places.ui.layer')}
      </label>
      <div className="layer-opts">
        {placesCount && <div className="muted small" data-testid="places-count">{tm('places.ui.summary', placesCount)}</div>}
        {onOpenPlaces && <button className="link" data-testid="open-places" onClick={onOpenPlaces}>{tm('places.ui.import')}</button>}
      </div>
      <div className="panel-sub">{t('basemap')}</div>
      <select data-testid="basemap-select" value={config.basemap.sourceId ?? ''} onChange={(e) => patch('basemap', { sourceId: e.target.value || null })}>
        <option value="">{t('basemapOffline')}</option>
        {basemaps.map((b) => (
          <option key={b.source.id} value={b.source.id} disabled={!b.info}>
            {b.source.name}
            {b.error ? ` (${b.error})` : ''}
          </option>
        ))}
      </select>
      <button className="link" data-testid="open-basemaps" onClick={onOpenBasemaps}>{t('basemapSettings')}</button>
      {onExportPng && (
        <>
          <div className="panel-sub">{t('exportPng')}</div>
          <div className="layer-opts">
            <select data-testid="png-dpi" value={dpi} onChange={(e) => setDpi(Number(e.target.value))}>
              {[96, 150, 300].map((d) => <option key={d} value={d}>{d} dpi</option>)}
            </select>{' '}
            <button data-testid="export-png" disabled={exporting} onClick={() => { setExporting(true); void onExportPng(dpi).finally(() => setExporting(false)); }}>
              {exporting ? '…' : t('exportPngSave')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

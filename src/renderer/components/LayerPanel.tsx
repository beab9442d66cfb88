import type { LayerToggles } from '../map/reportLayers';
import { useI18n } from '../i18n/i18n';

type Toggles = LayerToggles & { boundaries: boolean };

export function LayerPanel({ toggles, onChange }: { toggles: Toggles; onChange(next: Toggles): void }) {
  const { t } = useI18n();
  const row = (key: keyof Toggles, label: string) => (
    <label key={key}>
      <input type="checkbox" data-testid={`layer-${key}`} checked={toggles[key]} onChange={(e) => onChange({ ...toggles, [key]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <div className="panel layers">
      <div className="panel-title">{t('layers')}</div>
      {row('heat', t('layerHeat'))}
      {row('points', t('layerPoints'))}
      {row('districts', t('layerDistricts'))}
      {row('boundaries', t('layerBoundaries'))}
    </div>
  );
}

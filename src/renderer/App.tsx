import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LngLatBoundsLike } from 'maplibre-gl';
import { getClient } from './api/client';
import { useI18n } from './i18n/i18n';
import { MapView } from './map/MapView';
import { buildReportLayers, categoryColors, HEAT_COLORS, type LayerToggles } from './map/reportLayers';
import { decodeReportColumns, type ReportColumns } from '../shared/columns';
import type { DistrictSummary, FeatureCollectionOut, JobState, WorkspaceInfo } from '../shared/contract';
import { StatusBar } from './components/StatusBar';
import { LayerPanel } from './components/LayerPanel';

interface Data {
  info: WorkspaceInfo;
  columns: ReportColumns;
  districts: DistrictSummary[];
  districtsGeo: FeatureCollectionOut;
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const client = getClient();
  const [data, setData] = useState<Data | null>(null);
  const [boundaries, setBoundaries] = useState<{ wojewodztwa: FeatureCollectionOut | null; powiaty: FeatureCollectionOut | null }>({ wojewodztwa: null, powiaty: null });
  const [job, setJob] = useState<JobState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toggles, setToggles] = useState<LayerToggles & { boundaries: boolean }>({ points: true, heat: true, districts: true, boundaries: true });
  const [mapIdle, setMapIdle] = useState(false);

  const load = useCallback(async () => {
    try {
      const [info, bytes, districts, districtsGeo] = await Promise.all([
        client.api.getWorkspaceInfo({}),
        client.api.getReportColumns({}),
        client.api.listDistricts({}),
        client.api.getDistrictsGeoJson({}),
      ]);
      setMapIdle(false);
      setData({ info, columns: decodeReportColumns(bytes), districts, districtsGeo });
    } catch (e) {
      setError((e as Error).message);
    }
  }, [client]);

  useEffect(() => {
    void load();
    void Promise.all([client.api.getBasemapLayer({ layer: 'wojewodztwa' }), client.api.getBasemapLayer({ layer: 'powiaty' })])
      .then(([wojewodztwa, powiaty]) => setBoundaries({ wojewodztwa, powiaty }))
      .catch((e: Error) => setError(e.message));
    void client.api.listJobs({}).then((jobs) => setJob(jobs.find((j) => j.state === 'running') ?? null));
    return client.onEvent((e) => {
      if (e.type === 'job') setJob(e.job.state === 'running' ? e.job : null);
      if (e.type === 'job' && e.job.state === 'failed') setError(`${t('jobFailed')}: ${e.job.error}`);
      if (e.type === 'workspace-changed') void load();
    });
  }, [client, load, t]);

  const colors = useMemo(() => (data ? categoryColors(data.columns) : null), [data]);
  const layers = useMemo(() => buildReportLayers(data?.columns ?? null, colors, data?.districts ?? [], toggles), [data, colors, toggles]);
  const fitBounds = useMemo<LngLatBoundsLike | null>(() => {
    if (!data || data.districts.length === 0) return [[14.1, 49.0], [24.2, 54.9]];
    const b = data.districts.reduce((acc, d) => [Math.min(acc[0], d.bbox[0]), Math.min(acc[1], d.bbox[1]), Math.max(acc[2], d.bbox[2]), Math.max(acc[3], d.bbox[3])], [180, 90, -180, -90]);
    return [[b[0], b[1]], [b[2], b[3]]];
  }, [data]);
  const ready = data != null && boundaries.powiaty != null && mapIdle && job == null;

  return (
    <div className="app" data-ready={ready ? 'true' : 'false'}>
      <header className="topbar">
        <div className="brand">
          <strong>{t('appTitle')}</strong>
          <span className="subtitle">{t('subtitle')}</span>
          {data?.info.demo && <span className="badge demo">{t('demoBadge')}</span>}
        </div>
        <div className="spacer" />
        <label className="lang">
          {t('language')}{' '}
          <select data-testid="language" value={lang} onChange={(e) => setLang(e.target.value as 'pl' | 'en')}>
            <option value="pl">Polski</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main className="main">
        <MapView
          layers={layers}
          boundaries={boundaries}
          districts={data?.districtsGeo ?? null}
          showDistricts={toggles.districts}
          showBoundaries={toggles.boundaries}
          fitBounds={fitBounds}
          onIdle={() => setMapIdle(true)}
        />
        <LayerPanel toggles={toggles} onChange={(next) => setToggles(next)} />
        {toggles.heat && (
          <div className="legend" data-testid="legend-heat">
            <div className="legend-title">{t('legendHeat')}</div>
            <div className="legend-ramp" style={{ background: `linear-gradient(to right, ${HEAT_COLORS.map((c) => `rgb(${c.join(',')})`).join(',')})` }} />
            <div className="legend-ends"><span>−</span><span>+</span></div>
          </div>
        )}
        {job && (
          <div className="job" data-testid="job">
            <div>{job.kind === 'demo' ? t('generatingDemo') : job.kind} – {Math.round(job.progress * 100)}%</div>
            <progress max={1} value={job.progress} />
            <button onClick={() => void client.api.cancelJob({ jobId: job.id })}>{t('cancel')}</button>
          </div>
        )}
        {error && <div className="error" role="alert">{t('error')}: {error}</div>}
        <div className="attribution">{t('attribution')}</div>
      </main>
      <StatusBar info={data?.info ?? null} />
    </div>
  );
}

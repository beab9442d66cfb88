import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type GeoJSONSource, type LngLatBoundsLike } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import type { FeatureCollectionOut } from '../../shared/contract';
import { offlineStyle } from './basemapStyle';

setWorkerUrl(workerUrl);

export interface MapViewProps {
  layers: Layer[];
  boundaries: { wojewodztwa: FeatureCollectionOut | null; powiaty: FeatureCollectionOut | null };
  districts: FeatureCollectionOut | null;
  showDistricts: boolean;
  showBoundaries: boolean;
  fitBounds: LngLatBoundsLike | null;
  /** Called with true once the map is idle with the current data drawn. */
  onIdle?: () => void;
}

/** MapLibre map (offline basemap) with a deck.gl overlay for the data layers. */
export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const [loaded, setLoaded] = useState(false);
  const onIdle = useRef(props.onIdle);
  onIdle.current = props.onIdle;

  useEffect(() => {
    if (!container.current) return;
    const map = new MapLibreMap({
      container: container.current,
      style: offlineStyle(),
      center: [19.7, 51.4],
      zoom: 10,
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    });
    map.addControl(new NavigationControl({ showCompass: true }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    const overlay = new MapLibreOverlay({ interleaved: false, layers: [] });
    map.addControl(overlay);
    map.on('load', () => setLoaded(true));
    map.on('idle', () => onIdle.current?.());
    mapRef.current = map;
    overlayRef.current = overlay;
    (window as unknown as { __rejonMap?: MapLibreMap }).__rejonMap = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const set = (id: string, data: FeatureCollectionOut | null) => {
      if (data) (map.getSource(id) as GeoJSONSource | undefined)?.setData(data as never);
    };
    set('wojewodztwa', props.boundaries.wojewodztwa);
    set('powiaty', props.boundaries.powiaty);
    set('districts', props.districts);
  }, [loaded, props.boundaries, props.districts]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const vis = (on: boolean) => (on ? 'visible' : 'none');
    for (const id of ['districts-fill', 'districts-line']) map.setLayoutProperty(id, 'visibility', vis(props.showDistricts));
    for (const id of ['powiaty-line', 'wojewodztwa-line']) map.setLayoutProperty(id, 'visibility', vis(props.showBoundaries));
  }, [loaded, props.showDistricts, props.showBoundaries]);

  useEffect(() => {
    if (loaded && props.fitBounds) mapRef.current?.fitBounds(props.fitBounds, { padding: 40, duration: 0 });
  }, [loaded, props.fitBounds]);

  useEffect(() => {
    overlayRef.current?.setProps({ layers: props.layers });
    mapRef.current?.triggerRepaint();
  }, [props.layers]);

  return <div ref={container} className="map" data-testid="map" />;
}

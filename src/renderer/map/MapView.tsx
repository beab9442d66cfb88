import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type GeoJSONSource, type LngLatBoundsLike, type MapGeoJSONFeature } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { FeatureCollectionOut } from '../../shared/contract';
import type { BasemapEntry } from '../../shared/contract/map';
import { offlineStyle } from './basemapStyle';
import { BASEMAP_SOURCE, basemapStyleParts } from './basemapProtocol';
import { perf } from '../perf';

setWorkerUrl(workerUrl);

/** MapLibre layers of the named streets and places (basemapStyle.ts), toggled together. */
const PLACE_LAYERS = ['streets-casing', 'streets-line', 'places-circle', 'streets-label', 'places-label'];

export interface MapClick {
  /** Deck object under the pointer (points, hexagons, analysis cells). */
  pick: PickingInfo | null;
  /** Beat under the pointer (MapLibre layer), when no deck object was hit. */
  districtId: number | null;
}

export interface MapViewProps {
  layers: Layer[];
  boundaries: { wojewodztwa: FeatureCollectionOut | null; powiaty: FeatureCollectionOut | null };
  districts: FeatureCollectionOut | null;
  /** The command's territory outline (WGS84 parts), null when none. */
  territory?: FeatureCollectionOut | null;
  showTerritory?: boolean;
  /** Named streets (lines) and places (points) with their names as labels; null while not loaded. */
  places?: { streets: FeatureCollectionOut; places: FeatureCollectionOut } | null;
  showPlaces?: boolean;
  showDistricts: boolean;
  showBoundaries: boolean;
  fitBounds: LngLatBoundsLike | null;
  basemap: { entry: BasemapEntry; opacity: number } | null;
  /** Deck layer ids that a click may pick. */
  clickableLayers: string[];
  /** Called once the map is idle with the current data drawn. */
  onIdle?: () => void;
  onClick?: (c: MapClick) => void;
  onHover?: (info: PickingInfo | null) => void;
  onZoom?: (zoom: number) => void;
  onViewChange?: (v: { center: [number, number]; zoom: number }) => void;
  /** The visible area [west, south, east, north] and zoom after every move (and once loaded). */
  onBounds?: (bounds: [number, number, number, number], zoom: number) => void;
  initialView?: { center: [number, number]; zoom: number } | null;
  /** The MapLibre map once loaded (for views that draw on it, e.g. the beat editor). */
  onMap?: (map: MapLibreMap | null, overlay?: MapLibreOverlay | null) => void;
}

/** MapLibre map (offline basemap, optional backend-served basemap) with a deck.gl overlay for the data layers. */
export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const dataSetRef = useRef(false);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const [loaded, setLoaded] = useState(false);
  const cb = useRef(props);
  cb.current = props;
  const usedInitialView = useRef(false);

  useEffect(() => {
    if (!container.current) return;
    const iv = cb.current.initialView;
    const map = new MapLibreMap({
      container: container.current,
      style: offlineStyle(),
      center: iv?.center ?? [19.7, 51.4],
      zoom: iv?.zoom ?? 10,
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    });
    usedInitialView.current = iv != null;
    map.addControl(new NavigationControl({ showCompass: true }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    const overlay = new MapLibreOverlay({
      interleaved: false,
      layers: [],
      pickingRadius: 4,
      onAfterRender: () => perf.frameRendered(),
      onHover: (info: PickingInfo) => cb.current.onHover?.(info.picked ? info : null),
      getCursor: ({ isHovering, isDragging }: { isHovering: boolean; isDragging: boolean }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab'),
    } as never);
    map.addControl(overlay);
    const bounds = () => {
      const b = map.getBounds();
      cb.current.onBounds?.([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom());
    };
    map.on('load', () => {
      setLoaded(true);
      bounds();
      cb.current.onMap?.(map, overlay);
    });
    map.on('idle', () => {
      cb.current.onZoom?.(map.getZoom());
      // "idle" only counts once the current beats and boundaries were handed to the map (an idle before
      // that would report a map without them)
      if (dataSetRef.current) cb.current.onIdle?.();
    });
    map.on('zoomend', () => cb.current.onZoom?.(map.getZoom()));
    map.on('moveend', () => {
      const c = map.getCenter();
      cb.current.onViewChange?.({ center: [c.lng, c.lat], zoom: map.getZoom() });
      bounds();
    });
    map.on('click', (e) => {
      const pick = (overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 4, layerIds: cb.current.clickableLayers }) as PickingInfo | null) ?? null;
      let districtId: number | null = null;
      if (!pick && map.getLayer('districts-fill') && map.getLayoutProperty('districts-fill', 'visibility') !== 'none') {
        const f: MapGeoJSONFeature | undefined = map.queryRenderedFeatures(e.point, { layers: ['districts-fill'] })[0];
        const id = f?.properties?.id;
        if (typeof id === 'number') districtId = id;
      }
      cb.current.onClick?.({ pick, districtId });
    });
    mapRef.current = map;
    overlayRef.current = overlay;
    (window as unknown as { __rejonMap?: MapLibreMap }).__rejonMap = map;
    // follow the container's size (window resizes, panels opening and closing): MapLibre's own observer missed a
    // growth right after a layout change (the canvas kept its old width); one resize per animation frame at most
    let pending = 0;
    const observer = new ResizeObserver(() => {
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        const el = container.current;
        if (!el) return;
        const c = map.getCanvas();
        if (Math.abs(c.clientWidth - el.clientWidth) > 1 || Math.abs(c.clientHeight - el.clientHeight) > 1) map.resize();
      });
    });
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      if (pending) cancelAnimationFrame(pending);
      cb.current.onMap?.(null);
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
    set('territory', props.territory ?? { type: 'FeatureCollection', features: [] });
    set('streets', props.places?.streets ?? { type: 'FeatureCollection', features: [] });
    set('places', props.places?.places ?? { type: 'FeatureCollection', features: [] });
    dataSetRef.current = props.districts != null && props.boundaries.powiaty != null;
    if (dataSetRef.current) map.triggerRepaint();
  }, [loaded, props.boundaries, props.districts, props.territory, props.places]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const vis = (on: boolean) => (on ? 'visible' : 'none');
    for (const id of ['districts-fill', 'districts-line']) map.setLayoutProperty(id, 'visibility', vis(props.showDistricts));
    for (const id of ['powiaty-line', 'wojewodztwa-line']) map.setLayoutProperty(id, 'visibility', vis(props.showBoundaries));
    map.setLayoutProperty('territory-line', 'visibility', vis(props.showTerritory !== false));
    for (const id of PLACE_LAYERS) map.setLayoutProperty(id, 'visibility', vis(props.showPlaces !== false));
  }, [loaded, props.showDistricts, props.showBoundaries, props.showTerritory, props.showPlaces]);

  // Basemap source served through the backend (rejon:// protocol), between the land fill and the lines.
  const basemapKey = props.basemap ? `${props.basemap.entry.source.id}:${JSON.stringify(props.basemap.entry.info)}:${props.basemap.opacity}` : '';
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    for (const l of map.getStyle().layers) if (l.id.startsWith('basemap-')) map.removeLayer(l.id);
    if (map.getSource(BASEMAP_SOURCE)) map.removeSource(BASEMAP_SOURCE);
    const parts = props.basemap ? basemapStyleParts(props.basemap.entry, props.basemap.opacity) : null;
    map.setPaintProperty('districts-fill', 'fill-opacity', parts ? 0.15 : 0.55);
    if (!parts) return;
    map.addSource(BASEMAP_SOURCE, parts.source);
    for (const l of parts.layers) map.addLayer(l, 'powiaty-line');
    // the archive's street names and place labels above every line, under the workspace's own labels
    for (const l of parts.labels) map.addLayer(l, 'streets-label');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, basemapKey]);

  useEffect(() => {
    if (loaded && props.fitBounds && !usedInitialView.current) mapRef.current?.fitBounds(props.fitBounds, { padding: 40, duration: 0 });
    usedInitialView.current = false;
  }, [loaded, props.fitBounds]);

  useEffect(() => {
    overlayRef.current?.setProps({ layers: props.layers });
  }, [props.layers]);

  return <div ref={container} className="map" data-testid="map" />;
}

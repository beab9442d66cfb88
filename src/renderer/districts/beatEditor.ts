/**
 * terra-draw on the MapLibre map for drawing and editing beats.
 *
 * The other beats are loaded into terra-draw as read-only "neighbour" features (render mode) so that new vertices
 * and dragged vertices SNAP to their vertices and edges (snapping.toFeature): a shared border is drawn on the
 * neighbour's own coordinates and stays shared. Modes: 'polygon' (draw a new beat), 'select' (drag vertices of the
 * beat being edited, midpoints insert vertices), 'linestring' (the cut line of a split).
 * Undo: our own stack of geometry versions of the edited/drawn feature (each finished change pushes one).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawRenderMode, TerraDrawSelectMode, ValidateNotSelfIntersecting,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';

export type EditorKind = 'draw' | 'edit' | 'split';

const NEIGHBOUR = 'neighbour';
const snapToNeighbours = (except?: string | number) => ({
  toCoordinate: true,
  toLine: true,
  toFeature: { filter: (f: Feature) => f.id !== except, toCoordinate: true, toLine: true },
});

export class BeatEditor {
  private draw: TerraDraw;
  private history: (Polygon | LineString)[] = [];
  private featureId: string | number | null = null;
  private listeners = new Set<() => void>();
  private dimmed: { el: HTMLElement; opacity: string }[] = [];

  constructor(
    map: MapLibreMap,
    readonly kind: EditorKind,
    neighbours: { id: number; geometry: Polygon | MultiPolygon }[],
    edited?: { id: number; geometry: Polygon },
  ) {
    const editedKey = edited ? `beat-${edited.id}` : undefined;
    let nextId = 0;
    this.draw = new TerraDraw({
      // our own ids ("n-<beat>-<part>", "beat-<id>", "td-<n>"), not terra-draw's default UUIDs
      idStrategy: { isValidId: (id) => typeof id === 'string' && id.length > 0, getId: () => `td-${++nextId}` },
      adapter: new TerraDrawMapLibreGLAdapter({ map, prefixId: 'rejon-td' }),
      modes: [
        new TerraDrawRenderMode({
          modeName: NEIGHBOUR,
          styles: { polygonFillColor: '#2b4c7e', polygonFillOpacity: 0.04, polygonOutlineColor: '#2b4c7e', polygonOutlineWidth: 1, zIndex: 0 },
        }),
        new TerraDrawPolygonMode({
          snapping: snapToNeighbours(),
          validation: (f) => ValidateNotSelfIntersecting(f),
          styles: { fillColor: '#d9480f', fillOpacity: 0.2, outlineColor: '#d9480f', outlineWidth: 2, closingPointColor: '#d9480f', snappingPointColor: '#1c7ed6', snappingPointWidth: 6 },
        }),
        new TerraDrawLineStringMode({
          snapping: { toCoordinate: true },
          styles: { lineStringColor: '#c92a2a', lineStringWidth: 3, closingPointColor: '#c92a2a' },
        }),
        new TerraDrawSelectMode({
          flags: {
            polygon: {
              feature: {
                draggable: false,
                selfIntersectable: false,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapToNeighbours(editedKey) },
              },
            },
          },
          styles: { selectedPolygonColor: '#d9480f', selectedPolygonFillOpacity: 0.2, selectedPolygonOutlineColor: '#d9480f', selectedPolygonOutlineWidth: 2, selectionPointColor: '#ffffff', selectionPointOutlineColor: '#d9480f', selectionPointWidth: 5, midPointColor: '#d9480f' },
        }),
      ],
    });
    this.draw.start();
    // the deck.gl overlay (points, heat) is a canvas above MapLibre's: dim it while editing so the outlines show
    for (const el of Array.from(map.getContainer().querySelectorAll<HTMLElement>('#deckgl-overlay, canvas.deck-canvas, .deck-canvas'))) {
      this.dimmed.push({ el, opacity: el.style.opacity });
      el.style.opacity = '0.25';
    }
    const features: GeoJSONStoreFeatures[] = [];
    for (const n of neighbours) {
      if (edited && n.id === edited.id) continue;
      const polys = n.geometry.type === 'Polygon' ? [n.geometry.coordinates] : n.geometry.coordinates;
      polys.forEach((coordinates, k) => features.push({ type: 'Feature', id: `n-${n.id}-${k}`, geometry: { type: 'Polygon', coordinates }, properties: { mode: NEIGHBOUR } } as GeoJSONStoreFeatures));
    }
    const rejected = this.draw.addFeatures(features).filter((v) => !v.valid);
    if (rejected.length > 0) console.warn(`terra-draw refused ${rejected.length} neighbour beat(s): ${rejected[0].reason ?? ''}`);
    if (kind === 'edit' && edited) {
      this.featureId = editedKey!;
      const [v] = this.draw.addFeatures([{ type: 'Feature', id: editedKey, geometry: edited.geometry, properties: { mode: 'polygon' } } as GeoJSONStoreFeatures]);
      if (v && !v.valid) {
        this.draw.stop();
        throw new Error(`The beat cannot be edited on the map (${v.reason ?? 'invalid geometry'}).`);
      }
      this.history.push(edited.geometry);
      this.draw.setMode('select');
      this.draw.selectFeature(editedKey!);
    } else {
      this.draw.setMode(kind === 'split' ? 'linestring' : 'polygon');
    }
    this.draw.on('finish', (id, ctx) => {
      const f = this.draw.getSnapshotFeature(id);
      if (!f || (f.properties?.mode as string) === NEIGHBOUR) return;
      if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'LineString') return;
      this.featureId = id;
      this.history.push(structuredClone(f.geometry) as Polygon | LineString);
      if (this.kind === 'draw' && ctx.action === 'draw') {
        // go on editing the new polygon's vertices
        this.draw.setMode('select');
        this.draw.selectFeature(id);
      }
      if (this.kind === 'split' && ctx.action === 'draw') this.draw.setMode(NEIGHBOUR);
      this.emit();
    });
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  /** The current geometry (null until something was drawn). */
  geometry(): Polygon | LineString | null {
    if (this.featureId == null) return null;
    const f = this.draw.getSnapshotFeature(this.featureId);
    return f ? (structuredClone(f.geometry) as Polygon | LineString) : null;
  }

  canUndo(): boolean {
    return this.history.length > 1 || (this.history.length === 1 && this.kind !== 'edit');
  }

  /** Step back one geometry version (a drawn feature disappears when it had only one). */
  undo(): void {
    if (this.featureId == null || !this.canUndo()) return;
    this.history.pop();
    const prev = this.history[this.history.length - 1];
    if (prev) {
      this.draw.updateFeatureGeometry(this.featureId, prev);
    } else {
      this.draw.removeFeatures([this.featureId]);
      this.featureId = null;
      this.draw.setMode(this.kind === 'split' ? 'linestring' : 'polygon');
    }
    this.emit();
  }

  destroy(): void {
    this.listeners.clear();
    for (const d of this.dimmed) d.el.style.opacity = d.opacity;
    this.dimmed = [];
    try {
      this.draw.stop();
    } catch {
      /* the map may already be gone */
    }
  }
}

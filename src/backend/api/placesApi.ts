import type { RejonApi } from '../../shared/contract';
import type { placesMethods } from '../../shared/contract/places';
import { describeNearest } from '../../core/places/nearest';
import type { Backend } from '../backend';
import { resolveImportSource } from '../import/uploads';
import { importPlaces, inspectPlacesFile } from '../places/import';
import { DEFAULT_MAX_M, invalidateNamedIndex, nearestNamed } from '../places/nearest';
import { clearPlaceLayers, demoPlaceCount, listPlaceLayerRows, placesGeoJson } from '../places/store';

type Methods = keyof typeof placesMethods;

/** Implementation of the places methods of the contract (src/backend/places does the work). */
export function placesApi(backend: Backend): Pick<RejonApi, Methods> {
  const db = backend.db;
  return {
    inspectPlacesFile: async ({ source, nameField, xy }) => {
      const { file, name } = resolveImportSource(backend, source);
      return inspectPlacesFile(db, file, name, { nameField, xy });
    },
    importPlaces: async ({ source, nameField, kindField, xy, mode }) => {
      const { file, name } = resolveImportSource(backend, source);
      // No 'workspace-changed' event: reports and beats are untouched (that event reloads the whole map and refits
      // the view); front ends refresh the places layer (getPlacesGeoJson) when the job is done.
      const job = backend.jobs.start('places', (ctx) => importPlaces(db, file, name, { nameField, kindField, xy, mode }, ctx));
      return { jobId: job.id };
    },
    listPlaceLayers: async () => {
      const demo = demoPlaceCount(db);
      const layers = listPlaceLayerRows(db).map((l) => ({ ...l, source: 'import' as const }));
      return [
        ...(demo > 0
          ? [{ id: 0, source: 'demo' as const, fileName: null, format: null, crs: null, nameField: null, importedAt: null, places: demo, streets: 0, rejected: 0, bbox: null }]
          : []),
        ...layers,
      ];
    },
    clearPlaces: async ({ layerId, demo }) => {
      const r = clearPlaceLayers(db, { layerId, demo });
      invalidateNamedIndex(db);
      return r;
    },
    nearestNamed: async ({ lon, lat, maxM }) => {
      const max = maxM ?? DEFAULT_MAX_M;
      const r = nearestNamed(db, lon, lat, max);
      return r ? { ...r, msg: describeNearest(r, max) } : null;
    },
    getPlacesGeoJson: async () => placesGeoJson(db),
  };
}

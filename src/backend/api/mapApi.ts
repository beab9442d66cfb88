import type { RejonApi } from '../../shared/contract';
import { BasemapSourceSchema, type mapMethods } from '../../shared/contract/map';
import { categoryByCode } from '../../core/domain/categories';
import { statusByCode } from '../../core/domain/statuses';
import { formatWarsaw, formatWarsawPolish } from '../../core/domain/time';
import type { Backend } from '../backend';
import { BasemapRegistry } from '../map/basemaps';
import { csvLine } from '../map/csv';
import { iterateReports, listReports } from '../map/reports';

type Methods = keyof typeof mapMethods;
const DEFAULT_SORT = { by: 'createdAt', dir: 'desc' } as const;

const registries = new WeakMap<object, BasemapRegistry>();

/** The basemap registry of the open workspace (one per workspace; its tile archives close with it). */
export function basemapRegistry(backend: Backend): BasemapRegistry {
  const db = backend.db;
  let r = registries.get(db);
  if (!r) {
    const reg = new BasemapRegistry(db);
    r = reg;
    registries.set(db, reg);
    backend.onWorkspaceClose(() => reg.close());
  }
  return r;
}

// A report is named by its source number only; the workspace row id is internal (issue 12, point 7).
const CSV_HEADER = {
  pl: ['Nr zgłoszenia', 'Data utworzenia', 'Kategoria', 'Status', 'Rejon', 'Długość geogr.', 'Szerokość geogr.', 'Opis'],
  en: ['Report number', 'Created', 'Category', 'Status', 'Beat', 'Longitude', 'Latitude', 'Description'],
};

/** Implementation of the map methods of the contract. */
export function mapApi(backend: Backend): Pick<RejonApi, Methods> {
  const db = backend.db;
  return {
    listReports: async ({ ids, filter, sort, limit, offset }) =>
      listReports(db, { ids, filter, sort: sort ?? DEFAULT_SORT, limit: limit ?? 100, offset: offset ?? 0 }),
    exportReportsCsv: async ({ ids, filter, sort = DEFAULT_SORT, lang = 'pl' }) => {
      const parts: string[] = ['\uFEFF', csvLine(CSV_HEADER[lang])];
      for (const r of iterateReports(db, { ids, filter, sort })) {
        const cat = categoryByCode(r.categoryCode);
        const st = statusByCode(r.statusCode);
        parts.push(
          csvLine([
            r.sourceId,
            lang === 'pl' ? formatWarsawPolish(r.createdAt) : formatWarsaw(r.createdAt),
            lang === 'en' && cat ? cat.nameEn : r.category,
            lang === 'en' && st ? st.nameEn : r.status,
            r.district ?? '',
            // Polish Excel reads a decimal comma
            lang === 'pl' ? r.lon.toFixed(6).replace('.', ',') : r.lon.toFixed(6),
            lang === 'pl' ? r.lat.toFixed(6).replace('.', ',') : r.lat.toFixed(6),
            r.description ?? '',
          ]),
        );
      }
      return new Uint8Array(Buffer.from(parts.join(''), 'utf8'));
    },
    listBasemapSources: async () => basemapRegistry(backend).list(),
    saveBasemapSource: async (source) => basemapRegistry(backend).save(BasemapSourceSchema.parse(source)),
    removeBasemapSource: async ({ id }) => ({ removed: basemapRegistry(backend).remove(id) }),
    getBasemapTile: async ({ sourceId, z, x, y }) => (await basemapRegistry(backend).tile(sourceId, z, x, y)) as Uint8Array<ArrayBuffer>,
  };
}

import { RejonError, type RejonApi } from '../../shared/contract';
import type { territoryMethods, TerritoryResult } from '../../shared/contract/territory';
import { msg } from '../../core/message';
import { toleranceOf } from '../../core/territory/area';
import type { Backend } from '../backend';
import {
  BEATS_TERRITORY_NAME, beatsUnion, getTerritory, outsideTerritoryCount, powiatParts, replaceTerritory, UnknownPowiatError,
} from '../store/territory';
import type { Db } from '../store/workspace';

/** listPowiatNames is answered by the Backend itself, with or without an open workspace (the New workspace dialog). */
type Methods = Exclude<keyof typeof territoryMethods, 'listPowiatNames'>;

/** The territory as the contract returns it, with the current outside count. */
export function territoryResult(db: Db, outside?: number): TerritoryResult {
  const parts = getTerritory(db);
  const reports = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
  return {
    parts: parts.map((p) => ({ name: p.name, source: p.source, areaKm2: p.areaM2 / 1e6, bbox: p.bbox, toleranceM: toleranceOf(p.source), geometry: p.geometry as never })),
    areaKm2: parts.length ? parts.reduce((s, p) => s + p.areaM2, 0) / 1e6 : null,
    outside: outside ?? outsideTerritoryCount(db),
    reports,
  };
}

/** Implementation of the territory methods of the contract (store/territory.ts does the work). */
/**
 * The PRG parts of powiaty named by a caller; an unknown or ambiguous name is a bad request naming the input field
 * and the closest names (one mapping for creating a workspace and for changing its territory).
 */
export function powiatPartsOrRefuse(names: string[], field: string): ReturnType<typeof powiatParts> {
  try {
    return powiatParts(names);
  } catch (e) {
    if (e instanceof UnknownPowiatError) {
      throw new RejonError('bad-request', e.message, [{ path: field, message: e.message }],
        e.ambiguous
          ? msg('workspace.territory.ambiguous', { name: e.given, options: e.closest.join(', ') })
          : msg('territory.unknownPowiat', { name: e.given, closest: e.closest.join(', ') }));
    }
    throw e;
  }
}

export function territoryApi(backend: Backend): Pick<RejonApi, Methods> {
  const db = backend.db;
  const changed = (outside: number): TerritoryResult => {
    backend.emit({ type: 'workspace-changed' });
    return territoryResult(db, outside);
  };
  return {
    getTerritory: async () => territoryResult(db),
    setTerritoryFromPowiaty: async ({ names }) => {
      return changed(replaceTerritory(db, powiatPartsOrRefuse(names, 'names')).outside);
    },
    setTerritoryFromBeats: async () => {
      const u = beatsUnion(db);
      if (!u) throw new RejonError('bad-request', 'The workspace has no beats to take the territory from.', undefined, msg('territory.noBeats'));
      return changed(replaceTerritory(db, [{ name: BEATS_TERRITORY_NAME, source: 'beats', geometry: u }]).outside);
    },
    clearTerritory: async () => changed(replaceTerritory(db, []).outside),
  };
}

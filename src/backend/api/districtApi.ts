import { RejonError, type RejonApi } from '../../shared/contract';
import type { districtMethods } from '../../shared/contract/districts';
import type { Backend } from '../backend';
import { workspaceReadOnly } from './dispatch';
import { isReadonlyDb } from '../store/workspace';
import {
  deleteDistrict, districtStats, DistrictOpError, importDistricts, inspectDistrictFile, listOutsideReports, mergeDistricts, renameDistrict,
  saveDistrict, splitDistrict, validateWorkspaceDistricts,
} from '../districts/service';
import { terytMismatches } from '../districts/teryt';
import { resolveImportSource } from '../import/uploads';
import { listDistrictRows } from '../store/districts';

type Methods = keyof typeof districtMethods;

/** Map service errors (bad input, unknown beat) to contract errors. */
async function guard<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DistrictOpError) throw new RejonError(e.code, e.message, undefined, e.msg);
    throw e;
  }
}

/** Implementation of the districts methods of the contract (src/backend/districts/service.ts does the work). */
export function districtApi(backend: Backend): Pick<RejonApi, Methods> {
  const db = backend.db;
  const changed = <T>(r: T): T => {
    backend.emit({ type: 'workspace-changed' });
    return r;
  };
  return {
    inspectDistrictFile: ({ source, nameField, skipTopology }) =>
      guard(() => {
        const { file, name } = resolveImportSource(backend, source);
        return inspectDistrictFile(file, name, { nameField, skipTopology });
      }),

    startDistrictImport: async ({ source, nameField, officerField, unitField, mode, kind }) => {
      if (isReadonlyDb(backend.db)) throw workspaceReadOnly();
      const { file, release } = resolveImportSource(backend, source, true);
      const job = backend.jobs.start('districts', async (ctx) => {
        const result = await backend.writer.job('districts', ctx, () => importDistricts(db, file, { nameField, officerField, unitField, mode: mode ?? 'replace', kind }, ctx));
        backend.emit({ type: 'workspace-changed' });
        return result;
      });
      void backend.jobs.wait(job.id).finally(release);
      return { jobId: job.id };
    },

    getDistrict: ({ id }) =>
      guard(() => {
        const r = listDistrictRows(db).find((x) => x.id === id);
        if (!r) throw new DistrictOpError(`No beat with id ${id}.`, 'not-found');
        return { id: r.id, name: r.name, kind: r.kind, unit: r.unit, officer: r.officer, areaKm2: r.areaM2 / 1e6, geometry: r.geometry as never };
      }),
    saveDistrict: (input) => guard(() => changed(saveDistrict(db, input))),
    renameDistrict: (input) => guard(() => changed(renameDistrict(db, input))),
    deleteDistrict: ({ id }) => guard(() => changed(deleteDistrict(db, id))),
    mergeDistricts: ({ ids, name }) => guard(() => changed(mergeDistricts(db, ids, name))),
    splitDistrict: ({ id, line, names }) => guard(() => changed(splitDistrict(db, id, line.coordinates, names))),
    validateAllDistricts: ({ skipTopology }) => guard(() => validateWorkspaceDistricts(db, skipTopology)),
    getDistrictStats: (input) => guard(() => districtStats(db, input)),
    listOutsideReports: ({ filter, offset, limit }) => guard(() => listOutsideReports(db, { filter, offset: offset ?? 0, limit: limit ?? 100 })),
    getTerytMismatches: ({ filter, limit }) => guard(() => terytMismatches(db, { filter, limit: limit ?? 1000 })),
  };
}

import { msg } from '../../core/message';
import { RejonError, type RejonApi } from '../../shared/contract';
import type { provenanceMethods } from '../../shared/contract/provenance';
import type { reportMethods } from '../../shared/contract/reports';
import type { Backend } from '../backend';
import { listImports, previewUndo, undoImport } from '../import/undo';
import { getReport } from '../reports/detail';
import { exportReportsBytes } from '../reports/export';
import { getMeta } from '../store/workspace';

type Methods = keyof typeof provenanceMethods | keyof typeof reportMethods;

/** Import history with provenance, undo of an import, one report by its number, reports out (issue 12, points 5-8). */
export function provenanceApi(backend: Backend): Pick<RejonApi, Methods> {
  // built once per opened workspace: this workspace's connection and file
  const db = backend.db;
  const file = backend.workspacePath;
  return {
    listImports: async () => listImports(db),
    previewUndoImport: async ({ importId }) => {
      const preview = previewUndo(db, importId, file);
      return getMeta(db, 'demo') != null ? { ...preview, possible: false, reason: msg('provenance.undo.demo') } : preview;
    },
    undoImport: async ({ importId }) => {
      // the demo is generated, not imported: undoing its one import would only empty it
      if (getMeta(db, 'demo') != null) {
        throw new RejonError('bad-request', 'The demo workspace is generated: there is no import to undo.', undefined, msg('provenance.undo.demo'));
      }
      // an import or beat job writes on its own connection: undo waits for none of them
      if (backend.jobs.list().some((j) => j.state === 'running' && (j.kind === 'import' || j.kind === 'districts' || j.kind === 'demo'))) {
        throw new RejonError('bad-request', 'An import is running; undo after it has finished.', undefined, msg('provenance.undo.busy'));
      }
      const result = undoImport(db, importId, file);
      backend.emit({ type: 'workspace-changed' });
      return result;
    },
    getReport: async (key) => getReport(db, key),
    exportReports: async ({ filter, format, withDescriptions }) =>
      exportReportsBytes(db, { filter, format, withDescriptions: withDescriptions ?? false }) as Uint8Array<ArrayBuffer>,
  };
}

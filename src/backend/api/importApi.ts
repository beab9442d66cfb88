import { RejonError, type RejonApi } from '../../shared/contract';
import type { importMethods } from '../../shared/contract/import';
import type { Backend } from '../backend';
import { analyzeForImport, ImportError, resolveMapping } from '../import/importFile';
import { runImport } from '../import/runImport';
import { readingPreviews } from '../import/coordinateContext';
import { getTerritory } from '../store/territory';
import { workspaceReadOnly } from './dispatch';
import { isReadonlyDb } from '../store/workspace';
import { inspectFile, ImportFileError } from '../import/readers';
import { buildVoivodeshipIndex, type FileCoordinateKind, type PolygonFeatureCollection } from '../../core/import';
import { readResourceJson } from '../resources';
import { deletePreset, listPresets } from '../import/presets';
import { resolveImportSource } from '../import/uploads';
import { toCsv } from '../../core/export/csv';
import { rememberedProvenance } from '../import/provenance';

type Methods = keyof typeof importMethods;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Implementation of the import methods of the contract. */
export function importApi(backend: Backend): Pick<RejonApi, Methods> {
  const db = backend.db;
  return {
    uploadChunk: async ({ uploadId, name, offset, data }) => backend.uploads.append(uploadId, name, offset, data),
    discardUpload: async ({ uploadId }) => ({ discarded: backend.uploads.discard(uploadId) }),

    inspectImport: async ({ source, options, presetName }) => {
      const { file, name } = resolveImportSource(backend, source);
      try {
        const inspection = await inspectFile(file, { encoding: options?.encoding, delimiter: options?.delimiter, sheet: options?.sheet }, 1000);
        const resolved = resolveMapping(db, inspection, { options, presetName });
        const vi = buildVoivodeshipIndex(readResourceJson<PolygonFeatureCollection>('boundaries', 'wojewodztwa-min.geojson'));
        const analysis = analyzeForImport(db, inspection, resolved, vi);
        const c = analysis.coordinates;
        // Both readings on the preview map whenever the order of EPSG:2180 / WGS84 columns was in question.
        const pair: FileCoordinateKind[] | null = c.candidates
          ? c.candidates
          : c.kind === 'puwg92' || c.kind === 'puwg92-swapped' ? ['puwg92', 'puwg92-swapped']
          : c.kind === 'wgs84' || c.kind === 'wgs84-swapped' ? ['wgs84', 'wgs84-swapped'] : null;
        const previews = pair ? readingPreviews(db, inspection.sample.map((r) => r.record), resolved.mapping, analysis.decisions.decimalComma, pair) : null;
        return {
          fileName: name,
          format: inspection.format,
          headers: [...inspection.headers],
          preview: inspection.sample.slice(0, 20).map((r) => inspection.headers.map((h) => cellText(r.record[h]))),
          mapping: resolved.mapping,
          mappingSource: resolved.source,
          presetName: resolved.preset?.name ?? null,
          confidence: inspection.proposal.confidence as Record<string, number>,
          missingRequired: inspection.proposal.missingRequired,
          coordinateKind: analysis.decisions.coordinateKind,
          coordinate: {
            decidedBy: c.decidedBy, msg: c.msg, evidence: c.evidence, candidates: c.candidates ?? null, undecidedBecause: c.undecidedBecause ?? null, previews,
          },
          warnings: analysis.warnings,
          hasTerritory: getTerritory(db).length > 0,
          encoding: inspection.csv?.encoding.encoding ?? null,
          delimiter: inspection.csv?.delimiter ?? null,
          provenance: rememberedProvenance(db, resolved.preset?.name),
        };
      } catch (e) {
        if (e instanceof ImportFileError || e instanceof ImportError) throw new RejonError('bad-request', e.message, undefined, e.msg);
        throw e;
      }
    },

    startImport: async ({ source, mapping, options, presetName, savePresetAs, provenance, provenanceKind }) => {
      if (isReadonlyDb(backend.db)) throw workspaceReadOnly();
      const { file, name, release } = resolveImportSource(backend, source, true);
      const job = backend.jobs.start('import', async (ctx) => {
        // One writer at a time in this backend (the import writes through its own connection, on its own thread: a
        // slot, no transaction).
        const summary = await backend.writer.slot('import', ctx, () => runImport(
          backend.workspacePath,
          { path: file, displayName: name, mapping, options, presetName, savePresetAs, provenance, provenanceKind },
          ctx,
          backend.options.nativeBinding,
        ));
        backend.emit({ type: 'workspace-changed' });
        return summary;
      });
      // The staged copy of the export (personal data) goes as soon as the job ends: done, failed or cancelled
      // (also cancelled before it started).
      void backend.jobs.wait(job.id).finally(release);
      return { jobId: job.id };
    },

    listQuarantine: async ({ importId, offset, limit }) => {
      const where = importId != null ? 'WHERE import_id = ?' : '';
      const params = importId != null ? [importId] : [];
      const total = (db.prepare(`SELECT count(*) AS n FROM quarantine ${where}`).get(...params) as { n: number }).n;
      const rows = db
        .prepare(`SELECT id, import_id, file_name, row_number, field, reason, raw_json FROM quarantine ${where} ORDER BY import_id, row_number LIMIT ? OFFSET ?`)
        .all(...params, limit ?? 100, offset ?? 0) as { id: number; import_id: number; file_name: string; row_number: number; field: string; reason: string; raw_json: string | null }[];
      return { total, rows: rows.map((r) => ({ id: r.id, importId: r.import_id, fileName: r.file_name, row: r.row_number, field: r.field, reason: r.reason, raw: r.raw_json })) };
    },

    exportQuarantineCsv: async ({ importId }) => {
      const where = importId != null ? 'WHERE import_id = ?' : '';
      const params = importId != null ? [importId] : [];
      const rows = db.prepare(`SELECT file_name, row_number, field, reason, raw_json FROM quarantine ${where} ORDER BY import_id, row_number`).raw(true).iterate(...params) as IterableIterator<
        [string, number, string, string, string | null]
      >;
      const csv = toCsv(['plik', 'wiersz', 'pole', 'powód', 'dane wiersza'], rows);
      return { fileName: importId != null ? `kwarantanna-import-${importId}.csv` : 'kwarantanna.csv', csv };
    },

    listMappingPresets: async () => listPresets(db).map((p) => ({ ...p, options: p.options ?? {} })),
    deleteMappingPreset: async ({ name }) => ({ deleted: deletePreset(db, name) }),
  };
}

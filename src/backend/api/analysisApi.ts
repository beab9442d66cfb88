import { RejonError, type RejonApi } from '../../shared/contract';
import type { analysisMethods } from '../../shared/contract/analysis';
import type { Backend } from '../backend';
import { getStoredAnalysis, listStoredAnalyses, runAndStoreAnalysis } from '../analysis/runAnalysis';

type Methods = keyof typeof analysisMethods;

/** Implementation of the analysis methods of the contract. */
export function analysisApi(backend: Backend): Pick<RejonApi, Methods> {
  const db = backend.db;
  return {
    runAnalysis: async ({ request, filter, name }) => {
      const job = backend.jobs.start('analysis', async (ctx) => {
        // Computed without holding anything; only the saving step waits its turn among the writers.
        const stored = await runAndStoreAnalysis(db, request, filter ?? {}, name, ctx, (save) => backend.writer.job('analysis', ctx, save));
        return { analysisId: stored.id, method: stored.method, summary: stored.summary };
      });
      return { jobId: job.id };
    },
    listAnalyses: async () => listStoredAnalyses(db),
    getAnalysis: async ({ id }) => {
      const a = getStoredAnalysis(db, id);
      if (!a) throw new RejonError('not-found', `No analysis ${id}.`);
      return a;
    },
    deleteAnalysis: async ({ id }) => ({ deleted: db.prepare('DELETE FROM saved_analyses WHERE id = ?').run(id).changes > 0 }),
  };
}

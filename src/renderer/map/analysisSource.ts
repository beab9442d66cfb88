/**
 * HOOK for the analysis engine (issue 5). When this was written, src/core/analysis had no result types
 * and the contract had no analysis method, so nothing is loaded yet: the layer builders, legends and
 * drill-down already work on the view shapes in analysisLayers.ts.
 *
 * TODO(analysis): call the analysis API (e.g. `client.api.listAnalyses` / the job result of a Gi*,
 * DBSCAN, KDE or emerging-hot-spot run) and convert each result to an AnalysisView here.
 */
import type { Client } from '../api/client';
import type { AnalysisView } from './analysisLayers';

export async function loadAnalysisViews(client: Client): Promise<AnalysisView[]> {
  void client;
  return [];
}

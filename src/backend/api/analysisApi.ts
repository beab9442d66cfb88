import type { RejonApi } from '../../shared/contract';
import type { analysisMethods } from '../../shared/contract/analysis';
import type { Backend } from '../backend';

type Methods = keyof typeof analysisMethods;

/** Implementation of the analysis methods of the contract. */
export function analysisApi(backend: Backend): Pick<RejonApi, Methods> {
  void backend;
  return {};
}

import type { RejonApi } from '../../shared/contract';
import type { briefingMethods } from '../../shared/contract/briefing';
import type { Backend } from '../backend';

type Methods = keyof typeof briefingMethods;

/** Implementation of the briefing methods of the contract. */
export function briefingApi(backend: Backend): Pick<RejonApi, Methods> {
  void backend;
  return {};
}

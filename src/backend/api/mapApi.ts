import type { RejonApi } from '../../shared/contract';
import type { mapMethods } from '../../shared/contract/map';
import type { Backend } from '../backend';

type Methods = keyof typeof mapMethods;

/** Implementation of the map methods of the contract. */
export function mapApi(backend: Backend): Pick<RejonApi, Methods> {
  void backend;
  return {};
}

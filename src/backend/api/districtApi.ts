import type { RejonApi } from '../../shared/contract';
import type { districtMethods } from '../../shared/contract/districts';
import type { Backend } from '../backend';

type Methods = keyof typeof districtMethods;

/** Implementation of the districts methods of the contract. */
export function districtApi(backend: Backend): Pick<RejonApi, Methods> {
  void backend;
  return {};
}

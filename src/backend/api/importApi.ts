import type { RejonApi } from '../../shared/contract';
import type { importMethods } from '../../shared/contract/import';
import type { Backend } from '../backend';

type Methods = keyof typeof importMethods;

/** Implementation of the import methods of the contract. */
export function importApi(backend: Backend): Pick<RejonApi, Methods> {
  void backend;
  return {};
}

import { RejonError } from '../../shared/contract';
import { msg } from '../../core/message';
import type { WorkspaceError } from '../store/workspace';

/** What every workspace method answers while no workspace is open. */
export const noneOpenError = (): RejonError => new RejonError('workspace', 'No workspace is open.', undefined, msg('workspace.none-open'));

/** A WorkspaceError (store codes) as the contract's error, with the user's message. */
export function workspaceRejonError(e: WorkspaceError): RejonError {
  return new RejonError('workspace', e.message, undefined, e.msg);
}

/** The demo holds synthetic reports only: importing reports or beats into it is refused (demo and real data never mix). */
export function refuseDemoImport(db: { prepare(sql: string): { get(...a: unknown[]): unknown } }): void {
  if (db.prepare(`SELECT 1 FROM workspace_meta WHERE key = 'demo'`).get() !== undefined) {
    throw new RejonError('workspace', 'The demo workspace holds synthetic data only: import into a real workspace.', undefined, msg('workspace.demo.import-refused'));
  }
}

import type { RejonApi } from '../../shared/contract';
import type { workspaceMethods } from '../../shared/contract/workspace';
import type { Backend } from '../backend';
import { workspaceRejonError } from '../workspace/errors';
import { WorkspaceError } from '../store/workspace';

type Methods = Exclude<keyof typeof workspaceMethods, 'getWorkspaceInfo'>;

/** Store errors (missing, damaged, foreign, newer, read-only file; existing target) as contract errors with the user's message. */
async function guard<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof WorkspaceError) throw workspaceRejonError(e);
    throw e;
  }
}

/** Implementation of the workspace lifecycle methods of the contract (they work with no workspace open). */
export function workspaceApi(backend: Backend): Pick<RejonApi, Methods> {
  return {
    getAppState: () => guard(() => backend.appState()),
    createWorkspace: ({ path, name, territory }) => guard(() => backend.createWorkspace({ path, name, territory })),
    openWorkspace: ({ path, readOnly }) => guard(() => backend.openWorkspace(path, { readOnly })),
    closeWorkspace: () => guard(async () => ({ closed: await backend.closeWorkspace() })),
    listRecentWorkspaces: () => guard(() => backend.listRecent()),
    forgetRecentWorkspace: ({ path }) => guard(() => ({ removed: backend.recent.remove(path) })),
    saveWorkspaceCopy: ({ path }) => guard(() => backend.saveWorkspaceCopy(path)),
    openDemoWorkspace: () => guard(() => backend.openDemoWorkspace()),
    browseFiles: ({ dir }) => guard(() => backend.browse(dir)),
  };
}

/**
 * What any part of the app may ask of the workspace lifecycle (the switcher in the header, the offer shown when
 * someone tries to import into the demo): open the dialogs, go to the start screen, close.
 */
import { createContext, useContext } from 'react';
import type { AppState } from '../../shared/contract/workspace';

export interface WorkspaceActions {
  state: AppState | null;
  newWorkspace(): void;
  openWorkspace(): void;
  saveCopy(): void;
  showStart(): void;
  openPath(path: string): Promise<void>;
  openDemo(): Promise<void>;
  close(): Promise<void>;
}

export const WorkspaceActionsContext = createContext<WorkspaceActions | null>(null);

/** The lifecycle actions, or null outside Root (print pages). */
export function useWorkspaceActions(): WorkspaceActions | null {
  return useContext(WorkspaceActionsContext);
}

/**
 * The desktop's native workspace dialogs (window.rejon.desktop, from the Electron preload). Present: Open, New's
 * file location and Save a copy use the system's dialogs, and main hands the chosen path to the backend (the window
 * never sends one). Absent (browser mode): the server-side file browser (FileBrowser.tsx) as before.
 */
import { RejonError } from '../../shared/contract';
import type { RejonDesktopBridge, WorkspaceDialogRequest, WorkspaceDialogResult } from '../../shared/desktopBridge';

export function desktopBridge(): RejonDesktopBridge | null {
  return (typeof window !== 'undefined' && window.rejon?.desktop) || null;
}

export type ChosenResult = Exclude<WorkspaceDialogResult, { canceled: true }>;

/** Show a native dialog and let main act on the choice: null when the user cancelled; a refusal throws RejonError. */
export async function nativeWorkspaceDialog(bridge: RejonDesktopBridge, request: WorkspaceDialogRequest): Promise<ChosenResult | null> {
  const reply = await bridge.workspaceDialog(request);
  if (!reply.ok) throw new RejonError(reply.error.code, reply.error.message, reply.error.issues, reply.error.msg);
  return reply.result.canceled ? null : reply.result;
}

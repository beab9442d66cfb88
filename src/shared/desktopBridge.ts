/**
 * The desktop's native workspace dialogs, as seen by the window (`window.rejon.desktop`, exposed by the Electron
 * preload; absent in browser mode, where the server-side file browser is used instead).
 *
 * The window never hands a file path over: it names what it wants ('open', 'new' with the command's name and
 * territory, 'copy'), main shows the native Open/Save dialog, and main itself calls the backend's openWorkspace /
 * createWorkspace / saveWorkspaceCopy with the path the user chose. The reply says whether the user cancelled,
 * and otherwise carries the backend's answer (or its error, as on every contract call).
 */
import { z } from 'zod';
import type { WireError } from './contract';
import { WorkspaceInfoSchema } from './contract/workspace';

const TerritoryNames = z.array(z.string().min(1).max(200)).max(50);

export const WorkspaceDialogRequestSchema = z.discriminatedUnion('kind', [
  /** Choose a workspace file to open (native Open dialog), then open it. */
  z.object({ kind: z.literal('open') }).strict(),
  /** Choose where the new workspace goes (native Save dialog, the name's file name suggested), then create it. */
  z.object({ kind: z.literal('new'), name: z.string().trim().min(1).max(200), territory: TerritoryNames.optional() }).strict(),
  /** Choose where a copy of the open workspace goes (native Save dialog), then write it. */
  z.object({ kind: z.literal('copy') }).strict(),
]);
export type WorkspaceDialogRequest = z.infer<typeof WorkspaceDialogRequestSchema>;
export type WorkspaceDialogKind = WorkspaceDialogRequest['kind'];

export const WorkspaceDialogResultSchema = z.union([
  z.object({ canceled: z.literal(true) }),
  z.object({ canceled: z.literal(false), kind: z.enum(['open', 'new']), path: z.string(), workspace: WorkspaceInfoSchema }),
  z.object({ canceled: z.literal(false), kind: z.literal('copy'), path: z.string(), bytes: z.number().int() }),
]);
export type WorkspaceDialogResult = z.infer<typeof WorkspaceDialogResultSchema>;

export type WorkspaceDialogReply = { ok: true; result: WorkspaceDialogResult } | { ok: false; error: WireError };

/** What the Electron preload exposes as `window.rejon.desktop`. */
export interface RejonDesktopBridge {
  workspaceDialog(request: WorkspaceDialogRequest): Promise<WorkspaceDialogReply>;
}

/** The IPC channel of the bridge (preload → main). */
export const WORKSPACE_DIALOG_CHANNEL = 'rejon-desktop:workspaceDialog';

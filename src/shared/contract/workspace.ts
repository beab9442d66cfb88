/**
 * Workspace lifecycle (issue 12): one backend process has no workspace open, or one; it creates, opens,
 * closes and switches workspaces, saves consistent copies, and keeps an app-level list of recent ones.
 * While no workspace is open, every workspace method fails with RejonError code 'workspace' and the message
 * `workspace.none-open`.
 *
 * Methods answered with no workspace open: these, plus getJob/cancelJob/listJobs, getBasemapLayer and
 * listPowiatNames (see APP_METHODS in src/backend/backend.ts).
 *
 * Browser mode cannot hand over file paths, so `browseFiles` lists folders and workspace files on the server,
 * ONLY inside the allowed roots (the user's Rejon data folder and folders given with `rejon serve --allow-dir`).
 */
import { z } from 'zod';
import type { MethodDef } from './method';
import { MsgSchema } from './territory';

const Empty = z.object({}).strict();
/** An absolute or relative file path as the user gave it (resolved by the backend). */
const FilePath = z.string().min(1).max(4096).refine((s) => !s.includes('\0'), 'no NUL bytes in a path');

export const WorkspaceInfoSchema = z.object({
  /** Absolute path of the workspace file. */
  path: z.string(),
  /** Visible name: the command's name given at creation (workspace_meta 'name'), else the file name. */
  name: z.string(),
  schemaVersion: z.number().int(),
  reports: z.number().int(),
  districts: z.number().int(),
  imports: z.number().int(),
  firstReportAt: z.number().nullable(),
  lastReportAt: z.number().nullable(),
  /** True for the generated demo workspace (synthetic data; imports into it are refused). */
  demo: z.boolean(),
  /** Names of the territory's parts (e.g. PRG powiaty chosen at creation), in order. */
  territory: z.array(z.string()),
  /** Opened read-only (the file or its folder cannot be written, or asked so): every write is refused. */
  readOnly: z.boolean(),
  /** UTC ms the workspace was created, when known. */
  createdAt: z.number().nullable(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfoSchema>;

export const RecentWorkspaceSchema = z.object({
  path: z.string(),
  /** Name read from the file now, else the one remembered from the last open. */
  name: z.string(),
  demo: z.boolean(),
  reports: z.number().int().nullable(),
  firstReportAt: z.number().nullable(),
  lastReportAt: z.number().nullable(),
  /** UTC ms. */
  lastOpenedAt: z.number(),
  exists: z.boolean(),
  /** Opens as a workspace this version of Rejon understands (checked without the full integrity check). */
  readable: z.boolean(),
  /** Why it cannot be opened (moved, damaged, newer Rejon…), as a message. */
  problem: MsgSchema.nullable(),
  /** It is the workspace open now. */
  current: z.boolean(),
});
export type RecentWorkspace = z.infer<typeof RecentWorkspaceSchema>;

export const BrowseRootSchema = z.object({
  path: z.string(),
  /** 'data': the user's Rejon data folder; 'allowed': a folder given with --allow-dir. */
  kind: z.enum(['data', 'allowed']),
});

export const BrowseEntrySchema = z.object({
  name: z.string(),
  /** Absolute path (symbolic links resolved). */
  path: z.string(),
  kind: z.enum(['dir', 'workspace']),
  /** Bytes (files only). */
  size: z.number().nullable(),
  /** UTC ms. */
  modifiedAt: z.number(),
});
export type BrowseEntry = z.infer<typeof BrowseEntrySchema>;

export const BrowseResultSchema = z.object({
  /** The folder listed (absolute, resolved); null: the list of roots. */
  dir: z.string().nullable(),
  /** The folder above, or null at a root (go back to the roots). */
  parent: z.string().nullable(),
  roots: z.array(BrowseRootSchema),
  /** Folders first, then workspace files (.sqlite, .rejon, .db). Hidden entries are left out. */
  entries: z.array(BrowseEntrySchema),
  /** More entries than listed were left out. */
  truncated: z.boolean(),
});
export type BrowseResult = z.infer<typeof BrowseResultSchema>;

export const AppStateSchema = z.object({
  /** The open workspace, or null: the front end shows the start screen. */
  workspace: WorkspaceInfoSchema.nullable(),
  /** Counts opens in this backend process (as in the 'workspace-opened' event); 0 when none is open. */
  serial: z.number().int(),
  /** The user's Rejon data folder (default place for new workspaces). */
  dataDir: z.string(),
  /** Where the demo workspace lives, and whether it has been generated. */
  demoPath: z.string(),
  demoExists: z.boolean(),
  /** Folders the server-side file picker may list. */
  browseRoots: z.array(BrowseRootSchema),
  /** Path names given to the API must lie inside browseRoots (browser mode). */
  confined: z.boolean(),
});
export type AppState = z.infer<typeof AppStateSchema>;

const TerritoryNames = z.array(z.string().min(1).max(200)).max(50);

export const workspaceMethods = {
  getAppState: { input: Empty, output: AppStateSchema },
  getWorkspaceInfo: { input: Empty, output: WorkspaceInfoSchema },
  /**
   * Create a new, empty workspace and open it. Name, creation time and territory are written in one go into a
   * temporary file that becomes the workspace only when complete; any failure (an unknown powiat, an existing
   * file, a missing folder) leaves no file behind.
   */
  createWorkspace: {
    input: z.object({ path: FilePath, name: z.string().trim().min(1).max(200), territory: TerritoryNames.optional() }).strict(),
    output: WorkspaceInfoSchema,
  },
  /** Open a workspace (closing the open one after the new one opened). Missing, damaged, foreign or newer files are refused untouched. */
  openWorkspace: { input: z.object({ path: FilePath, readOnly: z.boolean().optional() }).strict(), output: WorkspaceInfoSchema },
  /** Close the open workspace (its jobs are cancelled and awaited first). */
  closeWorkspace: { input: Empty, output: z.object({ closed: z.boolean() }) },
  listRecentWorkspaces: { input: Empty, output: z.array(RecentWorkspaceSchema) },
  forgetRecentWorkspace: { input: z.object({ path: FilePath }).strict(), output: z.object({ removed: z.boolean() }) },
  /** A consistent copy of the open workspace to a NEW file (never overwrites); the open workspace stays open. */
  saveWorkspaceCopy: { input: z.object({ path: FilePath }).strict(), output: z.object({ path: z.string(), bytes: z.number().int() }) },
  /**
   * Open the demo workspace (its own file in the data folder). When it does not exist yet it is generated as a
   * job (kind 'demo', with progress): `jobId` is set and the workspace opens when the job is done.
   */
  openDemoWorkspace: { input: Empty, output: z.object({ jobId: z.string().nullable(), workspace: WorkspaceInfoSchema.nullable() }) },
  browseFiles: { input: z.object({ dir: FilePath.optional() }).strict(), output: BrowseResultSchema },
  // The territory picker of "New workspace" uses listPowiatNames (contract/territory.ts), answered without a workspace.
} as const satisfies Record<string, MethodDef>;

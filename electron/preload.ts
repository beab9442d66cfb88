/**
 * Preload (sandboxed): exposes exactly one named function per contract method plus an event
 * subscription, and `desktop.workspaceDialog` (the native workspace dialogs, src/shared/desktopBridge.ts).
 * No ipcRenderer, no Node, no generic invoke reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES } from '../src/shared/contract';
import { WORKSPACE_DIALOG_CHANNEL, type RejonDesktopBridge } from '../src/shared/desktopBridge';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of METHOD_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(`rejon:${name}`, input);
}

const desktop: RejonDesktopBridge = {
  workspaceDialog: (request) => ipcRenderer.invoke(WORKSPACE_DIALOG_CHANNEL, request),
};

contextBridge.exposeInMainWorld('rejon', {
  api: Object.freeze(api),
  desktop: Object.freeze(desktop),
  onEvent(listener: (e: unknown) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on('rejon:event', wrapped);
    return () => ipcRenderer.removeListener('rejon:event', wrapped);
  },
});


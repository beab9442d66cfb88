/**
 * Preload (sandboxed): exposes exactly one named function per contract method plus an event
 * subscription. No ipcRenderer, no Node, no generic invoke reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES } from '../src/shared/contract';

const api: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of METHOD_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(`rejon:${name}`, input);
}

contextBridge.exposeInMainWorld('rejon', {
  api: Object.freeze(api),
  onEvent(listener: (e: unknown) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on('rejon:event', wrapped);
    return () => ipcRenderer.removeListener('rejon:event', wrapped);
  },
});

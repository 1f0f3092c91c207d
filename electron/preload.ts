import { contextBridge, ipcRenderer } from 'electron';

/**
 * Sandboxed preload. The renderer gets exactly one thing: `window.api.invoke`.
 * Never `ipcRenderer` itself, never a way to pick the channel. Imports nothing
 * but 'electron' (a sandboxed preload cannot require our modules).
 */
function invoke(method: unknown, payload: unknown): Promise<unknown> {
  if (typeof method !== 'string' || method.length === 0 || method.length > 100) {
    return Promise.reject(new TypeError('api.invoke: method must be a non-empty string'));
  }
  return ipcRenderer.invoke('api', method, payload);
}

contextBridge.exposeInMainWorld('api', { invoke });

import { contextBridge, ipcRenderer } from 'electron';
import { contract } from '../shared/contract';
import { createPreloadBridge } from './app/preload-bridge';

/**
 * Sandboxed preload (bundled into one CJS file; it may only require 'electron'). Exposes exactly
 * `window.berth = { invoke, subscribe }` for the channels of the contract — no ipcRenderer, no
 * process, nothing else.
 */
const bridge = createPreloadBridge(ipcRenderer, contract);

contextBridge.exposeInMainWorld('berth', {
  invoke: bridge.invoke,
  subscribe: bridge.subscribe,
});

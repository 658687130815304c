import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge, type ChannelKinds } from './app/preload-bridge';

/**
 * Sandboxed preload (bundled into one CJS file; it may only require 'electron'). Exposes exactly
 * `window.berth = { invoke, subscribe }` for the channels of the contract — no ipcRenderer, no
 * process, nothing else.
 *
 * The channel table is derived from shared/contract.ts at build time (scripts/build-node.mjs), so
 * the preload carries no zod and costs next to nothing on every page load.
 */
declare const __BERTH_CHANNEL_KINDS__: ChannelKinds;

const bridge = createPreloadBridge(ipcRenderer, __BERTH_CHANNEL_KINDS__);

contextBridge.exposeInMainWorld('berth', {
  invoke: bridge.invoke,
  subscribe: bridge.subscribe,
});

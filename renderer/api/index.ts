import type { BerthBridge } from '../../shared/protocol';
import { createClient, type BerthClient } from './client';
import { createWsBridge, takeToken, type LinkState, type WsBridge } from './ws-bridge';

declare global {
  interface Window {
    /** Present in Electron (exposed by the preload via contextBridge); absent in web mode. */
    berth?: BerthBridge;
  }
}

/** Chosen once at startup: Electron's preload bridge when present, else the web-mode WebSocket. */
function pickBridge(): { bridge: BerthBridge; link: WsBridge | undefined } {
  if (window.berth) return { bridge: window.berth, link: undefined };
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const link = createWsBridge(`${proto}//${window.location.host}/ws`, takeToken());
  return { bridge: link, link };
}

const picked = pickBridge();

export const api: BerthClient = createClient(picked.bridge);
/** The web-mode link to the Berth server (undefined in Electron, where IPC cannot drop). */
export const webLink: WsBridge | undefined = picked.link;
export type { LinkState };
export const mode: 'electron' | 'web' = picked.link ? 'web' : 'electron';

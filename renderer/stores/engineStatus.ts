import { create } from 'zustand';
import type { EngineStatus } from '../../shared/models';
import { api, webLink, type LinkState } from '../api';

/**
 * Engine connection state (from the 'engine.watch' stream) and, in web mode, the state of the link
 * to the Berth server. Started once by the app shell (startEngineStatus()).
 *
 *   const status = useEngineStatus();      // EngineStatus | undefined (not heard yet)
 *   const link = useLinkState();           // 'ipc' in Electron, else connecting/open/closed/unauthorized
 *   const everConnected = useEngineStatusStore((s) => s.everConnected);
 */
interface EngineStatusState {
  status: EngineStatus | undefined;
  link: LinkState | 'ipc';
  /** The link opened at least once (a later 'closed' means "reconnecting", not "never reached"). */
  linkEverOpen: boolean;
  /** The server refused the link (bad/missing token) and it has not opened since. */
  linkRefused: boolean;
  everConnected: boolean;
  reconnecting: boolean;
  reconnect(): Promise<void>;
}

export const useEngineStatusStore = create<EngineStatusState>((set, get) => ({
  status: undefined,
  link: webLink ? webLink.state : 'ipc',
  linkEverOpen: webLink ? webLink.state === 'open' : true,
  linkRefused: webLink ? webLink.state === 'unauthorized' : false,
  everConnected: false,
  reconnecting: false,
  async reconnect() {
    if (get().reconnecting) return;
    set({ reconnecting: true });
    try {
      const status = await api.invoke('engine.reconnect', {});
      set({ status, everConnected: get().everConnected || status.state === 'connected' });
    } catch {
      // The new status also arrives through engine.watch; the screen shows its reason.
    } finally {
      set({ reconnecting: false });
    }
  },
}));

let started = false;
let stopWatch: (() => void) | undefined;
let watchRetry = 500;

function watch(): void {
  stopWatch = api.subscribe(
    'engine.watch',
    {},
    {
      onData: (status) => {
        watchRetry = 500;
        useEngineStatusStore.setState((s) => ({
          status,
          everConnected: s.everConnected || status.state === 'connected',
        }));
      },
      onError: () => rewatch(),
      onEnd: () => rewatch(),
    },
  );
}

function rewatch(): void {
  stopWatch = undefined;
  setTimeout(watch, watchRetry);
  watchRetry = Math.min(watchRetry * 2, 10_000);
}

export function startEngineStatus(): void {
  if (started) return;
  started = true;
  watch();
  if (webLink) {
    const link = webLink;
    const apply = (state: LinkState): void =>
      useEngineStatusStore.setState((s) => ({
        link: state,
        linkEverOpen: s.linkEverOpen || state === 'open',
        // Retries after a refusal pass through 'connecting'; keep saying "refused" until it opens.
        linkRefused: state === 'open' ? false : s.linkRefused || (state === 'unauthorized' && !s.linkEverOpen),
      }));
    apply(link.state);
    link.onState(apply);
  }
}

export function useEngineStatus(): EngineStatus | undefined {
  return useEngineStatusStore((s) => s.status);
}

function linkUp(s: EngineStatusState): boolean {
  return s.link === 'ipc' || s.link === 'open';
}

function readyOf(s: EngineStatusState): boolean {
  return linkUp(s) && s.status?.state === 'connected';
}

/**
 * True while an engine call can succeed: the link to Berth is up and the engine connected. Buttons
 * that call the engine are disabled otherwise (their views stay on screen, marked stale).
 */
export function useEngineReady(): boolean {
  return useEngineStatusStore(readyOf);
}

/** The same, read once (event handlers). */
export function engineReadyNow(): boolean {
  return readyOf(useEngineStatusStore.getState());
}

/** The engine (or the link to Berth) was lost after the first connection: views show stale data. */
export function useEngineStale(): boolean {
  return useEngineStatusStore((s) => s.everConnected && !readyOf(s));
}

export function useLinkState(): LinkState | 'ipc' {
  return useEngineStatusStore((s) => s.link);
}

/** For tests and teardown. */
export function stopEngineStatus(): void {
  stopWatch?.();
  stopWatch = undefined;
  started = false;
}

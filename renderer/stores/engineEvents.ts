import type { EngineEvent } from '../../shared/models';
import { api } from '../api';

/**
 * ONE global subscription to 'engine.events', fanned out to listeners. Started by the first listener
 * and kept for the life of the page (the web bridge re-subscribes after a reconnect, and the server
 * sends a resync marker then).
 *
 *   useEffect(() => onEngineEvent((ev) => {
 *     if (isResync(ev)) reloadAll();
 *     else if (ev.type === 'image') refreshSoon();
 *   }), []);
 *
 * `{ type: 'berth', action: 'resync' }` means: re-list everything you show (the daemon only keeps the
 * last 256 events, so anything may have changed while the stream was down).
 */
export type EngineEventListener = (ev: EngineEvent) => void;

const listeners = new Set<EngineEventListener>();
let unsubscribe: (() => void) | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = 500;

export function isResync(ev: EngineEvent): boolean {
  return ev.type === 'berth' && ev.action === 'resync';
}

function dispatch(ev: EngineEvent): void {
  for (const l of [...listeners]) {
    try {
      l(ev);
    } catch (err) {
      console.error('engine event listener failed', err);
    }
  }
}

function start(): void {
  if (unsubscribe || retryTimer) return;
  unsubscribe = api.subscribe(
    'engine.events',
    {},
    {
      onData: (ev) => {
        retryDelay = 500;
        dispatch(ev);
      },
      onError: (err) => {
        console.warn('engine.events stream failed; re-subscribing', err.message);
        restartLater();
      },
      onEnd: () => restartLater(),
    },
  );
}

/** The stream ended (server restart, engine switch): subscribe again with capped backoff. */
function restartLater(): void {
  unsubscribe = undefined;
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    start();
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, 10_000);
}

export function onEngineEvent(listener: EngineEventListener): () => void {
  listeners.add(listener);
  start();
  return () => {
    listeners.delete(listener);
  };
}

/** Test hook: deliver an event as if it came from the engine. */
export function __emitEngineEventForTest(ev: EngineEvent): void {
  dispatch(ev);
}

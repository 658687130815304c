import type { Contract } from '../../shared/contract';
import type { ArgsIn, Frame, StreamChannels } from '../../shared/contract-kit';
import type { BerthError } from '../../shared/errors';
import type { StreamHandlers } from './client';
import { api } from './index';

/**
 * Opens a stream before the view that consumes it exists, so the engine works while the view's code
 * loads and renders: a navigation starts the request, the view adopts it when it mounts. What arrives
 * meanwhile is kept and replayed, in order, to the view's handlers. A prefetch nobody adopts within
 * KEEP_MS, or one that buffers more than MAX_BUFFERED payloads, is closed (the view then opens its own).
 *
 *   prefetchStream('containers.logs', args);          // on hashchange
 *   const unsub = takeStream('containers.logs', args, handlers) ?? api.subscribe(...);   // in the view
 */

const KEEP_MS = 2000;
const MAX_BUFFERED = 50_000;

type Held = { kind: 'data'; payload: unknown } | { kind: 'error'; error: BerthError } | { kind: 'end' };

interface Entry {
  held: Held[];
  handlers: StreamHandlers<unknown> | undefined;
  close: () => void;
  timer: ReturnType<typeof setTimeout>;
  /** Settles at the first frame (or when dropped). */
  first: Promise<void>;
}

const entries = new Map<string, Entry>();

/** Same channel and the same arguments, whatever their key order. */
export function streamKey(channel: string, args: unknown): string {
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, x]) => [k, sorted(x)]),
        )
      : v;
  return `${channel} ${JSON.stringify(sorted(args))}`;
}

/**
 * Opens (once per channel and arguments) and returns a promise that settles when the stream's first
 * frame (data, end or error) is in, or when the prefetch is dropped: what a route gate waits for.
 */
export function prefetchStream<K extends StreamChannels<Contract>>(
  channel: K,
  args: ArgsIn<Contract[K]>,
): Promise<void> {
  const key = streamKey(channel, args);
  const existing = entries.get(key);
  if (existing) return existing.first;
  let arrived = (): void => undefined;
  const drop = (): void => {
    arrived();
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    clearTimeout(entry.timer);
    entry.close();
  };
  const entry: Entry = {
    held: [],
    handlers: undefined,
    close: () => undefined,
    timer: setTimeout(drop, KEEP_MS),
    first: new Promise<void>((resolve) => (arrived = resolve)),
  };
  entries.set(key, entry);
  entry.close = api.subscribe(channel, args, {
    onData: (payload) => {
      if (entry.handlers) return entry.handlers.onData(payload);
      entry.held.push({ kind: 'data', payload });
      arrived();
      if (entry.held.length > MAX_BUFFERED) drop();
      return undefined;
    },
    onError: (error) => {
      if (entry.handlers) entry.handlers.onError?.(error);
      else entry.held.push({ kind: 'error', error });
      arrived();
    },
    onEnd: () => {
      if (entry.handlers) entry.handlers.onEnd?.();
      else entry.held.push({ kind: 'end' });
      arrived();
    },
  });
  return entry.first;
}

/**
 * Adopts a prefetched stream with exactly these arguments: replays what it received so far to
 * `handlers` (synchronously) and routes the rest to them. Returns its unsubscribe, or undefined when
 * there is none (subscribe as usual then).
 */
export function takeStream<K extends StreamChannels<Contract>>(
  channel: K,
  args: ArgsIn<Contract[K]>,
  handlers: StreamHandlers<Frame<Contract[K]>>,
): (() => void) | undefined {
  const key = streamKey(channel, args);
  const entry = entries.get(key);
  if (!entry) return undefined;
  entries.delete(key);
  clearTimeout(entry.timer);
  const h = handlers as StreamHandlers<unknown>;
  for (const ev of entry.held.splice(0)) {
    if (ev.kind === 'data') void h.onData(ev.payload);
    else if (ev.kind === 'error') h.onError?.(ev.error);
    else h.onEnd?.();
  }
  entry.handlers = h;
  return entry.close;
}

import type { ContractShape, Handlers, HandlerContext, StreamSink } from '../../shared/contract-kit';
import { BerthError } from '../../shared/errors';
import type { EngineHub, EngineSwitch } from '../engine/engine-hub';

/** Streams that follow the current engine across a switch instead of ending with the old one. */
export const ENGINE_INDEPENDENT_STREAMS: ReadonlySet<string> = new Set([
  'engine.watch',
  'engine.events',
  'engines.watch',
]);

type AnyStream = (args: unknown, sink: StreamSink<unknown>, signal: AbortSignal, ctx: HandlerContext) => Promise<void>;

/**
 * Every other stream (logs, stats, exec/terminal, attach, events.watch, transfers, pulls…) is bound
 * to the engine it was opened on: a switch aborts it, and it ends with CANCELLED "Switched to engine
 * X — session ended" (a terminal prints that line).
 */
export function bindStreamsToEngine<C extends ContractShape>(
  contract: C,
  handlers: Handlers<C>,
  hub: Pick<EngineHub, 'onSwitch'>,
): Handlers<C> {
  const table = { ...(handlers as unknown as Record<string, unknown>) };
  for (const [channel, def] of Object.entries(contract)) {
    if (def.kind !== 'stream' || ENGINE_INDEPENDENT_STREAMS.has(channel)) continue;
    const fn = table[channel] as AnyStream;
    table[channel] = (async (args, sink, signal, ctx) => {
      const inner = new AbortController();
      let switched: EngineSwitch | undefined;
      const onAbort = (): void => inner.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      const off = hub.onSwitch((s) => {
        switched = s;
        inner.abort();
      });
      try {
        await fn(args, sink, inner.signal, ctx);
      } catch (err) {
        if (!switched) throw err;
      } finally {
        off();
        signal.removeEventListener('abort', onAbort);
      }
      if (switched && !signal.aborted) {
        throw new BerthError('CANCELLED', `Switched to engine ${switched.to.name} — session ended`, {
          engine: switched.to.id,
        });
      }
    }) satisfies AnyStream;
  }
  return table as unknown as Handlers<C>;
}

import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import { BerthError } from '../../shared/errors';
import type { EngineApi } from '../engine/engine-api';
import { followEventsSince, toUnixSeconds } from '../engine/events-replay';
import { untilAborted } from './engine';

type EventsHandlers = Pick<Handlers<Contract>, 'events.watch'>;

/** A `since` this far ahead of our clock is still taken (the engine's clock may run a little behind). */
const FUTURE_SLACK_SEC = 5;

export function eventsHandlers(engine: EngineApi): EventsHandlers {
  return {
    'events.watch': async ({ since }, sink, signal) => {
      if (since === undefined) {
        engine.start();
        const off = engine.onEvent((ev) => {
          if (ev.type !== 'berth') sink.emit(ev);
        });
        await untilAborted(signal);
        off();
        return;
      }
      const sec = toUnixSeconds(since);
      if (sec === undefined)
        throw new BerthError('INVALID_ARGUMENT', `“${since}” is not a time (RFC 3339 or Unix seconds)`);
      if (sec > Date.now() / 1000 + FUTURE_SLACK_SEC)
        throw new BerthError(
          'INVALID_ARGUMENT',
          `“${since}” is in the future: events can only be replayed from the past`,
        );
      await followEventsSince(await engine.docker(), sec, (ev) => sink.emit(ev), signal);
    },
  };
}

import { z } from 'zod';
import { stream } from '../contract-kit';
import { EngineEvent, LogTime } from '../models';

/** Channels of the Events view. Spread into shared/contract.ts. */
export const eventsContract = {
  /**
   * Engine events as they happen (never Berth's own resync markers). With `since` (RFC 3339 or Unix
   * seconds, not in the future) the engine first replays what it still keeps from that time: it keeps
   * only its last 256 events, so older ones are gone. Ends with an error when the engine's stream breaks.
   */
  'events.watch': stream(z.object({ since: LogTime.optional() }), EngineEvent),
};

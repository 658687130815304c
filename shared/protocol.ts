import type { ErrorShape, Envelope } from './errors';

/**
 * Wire messages shared by both transports (Electron IPC and the web-mode WebSocket).
 * A data frame carries a batch of payloads: high-rate streams are flushed on a short timer.
 */
export type StreamFrame =
  | { sub: string; kind: 'data'; payloads: unknown[] }
  | { sub: string; kind: 'error'; error: ErrorShape }
  | { sub: string; kind: 'end' };

export type ClientMessage =
  | { t: 'invoke'; id: number; channel: string; args: unknown }
  | { t: 'subscribe'; sub: string; channel: string; args: unknown }
  | { t: 'unsubscribe'; sub: string }
  | { t: 'ack'; sub: string };

export type ServerMessage = { t: 'reply'; id: number; envelope: Envelope<unknown> } | ({ t: 'frame' } & StreamFrame);

/** Subprotocol that names the Berth wire format; the token travels as a second subprotocol. */
export const WS_PROTOCOL = 'berth.v1';
export const WS_TOKEN_PREFIX = 'token.';
/** Max unacknowledged data batches before a stream counts as pressured. */
export const STREAM_WINDOW = 8;
/** Batching window for data frames, ms. */
export const STREAM_BATCH_MS = 16;

/**
 * Consumer of a subscription's frames. Returning a promise for a data frame defers that batch's
 * 'ack' until it settles: a slow consumer (xterm still parsing) then holds the stream's window and
 * the producer pauses its engine stream. Returning nothing acks at once.
 */
export type FrameHandler = (frame: StreamFrame) => void | PromiseLike<void>;

/** Calls `ack` once `result` settles (at once when it is not a promise). */
export function ackAfter(result: unknown, ack: () => void): void {
  if (result && typeof (result as PromiseLike<void>).then === 'function') (result as PromiseLike<void>).then(ack, ack);
  else ack();
}

/** The bridge object exposed to the renderer: `window.berth` in Electron, a WebSocket client in web mode. */
export interface BerthBridge {
  invoke(channel: string, args: unknown): Promise<Envelope<unknown>>;
  subscribe(channel: string, args: unknown, onFrame: FrameHandler): () => void;
}

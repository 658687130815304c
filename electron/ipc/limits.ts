/**
 * Per-client limits of the transports (issue 9). One place so the README, the web server, the
 * Electron transport and the tests agree on the numbers.
 */

/** Open streams one session (a window frame or a WebSocket) may hold; the UI needs a few dozen. */
export const MAX_STREAMS_PER_SESSION = 256;
/** Invokes one session may have in flight; further ones are answered LIMIT_EXCEEDED at once. */
export const MAX_PENDING_INVOKES = 256;
/** Authenticated WebSocket connections at once (one per open browser tab). */
export const MAX_WEB_CLIENTS = 32;
/**
 * Largest client frame. The biggest legitimate message is an `exec.write` of 1 MiB (1,048,576 UTF-16
 * units): text escapes to at most 2 bytes a unit in JSON (`\n`, `\"`, `\\`), so 2 MiB plus room
 * for the envelope. The UI sends pastes in 64 KiB chunks, which fit even at 6 bytes a unit (`\u001b`).
 */
export const MAX_CLIENT_MESSAGE_BYTES = 2 * 1024 * 1024 + 64 * 1024;
/** Deepest JSON nesting accepted; contract arguments nest a handful of levels. */
export const MAX_JSON_DEPTH = 64;
/**
 * Outgoing bytes queued for one WebSocket: above HIGH its acks are held (its streams pause at their
 * window) until the queue falls below LOW; a client whose queue stays above HIGH without draining for
 * STALL_MS, or goes above HARD at all, is dropped.
 */
export const SEND_BUFFER_HIGH = 4 * 1024 * 1024;
export const SEND_BUFFER_LOW = 1024 * 1024;
export const SEND_BUFFER_HARD = 32 * 1024 * 1024;
export const SEND_STALL_MS = 10_000;
/** Failed handshakes per address: a burst, then this many a second; beyond it the address gets 429. */
export const HANDSHAKE_FAILURE_BURST = 20;
export const HANDSHAKE_FAILURES_PER_SECOND = 2;
/** Refused-handshake log lines: at most this many per LOG_WINDOW_MS, then one summary line. */
export const HANDSHAKE_LOG_LINES = 5;
export const HANDSHAKE_LOG_WINDOW_MS = 10_000;
/** Shortest BERTH_TOKEN accepted (the default is 48 random hex characters). */
export const MIN_TOKEN_LENGTH = 32;

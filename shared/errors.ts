/**
 * No zod here on purpose: the renderer imports BerthError, and this module must not pull zod into its
 * start-up bundle. The contract's own schemas live in contract.ts / models.ts.
 */

/** Stable error codes. UI decisions key on these, never on message text. */
export const ERROR_CODES = [
  'NOT_FOUND',
  'CONFLICT',
  'NOT_MODIFIED',
  'ENGINE_UNREACHABLE',
  'INVALID_ARGUMENT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CANCELLED',
  'INTERNAL',
  /** The engine ran the operation and it failed on its own terms (e.g. a build step exited non-zero). */
  'FAILED',
  /**
   * A per-client limit was reached (too many open streams or calls in flight on one connection);
   * nothing was started. Closing other streams first makes room.
   */
  'LIMIT_EXCEEDED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown> | undefined;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorShape };

/** A typed error that crosses the contract as an error envelope and is rebuilt on the other side. */
export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'BerthError';
    this.code = code;
    this.details = details;
  }
  toShape(): ErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
  static fromShape(shape: ErrorShape): BerthError {
    return new BerthError(shape.code, shape.message, shape.details);
  }
}

export function isBerthError(e: unknown): e is BerthError {
  return e instanceof BerthError;
}

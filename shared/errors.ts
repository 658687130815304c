import { z } from 'zod';

/** Stable error codes. UI decisions key on these, never on message text. */
export const ErrorCode = z.enum([
  'NOT_FOUND',
  'CONFLICT',
  'NOT_MODIFIED',
  'ENGINE_UNREACHABLE',
  'INVALID_ARGUMENT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CANCELLED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorShape = z.infer<typeof ErrorShape>;

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

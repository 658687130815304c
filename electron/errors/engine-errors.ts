import { BerthError, type ErrorCode } from '../../shared/errors';

/** The one place where engine (dockerode / docker-modem / socket) failures become stable codes. */

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 304:
      return 'NOT_MODIFIED';
    case 400:
      return 'INVALID_ARGUMENT';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    default:
      return 'INTERNAL';
  }
}

interface EngineErrorLike {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  json?: unknown;
  reason?: unknown;
  name?: unknown;
}

/** The engine's own message: `{"message": "..."}` body when present, else the error's text. */
function engineMessage(e: EngineErrorLike): string {
  const json = e.json;
  if (json && typeof json === 'object' && 'message' in json && typeof json.message === 'string') return json.message;
  if (typeof json === 'string' && json.trim()) return json.trim();
  // A non-JSON body arrives as a Buffer.
  if (Buffer.isBuffer(json) && json.toString('utf8').trim()) return json.toString('utf8').trim();
  const msg = typeof e.message === 'string' ? e.message : String(e);
  // docker-modem writes "(HTTP code 409) <reason> - <engine message> "; keep the engine's part, or the
  // reason when the engine sent no body (e.g. 304 "container already started"). Reasons may hold
  // punctuation ("container stopped/paused", "client error, bad parameters").
  const m = /^\(HTTP code \d+\)\s*(.*?)\s+-\s*([\s\S]*)$/.exec(msg);
  if (m) return (m[2] ?? '').trim() || (m[1] ?? '').trim();
  return msg.trim();
}

export function toBerthError(err: unknown): BerthError {
  if (err instanceof BerthError) return err;
  const e = (err ?? {}) as EngineErrorLike;
  if (e.name === 'AbortError') return new BerthError('CANCELLED', 'Cancelled');
  if (typeof e.statusCode === 'number') {
    return new BerthError(codeForStatus(e.statusCode), engineMessage(e), { statusCode: e.statusCode });
  }
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) {
    return new BerthError('ENGINE_UNREACHABLE', `Cannot reach the container engine: ${engineMessage(e)}`, {
      cause: e.code,
    });
  }
  return new BerthError('INTERNAL', engineMessage(e) || 'Unexpected error');
}

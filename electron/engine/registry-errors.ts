import { BerthError, type ErrorCode } from '../../shared/errors';
import { toBerthError } from '../errors/engine-errors';

/**
 * Registry failures reach us either as an HTTP error of /images/create, /images/push or /auth, or as
 * an `error` line inside a 200 progress stream; the engine's status code is often a generic 500, so
 * the registry's own words decide between "not found" and "needs credentials".
 */

const UNAUTHORIZED = [
  /\bunauthorized\b/i,
  /authentication required/i,
  /no basic auth credentials/i,
  /pull access denied/i,
  /denied: requested access to the resource is denied/i,
  /incorrect username or password/i,
  /\b401 Unauthorized\b/i,
];
const NOT_FOUND = [
  /manifest unknown/i,
  /\bnot found\b/i,
  /repository does not exist/i,
  /name unknown/i,
  /no such image/i,
  /tag does not exist/i,
  /An image does not exist locally with the tag/i,
];

export function registryErrorCode(message: string): ErrorCode | undefined {
  // "pull access denied … repository does not exist or may require 'docker login'" is Docker Hub's
  // answer for both cases: offer login (the person can still cancel).
  if (UNAUTHORIZED.some((re) => re.test(message))) return 'UNAUTHORIZED';
  if (NOT_FOUND.some((re) => re.test(message))) return 'NOT_FOUND';
  return undefined;
}

/** A BerthError for a registry operation, with `details.registry` (the config.json key) for UNAUTHORIZED. */
export function toRegistryError(err: unknown, registry: string): BerthError {
  const base = toBerthError(err);
  if (base.code === 'CANCELLED' || base.code === 'ENGINE_UNREACHABLE') return base;
  const code =
    base.code === 'INTERNAL' || base.code === 'FORBIDDEN' || base.code === 'INVALID_ARGUMENT'
      ? (registryErrorCode(base.message) ?? base.code)
      : base.code === 'NOT_FOUND' && registryErrorCode(base.message) === 'UNAUTHORIZED'
        ? 'UNAUTHORIZED'
        : base.code;
  return new BerthError(code, base.message, { ...(base.details ?? {}), registry });
}

/** An `error` line from a progress stream. */
export function streamError(message: string, registry: string): BerthError {
  return new BerthError(registryErrorCode(message) ?? 'INTERNAL', message, { registry });
}

import { describe, expect, test } from 'vitest';
import { toBerthError } from '../../../electron/errors/engine-errors';
import { BerthError, type ErrorCode } from '../../../shared/errors';

/** Builds an error the way docker-modem does (modem.js buildPayload). */
function modemError(statusCode: number, reason: string, json: unknown): Error & Record<string, unknown> {
  const cause =
    json && typeof json === 'object' && 'message' in json ? String((json as { message: unknown }).message) : '';
  const err = new Error(`(HTTP code ${statusCode}) ${reason} - ${cause} `) as Error & Record<string, unknown>;
  err.reason = reason;
  err.statusCode = statusCode;
  err.json = json;
  return err;
}

describe('toBerthError: HTTP status codes', () => {
  const cases: Array<[number, ErrorCode, string]> = [
    [304, 'NOT_MODIFIED', 'container already started'],
    [400, 'INVALID_ARGUMENT', 'invalid reference format'],
    [401, 'UNAUTHORIZED', 'authentication required'],
    [403, 'FORBIDDEN', 'operation not permitted'],
    [404, 'NOT_FOUND', 'No such container: nope'],
    [
      409,
      'CONFLICT',
      'You cannot remove a running container abc. Stop the container before attempting removal or force remove',
    ],
    [500, 'INTERNAL', 'driver failed programming external connectivity'],
    [503, 'INTERNAL', 'service unavailable'],
  ];
  test.each(cases)('%i → %s with the engine message', (status, code, message) => {
    const e = toBerthError(modemError(status, 'unexpected', { message }));
    expect(e).toBeInstanceOf(BerthError);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
    expect(e.details).toEqual({ statusCode: status });
  });

  test('a plain object with statusCode and json (as dockerode hands it over) maps the same', () => {
    const e = toBerthError({
      statusCode: 409,
      json: { message: 'conflict: unable to delete 9905878f3d70 (must be forced)' },
    });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('conflict: unable to delete 9905878f3d70 (must be forced)');
  });

  test('docker-modem "(HTTP code 409) unexpected - " prefix is stripped when there is no JSON body', () => {
    const err = new Error('(HTTP code 409) unexpected - removal of container abc is already in progress ') as Error & {
      statusCode: number;
    };
    err.statusCode = 409;
    const e = toBerthError(err);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('removal of container abc is already in progress');
  });

  test('prefixes whose reason has punctuation are stripped too', () => {
    const err = Object.assign(
      new Error('(HTTP code 409) container stopped/paused - Container abc is paused, unpause first '),
      {
        statusCode: 409,
      },
    );
    expect(toBerthError(err).message).toBe('Container abc is paused, unpause first');
    const bad = Object.assign(new Error('(HTTP code 400) client error, bad parameters - invalid mode: rx '), {
      statusCode: 400,
    });
    expect(toBerthError(bad).message).toBe('invalid mode: rx');
  });

  test("a body-less 304 keeps docker-modem's reason instead of an empty message", () => {
    const e = toBerthError(modemError(304, 'container already started', Buffer.alloc(0)));
    expect(e.code).toBe('NOT_MODIFIED');
    expect(e.message).toBe('container already started');
  });

  test('a plain-text (non-JSON) body is used as the message', () => {
    expect(toBerthError({ statusCode: 500, json: ' page not found \n' }).message).toBe('page not found');
    const buf = toBerthError({
      statusCode: 502,
      json: Buffer.from('Bad Gateway\n'),
      message: '(HTTP code 502) unexpected - ',
    });
    expect(buf.code).toBe('INTERNAL');
    expect(buf.message).toBe('Bad Gateway');
  });
});

describe('toBerthError: connection failures', () => {
  test.each(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND'])(
    '%s → ENGINE_UNREACHABLE',
    (code) => {
      const err = Object.assign(new Error(`connect ${code} /var/run/docker.sock`), {
        code,
        errno: -2,
        syscall: 'connect',
      });
      const e = toBerthError(err);
      expect(e.code).toBe('ENGINE_UNREACHABLE');
      expect(e.message).toBe(`Cannot reach the container engine: connect ${code} /var/run/docker.sock`);
      expect(e.details).toEqual({ cause: code });
    },
  );
});

describe('toBerthError: other errors', () => {
  test('a BerthError passes through unchanged', () => {
    const original = new BerthError('NOT_FOUND', 'gone', { id: 'x' });
    expect(toBerthError(original)).toBe(original);
  });

  test('AbortError → CANCELLED', () => {
    const err = new Error('The operation was aborted');
    err.name = 'AbortError';
    expect(toBerthError(err).code).toBe('CANCELLED');
  });

  test('unknown errors become INTERNAL with their message; junk never crashes', () => {
    expect(toBerthError(new TypeError('x is not a function'))).toMatchObject({
      code: 'INTERNAL',
      message: 'x is not a function',
    });
    expect(toBerthError('just a string')).toMatchObject({ code: 'INTERNAL', message: 'just a string' });
    expect(toBerthError(undefined).code).toBe('INTERNAL');
    expect(toBerthError(null).code).toBe('INTERNAL');
    expect(toBerthError(undefined).message.length).toBeGreaterThan(0);
    expect(toBerthError({ code: 'EWHATEVER', message: 'odd' })).toMatchObject({ code: 'INTERNAL', message: 'odd' });
  });

  test('toShape / fromShape round-trip keeps code, message and details', () => {
    const e = toBerthError(modemError(404, 'no such container', { message: 'No such container: abc' }));
    const back = BerthError.fromShape(e.toShape());
    expect(back).toMatchObject({ code: 'NOT_FOUND', message: 'No such container: abc', details: { statusCode: 404 } });
  });
});

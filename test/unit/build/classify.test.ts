import { describe, expect, test } from 'vitest';
import { classifyBuildError } from '../../../electron/handlers/build';

/** Messages as the classic builder (dockerd 20.10) sends them in errorDetail or as HTTP errors. */
describe('classifyBuildError', () => {
  test.each([
    ["The command '/bin/sh -c exit 3' returned a non-zero code: 3", 3, 'FAILED', undefined],
    ['dockerfile parse error line 2: unknown instruction: FOO', undefined, 'INVALID_ARGUMENT', 'dockerfile'],
    ['failed to reach build target nope in Dockerfile', undefined, 'INVALID_ARGUMENT', 'target'],
    [
      'pull access denied for nosuch/image, repository does not exist or may require docker login',
      undefined,
      'NOT_FOUND',
      undefined,
    ],
    ['manifest for busybox:nope not found: manifest unknown: manifest unknown', undefined, 'NOT_FOUND', undefined],
    [
      'Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
      undefined,
      'UNAUTHORIZED',
      undefined,
    ],
    [
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host',
      undefined,
      'FAILED',
      undefined,
    ],
    [
      'COPY failed: file not found in build context or excluded by .dockerignore: stat x: file does not exist',
      undefined,
      'FAILED',
      undefined,
    ],
  ] as const)('%s', (message, exitCode, code, field) => {
    const got = classifyBuildError(message, exitCode);
    expect(got.code).toBe(code);
    expect(got.field).toBe(field);
  });
});

import { expect, test } from 'vitest';
import { engineLostText, engineSlowText } from '../../../renderer/presentation/engine';

test('the banner names the attempt and the last error', () => {
  expect(
    engineLostText({ state: 'unreachable', tried: [], attempt: 3, lastError: 'connect ECONNREFUSED /x.sock' }),
  ).toBe('Engine connection lost — reconnecting, attempt 3, last error: connect ECONNREFUSED /x.sock');
  expect(engineLostText({ state: 'connecting', tried: [], reason: 'event stream ended' })).toBe(
    'Engine connection lost — reconnecting, last error: event stream ended',
  );
  expect(engineLostText({ state: 'connecting', tried: [] })).toBe('Engine connection lost — reconnecting…');
});

test('the slow banner counts whole seconds and names the waiting request', () => {
  expect(engineSlowText({ request: 'GET /images/json' }, 12_400)).toBe(
    'The engine is not answering (12 s) — GET /images/json is waiting; views show what they had and update when it answers',
  );
  expect(engineSlowText({ request: 'GET /_ping' }, -50)).toMatch(/^The engine is not answering \(0 s\)/);
});

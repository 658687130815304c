import { expect, test } from 'vitest';
import { engineLostText } from '../../../renderer/presentation/engine';

test('the banner names the attempt and the last error', () => {
  expect(
    engineLostText({ state: 'unreachable', tried: [], attempt: 3, lastError: 'connect ECONNREFUSED /x.sock' }),
  ).toBe('Engine connection lost — reconnecting, attempt 3, last error: connect ECONNREFUSED /x.sock');
  expect(engineLostText({ state: 'connecting', tried: [], reason: 'event stream ended' })).toBe(
    'Engine connection lost — reconnecting, last error: event stream ended',
  );
  expect(engineLostText({ state: 'connecting', tried: [] })).toBe('Engine connection lost — reconnecting…');
});

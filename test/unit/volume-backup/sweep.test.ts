import { describe, expect, test } from 'vitest';
import { helpersToSweep, SWEEP_AGE_MS, type HelperInfo } from '../../../electron/engine/files/volume-helper';

const NOW = Date.parse('2026-01-02T12:00:00Z');
const self = { host: 'here', pid: 100 };
const alive = new Set([100, 200]);
const isAlive = (pid: number): boolean => alive.has(pid);

function helper(id: string, owner: string | undefined, ageMs: number, extra: Record<string, string> = {}): HelperInfo {
  const labels: Record<string, string> = { 'berth.helper': 'files', ...extra };
  if (owner !== undefined) labels['berth.helper.owner'] = owner;
  labels['berth.helper.created'] = new Date(NOW - ageMs).toISOString();
  return { id, labels, created: Math.floor((NOW - ageMs) / 1000) };
}

describe('helpersToSweep', () => {
  test('removes this host’s helpers whose process is gone, keeps live ones', () => {
    const out = helpersToSweep(
      [helper('dead', 'here/300', 1000), helper('live', 'here/200', 1000), helper('mine', 'here/100', 1000)],
      self,
      isAlive,
      NOW,
    );
    expect(out).toEqual(['dead']);
  });

  test('never touches another host’s young helper, whatever its pid', () => {
    expect(helpersToSweep([helper('other', 'there/300', 1000)], self, isAlive, NOW)).toEqual([]);
  });

  test('removes anyone’s helper older than 24 h but never this process’s', () => {
    const old = SWEEP_AGE_MS + 1000;
    const out = helpersToSweep(
      [helper('other-old', 'there/300', old), helper('live-old', 'here/200', old), helper('mine-old', 'here/100', old)],
      self,
      isAlive,
      NOW,
    );
    expect(out).toEqual(['other-old', 'live-old']);
  });

  test('falls back to the engine’s Created when the label is missing or bad', () => {
    const h = helper('x', 'there/1', SWEEP_AGE_MS + 5000, { 'berth.helper.created': 'garbage' });
    expect(helpersToSweep([h], self, isAlive, NOW)).toEqual(['x']);
  });

  test('a helper of this host with no readable pid is swept; other kinds are ignored', () => {
    const noPid = helper('nopid', 'here', 1000);
    const otherKind = { ...helper('k', 'here/300', 1000), labels: { 'berth.helper': 'other' } };
    expect(helpersToSweep([noPid, otherKind], self, isAlive, NOW)).toEqual(['nopid']);
  });

  test('a host name with a slash still splits at the last one', () => {
    expect(helpersToSweep([helper('a', 'odd/host/300', 10)], { host: 'odd/host', pid: 1 }, isAlive, NOW)).toEqual([
      'a',
    ]);
  });
});

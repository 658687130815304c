import { describe, expect, test } from 'vitest';
import { LOG_COLOURS, logSourceLooks, type LogSourceInput } from '../../../renderer/presentation/logSources';

/** A container compose made: labels as docker-compose 1.29.2 writes them (number as a string). */
const svc = (name: string, project: string, service: string, number?: number, oneoff = false): LogSourceInput => ({
  id: `id-${name}`,
  name,
  labels: {
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.oneoff': oneoff ? 'True' : 'False',
    ...(number !== undefined ? { 'com.docker.compose.container-number': String(number) } : {}),
  },
});
const plain = (name: string): LogSourceInput => ({ id: `id-${name}`, name, labels: {} });
/** "label:colour" of each look. */
const brief = (sources: LogSourceInput[]): string[] => logSourceLooks(sources).map((l) => `${l.label}:${l.colour}`);

describe('logSourceLooks', () => {
  test('replicas of one service share a colour and read "service-N"; another service gets the next colour', () => {
    const shop = (service: string, n: number): LogSourceInput => svc(`shop_${service}_${n}`, 'shop', service, n);
    expect(brief([shop('web', 1), shop('db', 1), shop('web', 2), shop('web', 3)])).toEqual([
      'web-1:0',
      'db-1:1',
      'web-2:0',
      'web-3:0',
    ]);
    expect(logSourceLooks([shop('web', 1)])[0]!.group).toBe('shop/web');
  });

  test('containers without compose labels keep their names and a colour each', () => {
    const sources = [plain('a'), svc('p_web_1', 'p', 'web', 1), plain('b'), svc('p_web_2', 'p', 'web', 2)];
    expect(brief(sources)).toEqual(['a:0', 'web-1:1', 'b:2', 'web-2:1']);
    expect(logSourceLooks(sources).map((l) => l.group)).toEqual([undefined, 'p/web', undefined, 'p/web']);
  });

  test('a container not known yet (no labels) keeps its name', () => {
    expect(logSourceLooks([{ id: 'x', name: 'x', labels: undefined }])).toEqual([
      { label: 'x', colour: 0, group: undefined },
    ]);
  });

  test('one service name in two projects is prefixed with the project, with a colour per project', () => {
    const sources = [svc('a_web_1', 'a', 'web', 1), svc('b_web_1', 'b', 'web', 1), svc('a_db_1', 'a', 'db', 1)];
    expect(brief(sources)).toEqual(['a/web-1:0', 'b/web-1:1', 'db-1:2']);
  });

  test('a one-off run, a missing number or a clashing label fall back to the name, keeping the colour', () => {
    const run = svc('p_web_run_1f2e', 'p', 'web', 1, true);
    const sources = [svc('p_web_1', 'p', 'web', 1), run, svc('handmade', 'p', 'web'), svc('p_db_1', 'p', 'db', 1)];
    const clash = svc('p_db_1_copy', 'p', 'db', 1);
    expect(brief([...sources, clash])).toEqual([
      'web-1:0',
      'p_web_run_1f2e:0',
      'handmade:0',
      'p_db_1:1',
      'p_db_1_copy:1',
    ]);
  });

  test('colours wrap around the palette', () => {
    const looks = logSourceLooks(Array.from({ length: LOG_COLOURS + 2 }, (_, i) => plain(`c${i}`)));
    expect(looks.map((l) => l.colour)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0, 1]);
  });
});

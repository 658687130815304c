import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS, type NotificationPrefs } from '../../../shared/contracts/notifications';
import type { EngineEvent } from '../../../shared/models';
import {
  formatSpan,
  Notifier,
  OOM_DIE_MS,
  SERIES_GAP_MS,
  STOP_GRACE_MS,
  type NotifyContext,
} from '../../../renderer/features/notifications/logic';
import { muteError } from '../../../renderer/features/notifications/mute';

const T0 = 1_765_000_000_000;
const ENDPOINT = 'unix:///var/run/docker.sock';
const ON: NotificationPrefs = { ...DEFAULT_NOTIFICATION_PREFS, enabled: true };
const ctx = (prefs: Partial<NotificationPrefs> = {}): NotifyContext => ({
  prefs: { ...ON, ...prefs },
  endpoint: ENDPOINT,
});

function ev(action: string, attributes: Record<string, string> = {}, id = 'c1'): EngineEvent {
  return { type: 'container', action, id, name: 'web', timeNano: T0 * 1e6, attributes: { name: 'web', ...attributes } };
}
const die = (code: string, extra: Record<string, string> = {}, id?: string): EngineEvent =>
  ev('die', { exitCode: code, ...extra }, id);

describe('Notifier rules', () => {
  it('is silent for an exit with code 0', () => {
    expect(new Notifier().handle(die('0'), T0, ctx())).toEqual([]);
  });

  it('notifies a non-zero exit with the name, code and a tag per container', () => {
    const [n, ...rest] = new Notifier().handle(die('3'), T0, ctx());
    expect(rest).toEqual([]);
    expect(n).toMatchObject({
      title: 'web exited with code 3',
      kind: 'exit',
      containerId: 'c1',
      containerName: 'web',
      count: 1,
      renotify: true,
      tag: 'berth:exit:c1',
    });
    expect(n?.body).toContain(ENDPOINT);
  });

  it('is silent for a die that follows a stop or kill (docker stop gives 143 or 137)', () => {
    const notifier = new Notifier();
    expect(notifier.handle(ev('kill', { signal: '15' }), T0, ctx())).toEqual([]);
    expect(notifier.handle(die('143'), T0 + 2_000, ctx())).toEqual([]);
    expect(notifier.handle(ev('stop'), T0 + 2_010, ctx())).toEqual([]);
    // The stop is used up: the next crash of the same container is a crash again.
    notifier.handle(ev('start'), T0 + 5_000, ctx());
    expect(notifier.handle(die('1'), T0 + 6_000, ctx())).toHaveLength(1);
  });

  it('counts a die long after a kill as a crash', () => {
    const notifier = new Notifier();
    notifier.handle(ev('kill', { signal: '1' }), T0, ctx());
    expect(notifier.handle(die('137'), T0 + STOP_GRACE_MS + 1, ctx())).toHaveLength(1);
  });

  it('a stop of another container does not hide this one’s crash', () => {
    const notifier = new Notifier();
    notifier.handle(ev('kill', {}, 'other'), T0, ctx());
    expect(notifier.handle(die('1'), T0 + 100, ctx())).toHaveLength(1);
  });

  it('notifies an OOM kill once (the die that follows is the same story)', () => {
    const notifier = new Notifier();
    const [n] = notifier.handle(ev('oom'), T0, ctx());
    expect(n).toMatchObject({ title: 'web was killed: out of memory', kind: 'oom', tag: 'berth:oom:c1' });
    expect(notifier.handle(die('137'), T0 + 50, ctx())).toEqual([]);
    expect(notifier.handle(die('137'), T0 + OOM_DIE_MS + 1_000, ctx())).toHaveLength(1);
  });

  it('folds a burst of oom events (one OOM kill) into one notification', () => {
    const notifier = new Notifier();
    const out = Array.from({ length: 300 }, (_, i) => notifier.handle(ev('oom'), T0 + i * 5, ctx())).flat();
    expect(out).toHaveLength(1);
    expect(notifier.handle(die('137'), T0 + 1600, ctx())).toEqual([]);
    // A later OOM kill (after a restart) is a new one in the same series.
    expect(notifier.handle(ev('oom'), T0 + 60_000, ctx())[0]).toMatchObject({ count: 2 });
  });

  it('notifies unhealthy (Docker and Podman forms), not healthy', () => {
    const notifier = new Notifier();
    expect(notifier.handle(ev('health_status: unhealthy'), T0, ctx())[0]).toMatchObject({
      title: 'web is unhealthy',
      kind: 'unhealthy',
    });
    expect(notifier.handle(ev('health_status', { health_status: 'unhealthy' }, 'c2'), T0, ctx())).toHaveLength(1);
    expect(notifier.handle(ev('health_status: healthy'), T0, ctx())).toEqual([]);
    expect(notifier.handle(ev('health_status', { health_status: 'healthy' }), T0, ctx())).toEqual([]);
  });

  it('ignores other types and actions', () => {
    const notifier = new Notifier();
    expect(notifier.handle({ ...die('1'), type: 'image' }, T0, ctx())).toEqual([]);
    for (const action of ['start', 'create', 'exec_die', 'restart', 'destroy'])
      expect(notifier.handle(ev(action, { exitCode: '1' }), T0, ctx())).toEqual([]);
  });
});

describe('crash loop', () => {
  it('updates ONE notification with a count instead of one per restart', () => {
    const notifier = new Notifier();
    const out = [0, 10, 30, 70, 120].flatMap((s) => notifier.handle(die('1'), T0 + s * 1000, ctx()));
    expect(out).toHaveLength(5);
    expect(new Set(out.map((n) => n.tag)).size).toBe(1);
    expect(out.map((n) => n.count)).toEqual([1, 2, 3, 4, 5]);
    expect(out.map((n) => n.renotify)).toEqual([true, false, false, false, false]);
    expect(out[4]?.title).toBe('web exited with code 1 — 5 times in 2 min');
    expect(out[1]?.title).toBe('web exited with code 1 — 2 times in 10 s');
  });

  it('starts a new series after a quiet gap', () => {
    const notifier = new Notifier();
    notifier.handle(die('1'), T0, ctx());
    notifier.handle(die('1'), T0 + 1000, ctx());
    const [n] = notifier.handle(die('2'), T0 + 1000 + SERIES_GAP_MS + 1, ctx());
    expect(n).toMatchObject({ count: 1, renotify: true, title: 'web exited with code 2' });
  });

  it('keeps separate series per container and per kind', () => {
    const notifier = new Notifier();
    notifier.handle(die('1'), T0, ctx());
    expect(notifier.handle(die('1', {}, 'c2'), T0 + 1, ctx())[0]?.count).toBe(1);
    expect(notifier.handle(ev('health_status: unhealthy'), T0 + 2, ctx())[0]?.count).toBe(1);
    expect(notifier.handle(die('1'), T0 + 3, ctx())[0]?.count).toBe(2);
  });

  it('forgets a destroyed container', () => {
    const notifier = new Notifier();
    notifier.handle(die('1'), T0, ctx());
    notifier.handle(ev('destroy'), T0 + 1, ctx());
    expect(notifier.handle(die('1'), T0 + 2, ctx())[0]?.count).toBe(1);
  });
});

describe('preferences', () => {
  it('is silent while notifications are off (the default)', () => {
    expect(new Notifier().handle(die('1'), T0, { prefs: DEFAULT_NOTIFICATION_PREFS, endpoint: ENDPOINT })).toEqual([]);
  });

  it('is silent for an engine switched off, and notifies for others', () => {
    const prefs = { engines: { [ENDPOINT]: false } };
    expect(new Notifier().handle(die('1'), T0, ctx(prefs))).toEqual([]);
    expect(new Notifier().handle(die('1'), T0, { prefs: { ...ON, ...prefs }, endpoint: 'tcp://h:2376' })).toHaveLength(
      1,
    );
  });

  it('is silent for a muted container, by name', () => {
    const muted = [{ kind: 'container' as const, name: 'web' }];
    expect(new Notifier().handle(die('1'), T0, ctx({ muted }))).toEqual([]);
    expect(
      new Notifier().handle({ ...die('1'), name: 'db', attributes: { exitCode: '1', name: 'db' } }, T0, ctx({ muted })),
    ).toHaveLength(1);
  });

  it('is silent for a container of a muted compose project', () => {
    const muted = [{ kind: 'project' as const, name: 'shop' }];
    const inShop = die('1', { 'com.docker.compose.project': 'shop' });
    expect(new Notifier().handle(inShop, T0, ctx({ muted }))).toEqual([]);
    expect(new Notifier().handle(die('1', { 'com.docker.compose.project': 'blog' }), T0, ctx({ muted }))).toHaveLength(
      1,
    );
    // A container named like the project is not in it.
    expect(new Notifier().handle({ ...die('1'), name: 'shop' }, T0, ctx({ muted }))).toHaveLength(1);
  });

  it('is silent for a kind switched off', () => {
    const kinds = { exit: false, oom: true, unhealthy: false };
    const notifier = new Notifier();
    expect(notifier.handle(die('1'), T0, ctx({ kinds }))).toEqual([]);
    expect(notifier.handle(ev('health_status: unhealthy'), T0, ctx({ kinds }))).toEqual([]);
    expect(notifier.handle(ev('oom'), T0, ctx({ kinds }))).toHaveLength(1);
  });
});

describe('formatSpan', () => {
  it('says seconds, minutes, hours', () => {
    expect(formatSpan(0)).toBe('1 s');
    expect(formatSpan(40_000)).toBe('40 s');
    expect(formatSpan(120_000)).toBe('2 min');
    expect(formatSpan(3 * 3600_000)).toBe('3 h');
  });
});

describe('muteError', () => {
  const muted = [{ kind: 'container' as const, name: 'web' }];
  it('asks for a name, refuses duplicates and over-long names, accepts the rest', () => {
    expect(muteError(muted, 'container', '  ')).toBe('Type a container name.');
    expect(muteError(muted, 'project', '')).toBe('Type a project name.');
    expect(muteError(muted, 'container', ' web ')).toBe('Container “web” is already muted.');
    expect(muteError(muted, 'container', 'x'.repeat(256))).toBe('At most 255 characters.');
    expect(muteError(muted, 'project', 'web')).toBeUndefined();
    const full = Array.from({ length: 500 }, (_, i) => ({ kind: 'container' as const, name: `c${i}` }));
    expect(muteError(full, 'container', 'new')).toMatch(/At most 500/);
  });
});

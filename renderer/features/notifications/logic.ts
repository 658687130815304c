import type { NotificationKind, NotificationPrefs } from '../../../shared/contracts/notifications';
import type { EngineEvent } from '../../../shared/models';
import { COMPOSE_LABELS } from '../../../shared/compose-labels';

/**
 * Which engine events become desktop notifications: the rules, with no clock, no I/O and no browser API
 * (the caller passes the time and shows what comes out), so every rule is unit-tested.
 *
 *   const notifier = new Notifier();
 *   for (const n of notifier.handle(ev, Date.now(), { prefs, endpoint })) show(n);
 *
 * - `die` with a non-zero exitCode → "web exited with code 1", unless the container was stopped or killed
 *   (a `kill`/`stop` event for it shortly before: `docker stop` ends in 143 or 137, that is no crash), or
 *   the exit follows an `oom` event (already told as "out of memory").
 * - `oom` → "web was killed: out of memory". `health_status: unhealthy` → "web is unhealthy".
 * - Repeats of the same kind for the same container (a restart policy in a crash loop) update ONE
 *   notification (same `tag`, `renotify: false`: replaced silently) with a count: "— 5 times in 2 min".
 * - Nothing when notifications are off, off for this engine, the kind is off, or the container or its
 *   compose project is muted.
 */

/** A `kill`/`stop` this recent before a `die` means the user (or Berth) stopped it: docker stop waits 10 s. */
export const STOP_GRACE_MS = 15_000;
/** A `die` (or another `oom`) this soon after an `oom` is that same OOM kill (already notified). */
export const OOM_DIE_MS = 5_000;
/** Another failure within this time of the previous one continues the same series (crash loop). */
export const SERIES_GAP_MS = 5 * 60_000;

export interface DesktopNotification {
  /** Stable per container, engine and kind: a later update with the same tag replaces the notification. */
  tag: string;
  title: string;
  body: string;
  /** False for updates of a series (replace silently); true when a new series starts. */
  renotify: boolean;
  kind: NotificationKind;
  containerId: string;
  containerName: string;
  /** How many failures this series has counted (1 for the first). */
  count: number;
}

export interface NotifyContext {
  prefs: NotificationPrefs;
  /** The engine the event came from (EngineStatus.endpoint); its per-engine switch applies. */
  endpoint: string | undefined;
}

interface Series {
  first: number;
  last: number;
  count: number;
}

/** The container's name as the engine gives it (events carry `name` without the leading slash). */
export function containerNameOf(ev: EngineEvent): string {
  const name = ev.name ?? ev.attributes.name ?? '';
  return name.replace(/^\//, '') || ev.id.slice(0, 12);
}

export function projectOf(ev: EngineEvent): string | undefined {
  return ev.attributes[COMPOSE_LABELS.project] || undefined;
}

/** The kind of failure an event reports, or undefined when it reports none. */
export function failureKind(ev: EngineEvent): NotificationKind | undefined {
  if (ev.type !== 'container') return undefined;
  if (ev.action === 'oom') return 'oom';
  if (ev.action === 'die') {
    const code = ev.attributes.exitCode;
    return code !== undefined && code !== '' && code !== '0' ? 'exit' : undefined;
  }
  // Docker: action "health_status: unhealthy"; Podman: action "health_status" with attribute health_status.
  if (ev.action === 'health_status: unhealthy') return 'unhealthy';
  if (ev.action === 'health_status' && ev.attributes.health_status === 'unhealthy') return 'unhealthy';
  return undefined;
}

export function isMuted(prefs: NotificationPrefs, name: string, project: string | undefined): boolean {
  return prefs.muted.some(
    (m) =>
      (m.kind === 'container' && m.name === name) ||
      (m.kind === 'project' && project !== undefined && m.name === project),
  );
}

export function engineEnabled(prefs: NotificationPrefs, endpoint: string | undefined): boolean {
  if (!prefs.enabled) return false;
  return endpoint === undefined || prefs.engines[endpoint] !== false;
}

/** "40 s", "2 min", "3 h" — how long a series has lasted. */
export function formatSpan(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${min} min`;
  return `${Math.round(min / 60)} h`;
}

function headline(kind: NotificationKind, name: string, ev: EngineEvent): string {
  switch (kind) {
    case 'exit':
      return `${name} exited with code ${ev.attributes.exitCode ?? '?'}`;
    case 'oom':
      return `${name} was killed: out of memory`;
    case 'unhealthy':
      return `${name} is unhealthy`;
  }
}

export class Notifier {
  /** Container id → time of its last kill/stop event. */
  private readonly stopped = new Map<string, number>();
  /** Container id → time of its last oom event. */
  private readonly oomAt = new Map<string, number>();
  /** `${endpoint} ${kind} ${id}` → the current series of failures. */
  private readonly series = new Map<string, Series>();

  /** The notifications to show (or update) for one event received at `now` (epoch ms). */
  handle(ev: EngineEvent, now: number, ctx: NotifyContext): DesktopNotification[] {
    if (ev.type !== 'container') return [];
    this.prune(now);
    if (ev.action === 'kill' || ev.action === 'stop') {
      this.stopped.set(ev.id, now);
      return [];
    }
    if (ev.action === 'start') {
      // A new life: a stop mark from before it (docker stop sends `stop` after the `die`) no longer applies.
      this.stopped.delete(ev.id);
      return [];
    }
    if (ev.action === 'destroy') {
      this.forget(ev.id);
      return [];
    }
    const kind = failureKind(ev);
    if (!kind) return [];
    if (kind === 'oom') {
      // One OOM kill comes as a burst of `oom` events (one per cgroup OOM, hundreds in a second): the
      // first one tells it, the rest of the burst is the same episode.
      const previous = this.oomAt.get(ev.id);
      this.oomAt.set(ev.id, now);
      if (previous !== undefined && now - previous <= OOM_DIE_MS) return [];
    }
    if (kind === 'exit' && this.explainedExit(ev.id, now)) return [];

    const { prefs, endpoint } = ctx;
    const name = containerNameOf(ev);
    if (!engineEnabled(prefs, endpoint) || !prefs.kinds[kind] || isMuted(prefs, name, projectOf(ev))) return [];

    const key = `${endpoint ?? ''} ${kind} ${ev.id}`;
    const prev = this.series.get(key);
    const current: Series =
      prev && now - prev.last <= SERIES_GAP_MS
        ? { first: prev.first, last: now, count: prev.count + 1 }
        : { first: now, last: now, count: 1 };
    this.series.set(key, current);

    const base = headline(kind, name, ev);
    const title = current.count === 1 ? base : `${base} — ${current.count} times in ${formatSpan(now - current.first)}`;
    return [
      {
        tag: `berth:${kind}:${ev.id}`,
        title,
        body: endpoint ? `Click to open its logs · ${endpoint}` : 'Click to open its logs',
        renotify: current.count === 1,
        kind,
        containerId: ev.id,
        containerName: name,
        count: current.count,
      },
    ];
  }

  /** A non-zero exit the user caused (stop/kill) or that an OOM notification already told. */
  private explainedExit(id: string, now: number): boolean {
    const stoppedAt = this.stopped.get(id);
    if (stoppedAt !== undefined && now - stoppedAt <= STOP_GRACE_MS) {
      this.stopped.delete(id);
      return true;
    }
    const oomAt = this.oomAt.get(id);
    return oomAt !== undefined && now - oomAt <= OOM_DIE_MS;
  }

  private forget(id: string): void {
    this.stopped.delete(id);
    this.oomAt.delete(id);
    for (const key of [...this.series.keys()]) if (key.endsWith(` ${id}`)) this.series.delete(key);
  }

  /** Drops what no rule can use any more, so the maps stay as small as the set of recent failures. */
  private prune(now: number): void {
    for (const [id, t] of this.stopped) if (now - t > STOP_GRACE_MS) this.stopped.delete(id);
    for (const [id, t] of this.oomAt) if (now - t > OOM_DIE_MS) this.oomAt.delete(id);
    for (const [key, s] of this.series) if (now - s.last > SERIES_GAP_MS) this.series.delete(key);
  }
}

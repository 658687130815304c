import type { ContainerSummary, EngineEvent } from '../../../shared/models';
import { defaultTimers, type Timers } from '../../lib/timers';

/**
 * Pure pieces of keeping the container list live (unit-tested): which events matter, and a batcher
 * that coalesces ids over a short window so a burst of events becomes one targeted list call.
 */
export type ContainerEventEffect =
  { kind: 'resync' } | { kind: 'patch'; id: string } | { kind: 'drop'; id: string } | { kind: 'ignore' };

/** Container actions that change what the list shows. exec_*, attach, resize, top, archive… do not. */
const PATCH_ACTIONS = new Set([
  'create',
  'start',
  'restart',
  'die',
  'stop',
  'kill',
  'pause',
  'unpause',
  'rename',
  'update',
  'oom',
  'health_status',
]);

export function classifyEvent(ev: EngineEvent): ContainerEventEffect {
  if (ev.type === 'berth') return ev.action === 'resync' ? { kind: 'resync' } : { kind: 'ignore' };
  if (ev.type === 'container') {
    if (!ev.id) return { kind: 'ignore' };
    if (ev.action === 'destroy') return { kind: 'drop', id: ev.id };
    // health_status arrives as "health_status: healthy".
    const action = ev.action.split(':')[0]?.trim() ?? '';
    return PATCH_ACTIONS.has(action) ? { kind: 'patch', id: ev.id } : { kind: 'ignore' };
  }
  // Connecting/disconnecting a network changes the container's networks (and IPs).
  if (ev.type === 'network' && (ev.action === 'connect' || ev.action === 'disconnect')) {
    // Docker's actor is the network (the container an attribute); Podman's actor is the container.
    const id = ev.attributes['container'] ?? ev.id;
    return id ? { kind: 'patch', id } : { kind: 'ignore' };
  }
  return { kind: 'ignore' };
}

export interface IdBatcher {
  add(id: string): void;
  /** Forget a pending id (e.g. it was destroyed meanwhile). */
  remove(id: string): void;
  cancel(): void;
  readonly pending: number;
}

export type { Timers } from '../../lib/timers';

/** Coalesces ids for `delayMs` after the first one, then calls flush once with all of them. */
export function createIdBatcher(
  delayMs: number,
  flush: (ids: string[]) => void,
  timers: Timers = defaultTimers,
): IdBatcher {
  let ids = new Set<string>();
  let timer: unknown;
  const fire = (): void => {
    timer = undefined;
    const out = [...ids];
    ids = new Set();
    if (out.length > 0) flush(out);
  };
  return {
    add(id) {
      ids.add(id);
      timer ??= timers.set(fire, delayMs);
    },
    remove(id) {
      ids.delete(id);
    },
    cancel() {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      ids = new Set();
    },
    get pending() {
      return ids.size;
    },
  };
}

/**
 * Sequenced merge: every request gets a sequence number; a row is only replaced (or dropped) by a
 * response newer than what produced it, so a slow full list cannot resurrect a destroyed container.
 */
export class ContainerIndex {
  private seq = 0;
  private readonly applied = new Map<string, number>();
  rows = new Map<string, ContainerSummary>();

  next(): number {
    return ++this.seq;
  }

  /** Apply a full list fetched under `seq`. Returns true when anything changed. */
  applyFull(seq: number, list: readonly ContainerSummary[]): boolean {
    const next = new Map<string, ContainerSummary>();
    const seen = new Set<string>();
    for (const c of list) {
      seen.add(c.id);
      if ((this.applied.get(c.id) ?? 0) > seq) {
        const cur = this.rows.get(c.id);
        if (cur) next.set(c.id, cur);
        continue;
      }
      this.applied.set(c.id, seq);
      next.set(c.id, c);
    }
    for (const [id, cur] of this.rows) {
      if (seen.has(id)) continue;
      if ((this.applied.get(id) ?? 0) > seq) next.set(id, cur);
      else this.applied.set(id, seq);
    }
    this.rows = next;
    return true;
  }

  /** Apply a targeted list for `ids` fetched under `seq`: ids missing from the answer are gone. */
  applyPartial(seq: number, ids: readonly string[], list: readonly ContainerSummary[]): boolean {
    const found = new Map(list.map((c) => [c.id, c]));
    let changed = false;
    const next = new Map(this.rows);
    for (const id of ids) {
      if ((this.applied.get(id) ?? 0) > seq) continue;
      this.applied.set(id, seq);
      const c = found.get(id);
      if (c) {
        next.set(id, c);
        changed = true;
      } else if (next.delete(id)) changed = true;
    }
    // Ids given as prefixes resolve to full ids in the answer.
    for (const [id, c] of found) {
      if (ids.includes(id) || (this.applied.get(id) ?? 0) > seq) continue;
      this.applied.set(id, seq);
      next.set(id, c);
      changed = true;
    }
    if (changed) this.rows = next;
    return changed;
  }

  drop(id: string): boolean {
    this.applied.set(id, this.next());
    if (!this.rows.has(id)) return false;
    const next = new Map(this.rows);
    next.delete(id);
    this.rows = next;
    return true;
  }
}

/** What an event says about the container's state right after it (undefined: nothing definite). */
export type ImpliedState = 'running' | 'paused' | 'stopped';

export function impliedState(ev: EngineEvent): ImpliedState | undefined {
  if (ev.type !== 'container') return undefined;
  switch (ev.action) {
    case 'start':
    case 'restart':
    case 'unpause':
      return 'running';
    case 'pause':
      return 'paused';
    case 'die':
    case 'stop':
      return 'stopped';
    case 'kill':
      // Other signals (HUP, USR1…) need not end the process; a 'die' follows when they do.
      return ev.attributes['signal'] === '9' || ev.attributes['signal'] === 'SIGKILL' ? 'stopped' : undefined;
    default:
      return undefined;
  }
}

export function stateSatisfies(implied: ImpliedState, state: ContainerSummary['state']): boolean {
  switch (implied) {
    case 'running':
      return state === 'running';
    case 'paused':
      return state === 'paused';
    case 'stopped':
      return state !== 'running' && state !== 'paused';
  }
}

/**
 * The engine logs some events before its list view has caught up (moby emits 'pause'/'unpause' before
 * the in-memory replica that answers `GET /containers/json` is updated), so the targeted re-fetch right
 * after the event can still return the old state. This remembers what the latest event of each container
 * implies and says which ids to fetch again, a bounded number of times.
 *
 *   expectations.note(ev);                               // on every container event
 *   const again = expectations.check(ids, index.rows);   // after applying a fetch that covered `ids`
 */
export class StateExpectations {
  private readonly pending = new Map<string, { state: ImpliedState; tries: number }>();

  constructor(private readonly maxRetries = 3) {}

  /** The latest event wins: a 'die' after a 'start' replaces its expectation. */
  note(ev: EngineEvent): void {
    if (ev.type !== 'container' || !ev.id) return;
    if (ev.action === 'destroy') {
      this.pending.delete(ev.id);
      return;
    }
    const state = impliedState(ev);
    if (state) this.pending.set(ev.id, { state, tries: 0 });
  }

  /**
   * Call after a fetch covering `ids` was applied. Ids whose row now agrees with their latest event (or
   * that are gone) are settled; the others are returned for another fetch until `maxRetries` is spent.
   */
  check(ids: Iterable<string>, rows: ReadonlyMap<string, ContainerSummary>): string[] {
    const again: string[] = [];
    for (const id of ids) {
      const exp = this.pending.get(id);
      if (!exp) continue;
      const row = rows.get(id);
      if (!row || stateSatisfies(exp.state, row.state) || exp.tries >= this.maxRetries) {
        this.pending.delete(id);
        continue;
      }
      exp.tries++;
      again.push(id);
    }
    return again;
  }

  /** Ids still waiting for their row to agree (for full lists: check them all). */
  ids(): string[] {
    return [...this.pending.keys()];
  }

  forget(id: string): void {
    this.pending.delete(id);
  }

  clear(): void {
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }
}

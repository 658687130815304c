import type { EngineEvent } from '../../shared/models';

/**
 * The Events view's pure parts: entries kept in a capped buffer, the filters, the actor of an event
 * (name, image, exit code, signal), the compact attribute list and the JSON-lines export. No React,
 * no I/O — unit tested in test/unit/events.
 */

/** At most this many events are kept (the oldest go first). */
export const EVENTS_CAP = 10_000;

/** The engine keeps only this many past events to replay. */
export const ENGINE_EVENT_HISTORY = 256;

export interface EventEntry {
  /** Arrival order, unique for the life of the page (the row id). */
  seq: number;
  ev: EngineEvent;
}

/** `entries` followed by `added`, keeping only the last `cap`; returns how many were dropped. */
export function appendCapped(
  entries: readonly EventEntry[],
  added: readonly EventEntry[],
  cap = EVENTS_CAP,
): { entries: EventEntry[]; dropped: number } {
  const all = added.length === 0 ? entries.slice() : entries.concat(added);
  const dropped = Math.max(0, all.length - cap);
  return { entries: dropped > 0 ? all.slice(dropped) : all, dropped };
}

export interface EventActor {
  id: string;
  name?: string;
  image?: string;
  exitCode?: string;
  signal?: string;
}

/** Attributes shown in the actor column, not again in the attribute list. */
const ACTOR_KEYS = new Set(['name', 'image', 'exitCode', 'signal']);

export function eventActor(ev: EngineEvent): EventActor {
  const a = ev.attributes;
  const actor: EventActor = { id: ev.id };
  const name = ev.name ?? a.name;
  if (name) actor.name = name;
  // An image event's `name` is the image itself: no second "image" for it.
  if (a.image && ev.type !== 'image') actor.image = a.image;
  if (a.exitCode !== undefined) actor.exitCode = a.exitCode;
  if (a.signal !== undefined) actor.signal = a.signal;
  return actor;
}

/** The attributes other than the actor's, sorted by key. */
export function otherAttributes(ev: EngineEvent): Array<[string, string]> {
  return Object.entries(ev.attributes)
    .filter(([k]) => !ACTOR_KEYS.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** "key=value key=value" as the attribute column and the search see them. */
export function attributesText(ev: EngineEvent): string {
  return otherAttributes(ev)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** The engine's own action words can carry details ("exec_start: sh -c …", "health_status: healthy"). */
export function actionName(action: string): string {
  const i = action.indexOf(':');
  return i < 0 ? action : action.slice(0, i);
}

export interface EventFilter {
  /** '' = every type. */
  type: string;
  /** '' = every action; matched against the action's first word (see actionName). */
  action: string;
  /** Name or id (prefix of the id, part of the name), case-insensitive; '' = every object. */
  object: string;
  /** Free text over time, type, action, actor and attributes; '' = no search. */
  text: string;
}

export const NO_FILTER: EventFilter = { type: '', action: '', object: '', text: '' };

export function isFiltering(f: EventFilter): boolean {
  return f.type !== '' || f.action !== '' || f.object.trim() !== '' || f.text.trim() !== '';
}

/** Whole-line text the free-text search matches. */
export function searchText(ev: EngineEvent): string {
  const actor = eventActor(ev);
  return [
    formatEventTime(ev.timeNano),
    ev.type,
    ev.action,
    ev.id,
    actor.name ?? '',
    actor.image ?? '',
    actor.exitCode !== undefined ? `exit ${actor.exitCode}` : '',
    actor.signal !== undefined ? `signal ${actor.signal}` : '',
    attributesText(ev),
  ]
    .join(' ')
    .toLowerCase();
}

export function matchesFilter(ev: EngineEvent, f: EventFilter): boolean {
  if (f.type && ev.type !== f.type) return false;
  if (f.action && actionName(ev.action) !== f.action) return false;
  const obj = f.object.trim().toLowerCase();
  if (obj) {
    const name = (ev.name ?? ev.attributes.name ?? '').toLowerCase();
    if (!ev.id.toLowerCase().startsWith(obj) && !name.includes(obj)) return false;
  }
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const hay = searchText(ev);
    if (!words.every((w) => hay.includes(w))) return false;
  }
  return true;
}

export function filterEvents(entries: readonly EventEntry[], f: EventFilter): readonly EventEntry[] {
  return isFiltering(f) ? entries.filter((e) => matchesFilter(e.ev, f)) : entries;
}

/** The types the engine sends (Docker's list); seen types not in it are added to the type filter. */
export const KNOWN_TYPES = [
  'container',
  'image',
  'network',
  'volume',
  'daemon',
  'plugin',
  'builder',
  'node',
  'service',
  'secret',
  'config',
] as const;

/** Sorted distinct values of `key` over the entries, after `known` ones (kept first, in their order). */
export function distinctValues(
  entries: readonly EventEntry[],
  key: (ev: EngineEvent) => string,
  known: readonly string[] = [],
): string[] {
  const seen = new Set<string>();
  for (const e of entries) seen.add(key(e.ev));
  const extra = [...seen].filter((v) => v && !known.includes(v)).sort();
  return [...known, ...extra];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local "HH:MM:SS.mmm". */
export function formatEventTime(timeNano: number): string {
  const d = new Date(Math.floor(timeNano / 1e6));
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** RFC 3339 in UTC, nanoseconds kept ("2026-12-06T03:10:11.123456789Z"). */
export function eventIsoTime(timeNano: number): string {
  const ms = Math.floor(timeNano / 1e6);
  const base = new Date(ms).toISOString().slice(0, 19);
  const nanos = Math.round(timeNano - Math.floor(timeNano / 1e9) * 1e9);
  return `${base}.${String(nanos).padStart(9, '0')}Z`;
}

/** One exported line: the event as the engine described it, with its time readable. */
export function eventToJsonLine(ev: EngineEvent): string {
  const out: Record<string, unknown> = { time: eventIsoTime(ev.timeNano), timeNano: ev.timeNano, type: ev.type };
  out.action = ev.action;
  out.id = ev.id;
  if (ev.name !== undefined) out.name = ev.name;
  out.attributes = ev.attributes;
  return JSON.stringify(out);
}

/** The export's file content: one JSON object per line, in the order given. */
export function eventsToJsonLines(entries: readonly EventEntry[]): string {
  let s = '';
  for (const e of entries) s += eventToJsonLine(e.ev) + '\n';
  return s;
}

/** "berth-events-20261206-031011.jsonl" (local time). */
export function eventsFileName(now = new Date()): string {
  const d = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const t = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `berth-events-${d}-${t}.jsonl`;
}

/** "Since" presets: '' = live only (nothing replayed). */
export const SINCE_PRESETS: ReadonlyArray<{ value: string; label: string; seconds: number }> = [
  { value: '', label: 'Live only', seconds: 0 },
  { value: '5m', label: 'Last 5 min', seconds: 300 },
  { value: '1h', label: 'Last hour', seconds: 3600 },
  { value: '24h', label: 'Last 24 h', seconds: 86_400 },
];

/** A preset's start as Unix seconds (the stream's `since`), or undefined for "live only". */
export function sinceFromPreset(value: string, nowMs = Date.now()): string | undefined {
  const p = SINCE_PRESETS.find((x) => x.value === value);
  if (!p || p.seconds === 0) return undefined;
  return String(Math.floor(nowMs / 1000) - p.seconds);
}

import { useMemo, useSyncExternalStore } from 'react';
import { createHeldLocation, type HeldLocation, type RouteGate } from './routeHold';

export type { RouteGate } from './routeHold';

/**
 * Tiny hash router. Routes:
 *   #/containers  #/containers/<id>[/logs|terminal|stats|processes|changes|inspect]  #/images  #/volumes  #/networks
 *   #/networks/<id>   (one network's page)   #/system   (engine info, disk use, system prune)
 *   #/logs?ids=<id>[,<id>…]   (full-window logs; several ids = merged by time)
 *   #/stacks   (compose projects)
 *   #/events   (live engine events)
 *   #/settings   (Berth's settings)
 *   #/containers/<id>/files?path=/etc[&b64=…]   #/volumes/<name>/files?path=/…   (file browser; b64 = exact bytes)
 * Back/forward work because every navigation is a real history entry (location.hash).
 *
 *   const route = useRoute();
 *   navigate('/containers/' + id);            // pushes #/containers/<id>
 *   <a href={href('/images')}>Images</a>
 */
export type Section = 'containers' | 'stacks' | 'images' | 'volumes' | 'networks' | 'system' | 'events' | 'settings';
export const CONTAINER_TABS = [
  'overview',
  'logs',
  'terminal',
  'stats',
  'processes',
  'changes',
  'files',
  'inspect',
] as const;
export type ContainerTab = (typeof CONTAINER_TABS)[number];

function isContainerTab(s: string): s is ContainerTab {
  return (CONTAINER_TABS as readonly string[]).includes(s);
}

export type Route =
  | { name: 'containers' }
  | { name: 'container'; id: string; tab: ContainerTab; files?: FilesLocation }
  | { name: 'images' }
  | { name: 'stacks' }
  | { name: 'volumes'; inspect?: string }
  | { name: 'volumeFiles'; volume: string; files: FilesLocation }
  | { name: 'networks' }
  | { name: 'network'; id: string }
  | { name: 'system' }
  | { name: 'events' }
  | { name: 'settings' }
  | { name: 'logs'; ids: string[] }
  | { name: 'notFound'; path: string };

export const DEFAULT_PATH = '/containers';

/** Where a file browser is: the path's display text and, for names that are not UTF-8, its exact bytes. */
export interface FilesLocation {
  path: string;
  b64?: string;
}

function filesLocation(query: string): FilesLocation {
  const q = new URLSearchParams(query);
  const path = q.get('path') || '/';
  const b64 = q.get('b64');
  return b64 ? { path, b64 } : { path };
}

function filesQuery(loc: FilesLocation): string {
  const q = new URLSearchParams({ path: loc.path });
  if (loc.b64) q.set('b64', loc.b64);
  return q.toString().replace(/%2F/g, '/');
}

/** Pure: '#/containers/abc/inspect' → { name: 'container', id: 'abc', tab: 'inspect' }. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: 'containers' };
  switch (first) {
    case 'containers':
      if (second === undefined) return { name: 'containers' };
      if (third === undefined || third === 'overview') return { name: 'container', id: second, tab: 'overview' };
      if (third === 'files' && parts.length === 3)
        return { name: 'container', id: second, tab: third, files: filesLocation(query) };
      if (isContainerTab(third) && parts.length === 3) return { name: 'container', id: second, tab: third };
      return { name: 'notFound', path };
    case 'networks':
      if (parts.length === 2 && second !== undefined) return { name: 'network', id: second };
      return parts.length === 1 ? { name: first } : { name: 'notFound', path };
    case 'volumes': {
      const inspect = new URLSearchParams(query).get('inspect');
      if (parts.length === 3 && second !== undefined && third === 'files')
        return { name: 'volumeFiles', volume: second, files: filesLocation(query) };
      if (parts.length !== 1) return { name: 'notFound', path };
      return inspect ? { name: 'volumes', inspect } : { name: 'volumes' };
    }
    case 'images':
    case 'stacks':
    case 'system':
    case 'events':
    case 'settings':
      return parts.length === 1 ? { name: first } : { name: 'notFound', path };
    case 'logs': {
      const ids = (new URLSearchParams(query).get('ids') ?? '').split(',').filter(Boolean).slice(0, 50);
      return parts.length === 1 ? { name: 'logs', ids } : { name: 'notFound', path };
    }
    default:
      return { name: 'notFound', path };
  }
}

/** The sidebar section a route belongs to. */
export function sectionOf(route: Route): Section | undefined {
  switch (route.name) {
    case 'containers':
    case 'container':
    case 'logs':
      return 'containers';
    case 'images':
    case 'stacks':
    case 'volumes':
    case 'networks':
    case 'system':
    case 'events':
    case 'settings':
      return route.name;
    case 'network':
      return 'networks';
    case 'volumeFiles':
      return 'volumes';
    default:
      return undefined;
  }
}

export function containerPath(id: string, tab: ContainerTab = 'overview'): string {
  return `/containers/${encodeURIComponent(id)}${tab === 'overview' ? '' : `/${tab}`}`;
}

/** The Files tab of a container at one path. */
export function containerFilesPath(id: string, loc: FilesLocation): string {
  return `${containerPath(id, 'files')}?${filesQuery(loc)}`;
}

/** The file browser of one volume at one path (relative to the volume's root). */
export function volumeFilesPath(name: string, loc: FilesLocation): string {
  return `/volumes/${encodeURIComponent(name)}/files?${filesQuery(loc)}`;
}

/** One network's page. */
export function networkPath(id: string): string {
  return `/networks/${encodeURIComponent(id)}`;
}

/** The Volumes page with one volume's inspect panel open. */
export function volumePath(name: string): string {
  return `/volumes?inspect=${encodeURIComponent(name)}`;
}

/** Full-window logs of one container, or merged logs of several. */
export function logsPath(ids: readonly string[]): string {
  return `/logs?ids=${ids.map(encodeURIComponent).join(',')}`;
}

export function href(path: string): string {
  return `#${path}`;
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const target = href(path);
  if (window.location.hash === target) return;
  if (opts.replace) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${target}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}

/** The longest a route gate may hold a navigation (routeHold.ts); then the page shows its loading state. */
export const HOLD_MAX_MS = 150;

let held: HeldLocation | undefined;
let subscribers = 0;
const heldLocation = (): HeldLocation => (held ??= createHeldLocation(window.location.hash, HOLD_MAX_MS));
const onLocationChange = (): void => heldLocation().update(window.location.hash);

/**
 * Registers a route gate: asked about every in-app navigation, it may hold the switch to the new page
 * until what that page shows first is in (see routeHold.ts). Returns the unregister function.
 */
export function addRouteGate(gate: RouteGate): () => void {
  return heldLocation().addGate(gate);
}

function subscribe(cb: () => void): () => void {
  const loc = heldLocation();
  if (subscribers++ === 0) {
    // Nothing rendered routes meanwhile: start from where the browser is.
    loc.reset(window.location.hash);
    window.addEventListener('hashchange', onLocationChange);
    window.addEventListener('popstate', onLocationChange);
  }
  const off = loc.subscribe(cb);
  return () => {
    off();
    if (--subscribers === 0) {
      window.removeEventListener('hashchange', onLocationChange);
      window.removeEventListener('popstate', onLocationChange);
    }
  };
}

const getHash = (): string => (subscribers > 0 ? heldLocation().current() : window.location.hash);

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash);
  return useMemo(() => parseRoute(hash), [hash]);
}

function subscribeLocation(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  window.addEventListener('popstate', cb);
  return () => {
    window.removeEventListener('hashchange', cb);
    window.removeEventListener('popstate', cb);
  };
}

const getLocationHash = (): string => window.location.hash;

/**
 * Where the user is going: the address itself, never held by a route gate. For what answers the click
 * at once (the sidebar's current section) while the page itself may still be held (useRoute).
 */
export function useLocationRoute(): Route {
  const hash = useSyncExternalStore(subscribeLocation, getLocationHash);
  return useMemo(() => parseRoute(hash), [hash]);
}

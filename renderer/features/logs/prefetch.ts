import { prefetchStream } from '../../api/stream-prefetch';
import { addRouteGate, parseRoute } from '../../lib/router';
import { loadPrefs } from './prefs';

/**
 * Starts a logs stream the moment the route leads to one (a container's Logs tab, the full-window
 * logs), before the view has rendered: the engine reads the tail while the page is switched, and the
 * view's LogSession adopts the stream (same arguments as its first open: the saved tail, follow). As
 * a route gate, it holds the switch to that page until the first lines are in (see router.ts), so the
 * page renders once, with them.
 */
function prefetchFor(hash: string): Promise<unknown> | undefined {
  const route = parseRoute(hash);
  const ids = route.name === 'container' && route.tab === 'logs' ? [route.id] : route.name === 'logs' ? route.ids : [];
  if (ids.length === 0) return undefined;
  const { tail } = loadPrefs();
  return Promise.all(ids.map((id) => prefetchStream('containers.logs', { id, tail, follow: true })));
}

export function startLogsPrefetch(): void {
  addRouteGate(prefetchFor);
  // The page opened on a logs route: no switch to hold, only the request to start now.
  void prefetchFor(window.location.hash);
}

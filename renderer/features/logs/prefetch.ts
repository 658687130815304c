import { prefetchStream } from '../../api/stream-prefetch';
import { parseRoute } from '../../app/router';
import { loadPrefs } from './prefs';

/**
 * Starts a logs stream the moment the route leads to one (a container's Logs tab, the full-window
 * logs), before the view has rendered: the engine reads the tail while React mounts the page, and
 * the view's LogSession adopts the stream (same arguments as its first open: the saved tail, follow).
 */
export function startLogsPrefetch(): void {
  let last: string | undefined;
  const onRoute = (): void => {
    // A navigation fires popstate, then hashchange (navigate({ replace }) only the latter): act once.
    if (window.location.hash === last) return;
    last = window.location.hash;
    const route = parseRoute(window.location.hash);
    const ids =
      route.name === 'container' && route.tab === 'logs' ? [route.id] : route.name === 'logs' ? route.ids : [];
    if (ids.length === 0) return;
    const { tail } = loadPrefs();
    for (const id of ids) prefetchStream('containers.logs', { id, tail, follow: true });
  };
  // Registered before the router's listeners (which render the new route at once, popstate first).
  window.addEventListener('popstate', onRoute);
  window.addEventListener('hashchange', onRoute);
  onRoute();
}

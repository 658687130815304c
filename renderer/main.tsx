import { webLink } from './api';
import { DEFAULT_PATH, navigate } from './lib/router';
import { initTheme } from './lib/theme';
import { startContainersLive } from './features/containers/store';
import { startImagesPreload } from './features/images/imagesList';
import { startLogsPrefetch } from './features/logs/prefetch';
import { startNotifications } from './features/notifications/runner';
import { startSettings } from './features/settings/store';
import { startEngineStatus } from './stores/engineStatus';
import { startEngineBinding } from './features/engines/store';
import { startResourceCounts } from './stores/resourceCounts';
import './styles/theme.css';
import './styles/components.css';
import './styles/app.css';

/**
 * Start-up, in order of what the first screen waits for. This entry chunk is small on purpose (the
 * bridge, the stores, no React DOM): it opens the link and requests the container list (in web mode
 * the request is queued until the socket opens), and only then loads the React app, whose download,
 * parse and first render overlap with the engine listing containers.
 */
initTheme();
// The start view's route before the first render (not in an effect after it: that renders the shell twice).
if (!window.location.hash) navigate(DEFAULT_PATH, { replace: true });
startEngineStatus();
startSettings();
startEngineBinding();
const firstList = startContainersLive();
// The Images list and a logs view's stream are requested at the navigation to them (and now, when the
// app opens on one), not once the view's code has loaded and rendered.
startImagesPreload();
startLogsPrefetch();
// Desktop notifications (opt-in) listen to the engine events from the start, whatever view is open.
startNotifications();
// Sidebar counts wait until the Containers table has its data and the page is idle.
startResourceCounts(firstList);

/**
 * In web mode, load the app once the socket has opened and the list request is sent (or after at most
 * `maxMs`, e.g. when the server refuses the token): evaluating the app chunk is a long task, and the
 * socket's open event would otherwise wait behind it, and the list request with it.
 */
function linkSettled(maxMs: number): Promise<void> {
  const link = webLink;
  if (!link || link.state !== 'connecting') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      off();
      clearTimeout(timer);
      resolve();
    };
    // Listeners run before the bridge flushes its queue; the promise continuation runs after it.
    const off = link.onState((s) => {
      if (s !== 'connecting') done();
    });
    const timer = setTimeout(done, maxMs);
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
const opensOnImages = window.location.hash.startsWith('#/images');
linkSettled(300)
  .then(() =>
    // Opening on Images: fetch its view's chunks alongside the app's instead of after the app has rendered.
    Promise.all([import('./app/mount'), opensOnImages ? import('./features/images/ImagesView') : undefined]),
  )
  .then(([m]) => m)
  .then(
    (m) => m.mount(root, firstList),
    (err: unknown) => {
      root.textContent = `Berth could not load: ${err instanceof Error ? err.message : String(err)}. Reload the page.`;
    },
  );

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, prefetchViews, preloadRouteView } from './App';
import { whenIdle } from '../lib/idle';
import { parseRoute } from '../lib/router';

/**
 * The React half of start-up, in its own chunk: main.tsx starts the link and the container list first,
 * so the list request is on its way while this chunk (React, the table, the shell) loads and runs.
 */
export function mount(root: HTMLElement, firstViewData: Promise<unknown>): void {
  const render = (): void =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  // The view the page opens on renders at once instead of through a Suspense fallback (which React
  // would hold on screen for its reveal throttle); main.tsx has usually fetched its chunk already.
  preloadRouteView(parseRoute(window.location.hash)).then(render, render);
  // The other views' code once the first view has its data and the page is idle.
  const idle = (): void => void whenIdle(prefetchViews, 3000, 500);
  firstViewData.then(idle, idle);
}

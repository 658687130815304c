import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, prefetchViews } from './App';

/**
 * The React half of start-up, in its own chunk: main.tsx starts the link and the container list first,
 * so the list request is on its way while this chunk (React, the table, the shell) loads and runs.
 */
export function mount(root: HTMLElement, firstViewData: Promise<unknown>): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // The other views' code once the first view has its data and the page is idle.
  const idle = (): void => {
    const w = window as Window & { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number };
    if (w.requestIdleCallback) w.requestIdleCallback(prefetchViews, { timeout: 3000 });
    else setTimeout(prefetchViews, 500);
  };
  firstViewData.then(idle, idle);
}

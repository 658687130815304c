import { lazy, type ComponentType, type JSX } from 'react';

/** A code-split component that can be fetched ahead of use. */
export type Preloadable<P extends object> = ComponentType<P> & {
  /** Fetches the chunk (once); resolves when the component renders without suspending. */
  preload(): Promise<void>;
};

/**
 * Like React.lazy, but once the chunk has loaded (ahead of time by `preload()`, or by an earlier
 * render) the real component renders directly instead of through the lazy wrapper. React.lazy
 * suspends on its first render even when the module is already in memory, and React 19 holds back
 * the content of a boundary that just showed its fallback for ~300 ms (the Suspense reveal
 * throttle): the first open of every view and dialog paid that wait. A chunk that failed to load
 * stays failed (the browser keeps the failure for the page's lifetime): the render throws to the
 * nearest error boundary, which offers a reload (app/chunkRecovery).
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const fetchOnce = (): Promise<ComponentType<P>> => (pending ??= load().then((c) => (loaded = c)));
  const Lazy = lazy(() => fetchOnce().then((c) => ({ default: c })));
  const View = (props: P & JSX.IntrinsicAttributes): JSX.Element => {
    const C = (loaded ?? Lazy) as ComponentType<P & JSX.IntrinsicAttributes>;
    return <C {...props} />;
  };
  return Object.assign(View, {
    preload: (): Promise<void> => fetchOnce().then(() => undefined),
  }) as Preloadable<P>;
}

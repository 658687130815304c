import { Suspense, useEffect, type ReactNode } from 'react';
import { EmptyState } from '../components/EmptyState';
import { Spinner } from '../components/Spinner';
import { lazyComponent, type Preloadable } from '../components/lazyComponent';
import { Toaster } from '../components/Toasts';
import { ContainersView } from '../features/containers/ContainersView';
import { startContainersLive } from '../features/containers/store';
import { startEngineStatus, useEngineStatusStore } from '../stores/engineStatus';
import { ChunkErrorBoundary, isChunkLoadError, pageIsIdle, reloadForChunks } from './chunkRecovery';
import { ConnectingScreen, NoEngineScreen, ReconnectBanner, TokenScreen } from './EngineScreens';
import { DEFAULT_PATH, navigate, sectionOf, useRoute, type Route } from './router';
import { Sidebar } from './Sidebar';
import { RunDialogHost } from '../features/run/RunDialogHost';

// Only the Containers list is in the start-up bundle; every other view (and what it pulls in: the JSON
// viewer, logs, terminal/xterm, stats charts) is its own chunk, fetched on first use or when idle.
const ContainerDetailView = lazyComponent(() =>
  import('../features/containers/ContainerDetailView').then((m) => m.ContainerDetailView),
);
const ImagesView = lazyComponent(() => import('../features/images/ImagesView').then((m) => m.ImagesView));
const VolumesView = lazyComponent(() => import('../features/volumes/VolumesView').then((m) => m.VolumesView));
const NetworksView = lazyComponent(() => import('../features/networks/NetworksView').then((m) => m.NetworksView));
const LogsView = lazyComponent(() => import('../features/logs/LogsView').then((m) => m.LogsView));

const ROUTE_VIEWS: Partial<Record<Route['name'], Pick<Preloadable<object>, 'preload'>>> = {
  container: ContainerDetailView,
  images: ImagesView,
  volumes: VolumesView,
  networks: NetworksView,
  logs: LogsView,
};

/** Warms the view chunks once the first view is on screen, so later navigation does not wait for them. */
export function prefetchViews(): void {
  void Promise.allSettled(Object.values(ROUTE_VIEWS).map((view) => view.preload())).then((results) => {
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (!failed) {
      document.documentElement.dataset.viewsReady = 'true';
      return;
    }
    // A chunk that failed to download stays failed until a reload: do it now, while nothing is going
    // on, rather than when the user opens that view (see chunkRecovery).
    if (isChunkLoadError(failed.reason) && pageIsIdle()) void reloadForChunks();
  });
}

/** Loads the view of `route` (a no-op for the Containers list, which is in the start-up bundle). */
export function preloadRouteView(route: Route): Promise<void> {
  return ROUTE_VIEWS[route.name]?.preload() ?? Promise.resolve();
}

/**
 * The app shell: engine/link gates (no engine, token missing, connecting), then sidebar + routed view,
 * a reconnect banner when the link or the engine drops, and the toasts.
 */
export function App() {
  useEffect(() => {
    // Stores are started by main.tsx before the first render (idempotent here, e.g. for tests).
    startEngineStatus();
    void startContainersLive();
    if (!window.location.hash) navigate(DEFAULT_PATH, { replace: true });
  }, []);

  const status = useEngineStatusStore((s) => s.status);
  const link = useEngineStatusStore((s) => s.link);
  const linkEverOpen = useEngineStatusStore((s) => s.linkEverOpen);
  const linkRefused = useEngineStatusStore((s) => s.linkRefused);
  const everConnected = useEngineStatusStore((s) => s.everConnected);

  let gate: ReactNode = null;
  if (linkRefused) gate = <TokenScreen />;
  else if (!linkEverOpen) gate = <ConnectingScreen label="Connecting to Berth…" />;
  else if (status?.state === 'unreachable') gate = <NoEngineScreen status={status} />;
  else if (!status || (status.state === 'connecting' && !everConnected))
    gate = <ConnectingScreen label="Connecting to the engine…" />;

  if (gate) {
    return (
      <>
        {gate}
        <Toaster />
      </>
    );
  }

  const banner =
    link === 'closed' || link === 'connecting'
      ? 'Reconnecting to Berth…'
      : status?.state === 'connecting'
        ? `Reconnecting to the engine${status.reason ? ` (${status.reason})` : ''}…`
        : undefined;

  return <Shell banner={banner} />;
}

function Shell({ banner }: { banner: string | undefined }) {
  const route = useRoute();
  return (
    <div className="app">
      <Sidebar current={sectionOf(route)} />
      <div className="main">
        {banner && <ReconnectBanner text={banner} />}
        <main className="main-content">
          <ChunkErrorBoundary resetKey={sectionOf(route) ?? route.name}>
            <Suspense fallback={<ViewLoading />}>
              <RouteView route={route} />
            </Suspense>
          </ChunkErrorBoundary>
        </main>
      </div>
      <ChunkErrorBoundary>
        <RunDialogHost />
      </ChunkErrorBoundary>
      <Toaster />
    </div>
  );
}

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'containers':
      return <ContainersView />;
    case 'container':
      return <ContainerDetailView key={route.id} id={route.id} tab={route.tab} />;
    case 'images':
      return <ImagesView />;
    case 'volumes':
      return <VolumesView />;
    case 'networks':
      return <NetworksView />;
    case 'logs':
      return <LogsView key={route.ids.join(',')} ids={route.ids} />;
    case 'notFound':
      return (
        <div className="page page-center">
          <EmptyState
            title="Page not found"
            hint={<>Nothing lives at “{route.path}”.</>}
            action={<a href="#/containers">Go to containers</a>}
          />
        </div>
      );
  }
}

function ViewLoading() {
  return (
    <div className="page page-center">
      <Spinner size={20} label="Loading view" />
    </div>
  );
}

import { Suspense, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { EmptyState } from '../components/EmptyState';
import { Spinner } from '../components/Spinner';
import { lazyComponent, type Preloadable } from '../components/lazyComponent';
import { Toaster } from '../components/Toasts';
import { ActionConfirmHost } from '../features/containers/confirmAction';
import { ContainersView } from '../features/containers/ContainersView';
import { startContainersLive } from '../features/containers/store';
import { startEngineStatus, useEngineStale, useEngineStatusStore } from '../stores/engineStatus';
import { startEngineBinding, useEngineGeneration } from '../features/engines/store';
import { ChunkErrorBoundary, isChunkLoadError, pageIsIdle, reloadForChunks } from './chunkRecovery';
import { ConnectingScreen, NoEngineScreen, ReconnectBanner, TokenScreen } from './EngineScreens';
import { DEFAULT_PATH, navigate, sectionOf, useLocationRoute, useRoute, type Route } from '../lib/router';
import { Sidebar } from './Sidebar';
import { engineLostText } from '../presentation/engine';
import { useSlowBanner } from './useSlowBanner';
import { createViewActivity, ViewActivityContext } from '../lib/viewActivity';
import { RunDialogHost } from '../features/run/RunDialogHost';

// Only the Containers list is in the start-up bundle; every other view (and what it pulls in: the JSON
// viewer, logs, terminal/xterm, stats charts) is its own chunk, fetched on first use or when idle.
const ContainerDetailView = lazyComponent(() =>
  import('../features/containers/ContainerDetailView').then((m) => m.ContainerDetailView),
);
const ImagesView = lazyComponent(() => import('../features/images/ImagesView').then((m) => m.ImagesView));
const VolumesView = lazyComponent(() => import('../features/volumes/VolumesView').then((m) => m.VolumesView));
const VolumeFilesView = lazyComponent(() => import('../features/files/VolumeFilesView').then((m) => m.VolumeFilesView));
const NetworksView = lazyComponent(() => import('../features/networks/NetworksView').then((m) => m.NetworksView));
const NetworkPage = lazyComponent(() => import('../features/networks/NetworkPage').then((m) => m.NetworkPage));
const StacksView = lazyComponent(() => import('../features/stacks/StacksView').then((m) => m.StacksView));
const SystemView = lazyComponent(() => import('../features/system/SystemView').then((m) => m.SystemView));
const EventsView = lazyComponent(() => import('../features/events/EventsView').then((m) => m.EventsView));
const SettingsView = lazyComponent(() => import('../features/settings/SettingsView').then((m) => m.SettingsView));
const LogsView = lazyComponent(() => import('../features/logs/LogsView').then((m) => m.LogsView));

const ROUTE_VIEWS: Partial<Record<Route['name'], Pick<Preloadable<object>, 'preload'>>> = {
  container: ContainerDetailView,
  images: ImagesView,
  volumes: VolumesView,
  volumeFiles: VolumeFilesView,
  networks: NetworksView,
  network: NetworkPage,
  stacks: StacksView,
  system: SystemView,
  events: EventsView,
  settings: SettingsView,
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
    startEngineBinding();
    void startContainersLive();
    if (!window.location.hash) navigate(DEFAULT_PATH, { replace: true });
  }, []);

  const status = useEngineStatusStore((s) => s.status);
  const link = useEngineStatusStore((s) => s.link);
  const linkEverOpen = useEngineStatusStore((s) => s.linkEverOpen);
  const linkRefused = useEngineStatusStore((s) => s.linkRefused);
  const everConnected = useEngineStatusStore((s) => s.everConnected);
  const slowText = useSlowBanner(status?.state === 'connected' ? status.slow : undefined);

  let gate: ReactNode = null;
  if (linkRefused) gate = <TokenScreen />;
  else if (!linkEverOpen) gate = <ConnectingScreen label="Connecting to Berth…" />;
  // Only before the first connection: an engine lost mid-session keeps every view (stale) under a banner.
  else if (status?.state === 'unreachable' && !everConnected) gate = <NoEngineScreen status={status} />;
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
      : status && status.state !== 'connected'
        ? engineLostText(status)
        : slowText;

  return <Shell banner={banner} />;
}

function Shell({ banner }: { banner: string | undefined }) {
  const stale = useEngineStale();
  const route = useRoute();
  // The sidebar answers the click at once, while a route gate may still hold the page (router.ts).
  const target = useLocationRoute();
  return (
    <div className="app">
      <Sidebar current={sectionOf(target)} />
      <div className="main">
        {banner && <ReconnectBanner text={banner} />}
        <main className="main-content" data-stale={stale ? 'true' : undefined}>
          <KeptContainersView visible={route.name === 'containers'} />
          {route.name !== 'containers' && (
            <ChunkErrorBoundary resetKey={sectionOf(route) ?? route.name}>
              <Suspense fallback={<ViewLoading />}>
                <RouteView route={route} />
              </Suspense>
            </ChunkErrorBoundary>
          )}
        </main>
      </div>
      <ChunkErrorBoundary>
        <RunDialogHost />
      </ChunkErrorBoundary>
      <ActionConfirmHost />
      <Toaster />
    </div>
  );
}

/**
 * The Containers list stays mounted once it has been shown, hidden while another view is open: opening
 * a container (or any view) does not tear its table down, and coming back finds filter, sort,
 * selection, scroll position and rows as they were, with no re-render from scratch. Hidden with
 * `content-visibility: hidden` (its layout is kept but skipped, and nothing of it is focusable) and
 * aria-hidden; what it does only for a user who sees it (list stats, the "/" shortcut) follows
 * ViewActivity. Not `inert`: toggling that restyles every element of the table.
 */
const CONTAINERS_VIEW = <ContainersView />;

function KeptContainersView({ visible }: { visible: boolean }) {
  const [shown, setShown] = useState(visible);
  if (visible && !shown) setShown(true);
  const [activity] = useState(() => createViewActivity(visible));
  const ref = useRef<HTMLDivElement>(null);
  // The control last focused in the list, to give the keyboard back to it on return (e.g. the row opened).
  const lastFocus = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    activity.set(visible);
    const focused = document.activeElement;
    if (!visible) {
      // Focus must not stay on a control nobody can see (keys would still go to it).
      if (focused instanceof HTMLElement && ref.current?.contains(focused)) focused.blur();
    } else {
      const el = lastFocus.current;
      if (el?.isConnected && (!focused || focused === document.body)) el.focus({ preventScroll: true });
    }
  }, [activity, visible]);
  if (!shown) return null;
  return (
    <div
      ref={ref}
      className="kept-view"
      data-hidden={visible ? undefined : 'true'}
      aria-hidden={visible ? undefined : true}
      onFocus={(e) => {
        lastFocus.current = e.target;
      }}
    >
      <ViewActivityContext.Provider value={activity}>{CONTAINERS_VIEW}</ViewActivityContext.Provider>
    </div>
  );
}

function RouteView({ route }: { route: Route }) {
  // Views of one object re-open their streams on the new engine after a switch (rebind.ts sends them
  // back to their list when the object is not there).
  const engineGen = useEngineGeneration();
  switch (route.name) {
    case 'containers':
      return null; // KeptContainersView
    case 'container':
      return <ContainerDetailView key={route.id} id={route.id} tab={route.tab} />;
    case 'images':
      return <ImagesView />;
    case 'volumes':
      return <VolumesView />;
    case 'volumeFiles':
      return <VolumeFilesView key={`${route.volume}:${engineGen}`} volume={route.volume} location={route.files} />;
    case 'networks':
      return <NetworksView />;
    case 'network':
      return <NetworkPage key={route.id} id={route.id} />;
    case 'stacks':
      return <StacksView />;
    case 'system':
      return <SystemView />;
    case 'events':
      return <EventsView />;
    case 'settings':
      return <SettingsView />;
    case 'logs':
      return <LogsView key={`${route.ids.join(',')}:${engineGen}`} ids={route.ids} />;
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

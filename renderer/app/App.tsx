import { useEffect, type ReactNode } from 'react';
import { Toaster } from '../components/Toasts';
import { ContainerDetailView } from '../features/containers/ContainerDetailView';
import { ContainersView } from '../features/containers/ContainersView';
import { startContainersLive } from '../features/containers/store';
import { ImagesView } from '../features/images/ImagesView';
import { NetworksView } from '../features/networks/NetworksView';
import { VolumesView } from '../features/volumes/VolumesView';
import { startEngineStatus, useEngineStatusStore } from '../stores/engineStatus';
import { startResourceCounts } from '../stores/resourceCounts';
import { ConnectingScreen, NoEngineScreen, ReconnectBanner, TokenScreen } from './EngineScreens';
import { DEFAULT_PATH, navigate, sectionOf, useRoute, type Route } from './router';
import { Sidebar } from './Sidebar';
import { EmptyState } from '../components/EmptyState';

/**
 * The app shell: engine/link gates (no engine, token missing, connecting), then sidebar + routed view,
 * a reconnect banner when the link or the engine drops, and the toasts.
 */
export function App() {
  useEffect(() => {
    startEngineStatus();
    startContainersLive();
    startResourceCounts();
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
          <RouteView route={route} />
        </main>
      </div>
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

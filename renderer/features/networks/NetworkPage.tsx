import { CircleAlert, Plug } from 'lucide-react';
import { Suspense, useMemo, useState } from 'react';
import { BackCrumbs } from '../../components/BackCrumbs';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { lazyComponent } from '../../components/lazyComponent';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { href } from '../../lib/router';
import { addressOnly } from '../../presentation/networkPage';
import { BUILT_IN_NETWORK_NOTE } from '../../presentation/resources';
import type { DisconnectTarget } from './DisconnectDialog';
import { PairsSection } from '../containers/OverviewSection';
import { AttachedSection, IpamSection, SummarySection } from './NetworkSections';
import { useNetworkPage } from './useNetworkPage';
import '../containers/containers.css';
import './networks.css';

const ConnectDialog = lazyComponent(() => import('./ConnectDialog').then((m) => m.ConnectDialog));
const DisconnectDialog = lazyComponent(() => import('./DisconnectDialog').then((m) => m.DisconnectDialog));

/** Networks a container cannot be connected to or disconnected from by `docker network connect`. */
const FIXED_NETWORKS = new Set(['host', 'none']);

/**
 * One network's page (#/networks/<id>): summary with its flags, attached containers (each linking to
 * its page, with addresses, MAC and aliases, and Disconnect), IPAM, driver options and labels. Live on
 * the network's events; says so when the network is removed meanwhile.
 */
export function NetworkPage({ id }: { id: string }) {
  const { model, error, gone } = useNetworkPage(id);
  const [connecting, setConnecting] = useState(false);
  const [disconnecting, setDisconnecting] = useState<DisconnectTarget>();
  const attached = useMemo(() => new Set(model?.endpoints.map((e) => e.containerId)), [model]);

  if (!model) {
    return (
      <section className="page" aria-label="Network">
        <NetworkHeader title={id} />
        <div className="page page-center">
          {error ? (
            <EmptyState
              icon={CircleAlert}
              title={error.notFound ? 'No such network' : 'Could not load the network'}
              hint={error.message}
              action={<a href={href('/networks')}>Back to networks</a>}
            />
          ) : (
            <Spinner label="Loading network" />
          )}
        </div>
      </section>
    );
  }

  const fixed = FIXED_NETWORKS.has(model.name);
  const connect = (
    <button
      type="button"
      className="btn btn-sm btn-ghost"
      disabled={gone || fixed}
      title={fixed ? `Containers join ${model.name} only when they are created` : undefined}
      onClick={() => setConnecting(true)}
    >
      <Plug size={13} aria-hidden="true" />
      Connect container
    </button>
  );
  return (
    <section className="page" aria-label={`Network ${model.name}`}>
      <NetworkHeader title={model.name} builtIn={fixed || model.name === 'bridge'} />
      {gone && (
        <div className="detail-gone" role="status">
          This network was removed. What you see is its last known state.{' '}
          <a href={href('/networks')}>Back to networks</a>
        </div>
      )}
      <div className="overview">
        <SummarySection model={model} />
        <IpamSection model={model} />
        <AttachedSection
          model={model}
          action={connect}
          disabled={gone || fixed}
          onDisconnect={(e) =>
            setDisconnecting({
              network: { id: model.id, name: model.name },
              container: { id: e.containerId, name: e.name },
              address: addressOnly(e.ipv4) || addressOnly(e.ipv6),
            })
          }
        />
        <PairsSection title="Options" pairs={model.options} none="No driver options." />
        <PairsSection title="Labels" pairs={model.labels} none="No labels." />
      </div>
      <Suspense fallback={null}>
        {connecting && !gone && (
          <ConnectDialog
            fixed={{ kind: 'network', id: model.id, name: model.name }}
            exclude={attached}
            subnets={model.ipam.configs.map((c) => c.subnet).filter(Boolean)}
            onClose={() => setConnecting(false)}
          />
        )}
        {disconnecting && <DisconnectDialog target={disconnecting} onClose={() => setDisconnecting(undefined)} />}
      </Suspense>
    </section>
  );
}

function NetworkHeader({ title, builtIn = false }: { title: string; builtIn?: boolean }) {
  return (
    <PageHeader
      title={title}
      leading={<BackCrumbs path="/networks" section="Networks" />}
      controls={
        builtIn ? (
          <Badge tone="info" title={BUILT_IN_NETWORK_NOTE}>
            built-in
          </Badge>
        ) : undefined
      }
    />
  );
}

import { Plug } from 'lucide-react';
import { Suspense, useMemo, useState } from 'react';
import type { ContainerDetail } from '../../../shared/models';
import { lazyComponent } from '../../components/lazyComponent';
import { href, networkPath } from '../../lib/router';
import type { DisconnectTarget } from '../networks/DisconnectDialog';
import { EndpointTable } from '../networks/EndpointTable';
import { Section } from './OverviewSection';
import '../networks/networks.css';

// The dialogs' code (form checks, address parsing) loads when one is first opened.
const ConnectDialog = lazyComponent(() => import('../networks/ConnectDialog').then((m) => m.ConnectDialog));
const DisconnectDialog = lazyComponent(() => import('../networks/DisconnectDialog').then((m) => m.DisconnectDialog));

/**
 * A container's networks on its Overview: each links to the network's page, with address, gateway, MAC
 * and aliases; "Connect to network" and a per-network "Disconnect".
 */
export function ContainerNetworks({ detail: d }: { detail: ContainerDetail }) {
  const [connecting, setConnecting] = useState(false);
  const [disconnecting, setDisconnecting] = useState<DisconnectTarget>();
  const attached = useMemo(() => new Set(d.networks.map((n) => n.networkId)), [d.networks]);
  const container = { id: d.id, name: d.name };
  // host/none/container:<id> modes own the container's whole network stack: nothing can be joined.
  const shared = d.networkMode === 'host' || d.networkMode === 'none' || d.networkMode.startsWith('container:');
  return (
    <Section
      title="Networks"
      count={d.networks.length}
      wide
      aside={
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          disabled={shared}
          title={shared ? `Network mode ${d.networkMode}: the container cannot join other networks` : undefined}
          onClick={() => setConnecting(true)}
        >
          <Plug size={13} aria-hidden="true" />
          Connect to network
        </button>
      }
    >
      {d.networks.length === 0 ? (
        <p className="section-empty">Not connected to any network ({d.networkMode}).</p>
      ) : (
        <EndpointTable
          label="Networks"
          headers={['Network', 'IP address', 'Gateway', 'MAC', 'Aliases']}
          rows={d.networks.map((n) => ({
            key: n.name,
            name: n.name,
            href: n.networkId ? href(networkPath(n.networkId)) : undefined,
            cells: [
              n.ipAddress ? `${n.ipAddress}/${n.ipPrefixLen}` : '—',
              n.gateway || '—',
              n.macAddress || '—',
              n.aliases.length ? n.aliases.join(', ') : '—',
            ],
            disconnectLabel: `Disconnect from ${n.name}`,
            disconnectTitle: `Disconnect ${d.name} from ${n.name}`,
            onDisconnect: () =>
              setDisconnecting({
                network: { id: n.networkId || n.name, name: n.name },
                container,
                address: n.ipAddress,
              }),
          }))}
        />
      )}
      <Suspense fallback={null}>
        {connecting && (
          <ConnectDialog
            fixed={{ kind: 'container', ...container }}
            exclude={attached}
            onClose={() => setConnecting(false)}
          />
        )}
        {disconnecting && <DisconnectDialog target={disconnecting} onClose={() => setDisconnecting(undefined)} />}
      </Suspense>
    </Section>
  );
}

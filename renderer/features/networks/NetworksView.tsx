import { useState } from 'react';
import type { ContainerSummary, NetworkSummary } from '../../../shared/models';
import { withNetworkUsage } from '../../../shared/usage';
import { navigate, networkPath } from '../../lib/router';
import { BUILT_IN_NETWORK_NOTE, toNetworkRows } from '../../presentation/resources';
import { ResourcePage } from '../resources/ResourcePage';
import { CreateNetworkDialog } from './CreateNetworkDialog';
import { useResourceRows } from '../resources/useLiveList';
import { networkKind } from './networkKind';
import { networksList } from './networksStore';

const toRows = (items: readonly NetworkSummary[], containers: readonly ContainerSummary[]) =>
  toNetworkRows(withNetworkUsage(items, containers));

export function NetworksView() {
  const page = useResourceRows(networksList, toRows);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | undefined>();
  return (
    <ResourcePage
      kind={networkKind}
      {...page}
      removeDisabled={(r) => (r.builtIn ? BUILT_IN_NETWORK_NOTE : undefined)}
      onOpen={(r) => navigate(networkPath(r.id))}
      create={{ label: 'Create network', open: () => setCreating(true) }}
      highlightRowId={created}
    >
      {creating && (
        <CreateNetworkDialog
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setCreated(id);
          }}
        />
      )}
    </ResourcePage>
  );
}

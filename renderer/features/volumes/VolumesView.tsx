import { Plus } from 'lucide-react';
import { useState } from 'react';
import type { ContainerSummary, VolumeSummary } from '../../../shared/models';
import { withVolumeUsage } from '../../../shared/usage';
import { useRoute } from '../../lib/router';
import { toVolumeRows } from '../../presentation/resources';
import { ResourcePage } from '../resources/ResourcePage';
import { useResourceRows } from '../resources/useLiveList';
import { CreateVolumeDialog } from './CreateVolumeDialog';
import { volumeKind } from './volumeKind';
import { volumesList } from './volumesStore';

const toRows = (items: readonly VolumeSummary[], containers: readonly ContainerSummary[]) =>
  toVolumeRows(withVolumeUsage(items, containers));

type VolumeDialog = 'create';

export function VolumesView() {
  const page = useResourceRows(volumesList, toRows);
  const route = useRoute();
  const [dialog, setDialog] = useState<VolumeDialog | undefined>();
  const close = (): void => setDialog(undefined);
  const createButton = (
    <button type="button" className="btn btn-primary" onClick={() => setDialog('create')}>
      <Plus size={14} aria-hidden="true" />
      Create volume
    </button>
  );
  return (
    <ResourcePage
      kind={volumeKind}
      {...page}
      inspectId={route.name === 'volumes' ? route.inspect : undefined}
      actions={() => createButton}
      emptyAction={createButton}
    >
      {dialog === 'create' && <CreateVolumeDialog onClose={close} />}
    </ResourcePage>
  );
}

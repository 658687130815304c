import { useState } from 'react';
import type { ContainerSummary, VolumeSummary } from '../../../shared/models';
import { withVolumeUsage } from '../../../shared/usage';
import { useRoute } from '../../lib/router';
import { toVolumeRows } from '../../presentation/resources';
import { ResourcePage } from '../resources/ResourcePage';
import { useResourceRows } from '../resources/useLiveList';
import { CreateVolumeDialog } from './CreateVolumeDialog';
import {
  RestoreFromBackupButton,
  VOLUME_ROW_ACTIONS_WIDTH,
  VolumeCopyDialogs,
  VolumeCopyRowActions,
} from './VolumeCopyActions';
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
  return (
    <ResourcePage
      kind={volumeKind}
      {...page}
      inspectId={route.name === 'volumes' ? route.inspect : undefined}
      create={{ label: 'Create volume', open: () => setDialog('create') }}
      actions={() => <RestoreFromBackupButton />}
      rowActionsWidth={VOLUME_ROW_ACTIONS_WIDTH}
      rowActions={(r) => <VolumeCopyRowActions row={r} />}
    >
      {dialog === 'create' && <CreateVolumeDialog onClose={close} />}
      <VolumeCopyDialogs />
    </ResourcePage>
  );
}

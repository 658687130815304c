import type { ContainerSummary, VolumeSummary } from '../../../shared/models';
import { withVolumeUsage } from '../../../shared/usage';
import { toVolumeRows } from '../../presentation/resources';
import { ResourcePage } from '../resources/ResourcePage';
import { useResourceRows } from '../resources/useLiveList';
import { volumeKind } from './volumeKind';
import { volumesList } from './volumesStore';

const toRows = (items: readonly VolumeSummary[], containers: readonly ContainerSummary[]) =>
  toVolumeRows(withVolumeUsage(items, containers));

export function VolumesView() {
  const page = useResourceRows(volumesList, toRows);
  return <ResourcePage kind={volumeKind} {...page} />;
}

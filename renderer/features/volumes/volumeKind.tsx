import { HardDrive } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { lazyComponent } from '../../components/lazyComponent';
import type { Column } from '../../components/DataTable';
import { api } from '../../api';
import { href, volumeFilesPath } from '../../lib/router';
import { formatDateTime, plural } from '../../presentation/format';
import { describeUsedBy, volumeRemovalText, type VolumeRow } from '../../presentation/resources';
import { createdColumn, searchedByName, textColumn, usedByColumn } from '../resources/columns';
import { Facts } from '../resources/InspectDrawer';
import type { ResourceKindSpec } from '../resources/ResourcePage';
import { perRowRemoval, type Removal } from '../resources/useRemoval';
import { VolumeCopyButtons } from './VolumeCopyActions';
import { VolumeMounts } from './VolumeMounts';
import { volumesList } from './volumesStore';

/** Volumes as a resource page describes them: columns, inspect summary, removal with force. */

const FORCE_OPTION = {
  id: 'force',
  label: 'Force',
  hint: 'Forget the volume even if its driver fails to remove it. A volume in use by a container is never removed.',
};

function uniqueById(c: { id: string }, i: number, all: ReadonlyArray<{ id: string }>): boolean {
  return all.findIndex((x) => x.id === c.id) === i;
}

export const volumeKind: ResourceKindSpec<VolumeRow, VolumeRow> = {
  title: 'Volumes',
  noun: 'Volume',
  icon: HardDrive,
  rowId: (r) => r.name,
  ...searchedByName,
  compactColumns: new Set(['name', 'driver', 'usedBy']),
  columns: (now) => volumeColumns(now),
  inspect: {
    load: (r) => api.invoke('volumes.inspect', { name: r.name }),
    summary: (r) => (
      <>
        <Facts
          items={[
            ['Driver', `${r.driver} (${r.scope})`],
            ['Mountpoint', <span className="mono">{r.mountpoint}</span>],
            ['Created', r.created === undefined ? '—' : formatDateTime(r.created)],
            ['Files', <a href={href(volumeFilesPath(r.name, { path: '/' }))}>Browse files</a>],
          ]}
        />
        <VolumeCopyButtons row={r} />
        <VolumeMounts name={r.name} />
      </>
    ),
  },
  removal: perRowRemoval({
    noun: 'volume',
    label: (r) => r.displayName,
    rowKey: (r) => r.name,
    run: (r, force) => api.invoke('volumes.remove', { name: r.name, force }),
    refresh: () => volumesList.refresh(),
  }),
  removalText,
  stepLabel: (r) => r.displayName,
  empty: {
    title: 'No volumes',
    hint: 'Volumes keep container data across restarts and can be shared between containers.',
  },
  prune: lazyComponent(() => import('./volumePrune').then((m) => m.VolumePruneDialog)),
};

function volumeColumns(now: number): Column<VolumeRow>[] {
  return [
    textColumn(
      'name',
      'Name',
      (r) => ({
        text: r.displayName,
        title: r.name,
        className: r.anonymous ? 'mono' : '',
        badge: r.anonymous && <Badge tone="neutral">anonymous</Badge>,
      }),
      { sortValue: (r) => r.name },
    ),
    textColumn('driver', 'Driver', (r) => ({ text: r.driver }), { width: 90 }),
    textColumn('mountpoint', 'Mountpoint', (r) => ({ text: r.mountpoint, className: 'mono rv-muted' })),
    createdColumn((r) => r.created, now),
    usedByColumn('usedBy', 'Used by', (r) => r.usedBy),
  ];
}

function removalText(removal: Removal<VolumeRow, VolumeRow>) {
  const { rows } = removal;
  const single = rows.length === 1 ? rows[0] : undefined;
  const inUse = rows.filter((r) => r.usedBy.length > 0);
  const refusedInUse = removal.failures.filter((f) => f.error.code === 'CONFLICT');
  const users = refusedInUse.flatMap((f) => f.step.usedBy).filter(uniqueById);
  return {
    title: single ? `Remove volume ${single.displayName}?` : `Remove ${plural(rows.length, 'volume')}?`,
    message: (
      <>
        {single ? volumeRemovalText(single) : 'These volumes and all data in them will be deleted:'}
        {single && single.usedBy.length > 0 && (
          <span className="rv-note"> In use by {describeUsedBy(single.usedBy)}.</span>
        )}
        {!single && inUse.length > 0 && (
          <span className="rv-note"> {plural(inUse.length, 'of them is', 'of them are')} in use by containers.</span>
        )}
      </>
    ),
    items: single ? undefined : rows.map((r) => r.name),
    itemsLabel: 'Volumes to remove',
    options: [FORCE_OPTION],
    confirmLabel: single ? 'Remove' : `Remove ${rows.length}`,
    failureHint:
      refusedInUse.length > 0
        ? `Remove the containers that use ${refusedInUse.length === 1 ? 'it' : 'them'} first${
            users.length > 0 ? `: ${describeUsedBy(users)}` : ''
          }.`
        : undefined,
  };
}

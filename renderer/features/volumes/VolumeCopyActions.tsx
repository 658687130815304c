import { Archive, ArchiveRestore, CopyPlus } from 'lucide-react';
import { Suspense } from 'react';
import { IconButton } from '../../components/IconButton';
import { lazyComponent } from '../../components/lazyComponent';
import type { VolumeRow } from '../../presentation/resources';
import { showVolumeCopy, useVolumeCopyDialogs, type VolumeCopyDialog } from './volumeCopyStore';

// The dialogs (and PathField) load when first opened: the Volumes view's own chunk stays small.
const BackupVolumeDialog = lazyComponent(() => import('./BackupVolumeDialog').then((m) => m.BackupVolumeDialog));
const RestoreVolumeDialog = lazyComponent(() => import('./RestoreVolumeDialog').then((m) => m.RestoreVolumeDialog));
const CloneVolumeDialog = lazyComponent(() => import('./CloneVolumeDialog').then((m) => m.CloneVolumeDialog));

/** Width of a volume row's buttons: Back up, Restore, Clone, and the page's Inspect and Remove. */
export const VOLUME_ROW_ACTIONS_WIDTH = 144;

/** Back up, Restore and Clone of one volume row (Inspect and Remove are the page's). */
export function VolumeCopyRowActions({ row }: { row: VolumeRow }) {
  return (
    <>
      <IconButton
        label="Back up"
        title={`Back up ${row.displayName} to a tar file`}
        icon={Archive}
        size="sm"
        onClick={() => showVolumeCopy({ kind: 'backup', volume: row })}
      />
      <IconButton
        label="Restore"
        title={`Restore a backup into ${row.displayName}`}
        icon={ArchiveRestore}
        size="sm"
        onClick={() => showVolumeCopy({ kind: 'restore', volume: row })}
      />
      <IconButton
        label="Clone"
        title={`Clone ${row.displayName} to a new volume`}
        icon={CopyPlus}
        size="sm"
        onClick={() => showVolumeCopy({ kind: 'clone', volume: row })}
      />
    </>
  );
}

/** The same three in the volume's inspect panel, as labelled buttons. */
export function VolumeCopyButtons({ row }: { row: VolumeRow }) {
  return (
    <div className="vb-drawer-actions" role="group" aria-label="Copy">
      <button type="button" className="btn btn-sm" onClick={() => showVolumeCopy({ kind: 'backup', volume: row })}>
        <Archive size={13} aria-hidden="true" />
        Back up…
      </button>
      <button type="button" className="btn btn-sm" onClick={() => showVolumeCopy({ kind: 'restore', volume: row })}>
        <ArchiveRestore size={13} aria-hidden="true" />
        Restore…
      </button>
      <button type="button" className="btn btn-sm" onClick={() => showVolumeCopy({ kind: 'clone', volume: row })}>
        <CopyPlus size={13} aria-hidden="true" />
        Clone…
      </button>
    </div>
  );
}

/** The Volumes header's "Restore from backup…": a backup into a new volume. */
export function RestoreFromBackupButton() {
  return (
    <button type="button" className="btn" onClick={() => showVolumeCopy({ kind: 'restore' })}>
      <ArchiveRestore size={14} aria-hidden="true" />
      Restore from backup…
    </button>
  );
}

/** The open volume copy dialog, if any (mounted once by the Volumes view). */
export function VolumeCopyDialogs() {
  const open = useVolumeCopyDialogs((s) => s.open);
  const close = useVolumeCopyDialogs((s) => s.close);
  if (!open) return null;
  return <Suspense fallback={null}>{pick(open, close)}</Suspense>;
}

function pick(d: VolumeCopyDialog, onClose: () => void) {
  switch (d.kind) {
    case 'backup':
      return <BackupVolumeDialog key={d.volume.name} volume={d.volume} onClose={onClose} />;
    case 'restore':
      return <RestoreVolumeDialog key={d.volume?.name ?? ''} volume={d.volume} onClose={onClose} />;
    case 'clone':
      return <CloneVolumeDialog key={d.volume.name} volume={d.volume} onClose={onClose} />;
  }
}

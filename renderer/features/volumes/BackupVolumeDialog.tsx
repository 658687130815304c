import { useState } from 'react';
import { PathField } from '../../components/PathField';
import { SegmentedControl } from '../../components/SegmentedControl';
import { toast } from '../../components/Toasts';
import { formatBytes, formatCount } from '../../presentation/format';
import { hostFileError } from '../../presentation/paths';
import type { VolumeRow } from '../../presentation/resources';
import {
  backupFileName,
  copiedText,
  formatOfPath,
  withFormat,
  type BackupFormat,
} from '../../presentation/volumeBackup';
import { useHomePath } from '../archive/homePath';
import { existsText, ReplaceFileCheck, CancelOnCloseDialog, TransferStatus } from '../archive/TransferParts';
import { useOnDone, useTransfer } from '../archive/useTransfer';
import { CopyFooter, DoneSummary, InUseNote } from './VolumeCopyParts';

const FORMATS: ReadonlyArray<{ value: BackupFormat; label: string }> = [
  { value: 'tar', label: 'tar' },
  { value: 'tar.gz', label: 'tar.gz' },
];

/**
 * `volumes.backup`: the volume's contents to a tar or tar.gz on the host (the format follows the file's
 * extension and the other way round), with progress and Cancel; an existing file is replaced only when
 * the user ticks it; the end shows the file, its size and the entry count.
 */
export function BackupVolumeDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const { state, start, cancel } = useTransfer('volumes.backup');
  const [path, setPath] = useHomePath(backupFileName(volume.name));
  const [format, setFormat] = useState<BackupFormat>('tar');
  const [overwrite, setOverwrite] = useState(false);
  const [touched, setTouched] = useState(false);

  const running = state.phase === 'running';
  const pathError = touched ? hostFileError(path, 'Choose where to write the backup') : undefined;
  const exists = state.phase === 'error' && state.error.code === 'CONFLICT';
  const result = state.phase === 'done' ? state.result : undefined;

  useOnDone(state, (r) => toast.success(`Backed up ${volume.displayName}`, `${r.path ?? path} (${copiedText(r)})`));

  const submit = (): void => {
    setTouched(true);
    if (hostFileError(path, '')) return;
    start({ name: volume.name, dest: path.trim(), gzip: format === 'tar.gz', overwrite });
  };

  return (
    <CancelOnCloseDialog
      title={`Back up ${volume.displayName}`}
      description="Writes everything in the volume to an archive on this computer that Restore can read back."
      width={580}
      running={running}
      onCancel={cancel}
      onClose={onClose}
      footer={
        <CopyFooter
          phase={state.phase}
          action={exists && overwrite ? 'Replace file' : 'Back up'}
          onCancel={cancel}
          onClose={onClose}
          onSubmit={submit}
        />
      }
    >
      {result ? (
        <DoneSummary
          title={`Backed up ${volume.displayName}`}
          facts={[
            ['File', <span className="mono">{result.path ?? path}</span>],
            ['Archive size', formatBytes(result.bytes)],
            ['Entries', formatCount(result.files)],
          ]}
        />
      ) : (
        <div className="ar-form">
          <PathField
            label="Backup file"
            mode="save"
            value={path}
            onChange={(p) => {
              setPath(p);
              setOverwrite(false);
              const f = formatOfPath(p);
              if (f) setFormat(f);
            }}
            error={pathError}
            placeholder={`/home/me/${backupFileName(volume.name)}`}
            disabled={running}
          />
          <div className="vb-inline">
            <span className="vb-inline-label" aria-hidden="true">
              Format
            </span>
            <SegmentedControl
              label="Format"
              value={format}
              options={FORMATS}
              onChange={(f) => {
                setFormat(f);
                setPath((p) => withFormat(p, f));
                setOverwrite(false);
              }}
            />
            <span className="field-hint">
              {format === 'tar.gz' ? 'Compressed with gzip: smaller, slower.' : 'Uncompressed: fastest.'}
            </span>
          </div>
          <InUseNote volume={volume.name} verb="The backup" />
          {exists && <ReplaceFileCheck checked={overwrite} onChange={setOverwrite} />}
          <TransferStatus
            state={state}
            label="Backing up"
            cancelled="Cancelled. No backup file was written."
            errorText={(e) => (exists ? existsText(path) : `Could not back up ${volume.displayName}: ${e.message}`)}
          />
        </div>
      )}
    </CancelOnCloseDialog>
  );
}

import '../archive/archive.css';
import { useState } from 'react';
import type { FilePath, FileTarget, FileType } from '../../../shared/contracts/files';
import { PathField } from '../../components/PathField';
import { toast } from '../../components/Toasts';
import { useHomePath } from '../archive/homePath';
import { CancelOnCloseDialog, TransferFooter, TransferStatus } from '../archive/TransferParts';
import { useOnDone, useTransfer } from '../archive/useTransfer';
import { formatBytes } from '../../presentation/format';
import { downloadName, escapeName } from '../../presentation/files';
import { hostFileError } from '../../presentation/paths';

/**
 * `docker cp TARGET:path host`: a file is written as itself, a folder as a tar. The host path defaults
 * to the entry's name in the home folder; an existing file is only replaced after "Replace".
 */
export function DownloadDialog({
  target,
  path,
  name,
  type,
  onClose,
}: {
  target: FileTarget;
  path: FilePath;
  name: string;
  type: FileType;
  onClose: () => void;
}) {
  const { state, start, cancel } = useTransfer('files.download');
  const [dest, setDest] = useHomePath(downloadName(name, type));
  const [touched, setTouched] = useState(false);
  const running = state.phase === 'running';
  const conflict = state.phase === 'error' && state.error.code === 'CONFLICT';
  const fileError = (): string | undefined => hostFileError(dest, 'Choose where to save it', '/home/me/file');
  const destError = touched ? fileError() : undefined;
  const shown = escapeName(name);

  const go = (overwrite: boolean): void => {
    setTouched(true);
    if (fileError()) return;
    start({ target, path, dest: dest.trim(), overwrite });
  };

  useOnDone(state, (result) => {
    toast.success(
      `Downloaded ${shown}`,
      `${result.path} (${formatBytes(result.bytes)}${result.as === 'tar' ? ', tar' : ''})`,
    );
    onClose();
  });

  return (
    <CancelOnCloseDialog
      title={`Download ${shown}`}
      width={560}
      running={running}
      onCancel={cancel}
      onClose={onClose}
      description={
        type === 'file'
          ? 'Copies the file to this machine as it is (docker cp).'
          : 'Copies the folder to this machine as a tar archive (docker cp).'
      }
      footer={
        <TransferFooter
          running={running}
          cancelLabel="Cancel download"
          submitLabel={conflict ? 'Replace' : 'Download'}
          danger={conflict}
          onCancel={cancel}
          onClose={onClose}
          onSubmit={() => go(conflict)}
        />
      }
    >
      <div className="ar-form">
        <div className="ar-note mono" aria-label="Source">
          {path.text}
        </div>
        <PathField
          label="Save as"
          mode="save"
          value={dest}
          onChange={setDest}
          error={destError}
          placeholder="/home/me/file"
          disabled={running}
        />
        <TransferStatus
          state={state}
          label="Downloading"
          cancelled="Cancelled. Nothing was written."
          errorText={(e) => (conflict ? `${dest.trim()} already exists. Replace it?` : e.message)}
        />
      </div>
    </CancelOnCloseDialog>
  );
}

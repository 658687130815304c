import '../archive/archive.css';
import { useEffect, useState } from 'react';
import type { FilePath, FileTarget, FileType } from '../../../shared/contracts/files';
import { isAbsoluteHostPath } from '../../../shared/image-ref';
import { Dialog } from '../../components/Dialog';
import { PathField } from '../../components/PathField';
import { toast } from '../../components/Toasts';
import { useHomeFile } from '../archive/homePath';
import { TransferProgress } from '../archive/TransferProgress';
import { useTransfer } from '../archive/useTransfer';
import { formatBytes } from '../../presentation/format';
import { downloadName, escapeName } from '../../presentation/files';

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
  const [dest, setDest] = useState('');
  const [touched, setTouched] = useState(false);
  useHomeFile(downloadName(name, type), (p) => setDest((cur) => cur || p));
  const running = state.phase === 'running';
  const conflict = state.phase === 'error' && state.error.code === 'CONFLICT';
  const destError =
    touched && !dest.trim()
      ? 'Choose where to save it'
      : touched && !isAbsoluteHostPath(dest.trim())
        ? 'Use an absolute path, e.g. /home/me/file'
        : undefined;
  const shown = escapeName(name);

  const go = (overwrite: boolean): void => {
    setTouched(true);
    const p = dest.trim();
    if (!p || !isAbsoluteHostPath(p)) return;
    start({ target, path, dest: p, overwrite });
  };

  const result = state.phase === 'done' ? state.result : undefined;
  useEffect(() => {
    if (!result) return;
    toast.success(
      `Downloaded ${shown}`,
      `${result.path} (${formatBytes(result.bytes)}${result.as === 'tar' ? ', tar' : ''})`,
    );
    onClose();
  }, [result]); // eslint-disable-line react-hooks/exhaustive-deps -- once per result

  return (
    <Dialog
      open
      title={`Download ${shown}`}
      width={560}
      onClose={() => {
        if (running) cancel();
        onClose();
      }}
      description={
        type === 'file'
          ? 'Copies the file to this machine as it is (docker cp).'
          : 'Copies the folder to this machine as a tar archive (docker cp).'
      }
      footer={
        <>
          <span className="dialog-footer-spacer" />
          {running ? (
            <button type="button" className="btn" onClick={cancel}>
              Cancel download
            </button>
          ) : (
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
          )}
          {conflict ? (
            <button type="button" className="btn btn-danger" onClick={() => go(true)}>
              Replace
            </button>
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => go(false)} disabled={running}>
              Download
            </button>
          )}
        </>
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
          onChange={(p) => {
            setDest(p);
          }}
          error={destError}
          placeholder="/home/me/file"
          disabled={running}
        />
        {state.phase === 'running' && (
          <TransferProgress
            label="Downloading"
            bytes={state.bytes}
            total={state.total}
            estimate={false}
            startedAt={state.startedAt}
          />
        )}
        {state.phase === 'cancelled' && (
          <div className="ar-note" role="status">
            Cancelled. Nothing was written.
          </div>
        )}
        {state.phase === 'error' && (
          <div className="inline-error" role="alert">
            {conflict ? `${dest.trim()} already exists. Replace it?` : state.error.message}
          </div>
        )}
      </div>
    </Dialog>
  );
}

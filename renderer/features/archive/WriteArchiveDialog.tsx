import './archive.css';
import { useEffect, useState } from 'react';
import { isAbsoluteHostPath } from '../../../shared/image-ref';
import { Dialog } from '../../components/Dialog';
import { PathField } from '../../components/PathField';
import { toast } from '../../components/Toasts';
import { formatBytes } from '../../presentation/format';
import { fileNameFor, useHomeFile } from './homePath';
import { TransferProgress } from './TransferProgress';
import { useTransfer } from './useTransfer';

/**
 * Save images (docker save) or export a container's file system (docker export) to a tar on the host,
 * with progress, Cancel, and the engine's reason on failure. An existing file is only replaced after
 * the user says so.
 */
export type WriteTarget =
  { kind: 'save'; images: Array<{ ref: string; label: string }> } | { kind: 'export'; id: string; name: string };

export function WriteArchiveDialog({ target, onClose }: { target: WriteTarget; onClose: () => void }) {
  const channel = target.kind === 'save' ? 'images.save' : 'containers.export';
  const { state, start, cancel } = useTransfer(channel);
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [touched, setTouched] = useState(false);
  const suggested =
    target.kind === 'save'
      ? `${fileNameFor(target.images.length === 1 ? (target.images[0]?.label ?? 'images') : `${target.images.length}-images`)}.tar`
      : `${fileNameFor(target.name)}-fs.tar`;
  useHomeFile(suggested, (p) => setPath((cur) => cur || p));

  const running = state.phase === 'running';
  const pathError =
    touched && !path.trim()
      ? 'Choose where to write the archive'
      : touched && !isAbsoluteHostPath(path.trim())
        ? 'Use an absolute path, e.g. /home/me/images.tar'
        : undefined;
  const exists = state.phase === 'error' && state.error.code === 'CONFLICT';
  const title =
    target.kind === 'save'
      ? target.images.length === 1
        ? `Save ${target.images[0]?.label ?? 'image'}`
        : `Save ${target.images.length} images`
      : `Export ${target.name}`;

  const submit = (): void => {
    setTouched(true);
    const p = path.trim();
    if (!p || !isAbsoluteHostPath(p)) return;
    if (target.kind === 'save') start({ images: target.images.map((i) => i.ref), path: p, overwrite } as never);
    else start({ id: target.id, path: p, overwrite } as never);
  };

  // Done: close, and the toast names the file and its size.
  const result = state.phase === 'done' ? state.result : undefined;
  useEffect(() => {
    if (!result) return;
    toast.success(
      target.kind === 'save'
        ? `Saved ${target.images.length === 1 ? target.images[0]?.label : `${target.images.length} images`}`
        : `Exported ${target.name}`,
      `${result.path} (${formatBytes(result.bytes)})`,
    );
    onClose();
  }, [result]); // eslint-disable-line react-hooks/exhaustive-deps -- once per result

  return (
    <Dialog
      open
      title={title}
      onClose={() => {
        if (running) cancel();
        onClose();
      }}
      width={560}
      description={
        target.kind === 'save'
          ? 'Writes a tar archive that “Load” (or docker load) can read back, with every tag.'
          : 'Writes the container’s file system as a tar (no image metadata), as docker export does.'
      }
      footer={
        <>
          <span className="dialog-footer-spacer" />
          {running ? (
            <button type="button" className="btn" onClick={cancel}>
              Cancel {target.kind === 'save' ? 'save' : 'export'}
            </button>
          ) : (
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
          )}
          <button type="button" className="btn btn-primary" onClick={submit} disabled={running}>
            {exists && overwrite ? 'Replace file' : target.kind === 'save' ? 'Save' : 'Export'}
          </button>
        </>
      }
    >
      <div className="ar-form">
        {target.kind === 'save' && target.images.length > 1 && (
          <ul className="ar-chips" aria-label="Images to save">
            {target.images.map((i) => (
              <li key={i.ref} className="mono">
                {i.label}
              </li>
            ))}
          </ul>
        )}
        <PathField
          label="Archive file"
          mode="save"
          value={path}
          onChange={(p) => {
            setPath(p);
            setOverwrite(false);
          }}
          error={pathError}
          placeholder="/home/me/images.tar"
          disabled={running}
        />
        {exists && (
          <div className="check-row">
            <input
              id="ar-overwrite"
              type="checkbox"
              checked={overwrite}
              onChange={(e) => setOverwrite(e.target.checked)}
            />
            <label htmlFor="ar-overwrite" className="check-label">
              Replace the existing file
            </label>
          </div>
        )}
        {state.phase === 'running' && (
          <TransferProgress
            label={target.kind === 'save' ? 'Saving' : 'Exporting'}
            bytes={state.bytes}
            total={state.total}
            estimate={state.estimate}
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
            {exists
              ? `${path.trim()} already exists. Tick “Replace the existing file” to overwrite it.`
              : state.error.message}
          </div>
        )}
      </div>
    </Dialog>
  );
}

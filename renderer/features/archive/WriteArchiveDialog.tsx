import './archive.css';
import { useState } from 'react';
import { PathField } from '../../components/PathField';
import { toast } from '../../components/Toasts';
import { formatBytes } from '../../presentation/format';
import { hostFileError } from '../../presentation/paths';
import { fileNameFor, useHomePath } from './homePath';
import { existsText, ReplaceFileCheck, CancelOnCloseDialog, TransferFooter, TransferStatus } from './TransferParts';
import { useOnDone, useTransfer } from './useTransfer';

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
  const [overwrite, setOverwrite] = useState(false);
  const [touched, setTouched] = useState(false);
  const suggested =
    target.kind === 'save'
      ? `${fileNameFor(target.images.length === 1 ? (target.images[0]?.label ?? 'images') : `${target.images.length}-images`)}.tar`
      : `${fileNameFor(target.name)}-fs.tar`;
  const [path, setPath] = useHomePath(suggested);

  const running = state.phase === 'running';
  const fileError = (): string | undefined =>
    hostFileError(path, 'Choose where to write the archive', '/home/me/images.tar');
  const pathError = touched ? fileError() : undefined;
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
    if (fileError()) return;
    if (target.kind === 'save') start({ images: target.images.map((i) => i.ref), path: p, overwrite } as never);
    else start({ id: target.id, path: p, overwrite } as never);
  };

  // Done: close, and the toast names the file and its size.
  useOnDone(state, (result) => {
    toast.success(
      target.kind === 'save'
        ? `Saved ${target.images.length === 1 ? target.images[0]?.label : `${target.images.length} images`}`
        : `Exported ${target.name}`,
      `${result.path} (${formatBytes(result.bytes)})`,
    );
    onClose();
  });

  return (
    <CancelOnCloseDialog
      title={title}
      running={running}
      onCancel={cancel}
      onClose={onClose}
      width={560}
      description={
        target.kind === 'save'
          ? 'Writes a tar archive that “Load” (or docker load) can read back, with every tag.'
          : 'Writes the container’s file system as a tar (no image metadata), as docker export does.'
      }
      footer={
        <TransferFooter
          running={running}
          cancelLabel={target.kind === 'save' ? 'Cancel save' : 'Cancel export'}
          submitLabel={exists && overwrite ? 'Replace file' : target.kind === 'save' ? 'Save' : 'Export'}
          onCancel={cancel}
          onClose={onClose}
          onSubmit={submit}
        />
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
        {exists && <ReplaceFileCheck checked={overwrite} onChange={setOverwrite} />}
        <TransferStatus
          state={state}
          label={target.kind === 'save' ? 'Saving' : 'Exporting'}
          cancelled="Cancelled. Nothing was written."
          errorText={(e) => (exists ? existsText(path) : e.message)}
        />
      </div>
    </CancelOnCloseDialog>
  );
}

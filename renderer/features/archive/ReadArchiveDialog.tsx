import './archive.css';
import { useState } from 'react';
import { PathField } from '../../components/PathField';
import { toast } from '../../components/Toasts';
import { hostFileError } from '../../presentation/paths';
import { ChangesField, MessageField, RefField, useImageMeta } from './ImageMetaFields';
import { CancelOnCloseDialog, TransferFooter, TransferStatus } from './TransferParts';
import { useOnDone, useTransfer } from './useTransfer';

/** Load an image archive (docker load) from the host, streamed from disk with progress. */
export function LoadImageDialog({ onClose }: { onClose: () => void }) {
  const { state, start, cancel } = useTransfer('images.load');
  const [path, setPath] = useState('');
  const [touched, setTouched] = useState(false);
  const running = state.phase === 'running';
  const pathError = touched ? fileError(path) : undefined;

  useOnDone(state, (result) => {
    toast.success(
      `Loaded ${result.images.length === 1 ? result.images[0] : `${result.images.length} images`}`,
      result.images.length > 1 ? result.images : undefined,
    );
    onClose();
  });

  return (
    <CancelOnCloseDialog
      title="Load images"
      description="Reads a tar archive made by “Save” or docker save and adds its images with their tags."
      width={560}
      running={running}
      onCancel={cancel}
      onClose={onClose}
      footer={
        <TransferFooter
          running={running}
          cancelLabel="Cancel load"
          submitLabel="Load"
          onCancel={cancel}
          onClose={onClose}
          onSubmit={() => {
            setTouched(true);
            if (!fileError(path)) start({ path: path.trim() });
          }}
        />
      }
    >
      <div className="ar-form">
        <PathField
          label="Archive file"
          mode="file"
          value={path}
          onChange={setPath}
          error={pathError}
          placeholder="/home/me/images.tar"
          disabled={running}
        />
        <TransferStatus state={state} label="Loading" />
      </div>
    </CancelOnCloseDialog>
  );
}

/** Import a root file system tar as a new image (docker import) with repo:tag, message and changes. */
export function ImportImageDialog({ onClose }: { onClose: () => void }) {
  const { state, start, cancel } = useTransfer('images.import');
  const [path, setPath] = useState('');
  const meta = useImageMeta();
  const [touched, setTouched] = useState(false);
  const running = state.phase === 'running';
  const errors = { path: touched ? fileError(path) : undefined, ...meta.errors(touched) };

  useOnDone(state, (result) => {
    toast.success(`Imported ${result.ref ?? result.id.replace(/^sha256:/, '').slice(0, 12)}`);
    onClose();
  });

  const submit = (): void => {
    setTouched(true);
    if (fileError(path) || meta.invalid) return;
    start({ path: path.trim(), ...meta.values() });
  };

  return (
    <CancelOnCloseDialog
      title="Import image"
      description="Makes a single-layer image from a root file system tar (e.g. one made by Export), as docker import does."
      width={560}
      running={running}
      onCancel={cancel}
      onClose={onClose}
      footer={
        <TransferFooter
          running={running}
          cancelLabel="Cancel import"
          submitLabel="Import"
          onCancel={cancel}
          onClose={onClose}
          onSubmit={submit}
        />
      }
    >
      <div className="ar-form">
        <PathField
          label="Root file system tar"
          mode="file"
          value={path}
          onChange={setPath}
          error={errors.path}
          placeholder="/home/me/rootfs.tar"
          disabled={running}
        />
        <RefField
          meta={meta}
          error={errors.ref}
          hint="Optional, e.g. myapp:1.0 (tag defaults to latest)"
          placeholder="myapp:1.0"
          disabled={running}
        />
        <MessageField meta={meta} disabled={running} />
        <ChangesField
          meta={meta}
          error={errors.changes}
          placeholder={'CMD ["sh"]\nENV LANG=C.UTF-8'}
          disabled={running}
        />
        <TransferStatus state={state} label="Importing" />
      </div>
    </CancelOnCloseDialog>
  );
}

function fileError(path: string): string | undefined {
  return hostFileError(path, 'Choose a tar file', '/home/me/images.tar');
}

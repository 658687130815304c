import './archive.css';
import { useState } from 'react';
import { PathField } from '../../components/PathField';
import { toast } from '../../components/Toasts';
import { parseChanges, refError } from '../../presentation/changes';
import { hostFileError } from '../../presentation/paths';
import { Field } from './Field';
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
  const [ref, setRef] = useState('');
  const [message, setMessage] = useState('');
  const [changes, setChanges] = useState('');
  const [touched, setTouched] = useState(false);
  const running = state.phase === 'running';
  const parsed = parseChanges(changes);
  const errors = {
    path: touched ? fileError(path) : undefined,
    ref: touched ? refError(ref) : undefined,
    changes: touched && !parsed.ok ? parsed.reason : undefined,
  };

  useOnDone(state, (result) => {
    toast.success(`Imported ${result.ref ?? result.id.replace(/^sha256:/, '').slice(0, 12)}`);
    onClose();
  });

  const submit = (): void => {
    setTouched(true);
    if (fileError(path) || refError(ref) || !parsed.ok) return;
    start({
      path: path.trim(),
      ...(ref.trim() ? { ref: ref.trim() } : {}),
      ...(message.trim() ? { message: message.trim() } : {}),
      changes: parsed.changes,
    });
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
        <Field label="Repository and tag" error={errors.ref} hint="Optional, e.g. myapp:1.0 (tag defaults to latest)">
          {(p) => (
            <input
              {...p}
              className="input mono"
              value={ref}
              disabled={running}
              spellCheck={false}
              onChange={(e) => setRef(e.target.value)}
              placeholder="myapp:1.0"
            />
          )}
        </Field>
        <Field label="Message">
          {(p) => (
            <input
              {...p}
              className="input"
              value={message}
              disabled={running}
              onChange={(e) => setMessage(e.target.value)}
            />
          )}
        </Field>
        <Field label="Changes" error={errors.changes} hint={'One Dockerfile instruction per line, e.g. CMD ["sh"]'}>
          {(p) => (
            <textarea
              {...p}
              className="input mono ar-textarea"
              rows={3}
              value={changes}
              disabled={running}
              spellCheck={false}
              onChange={(e) => setChanges(e.target.value)}
              placeholder={'CMD ["sh"]\nENV LANG=C.UTF-8'}
            />
          )}
        </Field>
        <TransferStatus state={state} label="Importing" />
      </div>
    </CancelOnCloseDialog>
  );
}

function fileError(path: string): string | undefined {
  return hostFileError(path, 'Choose a tar file', '/home/me/images.tar');
}

import './archive.css';
import { useEffect, useState } from 'react';
import { isAbsoluteHostPath } from '../../../shared/image-ref';
import { Dialog } from '../../components/Dialog';
import { PathField } from '../../components/PathField';
import { toast } from '../../components/Toasts';
import { parseChanges, refError } from '../../presentation/changes';
import { Field } from './Field';
import { TransferProgress } from './TransferProgress';
import { useTransfer } from './useTransfer';

/** Load an image archive (docker load) from the host, streamed from disk with progress. */
export function LoadImageDialog({ onClose }: { onClose: () => void }) {
  const { state, start, cancel } = useTransfer('images.load');
  const [path, setPath] = useState('');
  const [touched, setTouched] = useState(false);
  const running = state.phase === 'running';
  const pathError = touched ? fileError(path) : undefined;

  const result = state.phase === 'done' ? state.result : undefined;
  useEffect(() => {
    if (!result) return;
    toast.success(
      `Loaded ${result.images.length === 1 ? result.images[0] : `${result.images.length} images`}`,
      result.images.length > 1 ? result.images : undefined,
    );
    onClose();
  }, [result]); // eslint-disable-line react-hooks/exhaustive-deps -- once per result

  return (
    <Dialog
      open
      title="Load images"
      description="Reads a tar archive made by “Save” or docker save and adds its images with their tags."
      width={560}
      onClose={() => {
        if (running) cancel();
        onClose();
      }}
      footer={
        <Footer
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
        <TransferState state={state} label="Loading" />
      </div>
    </Dialog>
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

  const result = state.phase === 'done' ? state.result : undefined;
  useEffect(() => {
    if (!result) return;
    toast.success(`Imported ${result.ref ?? result.id.replace(/^sha256:/, '').slice(0, 12)}`);
    onClose();
  }, [result]); // eslint-disable-line react-hooks/exhaustive-deps -- once per result

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
    <Dialog
      open
      title="Import image"
      description="Makes a single-layer image from a root file system tar (e.g. one made by Export), as docker import does."
      width={560}
      onClose={() => {
        if (running) cancel();
        onClose();
      }}
      footer={
        <Footer
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
        <TransferState state={state} label="Importing" />
      </div>
    </Dialog>
  );
}

function fileError(path: string): string | undefined {
  const p = path.trim();
  if (!p) return 'Choose a tar file';
  if (!isAbsoluteHostPath(p)) return 'Use an absolute path, e.g. /home/me/images.tar';
  return undefined;
}

export function Footer({
  running,
  cancelLabel,
  submitLabel,
  onCancel,
  onClose,
  onSubmit,
}: {
  running: boolean;
  cancelLabel: string;
  submitLabel: string;
  onCancel: () => void;
  onClose: () => void;
  onSubmit: () => void;
}) {
  return (
    <>
      <span className="dialog-footer-spacer" />
      {running ? (
        <button type="button" className="btn" onClick={onCancel}>
          {cancelLabel}
        </button>
      ) : (
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      )}
      <button type="button" className="btn btn-primary" onClick={onSubmit} disabled={running}>
        {submitLabel}
      </button>
    </>
  );
}

function TransferState({ state, label }: { state: ReturnType<typeof useTransfer>['state']; label: string }) {
  if (state.phase === 'running') {
    return (
      <TransferProgress
        label={label}
        bytes={state.bytes}
        total={state.total}
        estimate={state.estimate}
        startedAt={state.startedAt}
      />
    );
  }
  if (state.phase === 'cancelled') {
    return (
      <div className="ar-note" role="status">
        Cancelled.
      </div>
    );
  }
  if (state.phase === 'error') {
    return (
      <div className="inline-error" role="alert">
        {state.error.message}
      </div>
    );
  }
  return null;
}

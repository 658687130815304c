import './archive.css';
import { useState } from 'react';
import type { BerthError } from '../../../shared/errors';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { toast } from '../../components/Toasts';
import { api } from '../../api';
import { Field } from './Field';
import { ChangesField, MessageField, RefField, useImageMeta } from './ImageMetaFields';

/** docker commit from the container detail page: repo:tag, message, author, changes, pause. */
export function CommitDialog({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const meta = useImageMeta();
  const [author, setAuthor] = useState('');
  const [pause, setPause] = useState(true);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BerthError | undefined>();
  const errors = meta.errors(touched);

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (meta.invalid) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.invoke('containers.commit', {
        id,
        ...meta.values(),
        ...(author.trim() ? { author: author.trim() } : {}),
        pause,
      });
      toast.success(
        `Committed ${name} as ${res.ref ?? 'an untagged image'}`,
        `Image ${res.id.replace(/^sha256:/, '').slice(0, 12)}`,
      );
      onClose();
    } catch (e) {
      setError(e as BerthError);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      title={`Commit ${name}`}
      description="Makes a new image from the container’s current file system and configuration."
      width={560}
      dismissable={!busy}
      onClose={onClose}
      footer={
        <>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={busy}>
            {busy && <Spinner size={12} />}
            Commit
          </button>
        </>
      }
    >
      <div className="ar-form">
        <RefField
          meta={meta}
          error={errors.ref}
          hint="e.g. myapp:snapshot; empty makes an untagged image"
          placeholder="myapp:snapshot"
          disabled={busy}
          autoFocus
        />
        <div className="ar-row">
          <MessageField meta={meta} disabled={busy} />
          <Field label="Author">
            {(p) => (
              <input
                {...p}
                className="input"
                value={author}
                disabled={busy}
                placeholder="Jane Doe <jane@example.com>"
                onChange={(e) => setAuthor(e.target.value)}
              />
            )}
          </Field>
        </div>
        <ChangesField meta={meta} error={errors.changes} placeholder={'CMD ["sh"]\nENV MODE=debug'} disabled={busy} />
        <div className="check-row">
          <input
            id="ar-pause"
            type="checkbox"
            checked={pause}
            disabled={busy}
            onChange={(e) => setPause(e.target.checked)}
          />
          <div>
            <label htmlFor="ar-pause" className="check-label">
              Pause the container while committing
            </label>
            <div className="check-hint">Keeps the file system consistent; the container resumes right after.</div>
          </div>
        </div>
        {error && (
          <div className="inline-error" role="alert">
            The engine refused: {error.message}
          </div>
        )}
      </div>
    </Dialog>
  );
}

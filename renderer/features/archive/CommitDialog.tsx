import './archive.css';
import { useState } from 'react';
import type { BerthError } from '../../../shared/errors';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { toast } from '../../components/Toasts';
import { api } from '../../api';
import { parseChanges, refError } from '../../presentation/changes';
import { Field } from './Field';

/** docker commit from the container detail page: repo:tag, message, author, changes, pause. */
export function CommitDialog({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const [ref, setRef] = useState('');
  const [message, setMessage] = useState('');
  const [author, setAuthor] = useState('');
  const [changes, setChanges] = useState('');
  const [pause, setPause] = useState(true);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BerthError | undefined>();
  const parsed = parseChanges(changes);
  const errors = {
    ref: touched ? refError(ref) : undefined,
    changes: touched && !parsed.ok ? parsed.reason : undefined,
  };

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (refError(ref) || !parsed.ok) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await api.invoke('containers.commit', {
        id,
        ...(ref.trim() ? { ref: ref.trim() } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
        ...(author.trim() ? { author: author.trim() } : {}),
        changes: parsed.changes,
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
        <Field label="Repository and tag" error={errors.ref} hint="e.g. myapp:snapshot; empty makes an untagged image">
          {(p) => (
            <input
              {...p}
              className="input mono"
              value={ref}
              disabled={busy}
              spellCheck={false}
              autoFocus
              placeholder="myapp:snapshot"
              onChange={(e) => setRef(e.target.value)}
            />
          )}
        </Field>
        <div className="ar-row">
          <Field label="Message">
            {(p) => (
              <input
                {...p}
                className="input"
                value={message}
                disabled={busy}
                onChange={(e) => setMessage(e.target.value)}
              />
            )}
          </Field>
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
        <Field label="Changes" error={errors.changes} hint={'One Dockerfile instruction per line, e.g. CMD ["sh"]'}>
          {(p) => (
            <textarea
              {...p}
              className="input mono ar-textarea"
              rows={3}
              value={changes}
              disabled={busy}
              spellCheck={false}
              placeholder={'CMD ["sh"]\nENV MODE=debug'}
              onChange={(e) => setChanges(e.target.value)}
            />
          )}
        </Field>
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

import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import type { BerthError } from '../../../shared/errors';
import { parseTagTarget } from '../../../shared/reference';
import { Dialog } from '../../components/Dialog';
import { IconButton } from '../../components/IconButton';
import { errorMessage, toast } from '../../components/Toasts';
import { api } from '../../api';
import { imagesList } from '../images/imagesStore';

/** Adds one or more tags to an image; each is checked by Docker's reference rules as you type. */
export function TagDialog({ source, label, onClose }: { source: string; label: string; onClose: () => void }) {
  const [tags, setTags] = useState<string[]>(['']);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const checks = tags.map((t) =>
    t.trim() === '' ? { ok: false as const, error: 'Enter a tag, e.g. myapp:1.0' } : parseTagTarget(t),
  );
  const dupes = new Set(
    checks.flatMap((c, i) =>
      c.ok && checks.findIndex((d) => d.ok && d.ref.familiar === c.ref.familiar) !== i ? [i] : [],
    ),
  );
  const valid = checks.every((c) => c.ok) && dupes.size === 0;

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (!valid || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.invoke('images.tag', { source, tags: tags.map((t) => t.trim()) });
      imagesList.refresh();
      toast.success(
        r.tagged.length === 1 ? `Tagged ${r.tagged[0]}` : `Added ${r.tagged.length} tags`,
        r.tagged.length > 1 ? r.tagged : undefined,
      );
      onClose();
    } catch (e) {
      const tagged = (e as BerthError).details?.tagged;
      if (Array.isArray(tagged) && tagged.length > 0) imagesList.refresh();
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      title={`Tag ${label}`}
      description="Add names for this image. A registry host in the name (localhost:5000/app:1) decides where a push goes."
      onClose={onClose}
      dismissable={!busy}
      width={520}
      footer={
        <>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="rg-tag-form" className="btn btn-primary" disabled={busy}>
            {busy ? 'Tagging…' : tags.length === 1 ? 'Add tag' : `Add ${tags.length} tags`}
          </button>
        </>
      }
    >
      <form
        id="rg-tag-form"
        className="rg-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {tags.map((t, i) => {
          const c = checks[i];
          const problem = dupes.has(i) ? 'Listed twice' : c && !c.ok ? c.error : undefined;
          const show = problem && (touched || (t.trim() !== '' && !dupes.has(i)));
          return (
            <div key={i} className="rg-field">
              <label className="rg-label" htmlFor={`rg-tag-${i}`}>
                New tag {i + 1}
              </label>
              <div className="rg-row">
                <input
                  id={`rg-tag-${i}`}
                  className="input mono rg-grow"
                  value={t}
                  spellCheck={false}
                  autoFocus={i === tags.length - 1}
                  placeholder="repository[:tag]"
                  aria-invalid={show ? true : undefined}
                  onChange={(e) => setTags(tags.map((x, j) => (j === i ? e.target.value : x)))}
                />
                {tags.length > 1 && (
                  <IconButton
                    label={`Remove new tag ${i + 1}`}
                    icon={X}
                    size="sm"
                    onClick={() => setTags(tags.filter((_, j) => j !== i))}
                  />
                )}
              </div>
              {show ? (
                <span className="rg-field-error">{problem}</span>
              ) : c?.ok && `${c.ref.familiarName}:${c.ref.tag ?? 'latest'}` !== t.trim() ? (
                <span className="rg-field-help">
                  <span className="mono">
                    {c.ref.familiarName}:{c.ref.tag ?? 'latest'}
                  </span>
                </span>
              ) : null}
            </div>
          );
        })}
        <div>
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() => setTags([...tags, ''])}
            disabled={tags.length >= 32}
          >
            <Plus size={13} aria-hidden="true" />
            Add another tag
          </button>
        </div>
        {error && (
          <div className="inline-error" role="alert">
            Could not tag: {error}
          </div>
        )}
      </form>
    </Dialog>
  );
}

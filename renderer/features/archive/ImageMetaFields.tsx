import { useState } from 'react';
import { parseChanges, refError } from '../../presentation/changes';
import { Field } from './Field';

/**
 * What `docker commit` and `docker import` both take for the new image: repository and tag, a message,
 * and Dockerfile instructions as changes. The state hook and the three fields, shared by the Commit
 * and Import dialogs.
 */
export function useImageMeta() {
  const [ref, setRef] = useState('');
  const [message, setMessage] = useState('');
  const [changes, setChanges] = useState('');
  const parsed = parseChanges(changes);
  return {
    ref,
    setRef,
    message,
    setMessage,
    changes,
    setChanges,
    /** Something the engine would refuse: an invalid reference or instruction. */
    invalid: Boolean(refError(ref)) || !parsed.ok,
    /** Messages next to the fields, once the person has tried to submit. */
    errors: (touched: boolean) => ({
      ref: touched ? refError(ref) : undefined,
      changes: touched && !parsed.ok ? parsed.reason : undefined,
    }),
    /** The request's fields: empty ones left out. */
    values: () => ({
      ...(ref.trim() ? { ref: ref.trim() } : {}),
      ...(message.trim() ? { message: message.trim() } : {}),
      changes: parsed.ok ? parsed.changes : [],
    }),
  };
}

export type ImageMeta = ReturnType<typeof useImageMeta>;

export function RefField(props: {
  meta: ImageMeta;
  error: string | undefined;
  hint: string;
  placeholder: string;
  disabled: boolean;
  autoFocus?: boolean;
}) {
  return (
    <Field label="Repository and tag" error={props.error} hint={props.hint}>
      {(p) => (
        <input
          {...p}
          className="input mono"
          value={props.meta.ref}
          disabled={props.disabled}
          spellCheck={false}
          autoFocus={props.autoFocus}
          placeholder={props.placeholder}
          onChange={(e) => props.meta.setRef(e.target.value)}
        />
      )}
    </Field>
  );
}

export function MessageField({ meta, disabled }: { meta: ImageMeta; disabled: boolean }) {
  return (
    <Field label="Message">
      {(p) => (
        <input
          {...p}
          className="input"
          value={meta.message}
          disabled={disabled}
          onChange={(e) => meta.setMessage(e.target.value)}
        />
      )}
    </Field>
  );
}

export function ChangesField(props: {
  meta: ImageMeta;
  error: string | undefined;
  placeholder: string;
  disabled: boolean;
}) {
  return (
    <Field label="Changes" error={props.error} hint={'One Dockerfile instruction per line, e.g. CMD ["sh"]'}>
      {(p) => (
        <textarea
          {...p}
          className="input mono ar-textarea"
          rows={3}
          value={props.meta.changes}
          disabled={props.disabled}
          spellCheck={false}
          placeholder={props.placeholder}
          onChange={(e) => props.meta.setChanges(e.target.value)}
        />
      )}
    </Field>
  );
}

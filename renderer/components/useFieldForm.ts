import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import { isBerthError, type BerthError } from '../../shared/errors';
import type { FieldErrors } from '../../shared/run-spec';
import { clearFieldErrors } from '../presentation/run';

/**
 * The state of a form whose fields are validated as people type (Run, Create network, ...): the value,
 * which fields were visited, whether submit was tried, and the errors the server sent back per field.
 * A field's own error shows once it was left (or on submit); a server error shows until that field (or
 * any field, for `form`) is edited again.
 */
export function useFieldForm<S extends object>(initial: () => S, validate: (spec: S) => FieldErrors) {
  const [spec, setSpec] = useState<S>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const clientErrors = useMemo(() => validate(spec), [validate, spec]);
  const shownErrors = useMemo(() => {
    const out: FieldErrors = { ...serverErrors };
    for (const [k, v] of Object.entries(clientErrors)) {
      if (submitted || touched.has(k) || touched.has(k.split('.')[0] ?? k)) out[k] ??= v;
    }
    return out;
  }, [clientErrors, serverErrors, submitted, touched]);

  const update = useCallback(<K extends keyof S>(key: K, value: S[K], field: string = String(key)): void => {
    setSpec((s) => ({ ...s, [key]: value }));
    setServerErrors((e) => {
      let next = clearFieldErrors(e, field);
      if ('form' in next) {
        next = { ...next };
        delete next.form;
      }
      return next;
    });
  }, []);

  const touch = useCallback(
    (field: string) => (): void =>
      setTouched((t) => {
        if (t.has(field)) return t;
        const n = new Set(t);
        n.add(field);
        return n;
      }),
    [],
  );

  return { spec, setSpec, update, touch, clientErrors, shownErrors, setServerErrors, submitted, setSubmitted };
}

/**
 * Submit for a useFieldForm form sent in one request (Create network, Create volume): marks it submitted,
 * stops at its own errors, else sends; a refusal lands at its fields (`refused`; anything but a
 * BerthError at `form`) and the form stays open. `focusFirstError` brings the first error into view.
 */
export function useFormSubmit(
  form: Pick<ReturnType<typeof useFieldForm>, 'clientErrors' | 'setServerErrors' | 'setSubmitted'>,
  send: () => Promise<void>,
  refused: (e: BerthError) => FieldErrors,
  focusFirstError: () => void,
): { busy: boolean; submit: () => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const { clientErrors, setServerErrors, setSubmitted } = form;
  const submit = async (): Promise<void> => {
    if (busy) return;
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError();
      return;
    }
    setBusy(true);
    setServerErrors({});
    try {
      await send();
    } catch (e) {
      setServerErrors(isBerthError(e) ? refused(e) : { form: e instanceof Error ? e.message : String(e) });
      setBusy(false);
      focusFirstError();
    }
  };
  return { busy, submit };
}

/**
 * A function that brings the first error in `bodyRef` into view (and focuses its field) once it has
 * rendered: it bumps a counter, and an effect (which runs after the commit) does the scrolling.
 */
export function useFocusFirstError(bodyRef: RefObject<HTMLElement | null>): () => void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request === 0) return;
    const body = bodyRef.current;
    const el = body?.querySelector<HTMLElement>('[aria-invalid="true"], .field-error, [role="alert"]');
    if (!body || !el) return;
    scrollWithin(body, el, 'center');
    if (el.matches('input, select, textarea')) el.focus({ preventScroll: true });
  }, [request, bodyRef]);
  return useCallback(() => setRequest((n) => n + 1), []);
}

/** Scrolls only the form pane (scrollIntoView would also scroll the dialog box itself). */
export function scrollWithin(container: HTMLElement, el: HTMLElement, block: 'start' | 'center'): void {
  const c = container.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const offset = r.top - c.top + container.scrollTop;
  const top = block === 'start' ? offset - 4 : offset - (c.height - r.height) / 2;
  container.scrollTo({ top: Math.max(0, top) });
}

import { useEffect, useState } from 'react';
import type { ZodType } from 'zod';
import { isBerthError } from '../../../shared/errors';
import type { SettingsPatch } from '../../../shared/contracts/settings';
import { errorMessage } from '../../stores/toasts';
import { saveSettings } from './store';

export interface DraftField {
  text: string;
  setText(text: string): void;
  /** Validates the text and saves it; an invalid value is shown and not saved. */
  commit(): Promise<void>;
  /** Back to the saved value, message cleared. */
  revert(): void;
  error: string | undefined;
  saving: boolean;
}

/**
 * A typed-in setting (font size, scrollback, a path): the text is a draft until Enter or leaving the
 * field, then it is checked with the setting's schema (the message goes next to the field, nothing is
 * saved) and saved. `errorKey` is the field's path in the server's per-field errors.
 */
export function useDraftField<T>(opts: {
  saved: string;
  parse: (text: string) => unknown;
  schema: ZodType<T>;
  patch: (value: T) => SettingsPatch;
  errorKey: string;
}): DraftField {
  const { saved, parse, schema, patch, errorKey } = opts;
  const [text, setTextState] = useState(saved);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  // A change from elsewhere (another window, Reset) shows here unless the person is typing.
  useEffect(() => {
    if (!dirty) setTextState(saved);
  }, [saved, dirty]);

  const setText = (next: string): void => {
    setTextState(next);
    setDirty(true);
  };

  const commit = async (): Promise<void> => {
    if (!dirty) return;
    const parsed = schema.safeParse(parse(text));
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Invalid value');
      return;
    }
    setSaving(true);
    try {
      const { errors } = await saveSettings(patch(parsed.data));
      const refused = errors[errorKey];
      setError(refused);
      if (!refused) setDirty(false);
    } catch (err) {
      const issues = isBerthError(err) ? err.details?.issues : undefined;
      setError(Array.isArray(issues) && issues.length > 0 ? String(issues[0]) : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const revert = (): void => {
    setTextState(saved);
    setDirty(false);
    setError(undefined);
  };

  return { text, setText, commit, revert, error, saving };
}

/** "14" → 14; "", "1e3", "12px" → NaN (the schema then says "must be a number"). */
export function parseWhole(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

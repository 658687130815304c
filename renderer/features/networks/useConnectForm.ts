import { useState } from 'react';
import { isBerthError } from '../../../shared/errors';
import { validateConnectSpec, type ConnectSpec } from '../../../shared/network-spec';
import type { FieldErrors } from '../../../shared/run-spec';
import { api } from '../../api';
import { toast } from '../../components/Toasts';
import { useFieldForm } from '../../components/useFieldForm';
import { clearFieldErrors, fieldErrorsOf } from '../../presentation/run';

export interface ConnectForm {
  spec: ConnectSpec;
  /** The picked container or network id ('' until one is picked). */
  picked: string;
  /** What shows now: the live checks of the fields touched (all after a submit) and the engine's answer. */
  errors: FieldErrors;
  busy: boolean;
  update: <K extends keyof ConnectSpec>(key: K, value: ConnectSpec[K], field?: string) => void;
  touch: (field: string) => () => void;
  pick: (id: string, name: string) => void;
  submit: () => Promise<void>;
}

export interface ConnectParties {
  /** The side the dialog was opened from. */
  fixed: { kind: 'network' | 'container'; id: string; name: string };
  onDone: () => void;
}

const EMPTY: ConnectSpec = { aliases: [], ipv4: '', ipv6: '', links: [] };

/** Blank rows are not sent: an "Add alias" row left empty means nothing. */
function cleaned(spec: ConnectSpec): ConnectSpec {
  return {
    aliases: spec.aliases.map((a) => a.trim()).filter(Boolean),
    ipv4: spec.ipv4.trim(),
    ipv6: spec.ipv6.trim(),
    links: spec.links.map((l) => l.trim()).filter(Boolean),
  };
}

/** Errors about the cleaned spec's rows (`aliases.1`) addressed to the rows as shown, blanks included. */
function toShownRows(errors: FieldErrors, spec: ConnectSpec): FieldErrors {
  const rowsOf = (rows: readonly string[]): number[] => rows.flatMap((r, i) => (r.trim() ? [i] : []));
  const shown = { aliases: rowsOf(spec.aliases), links: rowsOf(spec.links) };
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const [list, n] = k.split('.');
    const row = (list === 'aliases' || list === 'links') && n !== undefined ? shown[list][Number(n)] : undefined;
    out[row === undefined ? k : `${list}.${row}`] = v;
  }
  return out;
}

/** shared/network-spec.ts's checks of what would be sent, at the rows as shown. */
const validateShown = (spec: ConnectSpec): FieldErrors => toShownRows(validateConnectSpec(cleaned(spec)), spec);
const emptySpec = (): ConnectSpec => EMPTY;

/**
 * The Connect dialog's state: the spec as typed (useFieldForm, with shared/network-spec.ts's checks live:
 * the handler runs the same), the picked other side, and `networks.connect` whose `details.fields` land
 * at their fields (`container`/`network` at the picker, `form` below the fields).
 */
export function useConnectForm({ fixed, onDone }: ConnectParties): ConnectForm {
  const { spec, update, touch, clientErrors, shownErrors, setServerErrors, submitted, setSubmitted } = useFieldForm(
    emptySpec,
    validateShown,
  );
  const [picked, setPicked] = useState('');
  const [pickedName, setPickedName] = useState('');
  const [busy, setBusy] = useState(false);
  const pickField = fixed.kind === 'network' ? 'container' : 'network';
  const pickError = picked ? undefined : fixed.kind === 'network' ? 'Pick a container' : 'Pick a network';
  const errors: FieldErrors = submitted && pickError ? { [pickField]: pickError, ...shownErrors } : shownErrors;

  const submit = async (): Promise<void> => {
    if (busy) return;
    setSubmitted(true);
    if (pickError || Object.keys(clientErrors).length > 0) return;
    setBusy(true);
    setServerErrors({});
    const network = fixed.kind === 'network' ? fixed.id : picked;
    const container = fixed.kind === 'container' ? fixed.id : picked;
    try {
      await api.invoke('networks.connect', { network, container, spec: cleaned(spec) });
      const [c, n] = fixed.kind === 'network' ? [pickedName, fixed.name] : [fixed.name, pickedName];
      toast.success(`Connected ${c} to ${n}`);
      onDone();
    } catch (e) {
      const fields = isBerthError(e) ? fieldErrorsOf(e) : { form: e instanceof Error ? e.message : String(e) };
      setServerErrors(toShownRows(fields, spec));
      setBusy(false);
    }
  };

  return {
    spec,
    picked,
    errors,
    busy,
    update,
    touch,
    pick: (id, name) => {
      setPicked(id);
      setPickedName(name);
      setServerErrors((e) => clearFieldErrors(clearFieldErrors(e, pickField), 'form'));
    },
    submit,
  };
}

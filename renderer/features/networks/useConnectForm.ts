import { useMemo, useState } from 'react';
import { isBerthError } from '../../../shared/errors';
import { validateConnectSpec, type ConnectSpec } from '../../../shared/network-spec';
import type { FieldErrors } from '../../../shared/run-spec';
import { api } from '../../api';
import { toast } from '../../components/Toasts';
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

/**
 * The Connect dialog's state: the spec as typed, shared/network-spec.ts's checks live (the handler runs
 * the same), and `networks.connect` whose `details.fields` land at their fields (`container`/`network`
 * at the picker, `form` below the fields).
 */
export function useConnectForm({ fixed, onDone }: ConnectParties): ConnectForm {
  const [spec, setSpec] = useState<ConnectSpec>(EMPTY);
  const [picked, setPicked] = useState('');
  const [pickedName, setPickedName] = useState('');
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const pickField = fixed.kind === 'network' ? 'container' : 'network';

  const clientErrors = useMemo(() => {
    const errors = toShownRows(validateConnectSpec(cleaned(spec)), spec);
    if (!picked) errors[pickField] = fixed.kind === 'network' ? 'Pick a container' : 'Pick a network';
    return errors;
  }, [spec, picked, pickField, fixed.kind]);

  const shown: FieldErrors = {};
  for (const [k, v] of Object.entries(clientErrors)) {
    if (submitted || touched.has(k.split('.')[0] ?? k)) shown[k] = v;
  }
  const errors = { ...shown, ...serverErrors };

  const update: ConnectForm['update'] = (key, value, field) => {
    setSpec((s) => ({ ...s, [key]: value }));
    setServerErrors((e) => clearFieldErrors(clearFieldErrors(e, field ?? key), 'form'));
  };

  const submit = async (): Promise<void> => {
    if (busy) return;
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) return;
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
    touch: (field) => () => setTouched((t) => (t.has(field) ? t : new Set(t).add(field))),
    pick: (id, name) => {
      setPicked(id);
      setPickedName(name);
      setServerErrors((e) => clearFieldErrors(clearFieldErrors(e, pickField), 'form'));
    },
    submit,
  };
}

import { useId, useState, type FormEvent } from 'react';
import { AddEngineInput } from '../../../shared/contracts/engines';
import { Dialog, SubmitFooter } from '../../components/Dialog';
import { Field } from '../../components/FormField';
import { PathField } from '../../components/PathField';
import { SegmentedControl } from '../../components/SegmentedControl';
import { errorMessage, toast } from '../../stores/toasts';
import { useEnginesStore } from './store';

type Kind = 'unix' | 'tcp' | 'ssh';

const KINDS = [
  { value: 'unix', label: 'Unix socket' },
  { value: 'tcp', label: 'TCP' },
  { value: 'ssh', label: 'SSH' },
] as const;

interface Draft {
  name: string;
  path: string;
  host: string;
  ssh: string;
  ca: string;
  cert: string;
  key: string;
}

const EMPTY: Draft = { name: '', path: '', host: '', ssh: '', ca: '', cert: '', key: '' };

function toInput(kind: Kind, d: Draft): unknown {
  if (kind === 'unix') return { kind, name: d.name, path: d.path };
  if (kind === 'ssh') return { kind, name: d.name, host: d.ssh };
  return { kind, name: d.name, host: d.host, tls: { ca: d.ca, cert: d.cert, key: d.key } };
}

/**
 * "Add engine…": a unix socket path, tcp://host:port with optional TLS files, or ssh://user@host[:port]
 * (its host key is checked against known_hosts when Berth connects). Each field says what is wrong
 * with it; what the engine says (once probed) shows on its entry in the switcher.
 */
/** The tcp:// engine's TLS files, in the order asked. */
const TLS_FILES: ReadonlyArray<{ key: 'ca' | 'cert' | 'key'; label: string; hint?: string; placeholder: string }> = [
  {
    key: 'ca',
    label: 'CA certificate',
    hint: 'Optional: turns TLS on and verifies the engine against this CA',
    placeholder: '/path/to/ca.pem',
  },
  { key: 'cert', label: 'Client certificate', placeholder: '/path/to/cert.pem' },
  { key: 'key', label: 'Client key', placeholder: '/path/to/key.pem' },
];

/** `hint` is the toast's second line after an add: where the new engine is to be found. */
export function AddEngineDialog({ onClose, hint }: { onClose: () => void; hint?: string }) {
  const formId = useId();
  const [kind, setKind] = useState<Kind>('unix');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const parsed = AddEngineInput.safeParse(toInput(kind, draft));
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const i of parsed.error.issues) {
        const key = i.path.join('.');
        next[key === 'host' && kind === 'ssh' ? 'ssh' : key] ??= i.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    try {
      const entry = await useEnginesStore.getState().add(parsed.data);
      toast.success(`Added ${entry.name}`, hint ?? 'Pick it in the engine switcher to use it.');
      onClose();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      title="Add engine"
      description="Berth connects to it when you pick it in the switcher."
      onClose={onClose}
      dismissable={!busy}
      width={520}
      footer={<SubmitFooter form={formId} label="Add engine" busy={busy} onCancel={onClose} />}
    >
      <form id={formId} className="form-grid engine-form" noValidate onSubmit={(e) => void submit(e)}>
        <SegmentedControl
          label="Kind"
          value={kind}
          options={KINDS}
          onChange={(k) => {
            setKind(k);
            setErrors({});
          }}
        />
        <Field id={`${formId}-name`} label="Name" error={errors.name} wide>
          <input
            className="input"
            value={draft.name}
            autoFocus
            autoComplete="off"
            placeholder="e.g. Build server"
            onChange={(e) => set('name')(e.target.value)}
          />
        </Field>
        {kind === 'unix' && (
          <PathField
            label="Socket path"
            mode="file"
            value={draft.path}
            onChange={set('path')}
            error={errors.path}
            placeholder="/run/user/1000/podman/podman.sock"
          />
        )}
        {kind === 'tcp' && (
          <>
            <Field id={`${formId}-host`} label="Address" error={errors.host} hint="tcp://host:port" wide>
              <input
                className="input mono"
                value={draft.host}
                spellCheck={false}
                autoComplete="off"
                placeholder="tcp://192.168.1.20:2376"
                onChange={(e) => set('host')(e.target.value)}
              />
            </Field>
            {TLS_FILES.map((f) => (
              <PathField
                key={f.key}
                label={f.label}
                mode="file"
                value={draft[f.key]}
                onChange={set(f.key)}
                error={errors[`tls.${f.key}`]}
                hint={f.hint}
                placeholder={f.placeholder}
              />
            ))}
          </>
        )}
        {kind === 'ssh' && (
          <Field
            id={`${formId}-ssh`}
            label="Address"
            error={errors.ssh}
            hint="ssh://user@host[:port] — the host key must be in known_hosts"
            wide
          >
            <input
              className="input mono"
              value={draft.ssh}
              spellCheck={false}
              autoComplete="off"
              placeholder="ssh://me@build.example:22"
              onChange={(e) => set('ssh')(e.target.value)}
            />
          </Field>
        )}
        {failure && (
          <div className="inline-error" role="alert">
            {failure}
          </div>
        )}
      </form>
    </Dialog>
  );
}

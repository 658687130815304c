import { useState, type FormEvent } from 'react';
import type { MutedTarget } from '../../../shared/contracts/notifications';
import { Badge } from '../../components/Badge';
import { Field } from '../../components/FormField';
import { SegmentedControl } from '../../components/SegmentedControl';
import { isTargetMuted, KIND_TEXT, muteError } from './mute';
import { useNotificationPrefs } from './prefs';

type Kind = MutedTarget['kind'];

/** The muted containers and projects (each with Unmute), and a form to mute one by name. */
export function MutedList() {
  const muted = useNotificationPrefs((s) => s.prefs.muted);
  const unmute = useNotificationPrefs((s) => s.unmute);
  return (
    <>
      {muted.length === 0 ? (
        <p className="form-section-hint">Nothing is muted.</p>
      ) : (
        <ul className="notification-list" aria-label="Muted">
          {muted.map((m) => (
            <li key={`${m.kind} ${m.name}`}>
              <Badge tone={m.kind === 'project' ? 'info' : 'neutral'}>{KIND_TEXT[m.kind]}</Badge>
              <span className="mono notification-name" title={m.name}>
                {m.name}
              </span>
              <button
                type="button"
                className="btn btn-sm"
                aria-label={`Unmute ${m.kind} ${m.name}`}
                onClick={() => void unmute(m)}
              >
                Unmute
              </button>
            </li>
          ))}
        </ul>
      )}
      <MuteForm muted={muted} />
    </>
  );
}

function MuteForm({ muted }: { muted: readonly MutedTarget[] }) {
  const mute = useNotificationPrefs((s) => s.mute);
  const [kind, setKind] = useState<Kind>('container');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const problem = muteError(muted, kind, name);
    setError(problem);
    if (problem) return;
    const target = { kind, name: name.trim() };
    if (!isTargetMuted(useNotificationPrefs.getState().prefs, target) && (await mute(target))) setName('');
  };

  return (
    <form className="notification-mute-form" onSubmit={(e) => void submit(e)} noValidate>
      <SegmentedControl
        label="Mute a"
        value={kind}
        onChange={(k) => {
          setKind(k);
          setError(undefined);
        }}
        options={[
          { value: 'container', label: 'Container' },
          { value: 'project', label: 'Project' },
        ]}
      />
      <Field
        id="notify-mute-name"
        label={kind === 'project' ? 'Project name' : 'Container name'}
        error={error}
        hideLabel
        grow
      >
        <input
          className="input"
          value={name}
          placeholder={kind === 'project' ? 'compose project, e.g. shop' : 'container name, e.g. web-1'}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setName(e.target.value);
            if (error) setError(undefined);
          }}
        />
      </Field>
      <button type="submit" className="btn">
        Mute
      </button>
    </form>
  );
}

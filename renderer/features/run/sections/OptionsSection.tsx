import { TriangleAlert } from 'lucide-react';
import { Check, Field, FormSection } from '../../../components/FormField';
import type { RunSectionProps } from './types';

/** The Run dialog's Options section: --rm, -t, -i, and (folded) privileges and capabilities. */
export function OptionsSection({ uid, spec, update, touch, err }: RunSectionProps) {
  return (
    <FormSection id={`${uid}-options`} title="Options">
      <Check
        id={`${uid}-rm`}
        label="Remove when it exits"
        hint="--rm"
        checked={spec.autoRemove}
        onChange={(v) => update('autoRemove', v, 'restart')}
      />
      <Check id={`${uid}-tty`} label="Allocate a TTY" hint="-t" checked={spec.tty} onChange={(v) => update('tty', v)} />
      <Check
        id={`${uid}-stdin`}
        label="Keep stdin open"
        hint="-i, for attaching later"
        checked={spec.interactive}
        onChange={(v) => update('interactive', v)}
      />
      <details className="run-advanced" open={spec.privileged || Boolean(spec.capAdd || spec.capDrop) || undefined}>
        <summary>Advanced: privileges and capabilities</summary>
        <div className="run-warning" role="note">
          <TriangleAlert size={14} aria-hidden="true" />
          <span>
            These weaken the isolation between the container and the host. A privileged container can do nearly anything
            root on the host can.
          </span>
        </div>
        <Check
          id={`${uid}-priv`}
          label="Privileged"
          hint="All capabilities and every host device"
          checked={spec.privileged}
          onChange={(v) => update('privileged', v)}
        />
        <div className="form-grid">
          <Field id={`${uid}-capadd`} label="Add capabilities" error={err('capAdd')} hint="e.g. NET_ADMIN SYS_TIME">
            <input
              className="input mono"
              value={spec.capAdd}
              spellCheck={false}
              onChange={(e) => update('capAdd', e.target.value)}
              onBlur={touch('capAdd')}
            />
          </Field>
          <Field id={`${uid}-capdrop`} label="Drop capabilities" error={err('capDrop')} hint="e.g. ALL or NET_RAW">
            <input
              className="input mono"
              value={spec.capDrop}
              spellCheck={false}
              onChange={(e) => update('capDrop', e.target.value)}
              onBlur={touch('capDrop')}
            />
          </Field>
        </div>
      </details>
    </FormSection>
  );
}

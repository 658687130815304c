import type { RestartName } from '../../../../shared/run-spec';
import { Field, FormSection } from '../../../components/FormField';
import type { RunSectionProps } from './types';

const RESTART_LABEL: Record<RestartName, string> = {
  no: 'No (never restart)',
  'on-failure': 'On failure',
  always: 'Always',
  'unless-stopped': 'Unless stopped',
};

/** The Run dialog's Resources & restart section: cgroup limits and the restart policy. */
export function ResourcesSection({ uid, spec, update, touch, err }: RunSectionProps) {
  return (
    <FormSection id={`${uid}-resources`} title="Resources & restart" hint="Limits from cgroups; empty = no limit">
      <div className="form-grid form-grid-3">
        <Field id={`${uid}-memory`} label="Memory" error={err('memory')} hint="e.g. 512m, 1.5g">
          <input
            className="input mono"
            value={spec.memory}
            spellCheck={false}
            onChange={(e) => update('memory', e.target.value)}
            onBlur={touch('memory')}
          />
        </Field>
        <Field id={`${uid}-swap`} label="Memory + swap" error={err('memorySwap')} hint="-1 = unlimited swap">
          <input
            className="input mono"
            value={spec.memorySwap}
            spellCheck={false}
            onChange={(e) => update('memorySwap', e.target.value)}
            onBlur={touch('memorySwap')}
          />
        </Field>
        <Field id={`${uid}-cpus`} label="CPUs" error={err('cpus')} hint="A decimal, e.g. 0.5">
          <input
            className="input mono"
            value={spec.cpus}
            inputMode="decimal"
            spellCheck={false}
            onChange={(e) => update('cpus', e.target.value)}
            onBlur={touch('cpus')}
          />
        </Field>
        <Field id={`${uid}-shares`} label="CPU shares" error={err('cpuShares')} hint="Relative weight, default 1024">
          <input
            className="input mono"
            value={spec.cpuShares}
            inputMode="numeric"
            onChange={(e) => update('cpuShares', e.target.value)}
            onBlur={touch('cpuShares')}
          />
        </Field>
        <Field id={`${uid}-pids`} label="PIDs limit" error={err('pidsLimit')} hint="-1 = unlimited">
          <input
            className="input mono"
            value={spec.pidsLimit}
            inputMode="numeric"
            onChange={(e) => update('pidsLimit', e.target.value)}
            onBlur={touch('pidsLimit')}
          />
        </Field>
        <div />
        <Field id={`${uid}-restart`} label="Restart policy" error={err('restart')}>
          <select
            className="select"
            value={spec.restart}
            onChange={(e) => update('restart', e.target.value as RestartName)}
          >
            {(Object.keys(RESTART_LABEL) as RestartName[]).map((r) => (
              <option key={r} value={r}>
                {RESTART_LABEL[r]}
              </option>
            ))}
          </select>
        </Field>
        {spec.restart === 'on-failure' && (
          <Field id={`${uid}-retries`} label="Max retries" error={err('maxRetries')} hint="Empty = unlimited">
            <input
              className="input mono"
              value={spec.maxRetries}
              inputMode="numeric"
              onChange={(e) => update('maxRetries', e.target.value)}
              onBlur={touch('maxRetries')}
            />
          </Field>
        )}
      </div>
    </FormSection>
  );
}

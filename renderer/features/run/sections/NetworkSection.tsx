import { useMemo } from 'react';
import { BUILTIN_NETWORKS } from '../../../../shared/run-spec';
import { Field, FormSection } from '../../../components/FormField';
import { useNetworks } from '../../networks/networksStore';
import type { RunSectionProps } from './types';

/** The Run dialog's Network section: the network and its aliases. */
export function NetworkSection({ uid, spec, update, touch, err }: RunSectionProps) {
  const networks = useNetworks();
  const userNetworks = useMemo(
    () =>
      networks.items
        .filter((n) => !(BUILTIN_NETWORKS as readonly string[]).includes(n.name))
        .map((n) => n.name)
        .sort(),
    [networks.items],
  );
  const isUserNetwork = !(BUILTIN_NETWORKS as readonly string[]).includes(spec.network);
  return (
    <FormSection id={`${uid}-network`} title="Network">
      <div className="form-grid">
        <Field id={`${uid}-network-sel`} label="Network" error={err('network')}>
          <select
            className="select"
            value={spec.network}
            onChange={(e) => update('network', e.target.value)}
            onBlur={touch('network')}
          >
            <option value="bridge">bridge (default)</option>
            <option value="host">host</option>
            <option value="none">none</option>
            {userNetworks.length > 0 && (
              <optgroup label="User-defined">
                {userNetworks.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </optgroup>
            )}
            {!userNetworks.includes(spec.network) && isUserNetwork && (
              <option value={spec.network}>{spec.network}</option>
            )}
          </select>
        </Field>
        <Field
          id={`${uid}-aliases`}
          label="Network aliases"
          error={err('aliases')}
          hint={
            isUserNetwork ? 'Other containers on the network reach it by these names' : 'Only on a user-defined network'
          }
        >
          <input
            className="input mono"
            value={spec.aliases}
            spellCheck={false}
            disabled={!isUserNetwork && !spec.aliases}
            placeholder="db, cache"
            onChange={(e) => update('aliases', e.target.value)}
            onBlur={touch('aliases')}
          />
        </Field>
      </div>
    </FormSection>
  );
}

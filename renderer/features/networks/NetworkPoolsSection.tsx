import { Plus, X } from 'lucide-react';
import type { Family, IpamRow } from '../../../shared/network-spec';
import type { FieldErrors } from '../../../shared/run-spec';
import { Field, FormSection } from '../../components/FormField';
import { IconButton } from '../../components/IconButton';

/** Examples per family, shown as placeholders (the docs' own). */
const EXAMPLE: Record<Family, IpamRow> = {
  ipv4: { subnet: '172.28.0.0/16', gateway: '172.28.5.254', ipRange: '172.28.5.0/24' },
  ipv6: { subnet: 'fd00:28::/64', gateway: 'fd00:28::1', ipRange: 'fd00:28::/80' },
};

const COLUMNS: ReadonlyArray<{ key: keyof IpamRow; label: string }> = [
  { key: 'subnet', label: 'Subnet' },
  { key: 'gateway', label: 'Gateway' },
  { key: 'ipRange', label: 'IP range' },
];

export interface PoolsControls {
  rows: IpamRow[];
  familyOf: (i: number) => Family;
  add: (family: Family) => void;
  set: (i: number, row: IpamRow, field: keyof IpamRow) => void;
  remove: (i: number) => void;
}

/**
 * The network's address pools (`--subnet`, `--gateway`, `--ip-range`), IPv4 and IPv6, one row each. Inputs
 * are named "Subnet 1", "Gateway 1", "IP range 1"; the column heads are shown once.
 */
export function NetworkPoolsSection({
  uid,
  pools,
  errors,
  onBlur,
}: {
  uid: string;
  pools: PoolsControls;
  errors: FieldErrors;
  onBlur: (field: string) => () => void;
}) {
  return (
    <FormSection
      id={`${uid}-ipam`}
      title="Addresses"
      hint="Without a subnet the engine picks a free one. Gateway and IP range are optional and must lie inside the subnet."
    >
      {pools.rows.length > 0 && (
        <div className="netc-pool netc-pool-head" aria-hidden="true">
          <span className="netc-family" />
          {COLUMNS.map((c) => (
            <span key={c.key} className="field-label">
              {c.label}
            </span>
          ))}
        </div>
      )}
      {pools.rows.map((row, i) => {
        const family = pools.familyOf(i);
        return (
          <div key={i} className="netc-pool" role="group" aria-label={`Address pool ${i + 1}`}>
            <span className="netc-family" title={family === 'ipv4' ? 'IPv4 pool' : 'IPv6 pool'}>
              {family === 'ipv4' ? 'IPv4' : 'IPv6'}
            </span>
            {COLUMNS.map((c) => (
              <Field
                key={c.key}
                id={`${uid}-ipam-${i}-${c.key}`}
                label={`${c.label} ${i + 1}`}
                hideLabel
                error={errors[`ipam.${i}.${c.key}`]}
              >
                <input
                  className="input mono"
                  value={row[c.key]}
                  placeholder={EXAMPLE[family][c.key]}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => pools.set(i, { ...row, [c.key]: e.target.value }, c.key)}
                  onBlur={onBlur(`ipam.${i}.${c.key}`)}
                />
              </Field>
            ))}
            <IconButton label={`Remove address pool ${i + 1}`} icon={X} size="sm" onClick={() => pools.remove(i)} />
          </div>
        );
      })}
      <div className="form-actions">
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => pools.add('ipv4')}>
          <Plus size={13} aria-hidden="true" />
          Add IPv4 subnet
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => pools.add('ipv6')}>
          <Plus size={13} aria-hidden="true" />
          Add IPv6 subnet
        </button>
      </div>
    </FormSection>
  );
}

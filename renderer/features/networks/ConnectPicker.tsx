import { useMemo, useState } from 'react';
import { stateLabel } from '../../presentation/format';
import { Field } from '../archive/Field';
import { useContainersStore } from '../containers/store';
import { useNetworks } from './networksStore';

/** The other side of a connect: a container (from a network's page) or a network (from a container's page). */

export interface PickOption {
  id: string;
  name: string;
  detail: string;
  /** A network's subnets (for the address hints). */
  subnets?: string[];
}

interface PickerProps {
  /** Ids already connected: not offered. */
  exclude: ReadonlySet<string>;
  value: string;
  error: string | undefined;
  onPick: (option: PickOption) => void;
}

/** Networks a container cannot join by `docker network connect`. */
const NOT_CONNECTABLE = new Set(['host', 'none']);

export function ContainerPicker(props: PickerProps) {
  const list = useContainersStore((s) => s.list);
  const options = useMemo(
    () =>
      list
        .filter((c) => !props.exclude.has(c.id))
        .map((c) => ({ id: c.id, name: c.name, detail: `${stateLabel(c.state)} · ${c.image}` })),
    [list, props.exclude],
  );
  return <PickList {...props} noun="Container" plural="containers" options={options} />;
}

export function NetworkPicker(props: PickerProps) {
  const { items } = useNetworks();
  const options = useMemo(
    () =>
      items
        .filter((n) => !props.exclude.has(n.id) && !NOT_CONNECTABLE.has(n.name))
        .map((n) => ({
          id: n.id,
          name: n.name,
          detail: [n.driver, n.subnets.map((s) => s.subnet).join(', ')].filter(Boolean).join(' · '),
          subnets: n.subnets.map((s) => s.subnet),
        })),
    [items, props.exclude],
  );
  return <PickList {...props} noun="Network" plural="networks" options={options} />;
}

/** A filter box over a listbox (native select) of the candidates; the error, if any, under it. */
function PickList({
  noun,
  plural,
  options,
  value,
  error,
  onPick,
}: PickerProps & { noun: string; plural: string; options: PickOption[] }) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? options.filter((o) => o.name.toLowerCase().includes(needle) || o.detail.toLowerCase().includes(needle))
    : options;
  return (
    <Field
      label={noun}
      error={error}
      hint={
        shown.length > 0
          ? undefined
          : options.length === 0
            ? `No other ${plural} to connect.`
            : `No ${plural} match “${filter.trim()}”.`
      }
    >
      {(control) => (
        <div className="connect-pick">
          <input
            type="search"
            className="input"
            aria-label={`Filter ${plural}`}
            placeholder={`Filter ${plural}…`}
            value={filter}
            spellCheck={false}
            onChange={(e) => setFilter(e.target.value)}
          />
          <select
            {...control}
            className="select connect-pick-list"
            size={Math.min(6, Math.max(3, shown.length))}
            value={value}
            onChange={(e) => {
              const o = options.find((x) => x.id === e.target.value);
              if (o) onPick(o);
            }}
          >
            {/* Nothing picked yet: React would otherwise show the first candidate as selected. */}
            <option value="" hidden disabled />
            {shown.map((o) => (
              <option key={o.id} value={o.id} title={`${o.name} — ${o.detail}`}>
                {o.name}
                {o.detail ? `  —  ${o.detail}` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
    </Field>
  );
}

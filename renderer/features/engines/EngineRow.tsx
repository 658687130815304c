import { Plus, RefreshCw } from 'lucide-react';
import type { ReactNode } from 'react';
import type { EngineEntry, EngineProbe } from '../../../shared/contracts/engines';
import { Spinner } from '../../components/Spinner';
import { EngineStatusLine, KIND_LABEL, probeDot } from './EngineStatusLine';
import { useEnginesStore } from './store';

/**
 * One engine in a list (the settings page, the No-engine screen): reachable dot, name, kind, address,
 * its probe or its own error, then the list's actions (`children`).
 */
export function EngineRow(props: {
  entry: EngineEntry;
  probe: EngineProbe | undefined;
  probing: boolean;
  children?: ReactNode;
}) {
  const { entry: e, probe } = props;
  return (
    <li className="engines-row" aria-label={e.name}>
      <span className={`engine-dot is-${probeDot(probe)}`} aria-hidden="true" />
      <span className="engine-item-main">
        <span className="engine-item-head">
          <span className="engine-item-name">{e.name}</span>
          <span className="engine-kind">{KIND_LABEL[e.kind]}</span>
          {e.current && <span className="engine-kind is-current">in use</span>}
        </span>
        <span className="engine-item-endpoint mono" title={e.description}>
          {e.endpoint}
        </span>
        <EngineStatusLine probe={probe} probing={props.probing} />
      </span>
      {props.children}
    </li>
  );
}

/** "Use <name>": switches to the engine; primary when it answered its last probe. */
export function UseEngineButton({ entry, probe }: { entry: EngineEntry; probe: EngineProbe | undefined }) {
  const switchingTo = useEnginesStore((s) => s.switchingTo);
  return (
    <button
      type="button"
      className={`btn btn-sm${probe?.reachable ? ' btn-primary' : ''}`}
      disabled={switchingTo !== undefined}
      aria-label={`Use ${entry.name}`}
      onClick={() => void useEnginesStore.getState().switchTo(entry.id)}
    >
      {switchingTo === entry.id && <Spinner size={11} />}
      Use
    </button>
  );
}

/** "Add engine…" and "Check again" (probes every engine once more). */
export function EngineListBar({ onAdd }: { onAdd: () => void }) {
  const probing = useEnginesStore((s) => s.probing);
  return (
    <div className="engines-settings-bar">
      <button type="button" className="btn btn-sm" onClick={onAdd}>
        <Plus size={13} aria-hidden="true" /> Add engine…
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={probing}
        onClick={() => void useEnginesStore.getState().refresh()}
      >
        {probing ? <Spinner size={11} /> : <RefreshCw size={13} aria-hidden="true" />} Check again
      </button>
    </div>
  );
}

import { ArrowRight, Plus, RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Spinner } from '../../components/Spinner';
import { AddEngineDialog } from './AddEngineDialog';
import { EngineStatusLine, KIND_LABEL, probeDot } from './EngineStatusLine';
import { useEnginesStore } from './store';

/**
 * The No-engine screen's way out when the engine Berth picked does not answer but another would:
 * every other known engine (contexts, Podman sockets, added ones) with its probe and a "Use" button,
 * and "Add engine…". Probes once when shown; "Check again" probes again.
 */
export function OtherEnginesSection() {
  const entries = useEnginesStore((s) => s.entries);
  const probes = useEnginesStore((s) => s.probes);
  const probing = useEnginesStore((s) => s.probing);
  const switchingTo = useEnginesStore((s) => s.switchingTo);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    void useEnginesStore.getState().refresh();
  }, []);

  const others = entries.filter((e) => !e.current);
  return (
    <>
      <h2>Other engines</h2>
      {others.length === 0 ? (
        <p className="screen-note">
          {probing ? 'Looking for other engines…' : 'Berth knows no other engine. Add one that answers elsewhere.'}
        </p>
      ) : (
        <ul className="other-engines" aria-label="Other engines">
          {others.map((e) => {
            const probe = probes[e.id];
            return (
              <li key={e.id} className="other-engine" aria-label={e.name}>
                <span className={`engine-dot is-${probeDot(probe)}`} aria-hidden="true" />
                <span className="other-engine-main">
                  <span className="engine-item-head">
                    <span className="engine-item-name">{e.name}</span>
                    <span className="engine-kind">{KIND_LABEL[e.kind]}</span>
                  </span>
                  <span className="engine-item-endpoint mono">{e.endpoint}</span>
                  <EngineStatusLine probe={probe} probing={probing} />
                </span>
                <button
                  type="button"
                  className={`btn btn-sm${probe?.reachable ? ' btn-primary' : ''}`}
                  aria-label={`Use ${e.name}`}
                  disabled={switchingTo !== undefined}
                  onClick={() => void useEnginesStore.getState().switchTo(e.id)}
                >
                  {switchingTo === e.id ? <Spinner size={11} /> : <ArrowRight size={13} aria-hidden="true" />}
                  Use
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="other-engines-actions">
        <button type="button" className="btn btn-sm" onClick={() => setAdding(true)}>
          <Plus size={13} aria-hidden="true" /> Add engine…
        </button>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          disabled={probing}
          onClick={() => void useEnginesStore.getState().refresh()}
        >
          {probing ? <Spinner size={11} /> : <RefreshCw size={13} aria-hidden="true" />} Check again
        </button>
      </div>
      {adding && (
        <AddEngineDialog onClose={() => setAdding(false)} hint="It is under Other engines: Use switches to it." />
      )}
    </>
  );
}

import { useEffect, useState } from 'react';
import { lazyComponent } from '../../components/lazyComponent';
import { EngineListBar, EngineRow, UseEngineButton } from './EngineRow';
import { useEnginesStore } from './store';

const AddEngineDialog = lazyComponent(() => import('./AddEngineDialog').then((m) => m.AddEngineDialog));

/**
 * The No-engine screen's way out when the engine Berth picked does not answer but another would:
 * every other known engine (contexts, Podman sockets, added ones) with its probe and "Use", and
 * "Add engine…". Probes once when shown; "Check again" probes again.
 */
export function OtherEnginesSection() {
  const entries = useEnginesStore((s) => s.entries);
  const probes = useEnginesStore((s) => s.probes);
  const probing = useEnginesStore((s) => s.probing);
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
        <ul className="engines-list" aria-label="Other engines">
          {others.map((e) => (
            <EngineRow key={e.id} entry={e} probe={probes[e.id]} probing={probing}>
              <UseEngineButton entry={e} probe={probes[e.id]} />
            </EngineRow>
          ))}
        </ul>
      )}
      <EngineListBar onAdd={() => setAdding(true)} />
      {adding && (
        <AddEngineDialog onClose={() => setAdding(false)} hint="It is under Other engines: Use switches to it." />
      )}
    </>
  );
}

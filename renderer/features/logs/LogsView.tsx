import { ArrowLeft } from 'lucide-react';
import { useMemo } from 'react';
import type { ContainerState } from '../../../shared/models';
import { containerPath, href } from '../../lib/router';
import { useContainersStore } from '../containers/store';
import { LogsViewer } from './LogsViewer';

/**
 * #/logs?ids=a,b: the logs of one container in the full window, or of several merged by time with
 * each line prefixed by its container's name (in a colour of its own).
 */
export function LogsView({ ids }: { ids: readonly string[] }) {
  const list = useContainersStore((s) => s.list);
  const loaded = useContainersStore((s) => s.loaded);
  const found = useMemo(
    () => ids.map((id) => list.find((c) => c.id === id || c.name === id || (id.length >= 6 && c.id.startsWith(id)))),
    [ids, list],
  );
  // Names are stable once known; the sources key only on ids so streams do not restart on every list update.
  const namesKey = found.map((c, i) => c?.name ?? ids[i] ?? '').join('\n');
  const sources = useMemo(
    () => ids.map((id, i) => ({ id: found[i]?.id ?? id, name: namesKey.split('\n')[i] ?? id })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- found is summarised by namesKey
    [ids.join(','), namesKey],
  );
  const statesKey = found.map((c) => c?.state ?? '').join(',');
  const states = useMemo(
    () => statesKey.split(',').map((s) => (s || undefined) as ContainerState | undefined),
    [statesKey],
  );
  const single = ids.length === 1;
  const title = single ? `Logs: ${sources[0]?.name ?? ''}` : `Logs of ${ids.length} containers`;

  return (
    <section className="page" aria-label={title}>
      <header className="page-header detail-header">
        <div className="page-title">
          <a
            className="icon-btn"
            href={href(single ? containerPath(ids[0] ?? '', 'logs') : '/containers')}
            aria-label="Back"
            title="Back"
          >
            <ArrowLeft size={15} aria-hidden="true" />
          </a>
          <h1>{single ? sources[0]?.name : 'Merged logs'}</h1>
          {!single && (
            <ul className="logs-legend" aria-label="Containers">
              {sources.map((s, i) => (
                <li key={s.id}>
                  <a className={`log-src log-src-${i % 8}`} href={href(containerPath(s.id, 'logs'))}>
                    {s.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </header>
      {ids.length === 0 ? (
        <div className="page page-center">No containers chosen.</div>
      ) : !loaded ? (
        <div className="page page-center">Loading…</div>
      ) : (
        <LogsViewer key={sources.map((s) => s.id).join(',')} sources={sources} states={states} label={title} />
      )}
    </section>
  );
}

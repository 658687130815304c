import { ArrowLeft } from 'lucide-react';
import { useMemo } from 'react';
import type { ContainerState } from '../../../shared/models';
import { containerPath, href } from '../../lib/router';
import { logSourceLooks } from '../../presentation/logSources';
import { useContainersStore } from '../containers/store';
import { LogsViewer } from './LogsViewer';

/**
 * #/logs?ids=a,b: the logs of one container in the full window, or of several merged by time with
 * each line prefixed by its container's name in a colour of its own, or for a compose service's
 * containers by "service-N" in the service's colour.
 */
export function LogsView({ ids }: { ids: readonly string[] }) {
  const list = useContainersStore((s) => s.list);
  const loaded = useContainersStore((s) => s.loaded);
  const found = useMemo(
    () => ids.map((id) => list.find((c) => c.id === id || c.name === id || (id.length >= 6 && c.id.startsWith(id)))),
    [ids, list],
  );
  // Names and labels are stable once known: the sources change only when they (or the ids) do, so
  // streams do not restart on every list update. Compose services get one colour and "service-N" labels.
  const sourcesKey = JSON.stringify(
    logSourceLooks(
      found.map((c, i) => ({ id: c?.id ?? ids[i] ?? '', name: c?.name ?? ids[i] ?? '', labels: c?.labels })),
    ).map((look, i) => ({
      id: found[i]?.id ?? ids[i] ?? '',
      name: found[i]?.name ?? ids[i] ?? '',
      label: look.label,
      colour: look.colour,
    })),
  );
  const sources = useMemo(
    () => JSON.parse(sourcesKey) as Array<{ id: string; name: string; label: string; colour: number }>,
    [sourcesKey],
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
              {sources.map((s) => (
                <li key={s.id}>
                  <a
                    className={`log-src log-src-${s.colour % 8}`}
                    href={href(containerPath(s.id, 'logs'))}
                    title={s.label !== s.name ? s.name : undefined}
                  >
                    {s.label}
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

import { useMemo } from 'react';
import { Badge } from '../../components/Badge';
import { containerPath, href } from '../../lib/router';
import { stateLabel, stateTone } from '../../presentation/format';
import { volumeMountUses } from '../../presentation/mounts';
import { useContainersStore } from '../containers/store';
import './volumes.css';

/**
 * The containers mounting a volume: where, and read-only or not. From the live containers store (its
 * mounts), so it follows container events without asking the engine anything per volume.
 */
export function VolumeMounts({ name }: { name: string }) {
  const containers = useContainersStore((s) => s.list);
  const uses = useMemo(() => volumeMountUses(name, containers), [name, containers]);
  const titleId = `vm-${name}`;
  return (
    <section className="vm-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="vm-title">
        Mounted by <span className="page-count tabular">{uses.length}</span>
      </h3>
      {uses.length === 0 ? (
        <p className="rv-faint vm-empty">No container mounts this volume.</p>
      ) : (
        <table className="mini" aria-label="Containers mounting this volume">
          <thead>
            <tr>
              <th>Container</th>
              <th>Mounted at</th>
              <th className="vm-mode">Mode</th>
            </tr>
          </thead>
          <tbody>
            {uses.map((u) => (
              <tr key={`${u.id}:${u.destination}`}>
                <td>
                  <span className="vm-who">
                    <span className={`rv-dot tone-${stateTone(u.state)}`} aria-hidden="true" />
                    <a href={href(containerPath(u.id))} title={`${u.name} (${stateLabel(u.state).toLowerCase()})`}>
                      {u.name}
                    </a>
                  </span>
                </td>
                <td className="mono wrap">{u.destination}</td>
                <td className="vm-mode">
                  {u.readOnly ? <Badge tone="warning">read-only</Badge> : <span className="rv-muted">read-write</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

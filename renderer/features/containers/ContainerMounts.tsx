import { useMemo } from 'react';
import type { ContainerDetail, MountSummary } from '../../../shared/models';
import { Badge } from '../../components/Badge';
import { containerPath, href, volumePath } from '../../lib/router';
import { findContainer, mountOrigins, volumesFromMode } from '../../presentation/mounts';
import { useContainersStore } from './store';

/**
 * The Mounts section's body on a container's Overview: each mount (type, the volume linking to it or the
 * host path, where, read-only or not) and the `--volumes-from` sources, linking to each source container,
 * with the mounts each one gave. Sources are matched in the live containers store (no extra engine call).
 */
export function ContainerMounts({ detail: d }: { detail: Pick<ContainerDetail, 'mounts' | 'volumesFrom'> }) {
  const containers = useContainersStore((s) => s.list);
  const origins = useMemo(() => mountOrigins(d.mounts, d.volumesFrom, containers), [d, containers]);
  const sourceLink = (ref: string) => (
    <a href={href(containerPath(findContainer(ref, containers)?.id ?? ref))} className="mono">
      {ref}
    </a>
  );
  const shared = d.volumesFrom.length > 0;

  return (
    <>
      {d.mounts.length === 0 ? (
        <p className="section-empty">No mounts.</p>
      ) : (
        <table className="mini" aria-label="Mounts">
          <thead>
            <tr>
              <th style={{ width: 70 }}>Type</th>
              <th>Source</th>
              <th>Destination</th>
              <th style={{ width: 80 }}>Mode</th>
              {shared && <th style={{ width: '22%' }}>Shared from</th>}
            </tr>
          </thead>
          <tbody>
            {d.mounts.map((m) => {
              const from = origins.get(m.destination);
              return (
                <tr key={m.destination}>
                  <td>{m.type}</td>
                  <td className="mono wrap">
                    <MountSource mount={m} />
                  </td>
                  <td className="mono wrap">{m.destination}</td>
                  <td>{m.readOnly ? <Badge tone="warning">ro</Badge> : <span className="cell-muted">rw</span>}</td>
                  {shared && <td>{from ? sourceLink(from) : <span className="cell-faint">own</span>}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {shared && (
        <div className="cm-from" role="group" aria-label="Volumes from">
          <span className="cm-from-title">Volumes from</span>
          <ul className="cm-from-list">
            {d.volumesFrom.map((v) => {
              const given = [...origins].filter(([, src]) => src === v.container).map(([dest]) => dest);
              return (
                <li key={v.container}>
                  {sourceLink(v.container)} <span className="cell-muted">· {volumesFromMode(v.mode)}</span>
                  <span className="cell-muted">
                    {' · '}
                    {given.length > 0 ? `gives ${given.join(', ')}` : 'no mount of it found (not listed or gone)'}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </>
  );
}

/** A volume's name linking to it on the Volumes page; a host path or tmpfs as is. */
function MountSource({ mount: m }: { mount: MountSummary }) {
  if (m.type === 'volume' && m.name)
    return (
      <a href={href(volumePath(m.name))} title={`Volume ${m.name}`}>
        {m.name}
      </a>
    );
  return <>{m.source || <span className="cell-faint">{m.type}</span>}</>;
}

import { Unplug } from 'lucide-react';
import type { ReactNode } from 'react';

/** One container's endpoint on one network, as a row of a container's or a network's page. */
export interface EndpointRow {
  key: string;
  /** The other side's name (the network on a container's page, the container on a network's page). */
  name: string;
  /** Its page; none for an endpoint that is no container (a swarm load balancer). */
  href?: string | undefined;
  /** Addresses, MAC, aliases… in the order of the headers after the first. */
  cells: ReactNode[];
  /** The Disconnect button's accessible name ("Disconnect web"); no button without it. */
  disconnectLabel?: string | undefined;
  disconnectTitle?: string | undefined;
  onDisconnect?: () => void;
}

/** The endpoints table of a container's Networks section and of a network's Attached containers. */
export function EndpointTable({
  label,
  headers,
  rows,
  disabled = false,
}: {
  label: string;
  headers: readonly string[];
  rows: readonly EndpointRow[];
  disabled?: boolean;
}) {
  return (
    <table className="mini" aria-label={label}>
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h}>{h}</th>
          ))}
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>
              {r.href ? (
                <a className="row-link" href={r.href}>
                  {r.name}
                </a>
              ) : (
                r.name
              )}
            </td>
            {r.cells.map((c, i) => (
              <td key={i} className={i === r.cells.length - 1 ? 'mono wrap' : 'mono'}>
                {c}
              </td>
            ))}
            <td className="net-actions">
              {r.onDisconnect && (
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  aria-label={r.disconnectLabel}
                  title={r.disconnectTitle}
                  disabled={disabled}
                  onClick={r.onDisconnect}
                >
                  <Unplug size={13} aria-hidden="true" />
                  Disconnect
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

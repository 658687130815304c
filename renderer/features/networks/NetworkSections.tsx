import { Unplug } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '../../components/Badge';
import { useNow } from '../../components/useNow';
import { containerPath, href } from '../../lib/router';
import { formatDateTime, formatRelativeTime } from '../../presentation/format';
import type { NetworkEndpointView, NetworkPageModel } from '../../presentation/networkPage';
import { Row, Section } from '../containers/OverviewSection';

/** The sections of a network's page: summary, attached containers, IPAM, options, labels. */

const faint = (text = '—'): ReactNode => <span className="cell-faint">{text}</span>;

export function SummarySection({ model: m }: { model: NetworkPageModel }) {
  const now = useNow();
  const flags: Array<[boolean, string, 'warning' | 'info']> = [
    [m.flags.internal, 'internal', 'warning'],
    [m.flags.attachable, 'attachable', 'info'],
    [m.flags.ipv6, 'IPv6', 'info'],
    [m.flags.ingress, 'ingress', 'info'],
  ];
  const on = flags.filter(([set]) => set);
  return (
    <Section title="Summary">
      <dl className="kv">
        <Row k="Name">{m.name}</Row>
        <Row k="ID">
          <span className="mono" title={m.id}>
            {m.shortId}
          </span>
        </Row>
        <Row k="Driver">{m.driver || faint()}</Row>
        <Row k="Scope">{m.scope || faint()}</Row>
        <Row k="Created">
          {m.created === undefined ? (
            faint()
          ) : (
            <>
              {formatDateTime(m.created)} <span className="cell-muted">({formatRelativeTime(m.created, now)})</span>
            </>
          )}
        </Row>
        <Row k="Flags">
          <span className="net-flags" aria-label="Flags">
            {on.length
              ? on.map(([, label, tone]) => (
                  <Badge key={label} tone={tone}>
                    {label}
                  </Badge>
                ))
              : faint('none')}
          </span>
        </Row>
      </dl>
      {m.flags.internal && (
        <p className="section-note">Internal: containers on it can reach each other but not the outside world.</p>
      )}
    </Section>
  );
}

export function IpamSection({ model: m }: { model: NetworkPageModel }) {
  return (
    <Section title="IPAM" count={m.ipam.configs.length}>
      <dl className="kv">
        <Row k="Driver">{m.ipam.driver}</Row>
        {m.ipam.options.map(([k, v]) => (
          <Row key={k} k={k}>
            <span className="mono">{v}</span>
          </Row>
        ))}
      </dl>
      {m.ipam.configs.length === 0 ? (
        <p className="section-empty">No address pools.</p>
      ) : (
        <table className="mini" aria-label="IPAM configs">
          <thead>
            <tr>
              <th>Subnet</th>
              <th>Gateway</th>
              <th>IP range</th>
            </tr>
          </thead>
          <tbody>
            {m.ipam.configs.map((c, i) => (
              <tr key={i}>
                <td className="mono">{c.subnet || faint()}</td>
                <td className="mono">{c.gateway || faint()}</td>
                <td className="mono">{c.ipRange || faint('whole subnet')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** Options or labels: key/value rows, sorted by key. */
export function PairsSection({ title, pairs, none }: { title: string; pairs: Array<[string, string]>; none: string }) {
  return (
    <Section title={title} count={pairs.length}>
      {pairs.length === 0 ? (
        <p className="section-empty">{none}</p>
      ) : (
        <table className="mini" aria-label={title}>
          <tbody>
            {pairs.map(([k, v]) => (
              <tr key={k}>
                <td className="mono wrap kv-key">{k}</td>
                <td className="mono wrap">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function AttachedSection({
  model: m,
  action,
  onDisconnect,
  disabled,
}: {
  model: NetworkPageModel;
  action: ReactNode;
  onDisconnect: (e: NetworkEndpointView) => void;
  disabled: boolean;
}) {
  return (
    <Section title="Attached containers" count={m.endpoints.length} aside={action} wide>
      {m.endpoints.length === 0 ? (
        <p className="section-empty">No containers are attached to this network.</p>
      ) : (
        <table className="mini" aria-label="Attached containers">
          <thead>
            <tr>
              <th>Container</th>
              <th>IPv4</th>
              <th>IPv6</th>
              <th>MAC</th>
              <th>Aliases</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {m.endpoints.map((e) => (
              <tr key={e.containerId}>
                <td>
                  {e.isContainer ? (
                    <a className="row-link" href={href(containerPath(e.containerId))}>
                      {e.name}
                    </a>
                  ) : (
                    <span title="An endpoint of the engine's own (load balancer)">{e.name}</span>
                  )}
                </td>
                <td className="mono">{e.ipv4 || faint()}</td>
                <td className="mono">{e.ipv6 || faint()}</td>
                <td className="mono">{e.mac || faint()}</td>
                <td className="mono wrap">
                  {e.aliases === undefined ? faint('…') : e.aliases.length ? e.aliases.join(', ') : faint()}
                </td>
                <td className="net-actions">
                  {e.isContainer && (
                    <button
                      type="button"
                      className="btn btn-sm btn-ghost"
                      aria-label={`Disconnect ${e.name}`}
                      title={`Disconnect ${e.name} from ${m.name}`}
                      disabled={disabled}
                      onClick={() => onDisconnect(e)}
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
      )}
    </Section>
  );
}

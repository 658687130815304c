import type { ReactNode } from 'react';
import { Badge } from '../../components/Badge';
import { useNow } from '../../components/useNow';
import { containerPath, href } from '../../lib/router';
import { formatDateTime, formatRelativeTime } from '../../presentation/format';
import type { NetworkEndpointView, NetworkPageModel } from '../../presentation/networkPage';
import { Row, Section } from '../containers/OverviewSection';
import { EndpointTable } from './EndpointTable';

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
              {['Subnet', 'Gateway', 'IP range'].map((h) => (
                <th key={h}>{h}</th>
              ))}
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
        <EndpointTable
          label="Attached containers"
          headers={['Container', 'IPv4', 'IPv6', 'MAC', 'Aliases']}
          disabled={disabled}
          rows={m.endpoints.map((e) => ({
            key: e.containerId,
            name: e.name,
            href: e.isContainer ? href(containerPath(e.containerId)) : undefined,
            cells: [
              e.ipv4 || faint(),
              e.ipv6 || faint(),
              e.mac || faint(),
              e.aliases === undefined ? faint('…') : e.aliases.join(', ') || faint(),
            ],
            ...(e.isContainer && {
              disconnectLabel: `Disconnect ${e.name}`,
              disconnectTitle: `Disconnect ${e.name} from ${m.name}`,
              onDisconnect: () => onDisconnect(e),
            }),
          }))}
        />
      )}
    </Section>
  );
}

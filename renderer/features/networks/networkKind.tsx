import { Network } from 'lucide-react';
import { Badge } from '../../components/Badge';
import { lazyComponent } from '../../components/lazyComponent';
import { toast } from '../../components/Toasts';
import { api } from '../../api';
import { formatDateTime, plural } from '../../presentation/format';
import {
  BUILT_IN_NETWORK_NOTE,
  describeUsedBy,
  networkRemovalText,
  type NetworkRow,
} from '../../presentation/resources';
import { Facts } from '../resources/InspectDrawer';
import type { ResourceKindSpec } from '../resources/ResourcePage';
import { perRowRemoval, type Removal } from '../resources/useRemoval';
import { searchedByName, textColumn, usedByColumn } from '../resources/columns';
import { networksList } from './networksStore';

/** Networks as a resource page describes them: columns, inspect summary, removal. */

const ipOf = (c: { ipv4?: string }): string | undefined => c.ipv4 || undefined;

function subnetsText(r: NetworkRow): string {
  return r.subnets.map((s, i) => `${s}${r.gateways[i] ? ` via ${r.gateways[i]}` : ''}`).join(', ');
}

export const networkKind: ResourceKindSpec<NetworkRow, NetworkRow> = {
  ...searchedByName,
  rowId: (r) => r.id,
  title: 'Networks',
  noun: 'Network',
  icon: Network,
  compactColumns: new Set(['name', 'containers']),
  columns: () => [
    textColumn('name', 'Name', (r) => ({
      text: r.name,
      title: `${r.name} (${r.id})`,
      badge: r.builtIn && (
        <Badge tone="info" title={BUILT_IN_NETWORK_NOTE}>
          built-in
        </Badge>
      ),
    })),
    textColumn('driver', 'Driver', (r) => ({ text: r.driver }), { width: 90 }),
    textColumn('scope', 'Scope', (r) => ({ text: r.scope }), { width: 80 }),
    {
      id: 'subnet',
      header: 'Subnet / gateway',
      width: 230,
      sortValue: (r) => r.subnets[0],
      cell: (r) =>
        r.subnets.length === 0 ? (
          <span className="rv-faint">—</span>
        ) : (
          <span className="rv-subnet" title={subnetsText(r).replaceAll(', ', '\n')}>
            <span className="mono">{r.subnets[0]}</span>
            {r.gateways[0] && <span className="rv-subnet-gw mono">gw {r.gateways[0]}</span>}
            {r.subnets.length > 1 && <span className="rv-more">+{r.subnets.length - 1}</span>}
          </span>
        ),
    },
    {
      id: 'internal',
      header: 'Internal',
      width: 76,
      sortValue: (r) => (r.internal ? 1 : 0),
      cell: (r) => (r.internal ? <Badge tone="warning">internal</Badge> : <span className="rv-faint">no</span>),
    },
    usedByColumn('containers', 'Attached', (r) => r.containers, { width: 300, budgetChars: 38, detail: ipOf }),
  ],
  inspect: {
    load: (r) => api.invoke('networks.inspect', { id: r.id }),
    summary: (r) => (
      <Facts
        items={[
          ['ID', <span className="mono">{r.shortId}</span>],
          ['Driver', `${r.driver} (${r.scope})${r.internal ? ', internal' : ''}`],
          ['Subnets', r.subnets.length ? <span className="mono">{subnetsText(r)}</span> : '—'],
          ['Created', r.created === undefined ? '—' : formatDateTime(r.created)],
          [
            'Attached',
            r.containers.length ? (
              describeUsedBy(r.containers, 5, ipOf)
            ) : (
              <span className="rv-faint">no containers</span>
            ),
          ],
        ]}
      />
    ),
  },
  removal: perRowRemoval({
    noun: 'network',
    label: (r) => r.name,
    rowKey: (r) => r.id,
    partition: (rows) => ({ removable: rows.filter((r) => !r.builtIn), skipped: rows.filter((r) => r.builtIn) }),
    onNothingRemovable: (skipped) =>
      toast.info(`${skipped.map((r) => r.name).join(', ')} cannot be removed`, BUILT_IN_NETWORK_NOTE),
    run: (r) => api.invoke('networks.remove', { id: r.id }),
    refresh: () => networksList.refresh(),
  }),
  removalText,
  empty: {
    title: 'No networks',
    hint: 'A user-defined bridge lets containers reach each other by name.',
  },
  prune: lazyComponent(() => import('./networkPrune').then((m) => m.NetworkPruneDialog)),
};

function removalText(removal: Removal<NetworkRow, NetworkRow>) {
  const { rows, skipped } = removal;
  const single = rows.length === 1 ? rows[0] : undefined;
  const attached = rows.filter((r) => r.containers.length > 0);
  return {
    title: single ? `Remove network ${single.name}?` : `Remove ${plural(rows.length, 'network')}?`,
    message: (
      <>
        {single ? networkRemovalText(single) : 'These networks will be removed:'}
        {attached.length > 0 && (
          <span className="rv-note">
            {' '}
            {single
              ? `Attached: ${describeUsedBy(single.containers, 5, ipOf)}.`
              : `${plural(attached.length, 'of them has', 'of them have')} attached containers.`}
          </span>
        )}
        {skipped.length > 0 && (
          <span className="rv-note">
            {' '}
            {skipped.map((r) => r.name).join(', ')} {skipped.length === 1 ? 'stays' : 'stay'}: built-in networks cannot
            be removed.
          </span>
        )}
      </>
    ),
    items: single ? undefined : rows.map((r) => r.name),
    itemsLabel: 'Networks to remove',
    confirmLabel: single ? 'Remove' : `Remove ${rows.length}`,
    failureHint: removal.failures.some((f) => f.step.containers.length > 0)
      ? 'Disconnect or remove the attached containers first.'
      : undefined,
  };
}

import { z } from 'zod';
import { invoke } from '../contract-kit';
import { Json } from '../json';
import { ContainerId, NetworkId, NetworkSummary } from '../models';
import type { ConnectSpec, NetworkSpec } from '../network-spec';

/**
 * Channels for networks. Spread into the one contract by shared/contract.ts; implemented by
 * electron/handlers/networks.ts.
 *
 * Errors of create and connect carry `details.fields: Record<field, message>` (field addresses as in
 * shared/network-spec.ts) like the Run dialog's: INVALID_ARGUMENT for a spec that fails validation (the
 * engine sees nothing), CONFLICT on `name` for a taken name, the engine's "Pool overlaps" on the subnet
 * that overlaps, and `form` with the engine's words for anything else.
 */

const Text = (max = 4096) => z.string().max(max);
const KeyValue = z.object({ key: Text(1024), value: Text(65536) });

/** The shape of a Create network dialog's spec; the rules are validateNetworkSpec's, which the handler runs. */
export const NetworkSpecSchema = z.object({
  name: Text(1024),
  driver: Text(256).default('bridge'),
  ipam: z
    .array(z.object({ subnet: Text(64), gateway: Text(64).default(''), ipRange: Text(64).default('') }))
    .max(16)
    .default([]),
  ipv6: z.boolean().default(false),
  internal: z.boolean().default(false),
  attachable: z.boolean().default(false),
  labels: z.array(KeyValue).max(1000).default([]),
  options: z.array(KeyValue).max(100).default([]),
}) satisfies z.ZodType<NetworkSpec>;

const Alias = Text(253);

export const ConnectSpecSchema = z.object({
  aliases: z.array(Alias).max(100).default([]),
  ipv4: Text(64).default(''),
  ipv6: Text(64).default(''),
  links: z.array(Text(600)).max(100).default([]),
}) satisfies z.ZodType<ConnectSpec>;

export const LabelFilterSchema = z.object({
  key: Text(1024).min(1),
  value: Text(65536).optional(),
  /** `label!=…`: networks without this label (or value). */
  not: z.boolean().optional(),
});

export const NetworkPruneCandidate = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  created: z.string(),
  labels: z.record(z.string(), z.string()),
  /**
   * Containers that are not running but are configured with this network (created, or stopped): the
   * engine's prune removes it all the same, and they then cannot start. For the preview to warn.
   */
  configuredBy: z.array(z.string()),
});
export type NetworkPruneCandidate = z.infer<typeof NetworkPruneCandidate>;

export const NetworkPruneResult = z.object({
  removed: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Each network that stayed, with why: the engine's reason, "already gone", or the containers it gained. */
  failed: z.array(z.object({ id: z.string(), name: z.string(), code: z.string(), message: z.string() })),
});
export type NetworkPruneResult = z.infer<typeof NetworkPruneResult>;

const ByNetwork = z.object({ id: NetworkId });

export const networksContract = {
  /** `usage: false`: no container list, every `containers` empty (shared/usage.ts joins it), as images.list. */
  'networks.list': invoke(z.object({ usage: z.boolean().default(true) }), z.array(NetworkSummary)),
  'networks.inspect': invoke(ByNetwork, z.object({ raw: Json })),
  'networks.remove': invoke(ByNetwork, z.void()),
  /** `docker network create`. Returns the new network's id; a refused create leaves no network. */
  'networks.create': invoke(z.object({ spec: NetworkSpecSchema }), z.object({ id: z.string() })),
  /**
   * `docker network connect`: aliases, static IPv4/IPv6 and links. Field errors as create's: `ipv4`,
   * `ipv6`, `aliases.N`, `aliases` (the engine refuses aliases on the default bridge), `links.N`,
   * `container` and `network` (NOT_FOUND), `form`.
   */
  'networks.connect': invoke(
    z.object({
      network: NetworkId,
      container: ContainerId,
      spec: ConnectSpecSchema.default({ aliases: [], ipv4: '', ipv6: '', links: [] }),
    }),
    z.void(),
  ),
  /** `docker network disconnect [--force]`. */
  'networks.disconnect': invoke(
    z.object({ network: NetworkId, container: ContainerId, force: z.boolean().default(false) }),
    z.void(),
  ),
  /**
   * The networks a prune would remove, as the engine's prune chooses them: not built in, no endpoints
   * (a created-but-never-started container has none), matching every label filter and, with `until`,
   * created before it (a Go duration such as `24h`, unix seconds, or an RFC 3339 time). Nothing is removed.
   */
  'networks.prunePreview': invoke(
    z.object({ labels: z.array(LabelFilterSchema).max(50).default([]), until: Text(64).optional() }),
    z.array(NetworkPruneCandidate),
  ),
  /**
   * Removes exactly these networks (ids from the preview). Each is checked again first: one that gained
   * a container since the preview stays and is reported in `failed`, as is every engine refusal.
   */
  'networks.prune': invoke(z.object({ ids: z.array(NetworkId).min(1).max(10_000) }), NetworkPruneResult),
} as const;

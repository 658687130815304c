import type { Handlers } from '../../shared/contract-kit';
import type { networksContract } from '../../shared/contracts/networks';
import { BerthError } from '../../shared/errors';
import {
  overlappingRows,
  parseUntil,
  staticAddressError,
  toNetworkCreateBody,
  validateConnectSpec,
  validateNetworkSpec,
  type ConnectSpec,
  type NetworkSpec,
} from '../../shared/network-spec';
import type { FieldErrors } from '../../shared/run-spec';
import type { EngineClient } from '../engine/engine';
import type { EngineApi } from '../engine/engine-api';
import { toBerthError } from '../errors/engine-errors';
import {
  connectNetwork,
  containerExists,
  createNetwork,
  disconnectNetwork,
  existingSubnets,
  listNetworkSummaries,
  networkAddressing,
  networkExists,
  pruneCandidates,
  pruneNetworks,
  rawNetwork,
  removeNetwork,
} from '../engine/networks';

type NetworkHandlers = Handlers<typeof networksContract>;

function fieldError(code: BerthError['code'], message: string, fields: FieldErrors): BerthError {
  return new BerthError(code, message, { fields });
}

function invalid(errors: FieldErrors): void {
  const first = Object.entries(errors)[0];
  if (first) throw fieldError('INVALID_ARGUMENT', first[1], errors);
}

// The engine has no error code for an overlapping pool; its refusal names the cause in text
// ("invalid pool request: Pool overlaps with other one on this address space").
const POOL_OVERLAPS = /pool overlaps/i;

/** The field an engine refusal of create concerns: the overlapping subnet, the name, else the form. */
async function createRefusal(docker: EngineClient, spec: NetworkSpec, e: unknown): Promise<BerthError> {
  const be = toBerthError(e);
  if (be.code === 'CONFLICT') return fieldError('CONFLICT', be.message, { name: be.message });
  if (POOL_OVERLAPS.test(be.message)) {
    // Which of our subnets it is, found by asking the engine for the subnets it has (the message names none).
    const rows = await existingSubnets(docker)
      .then((subnets) => overlappingRows(spec, subnets))
      .catch(() => []);
    const fallback = spec.ipam.findIndex((r) => r.subnet.trim());
    const fields: FieldErrors = {};
    for (const i of rows.length ? rows : fallback >= 0 ? [fallback] : []) fields[`ipam.${i}.subnet`] = be.message;
    return fieldError(be.code, be.message, Object.keys(fields).length ? fields : { form: be.message });
  }
  // "could not find an available, non-overlapping IPv6 address pool ...": IPv6 on without an IPv6 subnet.
  if (spec.ipv6 && /ipv6/i.test(be.message)) return fieldError(be.code, be.message, { ipv6: be.message });
  return fieldError(be.code, be.message, { form: be.message });
}

/** The field an engine refusal of connect concerns. */
async function connectRefusal(
  docker: EngineClient,
  network: string,
  container: string,
  spec: ConnectSpec,
  e: unknown,
): Promise<BerthError> {
  const be = toBerthError(e);
  if (be.code === 'NOT_FOUND') {
    if (!(await networkExists(docker, network)))
      return fieldError('NOT_FOUND', be.message, { network: `No network named “${network}”` });
    if (!(await containerExists(docker, container)))
      return fieldError('NOT_FOUND', be.message, { container: `No container named “${container}”` });
  }
  const ipv4 = spec.ipv4.trim();
  const ipv6 = spec.ipv6.trim();
  // Address refusals ("user specified IP address is supported only …", "Address already in use",
  // "no available IPv4 addresses …") concern the static address when one was given.
  if ((ipv4 || ipv6) && /address|\bip\b|ipam/i.test(be.message)) {
    const field = ipv6 && (!ipv4 || be.message.includes(ipv6) || /ipv6/i.test(be.message)) ? 'ipv6' : 'ipv4';
    return fieldError(be.code, be.message, { [field]: be.message });
  }
  // "network-scoped alias is supported only for containers in user defined networks" (the default bridge).
  if (spec.aliases.length && /\balias/i.test(be.message))
    return fieldError(be.code, be.message, { aliases: be.message });
  return fieldError(be.code, be.message, { form: be.message });
}

export function networkHandlers(engine: EngineApi): NetworkHandlers {
  return {
    'networks.list': async ({ usage }) => listNetworkSummaries(await engine.docker(), usage),
    'networks.inspect': async ({ id }) => rawNetwork(await engine.docker(), id),
    'networks.remove': async ({ id }) => removeNetwork(await engine.docker(), id),

    'networks.create': async ({ spec }) => {
      invalid(validateNetworkSpec(spec));
      const docker = await engine.docker();
      try {
        return { id: await createNetwork(docker, toNetworkCreateBody(spec)) };
      } catch (e) {
        // The engine creates a network whole or not at all: a refusal leaves nothing to clean up.
        throw await createRefusal(docker, spec, e);
      }
    },

    'networks.connect': async ({ network, container, spec }) => {
      invalid(validateConnectSpec(spec));
      const docker = await engine.docker();
      const addressing = spec.ipv4.trim() || spec.ipv6.trim() ? await networkAddressing(docker, network) : undefined;
      if (addressing) {
        const errors: FieldErrors = {};
        for (const field of ['ipv4', 'ipv6'] as const) {
          const err = spec[field].trim() && staticAddressError(spec[field], addressing.subnets, addressing.taken);
          if (err) errors[field] = err;
        }
        invalid(errors);
      }
      // The engine stores a link to a container that does not exist without a word (it resolves to nothing).
      for (const [i, link] of spec.links.entries()) {
        const target = link.split(':')[0] ?? '';
        if (!(await containerExists(docker, target)))
          throw fieldError('NOT_FOUND', `No container named “${target}”`, {
            [`links.${i}`]: `No container named “${target}”`,
          });
      }
      try {
        await connectNetwork(docker, network, { container, ...spec });
      } catch (e) {
        throw await connectRefusal(docker, network, container, spec, e);
      }
    },

    'networks.disconnect': async ({ network, container, force }) => {
      const docker = await engine.docker();
      await disconnectNetwork(docker, network, container, force);
    },

    'networks.prunePreview': async ({ labels, until }) => {
      let untilMs: number | undefined;
      if (until !== undefined && until.trim()) {
        const u = parseUntil(until, Date.now());
        if (!u.ok) throw fieldError('INVALID_ARGUMENT', u.error, { until: u.error });
        untilMs = u.value;
      }
      const docker = await engine.docker();
      return pruneCandidates(docker, { labels, untilMs });
    },

    'networks.prune': async ({ ids }) => {
      const docker = await engine.docker();
      return pruneNetworks(docker, ids);
    },
  };
}

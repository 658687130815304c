import type { Handlers } from '../../shared/contract-kit';
import type { runContract } from '../../shared/contracts/run';
import { BerthError } from '../../shared/errors';
import {
  BUILTIN_NETWORKS,
  parsePortSpec,
  refusalField,
  toCreateOptions,
  validateRunSpec,
  type FieldErrors,
  type RunSpec,
} from '../../shared/run-spec';
import type { EngineClient } from '../engine/engine';
import type { EngineApi } from '../engine/engine-api';
import { toBerthError } from '../errors/engine-errors';
import {
  containerInfo,
  createContainer,
  removeContainer,
  startContainer,
  type CreatedContainer,
} from '../engine/containers';
import { inspectImage } from '../engine/images';
import { containerExists, networkExists } from '../engine/networks';

type RunHandlers = Handlers<typeof runContract>;

function fieldError(
  code: BerthError['code'],
  message: string,
  fields: FieldErrors,
  extra: Record<string, unknown> = {},
) {
  return new BerthError(code, message, { ...extra, fields });
}

/** Which referenced object a NOT_FOUND from create is about, found by asking the engine (never by message text). */
async function missingField(docker: EngineClient, spec: RunSpec): Promise<FieldErrors> {
  const network = spec.network.trim();
  if (!(BUILTIN_NETWORKS as readonly string[]).includes(network) && !network.startsWith('container:')) {
    if (!(await networkExists(docker, network))) return { network: `No network named “${network}”` };
  }
  for (const [i, f] of spec.volumesFrom.entries()) {
    const ref = f.trim().replace(/:(ro|rw)$/, '');
    if (ref && !(await containerExists(docker, ref))) return { [`volumesFrom.${i}`]: `No container named “${ref}”` };
  }
  return {};
}

/** Host ports a start failure may be about; `ports` is the field when the spec publishes fixed host ports. */
function publishesFixedHostPort(spec: RunSpec): boolean {
  return spec.ports.some((p) => {
    const r = parsePortSpec(p);
    return r.ok && r.value.some((rule) => rule.hostPort !== '');
  });
}

// The engine has no error code for "address in use"; its start error (a 500) names the cause in text.
const PORT_TAKEN = /port is already allocated|address already in use|bind for .* failed/i;

export function runHandlers(engine: EngineApi): RunHandlers {
  return {
    'containers.create': async ({ spec, start }) => {
      const errors = validateRunSpec(spec);
      const first = Object.entries(errors)[0];
      if (first) throw fieldError('INVALID_ARGUMENT', first[1], errors);
      const { name, body } = toCreateOptions(spec);
      const docker = await engine.docker();

      // An unknown image is the image field's error (Berth does not pull here).
      try {
        await inspectImage(docker, body.Image);
      } catch (e) {
        const be = toBerthError(e);
        if (be.code === 'NOT_FOUND') {
          throw fieldError('NOT_FOUND', be.message, { image: `${be.message}. Pull or build it first.` });
        }
        throw be;
      }

      let created: CreatedContainer;
      try {
        created = await createContainer(docker, name, body);
      } catch (e) {
        const be = toBerthError(e);
        if (be.code === 'NOT_FOUND') {
          const fields = await missingField(docker, spec);
          throw fieldError('NOT_FOUND', be.message, Object.keys(fields).length ? fields : { form: be.message });
        }
        if (be.code === 'CONFLICT' && name) throw fieldError('CONFLICT', be.message, { name: be.message });
        throw fieldError(be.code, be.message, { [refusalField(spec, be.message)]: be.message }, be.details);
      }

      if (start) {
        try {
          await startContainer(docker, created.Id);
        } catch (e) {
          const be = toBerthError(e);
          // Leave nothing behind: the container was made only to be run.
          await removeContainer(docker, created.Id, { force: true, volumes: true }).catch(() => undefined);
          // Some engines only check the network (or volumes-from) when starting.
          const missing = be.code === 'NOT_FOUND' ? await missingField(docker, spec) : {};
          const field =
            publishesFixedHostPort(spec) && PORT_TAKEN.test(be.message) ? 'ports' : refusalField(spec, be.message);
          const fields = Object.keys(missing).length ? missing : { [field]: be.message };
          throw fieldError(be.code, be.message, fields, { stage: 'start', removed: true });
        }
      }
      let containerName = name ?? '';
      try {
        const info = await containerInfo(docker, created.Id);
        containerName = info.Name.replace(/^\//, '');
      } catch {
        /* auto-removed already (a --rm container that exited at once) */
      }
      return { id: created.Id, name: containerName, warnings: created.Warnings ?? [] };
    },
  };
}

import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Check } from '../../components/FormField';
import { composeCommandPreview, runTitle, targetOfStack } from '../../presentation/compose';
import { plural } from '../../presentation/format';
import type { Stack } from '../../presentation/stacks';
import { useComposeCli } from './cliStore';
import { startComposeRun } from './runStore';

/**
 * Removes one service's containers through the CLI (`rm --stop --force [-v] service`), listing exactly
 * which containers go (from the live tree). The project's networks and named volumes stay; "Up" brings
 * the service back.
 */
export function RemoveServiceDialog({ stack, service, onClose }: { stack: Stack; service: string; onClose(): void }) {
  const uid = useId();
  const cli = useComposeCli((s) => s.info);
  const [volumes, setVolumes] = useState(false);
  const target = targetOfStack(stack);
  const containers = stack.services.find((s) => s.name === service)?.containers ?? [];
  if (!target) return null;
  const op = { op: 'remove' as const, target, services: [service], volumes };
  const confirm = (): void => {
    startComposeRun(op, stack.project, runTitle(op, stack.project));
    onClose();
  };
  return (
    <Dialog
      open
      title={`Remove ${stack.project}/${service}?`}
      width={560}
      onClose={onClose}
      description="Stops and removes this service’s containers. The project’s networks and named volumes stay; Up brings the service back."
      footer={
        <>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm} disabled={containers.length === 0}>
            Remove {plural(containers.length, 'container')}
          </button>
        </>
      }
    >
      <div className="stack-down-options">
        <Check
          id={`${uid}-volumes`}
          label="Also remove their anonymous volumes"
          hint="-v"
          checked={volumes}
          onChange={setVolumes}
        />
      </div>
      <section className="stack-down-list" aria-label="What goes">
        <p className="confirm-message">
          {containers.length === 0
            ? `${service} has no containers.`
            : `${plural(containers.length, 'container')} will be removed:`}
        </p>
        <ul className="confirm-items" aria-label="Containers to remove">
          {containers.map((c) => (
            <li key={c.id} className="mono">
              {c.name} ({c.state})
            </li>
          ))}
        </ul>
      </section>
      <div className="stack-down-command mono" aria-label="Command">
        {composeCommandPreview(cli, op)}
      </div>
    </Dialog>
  );
}

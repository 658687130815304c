import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
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
  const cli = useComposeCli((s) => s.info);
  const [volumes, setVolumes] = useState(false);
  const target = targetOfStack(stack);
  const containers = stack.services.find((s) => s.name === service)?.containers ?? [];
  if (!target) return null;
  const op = { op: 'remove' as const, target, services: [service], volumes };
  return (
    <ConfirmDialog
      open
      title={`Remove ${stack.project}/${service}?`}
      message={
        containers.length === 0
          ? `${service} has no containers.`
          : `${plural(containers.length, 'container')} will be removed; the project’s networks and named volumes stay, and Up brings the service back:`
      }
      items={containers.map((c) => `${c.name} (${c.state})`)}
      itemsLabel="Containers to remove"
      options={[{ id: 'volumes', label: 'Also remove their anonymous volumes', hint: '-v' }]}
      onOptionsChange={(o) => setVolumes(o.volumes === true)}
      confirmLabel={`Remove ${plural(containers.length, 'container')}`}
      confirmDisabled={containers.length === 0}
      onConfirm={() => {
        startComposeRun(op, stack.project, runTitle(op, stack.project));
        onClose();
      }}
      onCancel={onClose}
    >
      <div className="stack-down-command mono" aria-label="Command">
        {composeCommandPreview(cli, op)}
      </div>
    </ConfirmDialog>
  );
}

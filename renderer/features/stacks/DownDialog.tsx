import { useId, useState } from 'react';
import type { DownPreview } from '../../../shared/contracts/stacks';
import { Dialog } from '../../components/Dialog';
import { Check } from '../../components/FormField';
import { SegmentedControl } from '../../components/SegmentedControl';
import { Spinner } from '../../components/Spinner';
import { api } from '../../api';
import { composeCommandPreview, runTitle, targetOfStack } from '../../presentation/compose';
import { plural } from '../../presentation/format';
import type { Stack } from '../../presentation/stacks';
import { useComposeCli } from './cliStore';
import { startComposeRun } from './runStore';
import { useKeyedQuery } from './useKeyedQuery';

type Rmi = 'none' | 'local' | 'all';

const RMI_OPTIONS: Array<{ value: Rmi; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'local', label: 'Built here' },
  { value: 'all', label: 'All' },
];

/**
 * `down` of a project: its options, and exactly what goes (containers, networks, volumes, images) from
 * `stacks.downPreview`, asked again whenever an option changes. The confirm button names the project.
 */
export function DownDialog({ stack, onClose }: { stack: Stack; onClose(): void }) {
  const uid = useId();
  const cli = useComposeCli((s) => s.info);
  const target = targetOfStack(stack);
  const [volumes, setVolumes] = useState(false);
  const [removeOrphans, setRemoveOrphans] = useState(false);
  const [rmi, setRmi] = useState<Rmi>('none');
  const key = target ? JSON.stringify({ target, volumes, rmi }) : undefined;
  const preview = useKeyedQuery(key, () => api.invoke('stacks.downPreview', { target: target!, volumes, rmi }));
  if (!target) return null;
  const op = { op: 'down' as const, target, volumes, removeOrphans, rmi };
  const confirm = (): void => {
    startComposeRun(op, stack.project, runTitle(op, stack.project));
    onClose();
  };
  return (
    <Dialog
      open
      title={`Down ${stack.project}?`}
      width={620}
      onClose={onClose}
      description="Stops and removes the project’s containers and networks. Named volumes and images stay unless chosen below."
      footer={
        <>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={confirm}
            disabled={preview.loading && !preview.data}
          >
            Down {stack.project}
          </button>
        </>
      }
    >
      <div className="stack-down-options">
        <Check
          id={`${uid}-volumes`}
          label="Remove named volumes (their data is deleted)"
          hint="--volumes"
          checked={volumes}
          onChange={setVolumes}
        />
        <Check
          id={`${uid}-orphans`}
          label="Remove containers of services no longer in the files"
          hint="--remove-orphans"
          checked={removeOrphans}
          onChange={setRemoveOrphans}
        />
        <div className="stack-down-rmi">
          <span className="field-label">Remove images</span>
          <SegmentedControl label="Remove images" value={rmi} options={RMI_OPTIONS} onChange={setRmi} />
        </div>
      </div>
      <DownList preview={preview.data} loading={preview.loading} error={preview.error?.message} />
      <div className="stack-down-command mono" aria-label="Command">
        {composeCommandPreview(cli, op)}
      </div>
    </Dialog>
  );
}

function DownList({
  preview,
  loading,
  error,
}: {
  preview: DownPreview | undefined;
  loading: boolean;
  error: string | undefined;
}) {
  if (error) {
    return (
      <div className="inline-error" role="alert">
        Could not list what would go: {error}
      </div>
    );
  }
  if (!preview) return <Spinner size={14} label="Listing what would go" />;
  const groups: Array<{ title: string; items: string[] }> = [
    { title: 'Containers', items: preview.containers.map((c) => `${c.name} (${c.service}, ${c.state})`) },
    { title: 'Networks', items: preview.networks },
    { title: 'Volumes', items: preview.volumes },
    { title: 'Images', items: preview.images },
  ];
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <section className="stack-down-list" aria-label="What goes" aria-busy={loading || undefined}>
      <p className="confirm-message">
        {total === 0 ? 'Nothing of this project exists any more.' : `${plural(total, 'object')} will be removed:`}
      </p>
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <div key={g.title} className="stack-down-group">
            <h3 className="stack-section-title">
              {g.title} <span className="tabular cell-muted">{g.items.length}</span>
            </h3>
            <ul className="confirm-items" aria-label={`${g.title} to remove`}>
              {g.items.map((item) => (
                <li key={item} className="mono">
                  {item}
                </li>
              ))}
            </ul>
          </div>
        ))}
    </section>
  );
}

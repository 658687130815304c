import { Plus, X } from 'lucide-react';
import { Field, FormSection } from '../../../components/FormField';
import { IconButton } from '../../../components/IconButton';
import { useContainersStore } from '../../containers/store';
import { useVolumes } from '../../volumes/volumesStore';
import type { RunSectionProps } from './types';
import { VolumeRowEditor } from './VolumeRowEditor';

/** The Run dialog's Volumes section: named volumes, host folders, volumes from other containers. */
export function VolumesSection({ uid, spec, update, touch, err, errors }: RunSectionProps) {
  const volumes = useVolumes();
  const containers = useContainersStore((s) => s.list);
  return (
    <FormSection id={`${uid}-volumes`} title="Volumes" hint="A named volume is created when it does not exist yet">
      <datalist id={`${uid}-volumes`}>
        {volumes.items
          .filter((v) => !v.anonymous)
          .map((v) => (
            <option key={v.name} value={v.name} />
          ))}
      </datalist>
      {spec.volumes.map((v, i) => (
        <VolumeRowEditor
          key={i}
          uid={uid}
          index={i}
          row={v}
          errors={errors}
          onChange={(row) =>
            update(
              'volumes',
              spec.volumes.map((x, j) => (j === i ? row : x)),
              `volumes.${i}`,
            )
          }
          onRemove={() =>
            update(
              'volumes',
              spec.volumes.filter((_, j) => j !== i),
              'volumes',
            )
          }
          onBlur={touch(`volumes.${i}`)}
          existing={volumes.items.some((x) => x.name === v.source.trim())}
        />
      ))}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() =>
            update('volumes', [...spec.volumes, { kind: 'volume', source: '', target: '', readOnly: false }])
          }
        >
          <Plus size={13} aria-hidden="true" />
          Add named volume
        </button>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() =>
            update('volumes', [...spec.volumes, { kind: 'bind', source: '', target: '', readOnly: false }])
          }
        >
          <Plus size={13} aria-hidden="true" />
          Add host folder
        </button>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() => update('volumesFrom', [...spec.volumesFrom, ''])}
        >
          <Plus size={13} aria-hidden="true" />
          Add volumes from a container
        </button>
      </div>
      <datalist id={`${uid}-containers`}>
        {containers.map((c) => (
          <option key={c.id} value={c.name} />
        ))}
      </datalist>
      {spec.volumesFrom.map((f, i) => (
        <div key={i} className="form-row">
          <Field
            id={`${uid}-vfrom-${i}`}
            label={`Volumes from ${i + 1}`}
            error={err(`volumesFrom.${i}`)}
            grow
            hint="Every volume of that container; add :ro for read-only"
          >
            <input
              className="input"
              list={`${uid}-containers`}
              value={f}
              spellCheck={false}
              onChange={(e) =>
                update(
                  'volumesFrom',
                  spec.volumesFrom.map((x, j) => (j === i ? e.target.value : x)),
                  `volumesFrom.${i}`,
                )
              }
              onBlur={touch(`volumesFrom.${i}`)}
            />
          </Field>
          <IconButton
            label={`Remove volumes from ${i + 1}`}
            icon={X}
            size="sm"
            onClick={() =>
              update(
                'volumesFrom',
                spec.volumesFrom.filter((_, j) => j !== i),
                'volumesFrom',
              )
            }
          />
        </div>
      ))}
    </FormSection>
  );
}

import { TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { SystemPruneKinds } from '../../../shared/contracts/system';
import { SegmentedControl } from '../../components/SegmentedControl';

type ImagesMode = SystemPruneKinds['images'];
type VolumesMode = SystemPruneKinds['volumes'];

const IMAGE_MODES: ReadonlyArray<{ value: ImagesMode; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'dangling', label: 'Dangling' },
  { value: 'all', label: 'All unused' },
];
const VOLUME_MODES: ReadonlyArray<{ value: VolumesMode; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'anonymous', label: 'Anonymous' },
  { value: 'all', label: 'All unused' },
];

const IMAGE_HINTS: Record<ImagesMode, string> = {
  none: 'Images are kept.',
  dangling: 'Untagged images nothing uses.',
  all: 'Every image no container uses, tagged or not.',
};
const VOLUME_HINTS: Record<VolumesMode, string> = {
  none: 'Volumes are kept.',
  anonymous: 'Unused volumes without a name (left by removed containers).',
  all: 'Every volume no container uses, named or not.',
};

/** The kinds a system prune considers, each opt-in; volumes off unless asked for, with a warning. */
export function PruneKindsSection({
  kinds,
  onChange,
  disabled,
}: {
  kinds: SystemPruneKinds;
  onChange: (patch: Partial<SystemPruneKinds>) => void;
  disabled: boolean;
}) {
  return (
    <fieldset className="sy-kinds" disabled={disabled} aria-label="What to prune">
      <KindCheck
        label="Stopped containers"
        hint="Containers that are not running, paused or restarting."
        checked={kinds.containers}
        onChange={(containers) => onChange({ containers })}
      />
      <KindCheck
        label="Unused networks"
        hint="User-defined networks no container is connected to."
        checked={kinds.networks}
        onChange={(networks) => onChange({ networks })}
      />
      <KindRow label="Images" hint={IMAGE_HINTS[kinds.images]}>
        <SegmentedControl
          label="Images to prune"
          value={kinds.images}
          options={IMAGE_MODES}
          onChange={(images) => onChange({ images })}
        />
      </KindRow>
      <KindCheck
        label="Build cache"
        hint="Build cache records no build is using."
        checked={kinds.buildCache}
        onChange={(buildCache) => onChange({ buildCache })}
      />
      <KindRow label="Volumes" hint={VOLUME_HINTS[kinds.volumes]}>
        <SegmentedControl
          label="Volumes to prune"
          value={kinds.volumes}
          options={VOLUME_MODES}
          onChange={(volumes) => onChange({ volumes })}
        />
      </KindRow>
      {kinds.volumes !== 'none' && (
        <div className="sy-warning" role="note" aria-label="Volume data warning">
          <TriangleAlert size={14} aria-hidden="true" />
          <span>
            <strong>Volume data is lost.</strong> Every file in a pruned volume is deleted for good; there is no undo.
          </span>
        </div>
      )}
    </fieldset>
  );
}

function KindRow({ label, hint, children }: { label: string; hint: string; children: ReactNode }) {
  return (
    <div className="sy-kind">
      <div className="sy-kind-text">
        <span className="sy-kind-label">{label}</span>
        <span className="sy-kind-hint">{hint}</span>
      </div>
      {children}
    </div>
  );
}

function KindCheck({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="sy-kind sy-kind-check">
      <div className="sy-kind-text">
        <span className="sy-kind-label">{label}</span>
        <span className="sy-kind-hint">{hint}</span>
      </div>
      <input type="checkbox" aria-label={label} checked={checked} onChange={(e) => onChange(e.target.checked)} />
    </label>
  );
}

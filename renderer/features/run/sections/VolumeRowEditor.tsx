import { X } from 'lucide-react';
import type { FieldErrors, VolumeRow } from '../../../../shared/run-spec';
import { Field } from '../../../components/FormField';
import { IconButton } from '../../../components/IconButton';
import { PathField } from '../../../components/PathField';

/** One volume row of the Run dialog: a named volume or a host folder, its container path, read-only. */

export function VolumeRowEditor({
  uid,
  index,
  row,
  errors,
  existing,
  onChange,
  onRemove,
  onBlur,
}: {
  uid: string;
  index: number;
  row: VolumeRow;
  errors: FieldErrors;
  existing: boolean;
  onChange: (row: VolumeRow) => void;
  onRemove: () => void;
  onBlur: () => void;
}) {
  const n = index + 1;
  const isBind = row.kind === 'bind';
  const sourceHint = isBind
    ? 'A folder on the machine Berth runs on'
    : row.source.trim()
      ? existing
        ? 'Existing volume'
        : 'New volume: created on run'
      : 'Empty: an anonymous volume';
  const sourceError = errors[`volumes.${index}.source`];
  return (
    <div className="run-volume" role="group" aria-label={`Volume ${n}`}>
      <Field id={`${uid}-vol-${index}-kind`} label="Type">
        <select
          className="select"
          value={row.kind}
          onChange={(e) => onChange({ ...row, kind: e.target.value as VolumeRow['kind'] })}
        >
          <option value="volume">Named volume</option>
          <option value="bind">Host folder</option>
        </select>
      </Field>
      {isBind ? (
        <PathField
          id={`${uid}-vol-${index}-source`}
          label="Host path"
          mode="directory"
          value={row.source}
          error={sourceError}
          hint={sourceHint}
          placeholder="/home/me/site"
          onChange={(source) => onChange({ ...row, source })}
        />
      ) : (
        <Field id={`${uid}-vol-${index}-source`} label="Volume name" error={sourceError} hint={sourceHint}>
          <input
            className="input mono"
            list={`${uid}-volumes`}
            value={row.source}
            spellCheck={false}
            autoComplete="off"
            placeholder="pick or type a new name"
            onChange={(e) => onChange({ ...row, source: e.target.value })}
            onBlur={onBlur}
          />
        </Field>
      )}
      <Field id={`${uid}-vol-${index}-target`} label="Container path" error={errors[`volumes.${index}.target`]}>
        <input
          className="input mono"
          value={row.target}
          spellCheck={false}
          placeholder="/data"
          onChange={(e) => onChange({ ...row, target: e.target.value })}
          onBlur={onBlur}
        />
      </Field>
      <div className="check-row run-ro">
        <input
          id={`${uid}-vol-${index}-ro`}
          type="checkbox"
          checked={row.readOnly}
          onChange={(e) => onChange({ ...row, readOnly: e.target.checked })}
        />
        <label htmlFor={`${uid}-vol-${index}-ro`} className="check-label">
          Read-only
        </label>
      </div>
      <IconButton label={`Remove volume ${n}`} icon={X} size="sm" className="run-volume-remove" onClick={onRemove} />
    </div>
  );
}

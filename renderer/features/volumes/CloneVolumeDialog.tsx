import { useEffect, useId, useMemo, useState } from 'react';
import { Check, Field } from '../../components/FormField';
import { toast } from '../../components/Toasts';
import type { VolumeRow } from '../../presentation/resources';
import { bindsHostFolder, cloneName, cloneNameError, copiedText } from '../../presentation/volumeBackup';
import { CancelOnCloseDialog, TransferStatus } from '../archive/TransferParts';
import { useOnDone, useTransfer } from '../archive/useTransfer';
import { useVolumeOptions } from './useVolumeOptions';
import { CopyFooter, InUseNote, Note } from './VolumeCopyParts';
import { useVolumes, volumesList } from './volumesStore';

/**
 * `volumes.clone`: a new volume with the source's driver, labels and (unless unticked) driver options,
 * holding a copy of its files. A source bound to a host folder (`device=`) would share that folder: the
 * option copy is off then, with why.
 */
export function CloneVolumeDialog({ volume, onClose }: { volume: VolumeRow; onClose: () => void }) {
  const uid = useId();
  const { state, start, cancel } = useTransfer('volumes.clone');
  const existing = useExistingNames();
  const [name, setName] = useState(() => cloneName(volume.name, existing));
  const [touched, setTouched] = useState(false);
  const options = useVolumeOptions(volume.name);
  const device = options ? bindsHostFolder(options) : undefined;
  const [copyOptions, setCopyOptions] = useState(true);
  useEffect(() => {
    if (device !== undefined) setCopyOptions(false);
  }, [device]);

  const running = state.phase === 'running';
  const nameError = touched ? cloneNameError(name, existing) : undefined;

  useOnDone(state, (result) => {
    void volumesList.reload();
    toast.success(`Cloned ${volume.displayName} to ${result.volume}`, copiedText(result));
    onClose();
  });

  const submit = (): void => {
    setTouched(true);
    if (cloneNameError(name, existing)) return;
    start({ name: volume.name, newName: name.trim(), copyOptions });
  };

  const labels = Object.entries(volume.labels);
  const optionList = Object.entries(options ?? {});
  return (
    <CancelOnCloseDialog
      title={`Clone ${volume.displayName}`}
      description="Makes a new volume with the same driver and labels, and copies every file into it."
      width={560}
      running={running}
      onCancel={cancel}
      onClose={onClose}
      footer={<CopyFooter phase={state.phase} action="Clone" onCancel={cancel} onClose={onClose} onSubmit={submit} />}
    >
      <form
        className="ar-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field id={`${uid}-name`} label="New volume name" error={nameError}>
          <input
            className="input mono"
            value={name}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            disabled={running}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => setTouched(true)}
          />
        </Field>
        <dl className="vb-facts vb-source">
          <div>
            <dt>Driver</dt>
            <dd className="mono">{volume.driver}</dd>
          </div>
          <div>
            <dt>Labels</dt>
            <dd>{labels.length === 0 ? <span className="rv-faint">none</span> : <KeyValues entries={labels} />}</dd>
          </div>
          <div>
            <dt>Driver options</dt>
            <dd>
              {options === undefined ? (
                <span className="rv-faint">…</span>
              ) : optionList.length === 0 ? (
                <span className="rv-faint">none</span>
              ) : (
                <KeyValues entries={optionList} />
              )}
            </dd>
          </div>
        </dl>
        <Check
          id={`${uid}-opts`}
          label="Copy driver options"
          hint={optionList.length === 0 && options !== undefined ? 'The source has none.' : undefined}
          checked={copyOptions}
          disabled={running}
          onChange={setCopyOptions}
        />
        {device !== undefined && (
          <Note tone="info" label="Host folder">
            {volume.displayName} shows the host folder <span className="mono">{device}</span>. With its options the
            clone would show that same folder, so nothing would be copied apart. Left unticked, the clone is a plain
            volume holding a copy of the files.
          </Note>
        )}
        <InUseNote volume={volume.name} verb="The clone" />
        <TransferStatus
          state={state}
          label="Copying"
          cancelled="Cancelled. The new volume was removed again."
          errorText={(e) => `Could not clone ${volume.displayName}: ${e.message}`}
        />
      </form>
    </CancelOnCloseDialog>
  );
}

function KeyValues({ entries }: { entries: ReadonlyArray<[string, string]> }) {
  return (
    <ul className="vb-kv">
      {entries.map(([k, v]) => (
        <li key={k} className="mono">
          {v ? `${k}=${v}` : k}
        </li>
      ))}
    </ul>
  );
}

/** The names of the volumes listed now (live). */
function useExistingNames(): ReadonlySet<string> {
  const items = useVolumes().items;
  return useMemo(() => new Set(items.map((v) => v.name)), [items]);
}

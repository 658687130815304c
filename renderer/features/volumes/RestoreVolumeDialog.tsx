import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FieldErrors } from '../../../shared/run-spec';
import { PathField } from '../../components/PathField';
import { toast } from '../../components/Toasts';
import { useFieldForm } from '../../components/useFieldForm';
import type { VolumeRow } from '../../presentation/resources';
import { hostFileError } from '../../presentation/paths';
import { copiedText, volumeNameFromBackup } from '../../presentation/volumeBackup';
import { emptyVolumeForm, toCreateInput, validateVolumeForm, type VolumeForm } from '../../presentation/volumeCreate';
import { CancelOnCloseDialog, TransferStatus } from '../archive/TransferParts';
import { useOnDone, useTransfer } from '../archive/useTransfer';
import { OverwriteConfirm, PlanSummary } from './RestorePlanView';
import { RestoreTargetSection, type RestoreInto } from './RestoreTargetSection';
import { useRestorePlan } from './useRestorePlan';
import { useVolumeDrivers } from './useVolumeForm';
import { CopyFooter, InUseNote } from './VolumeCopyParts';
import { useVolumes, volumesList } from './volumesStore';

/** A new volume needs a name here: the restored data is found by it. */
function validateNew(f: VolumeForm): FieldErrors {
  const errors = validateVolumeForm(f);
  if (!f.name.trim()) errors.name ??= 'Name the new volume';
  return errors;
}

/**
 * `volumes.restore`: a tar or tar.gz from the host into a new volume or an existing one. The file is read
 * first (volumes.restorePlan): its contents are shown, a corrupt file's reason sits at the file field, and
 * an existing volume that is not empty says what would be overwritten and needs a ticked confirmation.
 */
export function RestoreVolumeDialog({ volume, onClose }: { volume?: VolumeRow | undefined; onClose: () => void }) {
  const uid = useId();
  const { state, start, cancel } = useTransfer('volumes.restore');
  const [source, setSource] = useState('');
  const [touched, setTouched] = useState(false);
  const [into, setInto] = useState<RestoreInto>(volume ? 'existing' : 'new');
  const [existing, setExisting] = useState(volume?.name ?? '');
  const [confirmed, setConfirmed] = useState(false);
  const form = useFieldForm(emptyVolumeForm, validateNew);
  const nameEdited = useRef(false);
  const drivers = useVolumeDrivers();
  const volumes = useVolumes().items;
  const names = useMemo(() => volumes.map((v) => v.name).sort(), [volumes]);
  const target = into === 'existing' ? existing || undefined : undefined;
  const { plan, adopt } = useRestorePlan(source, target);

  const running = state.phase === 'running';
  const fileError =
    plan.state === 'error' ? plan.message : touched ? hostFileError(source, 'Choose a backup file') : undefined;
  const ready = plan.state === 'ready' ? plan.plan : undefined;
  const needsConfirm = into === 'existing' && ready !== undefined && ready.targetEntries > 0;

  // A new volume's name follows the file's until the user types one.
  const pickSource = (p: string): void => {
    setSource(p);
    setConfirmed(false);
    if (!nameEdited.current) form.update('name', volumeNameFromBackup(p));
  };
  const update: typeof form.update = (key, value, field) => {
    if (key === 'name') nameEdited.current = true;
    form.update(key, value, field);
  };

  useOnDone(state, (result) => {
    void volumesList.reload();
    toast.success(`Restored into ${result.volume}`, copiedText(result));
    onClose();
  });

  // A refusal: a taken name lands at the name; a target found non-empty since the plan asks again.
  const error = state.phase === 'error' ? state.error : undefined;
  useEffect(() => {
    if (error?.code !== 'CONFLICT') return;
    if (into === 'new') form.setServerErrors({ name: error.message });
    else if (adopt(error.details)) setConfirmed(false);
  }, [error]); // eslint-disable-line react-hooks/exhaustive-deps -- once per refusal

  const submit = (): void => {
    setTouched(true);
    form.setSubmitted(true);
    if (hostFileError(source, '') || !ready) return;
    if (into === 'new' && Object.keys(form.clientErrors).length > 0) return;
    if (into === 'existing' && (!existing || (needsConfirm && !confirmed))) return;
    start({
      source: source.trim(),
      into: into === 'new' ? { kind: 'new', volume: toCreateInput(form.spec) } : { kind: 'existing', name: existing },
      replace: needsConfirm && confirmed,
    });
  };

  return (
    <CancelOnCloseDialog
      title={volume ? `Restore into ${volume.displayName}` : 'Restore from backup'}
      description="Reads a tar or tar.gz made by Back up (or tar -C /volume -c .) into a volume."
      width={620}
      running={running}
      onCancel={cancel}
      onClose={onClose}
      footer={
        <CopyFooter
          phase={state.phase}
          action="Restore"
          blocked={!ready || (into === 'existing' && !existing) || (needsConfirm && !confirmed)}
          onCancel={cancel}
          onClose={onClose}
          onSubmit={submit}
        />
      }
    >
      <div className="ar-form vb-restore">
        <PathField
          label="Backup file"
          mode="file"
          value={source}
          onChange={pickSource}
          error={fileError}
          placeholder="/home/me/data-2026-12-05.tar"
          disabled={running}
        />
        <PlanSummary plan={plan} />
        <RestoreTargetSection
          uid={uid}
          into={into}
          onInto={(v) => {
            setInto(v);
            setConfirmed(false);
          }}
          existing={existing}
          onExisting={(n) => {
            setExisting(n);
            setConfirmed(false);
          }}
          names={names}
          form={{ ...form, update }}
          drivers={drivers}
          disabled={running}
        />
        {into === 'existing' && ready && existing && (
          <OverwriteConfirm
            volume={existing}
            plan={ready}
            confirmed={confirmed}
            onConfirm={setConfirmed}
            disabled={running}
          />
        )}
        {into === 'existing' && existing && <InUseNote volume={existing} verb="The restore" />}
        <TransferStatus
          state={state}
          label="Restoring"
          cancelled={`Cancelled.${into === 'new' ? ' The new volume was removed again.' : ''}`}
          errorText={(e) => (e.code === 'CONFLICT' ? null : `Could not restore: ${e.message}`)}
        />
      </div>
    </CancelOnCloseDialog>
  );
}

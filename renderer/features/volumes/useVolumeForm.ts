import { useEffect, useState, type RefObject } from 'react';
import type { VolumeSummary } from '../../../shared/models';
import { api } from '../../api';
import { toast } from '../../components/Toasts';
import { useFieldForm, useFocusFirstError, useFormSubmit } from '../../components/useFieldForm';
import { createErrorFields, emptyVolumeForm, toCreateInput, validateVolumeForm } from '../../presentation/volumeCreate';
import { volumesList } from './volumesStore';

/** The engine's volume drivers (local and any plugin's), once per dialog. */
export function useVolumeDrivers(): string[] | undefined {
  const [drivers, setDrivers] = useState<string[] | undefined>();
  useEffect(() => {
    let live = true;
    api.invoke('system.info', {}).then(
      (info) => live && setDrivers(info.volumeDrivers),
      () => live && setDrivers(['local']),
    );
    return () => {
      live = false;
    };
  }, []);
  return drivers;
}

/**
 * The Create volume dialog's state: the form as typed (checked by validateVolumeForm as it changes), the
 * engine's drivers, and submit: `volumes.create`, whose refusal lands at the name (taken) or the form
 * (the engine's words), with the focus on the first field in error.
 */
export function useVolumeForm(bodyRef: RefObject<HTMLElement | null>, onCreated: (v: VolumeSummary) => void) {
  const form = useFieldForm(emptyVolumeForm, validateVolumeForm);
  const drivers = useVolumeDrivers();
  const { busy, submit } = useFormSubmit(
    form,
    async () => {
      const volume = await api.invoke('volumes.create', toCreateInput(form.spec));
      // The row shows as soon as the list has it, not after the create event's throttled re-list.
      void volumesList.reload();
      toast.success(`Created volume ${volume.name}`);
      onCreated(volume);
    },
    createErrorFields,
    useFocusFirstError(bodyRef),
  );
  return { ...form, drivers, busy, submit };
}

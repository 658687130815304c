import { useEffect, useState, type RefObject } from 'react';
import type { SystemInfo } from '../../../shared/contracts/system';
import { emptyNetworkSpec, validateNetworkSpec, type Family, type IpamRow } from '../../../shared/network-spec';
import { api } from '../../api';
import { toast } from '../../components/Toasts';
import { useFieldForm, useFocusFirstError, useFormSubmit } from '../../components/useFieldForm';
import { creatableDrivers } from '../../presentation/network-create';
import { fieldErrorsOf } from '../../presentation/run';
import { networksList } from './networksStore';

const BLANK_POOL: IpamRow = { subnet: '', gateway: '', ipRange: '' };

/** Which drivers the engine can make a network with (`system.info`, once per dialog). */
function useCreatableDrivers(): { drivers: string[]; loading: boolean; error: string | undefined } {
  const [info, setInfo] = useState<SystemInfo | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    api.invoke('system.info', {}).then(
      (i) => live && setInfo(i),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  return { drivers: creatableDrivers(info), loading: !info && !error, error };
}

/**
 * The Create network dialog's state: the spec as typed (checked by validateNetworkSpec, the handler's own
 * checks, as it changes), the address pools with the family each was added as (for its placeholders),
 * the drivers on offer, and submit: `networks.create`, whose refusals land at the field they concern.
 */
export function useNetworkForm(bodyRef: RefObject<HTMLElement | null>, onCreated: (id: string, name: string) => void) {
  const form = useFieldForm(emptyNetworkSpec, validateNetworkSpec);
  const { spec, update } = form;
  const [families, setFamilies] = useState<Family[]>([]);
  const drivers = useCreatableDrivers();

  const pools = {
    rows: spec.ipam,
    /** A row's family: what its subnet says, else what it was added as. */
    familyOf: (i: number): Family =>
      spec.ipam[i]?.subnet.includes(':')
        ? 'ipv6'
        : spec.ipam[i]?.subnet.includes('.')
          ? 'ipv4'
          : (families[i] ?? 'ipv4'),
    add(family: Family): void {
      setFamilies((f) => [...f.slice(0, spec.ipam.length), family]);
      update('ipam', [...spec.ipam, BLANK_POOL]);
      // An IPv6 pool needs IPv6 on; adding one says so.
      if (family === 'ipv6' && !spec.ipv6) update('ipv6', true);
    },
    set(i: number, row: IpamRow, field: keyof IpamRow): void {
      update(
        'ipam',
        spec.ipam.map((r, j) => (j === i ? row : r)),
        `ipam.${i}.${field}`,
      );
    },
    remove(i: number): void {
      setFamilies((f) => f.filter((_, j) => j !== i));
      update(
        'ipam',
        spec.ipam.filter((_, j) => j !== i),
        'ipam',
      );
    },
  };

  const { busy, submit } = useFormSubmit(
    form,
    async () => {
      const { id } = await api.invoke('networks.create', { spec });
      // The row shows as soon as the list has it, not after the create event's throttled re-list.
      void networksList.reload();
      toast.success(`Created network ${spec.name}`);
      onCreated(id, spec.name);
    },
    fieldErrorsOf,
    useFocusFirstError(bodyRef),
  );

  return { ...form, pools, drivers, busy, submit };
}

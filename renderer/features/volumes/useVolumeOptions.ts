import { useEffect, useState } from 'react';
import { api } from '../../api';

/**
 * A volume's driver options (`Options` of its inspect: the list does not carry them); undefined until
 * known, {} when the inspect fails (the clone's own answer then says why).
 */
export function useVolumeOptions(name: string): Record<string, string> | undefined {
  const [options, setOptions] = useState<Record<string, string> | undefined>();
  useEffect(() => {
    let live = true;
    api.invoke('volumes.inspect', { name }).then(
      (r) => live && setOptions(stringRecord(r.raw)),
      () => live && setOptions({}),
    );
    return () => {
      live = false;
    };
  }, [name]);
  return options;
}

function stringRecord(raw: unknown): Record<string, string> {
  const opts = typeof raw === 'object' && raw !== null ? (raw as { Options?: unknown }).Options : undefined;
  if (typeof opts !== 'object' || opts === null) return {};
  return Object.fromEntries(Object.entries(opts).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

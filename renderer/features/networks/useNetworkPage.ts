import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isBerthError } from '../../../shared/errors';
import { api } from '../../api';
import { coalesced } from '../../lib/timers';
import { networkPageEventEffect, toNetworkPageModel, type NetworkPageModel } from '../../presentation/networkPage';
import { onEngineEvent } from '../../stores/engineEvents';
import { errorMessage } from '../../stores/toasts';

export interface NetworkPageState {
  model: NetworkPageModel | undefined;
  /** The first read failed: no such network, or the engine could not say. */
  error: { notFound: boolean; message: string } | undefined;
  /** The network was removed while shown: the page keeps its last known state. */
  gone: boolean;
  reload: () => void;
}

/**
 * A container's aliases on this network (the network's own JSON has none); [] when it cannot be read.
 * Docker's endpoint names the network by id; Podman's NetworkID holds the network's name.
 */
async function aliasesOf(containerId: string, network: { id: string; name: string }): Promise<readonly string[]> {
  try {
    const { detail } = await api.invoke('containers.inspect', { id: containerId });
    const on = (n: { networkId: string; name: string }): boolean =>
      n.networkId === network.id || (n.networkId === network.name && n.name === network.name);
    return detail.networks.find(on)?.aliases ?? [];
  } catch {
    return [];
  }
}

/**
 * One network as its page shows it, kept live by engine events (its own connect/disconnect/destroy,
 * an attached container's rename, a resync), never polled. The attached containers' aliases come from
 * their inspect, read after the network so the page shows at once.
 */
export function useNetworkPage(id: string): NetworkPageState {
  const [raw, setRaw] = useState<unknown>();
  const [aliases, setAliases] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const [error, setError] = useState<NetworkPageState['error']>();
  const [gone, setGone] = useState(false);
  const fullId = useRef<string | undefined>(undefined);
  const attached = useRef<ReadonlySet<string>>(new Set());
  const generation = useRef(0);

  const load = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const res = await api.invoke('networks.inspect', { id: fullId.current ?? id });
      if (gen !== generation.current) return;
      const model = toNetworkPageModel(res.raw);
      if (!model) throw new Error('The engine answered with something that is not a network');
      fullId.current = model.id;
      attached.current = new Set(model.endpoints.map((e) => e.containerId));
      setRaw(res.raw);
      setError(undefined);
      setGone(false);
      const containers = model.endpoints.filter((e) => e.isContainer).map((e) => e.containerId);
      const read = await Promise.all(containers.map(async (c) => [c, await aliasesOf(c, model)] as const));
      if (gen === generation.current) setAliases(new Map(read));
    } catch (err) {
      if (gen !== generation.current) return;
      const notFound = isBerthError(err) && err.code === 'NOT_FOUND';
      if (notFound && fullId.current) setGone(true);
      else setError({ notFound, message: errorMessage(err) });
    }
  }, [id]);

  useEffect(() => {
    const loads = generation;
    void load();
    const reload = coalesced(() => void load(), 30);
    const off = onEngineEvent((ev) => {
      const mine = fullId.current;
      if (!mine) return;
      const effect = networkPageEventEffect(ev, mine, attached.current);
      if (effect === 'gone') setGone(true);
      else if (effect === 'reload') reload.schedule();
    });
    return () => {
      off();
      reload.cancel();
      loads.current++; // a read still in flight lands nowhere
    };
  }, [load]);

  const model = useMemo(() => (raw === undefined ? undefined : toNetworkPageModel(raw, aliases)), [raw, aliases]);
  return { model, error, gone, reload: () => void load() };
}

import { useState } from 'react';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { toast } from '../../components/Toasts';
import { errorMessage } from '../../stores/toasts';

export interface DisconnectTarget {
  network: { id: string; name: string };
  container: { id: string; name: string };
  /** The container's address on the network, for the message ("172.18.0.2"); '' when none. */
  address?: string;
}

/**
 * Confirms `docker network disconnect [--force]`, saying which container leaves which network. The
 * engine's refusal stays in the dialog (the user may then tick Force); success closes it and the pages
 * update from the network's disconnect event.
 */
export function DisconnectDialog({ target, onClose }: { target: DisconnectTarget | undefined; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!target) return null;
  const { network, container, address } = target;
  const close = (): void => {
    setError(undefined);
    onClose();
  };
  const confirm = async (force: boolean): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.invoke('networks.disconnect', { network: network.id, container: container.id, force });
      toast.success(`Disconnected ${container.name} from ${network.name}`);
      close();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`Disconnect ${container.name} from ${network.name}?`}
      message={
        <>
          Container <strong>{container.name}</strong> leaves network <strong>{network.name}</strong>
          {address ? <> and gives up its address {address}</> : null}. Other containers on {network.name} no longer
          reach it by its name or aliases there. The container itself keeps running.
        </>
      }
      options={[
        {
          id: 'force',
          label: 'Force',
          hint: 'docker network disconnect --force: also when the engine would refuse, e.g. a stale endpoint',
        },
      ]}
      confirmLabel="Disconnect"
      busy={busy}
      error={error && <>The engine refused: {error}</>}
      onConfirm={(opts) => void confirm(opts['force'] === true)}
      onCancel={close}
    />
  );
}

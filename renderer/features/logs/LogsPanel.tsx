import { useMemo } from 'react';
import type { ContainerState } from '../../../shared/models';
import { logsPath, navigate } from '../../lib/router';
import { useContainersStore } from '../containers/store';
import { LogsViewer } from './LogsViewer';

/** The Logs tab of a container: one live stream, closed when the tab unmounts. */
export function LogsPanel(props: { containerId: string; state: ContainerState; name?: string }) {
  const { containerId, state } = props;
  const known = useContainersStore((s) => s.byId.get(containerId)?.name);
  const name = props.name ?? known;
  const sources = useMemo(() => [{ id: containerId, name: name ?? containerId.slice(0, 12) }], [containerId, name]);
  const states = useMemo(() => [state], [state]);
  return (
    <LogsViewer sources={sources} states={states} label="Logs" onOpenFull={() => navigate(logsPath([containerId]))} />
  );
}

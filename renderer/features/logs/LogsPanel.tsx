import type { ContainerState } from '../../../shared/models';

/** Placeholder: being built. */
export function LogsPanel(props: { containerId: string; state: ContainerState; tty: boolean }) {
  return (
    <section aria-label="Logs" className="panel-placeholder">
      Logs for {props.containerId.slice(0, 12)} ({props.state})
    </section>
  );
}

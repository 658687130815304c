import type { ContainerState } from '../../../shared/models';

/** Placeholder: being built. */
export function ProcessesPanel(props: { containerId: string; state: ContainerState }) {
  return (
    <section aria-label="Processes" className="panel-placeholder">
      Processes for {props.containerId.slice(0, 12)} ({props.state})
    </section>
  );
}

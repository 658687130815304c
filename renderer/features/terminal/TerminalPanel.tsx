import type { ContainerState } from '../../../shared/models';

/** Placeholder: being built. */
export function TerminalPanel(props: { containerId: string; state: ContainerState }) {
  return (
    <section aria-label="Terminal" className="panel-placeholder">
      Terminal for {props.containerId.slice(0, 12)} ({props.state})
    </section>
  );
}

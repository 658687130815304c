import type { ContainerState } from '../../../shared/models';

/** Placeholder: being built. */
export function ChangesPanel(props: { containerId: string; state: ContainerState }) {
  return (
    <section aria-label="Changes" className="panel-placeholder">
      Changes for {props.containerId.slice(0, 12)} ({props.state})
    </section>
  );
}

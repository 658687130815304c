import type { ContainerState } from '../../../shared/models';

/** Placeholder: being built. */
export function StatsPanel(props: { containerId: string; state: ContainerState }) {
  return (
    <section aria-label="Stats" className="panel-placeholder">
      Stats for {props.containerId.slice(0, 12)} ({props.state})
    </section>
  );
}

import type { ReactNode } from 'react';
import type { ContainerState } from '../../shared/models';
import { stateLabel, stateTone, type Tone } from '../presentation/format';

/**
 * Small pill with a tone. `StateBadge` shows a container state as dot + text label (never colour alone).
 *
 *   <Badge tone="info">web</Badge>
 *   <Badge tone="neutral" title="Compose service">db</Badge>
 *   <StateBadge state={c.state} />
 */
export function Badge({
  tone = 'neutral',
  title,
  children,
  dot = false,
}: {
  tone?: Tone;
  title?: string;
  children: ReactNode;
  dot?: boolean;
}) {
  return (
    <span className={`badge tone-${tone}`} title={title}>
      {dot && <span className="badge-dot" aria-hidden="true" />}
      {children}
    </span>
  );
}

export function StateBadge({ state, busy }: { state: ContainerState | string; busy?: boolean }) {
  return (
    <span className={`state-badge tone-${stateTone(state)}${busy ? ' is-busy' : ''}`}>
      <span className="badge-dot" aria-hidden="true" />
      {stateLabel(state)}
    </span>
  );
}

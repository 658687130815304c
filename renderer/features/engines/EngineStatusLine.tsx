import type { EngineEntry, EngineProbe } from '../../../shared/contracts/engines';
import { ReasonText } from '../../components/ReasonText';
import { Spinner } from '../../components/Spinner';

/** One engine's state in a list: version · API · OS when it answers, else its own last error. */
export function EngineStatusLine({ probe, probing }: { probe: EngineProbe | undefined; probing: boolean }) {
  if (!probe) {
    return probing ? (
      <span className="engine-probe is-pending">
        <Spinner size={10} /> Checking…
      </span>
    ) : (
      <span className="engine-probe is-pending">Not checked</span>
    );
  }
  if (!probe.reachable) {
    const error = probe.error ?? 'No answer';
    // In the menu a long refusal (ssh's host-key warning) is cut to a few lines; the full text stays in
    // the DOM for screen readers and in the tooltip, and the Settings page shows it whole.
    return (
      <span className="engine-probe is-error" title={error}>
        <ReasonText text={error} />
      </span>
    );
  }
  const parts = [
    probe.product && probe.version ? `${probe.product} ${probe.version}` : probe.version,
    probe.apiVersion ? `API ${probe.apiVersion}` : undefined,
    probe.os,
  ].filter(Boolean);
  return <span className="engine-probe">{parts.join(' · ')}</span>;
}

export const KIND_LABEL: Record<EngineEntry['kind'], string> = {
  default: 'default',
  context: 'context',
  podman: 'podman',
  unix: 'socket',
  tcp: 'tcp',
  ssh: 'ssh',
};

export function probeDot(probe: EngineProbe | undefined): 'connected' | 'unreachable' | 'connecting' {
  if (!probe) return 'connecting';
  return probe.reachable ? 'connected' : 'unreachable';
}

import { COMPOSE_LABELS, isOneOff } from '../../shared/compose-labels';

/**
 * How each container of a merged logs view is labelled and coloured: like `docker compose logs`, the
 * containers of one compose service share one colour and are named `service-N` (N = the replica
 * number compose labelled), so the replicas of a scaled service read as one. Other containers keep
 * their name and a colour of their own. Pure.
 */

/** Colours the viewer has (`.log-src-0` … `.log-src-7`). */
export const LOG_COLOURS = 8;

export interface LogSourceInput {
  id: string;
  /** Container name (without the leading slash). */
  name: string;
  /** The container's labels; undefined when the container is not known (yet). */
  labels: Readonly<Record<string, string>> | undefined;
}

export interface LogSourceLook {
  /** The prefix of its lines and its legend entry: "web-1", or the container's name. */
  label: string;
  /** Palette index, 0 … LOG_COLOURS - 1. */
  colour: number;
  /** "project/service" for a compose service's container, else undefined. */
  group: string | undefined;
}

interface Parsed {
  project: string;
  service: string;
  number: number | undefined;
  oneoff: boolean;
}

function parse(labels: LogSourceInput['labels']): Parsed | undefined {
  const project = labels?.[COMPOSE_LABELS.project];
  const service = labels?.[COMPOSE_LABELS.service];
  if (!project || !service) return undefined;
  const n = Number.parseInt(labels[COMPOSE_LABELS.number] ?? '', 10);
  return { project, service, number: Number.isFinite(n) ? n : undefined, oneoff: isOneOff(labels) };
}

/**
 * One look per source, in order. Colours go out in order of first appearance: one per compose service
 * (project + service), one per other container. A service name used by two projects in the view is
 * prefixed with its project ("shop/web-1") so the labels stay unambiguous; a label two containers
 * would share (a one-off `run`, a missing number) falls back to the container's name.
 */
export function logSourceLooks(sources: readonly LogSourceInput[]): LogSourceLook[] {
  const parsed = sources.map((s) => parse(s.labels));
  const projectsOfService = new Map<string, Set<string>>();
  for (const p of parsed) {
    if (!p) continue;
    const set = projectsOfService.get(p.service) ?? new Set<string>();
    set.add(p.project);
    projectsOfService.set(p.service, set);
  }
  const colourOf = new Map<string, number>();
  let next = 0;
  const looks = sources.map((s, i): LogSourceLook & { proposed: boolean } => {
    const p = parsed[i];
    const group = p ? `${p.project}/${p.service}` : `container:${s.id}`;
    let colour = colourOf.get(group);
    if (colour === undefined) {
      colour = next++ % LOG_COLOURS;
      colourOf.set(group, colour);
    }
    if (!p || p.oneoff || p.number === undefined) return { label: s.name, colour, group: p && group, proposed: false };
    const ambiguous = (projectsOfService.get(p.service)?.size ?? 0) > 1;
    const label = `${ambiguous ? `${p.project}/` : ''}${p.service}-${p.number}`;
    return { label, colour, group, proposed: true };
  });
  // A proposed label that another source also has would mix two containers' lines: use names there.
  const seen = new Map<string, number>();
  for (const l of looks) seen.set(l.label, (seen.get(l.label) ?? 0) + 1);
  return looks.map(({ proposed, ...l }, i) =>
    proposed && (seen.get(l.label) ?? 0) > 1 ? { ...l, label: sources[i]!.name } : l,
  );
}

import { MAX_MUTED, MutedTarget, type NotificationPrefs } from '../../../shared/contracts/notifications';

/** Pure helpers of the muted list (no store, no React): unit-tested. */

export const KIND_TEXT: Record<MutedTarget['kind'], string> = { container: 'Container', project: 'Project' };

export function sameTarget(a: MutedTarget, b: MutedTarget): boolean {
  return a.kind === b.kind && a.name === b.name;
}

export function isTargetMuted(prefs: NotificationPrefs, target: MutedTarget): boolean {
  return prefs.muted.some((m) => sameTarget(m, target));
}

/** Why `name` cannot be muted as `kind`, or undefined when it can. */
export function muteError(muted: readonly MutedTarget[], kind: MutedTarget['kind'], name: string): string | undefined {
  const parsed = MutedTarget.safeParse({ kind, name });
  if (!parsed.success) return name.trim() ? 'At most 255 characters.' : `Type a ${kind} name.`;
  const trimmed = parsed.data.name;
  if (muted.some((m) => m.kind === kind && m.name === trimmed))
    return `${KIND_TEXT[kind]} “${trimmed}” is already muted.`;
  if (muted.length >= MAX_MUTED) return `At most ${MAX_MUTED} muted entries: unmute some first.`;
  return undefined;
}

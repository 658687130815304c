import { z } from 'zod';
import { AddEngineInput } from '../../shared/contracts/engines';
import type { AddedEngine } from './discovery';

/**
 * The `engines` key of the settings file: the engine last chosen and the engines the user added.
 * Validated here, on read and before every write; an entry that does not parse is dropped from what
 * Berth uses (and logged), the rest is kept.
 */

export const SETTINGS_KEY = 'engines';

const AddedId = z.string().regex(/^added:[A-Za-z0-9-]{1,64}$/);

export const EnginesSettings = z.object({
  current: z.string().min(1).max(300).optional(),
  added: z.array(z.unknown()).max(100).default([]),
});

export interface EnginesState {
  current?: string | undefined;
  added: AddedEngine[];
}

export function parseEnginesSettings(raw: unknown, log: (msg: string) => void = () => undefined): EnginesState {
  if (raw === undefined) return { added: [] };
  const top = EnginesSettings.safeParse(raw);
  if (!top.success) {
    log(`settings "engines" ignored: ${top.error.issues.map((i) => i.message).join('; ')}`);
    return { added: [] };
  }
  const added: AddedEngine[] = [];
  for (const item of top.data.added) {
    const id = AddedId.safeParse((item as { id?: unknown } | null)?.id);
    const spec = AddEngineInput.safeParse(item);
    if (id.success && spec.success && !added.some((a) => a.id === id.data)) added.push({ ...spec.data, id: id.data });
    else log('settings "engines": an added engine that does not parse was skipped');
  }
  return { ...(top.data.current ? { current: top.data.current } : {}), added };
}

/** What goes into the settings file. */
export function serializeEnginesSettings(state: EnginesState): { current?: string; added: AddedEngine[] } {
  return { ...(state.current ? { current: state.current } : {}), added: state.added };
}

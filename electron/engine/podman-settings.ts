import { z } from 'zod';
import type { SettingsStore } from '../settings/store';

/** The settings key owned by "Start Podman": whether the service outlives Berth. */
export const PODMAN_SETTINGS_KEY = 'podmanService';

const PodmanSettings = z.object({ keep: z.boolean().default(false) });
export type PodmanSettings = z.infer<typeof PodmanSettings>;

/** The remembered choice; a missing or malformed value reads as the default (stop on quit). */
export async function readPodmanSettings(store: SettingsStore): Promise<PodmanSettings> {
  const parsed = PodmanSettings.safeParse((await store.get(PODMAN_SETTINGS_KEY).catch(() => undefined)) ?? {});
  return parsed.success ? parsed.data : { keep: false };
}

export async function writePodmanSettings(store: SettingsStore, value: PodmanSettings): Promise<void> {
  await store.update(PODMAN_SETTINGS_KEY, PodmanSettings.parse(value));
}
